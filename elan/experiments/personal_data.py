# SPDX-License-Identifier: EUPL-1.2
"""Experiments as personal data: export, erasure and retention (docs/privacy.md).

Registered with the register in elan/core/personal_data.py, which core's ``ready`` fills by
importing every app's ``personal_data`` module: nothing else needs to call this one.

- **The owner**: their experiments, with every field of the card, its iterations, permission
  requests, history and reminders, are in their download.
- **A co-owner**: the experiments they co-own, by title, with their role and the dates; the
  card is its owner's.
- **The person asked**: that they answered permission requests, when, and yes or no; not the
  cards, which are the owners'.
- **Anyone who acted on someone else's card**: the kind of action and when.

Erasure: an experiment that left its draft and was shared (with the team or the organisation)
is what colleagues learnt from: it stays, with its lessons, under "a former colleague": the
owner is unlinked, and so is the person everywhere else (co-ownerships, permission requests
asked of, by or answered by them, iterations and events they recorded, their address in the
history of co-owners). A draft, or an experiment shared with nobody, is deleted with the
account, with its iterations, requests, history and reminders.

Retention: nothing beyond the account. What is kept after an erasure no longer points at the
person: organisational knowledge, not personal data.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q

from elan.core.personal_data import register_eraser, register_exporter
from elan.experiments.constants import EventKind, PermissionStatus, Sharing, Status
from elan.experiments.models import (
    Experiment,
    ExperimentEvent,
    ExperimentRules,
    Iteration,
    PermissionRequest,
    TimeBoxReminder,
)

# What a permission request's status means for the person who answered it.
ANSWERS = {PermissionStatus.GRANTED: "yes", PermissionStatus.REFUSED: "no"}


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.email


def _who(user, *, me, named: dict[int, str]) -> str | None:
    """Who did something on the person's own card: them, a co-owner or the person asked by
    name (they are on the card), anyone else as a role."""
    if user is None:
        return None
    if user.pk == me.pk:
        return "you"
    return named.get(user.pk, "someone else")


def _export_own(experiment: Experiment, *, user) -> dict:
    named = {person.pk: _name(person) for person in experiment.co_owners.all()}
    for request in experiment.permission_requests.all():
        if request.asked_of is not None:
            named[request.asked_of.pk] = _name(request.asked_of)
    return {
        "title": experiment.title,
        "language": experiment.language,
        "template": experiment.template,
        "unit": experiment.unit.code if experiment.unit else None,
        "status": experiment.status,
        "shared_with": experiment.sharing,
        "co_owners": sorted(filter(None, (_name(p) for p in experiment.co_owners.all()))),
        "card": {
            "problem": experiment.problem,
            "who_it_is_for": experiment.audience,
            "we_believe_that": experiment.belief,
            "will_lead_to": experiment.expected_outcome,
            "what_we_try": experiment.what_we_try,
            "smallest_test": experiment.smallest_test,
            "success_criterion": experiment.success_criterion,
            "stop_criterion": experiment.stop_criterion,
            "guardrails": experiment.guardrails,
            "people_involved": experiment.people_involved,
            "principles": list(experiment.principles),
            "skills": list(experiment.skills),
            "starts_on": _iso(experiment.starts_on),
            "time_box_ends_on": _iso(experiment.ends_on),
            "cost_euros": experiment.cost_euros,
        },
        "mandate_check": {
            "changes_rights": experiment.mandate_changes_rights,
            "personal_data": experiment.mandate_personal_data,
            "spend_euros": experiment.mandate_spend_euros,
            "other_unit": experiment.mandate_other_unit,
            "outcome": experiment.mandate_outcome,
            "checked_at": _iso(experiment.mandate_checked_at),
        },
        "decision": experiment.decision,
        "decision_reason": experiment.decision_reason,
        "decided_on": _iso(experiment.decided_on),
        "lessons": experiment.lessons,
        "approved_by": experiment.approved_by,
        "approved_on": _iso(experiment.approved_on),
        "official_change": experiment.official_change,
        "built_on": experiment.based_on.title if experiment.based_on else None,
        "skills_on_profile": experiment.skills_on_profile,
        "created_at": _iso(experiment.created_at),
        "started_at": _iso(experiment.started_at),
        "shared_at": _iso(experiment.shared_at),
        "iterations": [
            {
                "number": iteration.number,
                "tried_on": _iso(iteration.tried_on),
                "what_we_tried": iteration.what_we_tried,
                "what_we_saw": iteration.what_we_saw,
                "against_the_success_criterion": iteration.success,
                "stop_criterion_met": iteration.stop_met,
                "guardrail_breached": iteration.guardrail_breached,
                "what_we_learnt": iteration.learnt,
                "what_we_change_next": iteration.change_next,
                "skills": list(iteration.skills),
                "recorded_by": _who(iteration.recorded_by, me=user, named=named),
                "recorded_at": _iso(iteration.recorded_at),
            }
            for iteration in experiment.iterations.all()
        ],
        "permission_requests": [
            {
                "asked": request.whom,
                "asked_of": _name(request.asked_of) or request.asked_email or None,
                "question": request.question,
                "status": request.status,
                "reason": request.answer_reason,
                "asked_at": _iso(request.asked_at),
                "answered_at": _iso(request.answered_at),
            }
            for request in experiment.permission_requests.all()
        ],
        "history": [
            {
                "what": event.kind,
                "at": _iso(event.at),
                "by": _who(event.by, me=user, named=named),
                "from": event.from_status,
                "to": event.to_status,
                "note": event.note,
            }
            for event in experiment.events.all()
        ],
        "time_box_reminders_sent": [
            {"time_box_ends_on": _iso(reminder.ends_on), "at": _iso(reminder.sent_at)}
            for reminder in experiment.reminders.all()
        ],
    }


def export_experiments(user) -> dict:
    own = (
        Experiment.objects.filter(owner=user)
        .select_related("unit", "based_on")
        .prefetch_related(
            "co_owners",
            "iterations__recorded_by",
            "permission_requests__asked_of",
            "events__by",
            # In the order the export lists them, so that each card's are read with the others'.
            Prefetch("reminders", queryset=TimeBoxReminder.objects.order_by("sent_at", "pk")),
        )
        .order_by("created_at", "pk")
    )
    co_owned = (
        Experiment.objects.filter(co_owners=user)
        .exclude(owner=user)
        .distinct()
        .order_by("created_at", "pk")
    )
    answered = (
        PermissionRequest.objects.filter(Q(asked_of=user) | Q(answered_by=user))
        .exclude(experiment__owner=user)
        .exclude(experiment__co_owners=user)
        .order_by("asked_at", "pk")
    )
    # What the person did on someone else's card, as a co-owner or as the person asked: the
    # kind of action and when, not the card.
    actions = (
        ExperimentEvent.objects.filter(by=user)
        .exclude(experiment__owner=user)
        .order_by("at", "pk")
        .values_list("kind", "at")
    )
    return {
        "experiments": [_export_own(experiment, user=user) for experiment in own],
        "experiments_you_co_own": [
            {
                "title": experiment.title,
                "role": "co-owner",
                "status": experiment.status,
                "created_at": _iso(experiment.created_at),
                "started_at": _iso(experiment.started_at),
                "time_box_ends_on": _iso(experiment.ends_on),
                "decided_on": _iso(experiment.decided_on),
            }
            for experiment in co_owned
        ],
        "permission_requests_asked_of_you": [
            {
                "asked_at": _iso(request.asked_at),
                "answered_at": _iso(request.answered_at),
                "answer": ANSWERS.get(request.status),
                "you_answered": request.answered_by_id == user.pk,
            }
            for request in answered
        ],
        "your_actions_on_other_peoples_experiments": [
            {"what": kind, "at": _iso(at)} for kind, at in actions
        ],
        "experiment_rules_naming_your_address": [
            rules.organisation.code
            for rules in ExperimentRules.objects.filter(
                data_protection_email__iexact=user.email
            ).select_related("organisation")
        ]
        if user.email
        else [],
    }


def _kept(experiments):
    """The ones colleagues learnt from: started, and shared beyond the owners."""
    return experiments.exclude(status=Status.DRAFT).exclude(sharing=Sharing.PRIVATE)


def erase_experiments(*, user, now) -> None:
    """Delete the person's unshared and draft experiments; keep their shared ones under
    "a former colleague"; unlink them from everyone else's."""
    own = Experiment.objects.filter(owner=user)
    kept = list(_kept(own).values_list("pk", flat=True))
    own.exclude(pk__in=kept).delete()
    Experiment.objects.filter(pk__in=kept).update(owner=None)
    ExperimentEvent.objects.bulk_create(
        ExperimentEvent(experiment_id=pk, kind=EventKind.OWNER_ERASED, by=None, at=now)
        for pk in kept
    )
    Experiment.co_owners.through.objects.filter(user=user).delete()
    PermissionRequest.objects.filter(asked_of=user).update(asked_of=None)
    PermissionRequest.objects.filter(asked_by=user).update(asked_by=None)
    PermissionRequest.objects.filter(answered_by=user).update(answered_by=None)
    Iteration.objects.filter(recorded_by=user).update(recorded_by=None)
    ExperimentEvent.objects.filter(by=user).update(by=None)
    if user.email:
        # A co-owner's address is the note of the events that added or removed them.
        ExperimentEvent.objects.filter(
            kind__in=(EventKind.CO_OWNER_ADDED, EventKind.CO_OWNER_REMOVED),
            note__iexact=user.email,
        ).update(note="")
        PermissionRequest.objects.filter(asked_email__iexact=user.email).update(asked_email="")
        # An officer's own address named in the rules goes with them; HR names the next one.
        ExperimentRules.objects.filter(data_protection_email__iexact=user.email).update(
            data_protection_email=""
        )


EXPERIMENTS_MODELS = (
    "experiments.Experiment",
    "experiments.ExperimentEvent",
    "experiments.ExperimentRules",
    "experiments.Iteration",
    "experiments.PermissionRequest",
    "experiments.TimeBoxReminder",
)

register_exporter("experiments", export_experiments, models=EXPERIMENTS_MODELS)
register_eraser("experiments", erase_experiments, models=EXPERIMENTS_MODELS)
