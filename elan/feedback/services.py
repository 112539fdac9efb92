# SPDX-License-Identifier: EUPL-1.2
"""Writes for 360 feedback: open a round, invite raters, take an answer, remind, close, share,
and erase what a closed round no longer needs to know about its raters.

Each function does all of its work or none of it. The ones a browser can send twice (open a
round, invite, answer, share) are idempotent: a double click or a replayed form leaves one row,
and a rater link answers once.
"""

from __future__ import annotations

import datetime
import uuid
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from elan.assessments.models import Assessment, Instrument
from elan.assessments.scoring import ItemSpec, Scale, subscale_scores
from elan.feedback import tokens
from elan.feedback.constants import (
    ALLOWED_ROUND_TRANSITIONS,
    MAX_OPEN_DAYS,
    MAX_RATERS,
    REMINDER_INTERVAL_DAYS,
    Relationship,
    RoundEventKind,
    RoundStatus,
)
from elan.feedback.models import (
    FeedbackRound,
    Invitation,
    RaterAnswer,
    RaterResponse,
    ReportShare,
    RoundEvent,
)
from elan.organisations.models import StaffRecord


class FeedbackError(ValueError):
    """A request the rules refuse; the message is translated and safe to show."""


class LinkUnavailable(FeedbackError):
    """The rater link is unknown, already used, or its round has closed."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason  # "unknown", "used" or "closed"


# --- rounds ---------------------------------------------------------------------------------


def latest_self_assessment(owner) -> Assessment | None:
    return (
        Assessment.objects.filter(owner=owner, status="submitted")
        .select_related("instrument")
        .order_by("-submitted_at")
        .first()
    )


def round_open(
    *, owner, closes_on: datetime.date, token: uuid.UUID, today: datetime.date | None = None
) -> tuple[FeedbackRound, bool]:
    """A round on the instrument of the owner's latest self-assessment; (round, created).

    The same start form (token) gives the same round, so a double click opens one.
    """
    today = today or timezone.localdate()
    existing = FeedbackRound.objects.filter(token=token).first()
    if existing is not None:
        if existing.owner_id != owner.pk:
            raise FeedbackError(_("This form cannot be used. Start again."))
        return existing, False
    assessment = latest_self_assessment(owner)
    if assessment is None:
        raise FeedbackError(
            _("Take the self-assessment first: the report compares your view with your raters'.")
        )
    if not today < closes_on <= today + datetime.timedelta(days=MAX_OPEN_DAYS):
        raise FeedbackError(
            _("Choose a closing date after today and at most %(days)s days ahead.")
            % {"days": MAX_OPEN_DAYS}
        )
    try:
        with transaction.atomic():
            round_ = FeedbackRound(
                owner=owner,
                instrument=assessment.instrument,
                token=token,
                closes_on=closes_on,
                **FeedbackRound.default_thresholds(),
            )
            round_.lock_thresholds()
            round_.save()
            RoundEvent.objects.create(round=round_, kind=RoundEventKind.OPENED)
    except IntegrityError:
        # The same token won a race in another request: that round is this one.
        return FeedbackRound.objects.get(token=token), False
    return round_, True


@transaction.atomic
def round_transition(*, round_: FeedbackRound, to_status: str) -> FeedbackRound:
    round_ = FeedbackRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status == to_status:
        return round_
    if to_status not in ALLOWED_ROUND_TRANSITIONS[round_.status]:
        raise FeedbackError(_("This round cannot move to that status."))
    round_.status = to_status
    if to_status == RoundStatus.CLOSED:
        round_.closed_at = timezone.now()
    round_.save(update_fields=["status", "closed_at"])
    RoundEvent.objects.create(round=round_, kind=to_status)
    if to_status == RoundStatus.CLOSED:
        # In the same transaction: a round is never closed with its raters' details kept.
        round_erase_rater_details(round_=round_)
    return round_


def round_close(*, owner, round_: FeedbackRound) -> FeedbackRound:
    """The owner ends the round early; the links stop working at once."""
    if round_.owner_id != owner.pk:
        raise FeedbackError(_("Only the owner can close this round."))
    return round_transition(round_=round_, to_status=RoundStatus.CLOSED)


def close_due_rounds(*, today: datetime.date | None = None) -> int:
    """Close every open round whose closing date has passed (for the daily scheduler)."""
    today = today or timezone.localdate()
    due = FeedbackRound.objects.filter(status=RoundStatus.OPEN, closes_on__lt=today)
    closed = 0
    for round_ in due:
        round_transition(round_=round_, to_status=RoundStatus.CLOSED)
        closed += 1
    return closed


# --- data minimisation once a round is closed -----------------------------------------------

# What a closed round's invitations lose. What they keep: the rater group (the owner's invited
# count per group), ``answered`` (the answer count; a used link says it was used) and the link's
# fingerprint (a closed link still finds its "closed" page).
_ERASED_RATER_DETAILS = {
    "email": "",
    "name": "",
    "user": None,
    "invited_at": None,
    "reminded_at": None,
    "answered_at": None,
}


def _holds_rater_details() -> Q:
    return (
        ~Q(email="")
        | ~Q(name="")
        | Q(user__isnull=False)
        | Q(invited_at__isnull=False)
        | Q(reminded_at__isnull=False)
        | Q(answered_at__isnull=False)
    )


@transaction.atomic
def round_erase_rater_details(*, round_: FeedbackRound) -> int:
    """Erase from a closed round's invitations the address, name, account and exact times.

    They served to send the links and reminders and to know who still had to answer; once the
    round is closed that is over, and exact answer times next to the per-day responses would
    help someone with database access tie a rater to their answers. Records the erasure in the
    round's history and returns how many invitations it erased. Idempotent: a second call finds
    nothing left, erases nothing and records nothing.
    """
    round_ = FeedbackRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status != RoundStatus.CLOSED:
        raise FeedbackError(_("Raters' details are erased only once the round is closed."))
    erased = (
        Invitation.objects.filter(round=round_)
        .filter(_holds_rater_details())
        .update(**_ERASED_RATER_DETAILS)
    )
    if erased:
        RoundEvent.objects.create(
            round=round_, kind=RoundEventKind.RATER_DETAILS_ERASED, count=erased
        )
    return erased


def erase_rater_details_of_closed_rounds() -> int:
    """Erase what closed rounds still hold about their raters (for the daily scheduler).

    Closing a round erases at once, so this finds rounds closed before that was so, and a rater
    who answered in the very moment the round closed. Returns how many rounds it erased.
    """
    round_ids = (
        Invitation.objects.filter(round__status=RoundStatus.CLOSED)
        .filter(_holds_rater_details())
        .values_list("round_id", flat=True)
        .distinct()
    )
    erased = 0
    for round_ in FeedbackRound.objects.filter(pk__in=list(round_ids)).order_by("pk"):
        if round_erase_rater_details(round_=round_):
            erased += 1
    return erased


def accepts_answers(round_: FeedbackRound, today: datetime.date | None = None) -> bool:
    """Open and not past its closing date (the whole closing day still counts)."""
    today = today or timezone.localdate()
    return round_.status == RoundStatus.OPEN and today <= round_.closes_on


# --- invitations ----------------------------------------------------------------------------


def _line_manager_of(owner):
    record = StaffRecord.objects.filter(user=owner).select_related("line_manager").first()
    return record.line_manager if record and record.line_manager_id else None


def invitation_create(
    *,
    owner,
    round_: FeedbackRound,
    email: str,
    relationship: str,
    name: str = "",
    language: str = "en",
) -> tuple[Invitation, str]:
    """Invite one rater; returns (invitation, link secret). Inviting the same address again
    returns the existing invitation (and its link) without a second e-mail."""
    email = email.strip().lower()
    if round_.owner_id != owner.pk:
        raise FeedbackError(_("Only the owner can invite raters."))
    if not accepts_answers(round_):
        raise FeedbackError(_("This round is closed: it takes no new raters."))
    if relationship not in Relationship.values:
        raise FeedbackError(_("Choose how this person knows you."))
    if email == (owner.email or "").lower():
        raise FeedbackError(_("Your own view is your self-assessment: invite someone else."))
    colleague = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if relationship == Relationship.MANAGER:
        manager = _line_manager_of(owner)
        if manager is not None and (colleague is None or colleague.pk != manager.pk):
            raise FeedbackError(
                _("Only %(name)s, your recorded line manager, can answer as your line manager.")
                % {"name": manager.get_full_name() or manager.email}
            )
    with transaction.atomic():
        FeedbackRound.objects.select_for_update().get(pk=round_.pk)
        existing = Invitation.objects.filter(round=round_, email=email).first()
        if existing is not None:
            return existing, tokens.link_secret(existing.key)
        if (
            relationship == Relationship.MANAGER
            and Invitation.objects.filter(round=round_, relationship=Relationship.MANAGER).exists()
        ):
            raise FeedbackError(_("You have already invited your line manager."))
        if Invitation.objects.filter(round=round_).count() >= MAX_RATERS:
            raise FeedbackError(
                _("A round takes at most %(count)s raters.") % {"count": MAX_RATERS}
            )
        key = uuid.uuid4()
        secret = tokens.link_secret(key)
        invitation = Invitation.objects.create(
            round=round_,
            key=key,
            token_hash=tokens.fingerprint(secret),
            relationship=relationship,
            email=email,
            name=name.strip()[:200],
            user=colleague,
            language=(colleague.preferred_language if colleague else "") or language,
        )
        RoundEvent.objects.create(round=round_, kind=RoundEventKind.INVITED, count=1)
        invitation_id = invitation.pk
        transaction.on_commit(lambda: _send([invitation_id], "invitation"))
    return invitation, secret


def _send(invitation_ids: list[int], kind: str) -> None:
    from elan.feedback.tasks import send_rater_emails

    send_rater_emails.enqueue(invitation_ids=invitation_ids, kind=kind)


def reminders_send_due(*, today: datetime.date | None = None, now=None) -> int:
    """Remind raters who have not answered, in open rounds up to their closing date, at most
    once every ``REMINDER_INTERVAL_DAYS``. Returns how many reminders go out."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    quiet_since = now - datetime.timedelta(days=REMINDER_INTERVAL_DAYS)
    due = (
        Invitation.objects.filter(
            round__status=RoundStatus.OPEN,
            round__closes_on__gte=today,
            answered=False,
            invited_at__lte=quiet_since,
        )
        .exclude(reminded_at__gt=quiet_since)
        .order_by("pk")
    )
    rows = list(due.values_list("pk", "round_id"))
    if not rows:
        return 0
    ids = [pk for pk, _round in rows]
    per_round: dict[int, int] = {}
    for _pk, round_id in rows:
        per_round[round_id] = per_round.get(round_id, 0) + 1
    with transaction.atomic():
        Invitation.objects.filter(pk__in=ids).update(reminded_at=now)
        RoundEvent.objects.bulk_create(
            RoundEvent(round_id=round_id, kind=RoundEventKind.REMINDED, count=count)
            for round_id, count in sorted(per_round.items())
        )
        transaction.on_commit(lambda: _send(ids, "reminder"))
    return len(ids)


# --- answering ------------------------------------------------------------------------------


def invitation_for_secret(secret: str, *, for_update: bool = False) -> Invitation:
    """The invitation behind a link, or LinkUnavailable saying why it no longer works."""
    rows = Invitation.objects.select_related("round__instrument__scale", "round__owner")
    if for_update:
        rows = rows.select_for_update(of=("self",))
    invitation = rows.filter(token_hash=tokens.fingerprint(secret or "")).first()
    if invitation is None:
        raise LinkUnavailable("unknown", _("This link does not exist. Check the address."))
    if invitation.answered:
        raise LinkUnavailable(
            "used", _("Your answers were already received through this link. Thank you.")
        )
    if not accepts_answers(invitation.round):
        raise LinkUnavailable(
            "closed", _("This feedback round has closed, so the link no longer works.")
        )
    return invitation


def item_specs(instrument: Instrument) -> list[ItemSpec]:
    return [
        ItemSpec(code=item.code, subscale=item.subscale.competency.slug, reverse=item.reverse)
        for item in instrument.items.select_related("subscale__competency")
    ]


def score_answers(instrument: Instrument, answers: dict[str, int]) -> dict:
    scale = Scale(instrument.scale.minimum, instrument.scale.maximum)
    rule = Fraction(instrument.complete_numerator, instrument.complete_denominator)
    return {
        slug: score.as_dict()
        for slug, score in subscale_scores(item_specs(instrument), answers, scale, rule).items()
    }


@transaction.atomic
def response_submit(
    *, secret: str, answers: dict[str, int], comment: str = "", language: str = "en"
) -> RaterResponse:
    """Record one rater's answers and spend the link. A second submission through the same
    link (a double click, a replayed form, a second browser) is refused: the row lock on the
    invitation makes the two requests take turns, and the second finds the link used."""
    invitation = invitation_for_secret(secret, for_update=True)
    instrument = invitation.round.instrument
    items = {item.code: item for item in instrument.items.all()}
    scale = instrument.scale
    for code, value in answers.items():
        if code not in items:
            raise FeedbackError(_("One of the statements is not part of this questionnaire."))
        if value not in scale.values:
            raise FeedbackError(_("Choose one of the answers offered."))
    if not answers:
        raise FeedbackError(_("Answer at least one statement before you send."))
    now = timezone.now()
    response = RaterResponse.objects.create(
        round=invitation.round,
        relationship=invitation.relationship,
        language=language[:8],
        answered_on=timezone.localdate(),
        scores=score_answers(instrument, answers),
        comment=comment.strip()[:4000],
    )
    RaterAnswer.objects.bulk_create(
        RaterAnswer(response=response, item=items[code], value=value)
        for code, value in answers.items()
    )
    invitation.answered = True
    invitation.answered_at = now
    invitation.save(update_fields=["answered", "answered_at"])
    return response


# --- sharing the report ---------------------------------------------------------------------


@transaction.atomic
def report_share_create(*, owner, round_: FeedbackRound, grantee) -> ReportShare:
    if round_.owner_id != owner.pk:
        raise FeedbackError(_("Only the owner can share this report."))
    if grantee is None or not grantee.is_active:
        raise FeedbackError(_("We could not find an active colleague with that address."))
    if grantee.pk == owner.pk:
        raise FeedbackError(_("Your report is already yours: choose someone else."))
    existing = ReportShare.objects.filter(
        round=round_, grantee=grantee, revoked_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    share = ReportShare.objects.create(round=round_, grantee=grantee)
    RoundEvent.objects.create(round=round_, kind=RoundEventKind.SHARED, count=1)
    return share


@transaction.atomic
def report_share_revoke(*, owner, share: ReportShare) -> ReportShare:
    share = ReportShare.objects.select_for_update().select_related("round").get(pk=share.pk)
    if share.round.owner_id != owner.pk:
        raise FeedbackError(_("Only the owner can end this share."))
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        RoundEvent.objects.create(round=share.round, kind=RoundEventKind.SHARE_REVOKED, count=1)
    return share
