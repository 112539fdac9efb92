# SPDX-License-Identifier: EUPL-1.2
"""The evaluation cycle's settings in the back office: goal templates, public holidays and cycle
rules, for HR (within their scope) and administrators only (elan/goals/wagtail_hooks.py)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from elan.goals.models import CycleRules, GoalTemplate, PublicHoliday
from elan.goals.shipped import load_shipped_holidays, load_shipped_templates, shipped_holidays

pytestmark = pytest.mark.django_db

LIST_URLS = {
    "templates": "/admin/goals_templates/",
    "holidays": "/admin/goals_holidays/",
    "rules": "/admin/goals_rules/",
}
ADD_URLS = {name: f"{url}new/" for name, url in LIST_URLS.items()}


@pytest.fixture
def shipped(db):
    # The migration loaded them; loading again is idempotent and keeps these tests independent
    # of a transactional test that emptied the tables before them.
    load_shipped_holidays()
    load_shipped_templates()


def a_shipped_holiday() -> PublicHoliday:
    return PublicHoliday.objects.filter(organisation__isnull=True).first()


def template_form_data(template: GoalTemplate, **changes) -> dict:
    data = {
        "code": template.code,
        "kind": template.kind,
        "innovation": template.innovation,
        "audience": template.audience,
        "skill": template.skill,
        "sort_order": template.sort_order,
        "is_active": "on" if template.is_active else "",
    }
    for field in ("title", "indicator", "target", "guidance"):
        for language, text in getattr(template, field).items():
            data[f"{field}__{language}"] = text
    data.update(changes)
    return data


def test_the_shipped_holidays_and_templates_exist_once_the_migrations_ran():
    shipped_count = PublicHoliday.objects.filter(organisation__isnull=True).count()
    assert shipped_count == len(shipped_holidays())
    assert GoalTemplate.objects.filter(code="run-a-responsible-experiment").exists()
    assert GoalTemplate.objects.count() >= 9


def test_the_admin_urls_are_named_per_screen():
    assert reverse("goals_templates:index") == LIST_URLS["templates"]
    assert reverse("goals_holidays:add") == ADD_URLS["holidays"]
    assert reverse("goals_rules:index") == LIST_URLS["rules"]


@pytest.mark.parametrize("persona", ["hr", "administrator"])
@pytest.mark.parametrize("screen", sorted(LIST_URLS))
def test_hr_and_administrators_reach_every_evaluation_cycle_screen(
    persona, screen, client_for, shipped
):
    client = client_for(persona)
    assert client.get(LIST_URLS[screen]).status_code == 200
    assert client.get(ADD_URLS[screen]).status_code == 200


@pytest.mark.parametrize("persona", ["employee", "line_manager", "team_lead", "outsider"])
@pytest.mark.parametrize("screen", sorted(LIST_URLS))
def test_staff_without_a_back_office_role_are_refused_every_screen(persona, screen, client_for):
    client = client_for(persona)
    assert client.get(LIST_URLS[screen]).status_code == 403
    assert client.get(ADD_URLS[screen]).status_code == 403


@pytest.mark.parametrize("persona", ["employee", "team_lead", "outsider"])
def test_staff_without_a_back_office_role_cannot_edit_a_template(persona, client_for, shipped):
    template = GoalTemplate.objects.get(code="more-trust-from-users")
    url = reverse("goals_templates:edit", args=[template.pk])
    client = client_for(persona)
    assert client.get(url).status_code == 403
    response = client.post(url, template_form_data(template, title__en="Changed"))
    assert response.status_code == 403
    template.refresh_from_db()
    assert template.title["en"] != "Changed"


@pytest.mark.parametrize("persona", ["content_editor", "moderator"])
def test_editors_and_moderators_in_the_back_office_do_not_reach_the_cycle_settings(
    persona, client_for
):
    response = client_for(persona).get(LIST_URLS["templates"])
    assert response.status_code in (302, 403)
    assert response.status_code != 302 or response.url == reverse("wagtailadmin_home")


def test_the_evaluation_cycle_menu_is_shown_to_hr_only(client_for):
    assert "Evaluation cycle" in client_for("hr").get("/admin/").content.decode()
    assert "Evaluation cycle" not in client_for("content_editor").get("/admin/").content.decode()


def test_hr_lists_and_edits_a_template_in_four_languages(client_for, shipped):
    client = client_for("hr")
    template = GoalTemplate.objects.get(code="more-trust-from-users")
    assert (
        "Earn more trust from one group of users"
        in client.get(LIST_URLS["templates"]).content.decode()
    )

    response = client.post(
        reverse("goals_templates:edit", args=[template.pk]),
        template_form_data(
            template, title__fr="Gagner la confiance d'un groupe d'usagers", sort_order="75"
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    template.refresh_from_db()
    assert template.title["fr"] == "Gagner la confiance d'un groupe d'usagers"
    assert template.title["en"] == "Earn more trust from one group of users"
    assert template.sort_order == 75


def test_a_template_without_its_english_title_is_refused_with_the_input_kept(client_for, shipped):
    template = GoalTemplate.objects.get(code="more-trust-from-users")
    response = client_for("hr").post(
        reverse("goals_templates:edit", args=[template.pk]),
        template_form_data(template, title__en="", title__nl="Alleen in het Nederlands"),
    )
    assert response.status_code == 200
    assert "Alleen in het Nederlands" in response.content.decode()
    template.refresh_from_db()
    assert template.title["en"] == "Earn more trust from one group of users"


def test_an_applied_skill_template_must_name_its_skill(client_for, shipped):
    template = GoalTemplate.objects.get(code="run-a-responsible-experiment")
    response = client_for("hr").post(
        reverse("goals_templates:edit", args=[template.pk]), template_form_data(template, skill="")
    )
    assert response.status_code == 200
    assert "Choose the innovation skill this goal applies." in response.content.decode()
    template.refresh_from_db()
    assert template.skill == "iteration"


def test_hr_adds_a_holiday_for_their_organisation(client_for, personas):
    response = client_for("hr").post(
        ADD_URLS["holidays"],
        {
            "organisation": personas.organisation.pk,
            "on": "2026-09-27",
            "name__en": "Day of the French Community",
            "name__fr": "Fête de la Fédération Wallonie-Bruxelles",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    holiday = PublicHoliday.objects.get(organisation=personas.organisation)
    assert holiday.on == datetime.date(2026, 9, 27)
    assert holiday.name["fr"] == "Fête de la Fédération Wallonie-Bruxelles"


def test_hr_cannot_add_a_holiday_for_an_organisation_outside_their_scope(client_for, personas):
    response = client_for("hr").post(
        ADD_URLS["holidays"],
        {
            "organisation": personas.other_organisation.pk,
            "on": "2026-09-27",
            "name__en": "Not theirs",
        },
    )
    assert response.status_code == 200
    assert not PublicHoliday.objects.filter(organisation=personas.other_organisation).exists()


def test_a_holiday_needs_its_organisation_and_cannot_repeat_a_federal_one(
    client_for, personas, shipped
):
    client = client_for("hr")
    federal = a_shipped_holiday()
    without_organisation = client.post(
        ADD_URLS["holidays"], {"on": "2026-09-27", "name__en": "For everyone?"}
    )
    repeated = client.post(
        ADD_URLS["holidays"],
        {
            "organisation": personas.organisation.pk,
            "on": federal.on.isoformat(),
            "name__en": "Again",
        },
    )
    assert without_organisation.status_code == 200
    assert repeated.status_code == 200
    assert "already a federal holiday" in repeated.content.decode()
    assert PublicHoliday.objects.filter(organisation__isnull=True).count() == len(
        shipped_holidays()
    )
    assert not PublicHoliday.objects.filter(organisation=personas.organisation).exists()


def test_shipped_holidays_are_listed_but_hr_cannot_edit_or_delete_them(client_for, shipped):
    client = client_for("hr")
    federal = a_shipped_holiday()
    edit_url = reverse("goals_holidays:edit", args=[federal.pk])
    delete_url = reverse("goals_holidays:delete", args=[federal.pk])

    listing = client.get(LIST_URLS["holidays"]).content.decode()
    assert escape(federal.name["en"]) in listing
    assert edit_url not in listing and delete_url not in listing

    assert client.get(edit_url).url == reverse("wagtailadmin_home")
    client.post(edit_url, {"on": "2026-01-05", "name__en": "Moved"})
    client.post(delete_url)
    federal.refresh_from_db()
    assert federal.name["en"] != "Moved"


def test_hr_edits_and_deletes_their_own_organisations_holiday(client_for, personas):
    holiday = PublicHoliday.objects.create(
        organisation=personas.organisation, on=datetime.date(2026, 6, 5), name={"en": "Our day"}
    )
    client = client_for("hr")
    response = client.post(
        reverse("goals_holidays:edit", args=[holiday.pk]),
        {"organisation": personas.organisation.pk, "on": "2026-06-12", "name__en": "Our day"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    holiday.refresh_from_db()
    assert holiday.on == datetime.date(2026, 6, 12)

    client.post(reverse("goals_holidays:delete", args=[holiday.pk]))
    assert not PublicHoliday.objects.filter(pk=holiday.pk).exists()


def test_hr_neither_sees_nor_edits_another_organisations_holiday(client_for, personas):
    theirs = PublicHoliday.objects.create(
        organisation=personas.other_organisation,
        on=datetime.date(2026, 6, 5),
        name={"en": "Another service's day"},
    )
    client = client_for("hr")
    listing = client.get(LIST_URLS["holidays"]).content.decode()
    assert escape("Another service's day") not in listing
    client.post(reverse("goals_holidays:delete", args=[theirs.pk]))
    assert PublicHoliday.objects.filter(pk=theirs.pk).exists()


def test_hr_sets_their_organisations_cycle_rules(client_for, personas):
    response = client_for("hr").post(
        ADD_URLS["rules"],
        {
            "organisation": personas.organisation.pk,
            "length_months": "12",
            "minimum_gap_worked_days": "25",
            "planning_due_days": "45",
            "first_reminder_days": "10",
            "last_reminder_days": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rules = CycleRules.objects.get(organisation=personas.organisation)
    assert rules.minimum_gap_worked_days == 25


def test_cycle_rules_with_the_reminders_the_wrong_way_round_are_refused(client_for, personas):
    response = client_for("hr").post(
        ADD_URLS["rules"],
        {
            "organisation": personas.organisation.pk,
            "length_months": "12",
            "minimum_gap_worked_days": "20",
            "planning_due_days": "30",
            "first_reminder_days": "2",
            "last_reminder_days": "14",
        },
    )
    assert response.status_code == 200
    assert "The first reminder comes before the last one" in response.content.decode()
    assert not CycleRules.objects.exists()


def test_hr_cannot_change_another_organisations_cycle_rules(client_for, personas):
    theirs = CycleRules.objects.create(organisation=personas.other_organisation)
    client = client_for("hr")
    response = client.post(
        reverse("goals_rules:edit", args=[theirs.pk]),
        {
            "organisation": personas.other_organisation.pk,
            "length_months": "6",
            "minimum_gap_worked_days": "20",
            "planning_due_days": "30",
            "first_reminder_days": "14",
            "last_reminder_days": "2",
        },
    )
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    theirs.refresh_from_db()
    assert theirs.length_months == 12
