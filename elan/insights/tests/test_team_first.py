# SPDX-License-Identifier: EUPL-1.2
"""Team-first release: the team sees its climate results first, decides what goes up the line,
and after the set period everything goes up anyway."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client

from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, answer, close_round, open_round
from elan.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_teams(personas, sibling):
    """The personas' team (6) and a sibling team (6) under the organisation, all answered; five
    people at the top, who do not answer (enough to be stored on their own)."""
    grow(personas.team, 3)
    grow(personas.organisation, 1)
    other, _people = sibling("TEAM-TWO", 6)
    campaign = CampaignFactory(unit=personas.organisation)
    round_ = open_round(campaign)
    for participation in round_.participations.select_related("user"):
        if participation.unit_code != personas.organisation.code:
            answer(round_, participation.user)
    round_ = close_round(campaign)
    return campaign, round_, other


# What a team shares of one measure: its mean with its share of favourable answers, and the rate.
SHARED_SAFETY = {"psychological-safety", "favourable:psychological-safety", "rate"}


def unit_row(client, campaign, code, scope="unit"):
    return client.get(f"/api/insights/campaigns/{campaign.pk}/units/{code}?scope={scope}").json()


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


def test_the_team_sees_its_results_at_once_and_hr_waits(personas, client_for, two_teams):
    campaign, round_, _other = two_teams
    with at(round_.closed_on):
        assert unit_row(client_for("employee"), campaign, personas.team.code)["status"] == (
            "released"
        )
        assert unit_row(client_for("team_lead"), campaign, personas.team.code)["status"] == (
            "released"
        )
        hr_view = unit_row(client_for("hr"), campaign, personas.team.code)
        assert hr_view["status"] == "not_shared_yet" and hr_view["figure"] is None
        assert hr_view["shared_on"] == str(round_.closed_on + datetime.timedelta(days=14))
        # The roll-up would let HR subtract the sibling from the total: it waits too.
        total = unit_row(client_for("hr"), campaign, personas.organisation.code, "subtree")
        assert total["status"] == "not_shared_yet"


def test_the_team_lead_shares_chosen_results_and_only_those_go_up(personas, client_for, two_teams):
    campaign, round_, other = two_teams
    with at(round_.closed_on + datetime.timedelta(days=2)):
        lead = client_for("team_lead")
        response = lead.post(
            f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/share/",
            {"parts": ["psychological-safety"], "note": "We talked it through.", "confirm": "on"},
        )
        assert response.status_code == 302
        row = unit_row(client_for("hr"), campaign, personas.team.code)
        assert row["status"] == "released"
        assert set(row["figure"]["figures"]) == SHARED_SAFETY
        assert "innovation-support" in row["not_shared"]
        # The other team has not shared, so the organisation's roll-up still waits.
        total = unit_row(client_for("hr"), campaign, personas.organisation.code, "subtree")
        assert total["status"] == "not_shared_yet"
        page = (
            client_for("hr")
            .get(f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/")
            .content.decode()
        )
        assert "not shared by the team yet" in page and "We talked it through." in page


def test_only_the_units_own_team_lead_decides_what_goes_up(personas, client_for, two_teams):
    campaign, _round, other = two_teams
    url = f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/share/"
    assert client_for("employee").get(url).status_code == 404
    assert client_for("hr").get(url).status_code == 404
    assert client_for("team_lead").get(url).status_code == 200


def test_after_the_period_everything_goes_up_anyway(personas, client_for, two_teams):
    campaign, round_, _other = two_teams
    with at(round_.closed_on + datetime.timedelta(days=13)):
        assert unit_row(client_for("hr"), campaign, personas.team.code)["status"] == (
            "not_shared_yet"
        )
    with at(round_.closed_on + datetime.timedelta(days=14)):
        assert unit_row(client_for("hr"), campaign, personas.team.code)["status"] == "released"
        total = unit_row(client_for("hr"), campaign, personas.organisation.code, "subtree")
        assert total["status"] == "released" and total["figure"]["n"] == 12


def test_people_outside_the_line_never_see_a_teams_results(personas, client_for, two_teams):
    campaign, round_, other = two_teams
    with at(round_.closed_on + datetime.timedelta(days=60)):
        assert (
            client_for("outsider")
            .get(f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}")
            .status_code
            == 403
        )
        # A member of the organisation's own staff is not on the team nor up its line.
        response = client_for("content_editor").get(
            f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}"
        )
        assert response.status_code == 403
        # Administrators run the platform; survey results are not theirs to see (docs/access.md).
        assert (
            client_for("administrator")
            .get(f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/")
            .status_code
            == 404
        )


@pytest.fixture
def team_with_a_sub_team(personas):
    """The personas' team (5 of its own) and a sub-team of 5 below it with no team lead of its
    own: the personas' team lead covers it, as the line above it. Everyone answered."""
    sub_team = UnitFactory(parent=personas.team, code="FPS-ONE-SUB", name_en="Sub-team")
    members = grow(sub_team, 5)
    grow(personas.team, 2)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for participation in round_.participations.select_related("user"):
        answer(round_, participation.user)
    return campaign, close_round(campaign), sub_team, members


def test_a_team_without_a_lead_of_its_own_shares_its_results_early_through_its_members(
    personas, client_for, team_with_a_sub_team
):
    campaign, round_, sub_team, members = team_with_a_sub_team
    share = f"/en/insights/campaigns/{campaign.pk}/units/{sub_team.code}/share/"
    with at(round_.closed_on + datetime.timedelta(days=2)):
        lead_above = client_for("team_lead")
        assert unit_row(lead_above, campaign, sub_team.code)["status"] == "not_shared_yet"
        # The line above and HR are whom the team-first period waits for: not theirs to decide.
        assert lead_above.get(share).status_code == 404
        assert client_for("hr").get(share).status_code == 404
        member = Client()  # client_for's clients share one session: this one is the member's
        member.force_login(members[0], backend="django.contrib.auth.backends.ModelBackend")
        report = member.get(f"/en/insights/campaigns/{campaign.pk}/units/{sub_team.code}/")
        assert "Decide with the team what goes up the line now" in report.content.decode()
        response = member.post(
            share, {"parts": ["psychological-safety"], "note": "", "confirm": "on"}
        )
        assert response.status_code == 302
        row = unit_row(client_for("team_lead"), campaign, sub_team.code)
        assert row["status"] == "released"
        assert set(row["figure"]["figures"]) == SHARED_SAFETY


def test_members_of_a_team_with_its_own_lead_leave_the_decision_to_the_lead(
    personas, client_for, team_with_a_sub_team
):
    campaign, _round, _sub_team, _members = team_with_a_sub_team
    share = f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/share/"
    assert client_for("employee").get(share).status_code == 404
    assert client_for("line_manager").get(share).status_code == 404
    assert client_for("team_lead").get(share).status_code == 200


def test_a_team_whose_only_lead_left_decides_through_its_members(
    personas, client_for, team_with_a_sub_team
):
    campaign, _round, _sub_team, _members = team_with_a_sub_team
    personas.team_lead.is_active = False
    personas.team_lead.save(update_fields=["is_active"])
    share = f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/share/"
    assert client_for("employee").get(share).status_code == 200
