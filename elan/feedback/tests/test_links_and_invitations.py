# SPDX-License-Identifier: EUPL-1.2
"""Issue 7, points 1 and 6: invitations, rater links that work once and until the closing date,
counts without names, reminders up to the closing date."""

from __future__ import annotations

import datetime
import uuid
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from elan.assessments.tests.factories import answers_for, instrument
from elan.feedback import services, tokens
from elan.feedback.models import FeedbackRound, Invitation, RaterResponse, RoundEvent
from elan.feedback.selectors import answer_counts
from elan.feedback.services import FeedbackError, LinkUnavailable
from elan.feedback.tests.factories import answer, invite, open_round, send_list

pytestmark = pytest.mark.django_db


def test_a_rater_link_is_unguessable_and_only_its_fingerprint_is_stored(personas):
    round_ = open_round(personas.employee)
    invitation, secret = invite(round_)
    assert len(secret) >= 43  # 256 bits in base64url
    assert invitation.token_hash == tokens.fingerprint(secret)
    assert secret not in str(Invitation.objects.filter(pk=invitation.pk).values().first())
    assert tokens.link_secret(invitation.key) == secret  # reminders rebuild the same link


def test_the_invitation_e_mail_carries_the_link_in_the_raters_language_once_the_list_goes_out(
    personas, django_capture_on_commit_callbacks
):
    round_ = open_round(personas.employee)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, secret = services.invitation_create(
            owner=personas.employee,
            round_=round_,
            email="Partner@Outside.example",
            relationship="external",
            language="nl",
        )
    assert mail.outbox == []  # listed, not sent: the list is reviewed first
    with django_capture_on_commit_callbacks(execute=True):
        send_list(round_)
    invitations = [m for m in mail.outbox if m.to == ["partner@outside.example"]]
    assert len(invitations) == 1
    message = invitations[0]
    assert f"/nl/feedback/rate/{secret}/" in message.body
    assert message.extra_headers["Content-Language"] == "nl"
    with translation.override("nl"):
        attributed = gettext(
            "You are invited as someone outside the organisation. Your answers are not "
            "anonymous: %(owner_name)s sees the answers of raters from outside the organisation "
            "apart from their colleagues', and may tell which are yours."
        ) % {"owner_name": personas.employee.get_full_name()}
    assert attributed in message.body


def test_a_colleague_gets_the_e_mail_in_the_language_of_their_account(personas):
    personas.outsider.preferred_language = "fr"
    personas.outsider.save()
    round_ = open_round(personas.employee)
    invitation, _secret = invite(round_, "other", email=personas.outsider.email)
    assert invitation.user == personas.outsider
    assert invitation.language == "fr"


def test_inviting_the_same_address_twice_gives_one_invitation_and_one_e_mail(
    personas, django_capture_on_commit_callbacks
):
    round_ = open_round(personas.employee)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first, secret = invite(round_, "external", email="twice@outside.example")
        second, again = invite(round_, "external", email="TWICE@outside.example")
        send_list(round_)
    assert first.pk == second.pk and secret == again
    assert [m.to for m in mail.outbox].count(["twice@outside.example"]) == 1


def test_only_the_recorded_line_manager_may_be_invited_as_line_manager(personas):
    round_ = open_round(personas.employee)
    with pytest.raises(FeedbackError, match="recorded line manager"):
        invite(round_, "manager", email=personas.team_lead.email)
    invitation, _secret = invite(round_, "manager", email=personas.line_manager.email)
    assert invitation.relationship == "manager"


def test_the_owner_cannot_invite_themselves(personas):
    round_ = open_round(personas.employee)
    with pytest.raises(FeedbackError):
        invite(round_, email=personas.employee.email)


def test_a_round_needs_a_self_assessment_and_a_closing_date_ahead(personas):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(FeedbackError, match="self-assessment"):
        services.round_open(owner=personas.outsider, closes_on=tomorrow, token=uuid.uuid4())
    with pytest.raises(FeedbackError, match="closing date"):
        open_round(personas.employee, days=0)


def test_opening_a_round_twice_with_the_same_form_opens_one(personas):
    round_ = open_round(personas.employee)
    again, created = services.round_open(
        owner=personas.employee, closes_on=round_.closes_on, token=round_.token
    )
    assert again.pk == round_.pk and not created
    assert FeedbackRound.objects.count() == 1
    assert round_.thresholds_locked_at is not None and round_.min_raters == 3


def test_a_double_answer_from_one_rater_link_counts_once(personas):
    round_ = open_round(personas.employee)
    _invitation, secret = invite(round_)
    send_list(round_)
    answer(round_, secret, 4)
    with pytest.raises(LinkUnavailable) as refused:
        answer(round_, secret, 1)
    assert refused.value.reason == "used"
    assert RaterResponse.objects.filter(round=round_).count() == 1
    assert answer_counts(round_) == (1, 1)


def test_a_double_post_of_the_rater_form_counts_once(personas, client):
    round_ = open_round(personas.employee)
    _invitation, secret = invite(round_)
    send_list(round_)
    url = f"/en/feedback/rate/{secret}/"
    data = {code: str(value) for code, value in answers_for(instrument(), 4).items()}
    first = client.post(url, data)
    # A double click: the copy lands where the first did (elan/portal/middleware.py).
    copy = client.post(url, data)
    assert (first.status_code, copy.status_code) == (302, 302)
    assert copy["Location"] == first["Location"]
    # Sent again once the guard has forgotten it (a few seconds): the link is used up.
    cache.clear()
    assert client.post(url, data).status_code == 410
    assert RaterResponse.objects.filter(round=round_).count() == 1


def test_a_rater_link_stops_working_after_use(personas, client):
    round_ = open_round(personas.employee)
    _invitation, secret = invite(round_)
    send_list(round_)
    assert client.get(f"/en/feedback/rate/{secret}/").status_code == 200
    answer(round_, secret)
    response = client.get(f"/en/feedback/rate/{secret}/")
    assert response.status_code == 410
    assert "already received" in response.content.decode()


def test_a_rater_link_works_on_its_closing_day_and_stops_the_day_after(personas, client):
    round_ = open_round(personas.employee, days=5)
    _invitation, secret = invite(round_)
    send_list(round_)
    closing = datetime.datetime.combine(round_.closes_on, datetime.time(20, 0))
    with time_machine.travel(timezone.make_aware(closing), tick=False):
        assert client.get(f"/en/feedback/rate/{secret}/").status_code == 200
    with time_machine.travel(timezone.make_aware(closing) + datetime.timedelta(days=1)):
        response = client.get(f"/en/feedback/rate/{secret}/")
        assert response.status_code == 410
        assert "has closed" in response.content.decode()
        with pytest.raises(LinkUnavailable):
            answer(round_, secret)
    assert not RaterResponse.objects.exists()


def test_a_rater_link_stops_working_when_the_owner_closes_the_round(personas):
    round_ = open_round(personas.employee)
    _invitation, secret = invite(round_)
    services.round_close(owner=personas.employee, round_=round_)
    with pytest.raises(LinkUnavailable) as refused:
        answer(round_, secret)
    assert refused.value.reason == "closed"


def test_an_unknown_link_answers_404_with_a_translated_message(client):
    response = client.get("/nl/feedback/rate/not-a-real-secret/")
    assert response.status_code == 404
    assert 'lang="nl"' in response.content.decode()


def test_the_response_keeps_no_link_to_its_rater(personas):
    round_ = open_round(personas.employee)
    _invitation, secret = invite(round_)
    send_list(round_)
    response = answer(round_, secret)
    fields = {field.name for field in RaterResponse._meta.get_fields()}
    assert not fields & {"invitation", "user", "email", "rater"}
    assert isinstance(response.pk, uuid.UUID)
    assert response.answered_on == timezone.localdate()


def test_the_rater_answers_in_the_language_of_the_link_page_without_an_account(personas, client):
    round_ = open_round(personas.employee)
    _invitation, secret = invite(round_, "external")
    send_list(round_)
    page = client.get(f"/de/feedback/rate/{secret}/").content.decode()
    assert '<html lang="de"' in page
    assert "Wenn ich etwas Neues beginne" in page  # the instrument's own German statement
    data = {code: str(value) for code, value in answers_for(instrument(), 4).items()}
    client.post(f"/de/feedback/rate/{secret}/", data)
    assert RaterResponse.objects.get().language == "de"


def test_the_managers_form_says_the_answers_are_attributed_before_answering(personas, client):
    round_ = open_round(personas.employee)
    _invitation, secret = invite(round_, "manager", email=personas.line_manager.email)
    _invitation, peer_secret = invite(round_, "peer")
    send_list(round_)
    page = client.get(f"/en/feedback/rate/{secret}/").content.decode()
    assert "Your answers are not anonymous" in page
    assert page.index("attribution-notice") < page.index("<form")
    peer_page = client.get(f"/en/feedback/rate/{peer_secret}/").content.decode()
    assert "Your answers are not anonymous" not in peer_page
    assert "anonymity-notice" in peer_page


def test_the_owner_sees_how_many_answered_but_never_who(personas, client_for):
    round_ = open_round(personas.employee)
    _first, secret = invite(round_, "external", email="first@outside.example")
    invite(round_, "external", email="second@outside.example")
    send_list(round_)
    answer(round_, secret)
    page = client_for("employee").get(f"/en/feedback/{round_.public_id}/").content.decode()
    assert "1 of 2 raters answered" in page
    # Nothing on the page tells the two apart: each is listed the same way.
    assert "<li>first@outside.example (someone outside the organisation)</li>" in page
    assert "<li>second@outside.example (someone outside the organisation)</li>" in page


def test_reminders_go_to_raters_who_have_not_answered_until_the_closing_date(
    personas, django_capture_on_commit_callbacks
):
    round_ = open_round(personas.employee, days=10)
    _answered, secret = invite(round_, "external", email="done@outside.example")
    waiting, _secret = invite(round_, "external", email="waiting@outside.example")
    send_list(round_)
    answer(round_, secret)
    mail.outbox.clear()
    start = timezone.now()
    with (
        time_machine.travel(start + datetime.timedelta(days=4)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("feedback_daily", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["waiting@outside.example"]]
    assert "Reminder" in mail.outbox[0].subject
    with time_machine.travel(start + datetime.timedelta(days=4, hours=2)):
        # Once per interval: the same day sends nothing more.
        assert services.reminders_send_due() == 0
    with time_machine.travel(start + datetime.timedelta(days=8)):
        assert services.reminders_send_due() == 1
    with (
        time_machine.travel(start + datetime.timedelta(days=12)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        mail.outbox.clear()
        call_command("feedback_daily", stdout=StringIO())
    assert mail.outbox == []  # past the closing date: no reminder, and the round closes
    round_.refresh_from_db()
    assert round_.status == "closed"
    assert RoundEvent.objects.filter(round=round_, kind="reminded").count() == 2
    waiting.refresh_from_db()
    assert not waiting.answered
