# SPDX-License-Identifier: EUPL-1.2
"""Every write to an experiment: typed, keyword-only, checked here whoever calls
(docs/experiments.md).

Views stay thin and call these; each refusal is an ``ExperimentError`` whose message is shown to
the person as it is, translated. Every change of state appends an ``ExperimentEvent``.
"""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.core.vocabulary import InnovationSkill, Principle
from elan.experiments import selectors
from elan.experiments.constants import (
    PERMISSION_TRANSITIONS,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    TRANSITIONS,
    AskWhom,
    Criterion,
    Decision,
    EventKind,
    MandateOutcome,
    PermissionStatus,
    Sharing,
    Status,
    Template,
)
from elan.experiments.mandate import MandateAnswers, MandateResult, check_mandate
from elan.experiments.models import Experiment, ExperimentEvent, Iteration, PermissionRequest
from elan.organisations.selectors import unit_of


class ExperimentError(Exception):
    """A refusal, with a message for the person."""


class StaleEdit(ExperimentError):
    """Someone else saved the card since this editor opened it."""

    def __init__(self, message: str, *, saved: Experiment) -> None:
        super().__init__(message)
        self.saved = saved


# The card's fields an owner writes, with their labels for messages and their maximum length.
CARD_FIELDS: dict[str, tuple] = {
    "title": (gettext_lazy("Title"), TITLE_MAX),
    "problem": (gettext_lazy("Problem"), TEXT_MAX),
    "audience": (gettext_lazy("Who it is for"), TEXT_MAX),
    "belief": (gettext_lazy("We believe that"), TEXT_MAX),
    "expected_outcome": (gettext_lazy("Will lead to"), TEXT_MAX),
    "what_we_try": (gettext_lazy("What we try"), TEXT_MAX),
    "smallest_test": (gettext_lazy("The smallest test that could show it"), TEXT_MAX),
    "success_criterion": (gettext_lazy("Success criterion"), TEXT_MAX),
    "stop_criterion": (gettext_lazy("Stop criterion"), TEXT_MAX),
    "guardrails": (gettext_lazy("Guardrails"), TEXT_MAX),
    "people_involved": (gettext_lazy("People involved"), TEXT_MAX),
}
# What must be written before a test starts: the rest may stay empty on a half-filled card.
NEEDED_TO_START = (
    "problem",
    "belief",
    "expected_outcome",
    "what_we_try",
    "smallest_test",
    "success_criterion",
    "stop_criterion",
)


def _clean_text(value, *, label, maximum: int, required: bool = False) -> str:
    text = (value or "").replace("\x00", "").strip()
    if required and not text:
        raise ExperimentError(_("%(field)s: this cannot be empty.") % {"field": label})
    if len(text) > maximum:
        raise ExperimentError(
            _("%(field)s: at most %(max)s characters.") % {"field": label, "max": maximum}
        )
    return text


def _event(experiment: Experiment, kind: str, actor, **fields) -> ExperimentEvent:
    return ExperimentEvent.objects.create(experiment=experiment, kind=kind, by=actor, **fields)


def _locked(experiment: Experiment) -> Experiment:
    return Experiment.objects.select_for_update(of=("self",)).get(pk=experiment.pk)


def _require_owner(actor, experiment: Experiment) -> None:
    if not selectors.is_owner(viewer=actor, experiment=experiment):
        raise ExperimentError(_("Only the experiment's owners can do this."))


def _require_main_owner(actor, experiment: Experiment) -> None:
    if experiment.owner_id != getattr(actor, "pk", None):
        raise ExperimentError(_("Only the experiment's owner can do this."))


def _move(experiment: Experiment, to: str, actor, note: str = "") -> Experiment:
    try:
        ensure_transition(TRANSITIONS, experiment.status, to)
    except TransitionNotAllowed as refused:
        raise ExperimentError(_("The experiment cannot move to that step now.")) from refused
    previous = experiment.status
    experiment.status = to
    experiment.version += 1
    fields = ["status", "version", "updated_at"]
    if to == Status.RUNNING and experiment.started_at is None:
        experiment.started_at = timezone.now()
        fields.append("started_at")
    experiment.save(update_fields=fields)
    _event(experiment, EventKind.STATUS, actor, from_status=previous, to_status=to, note=note[:500])
    return experiment


def _tags(principles: list[str], skills: list[str]) -> str:
    parts = [f"principle:{slug}" for slug in principles] + [f"skill:{slug}" for slug in skills]
    return "|" + "|".join(parts) + "|" if parts else ""


def _clean_vocabulary(values, field_name: str) -> list[str]:
    vocabulary = Principle if field_name == "principles" else InnovationSkill
    slugs = list(vocabulary.values)
    chosen = list(dict.fromkeys(values or []))
    if any(value not in slugs for value in chosen):
        raise ExperimentError(_("Choose among the listed principles and skills."))
    return chosen


def _clean_card(fields: dict) -> dict:
    cleaned: dict = {}
    for name, (label, maximum) in CARD_FIELDS.items():
        if name in fields:
            cleaned[name] = _clean_text(
                fields[name], label=label, maximum=maximum, required=name == "title"
            )
    for name in ("starts_on", "ends_on"):
        if name in fields:
            value = fields[name]
            if value is not None and not isinstance(value, datetime.date):
                raise ExperimentError(_("Give the dates as days of the calendar."))
            cleaned[name] = value
    starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise ExperimentError(_("The time box cannot end before the experiment starts."))
    if "cost_euros" in fields:
        cost = fields["cost_euros"]
        if cost is not None and (not isinstance(cost, int) or cost < 0):
            raise ExperimentError(_("Give the cost as a whole number of euros, 0 or more."))
        cleaned["cost_euros"] = cost
    for name in ("principles", "skills"):
        if name in fields:
            cleaned[name] = _clean_vocabulary(fields[name], name)
    return cleaned


@transaction.atomic
def experiment_create(
    *,
    owner,
    title: str,
    language: str,
    template: str = "",
    fields: dict | None = None,
    based_on: Experiment | None = None,
    from_idea=None,
) -> Experiment:
    """A new card in draft, its owner's alone until they start and share it; half-filled is
    fine. ``based_on`` is the experiment someone wants to try too; ``from_idea`` the idea it
    was opened from (the seam for the ideas module)."""
    if template and template not in Template.values:
        raise ExperimentError(_("Choose one of the templates in the list."))
    cleaned = _clean_card({**(fields or {}), "title": title})
    experiment = Experiment(
        owner=owner,
        unit=unit_of(user=owner),
        template=template,
        language=language,
        based_on=based_on,
        from_idea=from_idea,
        **cleaned,
    )
    experiment.tags = _tags(experiment.principles, experiment.skills)
    experiment.save()
    _event(experiment, EventKind.CREATED, owner, to_status=Status.DRAFT)
    return experiment


def experiment_from_idea(*, owner, idea_public_id, title: str, problem: str, language: str):
    """The seam for the ideas module (issue 20): an accepted idea opens a draft experiment that
    remembers it."""
    return experiment_create(
        owner=owner,
        title=title,
        language=language,
        fields={"problem": problem},
        from_idea=idea_public_id,
    )


@transaction.atomic
def experiment_try_too(*, original: Experiment, actor, language: str) -> Experiment:
    """ "I want to try this too": a new draft of the reader's own, linked to the original, with
    its problem, hypothesis and criteria to adapt. The original's owners see who built on it."""
    if not selectors.is_reader(viewer=actor, experiment=original) or original.status == (
        Status.DRAFT
    ):
        raise ExperimentError(_("You can build on an experiment that was shared with you."))
    copied = {
        name: getattr(original, name)
        for name in (
            "problem",
            "audience",
            "belief",
            "expected_outcome",
            "what_we_try",
            "smallest_test",
            "success_criterion",
            "stop_criterion",
            "guardrails",
            "principles",
            "skills",
        )
    }
    return experiment_create(
        owner=actor,
        title=original.title,
        language=language,
        template=original.template,
        fields=copied,
        based_on=original,
    )


@transaction.atomic
def experiment_update(*, experiment: Experiment, actor, version: int, fields: dict) -> Experiment:
    """Save the card; refused with both versions kept when someone saved it in between."""
    experiment = _locked(experiment)
    _require_owner(actor, experiment)
    if experiment.status not in (Status.DRAFT, Status.RUNNING):
        raise ExperimentError(_("A decided experiment's card no longer changes."))
    if version != experiment.version:
        raise StaleEdit(
            _("Someone else saved this card while you were editing it."), saved=experiment
        )
    cleaned = _clean_card(fields)
    for name, value in cleaned.items():
        setattr(experiment, name, value)
    experiment.tags = _tags(experiment.principles, experiment.skills)
    experiment.version += 1
    experiment.save()
    return experiment


def _same_organisation(experiment: Experiment, person) -> bool:
    unit = unit_of(user=person)
    if experiment.unit is None or unit is None:
        return False
    return selectors.organisation_path(unit) == selectors.organisation_path(experiment.unit)


@transaction.atomic
def co_owner_add(*, experiment: Experiment, actor, co_owner) -> Experiment:
    experiment = _locked(experiment)
    _require_main_owner(actor, experiment)
    if co_owner is None or not co_owner.is_active:
        raise ExperimentError(_("We could not find an active colleague with that address."))
    if co_owner.pk == experiment.owner_id:
        raise ExperimentError(_("The owner is an owner already."))
    if not _same_organisation(experiment, co_owner):
        # A co-owner reads and changes everything, drafts included: within the organisation
        # the card belongs to, as its sharing is (docs/access.md).
        raise ExperimentError(_("Choose a colleague of your own organisation."))
    if experiment.co_owners.filter(pk=co_owner.pk).exists():
        return experiment
    experiment.co_owners.add(co_owner)
    _event(experiment, EventKind.CO_OWNER_ADDED, actor, note=co_owner.email[:500])
    return experiment


@transaction.atomic
def co_owner_remove(*, experiment: Experiment, actor, co_owner) -> Experiment:
    experiment = _locked(experiment)
    _require_main_owner(actor, experiment)
    if experiment.co_owners.filter(pk=co_owner.pk).exists():
        experiment.co_owners.remove(co_owner)
        _event(experiment, EventKind.CO_OWNER_REMOVED, actor, note=co_owner.email[:500])
    return experiment


@transaction.atomic
def mandate_check(
    *, experiment: Experiment, actor, answers: MandateAnswers
) -> tuple[Experiment, MandateResult]:
    """Record the four answers and what they mean; a changed answer replaces the earlier one."""
    experiment = _locked(experiment)
    _require_owner(actor, experiment)
    if experiment.status != Status.DRAFT:
        raise ExperimentError(_("The mandate is checked before the test starts."))
    if answers.spend_euros < 0:
        raise ExperimentError(_("Give the cost as a whole number of euros, 0 or more."))
    rules = selectors.rules_for(unit=experiment.unit)
    result = check_mandate(answers, spend_limit_euros=rules.spend_limit_euros)
    experiment.mandate_changes_rights = answers.changes_rights
    experiment.mandate_personal_data = answers.personal_data
    experiment.mandate_spend_euros = answers.spend_euros
    experiment.mandate_other_unit = answers.other_unit
    experiment.mandate_outcome = result.outcome
    experiment.mandate_checked_at = timezone.now()
    experiment.version += 1
    experiment.save()
    _event(experiment, EventKind.MANDATE_CHECKED, actor, note=result.outcome)
    return experiment, result


def mandate_result(*, experiment: Experiment) -> MandateResult | None:
    """What the recorded answers mean under today's rules; None before the check."""
    if not experiment.mandate_checked_at:
        return None
    rules = selectors.rules_for(unit=experiment.unit)
    return check_mandate(
        MandateAnswers(
            changes_rights=bool(experiment.mandate_changes_rights),
            personal_data=bool(experiment.mandate_personal_data),
            spend_euros=experiment.mandate_spend_euros or 0,
            other_unit=bool(experiment.mandate_other_unit),
        ),
        spend_limit_euros=rules.spend_limit_euros,
    )


def _asked_person(experiment: Experiment, whom: str, owner):
    """Whom to ask: the owner's line manager on the chart, or the organisation's data
    protection officer (an account with that address if there is one, else the address)."""
    if whom == AskWhom.LINE_MANAGER:
        from elan.organisations.models import StaffRecord

        record = StaffRecord.objects.filter(user=owner).select_related("line_manager").first()
        manager = record.line_manager if record else None
        if manager is None or not manager.is_active:
            raise ExperimentError(
                _("The organisation chart names no line manager for you: ask HR to add one.")
            )
        return manager, ""
    rules = selectors.rules_for(unit=experiment.unit)
    if not rules.data_protection_email:
        raise ExperimentError(
            _("Your organisation has not named its data protection officer yet: ask HR.")
        )
    from django.contrib.auth import get_user_model

    account = (
        get_user_model()
        .objects.filter(email__iexact=rules.data_protection_email, is_active=True)
        .first()
    )
    return account, "" if account is not None else rules.data_protection_email


@transaction.atomic
def permission_ask(*, experiment: Experiment, actor, whom: str, question: str) -> PermissionRequest:
    experiment = _locked(experiment)
    _require_owner(actor, experiment)
    if experiment.status != Status.DRAFT:
        raise ExperimentError(_("Permission is asked before the test starts."))
    if whom not in AskWhom.values:
        raise ExperimentError(_("Choose whom to ask."))
    result = mandate_result(experiment=experiment)
    if result is None or whom not in result.ask:
        raise ExperimentError(_("The mandate check does not ask for this permission."))
    if experiment.permission_requests.filter(whom=whom, status=PermissionStatus.WAITING).exists():
        raise ExperimentError(_("This question is waiting for an answer already."))
    question = _clean_text(question, label=_("Question"), maximum=REASON_MAX, required=True)
    asked_of, asked_email = _asked_person(experiment, whom, experiment.owner or actor)
    request = PermissionRequest.objects.create(
        experiment=experiment,
        whom=whom,
        asked_of=asked_of,
        asked_email=asked_email,
        asked_by=actor,
        question=question,
    )
    _event(experiment, EventKind.PERMISSION_ASKED, actor, note=whom)
    from elan.experiments.tasks import send_permission_request

    transaction.on_commit(partial(send_permission_request.enqueue, request_id=request.pk))
    return request


@transaction.atomic
def permission_answer(
    *, request: PermissionRequest, actor, granted: bool, reason: str
) -> PermissionRequest:
    """The person asked answers yes or no, with a reason; when nobody on Elan holds the address
    asked, the owner records the answer they received."""
    request = PermissionRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    experiment = request.experiment
    if request.asked_of_id is not None:
        if request.asked_of_id != getattr(actor, "pk", None):
            raise ExperimentError(_("Only the person asked can answer."))
    else:
        _require_owner(actor, experiment)
    to = PermissionStatus.GRANTED if granted else PermissionStatus.REFUSED
    try:
        ensure_transition(PERMISSION_TRANSITIONS, request.status, to)
    except TransitionNotAllowed as refused:
        raise ExperimentError(_("This request has been answered already.")) from refused
    request.status = to
    request.answer_reason = _clean_text(
        reason, label=_("Reason"), maximum=REASON_MAX, required=True
    )
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save()
    _event(experiment, EventKind.PERMISSION_ANSWERED, actor, note=f"{request.whom}:{to}")
    from elan.experiments.tasks import send_permission_answer

    transaction.on_commit(partial(send_permission_answer.enqueue, request_id=request.pk))
    return request


def start_blockers(*, experiment: Experiment) -> list[str]:
    """What still stands between the card and its first test, each as a sentence."""
    blockers = [
        _("%(field)s is still empty.") % {"field": CARD_FIELDS[name][0]}
        for name in NEEDED_TO_START
        if not getattr(experiment, name)
    ]
    if not experiment.ends_on:
        blockers.append(_("Set the day the time box ends."))
    elif experiment.ends_on < timezone.localdate():
        blockers.append(_("The time box ends in the past: set a later day."))
    result = mandate_result(experiment=experiment)
    if result is None:
        blockers.append(_("Check whether the test is within your mandate."))
    elif result.outcome == MandateOutcome.SHRINK:
        blockers.append(_("Shrink the test until it stays within your mandate, then check again."))
    elif result.outcome == MandateOutcome.ASK:
        # The latest answer to each question counts: a no can be followed by a yes when asked again.
        requests = {
            r.whom: r.status for r in experiment.permission_requests.order_by("asked_at", "pk")
        }
        for whom in result.ask:
            status = requests.get(whom)
            if status != PermissionStatus.GRANTED:
                blockers.append(
                    _("%(whom)s has not granted permission yet.") % {"whom": AskWhom(whom).label}
                )
    return blockers


@transaction.atomic
def experiment_start(*, experiment: Experiment, actor) -> Experiment:
    experiment = _locked(experiment)
    _require_owner(actor, experiment)
    blockers = start_blockers(experiment=experiment)
    if blockers:
        raise ExperimentError(" ".join(str(b) for b in blockers))
    if experiment.starts_on is None:
        experiment.starts_on = timezone.localdate()
    return _move(experiment, Status.RUNNING, actor)


ITERATION_FIELDS = ("what_we_tried", "what_we_saw", "learnt", "change_next")


@transaction.atomic
def iteration_add(
    *,
    experiment: Experiment,
    actor,
    tried_on: datetime.date,
    what_we_tried: str,
    what_we_saw: str,
    success: str = Criterion.UNCLEAR,
    stop_met: bool = False,
    guardrail_breached: bool = False,
    learnt: str = "",
    change_next: str = "",
    skills: list[str] | None = None,
) -> Iteration:
    """One dated round of the test. A breached guardrail or a met stop criterion asks for a
    decision (``Iteration.prompts_a_decision``); it never ends the experiment by itself."""
    experiment = _locked(experiment)
    _require_owner(actor, experiment)
    if experiment.status != Status.RUNNING:
        raise ExperimentError(_("Iterations are recorded while the experiment runs."))
    if not isinstance(tried_on, datetime.date) or tried_on > timezone.localdate():
        raise ExperimentError(_("Give the day of the iteration: today or earlier."))
    if success not in Criterion.values:
        raise ExperimentError(_("Say what you saw against the success criterion."))
    last = experiment.iterations.order_by("-number").values_list("number", flat=True).first()
    iteration = Iteration.objects.create(
        experiment=experiment,
        number=(last or 0) + 1,
        tried_on=tried_on,
        what_we_tried=_clean_text(
            what_we_tried, label=_("What we tried"), maximum=TEXT_MAX, required=True
        ),
        what_we_saw=_clean_text(
            what_we_saw, label=_("What we saw"), maximum=TEXT_MAX, required=True
        ),
        success=success,
        stop_met=bool(stop_met),
        guardrail_breached=bool(guardrail_breached),
        learnt=_clean_text(learnt, label=_("What we learnt"), maximum=TEXT_MAX),
        change_next=_clean_text(change_next, label=_("What we change next"), maximum=TEXT_MAX),
        skills=_clean_vocabulary(skills, "skills"),
        recorded_by=actor,
    )
    experiment.version += 1
    experiment.save(update_fields=["version", "updated_at"])
    _event(experiment, EventKind.ITERATION, actor, note=str(iteration.number))
    return iteration


@transaction.atomic
def experiment_decide(
    *, experiment: Experiment, actor, decision: str, reason: str, lessons: str = ""
) -> Experiment:
    """Scale, iterate, park or stop, with a reason. "Iterate" keeps it running for another
    round; the others end the test and wait for the step that follows (regularise or close)."""
    experiment = _locked(experiment)
    _require_owner(actor, experiment)
    if decision not in Decision.values:
        raise ExperimentError(_("Choose a decision: scale, iterate, park or stop."))
    if experiment.status != Status.RUNNING:
        raise ExperimentError(_("A decision is taken while the experiment runs."))
    if not experiment.iterations.exists():
        raise ExperimentError(_("Record at least one iteration before you decide."))
    reason = _clean_text(reason, label=_("Reason"), maximum=REASON_MAX, required=True)
    lessons = _clean_text(
        lessons, label=_("What we learnt, and what others should know"), maximum=TEXT_MAX
    )
    experiment.decision = decision
    experiment.decision_reason = reason
    experiment.decided_on = timezone.localdate()
    if lessons:
        experiment.lessons = lessons
    experiment.save()
    _event(experiment, EventKind.DECIDED, actor, note=decision)
    if decision == Decision.ITERATE:
        experiment.version += 1
        experiment.save(update_fields=["version", "updated_at"])
        return experiment
    return _move(experiment, Status.DECIDED, actor)


@transaction.atomic
def experiment_resume(*, experiment: Experiment, actor, ends_on: datetime.date) -> Experiment:
    """A parked experiment taken up again, with a new time box."""
    experiment = _locked(experiment)
    _require_owner(actor, experiment)
    if experiment.status != Status.DECIDED or experiment.decision != Decision.PARK:
        raise ExperimentError(_("Only a parked experiment is taken up again."))
    if ends_on is None or ends_on < timezone.localdate():
        raise ExperimentError(_("The time box ends in the past: set a later day."))
    experiment.ends_on = ends_on
    experiment.save(update_fields=["ends_on"])
    return _move(experiment, Status.RUNNING, actor)


@transaction.atomic
def experiment_regularise(
    *,
    experiment: Experiment,
    actor,
    approved_by: str,
    approved_on: datetime.date,
    official_change: str,
) -> Experiment:
    """What started as bricolage ends as policy: who approved the new way of working, when, and
    what changed in the official way of working."""
    experiment = _locked(experiment)
    _require_owner(actor, experiment)
    if experiment.status != Status.DECIDED or experiment.decision != Decision.SCALE:
        raise ExperimentError(_("Only an experiment decided to scale up is made official."))
    if not isinstance(approved_on, datetime.date) or approved_on > timezone.localdate():
        raise ExperimentError(_("Give the day it was approved: today or earlier."))
    experiment.approved_by = _clean_text(
        approved_by, label=_("Approved by"), maximum=200, required=True
    )
    experiment.approved_on = approved_on
    experiment.official_change = _clean_text(
        official_change,
        label=_("What changed in the official way of working"),
        maximum=TEXT_MAX,
        required=True,
    )
    experiment.save()
    _event(experiment, EventKind.REGULARISED, actor)
    return _move(experiment, Status.REGULARISED, actor)


@transaction.atomic
def experiment_close(*, experiment: Experiment, actor, lessons: str = "") -> Experiment:
    """Close a decided experiment (parked or stopped, or scaled without the official step),
    or drop a draft that will not be tried."""
    experiment = _locked(experiment)
    _require_owner(actor, experiment)
    lessons = _clean_text(
        lessons, label=_("What we learnt, and what others should know"), maximum=TEXT_MAX
    )
    if lessons:
        experiment.lessons = lessons
        experiment.save(update_fields=["lessons", "updated_at"])
    return _move(experiment, Status.CLOSED, actor)


@transaction.atomic
def experiment_share(*, experiment: Experiment, actor, sharing: str) -> Experiment:
    """Who may read it once it has left its draft: the owners only, the team, or the whole
    organisation. A draft stays private whatever is chosen, until it starts."""
    experiment = _locked(experiment)
    _require_main_owner(actor, experiment)
    if sharing not in Sharing.values:
        raise ExperimentError(_("Choose with whom to share it."))
    if experiment.sharing == sharing:
        return experiment
    experiment.sharing = sharing
    experiment.shared_at = timezone.now() if sharing != Sharing.PRIVATE else None
    experiment.save(update_fields=["sharing", "shared_at", "updated_at"])
    _event(experiment, EventKind.SHARED, actor, note=sharing)
    return experiment


@transaction.atomic
def experiment_set_profile_evidence(*, experiment: Experiment, actor, allowed: bool) -> Experiment:
    """Whether the skills its iterations exercised show on the owner's skills profile."""
    experiment = _locked(experiment)
    _require_main_owner(actor, experiment)
    experiment.skills_on_profile = bool(allowed)
    experiment.save(update_fields=["skills_on_profile", "updated_at"])
    return experiment
