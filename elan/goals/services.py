# SPDX-License-Identifier: EUPL-1.2
"""Writes of the evaluation cycle: every move checked against its lifecycle table and its rules,
and appended to the history (docs/goals.md).

Who may do what is checked twice: by the rules in views (``rules.py``) and here, because a
service is also called from commands, tasks and the import. A refusal is a ``GoalsError`` whose
message is translated and shown to the person as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elan.assessments import services as assessment_services
from elan.assessments.constants import AssessmentStatus
from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.experiments import selectors as experiment_selectors
from elan.feedback.constants import RoundStatus
from elan.goals import calendar, selectors
from elan.goals.constants import (
    AGREEMENT_TRANSITIONS,
    CYCLE_TRANSITIONS,
    PROGRESS_TRANSITIONS,
    TALK_TRANSITIONS,
    Agreement,
    CycleEventKind,
    CycleStatus,
    EvidenceKind,
    GoalEventKind,
    GoalKind,
    InnovationKind,
    TalkKind,
    TalkStatus,
)
from elan.goals.models import (
    Cycle,
    CycleEvent,
    Evidence,
    Goal,
    GoalEvent,
    Objective,
    Talk,
    TalkReminder,
)
from elan.organisations.rules import is_hr_for_unit

TITLE_MAX = 200
INDICATOR_MAX = 1000
TARGET_MAX = 300
NOTES_MAX = 10000
REASON_MAX = 2000
# An evaluation talk may come a little after the cycle's end; later than this is another cycle.
LATE_EVALUATION_MONTHS = 3


class GoalsError(ValueError):
    """A refusal to show the person as it is: the message is already translated."""


class StaleEdit(GoalsError):
    """Someone else saved the same goal or notes since this editor opened them."""

    def __init__(self, message: str, *, saved) -> None:
        super().__init__(message)
        self.saved = saved


GOAL_FIELDS = (
    "kind",
    "innovation",
    "title",
    "indicator",
    "target",
    "due_on",
    "objective",
    "competency",
    "follows_climate",
)


# --- who is who --------------------------------------------------------------------------------


def _require_person(actor, cycle: Cycle) -> None:
    if not selectors.is_person(viewer=actor, cycle=cycle):
        raise GoalsError(_("Only the person whose cycle this is can do this."))


def _require_evaluator(actor, cycle: Cycle) -> None:
    if not selectors.is_evaluator(viewer=actor, cycle=cycle):
        raise GoalsError(_("Only the evaluator of this cycle can do this."))


def _require_party(actor, cycle: Cycle) -> None:
    if not selectors.may_see(viewer=actor, cycle=cycle):
        raise GoalsError(_("Only the person and their evaluators can do this."))


def _require_open(cycle: Cycle) -> None:
    if not cycle.is_open:
        raise GoalsError(_("This cycle has ended: it can no longer change."))


def _locked_cycle(cycle: Cycle) -> Cycle:
    return Cycle.objects.select_for_update().get(pk=cycle.pk)


def _event(cycle: Cycle, kind: str, actor=None, **fields) -> CycleEvent:
    by = actor if getattr(actor, "is_authenticated", False) else None
    return CycleEvent.objects.create(cycle=cycle, kind=kind, by=by, **fields)


# --- cycles ------------------------------------------------------------------------------------


@transaction.atomic
def cycle_start(*, person, starts_on: datetime.date, actor) -> Cycle:
    """A new cycle with the person's line manager as evaluator and its planning talk."""
    unit = selectors.unit_of(person=person)
    manager = selectors.line_manager_of(person=person)
    allowed = actor.pk == person.pk or (manager is not None and actor.pk == manager.pk)
    if not allowed and not is_hr_for_unit(actor, unit):
        raise GoalsError(_("Only the person, their line manager or HR can start their cycle."))
    if not person.is_active:
        raise GoalsError(_("This person's account is closed."))
    today = timezone.localdate()
    if not calendar.add_months(today, -3) <= starts_on <= calendar.add_months(today, 3):
        raise GoalsError(_("A cycle starts within three months of today, before or after."))
    if selectors.current_cycle(person=person) is not None:
        raise GoalsError(_("There is already a cycle under way: finish or stop it first."))
    rules = selectors.rules_for(unit=unit)
    try:
        with transaction.atomic():
            cycle = Cycle.objects.create(
                person=person,
                evaluator=manager if manager is not None and manager.is_active else None,
                unit=unit,
                starts_on=starts_on,
                ends_on=calendar.add_months(starts_on, rules.length_months)
                - datetime.timedelta(days=1),
            )
    except IntegrityError as race:
        raise GoalsError(
            _("There is already a cycle under way: finish or stop it first.")
        ) from race
    talk = Talk.objects.create(
        cycle=cycle,
        kind=TalkKind.PLANNING,
        planned_on=starts_on,
        due_on=starts_on + datetime.timedelta(days=rules.planning_due_days),
    )
    _event(cycle, CycleEventKind.STARTED, actor, to_status=cycle.status, new_person=cycle.evaluator)
    _event(cycle, CycleEventKind.TALK_SCHEDULED, actor, talk=talk)
    return cycle


def _cycle_transition(cycle: Cycle, to_status: str, actor, note: str = "") -> Cycle:
    try:
        ensure_transition(CYCLE_TRANSITIONS, cycle.status, to_status)
    except TransitionNotAllowed as refused:
        raise GoalsError(_("This cycle cannot move to that status.")) from refused
    previous = cycle.status
    cycle.status = to_status
    cycle.save(update_fields=["status"])
    _event(
        cycle, CycleEventKind.STATUS, actor, from_status=previous, to_status=to_status, note=note
    )
    return cycle


@transaction.atomic
def cycle_stop(*, cycle: Cycle, actor, note: str = "") -> Cycle:
    """End a cycle that will not be evaluated (the person left, changed job, a long absence)."""
    cycle = _locked_cycle(cycle)
    if not (selectors.is_evaluator(viewer=actor, cycle=cycle) or is_hr_for_unit(actor, cycle.unit)):
        raise GoalsError(_("Only the evaluator or HR can stop a cycle."))
    for talk in cycle.talks.filter(status=TalkStatus.SCHEDULED):
        talk.status = TalkStatus.CANCELLED
        talk.save(update_fields=["status", "updated_at"])
        _event(cycle, CycleEventKind.TALK_CANCELLED, actor, talk=talk)
    return _cycle_transition(cycle, CycleStatus.STOPPED, actor, note[:500])


@transaction.atomic
def cycle_move_evaluator(*, cycle: Cycle, new_evaluator, actor=None, note: str = "") -> Cycle:
    """Hand an open cycle to another evaluator (the chart changed): the history says so."""
    cycle = _locked_cycle(cycle)
    if not cycle.is_open or cycle.evaluator_id == getattr(new_evaluator, "pk", None):
        return cycle
    if new_evaluator is not None and new_evaluator.pk == cycle.person_id:
        raise GoalsError(_("Nobody evaluates themselves."))
    previous = cycle.evaluator
    cycle.evaluator = new_evaluator
    fields = ["evaluator"]
    promoted_second = new_evaluator is not None and cycle.second_evaluator_id == new_evaluator.pk
    if promoted_second:
        cycle.second_evaluator = None
        fields.append("second_evaluator")
    cycle.save(update_fields=fields)
    if promoted_second:
        # The second evaluator became the evaluator: the history says they left that role too.
        _event(
            cycle,
            CycleEventKind.SECOND_EVALUATOR_REMOVED,
            actor,
            previous_person=new_evaluator,
            note=note[:500],
        )
    _event(
        cycle,
        CycleEventKind.EVALUATOR_CHANGED,
        actor,
        previous_person=previous,
        new_person=new_evaluator,
        note=note[:500],
    )
    return cycle


def evaluators_follow_the_chart(
    *, changes: Iterable[tuple[int, int | None, int | None]], note: str
) -> int:
    """Move each open cycle whose evaluator was the person's old line manager to the new one.

    ``changes`` are (person, old manager, new manager) user ids, as the chart's import reports
    them. A cycle whose evaluator is someone else (set by hand) keeps them. Returns the count.
    """
    from django.contrib.auth import get_user_model

    moved = 0
    users = get_user_model().objects.in_bulk(
        {new for _person, _old, new in changes if new is not None}
    )
    for person_id, old_id, new_id in changes:
        cycle = Cycle.objects.filter(
            person_id=person_id, status__in=[CycleStatus.PLANNING, CycleStatus.RUNNING]
        ).first()
        if cycle is None or cycle.evaluator_id not in (old_id, None):
            continue
        new = users.get(new_id) if new_id is not None else None
        if new is not None and not new.is_active:
            new = None
        cycle_move_evaluator(cycle=cycle, new_evaluator=new, note=note)
        moved += 1
    return moved


@transaction.atomic
def cycle_set_second_evaluator(*, cycle: Cycle, second_evaluator, actor) -> Cycle:
    cycle = _locked_cycle(cycle)
    _require_open(cycle)
    if not (cycle.evaluator_id == actor.pk or is_hr_for_unit(actor, cycle.unit)):
        raise GoalsError(_("Only the evaluator or HR can choose a second evaluator."))
    if second_evaluator is not None:
        if not second_evaluator.is_active:
            raise GoalsError(_("We could not find an active colleague with that address."))
        if second_evaluator.pk in (cycle.person_id, cycle.evaluator_id):
            raise GoalsError(_("Choose someone other than the person and their evaluator."))
    if cycle.second_evaluator_id == getattr(second_evaluator, "pk", None):
        return cycle
    previous = cycle.second_evaluator
    cycle.second_evaluator = second_evaluator
    cycle.save(update_fields=["second_evaluator"])
    kind = (
        CycleEventKind.SECOND_EVALUATOR_SET
        if second_evaluator is not None
        else CycleEventKind.SECOND_EVALUATOR_REMOVED
    )
    _event(cycle, kind, actor, previous_person=previous, new_person=second_evaluator)
    return cycle


@transaction.atomic
def cycle_set_sheet_choice(*, cycle: Cycle, actor, show_self_assessment: bool) -> Cycle:
    cycle = _locked_cycle(cycle)
    _require_person(actor, cycle)
    cycle.sheet_shows_self_assessment = bool(show_self_assessment)
    cycle.save(update_fields=["sheet_shows_self_assessment"])
    return cycle


# --- talks -------------------------------------------------------------------------------------


def _check_place(
    cycle: Cycle, kind: str, on: datetime.date, *, excluding: Talk | None = None
) -> None:
    """Refuse a talk out of order or too close to another: planning first, evaluation last,
    and at least the organisation's minimum of worked days between any two."""
    others = selectors._live_talks(cycle, excluding=excluding)
    if on < cycle.starts_on:
        raise GoalsError(_("A talk cannot take place before the cycle starts."))
    if on > calendar.add_months(cycle.ends_on, LATE_EVALUATION_MONTHS) or (
        kind != TalkKind.EVALUATION and on > cycle.ends_on
    ):
        raise GoalsError(_("This date is after the end of the cycle."))
    planning = [talk for talk in others if talk.kind == TalkKind.PLANNING]
    evaluation = [talk for talk in others if talk.kind == TalkKind.EVALUATION]
    if kind == TalkKind.PLANNING:
        if planning:
            raise GoalsError(_("This cycle already has its planning talk."))
        if any(talk.date <= on for talk in others):
            raise GoalsError(_("The planning talk comes before every other talk."))
    else:
        if not planning:
            raise GoalsError(_("Plan the planning talk first."))
        if kind == TalkKind.EVALUATION and evaluation:
            raise GoalsError(_("This cycle already has its evaluation talk."))
        if any(talk.date >= on for talk in planning):
            raise GoalsError(_("This talk must come after the planning talk."))
        if evaluation and kind == TalkKind.INTERIM and any(talk.date <= on for talk in evaluation):
            raise GoalsError(_("An interim talk must come before the evaluation talk."))
        if kind == TalkKind.EVALUATION and any(talk.date >= on for talk in others):
            raise GoalsError(_("The evaluation talk comes after every other talk."))
    rules = selectors.rules_for(unit=cycle.unit)
    holidays = selectors.holidays_for(unit=cycle.unit)
    for talk in others:
        first, second = sorted((talk.date, on))
        if calendar.worked_days_between(first, second, holidays) < rules.minimum_gap_worked_days:
            earliest = calendar.add_worked_days(talk.date, rules.minimum_gap_worked_days, holidays)
            raise GoalsError(
                _(
                    "Two talks must be at least %(days)s worked days apart (weekends and public "
                    "holidays do not count). After the talk of %(other)s, the earliest day is "
                    "%(earliest)s."
                )
                % {
                    "days": rules.minimum_gap_worked_days,
                    "other": _date(talk.date),
                    "earliest": _date(earliest),
                }
            )


def _date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "DATE_FORMAT")


@transaction.atomic
def talk_schedule(*, cycle: Cycle, kind: str, planned_on: datetime.date, actor) -> Talk:
    cycle = _locked_cycle(cycle)
    _require_party(actor, cycle)
    _require_open(cycle)
    if kind not in TalkKind.values:
        raise GoalsError(_("Choose the kind of talk."))
    _check_place(cycle, kind, planned_on)
    due_on = {
        TalkKind.PLANNING: cycle.starts_on
        + datetime.timedelta(days=selectors.rules_for(unit=cycle.unit).planning_due_days),
        TalkKind.INTERIM: planned_on,
        TalkKind.EVALUATION: cycle.ends_on,
    }[TalkKind(kind)]
    talk = Talk.objects.create(
        cycle=cycle, kind=kind, planned_on=planned_on, due_on=due_on, updated_by=actor
    )
    _event(cycle, CycleEventKind.TALK_SCHEDULED, actor, talk=talk)
    return talk


def _locked_talk(talk: Talk) -> Talk:
    return Talk.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=talk.pk)


@transaction.atomic
def talk_reschedule(*, talk: Talk, planned_on: datetime.date, actor) -> Talk:
    talk = _locked_talk(talk)
    _require_party(actor, talk.cycle)
    _require_open(talk.cycle)
    if talk.status != TalkStatus.SCHEDULED:
        raise GoalsError(_("Only a talk still to come can be moved."))
    _check_place(talk.cycle, talk.kind, planned_on, excluding=talk)
    previous = talk.planned_on
    talk.planned_on = planned_on
    if talk.kind == TalkKind.INTERIM:
        talk.due_on = planned_on
    talk.updated_by = actor
    talk.save(update_fields=["planned_on", "due_on", "updated_by", "updated_at"])
    # The reminders count from the new day.
    TalkReminder.objects.filter(talk=talk).delete()
    _event(talk.cycle, CycleEventKind.TALK_RESCHEDULED, actor, talk=talk, note=previous.isoformat())
    return talk


@transaction.atomic
def talk_save_notes(*, talk: Talk, actor, notes: str, version: int) -> Talk:
    """The person writes their notes, an evaluator the evaluator's notes; an older version is
    refused, so a second writer never overwrites the first without seeing it."""
    talk = _locked_talk(talk)
    cycle = talk.cycle
    _require_party(actor, cycle)
    if cycle.status in (CycleStatus.STOPPED,) or (
        cycle.status == CycleStatus.EVALUATED and talk.kind != TalkKind.EVALUATION
    ):
        raise GoalsError(_("This cycle has ended: its notes can no longer change."))
    notes = (notes or "").replace("\x00", "").strip()
    if len(notes) > NOTES_MAX:
        raise GoalsError(_("Notes can be at most %(max)s characters.") % {"max": NOTES_MAX})
    side = "person" if selectors.is_person(viewer=actor, cycle=cycle) else "evaluator"
    field, counter = f"{side}_notes", f"{side}_notes_version"
    if getattr(talk, counter) != version:
        raise StaleEdit(_("Someone else saved these notes while you were writing."), saved=talk)
    if getattr(talk, field) == notes:
        return talk
    setattr(talk, field, notes)
    setattr(talk, counter, getattr(talk, counter) + 1)
    talk.updated_by = actor
    talk.save(update_fields=[field, counter, "updated_by", "updated_at"])
    return talk


@transaction.atomic
def talk_hold(*, talk: Talk, actor, held_on: datetime.date) -> Talk:
    """The evaluator records that the talk took place; the planning talk sets the cycle under
    way, the evaluation talk ends it."""
    talk = _locked_talk(talk)
    cycle = _locked_cycle(talk.cycle)
    _require_evaluator(actor, cycle)
    _require_open(cycle)
    if held_on > timezone.localdate():
        raise GoalsError(_("A talk cannot be recorded as held on a day still to come."))
    earlier = cycle.talks.filter(
        status=TalkStatus.SCHEDULED, planned_on__lt=talk.planned_on
    ).exclude(pk=talk.pk)
    if earlier.exists():
        raise GoalsError(_("Record or cancel the earlier talks first: talks are held in order."))
    if (
        talk.kind != TalkKind.PLANNING
        and not cycle.talks.filter(kind=TalkKind.PLANNING, status=TalkStatus.HELD).exists()
    ):
        raise GoalsError(_("The planning talk comes first."))
    _check_place(cycle, talk.kind, held_on, excluding=talk)
    try:
        ensure_transition(TALK_TRANSITIONS, talk.status, TalkStatus.HELD)
    except TransitionNotAllowed as refused:
        raise GoalsError(_("This talk has already been recorded or cancelled.")) from refused
    talk.status = TalkStatus.HELD
    talk.held_on = held_on
    talk.updated_by = actor
    talk.save(update_fields=["status", "held_on", "updated_by", "updated_at"])
    _event(
        cycle, CycleEventKind.TALK_HELD, actor, talk=talk, from_status="scheduled", to_status="held"
    )
    if talk.kind == TalkKind.PLANNING:
        _cycle_transition(cycle, CycleStatus.RUNNING, actor)
    elif talk.kind == TalkKind.EVALUATION:
        for later in cycle.talks.filter(status=TalkStatus.SCHEDULED):
            later.status = TalkStatus.CANCELLED
            later.save(update_fields=["status", "updated_at"])
            _event(cycle, CycleEventKind.TALK_CANCELLED, actor, talk=later)
        _cycle_transition(cycle, CycleStatus.EVALUATED, actor)
    return talk


@transaction.atomic
def talk_cancel(*, talk: Talk, actor) -> Talk:
    talk = _locked_talk(talk)
    _require_party(actor, talk.cycle)
    _require_open(talk.cycle)
    if talk.kind == TalkKind.PLANNING:
        raise GoalsError(_("The planning talk cannot be cancelled: move it to another day."))
    try:
        ensure_transition(TALK_TRANSITIONS, talk.status, TalkStatus.CANCELLED)
    except TransitionNotAllowed as refused:
        raise GoalsError(_("This talk has already been recorded or cancelled.")) from refused
    talk.status = TalkStatus.CANCELLED
    talk.updated_by = actor
    talk.save(update_fields=["status", "updated_by", "updated_at"])
    _event(talk.cycle, CycleEventKind.TALK_CANCELLED, actor, talk=talk)
    return talk


# --- goals -------------------------------------------------------------------------------------


def _clean_text(value, *, label: str, maximum: int, required: bool = False) -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise GoalsError(_("%(field)s: this cannot be empty.") % {"field": label})
    if len(text) > maximum:
        raise GoalsError(
            _("%(field)s: at most %(max)s characters.") % {"field": label, "max": maximum}
        )
    return text


def _clean_fields(cycle: Cycle, fields: dict) -> dict:
    """The goal's fields checked as one: every refusal says which field and why."""
    kind = fields.get("kind")
    if kind not in GoalKind.values:
        raise GoalsError(_("Choose whether this is a performance or a development goal."))
    innovation = fields.get("innovation") or ""
    if innovation and innovation not in InnovationKind.values:
        raise GoalsError(_("Choose what the innovation goal is about."))
    objective = fields.get("objective")
    competency = fields.get("competency")
    if objective is not None:
        if kind != GoalKind.PERFORMANCE:
            raise GoalsError(_("Only a performance goal links to a unit objective."))
        if not _objective_reachable(objective, cycle):
            raise GoalsError(_("Choose an objective of your unit or of a unit above it."))
    if competency is not None and kind != GoalKind.DEVELOPMENT:
        raise GoalsError(_("Only a development goal links to a skill."))
    follows_climate = bool(fields.get("follows_climate"))
    if follows_climate and innovation != InnovationKind.ENABLING:
        raise GoalsError(_("Only an enabling goal can follow the team's climate."))
    due_on = fields.get("due_on")
    if due_on is not None and not cycle.starts_on <= due_on <= calendar.add_months(
        cycle.ends_on, LATE_EVALUATION_MONTHS
    ):
        raise GoalsError(_("The due date must fall within the cycle."))
    return {
        "kind": kind,
        "innovation": innovation,
        "title": _clean_text(
            fields.get("title"), label=_("Goal"), maximum=TITLE_MAX, required=True
        ),
        "indicator": _clean_text(
            fields.get("indicator"), label=_("Indicator"), maximum=INDICATOR_MAX
        ),
        "target": _clean_text(fields.get("target"), label=_("Target"), maximum=TARGET_MAX),
        "due_on": due_on,
        "objective": objective,
        "competency": competency,
        "follows_climate": follows_climate,
    }


def _objective_reachable(objective: Objective, cycle: Cycle) -> bool:
    if not objective.is_active or cycle.unit is None:
        return False
    return cycle.unit.path.startswith(objective.unit.path)


def _goal_event(goal: Goal, kind: str, actor, **fields) -> GoalEvent:
    return GoalEvent.objects.create(goal=goal, kind=kind, by=actor, **fields)


@transaction.atomic
def goal_create(
    *,
    cycle: Cycle,
    actor,
    kind: str,
    innovation: str = "",
    title: str,
    indicator: str = "",
    target: str = "",
    due_on: datetime.date | None = None,
    objective: Objective | None = None,
    competency=None,
    hub_pages: Iterable = (),
    template=None,
    follows_climate: bool = False,
) -> Goal:
    cycle = _locked_cycle(cycle)
    _require_person(actor, cycle)
    _require_open(cycle)
    cleaned = _clean_fields(
        cycle,
        {
            "kind": kind,
            "innovation": innovation,
            "title": title,
            "indicator": indicator,
            "target": target,
            "due_on": due_on,
            "objective": objective,
            "competency": competency,
            "follows_climate": follows_climate,
        },
    )
    goal = Goal.objects.create(cycle=cycle, template=template, **cleaned)
    goal.hub_pages.set(list(hub_pages))
    _goal_event(goal, GoalEventKind.CREATED, actor, after=selectors.goal_snapshot(goal))
    return goal


def _locked_goal(goal: Goal, version: int | None = None) -> Goal:
    locked = (
        Goal.objects.select_for_update(of=("self",))
        .select_related("cycle", "objective", "competency")
        .get(pk=goal.pk)
    )
    if version is not None and locked.version != version:
        raise StaleEdit(_("Someone else saved this goal while you were editing it."), saved=locked)
    return locked


def _apply(goal: Goal, cleaned: dict, hub_pages) -> None:
    for name, value in cleaned.items():
        setattr(goal, name, value)
    goal.version += 1
    goal.save()
    if hub_pages is not None:
        goal.hub_pages.set(list(hub_pages))


@transaction.atomic
def goal_update_draft(*, goal: Goal, actor, version: int, fields: dict) -> Goal:
    goal = _locked_goal(goal, version)
    _require_person(actor, goal.cycle)
    _require_open(goal.cycle)
    if goal.agreement != Agreement.DRAFT:
        raise GoalsError(_("Only a draft can be edited: take the goal back to a draft first."))
    before = selectors.goal_snapshot(goal)
    _apply(goal, _clean_fields(goal.cycle, fields), fields.get("hub_pages"))
    _goal_event(
        goal, GoalEventKind.EDITED, actor, before=before, after=selectors.goal_snapshot(goal)
    )
    return goal


@transaction.atomic
def goal_delete_draft(*, goal: Goal, actor) -> None:
    goal = _locked_goal(goal)
    _require_person(actor, goal.cycle)
    if goal.agreement != Agreement.DRAFT:
        raise GoalsError(_("Only a draft can be deleted."))
    goal.delete()


def _agreement_move(goal: Goal, to: str, actor, kind: str, reason: str = "") -> Goal:
    try:
        ensure_transition(AGREEMENT_TRANSITIONS, goal.agreement, to)
    except TransitionNotAllowed as refused:
        raise GoalsError(_("This goal cannot move to that step now.")) from refused
    previous = goal.agreement
    goal.agreement = to
    goal.version += 1
    goal.save(update_fields=["agreement", "version", "updated_at"])
    _goal_event(goal, kind, actor, from_status=previous, to_status=to, reason=reason)
    return goal


@transaction.atomic
def goal_propose(*, goal: Goal, actor) -> Goal:
    goal = _locked_goal(goal)
    _require_person(actor, goal.cycle)
    _require_open(goal.cycle)
    return _agreement_move(goal, Agreement.PROPOSED, actor, GoalEventKind.PROPOSED)


@transaction.atomic
def goal_take_back(*, goal: Goal, actor) -> Goal:
    goal = _locked_goal(goal)
    _require_person(actor, goal.cycle)
    _require_open(goal.cycle)
    return _agreement_move(goal, Agreement.DRAFT, actor, GoalEventKind.TAKEN_BACK)


@transaction.atomic
def goal_send_back(*, goal: Goal, actor, reason: str) -> Goal:
    goal = _locked_goal(goal)
    _require_evaluator(actor, goal.cycle)
    _require_open(goal.cycle)
    reason = _clean_text(reason, label=_("Reason"), maximum=REASON_MAX, required=True)
    return _agreement_move(goal, Agreement.DRAFT, actor, GoalEventKind.SENT_BACK, reason)


@transaction.atomic
def goal_agree(*, goal: Goal, actor) -> Goal:
    """The evaluator agrees to the goal the person proposed: both have now agreed."""
    goal = _locked_goal(goal)
    _require_evaluator(actor, goal.cycle)
    _require_open(goal.cycle)
    return _agreement_move(goal, Agreement.AGREED, actor, GoalEventKind.AGREED)


@transaction.atomic
def goal_change_in_talk(
    *, goal: Goal, talk: Talk, actor, version: int, reason: str, fields: dict
) -> Goal:
    """An agreed goal changes only in an interim talk, and the change keeps its reason."""
    goal = _locked_goal(goal, version)
    _require_party(actor, goal.cycle)
    _require_open(goal.cycle)
    if goal.agreement != Agreement.AGREED:
        raise GoalsError(_("Only an agreed goal is changed in a talk; edit the draft instead."))
    if talk.cycle_id != goal.cycle_id or talk.kind != TalkKind.INTERIM:
        raise GoalsError(_("An agreed goal changes only in an interim talk of its cycle."))
    if talk.status != TalkStatus.SCHEDULED:
        raise GoalsError(
            _("This talk has been recorded already: changes belong to a talk to come.")
        )
    reason = _clean_text(
        reason, label=_("Reason for the change"), maximum=REASON_MAX, required=True
    )
    before = selectors.goal_snapshot(goal)
    _apply(goal, _clean_fields(goal.cycle, fields), fields.get("hub_pages"))
    after = selectors.goal_snapshot(goal)
    if after == before and fields.get("hub_pages") is None:
        raise GoalsError(_("Nothing was changed."))
    _goal_event(
        goal, GoalEventKind.CHANGED, actor, talk=talk, reason=reason, before=before, after=after
    )
    return goal


@transaction.atomic
def goal_set_progress(*, goal: Goal, actor, progress: str, version: int) -> Goal:
    goal = _locked_goal(goal, version)
    _require_party(actor, goal.cycle)
    _require_open(goal.cycle)
    if goal.agreement != Agreement.AGREED:
        raise GoalsError(_("The status is followed once the goal is agreed."))
    if goal.progress == progress:
        return goal
    try:
        ensure_transition(PROGRESS_TRANSITIONS, goal.progress, progress)
    except TransitionNotAllowed as refused:
        raise GoalsError(_("A goal that is done or dropped keeps that status.")) from refused
    previous = goal.progress
    goal.progress = progress
    goal.version += 1
    goal.save(update_fields=["progress", "version", "updated_at"])
    _goal_event(goal, GoalEventKind.PROGRESS, actor, from_status=previous, to_status=progress)
    return goal


# --- evidence ----------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *,
    cycle: Cycle,
    actor,
    kind: str,
    assessment=None,
    feedback_round=None,
    hub_page=None,
    experiment=None,
    talk: Talk | None = None,
) -> Evidence:
    """Bring one's own self-assessment, 360 report, experiment, or a hub item into the cycle.
    Nothing else ever puts them there."""
    cycle = _locked_cycle(cycle)
    _require_person(actor, cycle)
    _require_open(cycle)
    if talk is not None and talk.cycle_id != cycle.pk:
        raise GoalsError(_("Choose a talk of this cycle."))
    target: dict = {}
    if kind == EvidenceKind.SELF_ASSESSMENT:
        if (
            assessment is None
            or assessment.owner_id != actor.pk
            or assessment.status != AssessmentStatus.SUBMITTED
        ):
            raise GoalsError(_("Choose a finished self-assessment of your own."))
        target = {"assessment": assessment}
    elif kind == EvidenceKind.FEEDBACK_REPORT:
        if (
            feedback_round is None
            or feedback_round.owner_id != actor.pk
            or feedback_round.status != RoundStatus.CLOSED
        ):
            raise GoalsError(_("Choose a closed 360 feedback round of your own."))
        target = {"feedback_round": feedback_round}
    elif kind == EvidenceKind.HUB_ITEM:
        if hub_page is None or not hub_page.live:
            raise GoalsError(_("Choose a published item of the knowledge hub."))
        target = {"hub_page": hub_page}
    elif kind == EvidenceKind.EXPERIMENT:
        # Owned or co-owned, and started: a draft was never tried.
        if (
            experiment is None
            or not experiment_selectors.citable_by(person=actor).filter(pk=experiment.pk).exists()
        ):
            raise GoalsError(_("Choose an experiment of your own that has started."))
        target = {"experiment": experiment}
    else:
        raise GoalsError(_("This kind of evidence cannot be added yet."))
    existing = Evidence.objects.filter(cycle=cycle, withdrawn_at__isnull=True, **target).first()
    if existing is not None:
        return existing
    evidence = Evidence.objects.create(cycle=cycle, kind=kind, talk=talk, **target)
    if assessment is not None:
        assessment_services.evaluation_include(owner=actor, assessment=assessment)
    _event(cycle, CycleEventKind.EVIDENCE_ADDED, actor, talk=talk, note=evidence.kind)
    return evidence


@transaction.atomic
def evidence_withdraw(*, evidence: Evidence, actor) -> Evidence:
    evidence = (
        Evidence.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=evidence.pk)
    )
    _require_person(actor, evidence.cycle)
    if evidence.withdrawn_at is not None:
        return evidence
    evidence.withdrawn_at = timezone.now()
    evidence.save(update_fields=["withdrawn_at"])
    if (
        evidence.assessment is not None
        and not Evidence.objects.filter(
            assessment=evidence.assessment, withdrawn_at__isnull=True
        ).exists()
    ):
        assessment_services.evaluation_remove(owner=actor, assessment=evidence.assessment)
    _event(
        evidence.cycle,
        CycleEventKind.EVIDENCE_WITHDRAWN,
        actor,
        talk=evidence.talk,
        note=evidence.kind,
    )
    return evidence
