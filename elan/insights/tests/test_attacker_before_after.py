# SPDX-License-Identifier: EUPL-1.2
"""The property-based attacker's before-and-after move (issue 13, point 1).

Hypothesis builds a small organisation with people, self-assessments (some counted in the team
skill mix), a survey campaign whose first round is closed and published and a second campaign
open with answers, a 360 round open with answers, and the steps and snapshots the daily jobs
take. Then every role reads everything it can reach: every page of the platform with every
campaign, unit and round filled in, both exports and every route of the insights API. One
person answers (a survey, a 360 rating or a self-assessment), and everything is read again.

Nothing derived from answers may change: with no round closed and no step or snapshot taken in
between, every output must be the same as before once the per-request tokens are blanked (XLSX
files are compared cell by cell). The expected differences are listed in ``expected_change``,
each with its reason.
"""

from __future__ import annotations

import datetime
import io
import itertools
import random
import re
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elan.accounts.tests.factories import UserFactory
from elan.assessments import services as assessment_services
from elan.assessments.team import snapshot_take
from elan.assessments.tests.factories import submitted_assessment
from elan.feedback.quality import snapshots_take
from elan.insights import services
from elan.insights.tests.factories import CampaignFactory, answers_for, close_round, open_round
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord
from elan.organisations.tests.factories import UnitFactory
from tests.test_access_matrix import walked_names

MOVES = ("survey", "rater", "self")
_BLANK = re.compile(
    # The survey's signed draft carries a timestamp, so it differs on every request.
    r'((?:csrfmiddlewaretoken|name="token"|name="draft") value=|nonce='
    r'|name="csrfmiddlewaretoken" value=)"[^"]*"'
)


@dataclass
class World:
    seed: int
    sizes: list[int]
    counted_rate: float
    answer_rate: float
    move: str


@st.composite
def worlds(draw) -> World:
    return World(
        seed=draw(st.integers(0, 2**32 - 1)),
        sizes=draw(st.lists(st.integers(3, 6), min_size=2, max_size=2)),
        counted_rate=draw(st.sampled_from([0.5, 1.0])),
        answer_rate=draw(st.sampled_from([0.7, 1.0])),
        move=draw(st.sampled_from(MOVES)),
    )


@dataclass
class Built:
    viewers: dict[str, object]
    values: dict[str, list[str]]  # URL keyword -> the values to fill in
    answer: object  # the move: one person answers
    answerer: object
    owner: object


def _person(unit, rng):
    user = UserFactory(preferred_language=rng.choice(("nl", "fr")))
    StaffRecord.objects.create(
        user=user, unit_id=unit.pk, external_id=f"X{user.pk}", grade=rng.choice(("A", "B"))
    )
    return user


def build(world: World) -> Built:
    from elan.feedback.tests.factories import answer as rate
    from elan.feedback.tests.factories import invite, send_list
    from elan.feedback.tests.factories import open_round as start_360

    rng = random.Random(world.seed)
    top = UnitFactory(code="ATK")
    units = [UnitFactory(parent=top, code=f"ATK-{n}") for n in range(len(world.sizes))]
    people = {
        unit.code: [_person(unit, rng) for _ in range(size)]
        for unit, size in zip(units, world.sizes, strict=True)
    }
    everyone = [person for group in people.values() for person in group]
    lead = people[units[0].code][0]
    organisation_services.role_assign(user=lead, role=Role.TEAM_LEAD, unit=units[0])
    hr = UserFactory()
    organisation_services.role_assign(user=hr, role=Role.HR, unit=top)
    outsider = _person(UnitFactory(code="ELSEWHERE"), rng)

    # Self-assessments; the last person of the second unit has none yet (the "self" move).
    waiting_self = people[units[1].code][-1]
    for person in everyone:
        if person is not waiting_self:
            submitted_assessment(person, rng.randint(1, 5))
        if person is waiting_self or rng.random() < world.counted_rate:
            assessment_services.team_mix_join(owner=person)

    today = timezone.localdate()
    published = CampaignFactory(unit=top, opens_on=today - datetime.timedelta(days=40))
    round_ = open_round(published, today=published.opens_on)
    for participation in round_.participations.select_related("user").order_by("pk"):
        services.response_submit(
            round_id=round_.pk,
            user=participation.user,
            answers=answers_for(published.instrument, rng=rng),
            comment="A remark." if rng.random() < 0.5 else "",
            today=round_.opens_on,
        )
    close_round(published, today=round_.closes_on)

    running = CampaignFactory(unit=top, opens_on=today)
    live = open_round(running, today=today)
    invited = list(live.participations.select_related("user").order_by("pk"))
    waiting_survey = invited[-1].user
    for participation in invited[:-1]:
        if rng.random() < world.answer_rate:
            services.response_submit(
                round_id=live.pk,
                user=participation.user,
                answers=answers_for(running.instrument, rng=rng),
                today=today,
            )

    owner = people[units[0].code][1]
    feedback = start_360(owner)
    secrets = [invite(feedback, "peer")[1] for _ in range(4)]
    feedback = send_list(feedback)
    for rater_secret in secrets[:3]:
        rate(feedback, rater_secret, rng.randint(1, 5))
    secret = secrets[3]  # the rater who answers in the move

    # What the daily jobs have taken so far.
    snapshots_take()
    snapshot_take()

    if world.move == "survey":
        answerer = waiting_survey

        def answer():
            services.response_submit(
                round_id=live.pk,
                user=waiting_survey,
                answers=answers_for(running.instrument, rng=rng),
                today=today,
            )

    elif world.move == "rater":
        answerer = None  # a colleague who is none of the viewers

        def answer():
            rate(feedback, secret, rng.randint(1, 5))

    else:
        answerer = waiting_self

        def answer():
            submitted_assessment(waiting_self, rng.randint(1, 5))

    viewers = {"hr": hr, "lead": lead, "owner": owner, "member": people[units[1].code][0]}
    viewers["outsider"] = outsider
    values = {
        "pk": [str(published.pk), str(running.pk)],
        "code": [top.code, *(unit.code for unit in units)],
        "unit_id": [str(top.pk), *(str(unit.pk) for unit in units)],
        "public_id": [str(feedback.public_id)],
        "fmt": ["csv", "xlsx"],
    }
    return Built(viewers, values, answer, answerer, owner)


def every_output(values: dict[str, list[str]]) -> list[str]:
    """Every page whose arguments the world can fill, both exports and the API's routes."""
    from tests.test_access_matrix import language_prefixed_patterns

    patterns = language_prefixed_patterns()
    urls = []
    with translation.override("en"):
        for name in walked_names():
            keywords = sorted(patterns[name].pattern.converters)
            if any(keyword not in values for keyword in keywords):
                continue  # a page of something this world has none of (a share, a link, a step)
            for combination in itertools.product(*(values[k] for k in keywords)):
                try:
                    urls.append(reverse(name, kwargs=dict(zip(keywords, combination, strict=True))))
                except NoReverseMatch:
                    continue
    for pk in values["pk"]:
        base = f"/api/insights/campaigns/{pk}"
        urls += [f"{base}/rounds", f"{base}/heatmap"]
        for code in values["code"]:
            urls += [f"{base}/units/{code}", f"{base}/units/{code}/trend"]
            urls += [f"{base}/units/{code}/comments"]
            for scope in ("unit", "subtree"):
                urls.append(f"{base}/heatmap?scope={scope}&depth=64")
    return sorted(set(urls))


def read_everything(viewers: dict[str, object], urls: list[str]) -> dict[tuple[str, str], bytes]:
    seen = {}
    for role, user in viewers.items():
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        for url in urls:
            response = client.get(url)
            seen[(role, url)] = (response.status_code, _comparable(response))
    return seen


def _comparable(response) -> object:
    """What the response says, without what changes on every request by design (tokens; the
    time an XLSX file was written)."""
    content_type = response.get("Content-Type", "")
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        return [
            (sheet.title, [tuple(row) for row in sheet.iter_rows(values_only=True)])
            for sheet in workbook.worksheets
        ]
    if content_type.startswith(("text/", "application/json")):
        return _BLANK.sub(r'\1""', response.content.decode())
    return response.content


def expected_change(move: str, role: str, url: str) -> bool:
    # The person's own data download holds their own session and login times, which move with
    # every request; it holds nothing about anyone else (accounts' personal-data tests).
    if url.endswith("/me/data/download/"):
        return True
    # The owner of a 360 is told how many of the raters they chose have answered, never what
    # any of them answered (docs/feedback.md, "Counts, never names").
    return move == "rater" and role == "owner" and "/feedback/" in url


@pytest.mark.django_db
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(world=worlds())
def test_nothing_derived_from_answers_changes_when_one_person_answers(world):
    from django.test import override_settings

    # Small worlds: psychometrics from 3 answer sets and groups of 3, so figures are shown.
    with (
        override_settings(PSYCHOMETRICS_MIN_RESPONSES=3, ANONYMITY_MIN_GROUP=3),
        transaction.atomic(),
    ):
        built = build(world)
        viewers = {role: user for role, user in built.viewers.items() if user != built.answerer}
        urls = every_output(built.values)
        before = read_everything(viewers, urls)
        # Not vacuous: HR reads instrument quality with figures, the lead a team's skill mix.
        status, quality_page = before[("hr", "/en/feedback/instrument-quality/")]
        assert status == 200 and "Corrected item-total correlation" in quality_page
        assert any(
            role == "lead" and "/assessments/team/" in url and status == 200
            for (role, url), (status, _body) in before.items()
        )
        built.answer()
        after = read_everything(viewers, urls)
        changed = sorted(
            (role, url)
            for (role, url), output in after.items()
            if output != before[(role, url)] and not expected_change(world.move, role, url)
        )
        assert not changed, f"{world.move}: outputs changed when one person answered: {changed}"
        transaction.set_rollback(True)
