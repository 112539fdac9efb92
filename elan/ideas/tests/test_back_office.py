# SPDX-License-Identifier: EUPL-1.2
"""An organisation's idea rules in the back office: HR keep their own organisation's, not
another's; administrators keep every one; editors, moderators and staff do not reach them; the
numbers set there are the ones the response clock reads (elan/ideas/wagtail_hooks.py)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from elan.ideas.models import IdeaRules
from elan.ideas.selectors import rules_for
from elan.ideas.tests.factories import post

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/ideas_rules/"
ADD_URL = f"{LIST_URL}new/"


def form_data(organisation, **changes) -> dict:
    return {
        "organisation": organisation.pk,
        "answer_worked_days": "10",
        "reminder_worked_days": "2",
        **changes,
    }


def test_the_admin_urls_are_named():
    assert reverse("ideas_rules:index") == LIST_URL
    assert reverse("ideas_rules:add") == ADD_URL


@pytest.mark.parametrize("persona", ["hr", "administrator"])
def test_hr_and_administrators_reach_the_screen(persona, client_for):
    client = client_for(persona)

    assert client.get(LIST_URL).status_code == 200
    assert client.get(ADD_URL).status_code == 200


def test_hr_set_their_organisations_rules_which_its_units_follow(personas, client_for):
    response = client_for("hr").post(ADD_URL, form_data(personas.organisation))

    assert response.status_code == 302, response.content.decode()[:2000]
    rules = rules_for(unit=personas.team)
    assert (rules.answer_worked_days, rules.reminder_worked_days) == (10, 2)


def test_an_idea_posted_after_hr_set_the_rules_gets_their_deadline(personas, client_for):
    client_for("hr").post(ADD_URL, form_data(personas.organisation, answer_worked_days="7"))
    # A Monday with no holiday in the fortnight after it: seven worked days end on the next
    # Wednesday, where the default twenty would end four weeks later.
    monday = datetime.date(2027, 3, 1)

    idea = post(personas.employee, box_unit=personas.team, today=monday)

    assert idea.answer_due == datetime.date(2027, 3, 10)


def test_hr_edit_their_organisations_rules(personas, client_for):
    rules = IdeaRules.objects.create(organisation=personas.organisation)
    client = client_for("hr")

    assert personas.organisation.name in client.get(LIST_URL).content.decode()
    response = client.post(
        reverse("ideas_rules:edit", args=[rules.pk]),
        form_data(personas.organisation, answer_worked_days="30", reminder_worked_days="5"),
    )

    assert response.status_code == 302
    rules.refresh_from_db()
    assert (rules.answer_worked_days, rules.reminder_worked_days) == (30, 5)


def test_hr_delete_their_organisations_rules_and_the_defaults_apply_again(personas, client_for):
    rules = IdeaRules.objects.create(organisation=personas.organisation, answer_worked_days=9)

    response = client_for("hr").post(reverse("ideas_rules:delete", args=[rules.pk]))

    assert response.status_code == 302
    assert not IdeaRules.objects.exists()
    assert rules_for(unit=personas.team).answer_worked_days == 20


def test_hr_cannot_set_the_rules_of_another_organisation(personas, client_for):
    response = client_for("hr").post(ADD_URL, form_data(personas.other_organisation))

    assert response.status_code == 200
    assert "You do not keep the rules of that organisation." in response.content.decode()
    assert not IdeaRules.objects.exists()


def test_hr_are_offered_only_the_organisations_they_keep(personas, client_for):
    page = client_for("hr").get(ADD_URL).content.decode()

    assert personas.organisation.name in page
    assert personas.other_organisation.name not in page


def test_hr_neither_see_nor_edit_another_organisations_rules(personas, client_for):
    theirs = IdeaRules.objects.create(
        organisation=personas.other_organisation, answer_worked_days=15
    )
    client = client_for("hr")
    url = reverse("ideas_rules:edit", args=[theirs.pk])

    assert personas.other_organisation.name not in client.get(LIST_URL).content.decode()
    # Wagtail answers a refusal with a redirect to the back office's home.
    for response in (
        client.get(url),
        client.post(url, form_data(personas.other_organisation)),
        client.post(reverse("ideas_rules:delete", args=[theirs.pk])),
    ):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    theirs.refresh_from_db()
    assert theirs.answer_worked_days == 15


def test_an_administrator_edits_any_organisations_rules(personas, client_for):
    theirs = IdeaRules.objects.create(organisation=personas.other_organisation)

    response = client_for("administrator").post(
        reverse("ideas_rules:edit", args=[theirs.pk]),
        form_data(personas.other_organisation, reminder_worked_days="4"),
    )

    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.reminder_worked_days == 4


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"answer_worked_days": "0"}, "greater than or equal to 1"),
        ({"answer_worked_days": "121"}, "less than or equal to 120"),
        ({"reminder_worked_days": "0"}, "greater than or equal to 1"),
        (
            {"reminder_worked_days": "10"},
            "The reminder comes before the deadline: give it fewer worked days than the time "
            "to answer.",
        ),
        (
            {"answer_worked_days": "3", "reminder_worked_days": "5"},
            "give it fewer worked days than the time to answer.",
        ),
        ({"answer_worked_days": "ten"}, "Enter a whole number."),
    ],
)
def test_bad_rules_are_refused_with_a_clear_message_and_the_input_kept(
    personas, client_for, changes, message
):
    response = client_for("hr").post(ADD_URL, form_data(personas.organisation, **changes))

    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    for value in changes.values():
        assert f'value="{value}"' in content
    assert not IdeaRules.objects.exists()


def test_a_unit_below_an_organisation_is_not_offered_as_an_organisation(personas, client_for):
    response = client_for("hr").post(ADD_URL, form_data(personas.team))

    assert response.status_code == 200
    assert "You do not keep the rules of that organisation." in response.content.decode()
    assert not IdeaRules.objects.exists()


def test_an_organisation_has_one_row_of_rules(personas, client_for):
    IdeaRules.objects.create(organisation=personas.organisation)

    response = client_for("hr").post(ADD_URL, form_data(personas.organisation))

    assert response.status_code == 200
    assert IdeaRules.objects.count() == 1


@pytest.mark.parametrize("persona", ["content_editor", "moderator"])
def test_editors_and_moderators_in_the_back_office_do_not_reach_the_rules(
    persona, personas, client_for
):
    rules = IdeaRules.objects.create(organisation=personas.organisation)
    client = client_for(persona)

    response = client.get(LIST_URL)
    assert response.status_code in (302, 403)
    assert response.status_code != 302 or response.url == reverse("wagtailadmin_home")
    edit = client.post(
        reverse("ideas_rules:edit", args=[rules.pk]),
        form_data(personas.organisation, answer_worked_days="2", reminder_worked_days="1"),
    )
    assert edit.status_code in (302, 403)
    rules.refresh_from_db()
    assert rules.answer_worked_days != 2
    assert "Idea rules" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("persona", ["employee", "line_manager", "team_lead", "outsider"])
def test_staff_without_a_back_office_role_are_refused(persona, client_for):
    client = client_for(persona)

    assert client.get(LIST_URL).status_code == 403
    assert client.get(ADD_URL).status_code == 403


def test_the_menu_shows_the_rules_to_hr(client_for):
    assert "Idea rules" in client_for("hr").get("/admin/").content.decode()
