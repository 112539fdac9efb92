# SPDX-License-Identifier: EUPL-1.2
"""Reads of the evaluation cycle, each one answering only what its viewer may see.

A cycle exists for its person and their evaluators; everyone else gets ``None``, so that a page
answers 404 rather than telling that the cycle exists. A goal in draft is its owner's alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from elan.assessments import selectors as assessment_selectors
from elan.experiments import selectors as experiment_selectors
from elan.goals import calendar
from elan.goals.constants import (
    DEFAULT_FIRST_REMINDER_DAYS,
    DEFAULT_LAST_REMINDER_DAYS,
    DEFAULT_LENGTH_MONTHS,
    DEFAULT_MINIMUM_GAP_WORKED_DAYS,
    DEFAULT_PLANNING_DUE_DAYS,
    OPEN_CYCLE_STATUSES,
    Agreement,
    EvidenceKind,
    TalkStatus,
)
from elan.goals.models import (
    Cycle,
    CycleEvent,
    CycleRules,
    Evidence,
    Goal,
    GoalEvent,
    GoalTemplate,
    PublicHoliday,
    Talk,
)
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.selectors import has_role
from elan.skills.multilingual import localize


@dataclass(frozen=True)
class RulesValues:
    length_months: int = DEFAULT_LENGTH_MONTHS
    minimum_gap_worked_days: int = DEFAULT_MINIMUM_GAP_WORKED_DAYS
    planning_due_days: int = DEFAULT_PLANNING_DUE_DAYS
    first_reminder_days: int = DEFAULT_FIRST_REMINDER_DAYS
    last_reminder_days: int = DEFAULT_LAST_REMINDER_DAYS

    @property
    def reminder_days(self) -> tuple[int, ...]:
        return tuple(sorted({self.first_reminder_days, self.last_reminder_days}, reverse=True))


def _ancestor_paths(unit: Unit) -> list[str]:
    return [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]


def rules_for(*, unit: Unit | None) -> RulesValues:
    """The nearest organisation's own rules up the chart from ``unit``, else the defaults."""
    if unit is None:
        return RulesValues()
    rules = (
        CycleRules.objects.filter(organisation__path__in=_ancestor_paths(unit))
        .order_by("-organisation__depth")
        .first()
    )
    if rules is None:
        return RulesValues()
    return RulesValues(
        length_months=rules.length_months,
        minimum_gap_worked_days=rules.minimum_gap_worked_days,
        planning_due_days=rules.planning_due_days,
        first_reminder_days=rules.first_reminder_days,
        last_reminder_days=rules.last_reminder_days,
    )


def holidays_for(*, unit: Unit | None) -> frozenset[datetime.date]:
    """The shipped federal holidays, and those HR added for any unit above or at ``unit``."""
    condition = Q(organisation__isnull=True)
    if unit is not None:
        condition |= Q(organisation__path__in=_ancestor_paths(unit))
    return frozenset(PublicHoliday.objects.filter(condition).values_list("on", flat=True))


def is_manager(*, person) -> bool:
    """Someone with a direct report on the chart, or who leads a team: the enabling goals and
    the managers' templates are for them."""
    return StaffRecord.objects.filter(
        line_manager=person, user__is_active=True
    ).exists() or has_role(user=person, role=Role.TEAM_LEAD)


def line_manager_of(*, person):
    record = StaffRecord.objects.filter(user=person).select_related("line_manager").first()
    return record.line_manager if record else None


def unit_of(*, person) -> Unit | None:
    record = StaffRecord.objects.filter(user=person).select_related("unit").first()
    return record.unit if record else None


# --- cycles ------------------------------------------------------------------------------------


def _with_people(queryset: QuerySet[Cycle]) -> QuerySet[Cycle]:
    return queryset.select_related("person", "evaluator", "second_evaluator", "unit")


def current_cycle(*, person) -> Cycle | None:
    return _with_people(Cycle.objects.filter(person=person, status__in=OPEN_CYCLE_STATUSES)).first()


def cycles_of(*, person) -> QuerySet[Cycle]:
    return _with_people(Cycle.objects.filter(person=person))


def cycles_evaluated_by(*, evaluator) -> QuerySet[Cycle]:
    if not getattr(evaluator, "is_authenticated", False):
        return Cycle.objects.none()
    return _with_people(
        Cycle.objects.filter(Q(evaluator=evaluator) | Q(second_evaluator=evaluator))
    ).order_by("status", "person__last_name", "person__first_name", "-starts_on")


def is_person(*, viewer, cycle: Cycle) -> bool:
    return getattr(viewer, "is_authenticated", False) and cycle.person_id == viewer.pk


def is_evaluator(*, viewer, cycle: Cycle) -> bool:
    return getattr(viewer, "is_authenticated", False) and viewer.pk in (
        cycle.evaluator_id,
        cycle.second_evaluator_id,
    )


def may_see(*, viewer, cycle: Cycle) -> bool:
    return is_person(viewer=viewer, cycle=cycle) or is_evaluator(viewer=viewer, cycle=cycle)


def cycle_for(*, public_id, viewer) -> Cycle | None:
    cycle = _with_people(Cycle.objects.filter(public_id=public_id)).first()
    return cycle if cycle is not None and may_see(viewer=viewer, cycle=cycle) else None


# --- goals -------------------------------------------------------------------------------------


def _visible_goals(cycle: Cycle, viewer) -> QuerySet[Goal]:
    goals = Goal.objects.filter(cycle=cycle).select_related("objective", "competency", "template")
    if not is_person(viewer=viewer, cycle=cycle):
        goals = goals.exclude(agreement=Agreement.DRAFT)
    return goals.prefetch_related("hub_pages")


def goals_visible_to(*, cycle: Cycle, viewer) -> list[Goal]:
    if not may_see(viewer=viewer, cycle=cycle):
        return []
    return list(_visible_goals(cycle, viewer))


def goal_for(*, public_id, viewer) -> Goal | None:
    goal = Goal.objects.filter(public_id=public_id).select_related("cycle").first()
    if goal is None or not may_see(viewer=viewer, cycle=goal.cycle):
        return None
    if goal.agreement == Agreement.DRAFT and not is_person(viewer=viewer, cycle=goal.cycle):
        return None
    return goal


def goal_snapshot(goal: Goal) -> dict:
    """The goal's fields as people read them: for the history and for showing two versions."""
    return {
        "kind": goal.kind,
        "innovation": goal.innovation,
        "title": goal.title,
        "indicator": goal.indicator,
        "target": goal.target,
        "due_on": goal.due_on.isoformat() if goal.due_on else "",
        "objective": goal.objective.title if goal.objective is not None else "",
        "competency": str(goal.competency) if goal.competency_id else "",
        "follows_climate": goal.follows_climate,
        "progress": goal.progress,
    }


def goal_history(*, goal: Goal) -> list[GoalEvent]:
    return list(goal.events.select_related("by", "talk"))


def goal_histories(*, goals: Iterable[Goal]) -> dict[int, list[GoalEvent]]:
    """``goal_history`` of each goal, read in one query for a page that lists them all."""
    histories: dict[int, list[GoalEvent]] = {goal.pk: [] for goal in goals}
    for event in GoalEvent.objects.filter(goal_id__in=histories).select_related("by", "talk"):
        histories[event.goal_id].append(event)
    return histories


def goals_waiting_for(*, evaluator) -> QuerySet[Goal]:
    """Proposed goals of open cycles that ``evaluator`` evaluates."""
    return Goal.objects.filter(
        Q(cycle__evaluator=evaluator) | Q(cycle__second_evaluator=evaluator),
        agreement=Agreement.PROPOSED,
        cycle__status__in=OPEN_CYCLE_STATUSES,
    )


def templates_for(*, person) -> list[GoalTemplate]:
    """The offered templates, the managers' ones only for managers."""
    templates = GoalTemplate.objects.filter(is_active=True)
    if not is_manager(person=person):
        templates = templates.filter(audience="everyone")
    return list(templates)


def template_by_code(*, code: str) -> GoalTemplate | None:
    return GoalTemplate.objects.filter(code=code, is_active=True).first()


def template_texts(template: GoalTemplate, language: str | None = None) -> dict[str, str]:
    return {
        "title": str(localize(template.title, language)),
        "indicator": str(localize(template.indicator, language)),
        "target": str(localize(template.target, language)),
    }


# --- talks -------------------------------------------------------------------------------------


def talks_of(*, cycle: Cycle) -> list[Talk]:
    return list(cycle.talks.order_by("planned_on", "pk"))


def talk_for(*, public_id, viewer) -> Talk | None:
    talk = (
        Talk.objects.filter(public_id=public_id)
        .select_related("cycle", "cycle__person", "cycle__evaluator", "cycle__second_evaluator")
        .first()
    )
    return talk if talk is not None and may_see(viewer=viewer, cycle=talk.cycle) else None


def _live_talks(cycle: Cycle, *, excluding: Talk | None = None) -> list[Talk]:
    talks = cycle.talks.exclude(status=TalkStatus.CANCELLED)
    if excluding is not None:
        talks = talks.exclude(pk=excluding.pk)
    return list(talks.order_by("planned_on", "pk"))


def earliest_next_talk(*, cycle: Cycle, excluding: Talk | None = None) -> datetime.date:
    """The first day a further talk may take place: the minimum gap after the latest talk."""
    talks = _live_talks(cycle, excluding=excluding)
    if not talks:
        return cycle.starts_on
    rules = rules_for(unit=cycle.unit)
    latest = max(talk.date for talk in talks)
    return calendar.add_worked_days(
        latest, rules.minimum_gap_worked_days, holidays_for(unit=cycle.unit)
    )


def next_talk(*, cycle: Cycle) -> Talk | None:
    return cycle.talks.filter(status=TalkStatus.SCHEDULED).order_by("planned_on", "pk").first()


def next_talks(*, cycles: Iterable[Cycle]) -> dict[int, Talk]:
    """``next_talk`` of each cycle that has one, read in one query for a page that lists them."""
    found: dict[int, Talk] = {}
    scheduled = Talk.objects.filter(
        cycle_id__in=[cycle.pk for cycle in cycles], status=TalkStatus.SCHEDULED
    ).order_by("planned_on", "pk")
    for talk in scheduled:
        found.setdefault(talk.cycle_id, talk)
    return found


# --- evidence and history ----------------------------------------------------------------------


def evidence_visible_to(*, cycle: Cycle, viewer) -> list[Evidence]:
    if is_person(viewer=viewer, cycle=cycle):
        rows = cycle.evidence.all()
    elif is_evaluator(viewer=viewer, cycle=cycle):
        rows = cycle.evidence.filter(withdrawn_at__isnull=True)
    else:
        return []
    # A self-assessment's scores are its answers: the list needs only its date, and the answers
    # are read on the evidence's own page, through the assessments module's profile.
    found = list(
        rows.select_related("assessment", "feedback_round", "hub_page", "talk", "experiment").defer(
            "assessment__scores"
        )
    )
    _mark_cited_experiments(cycle, found)
    return found


def _mark_cited_experiments(cycle: Cycle, rows: list[Evidence]) -> None:
    """Set ``cited_experiment`` on each row: its experiment while the cycle's person still owns
    or co-owns it, else None (a co-owner taken off an experiment no longer shows it)."""
    ids = {row.experiment_id for row in rows if row.experiment_id}
    still_theirs = (
        set(
            experiment_selectors.owned_by(viewer=cycle.person)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        if ids
        else set()
    )
    for row in rows:
        # An attribute of the row as read here, for the lists; never saved.
        row.cited_experiment = (  # type: ignore[attr-defined]
            row.experiment if row.experiment_id in still_theirs else None
        )


@dataclass(frozen=True)
class CitedExperiment:
    """An experiment as the evidence shows it: what its owner chose to bring into the cycle.
    ``url`` is the card's address when the viewer may read the card, else empty."""

    title: str
    status: str
    decision: str
    decision_reason: str
    lessons: str
    url: str


def citable_experiments(*, person):
    """The experiments ``person`` may cite as evidence: owned or co-owned, and started."""
    return experiment_selectors.citable_by(person=person)


def evidence_experiment(*, evidence: Evidence, viewer) -> CitedExperiment | None:
    """The experiment an evidence item cites, for the evidence's own page; None when it no
    longer exists or is no longer the person's.

    Only for an item ``evidence_for`` returned: its owner, or an evaluator while it is not
    withdrawn. The evaluator reads what the evidence shows even if the card was never shared
    with them; the card itself only when its sharing lets them.
    """
    experiment = evidence.experiment
    if experiment is None or not experiment_selectors.is_owner(
        viewer=evidence.cycle.person, experiment=experiment
    ):
        return None
    readable = experiment_selectors.is_reader(viewer=viewer, experiment=experiment)
    return CitedExperiment(
        title=experiment.title,
        status=experiment.get_status_display(),
        decision=experiment.get_decision_display() if experiment.decision else "",
        decision_reason=experiment.decision_reason,
        lessons=experiment.lessons,
        url=experiment_selectors.card_url(experiment=experiment) if readable else "",
    )


def evidence_for(*, public_id, viewer) -> Evidence | None:
    evidence = (
        Evidence.objects.filter(public_id=public_id)
        .select_related("cycle", "cycle__person", "experiment")
        .first()
    )
    if evidence is None:
        return None
    if is_person(viewer=viewer, cycle=evidence.cycle):
        return evidence
    if evidence.is_active and is_evaluator(viewer=viewer, cycle=evidence.cycle):
        return evidence
    return None


def added_self_assessment(*, cycle: Cycle):
    """The self-assessment the person last added to the cycle and has not withdrawn, without
    its scores: what the goals sheet may summarise, never a later one of theirs."""
    evidence = (
        cycle.evidence.filter(
            kind=EvidenceKind.SELF_ASSESSMENT,
            withdrawn_at__isnull=True,
            assessment__isnull=False,
        )
        .select_related("assessment")
        .defer("assessment__scores")
        .order_by("-added_at", "-pk")
        .first()
    )
    return evidence.assessment if evidence is not None else None


def evidence_assessment(*, evidence: Evidence):
    """The self-assessment of an evidence item, scores included, for the evidence's own page.

    Only for an item ``evidence_for`` returned: its owner, or an evaluator while it is not
    withdrawn; the scores are the answers the person chose to add to the cycle.
    """
    if evidence.assessment_id is None:
        return None
    return (
        assessment_selectors.submitted_assessments(owner=evidence.cycle.person)
        .filter(pk=evidence.assessment_id)
        .first()
    )


def history_of(*, cycle: Cycle) -> list[CycleEvent]:
    return list(cycle.events.select_related("by", "talk", "previous_person", "new_person"))
