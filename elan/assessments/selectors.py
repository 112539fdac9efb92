# SPDX-License-Identifier: EUPL-1.2
"""Reads: the questionnaire's steps, the profile, the plan, who may see what, the team mix."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from elan.assessments.constants import (
    ACTIVE_STEP_STATUSES,
    MAX_ACTIVE_STEPS,
    STEP_TRANSITIONS,
    TRANSITION_LABELS,
    AssessmentStatus,
    StepStatus,
)
from elan.assessments.models import (
    Assessment,
    Instrument,
    Item,
    PlanStep,
    ProfileEvent,
    Share,
    TeamMixConsent,
)
from elan.assessments.recommendations import (
    Suggestion,
    builtin_suggestion,
    confirmed_first,
    suggestions_for,
)
from elan.assessments.roles import RoleSuggestion, suggest_roles
from elan.assessments.scoring import Scale, changes, level_for, strengths_and_growth
from elan.core.charts import Chart, Series, radar_chart
from elan.core.numbers import format_score
from elan.skills.models import Competency, ProficiencyLevel
from elan.skills.multilingual import LocalizedText, localize

INSTRUMENT_SLUG = "elan-innovation-self-assessment"


# --- the questionnaire ----------------------------------------------------------------------


def active_instrument() -> Instrument | None:
    instruments = Instrument.objects.filter(is_active=True).select_related("scale", "framework")
    return (
        instruments.filter(slug=INSTRUMENT_SLUG).order_by("-created_at").first()
        or instruments.order_by("-created_at").first()
    )


def open_assessment(*, owner, instrument: Instrument) -> Assessment | None:
    return Assessment.objects.filter(
        owner=owner, instrument=instrument, status=AssessmentStatus.IN_PROGRESS
    ).first()


def own_assessment(*, owner, public_id) -> Assessment | None:
    """The person's own assessment, or None: another person's does not exist for them."""
    return (
        Assessment.objects.filter(owner=owner, public_id=public_id)
        .select_related("instrument__scale")
        .first()
    )


def step_count(instrument: Instrument) -> int:
    return max(1, math.ceil(instrument.items.count() / instrument.items_per_page))


def items_on_step(instrument: Instrument, step: int) -> list[Item]:
    size = instrument.items_per_page
    return list(instrument.items.order_by("position")[(step - 1) * size : step * size])


def answers_of(assessment: Assessment) -> dict[str, int]:
    return dict(assessment.answers.values_list("item__code", "value"))


def submitted_assessments(*, owner, instrument: Instrument | None = None) -> QuerySet[Assessment]:
    assessments = Assessment.objects.filter(owner=owner, status=AssessmentStatus.SUBMITTED)
    if instrument is not None:
        assessments = assessments.filter(instrument=instrument)
    return assessments.select_related("instrument__scale", "instrument__framework").order_by(
        "-submitted_at"
    )


def assessments_for_evaluation(*, owner) -> QuerySet[Assessment]:
    """The seam for the evaluation module: only what the owner put there, nothing else."""
    return submitted_assessments(owner=owner).filter(included_in_evaluation_at__isnull=False)


# --- who may see a profile -------------------------------------------------------------------


def active_share(*, viewer, owner) -> Share | None:
    if not viewer.is_authenticated:
        return None
    return Share.objects.filter(owner=owner, grantee=viewer, revoked_at__isnull=True).first()


def share_for_viewer(*, share_id, viewer) -> Share | None:
    """A share the viewer may open now: as its grantee while it is active, or as its owner."""
    share = Share.objects.filter(pk=share_id).select_related("owner", "grantee").first()
    if share is None or not viewer.is_authenticated:
        return None
    if share.owner_id == viewer.pk:
        return share
    if share.grantee_id == viewer.pk and share.revoked_at is None:
        return share
    return None


def shares_of(*, owner) -> QuerySet[Share]:
    return Share.objects.filter(owner=owner).select_related("grantee").order_by("-created_at")


def shared_with(*, viewer) -> QuerySet[Share]:
    return (
        Share.objects.filter(grantee=viewer, revoked_at__isnull=True)
        .select_related("owner")
        .order_by("owner__last_name", "owner__first_name")
    )


def profile_events(*, owner) -> QuerySet[ProfileEvent]:
    return ProfileEvent.objects.filter(owner=owner).select_related("share__grantee", "assessment")


def team_mix_consent(*, owner) -> TeamMixConsent | None:
    """The person's current choice to count in their team's skill mix; None until they choose."""
    if not getattr(owner, "is_authenticated", False):
        return None
    return TeamMixConsent.objects.filter(owner=owner, withdrawn_at__isnull=True).first()


# --- the profile ----------------------------------------------------------------------------


@dataclass
class SkillResult:
    slug: str
    name: LocalizedText
    mean: float | None
    answered: int
    total: int
    level: ProficiencyLevel | None = None
    next_level: ProficiencyLevel | None = None
    previous: float | None = None
    change: float | None = None

    @property
    def complete(self) -> bool:
        return self.mean is not None


@dataclass
class HistoryEntry:
    assessment: Assessment
    values: list[float | None]


@dataclass
class Profile:
    owner: object
    instrument: Instrument
    assessment: Assessment
    previous: Assessment | None
    skills: list[SkillResult]
    strengths: list[SkillResult]
    growth: list[SkillResult]
    roles: list[RoleSuggestion]
    chart: Chart
    summary: str
    history: list[HistoryEntry]
    scale: Scale
    incomplete: list[SkillResult] = field(default_factory=list)

    @property
    def roles_by_band(self) -> dict[str, list[RoleSuggestion]]:
        bands: dict[str, list[RoleSuggestion]] = {"most": [], "quite": [], "least": []}
        for role in self.roles:
            bands[role.band].append(role)
        return bands


def _number(value: float | None) -> str:
    return format_score(value)


def _means(assessment: Assessment) -> dict[str, float | None]:
    return {slug: entry.get("mean") for slug, entry in (assessment.scores or {}).items()}


def build_profile(
    *, owner, language: str | None = None, as_of: Assessment | None = None
) -> Profile | None:
    """The owner's latest profile with its history, or None before the first submission.

    ``as_of``, one of the owner's submitted self-assessments, gives the profile as it stood then:
    what the owner added to an evaluation cycle, while the later ones stay theirs alone.
    """
    rows = submitted_assessments(owner=owner)
    if as_of is not None:
        if as_of.owner_id != owner.pk or as_of.submitted_at is None:
            return None
        rows = rows.filter(submitted_at__lte=as_of.submitted_at)
    latest = rows.first()
    if latest is None:
        return None
    instrument = latest.instrument
    history_rows = list(rows.filter(instrument=instrument))
    previous = history_rows[1] if len(history_rows) > 1 else None
    scale = Scale(instrument.scale.minimum, instrument.scale.maximum)
    competencies = _profile_competencies(instrument)
    # In framework order, not the stored JSON's: PostgreSQL's jsonb does not keep key order,
    # and ties between equal scores are broken by this order.
    stored = _means(latest)
    current = {competency.slug: stored.get(competency.slug) for competency in competencies}
    before = _means(previous) if previous else {}
    delta = changes(current, before) if previous else {}
    skills = [
        _skill_result(
            competency,
            entry=(latest.scores or {}).get(competency.slug, {}),
            scale=scale,
            previous=before.get(competency.slug),
            change=delta.get(competency.slug),
            language=language,
        )
        for competency in competencies
    ]
    by_slug = {skill.slug: skill for skill in skills}
    strength_slugs, growth_slugs = strengths_and_growth(current)
    strengths = [by_slug[slug] for slug in strength_slugs if slug in by_slug]
    growth = [by_slug[slug] for slug in growth_slugs if slug in by_slug]
    roles = suggest_roles(current, skill_label=lambda slug: by_slug[slug].name.text)
    summary = _summary(strengths, growth, scale)
    chart = _profile_chart(
        latest=latest, previous=previous, skills=skills, summary=summary, scale=scale
    )
    history = [
        HistoryEntry(
            assessment=row,
            values=[_means(row).get(skill.slug) for skill in skills],
        )
        for row in history_rows
    ]
    return Profile(
        owner=owner,
        instrument=instrument,
        assessment=latest,
        previous=previous,
        skills=skills,
        strengths=strengths,
        growth=growth,
        roles=roles,
        chart=chart,
        summary=summary,
        history=history,
        scale=scale,
        incomplete=[skill for skill in skills if not skill.complete],
    )


def _profile_competencies(instrument: Instrument) -> list[Competency]:
    """The instrument's skills in framework order, with their levels and indicators."""
    return list(
        Competency.objects.filter(framework=instrument.framework, subscales__instrument=instrument)
        .order_by("position")
        .prefetch_related(
            Prefetch(
                "levels",
                queryset=ProficiencyLevel.objects.order_by("rank").prefetch_related("indicators"),
            )
        )
        .distinct()
    )


def _skill_result(
    competency: Competency,
    *,
    entry: dict,
    scale: Scale,
    previous: float | None,
    change: float | None,
    language: str | None,
) -> SkillResult:
    """One skill of the profile: its score (``entry``), the level it reaches and the next one."""
    mean = entry.get("mean")
    levels = list(competency.levels.all())
    rank = level_for(mean, scale, levels=len(levels) or 3)
    level = next((lv for lv in levels if lv.rank == rank), None)
    next_level = next((lv for lv in levels if rank is not None and lv.rank == rank + 1), None)
    return SkillResult(
        slug=competency.slug,
        name=localize(competency.name, language),
        mean=mean,
        answered=entry.get("answered", 0),
        total=entry.get("total", 0),
        level=level,
        next_level=next_level,
        previous=previous,
        change=change,
    )


def _profile_chart(
    *,
    latest: Assessment,
    previous: Assessment | None,
    skills: list[SkillResult],
    summary: str,
    scale: Scale,
) -> Chart:
    """The radar of this assessment, with the previous one beside it when there is one."""
    series = [
        Series(
            _("This assessment, %(date)s")
            % {"date": date_format(localtime(latest.submitted_at), "DATE_FORMAT")},
            tuple(skill.mean for skill in skills),
        )
    ]
    if previous is not None:
        series.append(
            Series(
                _("Previous, %(date)s")
                % {"date": date_format(localtime(previous.submitted_at), "DATE_FORMAT")},
                tuple(skill.previous for skill in skills),
            )
        )
    return radar_chart(
        chart_id=f"profile-radar-{latest.public_id.hex[:8]}",
        title=_("Innovation skills profile"),
        summary=summary,
        axes=[skill.name.text for skill in skills],
        series=series,
        minimum=scale.minimum,
        maximum=scale.maximum,
        caption=_("Scores per skill, from %(minimum)s to %(maximum)s")
        % {"minimum": scale.minimum, "maximum": scale.maximum},
        first_column=_("Skill"),
    )


def _summary(strengths: list[SkillResult], growth: list[SkillResult], scale: Scale) -> str:
    if not strengths:
        return _("There were not enough answers to score your skills yet.")
    top = strengths[0]
    if not growth:
        return _("Your strongest skill is %(skill)s, with %(score)s out of %(maximum)s.") % {
            "skill": top.name.text,
            "score": _number(top.mean),
            "maximum": scale.maximum,
        }
    low = growth[0]
    return _(
        "Your strongest skill is %(strong)s (%(strong_score)s out of %(maximum)s); %(growth)s "
        "(%(growth_score)s) has the most room to grow."
    ) % {
        "strong": top.name.text,
        "strong_score": _number(top.mean),
        "maximum": scale.maximum,
        "growth": low.name.text,
        "growth_score": _number(low.mean),
    }


# --- the development plan -------------------------------------------------------------------


@dataclass
class StepView:
    step: PlanStep
    title: str
    transitions: list[tuple[str, str]]


@dataclass
class Plan:
    steps: list[StepView]
    finished: list[StepView]
    suggestions: list[Suggestion]
    room: int

    @property
    def is_full(self) -> bool:
        return self.room <= 0


def _step_view(step: PlanStep) -> StepView:
    rebuilt = builtin_suggestion(step.suggestion_key)
    title = rebuilt.title if rebuilt else step.title
    transitions: list[tuple[str, str]] = [
        (status, str(TRANSITION_LABELS[status]))
        for status in (
            StepStatus.IN_PROGRESS,
            StepStatus.DONE,
            StepStatus.DROPPED,
            StepStatus.PLANNED,
        )
        if status in STEP_TRANSITIONS[StepStatus(step.status)]
    ]
    return StepView(step=step, title=title, transitions=transitions)


def _growth_skills(owner, profile: Profile) -> list[str]:
    skills = [skill.slug for skill in profile.growth] or [s.slug for s in profile.skills[:2]]
    # A growth skill that the person's 360 raters confirm ranks first (elan.feedback).
    return confirmed_first(person=owner, skills=skills)


def build_plan(
    *, owner, profile: Profile | None, language: str, with_suggestions: bool = True
) -> Plan:
    steps = list(PlanStep.objects.filter(owner=owner).order_by("created_at", "pk"))
    active = [_step_view(step) for step in steps if step.status in ACTIVE_STEP_STATUSES]
    finished = [_step_view(step) for step in steps if step.status not in ACTIVE_STEP_STATUSES]
    suggestions: list[Suggestion] = []
    if with_suggestions and profile is not None:
        chosen = {view.step.suggestion_key for view in active}
        skills = _growth_skills(owner, profile)
        suggestions = [
            s for s in suggestions_for(skills=skills, language=language) if s.key not in chosen
        ]
    return Plan(
        steps=active,
        finished=finished,
        suggestions=suggestions,
        room=MAX_ACTIVE_STEPS - len(active),
    )


def suggestion_by_key(
    *, owner, profile: Profile | None, key: str, language: str
) -> Suggestion | None:
    """Only a suggestion the person was actually offered can become a step."""
    if profile is None:
        return None
    skills = _growth_skills(owner, profile)
    for suggestion in suggestions_for(skills=skills, language=language):
        if suggestion.key == key:
            return suggestion
    return None


def min_group() -> int:
    return settings.ANONYMITY_MIN_GROUP
