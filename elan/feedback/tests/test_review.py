# SPDX-License-Identifier: EUPL-1.2
"""Issue 13, point 2: the line manager (or HR within scope) sees and challenges the rater list
before it goes out. The lifecycle is data (draft -> in review -> open), each step an event."""

from __future__ import annotations

import pytest
from django.core import mail

from elan.feedback import services
from elan.feedback.constants import NO_REVIEWER
from elan.feedback.models import RoundEvent
from elan.feedback.services import FeedbackError, LinkUnavailable
from elan.feedback.tests.factories import answer, invite, open_round

pytestmark = pytest.mark.django_db


def history(round_) -> list[tuple[str, str]]:
    return list(RoundEvent.objects.filter(round=round_).values_list("kind", "note"))


def test_nothing_goes_out_until_the_line_manager_approves_the_list(
    personas, client_for, django_capture_on_commit_callbacks
):
    owner = personas.employee
    round_ = open_round(owner)
    assert round_.status == "draft"
    _peer, secret = invite(round_, "peer")
    invite(round_, "external", email="partner@outside.example")
    with pytest.raises(LinkUnavailable):
        answer(round_, secret)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        round_ = services.round_send_list(owner=owner, round_=round_)
    assert round_.status == "in_review"
    # The line manager is asked, by e-mail with a link to the list; no rater hears anything.
    assert [m.to for m in mail.outbox] == [[personas.line_manager.email]]
    assert f"/feedback/reviews/{round_.public_id}/" in mail.outbox[0].body

    page = client_for("line_manager").get(f"/en/feedback/reviews/{round_.public_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "partner@outside.example" in html and "Someone outside the organisation" in html
    assert "Peer" in html
    listing = client_for("line_manager").get("/en/feedback/reviews/").content.decode()
    assert f"/en/feedback/reviews/{round_.public_id}/" in listing
    for name in ("employee", "team_lead", "hr", "outsider", "administrator"):
        url = f"/en/feedback/reviews/{round_.public_id}/"
        assert client_for(name).get(url).status_code == 404, name

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("line_manager").post(
            f"/en/feedback/reviews/{round_.public_id}/", {"decision": "approve"}
        )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.status == "open"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([owner.email, "partner@outside.example", _peer.email])
    assert round_.invitations.filter(invited_at__isnull=True).count() == 0
    answer(round_, secret)  # the links work now
    assert [kind for kind, _note in history(round_)] == [
        "opened",
        "invited",
        "invited",
        "submitted_for_review",
        "approved",
    ]


def test_the_line_manager_sends_the_list_back_with_a_note_the_owner_reads(
    personas, client_for, django_capture_on_commit_callbacks
):
    owner = personas.employee
    round_ = open_round(owner)
    challenged, _secret = invite(round_, "peer")
    services.round_send_list(owner=owner, round_=round_)
    url = f"/en/feedback/reviews/{round_.public_id}/"
    refused = client_for("line_manager").post(url, {"decision": "send_back", "note": "  "})
    assert refused.status_code == 200
    assert "Say what the owner should change." in refused.content.decode()
    round_.refresh_from_db()
    assert round_.status == "in_review"

    mail.outbox.clear()
    note = "Ask Pieter too: he worked with you on the pilot."
    with django_capture_on_commit_callbacks(execute=True):
        client_for("line_manager").post(url, {"decision": "send_back", "note": note})
    round_.refresh_from_db()
    assert round_.status == "draft"
    assert history(round_)[-1] == ("sent_back", note)
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert note in mail.outbox[0].body
    page = client_for("employee").get(f"/en/feedback/{round_.public_id}/").content.decode()
    assert note in page and "Your list was sent back" in page
    # Back in draft, the owner changes the list and sends it again.
    client_for("employee").post(
        f"/en/feedback/{round_.public_id}/", {"action": "remove", "invitation": challenged.pk}
    )
    assert not round_.invitations.filter(pk=challenged.pk).exists()
    assert history(round_)[-1] == ("rater_removed", "")
    invite(round_, "peer")
    assert services.round_send_list(owner=owner, round_=round_).status == "in_review"


def test_the_list_cannot_change_once_it_is_sent(personas):
    round_ = open_round(personas.employee)
    first, _secret = invite(round_, "peer")
    services.round_send_list(owner=personas.employee, round_=round_)
    with pytest.raises(FeedbackError, match="only before it is sent"):
        invite(round_, "peer")
    with pytest.raises(FeedbackError, match="only before it is sent"):
        services.invitation_remove(owner=personas.employee, invitation=first)
    services.round_approve(reviewer=personas.line_manager, round_=round_)
    with pytest.raises(FeedbackError, match="only before it is sent"):
        invite(round_, "peer")


def test_only_the_reviewer_decides_and_only_while_the_list_waits(personas):
    round_ = open_round(personas.employee)
    invite(round_, "peer")
    with pytest.raises(FeedbackError, match="not waiting for a review"):
        services.round_approve(reviewer=personas.line_manager, round_=round_)
    services.round_send_list(owner=personas.employee, round_=round_)
    for someone in (personas.employee, personas.team_lead, personas.hr):
        with pytest.raises(FeedbackError, match="Only the reviewer"):
            services.round_approve(reviewer=someone, round_=round_)
    services.round_approve(reviewer=personas.line_manager, round_=round_)
    with pytest.raises(FeedbackError, match="not waiting for a review"):
        services.round_send_back(reviewer=personas.line_manager, round_=round_, note="Late")


def test_without_a_line_manager_hr_within_scope_reviews(personas, client_for):
    # The team lead has no recorded line manager; HR covers the whole organisation.
    round_ = open_round(personas.team_lead)
    invite(round_, "peer")
    round_ = services.round_send_list(owner=personas.team_lead, round_=round_)
    assert round_.status == "in_review"
    url = f"/en/feedback/reviews/{round_.public_id}/"
    assert client_for("hr").get(url).status_code == 200
    assert client_for("line_manager").get(url).status_code == 404
    services.round_approve(reviewer=personas.hr, round_=round_)


def test_with_neither_a_line_manager_nor_hr_in_scope_the_list_goes_out_and_says_why(personas):
    # The outsider's public service has no HR officer, and nobody manages them.
    round_ = open_round(personas.outsider)
    invite(round_, "peer")
    round_ = services.round_send_list(owner=personas.outsider, round_=round_)
    assert round_.status == "open"
    assert history(round_)[-1] == ("review_skipped", NO_REVIEWER)


def test_an_owner_has_one_round_at_a_time(personas):
    round_ = open_round(personas.employee)
    with pytest.raises(FeedbackError, match="not closed"):
        open_round(personas.employee)
    services.round_close(owner=personas.employee, round_=round_)
    assert open_round(personas.employee).status == "draft"


def test_a_list_never_approved_closes_on_its_closing_date_without_sending_anything(
    personas, django_capture_on_commit_callbacks
):
    import datetime

    round_ = open_round(personas.employee, days=2)
    invite(round_, "peer")
    services.round_send_list(owner=personas.employee, round_=round_)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        closed = services.close_due_rounds(today=round_.closes_on + datetime.timedelta(days=1))
    assert closed == 1
    round_.refresh_from_db()
    assert round_.status == "closed" and mail.outbox == []


def test_the_reviewer_s_note_is_in_the_owner_s_data_download_and_goes_with_their_account(
    personas,
):
    from django.utils import timezone

    from elan.feedback.personal_data import erase_feedback, export_feedback

    owner = personas.employee
    round_ = open_round(owner)
    invite(round_, "peer")
    services.round_send_list(owner=owner, round_=round_)
    note = "Add Pieter, who led the pilot with you."
    services.round_send_back(reviewer=personas.line_manager, round_=round_, note=note)

    history_exported = export_feedback(owner)["feedback_rounds"][0]["history"]
    assert {"what": "sent_back", "note": note} in [
        {"what": entry["what"], "note": entry["note"]} for entry in history_exported
    ]
    # The reviewer's own download holds nothing of it: nothing ties the note to them.
    assert note not in str(export_feedback(personas.line_manager))
    erase_feedback(user=owner, now=timezone.now())
    assert not RoundEvent.objects.filter(note=note).exists()
