# SPDX-License-Identifier: EUPL-1.2
"""The federal holidays and the innovation goal templates Elan ships (elan/goals/content/)."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict

import pytest
from django.conf import settings

from elan.core.vocabulary import InnovationSkill
from elan.goals.constants import GoalKind, InnovationKind, TemplateAudience
from elan.goals.models import Goal, GoalTemplate, PublicHoliday
from elan.goals.shipped import (
    Loaded,
    load_shipped_holidays,
    load_shipped_templates,
    shipped_holidays,
    shipped_templates,
)
from elan.goals.tests.factories import GoalTemplateFactory
from elan.organisations.tests.factories import UnitFactory

LANGUAGES = {code for code, _name in settings.LANGUAGES}
YEARS = range(2026, 2033)


def easter_sunday(year: int) -> datetime.date:
    """The anonymous Gregorian algorithm (Meeus/Jones/Butcher), written out independently of
    the file so that a date typed wrong there is caught here."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def federal_days_off(year: int) -> set[datetime.date]:
    easter = easter_sunday(year)
    fixed = [(1, 1), (1, 2), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (11, 15), (12, 25)]
    moving = [easter + datetime.timedelta(days=days) for days in (1, 39, 50)]
    return (
        {datetime.date(year, month, day) for month, day in fixed}
        | set(moving)
        | {datetime.date(year, 12, 26)}
    )


def test_the_easter_computation_finds_known_easter_sundays():
    assert easter_sunday(2024) == datetime.date(2024, 3, 31)
    assert easter_sunday(2025) == datetime.date(2025, 4, 20)
    assert easter_sunday(2026) == datetime.date(2026, 4, 5)
    assert easter_sunday(2038) == datetime.date(2038, 4, 25)


@pytest.mark.parametrize("year", YEARS)
def test_every_year_from_2026_to_2032_ships_exactly_the_thirteen_federal_days_off(year):
    shipped = [on for on, _name in shipped_holidays() if on.year == year]
    assert len(shipped) == 13, "ten public holidays and the federal administration's three days"
    assert set(shipped) == federal_days_off(year)


def test_no_holiday_is_shipped_twice_or_outside_the_years_covered():
    dates = [on for on, _name in shipped_holidays()]
    assert len(dates) == len(set(dates))
    assert {on.year for on in dates} == set(YEARS)


def test_every_holiday_is_named_in_all_four_languages():
    for on, name in shipped_holidays():
        assert set(name) == LANGUAGES, on
        assert all(text.strip() for text in name.values()), on


def test_the_same_holiday_has_the_same_name_every_year():
    names_by_day: dict[tuple[int, int], set[str]] = defaultdict(set)
    for on, name in shipped_holidays():
        names_by_day[(on.month, on.day)].add(name["en"])
    for day in [(1, 1), (1, 2), (5, 1), (7, 21), (11, 15), (12, 26)]:
        assert len(names_by_day[day]) == 1, day


# --- templates -----------------------------------------------------------------------------


def test_at_least_nine_templates_cover_every_kind_of_innovation_goal():
    templates = shipped_templates()
    assert len(templates) >= 9
    kinds = {(t["audience"], t["innovation"]) for t in templates}
    assert (TemplateAudience.EVERYONE, InnovationKind.APPLIED_SKILL) in kinds
    assert (TemplateAudience.EVERYONE, InnovationKind.RESULT) in kinds
    assert (TemplateAudience.MANAGERS, InnovationKind.ENABLING) in kinds
    codes = [t["code"] for t in templates]
    assert len(codes) == len(set(codes))


def test_applied_skill_templates_are_development_goals_naming_an_opsi_skill():
    for template in shipped_templates():
        if template["innovation"] == InnovationKind.APPLIED_SKILL:
            assert template["kind"] == GoalKind.DEVELOPMENT, template["code"]
            assert template["skill"] in InnovationSkill.values, template["code"]
        else:
            assert template["kind"] == GoalKind.PERFORMANCE, template["code"]
            assert template["skill"] == "", template["code"]


def test_enabling_templates_are_the_managers_and_only_theirs():
    for template in shipped_templates():
        is_enabling = template["innovation"] == InnovationKind.ENABLING
        assert is_enabling == (template["audience"] == TemplateAudience.MANAGERS), template["code"]


def test_every_template_text_is_written_in_all_four_languages():
    for template in shipped_templates():
        for field in ("title", "indicator", "target", "guidance"):
            assert set(template[field]) == LANGUAGES, (template["code"], field)
            assert all(text.strip() for text in template[field].values())


def test_every_target_names_a_number_in_every_language():
    for template in shipped_templates():
        for language, text in template["target"].items():
            assert re.search(r"\d", text), (template["code"], language, text)


def test_every_template_fits_the_goal_it_starts():
    limits = {
        field: Goal._meta.get_field(field).max_length for field in ("title", "indicator", "target")
    }
    for template in shipped_templates():
        for field, limit in limits.items():
            for language, text in template[field].items():
                assert len(text) <= limit, (template["code"], field, language)


# --- loading ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_again_changes_nothing():
    load_shipped_holidays()
    load_shipped_templates()
    assert load_shipped_holidays() == Loaded()
    assert load_shipped_templates() == Loaded()
    assert PublicHoliday.objects.filter(organisation__isnull=True).count() == len(
        shipped_holidays()
    )


@pytest.mark.django_db
def test_loading_corrects_a_shipped_name_and_never_touches_an_organisations_own_days():
    load_shipped_holidays()
    organisation = UnitFactory(code="FPS-CAL")
    own_day = PublicHoliday.objects.create(
        organisation=organisation, on=datetime.date(2026, 1, 1), name={"en": "Our New Year"}
    )
    gone_from_the_file = PublicHoliday.objects.create(
        on=datetime.date(2025, 12, 26), name={"en": "An older shipped day"}
    )
    new_year = PublicHoliday.objects.get(organisation__isnull=True, on=datetime.date(2026, 1, 1))
    new_year.name = {"en": "Typo"}
    new_year.save()

    assert load_shipped_holidays() == Loaded(created=0, updated=1)

    new_year.refresh_from_db()
    own_day.refresh_from_db()
    assert new_year.name["nl"] and new_year.name["en"] != "Typo"
    assert own_day.name == {"en": "Our New Year"}
    assert PublicHoliday.objects.filter(pk=gone_from_the_file.pk).exists()


@pytest.mark.django_db
def test_a_template_hr_edited_is_kept_unless_the_shipped_text_is_asked_back():
    load_shipped_templates()
    template = GoalTemplate.objects.get(code="more-trust-from-users")
    template.title = {"en": "HR's own wording"}
    template.save()

    assert load_shipped_templates() == Loaded()
    template.refresh_from_db()
    assert template.title == {"en": "HR's own wording"}

    assert load_shipped_templates(overwrite=True) == Loaded(updated=1)
    template.refresh_from_db()
    assert template.title["en"] == "Earn more trust from one group of users"


@pytest.mark.django_db
def test_loading_adds_a_missing_template_and_leaves_hrs_own_templates_alone():
    load_shipped_templates()
    GoalTemplate.objects.filter(code="co-create-with-users").delete()
    own = GoalTemplateFactory(code="our-own-template")

    assert load_shipped_templates() == Loaded(created=1)
    assert GoalTemplate.objects.filter(code="co-create-with-users").exists()
    assert GoalTemplate.objects.filter(pk=own.pk).exists()
