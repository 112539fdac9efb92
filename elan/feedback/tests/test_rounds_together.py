# SPDX-License-Identifier: EUPL-1.2
"""Issue 13, point 2: the rounds of one person's 360 are guarded together, so no pair or
sequence of reports isolates a rater by difference (docs/adr/0011-360-rounds-guarded-together.md).
The guard knows who answered in which round by a rater key kept with the invitation, never with
the answers."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from elan.core.vocabulary import InnovationSkill
from elan.feedback import services, tokens
from elan.feedback.models import Invitation, RaterResponse
from elan.feedback.selectors import build_report
from elan.feedback.tests.factories import (
    answer,
    colleague_for,
    feedback_round,
    invite,
    open_round,
    send_list,
)

pytestmark = pytest.mark.django_db


def shown(report) -> dict[str, int | None]:
    return {group.key: group.raters for group in report.groups}


def figures(report) -> list:
    return [(row.others, dict(row.groups)) for row in report.skills]


def closed_round(owner, peers, values=3):
    return feedback_round(
        owner, rater_emails={"peer": [p.email for p in peers]}, values=values, close=True
    )


def test_a_second_round_with_a_subset_of_the_same_raters_shows_nothing_that_singles_one_out(
    personas,
):
    owner = personas.employee
    peers = [colleague_for(owner) for _number in range(4)]
    first = closed_round(owner, peers)
    before = build_report(round_=first)
    assert shown(before) == {"peer": 4} and before.others_shown

    # The same peers but one: round one minus round two would be that one peer's scores.
    second = closed_round(owner, peers[:3], values=4)
    report = build_report(round_=second)
    assert shown(report) == {"peer": None}
    assert not report.others_shown
    assert {row.others for row in report.skills} == {None}
    assert all(value is None for row in report.skills for value in row.groups.values())
    # An earlier report never changes because of a later round: it was already seen.
    assert figures(build_report(round_=first)) == figures(before)


def test_a_second_round_with_the_same_raters_is_shown(personas):
    owner = personas.employee
    peers = [colleague_for(owner) for _number in range(4)]
    closed_round(owner, peers)
    report = build_report(round_=closed_round(owner, peers, values=4))
    assert shown(report) == {"peer": 4}
    assert {row.others for row in report.skills} == {4.0}


def test_a_second_round_with_other_colleagues_only_is_shown(personas):
    owner = personas.employee
    closed_round(owner, [colleague_for(owner) for _number in range(3)])
    report = build_report(round_=closed_round(owner, [colleague_for(owner) for _n in range(3)]))
    assert shown(report) == {"peer": 3} and report.others_shown


def test_three_stayers_and_three_joiners_are_shown_but_a_lone_leaver_hides_the_round(personas):
    owner = personas.employee
    peers = [colleague_for(owner) for _number in range(6)]
    closed_round(owner, peers[:3])
    # Cells: 3 in both rounds, 3 only in the second: each at least the minimum.
    assert build_report(round_=closed_round(owner, peers)).others_shown
    # Now one of the six stays away: a cell of one person who answered before and not now.
    assert not build_report(round_=closed_round(owner, peers[:5])).others_shown


def test_a_skill_a_shared_rater_left_out_is_hidden_in_the_later_round(personas):
    owner = personas.employee
    peers = [colleague_for(owner) for _number in range(4)]
    closed_round(owner, peers)
    second = open_round(owner)
    secrets = [invite(second, "peer", email=peer.email)[1] for peer in peers]
    send_list(second)
    for secret in secrets[:3]:
        answer(second, secret, 4)
    skipped = {s: 4 for s in InnovationSkill.values if s != InnovationSkill.CURIOSITY}
    answer(second, secrets[3], skipped)
    second = services.round_close(owner=owner, round_=second)
    by_slug = {row.slug: row for row in build_report(round_=second).skills}
    # Who left curiosity out is not known by person: the partial figure is not shown.
    assert by_slug[InnovationSkill.CURIOSITY].others is None
    assert by_slug[InnovationSkill.ITERATION].others == 4.0


def test_a_rater_key_is_the_same_for_one_person_in_an_owners_rounds_and_kept_off_the_answers(
    personas,
):
    owner = personas.employee
    peer = colleague_for(owner)
    first = open_round(owner)
    key, _secret = invite(first, "peer", email=peer.email)
    services.round_close(owner=owner, round_=first)
    second = open_round(owner)
    again, _secret = invite(second, "peer", email=peer.email)
    assert key.rater_key and again.rater_key == key.rater_key
    other_owner = open_round(personas.line_manager)
    elsewhere, _secret = invite(other_owner, "peer", email=peer.email)
    assert elsewhere.rater_key != key.rater_key
    # What the database holds does not recompute it: the owner's secret is stored wrapped.
    stored = bytes.fromhex(second.rater_secret)
    assert tokens.rater_key(stored, peer.pk) != again.rater_key
    assert not {"rater_key", "invitation", "user"} & {
        field.name for field in RaterResponse._meta.get_fields()
    }


def test_after_a_secret_key_rotation_the_rounds_stay_comparable_through_the_fallback(
    personas, settings
):
    owner = personas.employee
    peers = [colleague_for(owner) for _number in range(4)]
    first = closed_round(owner, peers)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "rotated-" + old
    settings.SECRET_KEY_FALLBACKS = [old]
    output = StringIO()
    call_command("feedback_daily", stdout=output)  # the operator's daily job rewraps
    assert "1 rater-key secret(s) wrapped under the current key" in output.getvalue()
    first.refresh_from_db()
    settings.SECRET_KEY_FALLBACKS = []  # the old key can go once everything is rewrapped
    second = closed_round(owner, peers[:3])
    assert second.rater_secret_id == first.rater_secret_id
    assert not build_report(round_=second).others_shown


def test_keys_that_cannot_be_compared_hide_the_later_round_rather_than_guess(personas, settings):
    owner = personas.employee
    peers = [colleague_for(owner) for _number in range(4)]
    first = closed_round(owner, peers)
    # SECRET_KEY replaced with no fallback: the owner's secret is lost, a new one starts.
    settings.SECRET_KEY = "replaced-" + settings.SECRET_KEY
    second = closed_round(owner, [colleague_for(owner) for _number in range(3)])
    assert second.rater_secret_id != first.rater_secret_id
    assert not build_report(round_=second).others_shown


def test_raters_who_did_not_answer_keep_no_key_once_the_round_is_closed(personas):
    owner = personas.employee
    round_ = open_round(owner)
    secrets = [invite(round_, "peer")[1] for _n in range(3)]
    invite(round_, "peer")
    send_list(round_)
    for secret in secrets:
        answer(round_, secret)
    services.round_close(owner=owner, round_=round_)
    keys = list(Invitation.objects.filter(round=round_).values_list("answered", "rater_key"))
    assert sorted(bool(key) for _answered, key in keys) == [False, True, True, True]
    assert all(bool(key) == answered for answered, key in keys)
