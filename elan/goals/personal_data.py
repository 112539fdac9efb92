# SPDX-License-Identifier: EUPL-1.2
"""Evaluation cycles as personal data: export, erasure and retention (docs/privacy.md).

Registered with the register in elan/core/personal_data.py, which core's ``ready`` fills by
importing every app's ``personal_data`` module: nothing else needs to call this one.

A cycle, its talks (both people's notes), goals, their history and the evidence added to it are
about its person, so all of it is in their download and goes with their account. The evaluator's
notes are in it too: they are an opinion about the person, which Art. 15 lets the person read.

What someone did as an evaluator (or as HR who started a cycle) is in their own download only as
the fact, the dates and the kind of action: the cycle and its goals are the other person's data.
Their account is unlinked from other people's cycles when it is pseudonymised, so that a
pseudonymised row is not left pointing at them from anyone's history.

Retention: a cycle is deleted, with everything in it, ``CYCLE_RETENTION_YEARS`` after its end;
at the latest with the person's account.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from elan.core.personal_data import (
    register_eraser,
    register_exporter,
    register_retention_task,
)
from elan.goals.models import Cycle, CycleEvent, GoalEvent, Objective, Talk

# Long enough to cover the three years in which two "insufficient" evaluations lead to the
# procedure for professional incapacity, and the appeal against an evaluation: the talks and
# goals behind an evaluation are the record both sides may need until then. The official
# evaluation file itself is kept by HR, in its own system; this is the working copy.
CYCLE_RETENTION_YEARS = 3


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.email


def _who(user_id, *, me, named: dict[int, str]) -> str | None:
    """Who did something in the person's own cycle: them, an evaluator by name, or a role.

    Evaluators are named in the download anyway; anyone else who acted on the cycle (HR who
    started it) is not, as they are not the person's data.
    """
    if user_id is None:
        return None
    if user_id == me.pk:
        return "you"
    return named.get(user_id, "someone else")


def _evaluators_named(cycle: Cycle) -> dict[int, str]:
    people = [cycle.evaluator, cycle.second_evaluator]
    for event in cycle.events.all():
        people += [event.previous_person, event.new_person]
    return {person.pk: _name(person) for person in people if person is not None}


def _talk_of(talk: Talk | None) -> dict | None:
    if talk is None:
        return None
    return {"kind": talk.kind, "planned_on": _iso(talk.planned_on), "held_on": _iso(talk.held_on)}


def _export_own_cycle(cycle: Cycle, *, user) -> dict:
    named = _evaluators_named(cycle)
    return {
        "starts_on": _iso(cycle.starts_on),
        "ends_on": _iso(cycle.ends_on),
        "status": cycle.status,
        "unit": cycle.unit.code if cycle.unit else None,
        "evaluator": _name(cycle.evaluator),
        "second_evaluator": _name(cycle.second_evaluator),
        "self_assessment_on_the_goals_sheet": cycle.sheet_shows_self_assessment,
        "started_at": _iso(cycle.created_at),
        "history": [
            {
                "what": event.kind,
                "at": _iso(event.at),
                "by": _who(event.by_id, me=user, named=named),
                "from": event.from_status,
                "to": event.to_status,
                "previous_evaluator": _name(event.previous_person),
                "new_evaluator": _name(event.new_person),
                "note": event.note_display,
                "talk": _talk_of(event.talk),
            }
            for event in cycle.events.all()
        ],
        "talks": [
            {
                "kind": talk.kind,
                "status": talk.status,
                "planned_on": _iso(talk.planned_on),
                "due_on": _iso(talk.due_on),
                "held_on": _iso(talk.held_on),
                "your_notes": talk.person_notes,
                "evaluator_notes": talk.evaluator_notes,
                "reminders_sent": [
                    {"days_before": reminder.days_before, "at": _iso(reminder.sent_at)}
                    for reminder in talk.reminders.all()
                ],
            }
            for talk in cycle.talks.all()
        ],
        "goals": [
            {
                "kind": goal.kind,
                "innovation": goal.innovation,
                "title": goal.title,
                "indicator": goal.indicator,
                "target": goal.target,
                "due_on": _iso(goal.due_on),
                "status": goal.progress,
                "agreement": goal.agreement,
                "unit_objective": goal.objective.title if goal.objective else None,
                "skill": goal.competency.slug if goal.competency else None,
                "hub_items": [page.title for page in goal.hub_pages.all()],
                "started_from_template": goal.template.code if goal.template else None,
                "follows_team_climate": goal.follows_climate,
                "created_at": _iso(goal.created_at),
                "history": [
                    {
                        "what": event.kind,
                        "at": _iso(event.at),
                        "by": _who(event.by_id, me=user, named=named),
                        "from": event.from_status,
                        "to": event.to_status,
                        "reason": event.reason,
                        "before": event.before,
                        "after": event.after,
                        "talk": _talk_of(event.talk),
                    }
                    for event in goal.events.all()
                ],
            }
            for goal in cycle.goals.all()
        ],
        "evidence": [
            {
                "kind": evidence.kind,
                "added_at": _iso(evidence.added_at),
                "withdrawn_at": _iso(evidence.withdrawn_at),
                "hub_item": evidence.hub_page.title if evidence.hub_page else None,
                "experiment": evidence.experiment.title if evidence.experiment else None,
                "talk": _talk_of(evidence.talk),
            }
            for evidence in cycle.evidence.all()
        ],
    }


def _export_evaluated_cycle(cycle: Cycle, *, user) -> dict:
    """A cycle the person evaluates or evaluated: the fact and its dates, not whose it is."""
    if cycle.evaluator_id == user.pk:
        role = "evaluator"
    elif cycle.second_evaluator_id == user.pk:
        role = "second_evaluator"
    else:
        role = "former_evaluator"
    return {
        "as": role,
        "starts_on": _iso(cycle.starts_on),
        "ends_on": _iso(cycle.ends_on),
        "status": cycle.status,
        "talks": [
            {
                "kind": talk.kind,
                "status": talk.status,
                "planned_on": _iso(talk.planned_on),
                "held_on": _iso(talk.held_on),
            }
            for talk in cycle.talks.all()
        ],
        "evaluator_changes": [
            {
                "what": event.kind,
                "at": _iso(event.at),
                "you_were": "previous" if event.previous_person_id == user.pk else "new",
            }
            for event in cycle.events.all()
            if user.pk in (event.previous_person_id, event.new_person_id)
        ],
    }


def export_goals(user) -> dict:
    own = (
        Cycle.objects.filter(person=user)
        .select_related("unit", "evaluator", "second_evaluator")
        .prefetch_related(
            "events__previous_person",
            "events__new_person",
            "events__talk",
            "talks__reminders",
            "goals__events__talk",
            "goals__objective",
            "goals__competency",
            "goals__template",
            "goals__hub_pages",
            "evidence__hub_page",
            "evidence__experiment",
            "evidence__talk",
        )
        .order_by("starts_on", "pk")
    )
    evaluated = (
        Cycle.objects.filter(
            Q(evaluator=user)
            | Q(second_evaluator=user)
            | Q(events__previous_person=user)
            | Q(events__new_person=user)
        )
        .exclude(person=user)
        .distinct()
        .prefetch_related("talks", "events")
        .order_by("starts_on", "pk")
    )
    # What the person did in someone else's cycle (as evaluator, or as HR starting it): the
    # kind of action and when, without the cycle's person or goal.
    actions = [
        {"what": f"cycle:{kind}", "at": at}
        for kind, at in CycleEvent.objects.filter(by=user)
        .exclude(cycle__person=user)
        .values_list("kind", "at")
    ] + [
        {"what": f"goal:{kind}", "at": at}
        for kind, at in GoalEvent.objects.filter(by=user)
        .exclude(goal__cycle__person=user)
        .values_list("kind", "at")
    ]
    return {
        "evaluation_cycles": [_export_own_cycle(cycle, user=user) for cycle in own],
        "cycles_you_evaluate": [_export_evaluated_cycle(cycle, user=user) for cycle in evaluated],
        "your_actions_in_other_peoples_cycles": [
            {"what": row["what"], "at": _iso(row["at"])}
            for row in sorted(actions, key=lambda row: row["at"])
        ],
        "unit_objectives_you_wrote": [
            {
                "unit": objective.unit.code,
                "objective": objective.title,
                "at": _iso(objective.created_at),
            }
            for objective in Objective.objects.filter(created_by=user)
            .select_related("unit")
            .order_by("created_at", "pk")
        ],
    }


def erase_goals(*, user, now) -> None:
    """Delete the person's cycles, with their talks, goals, history, evidence and reminders;
    unlink them from everyone else's.

    Other people's cycles stay: they are those people's records. Where the person was their
    evaluator, or acted in them, the link to the account is removed, so the history says that
    the evaluator changed or that a goal was agreed, no longer by whom. The notes they wrote
    as an evaluator stay in the other person's talks: they are about that person. The unit
    objectives they wrote stay, without their author.
    """
    Cycle.objects.filter(person=user).delete()
    Cycle.objects.filter(evaluator=user).update(evaluator=None)
    Cycle.objects.filter(second_evaluator=user).update(second_evaluator=None)
    CycleEvent.objects.filter(previous_person=user).update(previous_person=None)
    CycleEvent.objects.filter(new_person=user).update(new_person=None)
    CycleEvent.objects.filter(by=user).update(by=None)
    GoalEvent.objects.filter(by=user).update(by=None)
    Talk.objects.filter(updated_by=user).update(updated_by=None)
    Objective.objects.filter(created_by=user).update(created_by=None)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def purge_expired_cycles(*, now) -> int:
    """Cycles that ended more than ``CYCLE_RETENTION_YEARS`` ago, whatever their status: one
    still open that long after its end was abandoned. Returns how many cycles went."""
    limit = _years_before(now.date(), CYCLE_RETENTION_YEARS)
    _total, per_model = Cycle.objects.filter(ends_on__lt=limit).delete()
    return per_model.get(Cycle._meta.label, 0)


GOALS_MODELS = (
    "goals.Cycle",
    "goals.CycleEvent",
    "goals.Evidence",
    "goals.Goal",
    "goals.GoalEvent",
    "goals.Objective",
    "goals.Talk",
    "goals.TalkReminder",
)

register_exporter("goals", export_goals, models=GOALS_MODELS)
register_eraser("goals", erase_goals, models=GOALS_MODELS)
register_retention_task("goals_cycles", purge_expired_cycles)
