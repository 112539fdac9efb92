# SPDX-License-Identifier: EUPL-1.2
"""The property-based attacker, end to end: through the API and the CSV export, not the guard.

Hypothesis builds a small random organisation chart, random people (language, level), random
respondents and commenters over one or two rounds, random team leads and HR scopes, random
team-first releases and a random day to look on. Then, for every role, it requests every report,
filter and round the app offers (the heatmap of roll-ups and of each unit's own people, each
unit's page in both scopes, the trends, the comments, the CSV export) and keeps every figure it
receives. Finally ``oracle`` rebuilds each received group from the raw rows with its own simple
code and checks that no combination of them, sums and differences alike, isolates fewer
people than the campaign's minimum: every cell of the partition they make is empty or large
enough.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elan.accounts.tests.factories import UserFactory
from elan.insights import services
from elan.insights.constants import FILTER_ATTRIBUTES
from elan.insights.models import Round
from elan.insights.selectors import FILTER_VALUES
from elan.insights.tests.factories import CampaignFactory, answers_for, close_round, open_round
from elan.insights.tests.oracle import (
    Collected,
    assert_no_combination_isolates_a_small_group,
    collect_api_rows,
    collect_csv,
    raw_rows,
)
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord
from elan.organisations.tests.factories import UnitFactory

LANGUAGES = ("nl", "fr")
GRADES = ("A", "B")
FILTERS = [""] + [
    f"{attribute}:{value}"
    for attribute in FILTER_ATTRIBUTES
    for value in FILTER_VALUES[attribute]
    if value in LANGUAGES + GRADES
]


@dataclass
class World:
    seed: int
    parents: list[int | None]
    sizes: list[int]
    rounds: int
    min_group: int
    min_comments: int
    answer_rate: float
    comment_rate: float
    led: list[bool]
    hr_unit: int
    released: list[bool]
    days_after: int
    viewers: int


@st.composite
def worlds(draw) -> World:
    count = draw(st.integers(2, 5))
    parents: list[int | None] = [None]
    for unit in range(1, count):
        parents.append(draw(st.integers(0, unit - 1)))
    min_group = draw(st.sampled_from([3, 4, 5]))
    return World(
        seed=draw(st.integers(0, 2**32 - 1)),
        parents=parents,
        sizes=draw(st.lists(st.integers(0, 9), min_size=count, max_size=count)),
        rounds=draw(st.integers(1, 2)),
        min_group=min_group,
        min_comments=draw(st.sampled_from([min_group, min_group + 2])),
        answer_rate=draw(st.sampled_from([0.6, 0.9, 1.0])),
        comment_rate=draw(st.sampled_from([0.3, 0.8])),
        led=draw(st.lists(st.booleans(), min_size=count, max_size=count)),
        hr_unit=draw(st.integers(0, count - 1)),
        released=draw(st.lists(st.booleans(), min_size=count, max_size=count)),
        days_after=draw(st.sampled_from([0, 3, 20])),
        viewers=draw(st.integers(3, 6)),
    )


def build(world: World):
    """The chart, people, roles, answers and releases of one world; returns who looks."""
    rng = random.Random(world.seed)
    units = []
    for index, parent in enumerate(world.parents):
        code = f"U{index}"
        if parent is None:
            units.append(UnitFactory(code=code))
        else:
            units.append(UnitFactory(parent=units[parent], code=code))
    people: dict[int, list] = {}
    for index, unit in enumerate(units):
        people[index] = []
        for _ in range(world.sizes[index]):
            user = UserFactory(preferred_language=rng.choice(LANGUAGES))
            StaffRecord.objects.create(
                user=user, unit_id=unit.pk, external_id=f"X{user.pk}", grade=rng.choice(GRADES)
            )
            people[index].append(user)
    viewers = []
    for index, unit in enumerate(units):
        if world.led[index] and people[index]:
            lead = people[index][0]
            organisation_services.role_assign(user=lead, role=Role.TEAM_LEAD, unit=unit)
            viewers.append(("lead", lead))
        if len(people[index]) > 1:
            viewers.append(("member", people[index][-1]))
    root_hr = UserFactory()
    organisation_services.role_assign(user=root_hr, role=Role.HR, unit=None)
    scoped_hr = UserFactory()
    organisation_services.role_assign(user=scoped_hr, role=Role.HR, unit=units[world.hr_unit])
    outsider = UserFactory()
    rng.shuffle(viewers)
    viewers = [("hr", root_hr), ("hr", scoped_hr), ("outsider", outsider)] + viewers
    viewers = viewers[: max(3, world.viewers)]

    campaign = CampaignFactory(
        unit=units[0],
        min_group=world.min_group,
        min_comments=world.min_comments,
        planned_rounds=world.rounds,
    )
    if sum(world.sizes) < world.min_group:
        # Too few people for any answer to hide among: the round does not even open.
        with pytest.raises(services.InsightsError):
            open_round(campaign)
        return campaign, units, []
    for _number in range(world.rounds):
        round_ = open_round(campaign)  # on the first day the campaign's schedule allows
        for participation in round_.participations.select_related("user").order_by("pk"):
            if rng.random() < world.answer_rate:
                services.response_submit(
                    round_id=round_.pk,
                    user=participation.user,
                    answers=answers_for(campaign.instrument, rng=rng),
                    comment="A remark." if rng.random() < world.comment_rate else "",
                    today=round_.opens_on,
                )
        round_ = close_round(campaign, today=round_.closes_on)
        for index, unit in enumerate(units):
            if world.released[index] and rng.random() < 0.7:
                services.release_share(
                    round_=round_,
                    unit_code=unit.code,
                    by=None,
                    parts=rng.sample(
                        ["psychological-safety", "innovation-support", "comments"],
                        rng.randint(1, 3),
                    ),
                    today=round_.closed_on,
                )
    return campaign, units, viewers


def requests_to_make(campaign, units) -> list[tuple[str, str, dict]]:
    """Every report, filter and round the app offers, as (kind, url, query) triples."""
    rounds = list(Round.objects.filter(campaign=campaign).order_by("number"))
    base = f"/api/insights/campaigns/{campaign.pk}"
    wanted = []
    for round_ in rounds:
        for filter_value in FILTERS:
            for scope in ("subtree", "unit"):
                query = {"round": round_.number, "filter": filter_value, "scope": scope}
                wanted.append(("rows", f"{base}/heatmap", {**query, "depth": 64}))
                wanted.append(
                    (
                        "csv",
                        f"/en/insights/campaigns/{campaign.pk}/export.csv",
                        {**query, "depth": "all"},
                    )
                )
        for unit in units:
            for scope in ("unit", "subtree"):
                query = {"round": round_.number, "scope": scope}
                wanted.append(("row", f"{base}/units/{unit.code}", query))
                wanted.append(("comments", f"{base}/units/{unit.code}/comments", query))
    for unit in units:
        for scope in ("unit", "subtree"):
            wanted.append(("rows", f"{base}/units/{unit.code}/trend", {"scope": scope}))
    return wanted


def look(client: Client, wanted, collected: Collected) -> None:
    """Make the requests and keep every figure that comes back."""
    for kind, url, query in wanted:
        response = client.get(url, query)
        if response.status_code in (403, 404):
            continue  # out of this person's reach
        assert response.status_code == 200, (url, query, response.status_code)
        if kind == "csv":
            collect_csv(collected, response.content.decode())
        elif kind == "rows":
            body = response.json()
            collect_api_rows(collected, body["rows"] if isinstance(body, dict) else body)
        elif kind == "row":
            collect_api_rows(collected, [response.json()])
        else:
            body = response.json()
            collect_api_rows(collected, [body["group"]], kind="comments")
            if body["group"]["status"] == "released":
                assert len(body["comments"]) == body["group"]["figure"]["n"]
            else:
                assert body["comments"] == []


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(world=worlds())
def test_no_combination_of_figures_any_role_receives_isolates_fewer_than_the_minimum(world):
    with transaction.atomic():
        campaign, units, viewers = build(world)
        collected = Collected.empty()
        last_round = Round.objects.filter(campaign=campaign).order_by("-number").first()
        if last_round is None:  # too few people to open a round: nothing to look at
            transaction.set_rollback(True)
            return
        moment = datetime.datetime.combine(
            last_round.closed_on + datetime.timedelta(days=world.days_after), datetime.time(12)
        )
        wanted = requests_to_make(campaign, units)
        rng = random.Random(world.seed)
        with time_machine.travel(moment, tick=False):
            for position, (role, user) in enumerate(viewers):
                client = Client()
                client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
                before = len(collected.scores) + len(collected.comments)
                # The first viewer (HR for the whole organisation) asks for everything, so
                # the attacker holds the union; every other role asks for a random third of
                # it, so each role's own path through the views is exercised too.
                asked = wanted if position == 0 else rng.sample(wanted, len(wanted) // 3)
                look(client, asked, collected)
                if role == "outsider":
                    assert len(collected.scores) + len(collected.comments) == before
        path_of = {
            (r.number, code): path
            for r in Round.objects.filter(campaign=campaign)
            for code, path in r.chart
        }
        assert_no_combination_isolates_a_small_group(
            collected,
            raw_rows(campaign),
            path_of,
            min_group=world.min_group,
            min_comments=world.min_comments,
        )
        transaction.set_rollback(True)
