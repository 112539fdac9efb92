# SPDX-License-Identifier: EUPL-1.2
"""E-mails of the ideas (issue 20), through the task queue, each in its reader's language.

Arguments are plain ids of an idea or a comment, never a person: a queued task of an anonymous
idea says nothing about who posted it. An anonymous idea's author gets no e-mail at all (no
address of theirs is known): they read the answer, the escalation and the replies through their
private link. Each task reads the idea again when it runs, so an idea answered since it was
queued gets no reminder.

- a new idea goes to its owner;
- an answer goes to a named idea's author;
- an escalation goes to the line manager it went to, to the owner, and to a named author;
- a reminder, a "not now" back on its day, and an anonymous author's reply go to the owner.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from elan.ideas.constants import CLOCK_STATUSES, OUTCOMES, Status
from elan.ideas.models import Comment, Idea


def _language_of(user) -> str:
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _link(idea: Idea, language: str) -> str:
    with translation.override(language):
        path = reverse("ideas:idea", kwargs={"public_id": idea.public_id})
    return settings.SITE_URL.rstrip("/") + path


def _message(template: str, idea: Idea, reader, **extra) -> EmailMessage:
    language = _language_of(reader)
    context = {
        "reader_name": reader.get_full_name(),
        "title": idea.title,
        "idea": idea,
        "url": _link(idea, language),
        **extra,
    }
    with translation.override(language):
        context["status"] = str(Status(idea.status).label)
        subject = render_to_string(f"ideas/email/{template}_subject.txt", context)
        body = render_to_string(f"ideas/email/{template}_body.txt", context)
    return EmailMessage(
        " ".join(subject.split()), body, to=[reader.email], headers={"Content-Language": language}
    )


def _readers(*people) -> list:
    readers = []
    for person in people:
        if person is not None and person.is_active and person.email and person not in readers:
            readers.append(person)
    return readers


def _send(messages: list[EmailMessage]) -> int:
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def _idea(idea_id: int, statuses) -> Idea | None:
    return (
        Idea.objects.select_related("owner", "author", "escalated_to")
        .filter(pk=idea_id, status__in=statuses)
        .first()
    )


@task()
def send_new_idea(*, idea_id: int) -> int:
    idea = _idea(idea_id, CLOCK_STATUSES)
    if idea is None:
        return 0
    return _send([_message("new_idea", idea, reader) for reader in _readers(idea.owner)])


@task()
def send_answer(*, idea_id: int) -> int:
    idea = _idea(idea_id, OUTCOMES)
    if idea is None or idea.is_anonymous:
        return 0
    return _send([_message("answer", idea, reader) for reader in _readers(idea.author)])


@task()
def send_escalation(*, idea_id: int) -> int:
    idea = _idea(idea_id, [Status.ESCALATED])
    if idea is None:
        return 0
    messages = [
        _message("escalation", idea, reader, role="manager")
        for reader in _readers(idea.escalated_to)
    ]
    messages += [
        _message("escalation", idea, reader, role="owner")
        for reader in _readers(idea.owner)
        if reader != idea.escalated_to
    ]
    if not idea.is_anonymous:
        messages += [
            _message("escalation", idea, reader, role="author") for reader in _readers(idea.author)
        ]
    return _send(messages)


@task()
def send_reminder(*, idea_id: int) -> int:
    idea = _idea(idea_id, [Status.WAITING])
    if idea is None:
        return 0
    return _send([_message("reminder", idea, reader) for reader in _readers(idea.owner)])


@task()
def send_returned(*, idea_id: int) -> int:
    idea = _idea(idea_id, [Status.WAITING])
    if idea is None:
        return 0
    return _send([_message("returned", idea, reader) for reader in _readers(idea.owner)])


@task()
def send_author_reply(*, comment_id: int) -> int:
    comment = (
        Comment.objects.select_related("idea__owner", "idea__escalated_to")
        .filter(pk=comment_id, by_idea_author=True)
        .first()
    )
    if comment is None:
        return 0
    idea = comment.idea
    return _send(
        [
            _message("author_reply", idea, reader, reply=comment.body)
            for reader in _readers(idea.owner, idea.escalated_to)
        ]
    )
