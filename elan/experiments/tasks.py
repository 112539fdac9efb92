# SPDX-License-Identifier: EUPL-1.2
"""E-mails of the experiments module, through the task queue: permission requests and their
answers, and the time box's reminders, each in its reader's language. Arguments are plain ids,
so a queued task never carries a link, an address or a card's text.

What an e-mail says is kept to what its reader needs:

- the person asked reads the card's title, the question and the owner's name, never the rest
  of the card (it may not be shared with them); when nobody on Elan holds the address asked,
  the e-mail goes to that address, in the card's language, and says that the owner will record
  the answer, as that reader has no account to answer with;
- the owners read the answer and its reason;
- the time box's reminder goes to the owners ``ExperimentRules.reminder_days`` before the time
  box ends (``selectors.rules_for``) and on the day itself. ``reminders_queue_due`` runs once a
  day (``manage.py experiments_daily``); a reminder whose day was missed goes out on the next
  run, one e-mail however many lead times were missed, and never twice for the same lead time
  and end date: a ``TimeBoxReminder`` row records it before the e-mail is queued. A time box
  moved to a later day is reminded again.
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

from elan.experiments.constants import DEFAULT_REMINDER_DAYS, PermissionStatus, Status
from elan.experiments.models import (
    Experiment,
    ExperimentRules,
    PermissionRequest,
    TimeBoxReminder,
)
from elan.experiments.selectors import rules_for

# The reminder on the day the time box ends.
ON_THE_DAY = 0


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


def _message(template: str, context: dict, *, to: str, language: str) -> EmailMessage:
    with translation.override(language):
        subject = render_to_string(f"experiments/email/{template}_subject.txt", context)
        body = render_to_string(f"experiments/email/{template}_body.txt", context)
    return EmailMessage(
        " ".join(subject.split()), body, to=[to], headers={"Content-Language": language}
    )


def _owners(experiment: Experiment) -> list:
    """The owner and the co-owners who can still read an e-mail, the owner first."""
    readers = []
    for person in [experiment.owner, *experiment.co_owners.order_by("pk")]:
        if person is not None and person.is_active and person.email and person not in readers:
            readers.append(person)
    return readers


def _send(messages: list[EmailMessage]) -> int:
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


# --- Permission requests -----------------------------------------------------------------------


@task()
def send_permission_request(*, request_id: int) -> int:
    """E-mail the question to the person asked. Returns how many e-mails went out.

    Read again now: a request answered since it was queued, or a person asked who left, gets
    no e-mail.
    """
    request = (
        PermissionRequest.objects.select_related("experiment__owner", "asked_of")
        .filter(pk=request_id, status=PermissionStatus.WAITING)
        .first()
    )
    if request is None:
        return 0
    experiment = request.experiment
    context = {
        "title": experiment.title,
        "question": request.question,
        "owner_name": _display_name(experiment.owner or request.asked_by),
        "whom": request.whom,
    }
    asked = request.asked_of
    if asked is not None:
        if not asked.is_active or not asked.email:
            return 0
        language = _language_of(asked)
        context.update(
            reader_name=asked.get_full_name(),
            has_account=True,
            url=absolute_link("experiments:permission", language, public_id=request.public_id),
        )
        to = asked.email
    elif request.asked_email:
        # Nobody's language is known for a bare address: the card's is the question's.
        language = experiment.language or settings.LANGUAGE_CODE
        context.update(reader_name="", has_account=False, url="")
        to = request.asked_email
    else:
        return 0
    return _send([_message("permission_request", context, to=to, language=language)])


@task()
def send_permission_answer(*, request_id: int) -> int:
    """E-mail the answer and its reason to the experiment's owners, except whoever recorded it.
    Returns how many e-mails went out."""
    request = (
        PermissionRequest.objects.select_related("experiment__owner", "answered_by", "asked_of")
        .exclude(status=PermissionStatus.WAITING)
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        return 0
    experiment = request.experiment
    # Named when the person asked answered on Elan; an answer an owner recorded is theirs.
    answerer = request.answered_by if request.asked_of_id is not None else None
    messages = []
    for reader in _owners(experiment):
        if reader.pk == request.answered_by_id:
            continue
        language = _language_of(reader)
        context = {
            "reader_name": reader.get_full_name(),
            "title": experiment.title,
            "whom": request.whom,
            "answerer_name": _display_name(answerer),
            "granted": request.status == PermissionStatus.GRANTED,
            "reason": request.answer_reason,
            "url": absolute_link("experiments:detail", language, public_id=experiment.public_id),
        }
        messages.append(_message("permission_answer", context, to=reader.email, language=language))
    return _send(messages)


# --- The time box ------------------------------------------------------------------------------


def _reminded_experiments(today: datetime.date):
    """Running experiments whose time box ends from today up to the longest lead time any
    organisation's rules use."""
    longest = ExperimentRules.objects.aggregate(longest=Max("reminder_days"))["longest"]
    horizon = max(DEFAULT_REMINDER_DAYS, longest or 0)
    return (
        Experiment.objects.filter(
            status=Status.RUNNING,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=horizon),
        )
        .select_related("unit")
        .order_by("ends_on", "pk")
    )


def reminders_queue_due(*, today: datetime.date | None = None) -> int:
    """Record and queue the reminders due today. Returns how many experiments are reminded."""
    today = today or timezone.localdate()
    lead_by_organisation: dict[str, int] = {}
    queued = 0
    for experiment in _reminded_experiments(today):
        unit = experiment.unit
        key = unit.path[: unit.steplen] if unit is not None else ""
        if key not in lead_by_organisation:
            lead_by_organisation[key] = rules_for(unit=unit).reminder_days
        lead_times = {lead_by_organisation[key], ON_THE_DAY}
        days_left = (experiment.ends_on - today).days
        due = sorted(lead for lead in lead_times if days_left <= lead)
        if due and _record(experiment=experiment, due=due):
            queued += 1
    return queued


@transaction.atomic
def _record(*, experiment: Experiment, due: list[int]) -> bool:
    # The experiment's row is locked so that two runs at once cannot both find a lead time
    # unsent.
    locked = Experiment.objects.select_for_update().filter(pk=experiment.pk).first()
    if locked is None or locked.ends_on != experiment.ends_on:
        return False
    sent = set(
        TimeBoxReminder.objects.filter(
            experiment=experiment, ends_on=experiment.ends_on
        ).values_list("lead_days", flat=True)
    )
    pending = [lead for lead in due if lead not in sent]
    if not pending:
        return False
    TimeBoxReminder.objects.bulk_create(
        TimeBoxReminder(experiment=experiment, ends_on=experiment.ends_on, lead_days=lead)
        for lead in pending
    )
    # One e-mail however many lead times were missed: it says how many days are left.
    transaction.on_commit(partial(send_time_box_reminder.enqueue, experiment_id=experiment.pk))
    return True


@task()
def send_time_box_reminder(*, experiment_id: int) -> int:
    """E-mail the owners that the time box ends soon, or today. Returns how many went out.

    Read again now: an experiment decided or closed since it was queued, or whose time box
    has passed, gets no e-mail.
    """
    experiment = (
        Experiment.objects.select_related("owner")
        .filter(pk=experiment_id, status=Status.RUNNING)
        .first()
    )
    today = timezone.localdate()
    if experiment is None or experiment.ends_on is None or experiment.ends_on < today:
        return 0
    messages = []
    for reader in _owners(experiment):
        language = _language_of(reader)
        context = {
            "reader_name": reader.get_full_name(),
            "title": experiment.title,
            "ends_on": experiment.ends_on,
            "days_left": (experiment.ends_on - today).days,
            "url": absolute_link("experiments:detail", language, public_id=experiment.public_id),
        }
        messages.append(_message("time_box_reminder", context, to=reader.email, language=language))
    return _send(messages)
