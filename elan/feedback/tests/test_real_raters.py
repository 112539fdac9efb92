# SPDX-License-Identifier: EUPL-1.2
"""Issue 13, point 2: anonymous rater groups count only distinct, verified colleagues; direct
reports come from the organisation chart; the line manager is the recorded one; raters from
outside the organisation answer attributed, apart, and their form says so."""

from __future__ import annotations

import pytest

from elan.accounts.tests.factories import UserFactory
from elan.feedback.models import Invitation
from elan.feedback.selectors import build_report
from elan.feedback.services import FeedbackError
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


@pytest.mark.parametrize("relationship", ["peer", "direct_report", "other", "manager"])
def test_an_address_that_is_not_an_account_of_the_organisation_cannot_join_a_colleagues_group(
    personas, relationship
):
    round_ = open_round(personas.employee)
    with pytest.raises(FeedbackError, match="not an account of the organisation"):
        invite(round_, relationship, email="my.other.address@outside.example")
    assert not Invitation.objects.filter(round=round_).exists()


def test_an_account_without_a_staff_record_or_deactivated_is_not_a_colleague(personas):
    round_ = open_round(personas.employee)
    UserFactory(email="no.record@elan.test")
    gone = colleague_for(personas.employee)
    gone.is_active = False
    gone.save()
    for email in ("no.record@elan.test", gone.email):
        with pytest.raises(FeedbackError, match="not an account of the organisation"):
            invite(round_, "peer", email=email)
        invitation, _secret = invite(round_, "external", email=email)
        assert invitation.user is None and invitation.rater_key == ""


def test_a_colleague_cannot_be_listed_as_someone_outside_the_organisation(personas):
    round_ = open_round(personas.employee)
    with pytest.raises(FeedbackError, match="is a colleague in the organisation"):
        invite(round_, "external", email=personas.outsider.email)


def test_direct_reports_are_the_people_who_report_to_the_owner_on_the_chart(personas):
    round_ = open_round(personas.line_manager)
    with pytest.raises(FeedbackError, match="does not report to you"):
        invite(round_, "direct_report", email=colleague_for(personas.line_manager).email)
    with pytest.raises(FeedbackError, match="reports to you: invite them as a direct report"):
        invite(round_, "peer", email=personas.employee.email)
    invitation, _secret = invite(round_, "direct_report", email=personas.employee.email)
    assert invitation.user == personas.employee and invitation.rater_key


def test_the_line_manager_is_only_the_recorded_one_and_never_an_anonymous_peer(personas):
    round_ = open_round(personas.employee)
    with pytest.raises(FeedbackError, match="recorded line manager"):
        invite(round_, "peer", email=personas.line_manager.email)
    with pytest.raises(FeedbackError, match="recorded line manager"):
        invite(round_, "manager", email=personas.team_lead.email)
    # The team lead has no recorded line manager: nobody can answer as theirs.
    lead_round = open_round(personas.team_lead)
    with pytest.raises(FeedbackError, match="no recorded line manager"):
        invite(lead_round, "manager", email=personas.hr.email)


def test_nobody_rates_themselves_or_is_listed_twice_in_a_round(personas):
    round_ = open_round(personas.employee)
    with pytest.raises(FeedbackError, match="self-assessment"):
        invite(round_, "peer", email=personas.employee.email.upper())
    peer = colleague_for(personas.employee)
    first, _secret = invite(round_, "peer", email=peer.email)
    again, _secret = invite(round_, "other", email=peer.email.upper())
    assert first.pk == again.pk
    assert Invitation.objects.filter(round=round_, user=peer).count() == 1
    assert Invitation.objects.filter(round=round_, rater_key=first.rater_key).count() == 1


def test_one_real_peer_and_two_own_outside_addresses_never_make_a_group_of_three(personas):
    """The attack of the issue: "Peers: 3 raters" that held one real peer's exact scores."""
    owner = personas.employee
    round_ = open_round(owner)
    _peer, peer_secret = invite(round_, "peer")
    with pytest.raises(FeedbackError):
        invite(round_, "peer", email="owner.alias@outside.example")
    outside = [
        invite(round_, "external", email=f"owner.alias{n}@outside.example")[1] for n in (1, 2)
    ]
    send_list(round_)
    answer(round_, peer_secret, 2)
    for secret in outside:
        answer(round_, secret, 5)
    report = build_report(round_=round_)
    # The real peer is alone among colleagues: no group and no total carries their scores.
    assert shown(report) == {"other": None}
    assert not report.others_shown
    assert {row.others for row in report.skills} == {None}
    assert all(value is None for row in report.skills for value in row.groups.values())
    # The outside raters are shown apart, attributed, never pooled with the peer.
    assert report.external_count == 2
    assert {row.external for row in report.skills} == {5.0}


def test_outside_raters_are_not_counted_in_the_anonymous_total(personas):
    round_ = feedback_round(
        personas.employee, raters={"peer": 3, "external": 2}, group_values={"external": 1}
    )
    report = build_report(round_=round_)
    assert shown(report) == {"peer": 3}
    assert report.others_count == 3
    assert {row.others for row in report.skills} == {3.0}
    assert {row.external for row in report.skills} == {1.0}


def test_the_outside_raters_form_says_plainly_before_they_answer_that_it_is_not_anonymous(
    personas, client
):
    round_ = open_round(personas.employee)
    _invitation, secret = invite(round_, "external")
    send_list(round_)
    page = client.get(f"/en/feedback/rate/{secret}/").content.decode()
    assert "Your answers are not anonymous" in page
    assert "You answer as someone outside the organisation" in page
    assert page.index("attribution-notice") < page.index("<form")
    assert "anonymity-notice" not in page
