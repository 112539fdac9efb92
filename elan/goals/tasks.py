# SPDX-License-Identifier: EUPL-1.2
"""Reminders before a talk, to the person and their evaluators, each in their own language.

``reminders_queue_due`` runs once a day (``manage.py goals_daily``). A talk is reminded
``first_reminder_days`` and ``last_reminder_days`` before its date, by the rules of the person's
organisation (``selectors.rules_for``). A reminder whose day was missed (the talk was scheduled
later, or the job did not run) goes out on the next run, but only one e-mail per run, however
many lead times were missed, and never twice for the same lead time: a ``TalkReminder`` row
records it before the e-mail is queued.

Arguments of the queued task are plain ids, so a queued task never carries a link or an address.
The e-mail names the talk's kind, date and the other people in it; never notes or goals.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from elan.goals.constants import (
    DEFAULT_FIRST_REMINDER_DAYS,
    DEFAULT_LAST_REMINDER_DAYS,
    OPEN_CYCLE_STATUSES,
    TalkStatus,
)
from elan.goals.models import CycleRules, Talk, TalkReminder
from elan.goals.selectors import RulesValues, rules_for


def _reminded_talks(today: datetime.date):
    """Scheduled talks of open cycles, from today up to the longest lead time any rules use."""
    longest = CycleRules.objects.aggregate(
        first=Max("first_reminder_days"), last=Max("last_reminder_days")
    )
    horizon = max(
        DEFAULT_FIRST_REMINDER_DAYS,
        DEFAULT_LAST_REMINDER_DAYS,
        longest["first"] or 0,
        longest["last"] or 0,
    )
    return (
        Talk.objects.filter(
            status=TalkStatus.SCHEDULED,
            cycle__status__in=OPEN_CYCLE_STATUSES,
            # Someone who left will not come to the talk: nobody is reminded of it.
            cycle__person__is_active=True,
            planned_on__gte=today,
            planned_on__lte=today + datetime.timedelta(days=horizon),
        )
        .select_related("cycle__unit")
        .order_by("planned_on", "pk")
    )


def reminders_queue_due(*, today: datetime.date | None = None) -> int:
    """Record and queue the reminders due today. Returns how many talks are reminded."""
    today = today or timezone.localdate()
    rules_by_unit: dict[int | None, RulesValues] = {}
    queued = 0
    for talk in _reminded_talks(today):
        unit = talk.cycle.unit
        key = unit.pk if unit else None
        if key not in rules_by_unit:
            rules_by_unit[key] = rules_for(unit=unit)
        rules = rules_by_unit[key]
        lead_times = {rules.first_reminder_days, rules.last_reminder_days}
        days_left = (talk.planned_on - today).days
        due = sorted(lead for lead in lead_times if days_left <= lead)
        if due and _record(talk=talk, due=due):
            queued += 1
    return queued


@transaction.atomic
def _record(*, talk: Talk, due: list[int]) -> bool:
    # The talk's row is locked so that two runs at once cannot both find a lead time unsent.
    Talk.objects.select_for_update().filter(pk=talk.pk).first()
    sent = set(TalkReminder.objects.filter(talk=talk).values_list("days_before", flat=True))
    pending = [lead for lead in due if lead not in sent]
    if not pending:
        return False
    TalkReminder.objects.bulk_create(TalkReminder(talk=talk, days_before=lead) for lead in pending)
    # One e-mail however many lead times were missed: it says how many days are left.
    transaction.on_commit(partial(send_talk_reminder.enqueue, talk_id=talk.pk))
    return True


def talk_link(talk: Talk, language: str) -> str:
    with translation.override(language):
        path = reverse("goals:talk", kwargs={"public_id": talk.public_id})
    return settings.SITE_URL.rstrip("/") + path


def _display_name(user) -> str:
    return user.get_full_name() or user.email


@task()
def send_talk_reminder(*, talk_id: int) -> int:
    """E-mail the person and each evaluator about a talk coming up. Returns how many went out.

    Read again now: a talk held, cancelled or moved into the past since it was queued, or a
    person who left, gets no e-mail.
    """
    talk = (
        Talk.objects.select_related("cycle__person", "cycle__evaluator", "cycle__second_evaluator")
        .filter(
            pk=talk_id,
            status=TalkStatus.SCHEDULED,
            cycle__status__in=OPEN_CYCLE_STATUSES,
            cycle__person__is_active=True,
        )
        .first()
    )
    today = timezone.localdate()
    if talk is None or talk.planned_on < today:
        return 0
    cycle = talk.cycle
    person = cycle.person
    evaluators = [e for e in (cycle.evaluator, cycle.second_evaluator) if e is not None]
    readers = []
    for reader in [person, *evaluators]:
        if reader.is_active and reader.email and reader not in readers:
            readers.append(reader)
    messages = []
    for reader in readers:
        language = reader.preferred_language or settings.LANGUAGE_CODE
        is_person = reader == person
        with translation.override(language):
            context = {
                "reader_name": reader.get_full_name(),
                "is_person": is_person,
                "person_name": _display_name(person),
                # For the person: whom they meet; for an evaluator: the other one, if any.
                "others": [_display_name(e) for e in evaluators if e != reader],
                "kind": talk.get_kind_display(),
                "date": talk.planned_on,
                "days_left": (talk.planned_on - today).days,
                "url": talk_link(talk, language),
            }
            subject = render_to_string("goals/email/talk_reminder_subject.txt", context)
            body = render_to_string("goals/email/talk_reminder_body.txt", context)
        messages.append(
            EmailMessage(
                " ".join(subject.split()),
                body,
                to=[reader.email],
                headers={"Content-Language": language},
            )
        )
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
