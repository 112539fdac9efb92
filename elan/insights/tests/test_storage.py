# SPDX-License-Identifier: EUPL-1.2
"""What the database holds cannot be linked to one person, and reports still work from it.

Someone who reads the response table sees, for each answer, the round and the keys it was
stored with. Those keys must point to at least the campaign's minimum of invited people, or the
row is that person's answers. The random worlds here are charts a few levels deep with units of
one person, language groups of one, people without a recorded language or level, and people
placed at the top; everyone answers through the product's own services.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from elan.accounts.tests.factories import UserFactory
from elan.insights import services
from elan.insights.models import GroupResult, Invitee, Participation, Response
from elan.insights.services import InsightsError, pseudonym
from elan.insights.tests.factories import CampaignFactory, answers_for, close_round, open_round
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


@dataclass
class World:
    seed: int
    parents: list[int | None]
    sizes: list[int]
    min_group: int
    answer_rate: float


@st.composite
def worlds(draw) -> World:
    count = draw(st.integers(2, 7))
    parents: list[int | None] = [None]
    for unit in range(1, count):
        parents.append(draw(st.integers(0, unit - 1)))
    # Mostly small units (one person included), now and then a large one.
    sizes = draw(st.lists(st.sampled_from([0, 1, 1, 2, 3, 4, 6, 9, 14]), min_size=count))
    return World(
        seed=draw(st.integers(0, 2**32 - 1)),
        parents=parents,
        sizes=sizes[:count],
        min_group=draw(st.sampled_from([3, 5])),
        answer_rate=draw(st.sampled_from([0.5, 1.0])),
    )


def build(world: World):
    rng = random.Random(world.seed)
    units = []
    for index, parent in enumerate(world.parents):
        code = f"S{index}"
        units.append(
            UnitFactory(code=code)
            if parent is None
            else UnitFactory(parent=units[parent], code=code)
        )
    for unit, size in zip(units, world.sizes, strict=True):
        for _ in range(size):
            # Mostly Dutch, a few French and German speakers and people with nothing recorded.
            language = rng.choice(["nl", "nl", "nl", "fr", "de", ""])
            user = UserFactory(preferred_language=language)
            StaffRecord.objects.create(
                user=user,
                unit_id=unit.pk,
                external_id=f"S{user.pk}",
                grade=rng.choice(["A", "B", "B", "C", ""]),
            )
    return units, CampaignFactory(unit=units[0], min_group=world.min_group, planned_rounds=1)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(world=worlds())
def test_no_stored_answer_carries_keys_shared_by_fewer_than_the_minimum_of_invited_people(world):
    with transaction.atomic():
        units, campaign = build(world)
        if sum(world.sizes) < world.min_group:
            with pytest.raises(InsightsError):
                open_round(campaign)
            transaction.set_rollback(True)
            return
        round_ = open_round(campaign)
        campaign.refresh_from_db()
        rng = random.Random(world.seed)
        for participation in Participation.objects.filter(round=round_).order_by("user_id"):
            if rng.random() < world.answer_rate:
                services.response_submit(
                    round_id=round_.pk,
                    user=participation.user,
                    answers=answers_for(campaign.instrument),
                    today=round_.opens_on,
                )
        # Every invited person, as the HR systems know them, and the keys stored for them.
        path_of = {unit.code: Unit.objects.get(pk=unit.pk).path for unit in units}
        records = StaffRecord.objects.filter(unit__in=units).select_related("unit", "user")
        stored_for = {
            (invitee.pseudonym): (invitee.unit_code, invitee.language, invitee.grade_band)
            for invitee in Invitee.objects.filter(round=round_)
        }
        people_per_key: Counter = Counter()
        for record in records:
            unit_code, language, grade = stored_for[
                pseudonym(campaign=campaign, user_id=record.user_id)
            ]
            # A coarser key, never a different one: the person's unit or a unit above it, and
            # their own language and level or nothing.
            assert path_of[record.unit.code].startswith(path_of[unit_code])
            assert language in ("", record.user.preferred_language)
            assert grade in ("", record.grade)
            people_per_key[(unit_code, language, grade)] += 1
        stored_rows = Response.objects.filter(round=round_).values_list(
            "unit_code", "language", "grade_band"
        )
        for key in stored_rows:
            assert people_per_key[key] >= world.min_group, (key, people_per_key)

        # Reports still work: the guard only ever formed groups from keys that exist.
        round_ = close_round(campaign)
        stored_units = {code for code, _language, _grade in stored_rows}
        for result in GroupResult.objects.filter(round=round_):
            if result.scope == "unit":
                assert result.unit_code in round_.pooled_units
            else:
                assert result.unit_code not in round_.partial_units
            inside = [
                code
                for code in stored_units
                if path_of[code].startswith(path_of[result.unit_code])
                and (result.scope == "subtree" or code == result.unit_code)
            ]
            assert inside, result
            if result.released:
                members = Response.objects.filter(round=round_, unit_code__in=inside)
                if result.attribute:
                    members = members.filter(**{result.attribute: result.value})
                if result.family == "comments":
                    # Counted in respondents, shown with its number of comments (docs/adr/0014).
                    assert members.count() >= campaign.min_comments
                    members = members.exclude(comment="")
                assert members.count() == result.n
        transaction.set_rollback(True)


def test_a_round_for_fewer_people_than_the_minimum_does_not_open(personas):
    """Three people: whatever keys were stored, each answer would be one of three."""
    campaign = CampaignFactory(unit=personas.team)
    with pytest.raises(InsightsError, match="at least 5 invited people"):
        open_round(campaign)
    assert not campaign.rounds.exists()


def test_a_unit_added_between_rounds_renumbers_paths_but_never_moves_answers(personas, client_for):
    """Adding DIR-B between DIR-A and DIR-C gives DIR-B the tree path DIR-C had. Answers are
    stored and compared by unit code, so HR for the new DIR-B sees nothing of DIR-C's answers,
    and HR for DIR-C still sees theirs, in the old round and the new one."""
    from elan.insights.tests.conftest import grow

    organisation = personas.organisation
    grow(organisation, 1)
    first = UnitFactory(parent=organisation, code="DIR-A")
    moved = UnitFactory(parent=organisation, code="DIR-C")
    grow(first, 6)
    people_of_c = grow(moved, 6)
    path_before = Unit.objects.get(code="DIR-C").path
    campaign = CampaignFactory(unit=organisation, planned_rounds=2, round_interval_days=30)
    round_ = open_round(campaign)
    for user in people_of_c:
        services.response_submit(
            round_id=round_.pk,
            user=user,
            answers=answers_for(campaign.instrument),
            today=round_.opens_on,
        )
    organisation.refresh_from_db()
    added = organisation.add_child(code="DIR-B", name_en="Directorate B")
    assert added.path == path_before  # treebeard renumbered DIR-C to make room
    hr_b = person_in(added)
    organisation_services.role_assign(user=hr_b, role=Role.HR, unit=added)
    hr_c = people_of_c[0]
    organisation_services.role_assign(user=hr_c, role=Role.HR, unit=Unit.objects.get(code="DIR-C"))
    # The stored rows name DIR-C, not the path that is now DIR-B's.
    assert set(Response.objects.values_list("unit_code", flat=True)) == {"DIR-C"}
    round_ = close_round(campaign)
    second = open_round(campaign, today=round_.closed_on + datetime.timedelta(days=30))
    for user in people_of_c:
        services.response_submit(
            round_id=second.pk,
            user=user,
            answers=answers_for(campaign.instrument),
            today=second.opens_on,
        )
    second = close_round(campaign)
    api = f"/api/insights/campaigns/{campaign.pk}"
    later = datetime.datetime.combine(second.goes_up_on, datetime.time(12))
    with time_machine.travel(later, tick=False):
        client = client_for("visitor")
        client.force_login(hr_b, backend="django.contrib.auth.backends.ModelBackend")
        for number in (1, 2):
            for code in ("DIR-C", "DIR-A", organisation.code):
                for scope in ("unit", "subtree"):
                    response = client.get(f"{api}/units/{code}?round={number}&scope={scope}")
                    assert response.status_code == 403, (number, code, scope)
            rows = client.get(f"{api}/heatmap?round={number}&depth=64")
            if rows.status_code == 200:
                assert {row["unit"] for row in rows.json()["rows"]} <= {"DIR-B"}
        client.force_login(hr_c, backend="django.contrib.auth.backends.ModelBackend")
        for number in (1, 2):
            row = client.get(f"{api}/units/DIR-C?round={number}").json()
            assert row["status"] == "released" and row["figure"]["n"] == 6
