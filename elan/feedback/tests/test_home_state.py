# SPDX-License-Identifier: EUPL-1.2
"""What 360 feedback tells the home page: the owner's round, the invitations waiting for a
colleague, and the rater lists waiting for a line manager's or HR's review."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from elan.core.modules import Audience, DateKind, ModuleStatus
from elan.feedback import services
from elan.feedback.home import own_state, role_items
from elan.feedback.models import Invitation
from elan.feedback.tests.factories import (
    answer,
    feedback_round,
    invite,
    open_round,
    send_list,
)
from elan.organisations.tests.factories import person_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def own_round_state(user):
    return own_state(user)[0]


def in_review(owner):
    round_ = open_round(owner)
    invite(round_, "peer")
    return services.round_send_list(owner=owner, round_=round_)


def test_a_person_without_a_round_is_invited_to_ask_for_feedback(personas):
    state = own_round_state(personas.employee)
    assert state.status == ModuleStatus.NOT_STARTED
    assert state.url == "/en/feedback/"


def test_a_round_in_draft_asks_the_owner_to_choose_raters(personas):
    round_ = open_round(personas.employee)
    state = own_round_state(personas.employee)
    assert state.status == ModuleStatus.IN_PROGRESS
    assert str(state.label) == "Choose your raters and send the list"
    assert state.url == f"/en/feedback/{round_.public_id}/"


def test_a_round_in_review_says_so_to_its_owner(personas):
    in_review(personas.employee)
    state = own_round_state(personas.employee)
    assert state.status == ModuleStatus.IN_PROGRESS
    assert str(state.label) == "Your rater list is waiting for review"


def test_an_open_round_is_in_progress_until_its_closing_day_without_counting_answers(personas):
    round_ = feedback_round(personas.team_lead, raters={"peer": 3})
    state = own_round_state(personas.team_lead)
    assert (state.status, state.date) == (ModuleStatus.IN_PROGRESS, round_.closes_on)
    assert state.date_kind == DateKind.OPEN_UNTIL
    # Three raters answered: the home page says nothing of it, and nothing changes when they do.
    assert str(state.label) == "Your 360 feedback is open for answers"
    assert str(state.detail) == "The report opens when the round closes."


def test_a_closed_round_is_done_on_the_day_it_closed_and_links_to_the_report(personas):
    round_ = feedback_round(personas.team_lead, raters={"peer": 3}, close=True)
    state = own_round_state(personas.team_lead)
    assert (state.status, state.date) == (ModuleStatus.DONE, timezone.localdate())
    assert state.url == f"/en/feedback/{round_.public_id}/report/"


def test_a_colleague_asked_to_rate_sees_the_invitation_until_they_answer(personas):
    round_ = feedback_round(personas.team_lead, raters={"peer": 3}, answered=False)
    invitation = Invitation.objects.filter(round=round_).select_related("user").first()
    rater = invitation.user
    [_own, waiting] = own_state(rater)
    assert waiting.status == ModuleStatus.WAITING
    assert str(waiting.label) == f"Give {personas.team_lead.get_full_name()} your 360 feedback"
    assert (waiting.date, waiting.url) == (round_.closes_on, "")


def test_an_answered_invitation_waits_no_more(personas):
    round_ = open_round(personas.team_lead)
    invitation, secret = invite(round_, "peer")
    for _ in range(2):
        invite(round_, "peer")
    round_ = send_list(round_)
    answer(round_, secret)
    invitation.refresh_from_db()
    assert len(own_state(invitation.user)) == 1


def test_the_line_manager_sees_the_rater_list_to_review_as_a_team_item(personas):
    round_ = in_review(personas.employee)
    [item] = role_items(personas.line_manager)
    assert item.audience == Audience.TEAM
    assert item.state.status == ModuleStatus.WAITING
    assert item.state.url == f"/en/feedback/reviews/{round_.public_id}/"
    assert role_items(personas.team_lead) == []
    assert role_items(personas.hr) == []


def test_hr_reviews_the_list_of_someone_in_scope_without_a_line_manager(personas):
    owner = person_in(personas.organisation, email="no.manager@elan.test")
    round_ = in_review(owner)
    [item] = role_items(personas.hr)
    assert item.audience == Audience.ORGANISATION
    assert item.state.url == f"/en/feedback/reviews/{round_.public_id}/"
    assert role_items(personas.line_manager) == []


def test_nobody_else_sees_a_rater_list_or_a_round(personas):
    in_review(personas.employee)
    for name in ("employee", "team_lead", "outsider", "content_editor", "administrator"):
        assert role_items(personas.get(name)) == [], name
    assert own_round_state(personas.outsider).status == ModuleStatus.NOT_STARTED
