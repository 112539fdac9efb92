# SPDX-License-Identifier: EUPL-1.2
"""The learning network's e-mails: each in its reader's language, naming the other person and
why the pair was made, with one link to the pair's page; the introduction carries the sender's
message and is answered by e-mail to the sender; the end survey's invitation goes to those who
took part in a pair. A row that moved on before its e-mail went out gets none."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation
from django.utils.formats import date_format

from elan.network import services
from elan.network.constants import MatchStatus, ProgrammeStatus, Role
from elan.network.explain import pair_sentence
from elan.network.models import Match, Participant
from elan.network.tasks import (
    absolute_link,
    send_introduction,
    send_match_offered,
    send_survey_invitations,
)
from elan.network.tests.factories import ProgrammeFactory, join, profile_for, skill
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

INTRO = "Could you show me how you pitch a project in five minutes?"
REASON = "Too busy this quarter, sorry"


def speaks(user, language: str):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def pair_link(match: Match, language: str) -> str:
    return absolute_link("network:pair", language, public_id=match.public_id)


def sentence(match: Match, reader, language: str) -> str:
    with translation.override(language):
        return pair_sentence(match=match, reader=reader)


@pytest.fixture
def cast(personas):
    """The employee (reads Dutch) wishes to learn storytelling; Anna, in another department
    (reads French), shows it as a strength."""
    other = UnitFactory(parent=personas.organisation, code="FPS-ONE-DATA", name_en="Data office")
    mentor = person_in(
        other,
        email="anna@elan.test",
        first_name="Anna",
        last_name="Janssens",
        preferred_language="fr",
    )
    mentee = speaks(personas.employee, "nl")
    profile_for(mentee, wishes=["storytelling"], languages=["nl", "en"])
    profile_for(mentor, strengths=["storytelling"], languages=["en", "fr"], mentor=True)
    return mentee, mentor


@pytest.fixture
def offered(personas, cast, django_capture_on_commit_callbacks):
    """The organiser matched and published: the pair waits for both answers."""
    mentee, mentor = cast
    programme = ProgrammeFactory(open=True, scope=personas.organisation, title="Walls down")
    join(programme, mentee)
    join(programme, mentor, Role.MENTOR)
    services.programme_match(programme=programme, by=personas.hr)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.programme_publish(programme=programme, by=personas.hr)
    return Match.objects.get()


def test_both_people_of_a_published_pair_read_who_and_why_in_their_own_language(offered, cast):
    mentee, mentor = cast

    (to_mentee,) = to(mentee)
    assert to_mentee.extra_headers["Content-Language"] == "nl"
    assert "Walls down" in to_mentee.subject
    assert mentor.get_full_name() in to_mentee.body
    assert sentence(offered, mentee, "nl") in to_mentee.body
    assert pair_link(offered, "nl") in to_mentee.body
    assert to_mentee.body.count("http") == 1
    (to_mentor,) = to(mentor)
    assert to_mentor.extra_headers["Content-Language"] == "fr"
    assert mentee.get_full_name() in to_mentor.body
    assert sentence(offered, mentor, "fr") in to_mentor.body
    assert pair_link(offered, "fr") in to_mentor.body
    # Each reads the other's name, never the other's address.
    assert mentor.email not in to_mentee.body
    assert mentee.email not in to_mentor.body


def test_both_people_read_that_the_pair_is_made_once_both_accepted(
    offered, cast, django_capture_on_commit_callbacks
):
    mentee, mentor = cast
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.match_answer(match=offered, by=mentee, accept=True)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.match_answer(match=offered, by=mentor, accept=True)

    (to_mentee,) = to(mentee)
    (to_mentor,) = to(mentor)
    assert mentor.get_full_name() in to_mentee.body
    assert pair_link(offered, "nl") in to_mentee.body
    assert mentee.get_full_name() in to_mentor.body
    assert pair_link(offered, "fr") in to_mentor.body


def test_when_the_mentor_declines_only_the_mentee_is_told_and_not_the_reason(
    offered, cast, django_capture_on_commit_callbacks
):
    mentee, mentor = cast
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.match_answer(match=offered, by=mentor, accept=False, reason=REASON)

    assert to(mentor) == []
    (message,) = to(mentee)
    assert message.extra_headers["Content-Language"] == "nl"
    assert mentor.get_full_name() in message.body
    assert REASON not in message.body
    assert pair_link(offered, "nl") in message.body


def test_a_pair_answered_before_its_email_went_out_gets_no_email(offered, cast):
    mentee, _mentor = cast
    Match.objects.filter(pk=offered.pk).update(status=MatchStatus.WITHDRAWN)
    mail.outbox.clear()

    assert send_match_offered.call(match_id=offered.pk) == 0
    assert mail.outbox == []


def test_the_mentor_a_choosing_mentee_asked_reads_why_and_the_day_to_answer_by(
    personas, cast, django_capture_on_commit_callbacks
):
    mentee, mentor = cast
    programme = ProgrammeFactory(open=True, choice=True, scope=personas.organisation)
    asking = join(programme, mentee)
    offering = join(programme, mentor, Role.MENTOR)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        match = services.match_request(mentee=asking, mentor=offering)

    assert to(mentee) == []
    (message,) = to(mentor)
    assert message.extra_headers["Content-Language"] == "fr"
    assert mentee.get_full_name() in message.subject
    assert sentence(match, mentor, "fr") in message.body
    with translation.override("fr"):
        assert date_format(match.answer_due, "DATE_FORMAT") in message.body
    assert pair_link(match, "fr") in message.body


def test_an_introduction_carries_the_senders_message_and_replies_go_to_the_sender(
    personas, cast, django_capture_on_commit_callbacks
):
    sender, helper = cast
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        introduction = services.introduction_send(
            sender=sender, recipient=helper, competency=skill("storytelling"), message=INTRO
        )

    (message,) = mail.outbox
    assert message.to == [helper.email]
    assert message.reply_to == [sender.email]
    assert message.extra_headers["Content-Language"] == "fr"
    assert sender.get_full_name() in message.subject
    assert INTRO in message.body
    assert sender.get_full_name() in message.body
    with translation.override("fr"):
        assert str(skill("storytelling")) in message.body
    assert absolute_link("network:help", "fr") in message.body
    # Nothing is sent for an introduction whose recipient left meanwhile.
    helper.is_active = False
    helper.save(update_fields=["is_active"])
    assert send_introduction.call(introduction_id=introduction.pk) == 0


def test_the_end_survey_invitation_goes_to_the_people_of_a_pair_who_have_not_answered(
    offered, cast, personas, django_capture_on_commit_callbacks
):
    mentee, mentor = cast
    services.match_answer(match=offered, by=mentee, accept=True)
    services.match_answer(match=offered, by=mentor, accept=True)
    # A mentee who joined and was never matched took part in no pair.
    bystander = person_in(personas.team, email="bystander@elan.test")
    Participant.objects.create(programme=offered.programme, user=bystander, role=Role.MENTEE)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        closed = services.programme_move(
            programme=offered.programme, to=ProgrammeStatus.CLOSED, by=personas.hr
        )

    assert {tuple(message.to) for message in mail.outbox} == {(mentee.email,), (mentor.email,)}
    (message,) = to(mentee)
    assert message.extra_headers["Content-Language"] == "nl"
    survey = absolute_link("network:survey", "nl", public_id=closed.public_id)
    assert survey in message.body
    # Someone who already answered is not invited again.
    services.survey_answer(
        programme=closed,
        user=mentee,
        scores={"useful": 4, "learnt": 4, "across": 5, "recommend": 4},
    )
    mail.outbox.clear()
    assert send_survey_invitations.call(programme_id=closed.pk) == 1
    assert to(mentee) == []
