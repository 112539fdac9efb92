# SPDX-License-Identifier: EUPL-1.2
"""Writes of the insights app: campaigns and their life cycle, answers, releases and actions.

Nothing in this module logs. An anonymous submission in particular must leave no trace that
ties a person to what they answered: no log line, no shared id, no timestamp finer than the
day (docs/privacy-insights.md, including the risks that remain).
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from elan.core.anonymity.coarsening import coarsen_keys
from elan.core.anonymity.grouping import TREE_STEP
from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.insights.constants import (
    ACTION_CHECK_AFTER_DAYS,
    ACTION_TITLE_MAX,
    CAMPAIGN_TRANSITIONS,
    MAX_ACTIONS_PER_PLAN,
    PART_COMMENTS,
    PART_COUNTS,
    CampaignStatus,
    CheckStatus,
)
from elan.insights.instruments import instrument_for
from elan.insights.models import (
    Action,
    ActionPlan,
    Answer,
    Campaign,
    CampaignEvent,
    Invitee,
    Participation,
    Release,
    ReleaseEvent,
    Response,
    Round,
)
from elan.insights.publishing import publish_campaign
from elan.insights.selectors import next_round_opens_on, team_members
from elan.insights.signals import round_closed
from elan.insights.storage import pseudonym
from elan.insights.tasks import scrub_round_storage, send_round_emails
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.selectors import chart_units


class InsightsError(Exception):
    """A refused write, with a message the person can read."""

    def __init__(self, message, *, field: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        # The field at fault, when one is: a caller's form shows the message beside it.
        self.field = field


class NotInvited(InsightsError):
    pass


class AlreadyAnswered(InsightsError):
    pass


class RoundNotOpen(InsightsError):
    pass


def _today() -> datetime.date:
    return timezone.localdate()


# --- Campaigns ---------------------------------------------------------------------------------


def _texts(value: Mapping[str, str] | None) -> dict[str, str]:
    """Only the languages written, trimmed: an empty language is one the reader falls back from."""
    return {code: text.strip() for code, text in (value or {}).items() if text and text.strip()}


@transaction.atomic
def campaign_create(
    *,
    by,
    unit: Unit,
    titles: Mapping[str, str],
    descriptions: Mapping[str, str] | None = None,
    instrument: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    planned_rounds: int = 1,
    round_interval_days: int = 90,
    min_group: int | None = None,
    min_comments: int | None = None,
) -> Campaign:
    """A draft campaign whose thresholds start from the platform's defaults (never lower).

    ``titles`` and ``descriptions`` map language codes to texts; at least one title is needed.
    """
    if closes_on <= opens_on:
        raise InsightsError(_("The closing date must come after the opening date."))
    defaults = Campaign.default_thresholds()
    campaign = Campaign(
        titles=_texts(titles),
        descriptions=_texts(descriptions),
        instrument=instrument,
        instrument_version=instrument_for(instrument).version,
        unit=unit,
        created_by=by,
        opens_on=opens_on,
        closes_on=closes_on,
        planned_rounds=planned_rounds,
        round_interval_days=round_interval_days,
        min_group=max(min_group or 0, defaults["min_group"]),
        min_comments=max(min_comments or 0, defaults["min_comments"]),
        min_raters=defaults["min_raters"],
    )
    campaign.full_clean(exclude=["created_by"])
    campaign.save()
    CampaignEvent.objects.create(campaign=campaign, to_status=CampaignStatus.DRAFT, by=by)
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, by, **fields) -> Campaign:
    """Edit a draft. Once a campaign has opened, its thresholds are locked (``save()`` refuses)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.DRAFT:
        raise InsightsError(_("Only a draft campaign can be changed."))
    defaults = Campaign.default_thresholds()
    for name, value in fields.items():
        if name in ("min_group", "min_comments") and value is not None:
            value = max(value, defaults[name])
        if name in ("titles", "descriptions"):
            value = _texts(value)
        setattr(campaign, name, value)
    if campaign.closes_on <= campaign.opens_on:
        raise InsightsError(_("The closing date must come after the opening date."))
    campaign.full_clean(exclude=["created_by"])
    campaign.save()
    return campaign


@transaction.atomic
def campaign_transition(
    *,
    campaign: Campaign,
    to: str,
    by,
    today: datetime.date | None = None,
    notify: bool = True,
) -> Campaign:
    """Move a campaign along its life cycle; the allowed moves are CAMPAIGN_TRANSITIONS.

    ``notify=False`` opens a round without e-mailing the invitations (demo data, benchmarks).
    """
    today = today or _today()
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    try:
        ensure_transition(CAMPAIGN_TRANSITIONS, campaign.status, to)
    except TransitionNotAllowed as refused:
        raise InsightsError(_("This campaign cannot move to that status now.")) from refused
    round_number = None
    if to == CampaignStatus.OPEN:
        round_number = _round_open(campaign=campaign, today=today, notify=notify).number
    elif to == CampaignStatus.CLOSED:
        round_number = _round_close(campaign=campaign, today=today).number
    CampaignEvent.objects.create(
        campaign=campaign,
        from_status=campaign.status,
        to_status=to,
        round_number=round_number,
        by=by,
    )
    campaign.status = to
    campaign.save(update_fields=["status"])
    return campaign


def _round_open(*, campaign: Campaign, today: datetime.date, notify: bool = True) -> Round:
    previous = campaign.rounds.order_by("-number").first()
    number = 1 if previous is None else previous.number + 1
    if number > campaign.planned_rounds:
        raise InsightsError(_("Every planned round of this campaign has already run."))
    if previous is not None and previous.closed_on is None:
        raise InsightsError(_("The previous round is still open."))
    earliest = next_round_opens_on(campaign=campaign)
    if earliest is not None and today < earliest:
        raise InsightsError(
            _("Round %(number)s can open from %(date)s, as the campaign plans it.")
            % {"number": number, "date": date_format(earliest, "DATE_FORMAT")}
        )
    chart = [[u.code, u.path] for u in chart_units(root_path=campaign.unit.path)]
    # Who is invited, and where, as the HR systems say today; every answer of this round is
    # stored with the coarsened keys worked out from this list.
    staff = list(
        StaffRecord.objects.filter(unit__path__startswith=campaign.unit.path, user__is_active=True)
        .order_by("pk")
        .values_list("user_id", "unit__code", "user__preferred_language", "grade")
    )
    if len(staff) < campaign.min_group:
        raise InsightsError(
            _(
                "A round needs at least %(minimum)s invited people, so that no answer can be "
                "traced back to one of a few; this one would invite %(count)s."
            )
            % {"minimum": campaign.min_group, "count": len(staff)}
        )
    code_of = {path: code for code, path in chart}
    parent_of = {code: code_of.get(path[:-TREE_STEP]) for code, path in chart}
    precise = {
        user_id: (unit_code, (language or "", grade or ""))
        for user_id, unit_code, language, grade in staff
    }
    coarsening = coarsen_keys(precise.values(), parent_of, campaign.min_group)
    # Locked before the first answer can arrive: a threshold lowered afterwards protects nobody.
    campaign.lock_thresholds()
    if not campaign.population_key:
        campaign.population_key = secrets.token_hex(32)
    campaign.save(update_fields=["thresholds_locked_at", "population_key"])
    round_ = Round.objects.create(
        campaign=campaign,
        number=number,
        opens_on=today,
        closes_on=today + campaign.round_length,
        chart=chart,
        pooled_units=sorted(coarsening.pooled),
        partial_units=sorted(coarsening.partial),
    )
    Participation.objects.bulk_create(
        [
            Participation(round=round_, user_id=user_id, unit_code=key[0])
            for user_id, key in precise.items()
        ],
        batch_size=2000,
    )
    invitees = []
    for user_id, key in precise.items():
        unit_code, (language, grade_band) = coarsening.stored[key]
        invitees.append(
            Invitee(
                round=round_,
                pseudonym=pseudonym(campaign=campaign, user_id=user_id),
                unit_code=unit_code,
                language=language,
                grade_band=grade_band,
            )
        )
    # In pseudonym order, not the order of the staff records: nothing about the row order.
    invitees.sort(key=lambda invitee: invitee.pseudonym)
    Invitee.objects.bulk_create(invitees, batch_size=2000)
    if notify:
        round_id = round_.pk
        transaction.on_commit(
            lambda: send_round_emails.enqueue(round_id=round_id, kind="invitation")
        )
    return round_


def _round_close(*, campaign: Campaign, today: datetime.date) -> Round:
    round_ = campaign.rounds.select_for_update().filter(closed_on__isnull=True).first()
    if round_ is None:
        raise InsightsError(_("No round is open."))
    round_.closed_on = today
    round_.save(update_fields=["closed_on"])
    publish_campaign(campaign=campaign)
    # Coarsen the day people answered to the closing day: the exact day could otherwise be
    # matched with the answer's own day within a small unit.
    Participation.objects.filter(round=round_, responded_on__isnull=False).update(
        responded_on=today
    )
    round_id = round_.pk
    transaction.on_commit(lambda: scrub_round_storage.enqueue(round_id=round_id))
    # The closed round's answers may now count towards what the modules above this one compute
    # from closed rounds: the instrument quality of elan.feedback takes a step.
    round_closed.send(sender=Round, round_=round_)
    return round_


def close_due_rounds(*, today: datetime.date | None = None) -> int:
    """Close every open round whose closing date has passed (for a daily scheduler)."""
    today = today or _today()
    closed = 0
    due = Campaign.objects.filter(
        status=CampaignStatus.OPEN, rounds__closed_on__isnull=True, rounds__closes_on__lt=today
    ).distinct()
    for campaign in due:
        campaign_transition(campaign=campaign, to=CampaignStatus.CLOSED, by=None, today=today)
        closed += 1
    return closed


def reminders_send(*, campaign: Campaign) -> None:
    """Remind everyone invited to the open round who has not answered yet (the system knows
    who; the person asking does not, and is not told how many)."""
    round_ = campaign.rounds.filter(closed_on__isnull=True).first()
    if campaign.status != CampaignStatus.OPEN or round_ is None:
        raise InsightsError(_("Reminders can only be sent while a round is open."))
    round_id = round_.pk
    transaction.on_commit(lambda: send_round_emails.enqueue(round_id=round_id, kind="reminder"))


# --- Answers -----------------------------------------------------------------------------------


@transaction.atomic
def response_submit(
    *,
    round_id: int,
    user,
    answers: dict[str, object],
    comment: str = "",
    today: datetime.date | None = None,
) -> None:
    """Record that ``user`` took part and, separately, what was answered.

    Both writes happen in one transaction, so a failure leaves neither; the conditional update
    of the participation is what makes a double submit create one response only. The response
    copies the stored keys of the person's Invitee row (coarsened when the round opened, so that
    at least ``min_group`` invited people share them) and nothing else: no user, no id of the
    participation or of the invitee, no time of day. Returns nothing, so no caller can hold the
    response's id next to the person.
    """
    today = today or _today()
    round_ = Round.objects.select_related("campaign").get(pk=round_id)
    campaign = round_.campaign
    if (
        campaign.status != CampaignStatus.OPEN
        or round_.closed_on is not None
        or not round_.opens_on <= today <= round_.closes_on
    ):
        raise RoundNotOpen(_("This survey is not open for answers."))
    rows = instrument_for(campaign.instrument).score_answers(answers)
    marked = Participation.objects.filter(
        round=round_, user=user, responded_on__isnull=True
    ).update(responded_on=today)
    if marked != 1:
        if Participation.objects.filter(round=round_, user=user).exists():
            raise AlreadyAnswered(_("You have already answered this round. Thank you."))
        raise NotInvited(_("You are not invited to this survey."))
    keys = Invitee.objects.filter(
        round=round_, pseudonym=pseudonym(campaign=campaign, user_id=user.pk)
    ).values("unit_code", "language", "grade_band")[0]
    response = Response.objects.create(
        round=round_,
        unit_code=keys["unit_code"],
        language=keys["language"],
        grade_band=keys["grade_band"],
        answered_on=today,
        comment=(comment or "").strip(),
    )
    Answer.objects.bulk_create(
        [
            Answer(response=response, item=item, measure=measure, value=value, score=score)
            for item, measure, value, score in rows
        ]
    )


# --- Team-first release ------------------------------------------------------------------------


@transaction.atomic
def release_share(
    *,
    round_: Round,
    unit_code: str,
    by,
    parts: list[str],
    note: str = "",
    today: datetime.date | None = None,
) -> Release:
    """Share (more of) a team's results up the line before the team-first period ends."""
    today = today or _today()
    if round_.closed_on is None:
        raise InsightsError(_("Results can only be shared once the round has closed."))
    allowed = set(instrument_for(round_.campaign.instrument).measure_codes()) | {PART_COMMENTS}
    chosen = set(parts)
    if not chosen or not chosen <= allowed:
        raise InsightsError(_("Choose at least one result to share."))
    release, created = Release.objects.select_for_update().get_or_create(
        round=round_,
        unit_code=unit_code,
        defaults={"released_by": by, "released_on": today, "parts": [], "note": note},
    )
    # Once shared, a figure stays shared: parts only grow.
    merged = sorted(set(release.parts) | chosen | {PART_COUNTS})
    release.parts = merged
    if note and not created:
        release.note = note
    release.save()
    ReleaseEvent.objects.create(release=release, by=by, on=today, added=sorted(chosen))
    return release


# --- Action plans ------------------------------------------------------------------------------


@transaction.atomic
def action_add(
    *,
    round_: Round,
    unit_code: str,
    by,
    measure: str,
    title: str,
    url: str = "",
    owner,
    today: datetime.date | None = None,
) -> Action:
    today = today or _today()
    if round_.closed_on is None:
        raise InsightsError(_("Actions are planned once the round has closed."))
    if measure not in instrument_for(round_.campaign.instrument).measure_codes():
        raise InsightsError(_("Choose what the action works on."))
    plan, _created = ActionPlan.objects.select_for_update().get_or_create(
        round=round_, unit_code=unit_code, defaults={"created_by": by}
    )
    if plan.actions.count() >= MAX_ACTIONS_PER_PLAN:
        raise InsightsError(_("A team picks at most three actions per round."))
    return Action.objects.create(
        plan=plan,
        measure=measure,
        title=title.strip(),
        url=url,
        owner=owner,
        created_on=today,
        check_due_on=today + datetime.timedelta(days=ACTION_CHECK_AFTER_DAYS),
    )


# A standing action is due within a year: further out, it is a wish, not a commitment.
STANDING_ACTION_HORIZON_DAYS = 366


@transaction.atomic
def team_action_add(
    *,
    unit_code: str,
    by,
    title: str,
    owner,
    due_on: datetime.date,
    url: str = "",
    today: datetime.date | None = None,
) -> Action:
    """Add an action to the team's standing plan: decided outside a survey round (in a
    retrospective), owned by one of the team, and checked on its due date like any other."""
    today = today or _today()
    title = title.strip()
    if not title:
        raise InsightsError(_("Say what the team will do."), field="title")
    if len(title) > ACTION_TITLE_MAX:
        message = _("Keep the action to %(limit)s characters.") % {"limit": ACTION_TITLE_MAX}
        raise InsightsError(message, field="title")
    if due_on < today:
        raise InsightsError(_("The due date cannot be in the past."), field="due_on")
    if due_on > today + datetime.timedelta(days=STANDING_ACTION_HORIZON_DAYS):
        raise InsightsError(_("The due date is at most a year from today."), field="due_on")
    if owner is None or not team_members(code=unit_code).filter(pk=owner.pk).exists():
        raise InsightsError(_("Choose an owner from the team."), field="owner")
    plan, _created = ActionPlan.objects.select_for_update().get_or_create(
        round=None, unit_code=unit_code, defaults={"created_by": by}
    )
    return Action.objects.create(
        plan=plan,
        measure="",
        title=title,
        url=url,
        owner=owner,
        created_on=today,
        check_due_on=due_on,
    )


@transaction.atomic
def action_check(
    *, action: Action, by, status: str, note: str = "", today: datetime.date | None = None
) -> Action:
    today = today or _today()
    if today < action.check_due_on:
        if action.plan.round_id is None:
            raise InsightsError(_("The check is due on the action's due date."))
        raise InsightsError(_("The check is due a month after the action was added."))
    if status not in CheckStatus.values or status == CheckStatus.PENDING:
        raise InsightsError(_("Say how the action went."))
    action = Action.objects.select_for_update().get(pk=action.pk)
    action.check_status = status
    action.check_note = note.strip()
    action.checked_on = today
    action.save(update_fields=["check_status", "check_note", "checked_on"])
    return action
