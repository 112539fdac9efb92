# SPDX-License-Identifier: EUPL-1.2
"""Writes for self-assessments, sharing and development plans.

Other apps call these (never the models' save()). Each function either does all of its work or
none of it, and the ones a browser can trigger twice (start, submit, share, add a step) are
idempotent, so a double click or a replayed form leaves one record.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from elan.assessments import recommendations
from elan.assessments.constants import (
    ACTIVE_STEP_STATUSES,
    MAX_ACTIVE_STEPS,
    STEP_DUE_MAX_DAYS_AHEAD,
    STEP_TRANSITIONS,
    AssessmentStatus,
    ProfileEventKind,
    ShareKind,
    StepStatus,
)
from elan.assessments.models import (
    Answer,
    Assessment,
    Instrument,
    Item,
    PlanStep,
    PlanStepEvent,
    ProfileEvent,
    ResponseScale,
    Share,
    Subscale,
    TeamMixConsent,
)
from elan.assessments.recommendations import GrowthSkillConfirmer, Suggestion
from elan.assessments.scoring import (
    DEFAULT_COMPLETENESS,
    ItemSpec,
    Scale,
    answers_needed,
    incomplete_subscales,
    subscale_scores,
)
from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.organisations.selectors import is_line_manager_of
from elan.skills.models import Framework


class AssessmentError(ValueError):
    """A request the rules refuse; the message is translated and safe to show."""


@dataclass(frozen=True, slots=True)
class SkillGap:
    """A skill with too few answers to score: where its unanswered statements are.

    ``unanswered`` lists, per step of the questionnaire, the code of the first statement of this
    skill left open on it, so that the form can link straight to it.
    """

    skill: str
    name: dict
    answered: int
    needed: int
    total: int
    unanswered: tuple[tuple[int, str], ...]

    @property
    def missing(self) -> int:
        return self.needed - self.answered


class IncompleteAssessment(AssessmentError):
    """A submission with too few answers for some skills; ``gaps`` says which and where."""

    def __init__(self, gaps: list[SkillGap]) -> None:
        super().__init__(_("Some skills have too few answers to be scored yet."))
        self.gaps = gaps


# --- instruments ----------------------------------------------------------------------------


@transaction.atomic
def instrument_import(*, data: dict) -> Instrument:
    """Create or update an instrument from its JSON document (matched on slug and version).

    Items are matched on their code and updated in place, so answers already given keep
    pointing at the same item. Items are never deleted here: answers protect them.
    """
    if data.get("format") != "elan-instrument/1":
        raise AssessmentError("Not an Elan instrument document.")
    framework = Framework.objects.get(
        slug=data["framework"]["slug"], version=data["framework"]["version"]
    )
    scale_data = data["scale"]
    scale, _created = ResponseScale.objects.update_or_create(
        slug=scale_data["slug"],
        defaults={
            "name": scale_data["name"],
            "minimum": scale_data["minimum"],
            "maximum": scale_data["maximum"],
            "anchors": scale_data["anchors"],
        },
    )
    numerator, denominator = data.get(
        "completeness", [DEFAULT_COMPLETENESS.numerator, DEFAULT_COMPLETENESS.denominator]
    )
    source = data.get("source", {})
    instrument, _created = Instrument.objects.update_or_create(
        slug=data["slug"],
        version=data["version"],
        defaults={
            "title": data["title"],
            "introduction": data.get("introduction", {}),
            "framework": framework,
            "scale": scale,
            "items_per_page": data.get("items_per_page", 6),
            "estimated_minutes": data.get("estimated_minutes", 6),
            "complete_numerator": numerator,
            "complete_denominator": denominator,
            "source_title": source.get("title", ""),
            "source_url": source.get("url", ""),
            "licence": data.get("licence", "CC-BY-SA-4.0"),
            "credits": data.get("credits", {}),
        },
    )
    subscales = {}
    for position, subscale_data in enumerate(data["subscales"]):
        subscales[subscale_data["slug"]], _created = Subscale.objects.update_or_create(
            instrument=instrument,
            slug=subscale_data["slug"],
            defaults={
                "name": subscale_data["name"],
                "competency": framework.competencies.get(slug=subscale_data["competency"]),
                "position": position,
            },
        )
    for position, item_data in enumerate(data["items"]):
        Item.objects.update_or_create(
            instrument=instrument,
            code=item_data["code"],
            defaults={
                "subscale": subscales[item_data["subscale"]],
                "text": item_data["text"],
                "reverse": bool(item_data.get("reverse", False)),
                "position": position,
            },
        )
    return instrument


# --- taking an assessment -------------------------------------------------------------------


def assessment_start(
    *, owner, instrument: Instrument, token: uuid.UUID, language: str
) -> tuple[Assessment, bool]:
    """The assessment for this start form, or the one already open: never a second one.

    Returns (assessment, created). A token another person used is refused.
    """
    for _attempt in range(2):
        existing = Assessment.objects.filter(token=token).first()
        if existing is not None:
            if existing.owner_id != owner.pk:
                raise AssessmentError(_("This form cannot be used. Start again."))
            return existing, False
        open_one = Assessment.objects.filter(
            owner=owner, instrument=instrument, status=AssessmentStatus.IN_PROGRESS
        ).first()
        if open_one is not None:
            return open_one, False
        try:
            with transaction.atomic():
                return (
                    Assessment.objects.create(
                        owner=owner, instrument=instrument, token=token, language=language
                    ),
                    True,
                )
        except IntegrityError:
            # A concurrent request with the same token (or another open assessment) won the
            # race; the loop fetches what it created.
            continue
    raise AssessmentError(_("This form cannot be used. Start again."))


def _locked(assessment: Assessment) -> Assessment:
    # The row lock serialises two requests for the same assessment (a double click), so the
    # second one sees what the first one wrote.
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("instrument__scale")
        .get(pk=assessment.pk)
    )


@transaction.atomic
def assessment_save_step(
    *, assessment: Assessment, answers: dict[str, int], next_step: int
) -> Assessment:
    """Save the answers given on one step and remember where the person is."""
    assessment = _locked(assessment)
    if assessment.is_submitted:
        return assessment
    scale = assessment.instrument.scale
    items = {item.code: item for item in assessment.instrument.items.filter(code__in=answers)}
    for code, value in answers.items():
        if code not in items:
            raise AssessmentError(_("One of the statements is not part of this questionnaire."))
        if value not in scale.values:
            raise AssessmentError(_("Choose one of the answers offered."))
    # Two queries for a whole step, whatever its length: this is the hot path of the form.
    existing = {
        answer.item_id: answer
        for answer in Answer.objects.filter(assessment=assessment, item__in=items.values())
    }
    changed, new = [], []
    for code, value in answers.items():
        answer = existing.get(items[code].pk)
        if answer is None:
            new.append(Answer(assessment=assessment, item=items[code], value=value))
        elif answer.value != value:
            answer.value = value
            changed.append(answer)
    Answer.objects.bulk_create(new)
    Answer.objects.bulk_update(changed, ["value"])
    assessment.current_step = max(1, next_step)
    assessment.save(update_fields=["current_step", "updated_at"])
    return assessment


# The items, scale and completeness rule of an instrument: what scoring and the submission
# check share, read once per submission.
_Recipe = tuple[list[ItemSpec], Scale, Fraction]


def _recipe(instrument: Instrument) -> _Recipe:
    items = [
        ItemSpec(code=item.code, subscale=item.subscale.competency.slug, reverse=item.reverse)
        for item in instrument.items.select_related("subscale__competency").order_by("position")
    ]
    scale = Scale(instrument.scale.minimum, instrument.scale.maximum)
    rule = Fraction(instrument.complete_numerator, instrument.complete_denominator)
    return items, scale, rule


def _scores(recipe: _Recipe, answers: Mapping[str, int]) -> dict:
    items, scale, rule = recipe
    return {
        slug: score.as_dict()
        for slug, score in subscale_scores(items, answers, scale, rule).items()
    }


def score_answers(*, instrument: Instrument, answers: Mapping[str, int]) -> dict:
    """One set of answers to ``instrument`` as scores per subscale, keyed by the competency it
    measures: the one recipe for a self-assessment and for a 360 rater's answers alike (reverse
    keying, completeness and means are ``scoring.subscale_scores``)."""
    return _scores(_recipe(instrument), answers)


def _submission_gaps(
    instrument: Instrument,
    recipe: _Recipe,
    answers: Mapping[str, int],
) -> list[SkillGap]:
    """The skills these answers leave without a score, in questionnaire order; empty when the
    answers can be submitted. The rule is the instrument's completeness, the one scoring uses."""
    items, scale, rule = recipe
    incomplete = incomplete_subscales(items, answers, scale, rule)
    if not incomplete:
        return []
    names = {
        subscale.competency.slug: subscale.name
        for subscale in instrument.subscales.select_related("competency")
    }
    per_page = max(1, instrument.items_per_page)
    gaps = []
    for skill, score in incomplete.items():
        first_open: dict[int, str] = {}
        for position, item in enumerate(items):
            if item.subscale == skill and item.code not in answers:
                first_open.setdefault(position // per_page + 1, item.code)
        gaps.append(
            SkillGap(
                skill=skill,
                name=names.get(skill) or {"en": skill},
                answered=score.answered,
                needed=answers_needed(score.total, rule),
                total=score.total,
                unanswered=tuple(sorted(first_open.items())),
            )
        )
    return gaps


@transaction.atomic
def assessment_submit(*, assessment: Assessment) -> Assessment:
    """Score and close the assessment. Submitting again returns it unchanged.

    A skill with too few answers to score refuses the submission (``IncompleteAssessment``):
    the assessment stays open with every answer kept, and the previous profile stays the
    latest one, rather than being replaced by a profile without scores.
    """
    assessment = _locked(assessment)
    if assessment.is_submitted:
        return assessment
    answers = dict(assessment.answers.values_list("item__code", "value"))
    recipe = _recipe(assessment.instrument)
    gaps = _submission_gaps(assessment.instrument, recipe, answers)
    if gaps:
        raise IncompleteAssessment(gaps)
    assessment.scores = _scores(recipe, answers)
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["scores", "status", "submitted_at", "updated_at"])
    return assessment


# --- sharing and the evaluation ---------------------------------------------------------------


@transaction.atomic
def share_create(*, owner, grantee, kind: str) -> Share:
    """Share the profile and plan, read-only, with the line manager or a named mentor."""
    if grantee is None or not grantee.is_active:
        raise AssessmentError(_("We could not find an active colleague with that address."))
    if grantee.pk == owner.pk:
        raise AssessmentError(_("Your profile is already yours: choose someone else."))
    if kind not in ShareKind.values:
        raise AssessmentError(_("Choose who to share with."))
    if kind == ShareKind.LINE_MANAGER and not is_line_manager_of(manager=grantee, person=owner):
        raise AssessmentError(_("This person is not your line manager."))
    existing = Share.objects.filter(owner=owner, grantee=grantee, revoked_at__isnull=True).first()
    if existing is not None:
        return existing
    share = Share.objects.create(owner=owner, grantee=grantee, kind=kind)
    ProfileEvent.objects.create(owner=owner, kind=ProfileEventKind.SHARED, share=share)
    return share


@transaction.atomic
def share_revoke(*, owner, share: Share) -> Share:
    """End a share now: the next request of the grantee is refused."""
    share = Share.objects.select_for_update().get(pk=share.pk)
    if share.owner_id != owner.pk:
        raise AssessmentError(_("Only the owner can end this share."))
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        ProfileEvent.objects.create(owner=owner, kind=ProfileEventKind.SHARE_REVOKED, share=share)
    return share


@transaction.atomic
def evaluation_include(*, owner, assessment: Assessment) -> Assessment:
    """The owner's explicit act that makes a profile part of their performance evaluation.

    Nothing else sets this flag; the evaluation module, when it exists, reads only assessments
    that carry it (``selectors.assessments_for_evaluation``).
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.owner_id != owner.pk or not assessment.is_submitted:
        raise AssessmentError(_("Only a finished assessment of your own can be added."))
    if assessment.included_in_evaluation_at is None:
        assessment.included_in_evaluation_at = timezone.now()
        assessment.save(update_fields=["included_in_evaluation_at", "updated_at"])
        ProfileEvent.objects.create(
            owner=owner, kind=ProfileEventKind.ADDED_TO_EVALUATION, assessment=assessment
        )
    return assessment


@transaction.atomic
def evaluation_remove(*, owner, assessment: Assessment) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.owner_id != owner.pk:
        raise AssessmentError(_("Only the owner can change this."))
    if assessment.included_in_evaluation_at is not None:
        assessment.included_in_evaluation_at = None
        assessment.save(update_fields=["included_in_evaluation_at", "updated_at"])
        ProfileEvent.objects.create(
            owner=owner, kind=ProfileEventKind.REMOVED_FROM_EVALUATION, assessment=assessment
        )
    return assessment


# --- the team's skill mix: the person's own choice ------------------------------------------


@transaction.atomic
def team_mix_join(*, owner) -> TeamMixConsent:
    """The person chooses to count in their team's skill mix, from the next snapshot on.

    Idempotent: choosing again while included keeps the same row.
    """
    _lock_person(owner)
    existing = TeamMixConsent.objects.filter(owner=owner, withdrawn_at__isnull=True).first()
    if existing is not None:
        return existing
    consent = TeamMixConsent.objects.create(owner=owner)
    ProfileEvent.objects.create(owner=owner, kind=ProfileEventKind.JOINED_TEAM_MIX)
    return consent


@transaction.atomic
def team_mix_leave(*, owner) -> TeamMixConsent | None:
    """The person stops counting in their team's skill mix, from the next snapshot on."""
    _lock_person(owner)
    consent = TeamMixConsent.objects.filter(owner=owner, withdrawn_at__isnull=True).first()
    if consent is None:
        return None
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    ProfileEvent.objects.create(owner=owner, kind=ProfileEventKind.LEFT_TEAM_MIX)
    return consent


# --- the development plan -------------------------------------------------------------------


def _lock_person(owner) -> None:
    # Serialises plan changes per person, so two quick clicks cannot both pass the limit.
    get_user_model().objects.select_for_update().filter(pk=owner.pk).first()


@transaction.atomic
def plan_step_add(
    *, owner, suggestion: Suggestion, source_assessment: Assessment | None = None
) -> PlanStep:
    _lock_person(owner)
    active = PlanStep.objects.filter(owner=owner, status__in=ACTIVE_STEP_STATUSES)
    existing = active.filter(suggestion_key=suggestion.key).first()
    if existing is not None:
        return existing
    if active.count() >= MAX_ACTIVE_STEPS:
        raise AssessmentError(
            _("Your plan already has three steps. Finish or drop one before adding another.")
        )
    step = PlanStep.objects.create(
        owner=owner,
        kind=suggestion.kind,
        skill=suggestion.skill,
        suggestion_key=suggestion.key,
        title=suggestion.title[:300],
        title_language=suggestion.language or "en",
        url=suggestion.url[:500],
        source_assessment=source_assessment,
    )
    PlanStepEvent.objects.create(step=step, from_status="", to_status=StepStatus.PLANNED)
    return step


@transaction.atomic
def plan_step_transition(*, owner, step: PlanStep, to_status: str) -> PlanStep:
    _lock_person(owner)
    step = PlanStep.objects.select_for_update().get(pk=step.pk)
    if step.owner_id != owner.pk:
        raise AssessmentError(_("Only the owner can change this step."))
    if step.status == to_status:
        return step  # a replayed form: the step is already there
    try:
        ensure_transition(STEP_TRANSITIONS, step.status, to_status)
    except TransitionNotAllowed as refused:
        raise AssessmentError(_("This step cannot move to that status.")) from refused
    if to_status in ACTIVE_STEP_STATUSES and step.status not in ACTIVE_STEP_STATUSES:
        active = PlanStep.objects.filter(owner=owner, status__in=ACTIVE_STEP_STATUSES).count()
        if active >= MAX_ACTIVE_STEPS:
            raise AssessmentError(
                _("Your plan already has three steps. Finish or drop one before adding another.")
            )
    PlanStepEvent.objects.create(step=step, from_status=step.status, to_status=to_status)
    step.status = to_status
    step.save(update_fields=["status", "updated_at"])
    return step


@transaction.atomic
def plan_step_set_due(*, owner, step: PlanStep, due_on: datetime.date | None) -> PlanStep:
    """Set, move or clear the owner's target date for an active step.

    No ``PlanStepEvent`` is written: that history records progress (the status), which the
    home page and the export read as such. A target date is the owner's private reminder to
    themselves, moved as often as they like; keeping each move would build a record of missed
    dates that serves no one and that nobody else may read, so only the current date is kept
    (with the step's ``updated_at``).
    """
    _lock_person(owner)
    step = PlanStep.objects.select_for_update().get(pk=step.pk)
    if step.owner_id != owner.pk:
        raise AssessmentError(_("Only the owner can change this step."))
    if step.due_on == due_on:
        return step  # a replayed form, or the date shown sent back unchanged (even if past)
    if not step.is_active:
        raise AssessmentError(_("Only a step that is planned or in progress can have a date."))
    if due_on is not None:
        today = timezone.localdate()
        if due_on < today:
            raise AssessmentError(_("Choose today or a later date."))
        latest = today + datetime.timedelta(days=STEP_DUE_MAX_DAYS_AHEAD)
        if due_on > latest:
            raise AssessmentError(
                _("Choose a date within a year, at the latest %(date)s.")
                % {"date": date_format(latest, "DATE_FORMAT")}
            )
    step.due_on = due_on
    step.save(update_fields=["due_on", "updated_at"])
    return step


def growth_skill_confirmer_register(*, confirmer: GrowthSkillConfirmer) -> None:
    """A module above assessments (the 360 feedback) says which growth skills others confirm;
    the development plan puts those first (``recommendations.confirmed_first``)."""
    recommendations.growth_skill_confirmer_register(confirmer)
