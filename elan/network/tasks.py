# SPDX-License-Identifier: EUPL-1.2
"""E-mails of the learning network, through the task queue, each in its reader's language.
Arguments are plain ids: a queued task never carries an address or a message's text.

Each task reads its rows again when it runs, and sends nothing once they moved on: a pair
answered, withdrawn or ended since it was queued, or a reader whose account was deactivated,
gets no e-mail. What an e-mail says is kept to what its reader needs:

- the pair's e-mails name the other person and give the one-sentence explanation from the
  reader's own side (``explain.pair_sentence``), with a link to the pair's page; never the
  decline's reason, which its author wrote for the pair's page;
- the peer-help introduction carries the sender's name, the skill and the sender's message, and
  is answered by e-mail: its Reply-To is the sender's address, so that Elan keeps no
  conversation;
- the end survey's invitation goes to everyone who took part in a pair and has not answered.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from elan.network.constants import Answer, MatchStatus, Mode, ProgrammeStatus
from elan.network.explain import pair_sentence
from elan.network.models import Introduction, Match, Programme, SurveyParticipation


def _language_of(user) -> str:
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _display_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email


def absolute_link(url_name: str, language: str, **kwargs) -> str:
    """The page's address on the site, with the reader's language prefix."""
    with translation.override(language):
        path = reverse(url_name, kwargs=kwargs)
    return settings.SITE_URL.rstrip("/") + path


def _message(
    template: str, context: dict, *, to: str, language: str, reply_to: str = ""
) -> EmailMessage:
    with translation.override(language):
        subject = render_to_string(f"network/email/{template}_subject.txt", context)
        body = render_to_string(f"network/email/{template}_body.txt", context)
    return EmailMessage(
        " ".join(subject.split()),
        body,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
        headers={"Content-Language": language},
    )


def _reachable(user) -> bool:
    return user is not None and user.is_active and bool(user.email)


def _send(messages: list[EmailMessage]) -> int:
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def _match(match_id: int, *statuses: str) -> Match | None:
    return (
        Match.objects.select_related("programme", "mentee__user", "mentor__user")
        .filter(pk=match_id, status__in=statuses)
        .first()
    )


def _pair_message(template: str, match: Match, reader, other, **extra) -> EmailMessage:
    """An e-mail about the pair to one of its two people, naming the other."""
    language = _language_of(reader)
    with translation.override(language):
        sentence = pair_sentence(match=match, reader=reader)
    context = {
        "reader_name": reader.get_full_name(),
        "other_name": _display_name(other),
        "title": match.programme.title,
        "is_mentee": reader.pk == match.mentee.user_id,
        "sentence": sentence,
        "url": absolute_link("network:pair", language, public_id=match.public_id),
        **extra,
    }
    return _message(template, context, to=reader.email, language=language)


def _both(match: Match) -> list[tuple]:
    """(reader, the other person) for each side of the pair who can read an e-mail."""
    mentee, mentor = match.mentee.user, match.mentor.user
    return [
        (reader, other)
        for reader, other in ((mentee, mentor), (mentor, mentee))
        if _reachable(reader)
    ]


# --- The pair ----------------------------------------------------------------------------------


@task()
def send_match_offered(*, match_id: int) -> int:
    """Both people of a published or re-matched pair: who, why, and where to answer. Returns
    how many e-mails went out."""
    match = _match(match_id, MatchStatus.OFFERED)
    if match is None:
        return 0
    return _send(
        [
            _pair_message("match_offered", match, reader, other)
            for reader, other in _both(match)
            if getattr(
                match, "mentee_answer" if reader.pk == match.mentee.user_id else "mentor_answer"
            )
            == Answer.WAITING
        ]
    )


@task()
def send_match_requested(*, match_id: int) -> int:
    """The mentor a choosing mentee asked: who, why, and the day to answer by."""
    match = _match(match_id, MatchStatus.OFFERED)
    if match is None or match.mentor_answer != Answer.WAITING:
        return 0
    mentor = match.mentor.user
    if not _reachable(mentor):
        return 0
    return _send(
        [
            _pair_message(
                "match_requested", match, mentor, match.mentee.user, answer_due=match.answer_due
            )
        ]
    )


@task()
def send_match_accepted(*, match_id: int) -> int:
    """Both people: the pair is made, and where its log is."""
    match = _match(match_id, MatchStatus.ACCEPTED)
    if match is None:
        return 0
    return _send(
        [_pair_message("match_accepted", match, reader, other) for reader, other in _both(match)]
    )


@task()
def send_match_declined(*, match_id: int) -> int:
    """The other person: the pair will not go ahead, and what happens next."""
    match = _match(match_id, MatchStatus.DECLINED)
    if match is None:
        return 0
    mentee, mentor = match.mentee.user, match.mentor.user
    if match.mentor_answer == Answer.DECLINED:
        reader, other = mentee, mentor
    elif match.mentee_answer == Answer.DECLINED:
        reader, other = mentor, mentee
    else:
        return 0
    if not _reachable(reader):
        return 0
    rematched = (
        match.programme.mode == Mode.ORGANISER and match.programme.status == ProgrammeStatus.RUNNING
    )
    return _send(
        [
            _pair_message(
                "match_declined",
                match,
                reader,
                other,
                choice=match.programme.mode == Mode.CHOICE,
                rematched=rematched,
            )
        ]
    )


@task()
def send_request_expired(*, match_id: int) -> int:
    """The mentee: the mentor did not answer in time; the next suggestions are waiting."""
    match = _match(match_id, MatchStatus.DECLINED)
    if match is None or not match.requested:
        return 0
    mentee = match.mentee.user
    if not _reachable(mentee):
        return 0
    return _send(
        [
            _pair_message(
                "request_expired", match, mentee, match.mentor.user, answer_due=match.answer_due
            )
        ]
    )


# --- Peer help ---------------------------------------------------------------------------------


@task()
def send_introduction(*, introduction_id: int) -> int:
    """The colleague asked through peer help: the sender's message and how to reply."""
    introduction = (
        Introduction.objects.select_related("sender", "recipient", "competency")
        .filter(pk=introduction_id)
        .first()
    )
    if introduction is None:
        return 0
    sender, recipient = introduction.sender, introduction.recipient
    if not _reachable(recipient) or not _reachable(sender):
        return 0
    language = _language_of(recipient)
    with translation.override(language):
        skill = str(introduction.competency) if introduction.competency else ""
    context = {
        "reader_name": recipient.get_full_name(),
        "sender_name": _display_name(sender),
        "sender_email": sender.email,
        "skill": skill,
        "text": introduction.message,
        "url": absolute_link("network:help", language),
    }
    return _send(
        [
            _message(
                "introduction",
                context,
                to=recipient.email,
                language=language,
                reply_to=sender.email,
            )
        ]
    )


# --- The end survey ----------------------------------------------------------------------------


@task()
def send_survey_invitations(*, programme_id: int) -> int:
    """Everyone who took part in a pair: the end survey is open. Returns how many e-mails went
    out; someone who already answered gets none."""
    programme = Programme.objects.filter(pk=programme_id, status=ProgrammeStatus.CLOSED).first()
    if programme is None:
        return 0
    took_part = Match.objects.filter(
        programme=programme, status__in=(MatchStatus.ENDED, MatchStatus.ACCEPTED)
    )
    answered = set(
        SurveyParticipation.objects.filter(programme=programme).values_list("user_id", flat=True)
    )
    readers = {}
    for match in took_part.select_related("mentee__user", "mentor__user"):
        for person in (match.mentee.user, match.mentor.user):
            if _reachable(person) and person.pk not in answered:
                readers[person.pk] = person
    messages = []
    for reader in sorted(readers.values(), key=lambda person: person.pk):
        language = _language_of(reader)
        context = {
            "reader_name": reader.get_full_name(),
            "title": programme.title,
            "url": absolute_link("network:survey", language, public_id=programme.public_id),
        }
        messages.append(_message("survey_invitation", context, to=reader.email, language=language))
    return _send(messages)
