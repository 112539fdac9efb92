# SPDX-License-Identifier: EUPL-1.2
"""An organisation's experiment rules in the back office: HR keep their own organisation's,
not another's; administrators keep every one; editors, moderators and staff do not reach them
(elan/experiments/wagtail_hooks.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from elan.experiments.models import ExperimentRules
from elan.experiments.selectors import rules_for

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/experiments_rules/"
ADD_URL = f"{LIST_URL}new/"


def form_data(organisation, **changes) -> dict:
    return {
        "organisation": organisation.pk,
        "spend_limit_euros": "800",
        "data_protection_email": "dpo@fps-one.test",
        "reminder_days": "5",
        **changes,
    }


def test_the_admin_urls_are_named():
    assert reverse("experiments_rules:index") == LIST_URL
    assert reverse("experiments_rules:add") == ADD_URL


@pytest.mark.parametrize("persona", ["hr", "administrator"])
def test_hr_and_administrators_reach_the_screen(persona, client_for):
    client = client_for(persona)

    assert client.get(LIST_URL).status_code == 200
    assert client.get(ADD_URL).status_code == 200


def test_hr_set_their_organisations_rules_which_its_units_follow(personas, client_for):
    response = client_for("hr").post(ADD_URL, form_data(personas.organisation))

    assert response.status_code == 302, response.content.decode()[:2000]
    rules = rules_for(unit=personas.team)
    assert (rules.spend_limit_euros, rules.data_protection_email, rules.reminder_days) == (
        800,
        "dpo@fps-one.test",
        5,
    )


def test_hr_edit_their_organisations_rules(personas, client_for):
    rules = ExperimentRules.objects.create(organisation=personas.organisation)
    client = client_for("hr")

    assert personas.organisation.name in client.get(LIST_URL).content.decode()
    response = client.post(
        reverse("experiments_rules:edit", args=[rules.pk]),
        form_data(personas.organisation, spend_limit_euros="250"),
    )

    assert response.status_code == 302
    rules.refresh_from_db()
    assert rules.spend_limit_euros == 250


def test_hr_cannot_set_the_rules_of_another_organisation(personas, client_for):
    response = client_for("hr").post(ADD_URL, form_data(personas.other_organisation))

    assert response.status_code == 200
    assert "You do not keep the rules of that organisation." in response.content.decode()
    assert not ExperimentRules.objects.exists()


def test_hr_neither_see_nor_edit_another_organisations_rules(personas, client_for):
    theirs = ExperimentRules.objects.create(
        organisation=personas.other_organisation, spend_limit_euros=100
    )
    client = client_for("hr")
    url = reverse("experiments_rules:edit", args=[theirs.pk])

    assert personas.other_organisation.name not in client.get(LIST_URL).content.decode()
    # Wagtail answers a refusal with a redirect to the back office's home.
    for response in (
        client.get(url),
        client.post(url, form_data(personas.other_organisation)),
        client.post(reverse("experiments_rules:delete", args=[theirs.pk])),
    ):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    theirs.refresh_from_db()
    assert theirs.spend_limit_euros == 100


def test_an_administrator_edits_any_organisations_rules(personas, client_for):
    theirs = ExperimentRules.objects.create(organisation=personas.other_organisation)

    response = client_for("administrator").post(
        reverse("experiments_rules:edit", args=[theirs.pk]),
        form_data(personas.other_organisation, reminder_days="3"),
    )

    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.reminder_days == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reminder_days": "0"}, "greater than or equal to 1"),
        ({"reminder_days": "400"}, "Remind at most 90 days before the time box ends."),
        ({"spend_limit_euros": "-5"}, "greater than or equal to 0"),
        ({"data_protection_email": "not an address"}, "Enter a valid email address."),
    ],
)
def test_bad_rules_are_refused_with_the_input_kept(personas, client_for, changes, message):
    response = client_for("hr").post(ADD_URL, form_data(personas.organisation, **changes))

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert next(iter(changes.values())) in content
    assert not ExperimentRules.objects.exists()


def test_a_unit_below_an_organisation_is_not_offered_as_an_organisation(personas, client_for):
    response = client_for("hr").post(ADD_URL, form_data(personas.team))

    assert response.status_code == 200
    assert not ExperimentRules.objects.exists()


@pytest.mark.parametrize("persona", ["content_editor", "moderator"])
def test_editors_and_moderators_in_the_back_office_do_not_reach_the_rules(
    persona, personas, client_for
):
    rules = ExperimentRules.objects.create(organisation=personas.organisation)
    client = client_for(persona)

    response = client.get(LIST_URL)
    assert response.status_code in (302, 403)
    assert response.status_code != 302 or response.url == reverse("wagtailadmin_home")
    edit = client.post(
        reverse("experiments_rules:edit", args=[rules.pk]),
        form_data(personas.organisation, spend_limit_euros="1"),
    )
    assert edit.status_code in (302, 403)
    rules.refresh_from_db()
    assert rules.spend_limit_euros != 1
    assert "Experiment rules" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("persona", ["employee", "line_manager", "team_lead", "outsider"])
def test_staff_without_a_back_office_role_are_refused(persona, client_for):
    client = client_for(persona)

    assert client.get(LIST_URL).status_code == 403
    assert client.get(ADD_URL).status_code == 403


def test_the_menu_shows_the_rules_to_hr(client_for):
    assert "Experiment rules" in client_for("hr").get("/admin/").content.decode()
