# SPDX-License-Identifier: EUPL-1.2
"""The mentors' help queue while an event runs: how many questions wait, per skill; taking the
next one (their own skill first, never one another mentor took); marking it answered.

The queue is the event's mentors' alone: anyone else gets 404, as for an event they may not
see. Taking a question is one service call; two mentors pressing the button at once never get
the same question (``services.help_request_pull``).
"""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.events import selectors, services
from elan.events.models import Event, HelpRequest


def _mentored_event_or_404(request: HttpRequest, public_id) -> Event:
    event = Event.objects.filter(public_id=public_id).first()
    if event is None or not (
        rules.has_perm("events.pull_help_request", request.user, event)
        or selectors.is_mentor(user=request.user, event=event)
    ):
        raise Http404
    return event


@dataclass
class QueueRow:
    skill: str
    waiting: int
    longest: str
    is_mine: bool


def _queue_url(event: Event, anchor: str = "") -> str:
    url = reverse("events:mentor_queue", kwargs={"public_id": event.public_id})
    return f"{url}#{anchor}" if anchor else url


@never_cache
@login_required
@require_http_methods(["GET"])
def mentor_queue(request: HttpRequest, public_id) -> HttpResponse:
    event = _mentored_event_or_404(request, public_id)
    user = request.user
    mentor = selectors.mentor_of(user=user, event=event)
    own_skills = {skill.pk for skill in mentor.strengths.all()} if mentor else set()
    now = timezone.now()
    waiting = [
        QueueRow(
            skill=str(row.skill),
            waiting=row.waiting,
            longest=timesince(now - row.longest_wait, now) if row.longest_wait else "",
            is_mine=row.skill.pk in own_skills,
        )
        for row in selectors.help_queue_figures(event=event)
        if row.waiting
    ]
    return render(
        request,
        "events/mentor_queue.html",
        {
            "event": event,
            "running": rules.has_perm("events.pull_help_request", user, event),
            "waiting": waiting,
            "waiting_total": sum(row.waiting for row in waiting),
            "taken": list(selectors.taken_requests_of(mentor_user=user, event=event)),
        },
    )


@never_cache
@login_required
@require_POST
def help_pull(request: HttpRequest, public_id) -> HttpResponse:
    event = _mentored_event_or_404(request, public_id)
    try:
        taken = services.help_request_pull(mentor_user=request.user, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_queue_url(event))
    if taken is None:
        messages.info(request, _("Nothing is waiting: no team has a question right now."))
        return redirect(_queue_url(event))
    messages.success(
        request,
        _("You took team %(number)s's question on %(skill)s.")
        % {"number": taken.team.number, "skill": taken.skill},
    )
    return redirect(_queue_url(event, "taken"))


@never_cache
@login_required
@require_POST
def help_answer(request: HttpRequest, public_id) -> HttpResponse:
    help_request = (
        HelpRequest.objects.select_related("team__event").filter(public_id=public_id).first()
    )
    if help_request is None or not rules.has_perm(
        "events.answer_help_request", request.user, help_request
    ):
        raise Http404
    try:
        services.help_request_answer(request=help_request, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question is marked as answered."))
    return redirect(_queue_url(help_request.team.event, "taken"))
