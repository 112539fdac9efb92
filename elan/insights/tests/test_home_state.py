# SPDX-License-Identifier: EUPL-1.2
"""What the surveys tell the home page: a person's own invitations and actions, a team lead's
team (turnout as a band, the team-first decision, actions due) and the campaigns a person runs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from elan.core.modules import Audience, DateKind, ModuleStatus
from elan.insights import services
from elan.insights.constants import CampaignStatus
from elan.insights.home import ENOUGH, FEW, MOST, own_state, role_items, turnout_band
from elan.insights.tests.factories import (
    CampaignFactory,
    answer,
    close_round,
    insights_matrix_action,
    insights_matrix_campaign,
    invited,
    open_round,
)
from elan.organisations.tests.factories import person_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def labels(items) -> list[str]:
    return [str(item.state.label) for item in items]


def running_campaign(personas, *, started_days_ago: int = 3, team_size: int = 8):
    """A campaign on the whole first service, its round opened a few days ago; the team grown to
    ``team_size`` people."""
    for _ in range(team_size - 3):
        person_in(personas.team)
    campaign = CampaignFactory(
        unit=personas.organisation,
        title="Climate spring",
        opens_on=TODAY() - started_days_ago * DAY,
    )
    return campaign, open_round(campaign, today=campaign.opens_on)


def team_members(personas, round_):
    return [user for user in invited(round_) if user.staff_record.unit_id == personas.team.pk]


# --- The band ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("invited_count", "answered", "band"),
    [
        (6, 0, FEW),
        (6, 4, FEW),
        (6, 5, MOST),
        (6, 6, MOST),
        (8, 5, ENOUGH),
        (8, 8, ENOUGH),  # "three quarters" would be 6 alone: merged into "at least 5"
        (9, 6, ENOUGH),
        (9, 7, MOST),
        (20, 5, ENOUGH),
        (20, 14, ENOUGH),
        (20, 15, MOST),
        (20, 20, MOST),
    ],
)
def test_turnout_falls_in_a_band(invited_count, answered, band):
    assert turnout_band(invited=invited_count, answered=answered, minimum=5) == band


@pytest.mark.parametrize("invited_count", [1, 4, 5])
def test_a_group_of_the_minimum_or_fewer_gets_no_band(invited_count):
    assert turnout_band(invited=invited_count, answered=invited_count, minimum=5) is None


@pytest.mark.parametrize("minimum", [3, 5, 10])
@pytest.mark.parametrize("invited_count", range(1, 41))
def test_no_band_ever_tells_exactly_how_many_answered(invited_count, minimum):
    bands: dict[str | None, list[int]] = {}
    for answered in range(invited_count + 1):
        band = turnout_band(invited=invited_count, answered=answered, minimum=minimum)
        bands.setdefault(band, []).append(answered)
    for band, counts in bands.items():
        assert band is None or len(counts) >= 2, (band, counts)
    # Nobody having answered always reads like someone having answered.
    assert turnout_band(invited=invited_count, answered=0, minimum=minimum) == turnout_band(
        invited=invited_count, answered=1, minimum=minimum
    )


# --- The person's own ----------------------------------------------------------------------------


def test_an_open_survey_waits_for_the_person_until_it_closes(personas):
    campaign, round_ = running_campaign(personas)
    [state] = own_state(personas.employee)
    assert state.status == ModuleStatus.WAITING
    assert state.url == f"/en/insights/campaigns/{campaign.pk}/answer/"
    assert (state.date, state.date_kind) == (round_.closes_on, DateKind.OPEN_UNTIL)


def test_a_survey_the_person_answered_is_done_on_that_day(personas):
    _campaign, round_ = running_campaign(personas)
    answer(round_, personas.employee, today=TODAY())
    [state] = own_state(personas.employee)
    assert (state.status, state.date) == (ModuleStatus.DONE, TODAY())


def test_a_person_never_invited_has_nothing_from_the_surveys(personas):
    running_campaign(personas)
    assert own_state(personas.outsider) == []


def test_an_action_the_person_owns_waits_for_its_check_once_due(personas):
    action = insights_matrix_action(personas, today=TODAY() - 40 * DAY)
    [state] = own_state(personas.employee)
    assert state.status == ModuleStatus.WAITING
    assert state.url == f"/en/insights/actions/{action.pk}/check/"
    assert state.date_kind == DateKind.DUE_ON


def test_an_action_not_due_yet_is_in_progress_with_its_date(personas):
    action = insights_matrix_action(personas, today=TODAY())
    [state] = own_state(personas.employee)
    assert (state.status, state.date) == (ModuleStatus.IN_PROGRESS, action.check_due_on)


# --- The team lead's team ------------------------------------------------------------------------


def test_a_team_lead_sees_the_team_s_turnout_as_a_band_counted_up_to_yesterday(personas):
    _campaign, round_ = running_campaign(personas, team_size=9)
    for user in team_members(personas, round_)[:7]:
        answer(round_, user, today=TODAY() - DAY)
    [item] = role_items(personas.team_lead)
    assert item.audience == Audience.TEAM
    assert item.state.status == ModuleStatus.IN_PROGRESS
    assert "Team One" in str(item.state.label)
    detail = str(item.state.detail)
    assert "Three quarters or more" in detail
    assert not any(char.isdigit() for char in detail.replace("5", ""))  # no count, only N


def test_answers_given_today_do_not_move_the_team_s_band(personas):
    _campaign, round_ = running_campaign(personas)
    members = team_members(personas, round_)
    for user in members[:4]:
        answer(round_, user, today=TODAY() - DAY)
    before = role_items(personas.team_lead)
    for user in members[4:]:
        answer(round_, user, today=TODAY())
    assert role_items(personas.team_lead) == before
    assert "Fewer than 5 people" in str(before[0].state.detail)


def test_a_team_too_small_for_a_band_is_told_why_it_has_none(personas):
    _campaign, round_ = running_campaign(personas, team_size=5)
    for user in team_members(personas, round_):
        answer(round_, user, today=TODAY() - DAY)
    [item] = role_items(personas.team_lead)
    assert "shown only for groups of more than 5" in str(item.state.detail)
    assert "answered" not in str(item.state.detail).split("so that")[0]


def test_results_the_team_sees_first_wait_for_the_team_lead_s_decision(personas):
    campaign = insights_matrix_campaign(personas)
    round_ = campaign.rounds.get()
    [item] = [i for i in role_items(personas.team_lead) if "sees them first" in str(i.state.label)]
    assert item.state.status == ModuleStatus.WAITING
    assert (item.state.date, item.state.date_kind) == (round_.goes_up_on, DateKind.DECIDE_BY)
    assert item.state.url == (
        f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/share/?round=1"
    )


def test_results_the_team_shared_wait_no_more(personas):
    campaign = insights_matrix_campaign(personas)
    round_ = campaign.rounds.get()
    services.release_share(
        round_=round_,
        unit_code=personas.team.code,
        by=personas.team_lead,
        parts=["psychological-safety"],
    )
    assert not [i for i in role_items(personas.team_lead) if "first" in str(i.state.label)]


def test_the_team_s_actions_due_appear_for_the_team_lead(personas):
    insights_matrix_action(personas, today=TODAY() - 31 * DAY)
    [item] = [i for i in role_items(personas.team_lead) if "went" in str(i.state.label)]
    assert item.audience == Audience.TEAM and item.state.status == ModuleStatus.WAITING


def test_an_employee_a_line_manager_and_an_outsider_get_no_team_items(personas):
    insights_matrix_action(personas, today=TODAY() - 31 * DAY)
    running_campaign(personas)
    for name in ("employee", "line_manager", "outsider", "content_editor"):
        assert role_items(personas.get(name)) == [], name


# --- Whoever runs campaigns ----------------------------------------------------------------------


def test_hr_sees_an_open_round_with_the_campaign_s_turnout_band(personas):
    campaign, round_ = running_campaign(personas)
    [item] = role_items(personas.hr)
    assert item.audience == Audience.ORGANISATION
    assert item.state.url == f"/en/insights/campaigns/{campaign.pk}/"
    assert (item.state.date, item.state.date_kind) == (round_.closes_on, DateKind.OPEN_UNTIL)
    assert "Fewer than 5 people" in str(item.state.detail)


def test_hr_is_asked_to_open_a_draft_whose_day_has_come(personas):
    CampaignFactory(unit=personas.organisation, title="Ready", opens_on=TODAY())
    CampaignFactory(unit=personas.organisation, title="Later", opens_on=TODAY() + 9 * DAY)
    items = {str(i.state.label): i.state for i in role_items(personas.hr)}
    assert items["Open the first round of “Ready”"].status == ModuleStatus.WAITING
    assert items["“Later” is a draft"].status == ModuleStatus.IN_PROGRESS


def test_hr_is_asked_to_close_a_round_past_its_closing_day(personas):
    campaign, round_ = running_campaign(personas, started_days_ago=20)
    [item] = role_items(personas.hr)
    assert item.state.status == ModuleStatus.WAITING
    assert str(item.state.label).startswith("Close round 1")


def test_hr_is_asked_to_open_the_next_round_when_the_schedule_allows(personas):
    campaign, round_ = running_campaign(personas, started_days_ago=40)
    close_round(campaign, today=round_.closes_on)
    [item] = [i for i in role_items(personas.hr) if "round 2" in str(i.state.label)]
    assert item.state.status == ModuleStatus.WAITING
    assert str(item.state.label) == "Open round 2 of “Climate spring”"


def test_archived_and_cancelled_campaigns_need_nothing(personas):
    CampaignFactory(unit=personas.organisation, status=CampaignStatus.CANCELLED)
    CampaignFactory(unit=personas.organisation, status=CampaignStatus.ARCHIVED)
    assert role_items(personas.hr) == []


def test_hr_of_another_service_sees_nothing_of_these_campaigns(personas):
    from elan.organisations import services as organisation_services
    from elan.organisations.constants import Role

    running_campaign(personas)
    organisation_services.role_assign(
        user=personas.outsider, role=Role.HR, unit=personas.other_organisation
    )
    assert role_items(personas.outsider) == []


def test_a_team_lead_s_own_campaign_is_listed_once_with_its_band(personas):
    for _ in range(3):
        person_in(personas.team)
    campaign = CampaignFactory(unit=personas.team, title="Ours")
    open_round(campaign)
    [item] = role_items(personas.team_lead)
    assert item.audience == Audience.TEAM
    assert item.state.url == f"/en/insights/campaigns/{campaign.pk}/"


def test_a_member_of_a_team_without_a_lead_of_its_own_is_asked_to_decide(personas):
    from elan.organisations.models import RoleAssignment

    campaign = insights_matrix_campaign(personas)
    assert [s for s in own_state(personas.employee) if "first" in str(s.label)] == []
    RoleAssignment.objects.filter(user=personas.team_lead, role="team_lead").delete()
    [state] = [s for s in own_state(personas.employee) if "first" in str(s.label)]
    assert state.status == ModuleStatus.WAITING
    assert state.url.startswith(f"/en/insights/campaigns/{campaign.pk}/units/")
