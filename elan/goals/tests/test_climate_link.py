# SPDX-License-Identifier: EUPL-1.2
"""Issue 16, point 4: an enabling goal may follow the team's "support for innovation" climate,
and its trend shows only what insights itself would show the reader: released groups of closed
rounds, after the team-first period for those up the line."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from elan.core.numbers import rounded
from elan.goals.climate import MEASURE, climate_trend_for, climate_trend_for_goal, team_unit_of
from elan.goals.tests.factories import GoalFactory, cycle_of
from elan.insights.constants import GroupFamily, Scope
from elan.insights.models import GroupResult, Round
from elan.insights.tests.factories import (
    CampaignFactory,
    answer,
    close_round,
    invited,
    open_round,
)
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


@dataclass
class World:
    directorate: object
    team: object
    boss: object  # team lead of the directorate, the manager's own line manager
    manager: object  # placed in the team, with five direct reports there
    members: list


@pytest.fixture
def world() -> World:
    directorate = UnitFactory(code="CLIMATE-DIR", name_en="Directorate")
    team = UnitFactory(parent=directorate, code="CLIMATE-TEAM", name_en="Permits")
    boss = person_in(directorate, email="boss@elan.test")
    organisation_services.role_assign(user=boss, role=Role.TEAM_LEAD, unit=directorate)
    boss.refresh_from_db()
    manager = person_in(team, manager=boss, email="manager@elan.test")
    members = [person_in(team, manager=manager) for _ in range(5)]
    return World(directorate, team, boss, manager, members)


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


def survey_round(campaign, *, answering: int | None = None, value: int = 4) -> Round:
    """Open the campaign's next round, let ``answering`` of the invited people answer (all by
    default) and close it, so that the guard publishes its decisions."""
    round_ = open_round(campaign)
    people = invited(round_)
    for person in people[:answering] if answering is not None else people:
        answer(round_, person, value=value)
    return close_round(campaign)


def published(round_: Round, code: str) -> GroupResult | None:
    """The guard's stored decision for the team's own people; none where too few answered."""
    return GroupResult.objects.filter(
        round=round_,
        family=GroupFamily.SCORES,
        scope=Scope.UNIT,
        unit_code=code,
        attribute="",
        value="",
    ).first()


def test_the_team_of_a_manager_is_their_own_unit(world):
    assert team_unit_of(manager=world.manager) == world.team
    assert team_unit_of(manager=world.boss) == world.directorate


def test_a_released_team_result_shows_beside_the_managers_goal(world):
    campaign = CampaignFactory(unit=world.team, title="Climate 2026")
    round_ = survey_round(campaign)
    stored = published(round_, world.team.code)
    assert stored.released
    with at(round_.closed_on):
        points = climate_trend_for(manager=world.manager, viewer=world.manager)
    assert points is not None and len(points) == 1
    (point,) = points
    assert point.value == rounded(stored.figures[MEASURE])
    assert point.closed_on == round_.closed_on
    assert (point.campaign_title, point.round_number) == ("Climate 2026", 1)


def test_each_closed_round_gives_a_point_oldest_first_rounded_by_the_one_rule(world):
    campaign = CampaignFactory(unit=world.team)
    first = survey_round(campaign, value=4)
    second = survey_round(campaign, value=2)
    with at(second.closed_on):
        points = climate_trend_for(manager=world.manager, viewer=world.manager)
    assert [p.round_number for p in points] == [1, 2]
    assert [p.value for p in points] == [
        rounded(published(first, world.team.code).figures[MEASURE]),
        rounded(published(second, world.team.code).figures[MEASURE]),
    ]
    assert points[0].value != points[1].value
    with translation.override("nl"):
        assert "," in points[0].text
    with translation.override("en"):
        assert "." in points[0].text


def test_a_round_still_open_shows_nothing(world):
    campaign = CampaignFactory(unit=world.team)
    round_ = open_round(campaign)
    for person in invited(round_):
        answer(round_, person)
    assert climate_trend_for(manager=world.manager, viewer=world.manager) is None


def test_a_team_below_the_minimum_group_shows_nothing(world):
    campaign = CampaignFactory(unit=world.team, min_group=5)
    round_ = survey_round(campaign, answering=2)
    stored = published(round_, world.team.code)
    assert stored is None or not stored.released
    with at(round_.closed_on + datetime.timedelta(days=60)):
        assert climate_trend_for(manager=world.manager, viewer=world.manager) is None
        assert climate_trend_for(manager=world.manager, viewer=world.boss) is None


def test_the_team_first_period_hides_the_trend_from_the_managers_manager(world):
    campaign = CampaignFactory(unit=world.team, team_first_days=14)
    round_ = survey_round(campaign)
    with at(round_.closed_on + datetime.timedelta(days=13)):
        assert climate_trend_for(manager=world.manager, viewer=world.manager) is not None
        assert climate_trend_for(manager=world.manager, viewer=world.boss) is None
    # Once the period has passed, the results go up the line as insights shows them.
    with at(round_.closed_on + datetime.timedelta(days=14)):
        points = climate_trend_for(manager=world.manager, viewer=world.boss)
    assert points is not None and len(points) == 1


def test_people_outside_the_line_see_no_trend(world, personas):
    campaign = CampaignFactory(unit=world.team)
    round_ = survey_round(campaign)
    with at(round_.closed_on + datetime.timedelta(days=60)):
        assert climate_trend_for(manager=world.manager, viewer=personas.outsider) is None
        assert climate_trend_for(manager=world.manager, viewer=AnonymousUser()) is None


def test_a_survey_without_the_climate_measure_gives_no_trend(world):
    campaign = CampaignFactory(unit=world.team, innovation=True)
    round_ = survey_round(campaign)
    with at(round_.closed_on):
        assert climate_trend_for(manager=world.manager, viewer=world.manager) is None


def test_only_an_enabling_goal_that_follows_the_climate_shows_the_trend(world):
    campaign = CampaignFactory(unit=world.team)
    round_ = survey_round(campaign)
    cycle = cycle_of(world.manager)
    following = GoalFactory(cycle=cycle, enabling=True, follows_climate=True)
    not_following = GoalFactory(cycle=cycle, enabling=True, follows_climate=False)
    result = GoalFactory(cycle=cycle, result=True, follows_climate=True)
    with at(round_.closed_on):
        assert climate_trend_for_goal(goal=following, viewer=world.manager) is not None
        assert climate_trend_for_goal(goal=not_following, viewer=world.manager) is None
        assert climate_trend_for_goal(goal=result, viewer=world.manager) is None
