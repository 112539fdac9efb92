# SPDX-License-Identifier: EUPL-1.2
"""Demo evaluation cycles for ``manage.py demo_data``, each at another point of its way:

- **Eva Peeters** (employee@elan.example): a cycle that started about ten weeks ago, with her
  line manager Marie Dubois (manager@elan.example) as evaluator. The planning talk was held on
  time, with notes from both. Two goals are agreed: a concrete result (fewer steps to apply for
  the telework allowance), linked to Nido's objective, on track; and an applied skill started
  from a template, linked to a skill of the framework and to a hub item, at risk. A third goal
  is her private draft, which Marie never sees. The interim talk is about twelve days away, so
  its first reminder is due. She added her self-assessment and her closed 360 round as evidence,
  and chose to show her self-assessment summary on the goals sheet.
- **Marie Dubois**: her own cycle, in planning, with Tom Claes (teamlead@elan.example) as
  evaluator. She proposed an applied-skill goal and a result goal, but no enabling goal although
  she manages Eva: the balance check says so to her and to Tom, whose home page shows "Agree
  goals with Marie Dubois". Her planning talk is a week away.
- **The objectives tree**: an objective of BOSA, one of the directorate above Nido that
  contributes to it, and one of Nido that contributes to that.
- **HR's process figures** (hr@elan.example): twelve of Nido's fifteen colleagues started a cycle
  around Eva's; ten have agreed innovation goals, one has only a private draft (which HR's
  figures never count), one has none yet; their planning talks took place, three of them late.
  Eight of them had last year's cycle evaluated, with innovation goals that ended done, dropped
  or still at risk. Three people of the web team and three of the data team have cycles too:
  each team is too small, so the guard hides it, and together they are six, so the directorate
  and Nido both show.
- **The outsider** (outsider@elan.example) has no cycle and sees none.

Deterministic and safe to run again: a person who has a cycle gets nothing new. Dates are
counted from today. Every current cycle goes through the services people use; last year's
evaluated cycles are older than ``services.cycle_start`` accepts, so they are written to the
models the way the services would have written them, with their history, and with at least the
organisation's minimum of worked days between their talks.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.assessments.constants import AssessmentStatus
from elan.assessments.models import Assessment
from elan.assessments.selectors import active_instrument
from elan.experiments import selectors as experiment_selectors
from elan.feedback.constants import RoundStatus
from elan.feedback.models import FeedbackRound
from elan.goals import calendar, objectives, selectors, services
from elan.goals.constants import (
    Agreement,
    CycleEventKind,
    CycleStatus,
    EvidenceKind,
    GoalEventKind,
    GoalKind,
    GoalProgress,
    InnovationKind,
    TalkKind,
    TalkStatus,
    TemplateAudience,
)
from elan.goals.models import (
    Cycle,
    CycleEvent,
    Goal,
    GoalEvent,
    GoalTemplate,
    Objective,
    Talk,
)
from elan.goals.shipped import load_shipped_holidays, load_shipped_templates
from elan.knowledge.models import HubSearchEntry
from elan.organisations.demo import demo_colleagues
from elan.organisations.models import Unit
from elan.skills.models import Competency
from elan.skills.selectors import INNOVATION_FRAMEWORK_SLUG, framework_by_slug

EMPLOYEE = "employee@elan.example"
MANAGER = "manager@elan.example"
TEAM_LEAD = "teamlead@elan.example"
HR = "hr@elan.example"
ORGANISATION = "BOSA"
DIRECTORATE = "BOSA-DGDT"
DEMO_TEAM = "BOSA-DGDT-NIDO"
# Each too small for the guard on its own; together enough that the directorate minus Nido
# gives nobody away, so that Nido's figures and the directorate's both show.
SMALL_TEAMS = {"BOSA-DGDT-WEB": 3, "BOSA-DGDT-DATA": 3}
# The last of them started weeks ago and their planning talk is past its due day, not held:
# what HR's list of talks marks as late, and its filter keeps.
NOT_YET_HELD_TEAM = "BOSA-DGDT-DATA"

EVA_STARTED_DAYS_AGO = 70
EVA_PLANNING_AFTER_DAYS = 14
# Within the first reminder's lead time (14 days by default): its reminder is due.
INTERIM_IN_DAYS = 12
MARIE_STARTED_DAYS_AGO = 18
MARIE_PLANNING_IN_DAYS = 7

# Nido's colleagues with a cycle: when each started, counted from Eva's start, and how many
# days after their start the planning talk was held (over 30: late).
COLLEAGUE_STARTS = (-14, -10, -7, -3, 0, 2, 5, 7, 9, 12, 14, 16)
COLLEAGUE_PLANNING_AFTER = (8, 12, 16, 36, 20, 10, 14, 38, 18, 24, 9, 33)
# Of them, the one with only a private draft and the one with no goal yet.
ONLY_A_DRAFT, NO_GOAL_YET = 10, 11
# The first eight had last year's cycle evaluated; how their two innovation goals ended.
LAST_YEAR_ENDINGS = (
    (GoalProgress.DONE, GoalProgress.DONE),
    (GoalProgress.DROPPED, GoalProgress.AT_RISK),
    (GoalProgress.DONE, GoalProgress.DONE),
    (GoalProgress.DONE, GoalProgress.DROPPED),
    (GoalProgress.AT_RISK, GoalProgress.DONE),
    (GoalProgress.DONE, GoalProgress.AT_RISK),
    (GoalProgress.DONE, GoalProgress.DONE),
    (GoalProgress.DROPPED, GoalProgress.DONE),
)
# The templates people start from, taken in turn; a missing code falls back to the kind.
SKILL_TEMPLATES = (
    "co-create-with-users",
    "run-a-responsible-experiment",
    "share-a-failed-test",
    "decide-with-service-figures",
)
RESULT_TEMPLATES = (
    "better-service-quality",
    "time-saved-new-way-of-working",
    "more-trust-from-users",
)
EVA_SKILL_TEMPLATE = "run-a-responsible-experiment"
# Loaded by elan/experiments/demo.py, which runs first.
EVA_EXPERIMENT = "Twee versies van de brief over de telewerkvergoeding"

# Written by HR (the organisation and the directorate) and by Nido's team lead, in Dutch.
OBJECTIVES = (
    (
        ORGANISATION,
        "Overheidsdiensten die iedereen eenvoudig kan gebruiken",
        "Burgers, bedrijven en ambtenaren vinden en gebruiken onze diensten zonder hulp.",
    ),
    (
        DIRECTORATE,
        "Elke federale online aanvraag in minder stappen",
        "We halen overbodige stappen uit de online aanvragen die de FOD's ons toevertrouwen.",
    ),
    (
        DEMO_TEAM,
        "Drie aanvraagprocedures vereenvoudigen samen met hun gebruikers",
        "Nido test elke vereenvoudiging eerst met de mensen die de aanvraag indienen.",
    ),
)

EVA_RESULT = {
    "title": "Minder stappen om een thuiswerkvergoeding aan te vragen",
    "indicator": (
        "Het aantal schermen met verplichte velden in het online aanvraagformulier, geteld op "
        "de versie die live staat."
    ),
    "target": "Van 9 naar 5 stappen tegen het einde van de cyclus",
}
EVA_DRAFT = {
    "title": "Ons experiment voorstellen aan het directiecomité",
    "indicator": "",
    "target": "",
}
EVA_NOTES = (
    "Ik wil dit jaar aantonen dat een korter formulier echt sneller gaat. Experimenteren is "
    "nieuw voor mij: ik vraag hulp bij het testplan."
)
MARIE_NOTES = (
    "Objectifs clairs et mesurables. Eva teste d'abord avec cinq usagers avant de toucher au "
    "formulaire en production ; je lui réserve deux demi-journées par mois pour les tests."
)
# Used only if HR removed every template of a kind from the back office.
FALLBACK_TEXTS = {
    InnovationKind.APPLIED_SKILL: {
        "title": "Run one small, responsible experiment with a named method",
        "indicator": "A one-page test plan, the test itself and a note on what it taught us",
        "target": "1 experiment by the interim talk",
    },
    InnovationKind.RESULT: {
        "title": "Fewer steps for the people who use our service",
        "indicator": "Steps in the procedure, counted on the version in use",
        "target": "2 steps fewer by the end of the cycle",
    },
}


@transaction.atomic
def load_demo_goals() -> Cycle | None:
    """Every demo cycle; returns Eva's."""
    users = get_user_model().objects
    eva = users.filter(email=EMPLOYEE).first()
    if eva is None:
        return None
    # Shipped by migration already; loading again adds only what is missing.
    load_shipped_holidays()
    load_shipped_templates()
    team_objective = _load_objectives()
    today = timezone.localdate()
    nido = Unit.objects.filter(code=DEMO_TEAM).first()
    holidays = selectors.holidays_for(unit=nido)
    # Everyone's current cycle starts around Eva's, within Eva's calendar year, so that the
    # process figures of a year count them together whatever the day of loading.
    anchor = _worked_day(today - datetime.timedelta(days=EVA_STARTED_DAYS_AGO), holidays)
    eva_cycle = _load_eva(eva, anchor, today, team_objective, holidays)
    _load_marie(today, team_objective, holidays)
    _load_colleagues(anchor, holidays)
    return eva_cycle


# --- helpers -----------------------------------------------------------------------------------


def _worked_day(day: datetime.date, holidays, *, earlier: bool = False) -> datetime.date:
    """``day``, or the first worked day after it (before it, with ``earlier``): nobody holds a
    talk on a Sunday."""
    step = -calendar.ONE_DAY if earlier else calendar.ONE_DAY
    while not calendar.is_worked_day(day, holidays):
        day += step
    return day


def _near(anchor: datetime.date, days: int, holidays) -> datetime.date:
    day = _worked_day(anchor + datetime.timedelta(days=days), holidays)
    return day if day.year == anchor.year else anchor


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _template(code: str, innovation: str) -> GoalTemplate | None:
    return (
        selectors.template_by_code(code=code)
        or GoalTemplate.objects.filter(
            is_active=True, innovation=innovation, audience=TemplateAudience.EVERYONE
        ).first()
    )


def _texts(template: GoalTemplate | None, innovation: str, language: str) -> dict[str, str]:
    if template is None:
        return dict(FALLBACK_TEXTS[InnovationKind(innovation)])
    return selectors.template_texts(template, language)


def _goal_fields(code: str, innovation: str, person, cycle: Cycle) -> dict:
    """A goal started from a template, in the person's language."""
    template = _template(code, innovation)
    kind = (
        template.kind
        if template is not None
        else (
            GoalKind.DEVELOPMENT
            if innovation == InnovationKind.APPLIED_SKILL
            else GoalKind.PERFORMANCE
        )
    )
    return {
        "kind": kind,
        "innovation": innovation,
        "template": template,
        "due_on": cycle.ends_on - datetime.timedelta(days=30),
        **_texts(template, innovation, person.preferred_language or "nl"),
    }


def _competency(slug: str) -> Competency | None:
    """The skill of the framework the self-assessment uses, as the goal form offers it."""
    instrument = active_instrument()
    framework = (
        instrument.framework
        if instrument is not None
        else framework_by_slug(slug=INNOVATION_FRAMEWORK_SLUG)
    )
    if framework is None or not slug:
        return None
    return Competency.objects.filter(framework=framework, slug=slug).first()


def _hub_page(skill: str, language: str):
    """A live hub item about the skill, in the person's language if there is one."""
    entries = HubSearchEntry.objects.for_reader(language).select_related("page")
    entry = (entries.tagged(skill=skill).first() if skill else None) or entries.exclude(
        skills=""
    ).first()
    return entry.page if entry is not None and entry.page.live else None


# --- the objectives tree -----------------------------------------------------------------------


def _load_objectives() -> Objective | None:
    """BOSA's objective, the directorate's under it and Nido's under that; returns Nido's."""
    users = get_user_model().objects
    keepers = {
        ORGANISATION: users.filter(email=HR).first(),
        DIRECTORATE: users.filter(email=HR).first(),
        DEMO_TEAM: users.filter(email=TEAM_LEAD).first(),
    }
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=list(keepers))}
    parent = None
    for code, title, description in OBJECTIVES:
        unit = units.get(code)
        if unit is None:
            return None
        objective = Objective.objects.filter(unit=unit, title=title).first()
        if objective is None:
            if keepers[code] is None:
                return None
            objective = objectives.objective_create(
                unit=unit, actor=keepers[code], title=title, description=description, parent=parent
            )
        parent = objective
    return parent


# --- Eva and Marie -----------------------------------------------------------------------------


def _load_eva(eva, starts_on, today, team_objective, holidays) -> Cycle:
    existing = selectors.cycles_of(person=eva).first()
    if existing is not None:
        return existing
    cycle = services.cycle_start(person=eva, starts_on=starts_on, actor=eva)
    marie = cycle.evaluator
    result = services.goal_create(
        cycle=cycle,
        actor=eva,
        kind=GoalKind.PERFORMANCE,
        innovation=InnovationKind.RESULT,
        due_on=cycle.ends_on - datetime.timedelta(days=30),
        objective=team_objective,
        **EVA_RESULT,
    )
    fields = _goal_fields(EVA_SKILL_TEMPLATE, InnovationKind.APPLIED_SKILL, eva, cycle)
    skill = fields["template"].skill if fields["template"] is not None else ""
    page = _hub_page(skill, eva.preferred_language or "nl")
    applied = services.goal_create(
        cycle=cycle,
        actor=eva,
        competency=_competency(skill),
        hub_pages=[page] if page is not None else [],
        **fields,
    )
    agreed = []
    for goal in (result, applied):
        goal = services.goal_propose(goal=goal, actor=eva)
        if marie is not None:
            goal = services.goal_agree(goal=goal, actor=marie)
        agreed.append(goal)
    # Her own, unproposed: Marie never sees it.
    services.goal_create(
        cycle=cycle,
        actor=eva,
        kind=GoalKind.DEVELOPMENT,
        innovation=InnovationKind.APPLIED_SKILL,
        **EVA_DRAFT,
    )
    if marie is None:
        return cycle
    held_on = _worked_day(starts_on + datetime.timedelta(days=EVA_PLANNING_AFTER_DAYS), holidays)
    planning = cycle.talks.get(kind=TalkKind.PLANNING)
    planning = services.talk_reschedule(talk=planning, planned_on=held_on, actor=marie)
    planning = services.talk_save_notes(
        talk=planning, actor=eva, notes=EVA_NOTES, version=planning.person_notes_version
    )
    planning = services.talk_save_notes(
        talk=planning, actor=marie, notes=MARIE_NOTES, version=planning.evaluator_notes_version
    )
    services.talk_hold(talk=planning, actor=marie, held_on=held_on)
    services.goal_set_progress(
        goal=agreed[1], actor=eva, progress=GoalProgress.AT_RISK, version=agreed[1].version
    )
    cycle.refresh_from_db()
    interim_on = max(
        # Earlier rather than later, so that it stays within the first reminder's lead time.
        _worked_day(today + datetime.timedelta(days=INTERIM_IN_DAYS), holidays, earlier=True),
        selectors.earliest_next_talk(cycle=cycle),
    )
    interim = services.talk_schedule(
        cycle=cycle, kind=TalkKind.INTERIM, planned_on=interim_on, actor=marie
    )
    assessment = (
        Assessment.objects.filter(owner=eva, status=AssessmentStatus.SUBMITTED)
        .order_by("-submitted_at")
        .first()
    )
    if assessment is not None:
        services.evidence_add(
            cycle=cycle,
            actor=eva,
            kind=EvidenceKind.SELF_ASSESSMENT,
            assessment=assessment,
            talk=interim,
        )
        services.cycle_set_sheet_choice(cycle=cycle, actor=eva, show_self_assessment=True)
    feedback_round = (
        FeedbackRound.objects.filter(owner=eva, status=RoundStatus.CLOSED)
        .order_by("-closed_at", "-pk")
        .first()
    )
    if feedback_round is not None:
        services.evidence_add(
            cycle=cycle,
            actor=eva,
            kind=EvidenceKind.FEEDBACK_REPORT,
            feedback_round=feedback_round,
            talk=interim,
        )
    # Her letter test, the applied skill her development goal is about.
    letter = experiment_selectors.citable_by(person=eva).filter(title=EVA_EXPERIMENT).first()
    if letter is not None:
        services.evidence_add(
            cycle=cycle, actor=eva, kind=EvidenceKind.EXPERIMENT, experiment=letter, talk=interim
        )
    cycle.refresh_from_db()
    return cycle


def _load_marie(today, team_objective, holidays) -> None:
    """Marie's cycle in planning: two goals proposed to Tom, and no enabling goal."""
    marie = get_user_model().objects.filter(email=MANAGER).first()
    if marie is None or selectors.cycles_of(person=marie).exists():
        return
    starts_on = _worked_day(today - datetime.timedelta(days=MARIE_STARTED_DAYS_AGO), holidays)
    cycle = services.cycle_start(person=marie, starts_on=starts_on, actor=marie)
    skill = _goal_fields(SKILL_TEMPLATES[0], InnovationKind.APPLIED_SKILL, marie, cycle)
    result = _goal_fields(RESULT_TEMPLATES[1], InnovationKind.RESULT, marie, cycle)
    if result["kind"] == GoalKind.PERFORMANCE:
        result["objective"] = team_objective
    for fields in (skill, result):
        goal = services.goal_create(cycle=cycle, actor=marie, **fields)
        services.goal_propose(goal=goal, actor=marie)
    planning = cycle.talks.get(kind=TalkKind.PLANNING)
    services.talk_reschedule(
        talk=planning,
        planned_on=_worked_day(today + datetime.timedelta(days=MARIE_PLANNING_IN_DAYS), holidays),
        actor=marie,
    )


# --- the colleagues behind HR's figures --------------------------------------------------------


def _load_colleagues(anchor, holidays) -> None:
    nido = demo_colleagues(unit__code=DEMO_TEAM)
    for index, person in enumerate(nido[: len(COLLEAGUE_STARTS)]):
        if selectors.cycles_of(person=person).exists():
            continue
        starts_on = _near(anchor, COLLEAGUE_STARTS[index], holidays)
        if index < len(LAST_YEAR_ENDINGS):
            _evaluated_cycle(
                person, before=starts_on, endings=LAST_YEAR_ENDINGS[index], number=index
            )
        goals = {ONLY_A_DRAFT: 1, NO_GOAL_YET: 0}.get(index, 2)
        _current_cycle(
            person,
            starts_on=starts_on,
            planning_after=COLLEAGUE_PLANNING_AFTER[index],
            goals=goals,
            agreed=index != ONLY_A_DRAFT,
            at_risk=index % 3 == 1,
            number=index,
            holidays=holidays,
        )
    for code, count in SMALL_TEAMS.items():
        team = [
            person
            for person in demo_colleagues(unit__code=code)
            if not selectors.is_manager(person=person)
        ]
        for index, person in enumerate(team[:count]):
            if selectors.cycles_of(person=person).exists():
                continue
            _current_cycle(
                person,
                starts_on=_near(anchor, 3 * index, holidays),
                planning_after=(
                    None if code == NOT_YET_HELD_TEAM and index == count - 1 else 15 + index
                ),
                goals=2,
                agreed=True,
                at_risk=False,
                number=index + 1,
                holidays=holidays,
            )


def _current_cycle(
    person, *, starts_on, planning_after, goals, agreed, at_risk, number, holidays
) -> Cycle:
    """A cycle under way through the services: goals from templates, the planning talk held
    ``planning_after`` days after the start (late when that is past its due day; not held
    when None)."""
    cycle = services.cycle_start(person=person, starts_on=starts_on, actor=person)
    evaluator = cycle.evaluator
    kinds = (
        (SKILL_TEMPLATES[number % len(SKILL_TEMPLATES)], InnovationKind.APPLIED_SKILL),
        (RESULT_TEMPLATES[number % len(RESULT_TEMPLATES)], InnovationKind.RESULT),
    )
    created = []
    for code, innovation in kinds[:goals]:
        goal = services.goal_create(
            cycle=cycle, actor=person, **_goal_fields(code, innovation, person, cycle)
        )
        if agreed:
            goal = services.goal_propose(goal=goal, actor=person)
            if evaluator is not None:
                goal = services.goal_agree(goal=goal, actor=evaluator)
        created.append(goal)
    if evaluator is None or planning_after is None:
        return cycle
    held_on = _worked_day(starts_on + datetime.timedelta(days=planning_after), holidays)
    services.talk_hold(
        talk=cycle.talks.get(kind=TalkKind.PLANNING), actor=evaluator, held_on=held_on
    )
    if at_risk and created and created[-1].agreement == Agreement.AGREED:
        goal = created[-1]
        services.goal_set_progress(
            goal=goal, actor=person, progress=GoalProgress.AT_RISK, version=goal.version
        )
    return cycle


def _evaluated_cycle(person, *, before: datetime.date, endings, number: int) -> Cycle:
    """Last year's cycle, ended the day before ``before``: written to the models as the services
    would have written it over the year (they refuse a start that long ago), each talk held, the
    goals agreed at the planning talk and their last status set at the evaluation talk."""
    unit = selectors.unit_of(person=person)
    evaluator = selectors.line_manager_of(person=person)
    rules = selectors.rules_for(unit=unit)
    holidays = selectors.holidays_for(unit=unit)
    starts_on = calendar.add_months(before, -rules.length_months)
    ends_on = calendar.add_months(starts_on, rules.length_months) - calendar.ONE_DAY
    cycle = Cycle.objects.create(
        person=person,
        evaluator=evaluator,
        unit=unit,
        starts_on=starts_on,
        ends_on=ends_on,
        status=CycleStatus.EVALUATED,
    )
    Cycle.objects.filter(pk=cycle.pk).update(created_at=_at(starts_on))
    # At least the minimum gap between two talks, as ``services._check_place`` requires.
    gap = rules.minimum_gap_worked_days
    planning_on = _worked_day(starts_on + datetime.timedelta(days=10 + number), holidays)
    interim_on = max(
        _worked_day(calendar.add_months(starts_on, 6), holidays),
        calendar.add_worked_days(planning_on, gap, holidays),
    )
    evaluation_on = max(
        _worked_day(ends_on - datetime.timedelta(days=21), holidays),
        calendar.add_worked_days(interim_on, gap, holidays),
    )
    due = {
        TalkKind.PLANNING: starts_on + datetime.timedelta(days=rules.planning_due_days),
        TalkKind.INTERIM: interim_on,
        TalkKind.EVALUATION: ends_on,
    }
    events = [
        CycleEvent(
            cycle=cycle,
            kind=CycleEventKind.STARTED,
            by=person,
            at=_at(starts_on),
            to_status=CycleStatus.PLANNING,
            new_person=evaluator,
        )
    ]
    scheduled_on = starts_on
    for kind, held_on in (
        (TalkKind.PLANNING, planning_on),
        (TalkKind.INTERIM, interim_on),
        (TalkKind.EVALUATION, evaluation_on),
    ):
        talk = Talk.objects.create(
            cycle=cycle,
            kind=kind,
            status=TalkStatus.HELD,
            planned_on=held_on,
            due_on=due[kind],
            held_on=held_on,
            updated_by=evaluator,
        )
        events += [
            CycleEvent(
                cycle=cycle,
                kind=CycleEventKind.TALK_SCHEDULED,
                by=person if kind == TalkKind.PLANNING else evaluator,
                at=_at(scheduled_on),
                talk=talk,
            ),
            CycleEvent(
                cycle=cycle,
                kind=CycleEventKind.TALK_HELD,
                by=evaluator,
                at=_at(held_on),
                talk=talk,
                from_status=TalkStatus.SCHEDULED,
                to_status=TalkStatus.HELD,
            ),
        ]
        moves = {
            TalkKind.PLANNING: (CycleStatus.PLANNING, CycleStatus.RUNNING),
            TalkKind.EVALUATION: (CycleStatus.RUNNING, CycleStatus.EVALUATED),
        }
        if kind in moves:
            events.append(
                CycleEvent(
                    cycle=cycle,
                    kind=CycleEventKind.STATUS,
                    by=evaluator,
                    at=_at(held_on),
                    from_status=moves[kind][0],
                    to_status=moves[kind][1],
                )
            )
        scheduled_on = held_on
    CycleEvent.objects.bulk_create(events)
    kinds = (
        (SKILL_TEMPLATES[(number + 1) % len(SKILL_TEMPLATES)], InnovationKind.APPLIED_SKILL),
        (RESULT_TEMPLATES[(number + 1) % len(RESULT_TEMPLATES)], InnovationKind.RESULT),
    )
    for (code, innovation), ending in zip(kinds, endings, strict=True):
        _evaluated_goal(
            cycle,
            fields=_goal_fields(code, innovation, person, cycle),
            ending=ending,
            agreed_on=planning_on,
            ended_on=evaluation_on,
        )
    return cycle


def _evaluated_goal(cycle: Cycle, *, fields: dict, ending: str, agreed_on, ended_on) -> Goal:
    """A goal drafted at the start, agreed at the planning talk and given its last status at
    the evaluation talk, with the history and versions the services would have left."""
    person, evaluator = cycle.person, cycle.evaluator
    goal = Goal.objects.create(cycle=cycle, agreement=Agreement.AGREED, version=3, **fields)
    Goal.objects.filter(pk=goal.pk).update(created_at=_at(cycle.starts_on))
    events = [
        GoalEvent(
            goal=goal,
            kind=GoalEventKind.CREATED,
            by=person,
            at=_at(cycle.starts_on),
            after=selectors.goal_snapshot(goal),
        ),
        GoalEvent(
            goal=goal,
            kind=GoalEventKind.PROPOSED,
            by=person,
            at=_at(cycle.starts_on),
            from_status=Agreement.DRAFT,
            to_status=Agreement.PROPOSED,
        ),
        GoalEvent(
            goal=goal,
            kind=GoalEventKind.AGREED,
            by=evaluator,
            at=_at(agreed_on),
            from_status=Agreement.PROPOSED,
            to_status=Agreement.AGREED,
        ),
    ]
    if ending != GoalProgress.ON_TRACK:
        goal.progress = ending
        goal.version += 1
        goal.save(update_fields=["progress", "version"])
        events.append(
            GoalEvent(
                goal=goal,
                kind=GoalEventKind.PROGRESS,
                by=evaluator,
                at=_at(ended_on),
                from_status=GoalProgress.ON_TRACK,
                to_status=ending,
            )
        )
    GoalEvent.objects.bulk_create(events)
    return goal
