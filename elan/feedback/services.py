# SPDX-License-Identifier: EUPL-1.2
"""Writes for 360 feedback: start a round, choose raters, have the list reviewed, send the
invitations, take an answer, remind, close, share, and erase and scrub what a closed round no
longer needs to know about its raters.

Each function does all of its work or none of it. The ones a browser can send twice (start a
round, invite, answer, share) are idempotent: a double click or a replayed form leaves one row,
and a rater link answers once. Taking an answer is the exception to "one transaction": spending
the link and storing the answers are two, on purpose (see ``response_submit``).
"""

from __future__ import annotations

import datetime
import uuid

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from elan.assessments.models import Assessment
from elan.assessments.services import score_answers
from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.feedback import selectors, tokens
from elan.feedback.constants import (
    ANONYMOUS_GROUPS,
    MAX_OPEN_DAYS,
    MAX_RATERS,
    NO_REVIEWER,
    REMINDER_INTERVAL_DAYS,
    ROUND_TRANSITIONS,
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
from elan.feedback.tasks import send_rater_emails, send_review_emails, take_quality_snapshots


class FeedbackError(ValueError):
    """A request the rules refuse; the message is translated and safe to show."""


class LinkUnavailable(FeedbackError):
    """The rater link is unknown, already used, or its round has closed."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason  # "unknown", "used" or "closed"


# --- rounds ---------------------------------------------------------------------------------


def latest_self_assessment(owner) -> Assessment | None:
    # Its instrument is what a round needs; its scores (answers) are read only by the report.
    return (
        Assessment.objects.filter(owner=owner, status="submitted")
        .defer("scores")
        .select_related("instrument")
        .order_by("-submitted_at")
        .first()
    )


def _owner_rater_secret(owner) -> bytes:
    """The owner's rater-key secret, carried from their latest round that can still unwrap it;
    a new one for a first round (docs/adr/0011)."""
    earlier = (
        FeedbackRound.objects.filter(owner=owner)
        .exclude(rater_secret="")
        .order_by("-created_at", "-pk")
        .values_list("rater_secret", "rater_secret_wrap", "public_id")
    )
    for wrapped, version, public_id in earlier:
        secret = tokens.unwrap_rater_secret(wrapped, version, public_id)
        if secret is not None:
            return secret
    return tokens.new_rater_secret()


def _round_rater_secret(round_: FeedbackRound) -> bytes:
    secret = tokens.unwrap_rater_secret(
        round_.rater_secret, round_.rater_secret_wrap, round_.public_id
    )
    if secret is None:
        # A round from before rater keys, or wrapped under a key no longer configured:
        # its raters get keys under a new secret, which the report can tell apart.
        secret = _owner_rater_secret(round_.owner)
        _store_rater_secret(round_, secret)
        round_.save(update_fields=["rater_secret", "rater_secret_wrap", "rater_secret_id"])
    return secret


def _store_rater_secret(round_: FeedbackRound, secret: bytes) -> None:
    round_.rater_secret, round_.rater_secret_wrap = tokens.wrap_rater_secret(
        secret, round_.public_id
    )
    round_.rater_secret_id = tokens.rater_secret_id(secret)


def rewrap_rater_secrets() -> int:
    """Wrap again under the current SECRET_KEY every round's secret still wrapped under a
    fallback key (for the daily scheduler), so that dropping the fallback later loses nothing.
    Returns how many it rewrapped."""
    rewrapped = 0
    for round_ in FeedbackRound.objects.exclude(rater_secret="").order_by("pk"):
        if tokens.is_wrapped_under_current_key(round_.rater_secret_wrap):
            continue
        secret = tokens.unwrap_rater_secret(
            round_.rater_secret, round_.rater_secret_wrap, round_.public_id
        )
        if secret is None:
            continue
        _store_rater_secret(round_, secret)
        round_.save(update_fields=["rater_secret", "rater_secret_wrap", "rater_secret_id"])
        rewrapped += 1
    return rewrapped


def round_open(
    *, owner, closes_on: datetime.date, token: uuid.UUID, today: datetime.date | None = None
) -> tuple[FeedbackRound, bool]:
    """A round on the instrument of the owner's latest self-assessment; (round, created).

    The round starts as a draft: the owner chooses the raters, then sends the list for review.
    One round at a time: the reports of one owner are guarded together in the order the rounds
    came, which must be the order their reports opened in. The same start form (token) gives
    the same round, so a double click starts one.
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
    if FeedbackRound.objects.filter(owner=owner).exclude(status=RoundStatus.CLOSED).exists():
        raise FeedbackError(
            _("You already have a feedback round that is not closed. Close it to start another.")
        )
    try:
        with transaction.atomic():
            round_ = FeedbackRound(
                owner=owner,
                instrument=assessment.instrument,
                token=token,
                closes_on=closes_on,
                status=RoundStatus.DRAFT,
                **FeedbackRound.default_thresholds(),
            )
            _store_rater_secret(round_, _owner_rater_secret(owner))
            round_.lock_thresholds()
            round_.save()
            RoundEvent.objects.create(round=round_, kind=RoundEventKind.OPENED)
    except IntegrityError:
        # The same token won a race in another request: that round is this one.
        return FeedbackRound.objects.get(token=token), False
    return round_, True


@transaction.atomic
def round_transition(
    *, round_: FeedbackRound, to_status: str, event: str | None = None, note: str = ""
) -> FeedbackRound:
    round_ = FeedbackRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status == to_status:
        return round_
    try:
        ensure_transition(ROUND_TRANSITIONS, round_.status, to_status)
    except TransitionNotAllowed as refused:
        raise FeedbackError(_("This round cannot move to that status.")) from refused
    round_.status = to_status
    if to_status == RoundStatus.CLOSED:
        round_.closed_at = timezone.now()
    round_.save(update_fields=["status", "closed_at"])
    RoundEvent.objects.create(round=round_, kind=event or to_status, note=note)
    if to_status == RoundStatus.CLOSED:
        # In the same transaction: a round is never closed with its raters' details kept, nor
        # with its answers still in the order they came in.
        round_erase_rater_details(round_=round_)
        scrub_answer_storage(round_=round_)
        # Its answers may now count towards instrument quality, in a step (quality.py).
        transaction.on_commit(_take_quality_snapshots)
    return round_


def _take_quality_snapshots() -> None:
    take_quality_snapshots.enqueue()


def round_close(*, owner, round_: FeedbackRound) -> FeedbackRound:
    """The owner ends the round early (or gives up a list not sent yet); links stop at once."""
    if round_.owner_id != owner.pk:
        raise FeedbackError(_("Only the owner can close this round."))
    return round_transition(round_=round_, to_status=RoundStatus.CLOSED)


def close_due_rounds(*, today: datetime.date | None = None) -> int:
    """Close every round whose closing date has passed (for the daily scheduler), a list that
    never went out included."""
    today = today or timezone.localdate()
    due = FeedbackRound.objects.exclude(status=RoundStatus.CLOSED).filter(closes_on__lt=today)
    closed = 0
    for round_ in due.order_by("pk"):
        round_transition(round_=round_, to_status=RoundStatus.CLOSED)
        closed += 1
    return closed


# --- the rater list's review ----------------------------------------------------------------


def round_send_list(*, owner, round_: FeedbackRound) -> FeedbackRound:
    """The owner is done choosing: the list goes to the reviewer, or, when nobody can review it
    (no line manager and no HR within scope), out to the raters, recorded with that reason."""
    if round_.owner_id != owner.pk:
        raise FeedbackError(_("Only the owner can send this list."))
    round_ = FeedbackRound.objects.get(pk=round_.pk)  # as it is now
    if round_.status != RoundStatus.DRAFT:
        raise FeedbackError(_("This rater list has already been sent."))
    if not Invitation.objects.filter(round=round_).exists():
        raise FeedbackError(_("Add at least one rater first."))
    reviewers = selectors.reviewers_of(owner)
    if not reviewers:
        with transaction.atomic():
            round_ = round_transition(
                round_=round_,
                to_status=RoundStatus.OPEN,
                event=RoundEventKind.REVIEW_SKIPPED,
                note=NO_REVIEWER,
            )
            _send_invitations(round_)
        return round_
    with transaction.atomic():
        round_ = round_transition(
            round_=round_,
            to_status=RoundStatus.IN_REVIEW,
            event=RoundEventKind.SUBMITTED_FOR_REVIEW,
        )
        round_id = round_.pk
        transaction.on_commit(lambda: _notify(round_id, "review_requested"))
    return round_


def _check_reviewer(reviewer, round_: FeedbackRound) -> FeedbackRound:
    round_ = FeedbackRound.objects.select_related("owner").get(pk=round_.pk)  # as it is now
    if not selectors.is_reviewer(user=reviewer, round_=round_):
        raise FeedbackError(_("Only the reviewer of this rater list can do that."))
    if round_.status != RoundStatus.IN_REVIEW:
        raise FeedbackError(_("This rater list is not waiting for a review."))
    return round_


def round_approve(
    *, reviewer, round_: FeedbackRound, today: datetime.date | None = None
) -> FeedbackRound:
    """The reviewer agrees with the list: the invitations go out, the owner is told."""
    today = today or timezone.localdate()
    round_ = _check_reviewer(reviewer, round_)
    if round_.closes_on < today:
        raise FeedbackError(_("The closing date of this round has passed: send the list back."))
    with transaction.atomic():
        round_ = round_transition(
            round_=round_, to_status=RoundStatus.OPEN, event=RoundEventKind.APPROVED
        )
        _send_invitations(round_)
        round_id = round_.pk
        transaction.on_commit(lambda: _notify(round_id, "list_approved"))
    return round_


def round_send_back(*, reviewer, round_: FeedbackRound, note: str) -> FeedbackRound:
    """The reviewer challenges the list: back to the owner as a draft, with the note."""
    round_ = _check_reviewer(reviewer, round_)
    note = (note or "").strip()[:2000]
    if not note:
        raise FeedbackError(_("Say what the owner should change."))
    with transaction.atomic():
        round_ = round_transition(
            round_=round_, to_status=RoundStatus.DRAFT, event=RoundEventKind.SENT_BACK, note=note
        )
        round_id = round_.pk
        transaction.on_commit(lambda: _notify(round_id, "list_sent_back"))
    return round_


def _send_invitations(round_: FeedbackRound) -> None:
    invitations = Invitation.objects.filter(round=round_)
    invitations.update(invited_at=timezone.now())
    ids = list(invitations.order_by("pk").values_list("pk", flat=True))
    transaction.on_commit(lambda: _send(ids, "invitation"))


def _notify(round_id: int, kind: str) -> None:
    send_review_emails.enqueue(round_id=round_id, kind=kind)


# --- data minimisation once a round is closed -----------------------------------------------

# What a closed round's invitations lose. What they keep: the rater group (the owner's invited
# count per group; a group with fewer answers than the minimum is stored as "others"),
# ``answered`` (the answer count; a used link says it was used), the link's fingerprint (a
# closed link still finds its "closed" page) and, for raters who answered, the rater key (later
# rounds are guarded against this one) unless fewer than the minimum answered.
_ERASED_RATER_DETAILS = {
    "email": "",
    "name": "",
    "user": None,
    "invited_at": None,
    "reminded_at": None,
}


def _holds_rater_details() -> Q:
    return (
        ~Q(email="")
        | ~Q(name="")
        | Q(user__isnull=False)
        | Q(invited_at__isnull=False)
        | Q(reminded_at__isnull=False)
        | (Q(answered=False) & ~Q(rater_key=""))
    )


@transaction.atomic
def round_erase_rater_details(*, round_: FeedbackRound) -> int:
    """Erase from a closed round's invitations the address, name, account and times.

    They served to send the links and reminders and to know who still had to answer; once the
    round is closed that is over. The rater key of someone who did not answer goes too: they
    are in no figure, so no later round needs to be guarded against them. Small rater groups
    are then stored as "others" (``selectors.merge_rater_groups``). Records the erasure in
    the round's history and returns how many invitations it erased. Idempotent: a second call
    finds nothing left, erases nothing and records nothing.
    """
    round_ = FeedbackRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status != RoundStatus.CLOSED:
        raise FeedbackError(_("Raters' details are erased only once the round is closed."))
    holding = Invitation.objects.filter(round=round_).filter(_holds_rater_details())
    erased = holding.count()
    if erased:
        Invitation.objects.filter(round=round_).update(**_ERASED_RATER_DETAILS)
        Invitation.objects.filter(round=round_, answered=False).update(rater_key="")
        RoundEvent.objects.create(
            round=round_, kind=RoundEventKind.RATER_DETAILS_ERASED, count=erased
        )
    # The language a page was answered in pairs the answer with the invitation whose e-mails
    # went out in that language (a French speaker among Dutch-speaking peers); nothing reads
    # it once the round is closed (issue 13, point 7).
    RaterResponse.objects.filter(round=round_).exclude(language="").update(language="")
    _pool_small_rater_groups(round_)
    return erased


def _pool_small_rater_groups(round_: FeedbackRound) -> None:
    """Store small rater groups under "others" (``selectors.merge_rater_groups``), answers and
    invitations alike, so that the report and the owner's counts still agree; and when fewer
    than the minimum answered in all, erase their rater keys: no figure of the round is shown,
    so no later round has to be guarded against them, and a key would pair them with the few
    answers. Idempotent, and run again for an answer stored as the round closed."""
    rows = RaterResponse.objects.filter(round=round_, relationship__in=ANONYMOUS_GROUPS)
    by_group: dict[str, set[int]] = {}
    for number, relationship in enumerate(rows.values_list("relationship", flat=True)):
        by_group.setdefault(relationship, set()).add(number)
    pooled = selectors.merge_rater_groups(by_group, round_.min_raters).merged
    if pooled:
        others = Relationship.OTHER.value
        RaterResponse.objects.filter(round=round_, relationship__in=pooled).update(
            relationship=others
        )
        Invitation.objects.filter(round=round_, relationship__in=pooled).update(relationship=others)
    if 0 < sum(map(len, by_group.values())) < round_.min_raters:
        Invitation.objects.filter(round=round_, relationship__in=ANONYMOUS_GROUPS).exclude(
            rater_key=""
        ).update(rater_key="")


def _rounds_with_pairable_groups() -> set[int]:
    """Closed rounds that still store an anonymous group below the minimum while keeping rater
    keys: rounds closed before groups were pooled, or an answer stored as the round closed."""
    small = (
        RaterResponse.objects.filter(
            round__status=RoundStatus.CLOSED, relationship__in=ANONYMOUS_GROUPS
        )
        .values("round_id", "relationship")
        .annotate(n=Count("pk"))
        .filter(n__lt=F("round__min_raters"))
        .values_list("round_id", flat=True)
    )
    keyed = Invitation.objects.filter(
        round_id__in=set(small), relationship__in=ANONYMOUS_GROUPS, answered=True
    ).exclude(rater_key="")
    return set(keyed.values_list("round_id", flat=True))


def erase_rater_details_of_closed_rounds() -> int:
    """Erase what closed rounds still hold about their raters (for the daily scheduler).

    Closing a round erases at once, so this finds rounds closed before that was so (or before
    small rater groups were pooled), and a rater who answered in the very moment the round
    closed. Returns how many rounds it erased invitations of.
    """
    round_ids = set(
        Invitation.objects.filter(round__status=RoundStatus.CLOSED)
        .filter(_holds_rater_details())
        .values_list("round_id", flat=True)
        .distinct()
    )
    erased = 0
    pairable = _rounds_with_pairable_groups()
    for round_ in FeedbackRound.objects.filter(pk__in=round_ids | pairable).order_by("pk"):
        if round_erase_rater_details(round_=round_):
            erased += 1
    return erased


def scrub_answer_storage(*, round_: FeedbackRound) -> None:
    """Rewrite a closed round's answers so that the database's own bookkeeping no longer says
    in which order they came in, nor in which transaction.

    The same storage scrub as the surveys' (``elan.insights.storage.scrub_storage_order``): on
    PostgreSQL a row keeps the id of the transaction that wrote it (``xmin``) and new rows land
    on disk in the order they were written; SQLite keeps that order in its hidden rowid. So the
    round's responses and answers are copied aside, deleted and inserted again in one
    transaction, in the order of their random UUIDs: one ``xmin`` for all, an order that
    carries no time. Runs in the closing transaction. What it cannot reach (dead rows before
    VACUUM, WAL archives, backups) is in docs/feedback.md.
    """
    temporary = "CREATE TEMPORARY TABLE {name} AS"
    responses = RaterResponse._meta.db_table
    answers = RaterAnswer._meta.db_table
    statements = [
        f"{temporary.format(name='feedback_scrub_r')} "
        f"SELECT * FROM {responses} WHERE round_id = %(round)s",
        f"{temporary.format(name='feedback_scrub_a')} SELECT a.* FROM {answers} a "
        f"JOIN feedback_scrub_r r ON a.response_id = r.id",
        f"DELETE FROM {answers} WHERE response_id IN (SELECT id FROM feedback_scrub_r)",
        f"DELETE FROM {responses} WHERE round_id = %(round)s",
        f"INSERT INTO {responses} SELECT * FROM feedback_scrub_r ORDER BY id",
        f"INSERT INTO {answers} SELECT * FROM feedback_scrub_a ORDER BY id",
    ]
    # Dropped at once, not only at commit: closing several rounds in one transaction (the
    # daily job inside a caller's transaction) would otherwise meet the first round's copies.
    statements += ["DROP TABLE feedback_scrub_r", "DROP TABLE feedback_scrub_a"]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement, {"round": round_.pk})


def accepts_answers(round_: FeedbackRound, today: datetime.date | None = None) -> bool:
    """Open and not past its closing date (the whole closing day still counts)."""
    today = today or timezone.localdate()
    return round_.status == RoundStatus.OPEN and today <= round_.closes_on


# --- invitations ----------------------------------------------------------------------------


def _check_rater(*, owner, colleague, email: str, relationship: str) -> None:
    """Anonymous groups hold only distinct, verified colleagues in their real relation to the
    owner; the line manager is the recorded one; anyone else answers attributed, apart."""
    if colleague is not None and colleague.pk == owner.pk:
        raise FeedbackError(_("Your own view is your self-assessment: invite someone else."))
    if relationship == Relationship.EXTERNAL:
        if colleague is not None:
            raise FeedbackError(
                _(
                    "%(email)s is a colleague in the organisation: invite them as your line "
                    "manager, a peer, a direct report or another colleague."
                )
                % {"email": email}
            )
        return
    if colleague is None:
        raise FeedbackError(
            _(
                "%(email)s is not an account of the organisation, so it cannot count among "
                "your colleagues. Invite this person as someone outside the organisation: "
                "their answers are then shown apart, not anonymously, and their form says so."
            )
            % {"email": email}
        )
    manager = selectors.line_manager_of(owner)
    name = colleague.get_full_name() or colleague.email
    if relationship == Relationship.MANAGER:
        if manager is None:
            raise FeedbackError(
                _("You have no recorded line manager, so nobody can answer as your line manager.")
            )
        if colleague.pk != manager.pk:
            raise FeedbackError(
                _("Only %(name)s, your recorded line manager, can answer as your line manager.")
                % {"name": manager.get_full_name() or manager.email}
            )
        return
    if manager is not None and colleague.pk == manager.pk:
        raise FeedbackError(
            _("%(name)s is your recorded line manager: invite them as your line manager.")
            % {"name": name}
        )
    is_report = selectors.reports_to(person=colleague, manager=owner)
    if relationship == Relationship.DIRECT_REPORT and not is_report:
        raise FeedbackError(
            _("%(name)s does not report to you on the organisation chart.") % {"name": name}
        )
    if relationship != Relationship.DIRECT_REPORT and is_report:
        raise FeedbackError(
            _("%(name)s reports to you: invite them as a direct report.") % {"name": name}
        )


def invitation_create(
    *,
    owner,
    round_: FeedbackRound,
    email: str,
    relationship: str,
    name: str = "",
    language: str = "en",
) -> tuple[Invitation, str]:
    """Put one rater on the list; returns (invitation, link secret). Nothing is sent before
    the list is approved. Listing the same address again returns the existing invitation."""
    email = email.strip().lower()
    if round_.owner_id != owner.pk:
        raise FeedbackError(_("Only the owner can invite raters."))
    if relationship not in Relationship.values:
        raise FeedbackError(_("Choose how this person knows you."))
    if email == (owner.email or "").lower():
        raise FeedbackError(_("Your own view is your self-assessment: invite someone else."))
    colleague = selectors.colleague_by_email(email)
    with transaction.atomic():
        round_ = FeedbackRound.objects.select_for_update().get(pk=round_.pk)
        if round_.status != RoundStatus.DRAFT:
            raise FeedbackError(_("The rater list can change only before it is sent for review."))
        existing = Invitation.objects.filter(round=round_, email=email).first()
        if existing is not None:
            return existing, tokens.link_secret(existing.key)
        _check_rater(owner=owner, colleague=colleague, email=email, relationship=relationship)
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
            rater_key=(
                tokens.rater_key(_round_rater_secret(round_), colleague.pk) if colleague else ""
            ),
        )
        RoundEvent.objects.create(round=round_, kind=RoundEventKind.INVITED, count=1)
    return invitation, secret


@transaction.atomic
def invitation_remove(*, owner, invitation: Invitation) -> None:
    """Take a rater off a list that has not gone out yet (the reviewer may have asked)."""
    round_ = FeedbackRound.objects.select_for_update().get(pk=invitation.round_id)
    if round_.owner_id != owner.pk:
        raise FeedbackError(_("Only the owner can change the rater list."))
    if round_.status != RoundStatus.DRAFT:
        raise FeedbackError(_("The rater list can change only before it is sent for review."))
    deleted, _rows = Invitation.objects.filter(pk=invitation.pk, round=round_).delete()
    if deleted:
        RoundEvent.objects.create(round=round_, kind=RoundEventKind.RATER_REMOVED, count=1)


def _send(invitation_ids: list[int], kind: str) -> None:
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


def _mark_answered(round_id: int, invitation_id: int, answered: bool) -> None:
    # Every invitation of the round is rewritten, so on PostgreSQL they all carry the id of
    # this transaction: which one was just used cannot be read from the rows' bookkeeping.
    Invitation.objects.filter(round_id=round_id).update(
        answered=Case(When(pk=invitation_id, then=Value(answered)), default=F("answered"))
    )


@transaction.atomic
def _spend_link(secret: str) -> Invitation:
    # The round's row lock makes the raters of one round (and its closing) take turns; the
    # invitation's makes a second submission through the same link find it used.
    unlocked = invitation_for_secret(secret)
    FeedbackRound.objects.select_for_update().get(pk=unlocked.round_id)
    invitation = invitation_for_secret(secret, for_update=True)
    _mark_answered(invitation.round_id, invitation.pk, True)
    return invitation


@transaction.atomic
def _store_answers(
    *, invitation: Invitation, items: dict, answers: dict[str, int], comment: str, language: str
) -> RaterResponse:
    round_ = FeedbackRound.objects.select_for_update().get(pk=invitation.round_id)
    if not accepts_answers(round_):
        raise LinkUnavailable(
            "closed", _("This feedback round has closed, so the link no longer works.")
        )
    response = RaterResponse.objects.create(
        round=round_,
        relationship=invitation.relationship,
        language=language[:8],
        answered_on=timezone.localdate(),
        scores=score_answers(instrument=round_.instrument, answers=answers),
        comment=comment.strip()[:4000],
    )
    RaterAnswer.objects.bulk_create(
        RaterAnswer(response=response, item=items[code], value=value)
        for code, value in answers.items()
    )
    return response


def response_submit(
    *, secret: str, answers: dict[str, int], comment: str = "", language: str = "en"
) -> RaterResponse:
    """Record one rater's answers and spend the link, once.

    Two transactions on purpose: rows written in one transaction share its id on PostgreSQL
    (``xmin``), which would pair the answers with the invitation while the round is open. The
    link is spent first, under row locks, so a second submission through it (a double click, a
    second browser) finds it used; the answers follow in their own transaction. Should storing
    them fail, the link is given back, so an answer is never counted without its figures.
    """
    invitation = invitation_for_secret(secret)
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
    invitation = _spend_link(secret)
    try:
        return _store_answers(
            invitation=invitation,
            items=items,
            answers=answers,
            comment=comment,
            language=language,
        )
    except BaseException:
        with transaction.atomic():
            FeedbackRound.objects.select_for_update().get(pk=invitation.round_id)
            _mark_answered(invitation.round_id, invitation.pk, False)
        raise


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
