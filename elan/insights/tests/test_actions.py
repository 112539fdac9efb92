# SPDX-License-Identifier: EUPL-1.2
"""Action plans: up to three actions for the weakest measures, an owner, a check a month later."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.cache import cache

from elan.insights import services
from elan.insights.instruments import CLIMATE
from elan.insights.models import Action
from elan.insights.selectors import weakest_measures
from elan.insights.suggestions import suggestions_for
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import (
    CampaignFactory,
    answers_for,
    close_round,
    invited,
    open_round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_team_round(personas):
    """A team of 6 whose answers are weakest on psychological safety and empathy."""
    grow(personas.team, 3)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for user in invited(round_):
        answers = answers_for(campaign.instrument, value=4)
        answers.update({"ps-raise": "1", "ps-help": "1", "ps-mistakes": "5", "ps-different": "5"})
        answers.update({"empathy-wellbeing": "2", "empathy-hard-time": "2"})
        services.response_submit(
            round_id=round_.pk, user=user, answers=answers, today=round_.opens_on
        )
    return campaign, close_round(campaign)


def plan_url(campaign, code):
    return f"/en/insights/campaigns/{campaign.pk}/units/{code}/actions/"


def test_suggestions_start_from_the_teams_weakest_measures(personas, client_for, closed_team_round):
    campaign, _round = closed_team_round
    response = client_for("team_lead").get(plan_url(campaign, personas.team.code))
    weakest = [m.code for m in response.context["weakest"]]
    assert weakest[:2] == ["psychological-safety", "lead-with-empathy"]
    content = response.content.decode()
    assert "Open each team meeting with one thing that did not go well" in content


def test_suggestions_come_from_the_hub_when_it_has_items(monkeypatch):
    from elan.knowledge import selectors as hub

    class Item:
        title = "Check-in rounds"
        url = "/en/hub/check-in-rounds/"

    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        return [Item()]

    monkeypatch.setattr(hub, "hub_items_for", fake)
    found = suggestions_for(measures=["psychological-safety"], instrument=CLIMATE, language="nl")
    assert calls == [{"principle": "real-conversations", "language": "nl", "limit": 2}]
    assert found[0].from_hub and found[0].url == "/en/hub/check-in-rounds/"
    assert "Check-in rounds" in str(found[0].title)
    assert not found[-1].from_hub  # the built-in ones stay as a fallback


class HubPage:
    def __init__(self, title: str, url: str):
        self.title, self.url = title, url


def hub_with_one_page_per_principle(monkeypatch) -> None:
    """A hub whose only page for "real conversations" is Check-in rounds: the principle of both
    psychological safety and "make room for real conversations"."""
    from elan.knowledge import selectors as hub

    def fake(*, language, principle=None, **_kwargs):
        if principle == "real-conversations":
            return [HubPage("Check-in rounds", "/en/hub/check-in-rounds/")]
        return []

    monkeypatch.setattr(hub, "hub_items_for", fake)


def test_a_hub_page_suggested_for_two_weak_measures_is_offered_once_naming_both(monkeypatch):
    hub_with_one_page_per_principle(monkeypatch)
    found = suggestions_for(
        measures=["psychological-safety", "real-conversations", "lead-with-empathy"],
        instrument=CLIMATE,
        language="en",
    )
    from_hub = [s for s in found if s.from_hub]
    assert [s.url for s in from_hub] == ["/en/hub/check-in-rounds/"]
    (page,) = from_hub
    assert page.measures == ("psychological-safety", "real-conversations")
    assert page.measure == "psychological-safety"  # an action picked from it: the weakest
    assert page.label == (
        "Read and try: Check-in rounds "
        "(for: Psychological safety; Make room for real conversations)"
    )
    # Built-in suggestions differ per measure: each still comes once, for its own measure.
    titles = [str(s.title) for s in found]
    assert len(titles) == len(set(titles))
    assert {s.measures for s in found if not s.from_hub} == {
        ("psychological-safety",),
        ("real-conversations",),
        ("lead-with-empathy",),
    }


def test_the_action_plan_lists_each_suggestion_once(personas, client_for, monkeypatch):
    """A team weakest on psychological safety and real conversations, which share their
    principle: the hub page for it is offered once, naming both measures."""
    hub_with_one_page_per_principle(monkeypatch)
    grow(personas.team, 3)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for user in invited(round_):
        answers = answers_for(campaign.instrument, value=4)
        answers.update({"ps-raise": "1", "ps-help": "1", "ps-mistakes": "5", "ps-different": "5"})
        answers.update({"talk-open": "1", "talk-avoid": "5"})
        services.response_submit(
            round_id=round_.pk, user=user, answers=answers, today=round_.opens_on
        )
    close_round(campaign)
    response = client_for("team_lead").get(plan_url(campaign, personas.team.code))
    assert [m.code for m in response.context["weakest"]][:2] == [
        "psychological-safety",
        "real-conversations",
    ]
    content = response.content.decode()
    assert content.count("Read and try: Check-in rounds") == 1
    assert "(for: Psychological safety; Make room for real conversations)" in content
    # Picking it records one action, for the weakest of its measures.
    choice = next(
        key
        for key, label in response.context["form"].fields["suggestion"].choices
        if "Check-in rounds" in str(label)
    )
    client_for("team_lead").post(
        plan_url(campaign, personas.team.code),
        {"suggestion": choice, "owner": personas.employee.pk},
    )
    action = Action.objects.get()
    assert (action.title, action.measure) == (
        "Read and try: Check-in rounds",
        "psychological-safety",
    )


def test_without_visible_scores_every_measure_is_offered_in_order():
    assert weakest_measures(None, CLIMATE, count=3) == [m.code for m in CLIMATE.measures[:3]]


def test_a_team_picks_at_most_three_actions_each_with_an_owner(
    personas, client_for, closed_team_round
):
    campaign, _round = closed_team_round
    client = client_for("team_lead")
    for index in range(3):
        response = client.post(
            plan_url(campaign, personas.team.code),
            {"suggestion": str(index), "owner": personas.employee.pk},
        )
        assert response.status_code == 302
    assert Action.objects.count() == 3
    assert all(a.owner == personas.employee for a in Action.objects.all())
    # The first suggestion again, once the double-submit guard (elan/portal/middleware.py) has
    # forgotten the first post: the plan itself refuses a fourth.
    cache.clear()
    page = client.post(
        plan_url(campaign, personas.team.code),
        {"suggestion": "0", "owner": personas.employee.pk},
        follow=True,
    )
    assert Action.objects.count() == 3
    assert "at most three actions" in page.content.decode()


def test_an_owner_must_be_on_the_team(personas, client_for, closed_team_round):
    campaign, _round = closed_team_round
    response = client_for("team_lead").post(
        plan_url(campaign, personas.team.code),
        {
            "suggestion": "own",
            "own_title": "Walk and talk",
            "own_measure": "lead-with-empathy",
            "owner": personas.outsider.pk,
        },
    )
    assert response.status_code == 200
    assert not Action.objects.exists()
    assert 'value="Walk and talk"' in response.content.decode()


def test_the_check_is_due_a_month_after_the_action_was_added(
    personas, client_for, closed_team_round
):
    campaign, round_ = closed_team_round
    day = round_.closed_on + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(10)), tick=False):
        client_for("team_lead").post(
            plan_url(campaign, personas.team.code),
            {"suggestion": "0", "owner": personas.employee.pk},
        )
        action = Action.objects.get()
        assert action.check_due_on == day + datetime.timedelta(days=30)
        early = client_for("employee").post(
            f"/en/insights/actions/{action.pk}/check/", {"status": "done"}
        )
        assert "The check is due on" in early.content.decode()
    action.refresh_from_db()
    assert action.checked_on is None
    later = action.check_due_on
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(10)), tick=False):
        response = client_for("employee").post(
            f"/en/insights/actions/{action.pk}/check/",
            {"status": "done", "note": "We now start meetings with a round."},
        )
        assert response.status_code == 302
        assert (
            client_for("outsider").get(f"/en/insights/actions/{action.pk}/check/").status_code
            == 404
        )
    action.refresh_from_db()
    assert (action.check_status, action.checked_on) == ("done", later)


def test_only_the_team_sees_its_action_plan(personas, client_for, closed_team_round):
    campaign, _round = closed_team_round
    url = plan_url(campaign, personas.team.code)
    assert client_for("employee").get(url).status_code == 200
    assert client_for("hr").get(url).status_code == 404
    assert client_for("outsider").get(url).status_code == 404
