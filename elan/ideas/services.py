# SPDX-License-Identifier: EUPL-1.2
"""Writes of the ideas (issue 20). Every write is a keyword-only function in one transaction;
an idea's status moves through ``ensure_transition`` (constants.IDEA_TRANSITIONS) and every
move leaves an appended ``IdeaEvent``. E-mails are queued when the transaction commits, with
plain ids as the task's arguments.

An anonymous idea is written so that nothing names its author: no user on its row, no ``by`` on
its posting's history entry, whose time is the start of the day, no e-mail to the author, no
argument of a task that says who posted it. The private link's token is returned once, to be
shown once; only its SHA-256 is stored.

Failures a person can fix raise Django's ``ValidationError`` with a translated message and a
code, for the page to show beside what they typed. Who may call which write is the rules'
business (``rules.py``); the services keep what must hold whoever calls them.
"""

from __future__ import annotations

import datetime
import secrets
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.experiments import services as experiment_services
from elan.ideas import selectors, tasks
from elan.ideas.constants import (
    CAMPAIGN_TRANSITIONS,
    CLOCK_STATUSES,
    DAILY_IDEA_QUOTA,
    DAILY_REPLY_QUOTA,
    DEFAULT_REMINDER_WORKED_DAYS,
    ESCALATION_WORKED_DAYS,
    IDEA_TRANSITIONS,
    NOT_NOW_MAX_DAYS,
    CampaignStatus,
    HistoryKind,
    Status,
)
from elan.ideas.models import (
    Campaign,
    Comment,
    DailyQuota,
    Idea,
    IdeaEvent,
    IdeaRules,
    Support,
)
from elan.organisations.models import Unit


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _event(idea: Idea, kind: str, by, **fields) -> IdeaEvent:
    return IdeaEvent.objects.create(idea=idea, kind=kind, by=by, **fields)


def _text(value: str, field: str, message: str) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError({field: ValidationError(message, code="required")})
    return cleaned


# --- campaigns ----------------------------------------------------------------------------------


def _ensure_owners_in_organisation(owners: list, unit: Unit) -> None:
    """Owners read every idea of the campaign: they must work in its organisation."""
    outside = [
        person.email
        for person in owners
        if not selectors.in_unit_subtree(user=person, unit=selectors.organisation_of(unit))
    ]
    if outside:
        raise ValidationError(
            {
                "owners": ValidationError(
                    _("Owners work in the campaign's organisation; these do not: %(addresses)s.")
                    % {"addresses": ", ".join(outside)},
                    code="owners",
                )
            }
        )


def _ensure_campaign_dates(opens_on: datetime.date, closes_on: datetime.date) -> None:
    if closes_on < opens_on:
        raise ValidationError(
            {
                "closes_on": ValidationError(
                    _("A campaign cannot close before it opens."), code="dates"
                )
            }
        )


@transaction.atomic
def campaign_create(
    *,
    title: str,
    question: str,
    language: str,
    unit: Unit,
    opens_on: datetime.date,
    closes_on: datetime.date,
    owners: list,
    by,
) -> Campaign:
    """A campaign put to ``unit`` and everything below it; whoever creates it owns it, with the
    other owners named."""
    _ensure_campaign_dates(opens_on, closes_on)
    _ensure_owners_in_organisation(owners, unit)
    campaign = Campaign(
        title=title.strip(),
        question=question.strip(),
        language=language,
        unit=unit,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
    )
    campaign.full_clean()
    campaign.save()
    campaign.owners.set({by, *owners})
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    title: str,
    question: str,
    language: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    owners: list,
    by,
) -> Campaign:
    """Change the campaign's words, dates and owners; its unit stays, as its ideas were posted
    to it. An owner cannot remove themself: another owner does."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.status != CampaignStatus.OPEN:
        raise ValidationError(_("A closed campaign is kept as it was."), code="status")
    _ensure_campaign_dates(opens_on, closes_on)
    _ensure_owners_in_organisation(owners, locked.unit)
    locked.title = title.strip()
    locked.question = question.strip()
    locked.language = language
    locked.opens_on = opens_on
    locked.closes_on = closes_on
    locked.full_clean()
    locked.save()
    locked.owners.set({by, *owners})
    return locked


@transaction.atomic
def campaign_close(*, campaign: Campaign, by) -> Campaign:
    """Stop taking ideas before the closing date. Its ideas keep their clock: each still gets
    its answer."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    try:
        ensure_transition(CAMPAIGN_TRANSITIONS, locked.status, CampaignStatus.CLOSED)
    except TransitionNotAllowed:
        raise ValidationError(_("This campaign is already closed."), code="transition") from None
    locked.status = CampaignStatus.CLOSED
    locked.save(update_fields=["status"])
    return locked


# --- posting --------------------------------------------------------------------------------------


def _quota_key(user, day: datetime.date) -> str:
    # Keyed with the site's secret and the day, so that the row cannot be matched to a person
    # without the secret, and tomorrow's key for the same person is another one.
    return salted_hmac("elan.ideas.quota", f"{day.isoformat()}:{user.pk}").hexdigest()


def _count_against_quota(user, day: datetime.date) -> None:
    key = _quota_key(user, day)
    quota, _created = DailyQuota.objects.select_for_update().get_or_create(
        key_hash=key, defaults={"day": day}
    )
    if quota.count >= DAILY_IDEA_QUOTA:
        raise ValidationError(
            _(
                "You posted %(count)s ideas today, the most one person may post in a day. "
                "Post this one tomorrow."
            )
            % {"count": DAILY_IDEA_QUOTA},
            code="quota",
        )
    DailyQuota.objects.filter(pk=quota.pk).update(count=F("count") + 1)


def _owner_for(*, campaign: Campaign | None, box_unit: Unit | None):
    if campaign is not None:
        return campaign.owners.order_by("pk").first()
    return selectors.box_owners(unit=box_unit).first() if box_unit is not None else None


@transaction.atomic
def idea_post(
    *,
    author,
    title: str,
    body: str,
    language: str,
    anonymous: bool,
    campaign: Campaign | None = None,
    box_unit: Unit | None = None,
    today: datetime.date | None = None,
) -> tuple[Idea, str]:
    """Post an idea to a campaign or to a unit's box. Returns the idea and, for an anonymous
    one, the private link's token (empty for a named idea), to be shown once and never again.

    ``author`` is the person posting, needed for the daily quota; for an anonymous idea it is
    used for nothing else."""
    day = today or selectors.today()
    unit = campaign.unit if campaign is not None else box_unit
    if unit is None or (campaign is not None and box_unit is not None):
        raise ValueError("An idea goes to a campaign or to a box, not both or neither.")
    if campaign is not None and not selectors.accepts_ideas(campaign, day):
        raise ValidationError(_("This campaign does not take ideas now."), code="closed")
    title = _text(title, "title", _("Give your idea a title."))
    body = _text(body, "body", _("Say what your idea is."))
    _count_against_quota(author, day)
    token = secrets.token_urlsafe(32) if anonymous else ""
    idea = Idea(
        campaign=campaign,
        box_unit=box_unit,
        title=title,
        body=body,
        language=language,
        is_anonymous=anonymous,
        author=None if anonymous else author,
        token_hash=selectors.token_hash(token) if anonymous else "",
        posted_on=day,
        owner=_owner_for(campaign=campaign, box_unit=box_unit),
        answer_due=selectors.deadline_after(start=day, unit=unit),
    )
    idea.full_clean(exclude=["author", "owner", "campaign", "box_unit"])
    idea.save()
    _event(
        idea,
        HistoryKind.POSTED,
        None if anonymous else author,
        to_status=idea.status,
        # An anonymous idea's history keeps the day, as its row does.
        **({"at": _start_of(day)} if anonymous else {}),
    )
    transaction.on_commit(partial(tasks.send_new_idea.enqueue, idea_id=idea.pk))
    return idea, token


# --- support and comments ------------------------------------------------------------------------


@transaction.atomic
def idea_support(*, idea: Idea, user) -> bool:
    """Add the person's support; True when it is new. Supporting twice changes nothing."""
    if idea.author_id == user.pk:
        raise ValidationError(_("You cannot support your own idea."), code="own")
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=user, supported_on=selectors.today())
    except IntegrityError:
        return False
    return True


@transaction.atomic
def idea_unsupport(*, idea: Idea, user) -> None:
    Support.objects.filter(idea=idea, user=user).delete()


@transaction.atomic
def comment_add(*, idea: Idea, author, body: str) -> Comment:
    body = _text(body, "body", _("Write your comment."))
    comment = Comment(idea=idea, author=author, body=body, posted_on=selectors.today())
    comment.full_clean(exclude=["author", "idea"])
    comment.save()
    return comment


@transaction.atomic
def comment_add_by_link(*, idea: Idea, body: str) -> Comment:
    """The anonymous author's reply, written through the private link: it names nobody."""
    if not idea.is_anonymous:
        raise ValueError("Only an anonymous idea has a private link.")
    body = _text(body, "body", _("Write your reply."))
    day = selectors.today()
    # Whoever holds the link writes as the author, unnamed and without an account: a daily cap
    # keeps a leaked or shared link from flooding the idea.
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if locked.comments.filter(by_idea_author=True, posted_on=day).count() >= DAILY_REPLY_QUOTA:
        raise ValidationError(
            _("The author has replied %(count)s times today, the most in a day. Reply tomorrow.")
            % {"count": DAILY_REPLY_QUOTA},
            code="quota",
        )
    comment = Comment(idea=idea, by_idea_author=True, body=body, posted_on=day)
    comment.full_clean(exclude=["author", "idea"])
    comment.save()
    transaction.on_commit(partial(tasks.send_author_reply.enqueue, comment_id=comment.pk))
    return comment


# --- moderation --------------------------------------------------------------------------------


@transaction.atomic
def idea_hide(*, idea: Idea, by, reason: str) -> Idea:
    """Hide an idea from its readers, with a reason its author reads (on the idea's page, or
    through the private link)."""
    reason = _text(reason, "reason", _("Say why you hide it: its author reads the reason."))
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    locked.hidden_reason = reason
    locked.save(update_fields=["hidden_reason"])
    _event(locked, HistoryKind.HIDDEN, by)
    return locked


@transaction.atomic
def idea_show(*, idea: Idea, by) -> Idea:
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    locked.hidden_reason = ""
    locked.save(update_fields=["hidden_reason"])
    _event(locked, HistoryKind.SHOWN, by)
    return locked


@transaction.atomic
def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    """Hide a comment, with a reason its author reads in its place."""
    reason = _text(reason, "reason", _("Say why you hide it: its author reads the reason."))
    Comment.objects.filter(pk=comment.pk).update(hidden_reason=reason)
    comment.hidden_reason = reason
    return comment


# --- answers -----------------------------------------------------------------------------------


def is_safe_link(link: str) -> bool:
    """A web address, or a path on Elan itself; never a script, never another site by "//"."""
    if any(character.isspace() for character in link):
        return False
    if link.startswith("/"):
        return not link.startswith("//")
    return link.startswith(("https://", "http://"))


def _ensure_move(idea: Idea, to: str) -> None:
    try:
        ensure_transition(IDEA_TRANSITIONS, idea.status, to)
    except TransitionNotAllowed:
        raise ValidationError(
            _("An idea that is “%(current)s” cannot become “%(to)s”.")
            % {"current": Status(idea.status).label, "to": Status(to).label},
            code="transition",
        ) from None


@transaction.atomic
def idea_answer(
    *,
    idea: Idea,
    by,
    outcome: str,
    reason: str,
    covered_by: str = "",
    look_again_on: datetime.date | None = None,
    language: str = "",
) -> Idea:
    """Answer an idea with one of the four outcomes and a written reason the author reads.

    Taking it forward opens a draft experiment card for the one who answers, linked both ways;
    "already covered" needs a link to what covers it; "not now" needs the day to look again,
    on which the idea comes back to its owner by itself."""
    locked = (
        Idea.objects.select_for_update(of=("self",))
        .select_related("campaign__unit", "box_unit")
        .get(pk=idea.pk)
    )
    if outcome not in {s.value for s in Status} or outcome in CLOCK_STATUSES:
        raise ValidationError({"outcome": _("Choose one of the answers in the list.")})
    _ensure_move(locked, outcome)
    reason = _text(reason, "reason", _("Give the reason: the idea's author reads it."))
    day = selectors.today()
    errors = {}
    if outcome == Status.COVERED and not covered_by.strip():
        errors["covered_by"] = _("Give the link to what already covers it.")
    elif outcome == Status.COVERED and not is_safe_link(covered_by.strip()):
        errors["covered_by"] = _(
            "Give a link that starts with https:// or with / for a page on Elan."
        )
    if outcome == Status.NOT_NOW:
        if look_again_on is None:
            errors["look_again_on"] = _("Give the day to look at it again.")
        elif look_again_on <= day:
            errors["look_again_on"] = _("The day to look again must be after today.")
        elif (look_again_on - day).days > NOT_NOW_MAX_DAYS:
            errors["look_again_on"] = _("Look again within two years.")
    if errors:
        raise ValidationError(errors)
    from_status = locked.status
    locked.status = outcome
    locked.reason = reason
    locked.answered_on = day
    locked.answered_by = by
    locked.covered_by = covered_by.strip() if outcome == Status.COVERED else ""
    locked.look_again_on = look_again_on if outcome == Status.NOT_NOW else None
    if outcome == Status.TAKEN_FORWARD and locked.experiment_id is None:
        locked.experiment = experiment_services.experiment_from_idea(
            owner=by,
            idea_public_id=locked.public_id,
            title=locked.title,
            problem=locked.body,
            language=language or locked.language,
        )
    locked.save()
    _event(locked, HistoryKind.ANSWERED, by, from_status=from_status, to_status=outcome)
    transaction.on_commit(partial(tasks.send_answer.enqueue, idea_id=locked.pk))
    return locked


# --- the clock ----------------------------------------------------------------------------------


Calendars = dict[str, selectors.ClockCalendar]


def _calendar(calendars: Calendars, unit: Unit) -> selectors.ClockCalendar:
    """The unit's clock, read once per run: a daily run over thousands of ideas reads each
    unit's rules and holidays once, not once per idea."""
    if unit.path not in calendars:
        calendars[unit.path] = selectors.calendar_for(unit=unit)
    return calendars[unit.path]


@transaction.atomic
def _escalate(idea: Idea, day: datetime.date, calendars: Calendars) -> bool:
    locked = (
        Idea.objects.select_for_update(of=("self",))
        .select_related("campaign__unit", "box_unit")
        .get(pk=idea.pk)
    )
    if locked.status != Status.WAITING or locked.answer_due >= day:
        return False
    manager = selectors.line_manager_of(person=locked.owner) if locked.owner else None
    unit = selectors.home_unit(locked)
    if manager is None or not manager.is_active:
        # Without a line manager on the chart, the team leads above the idea's unit take it;
        # failing those, HR whose role covers the unit: an idea never waits for nobody.
        above = [
            person
            for person in selectors.box_owners(unit=unit.get_parent() or unit)
            if person.pk != locked.owner_id
        ]
        manager = above[0] if above else selectors.hr_covering(unit=unit)
    locked.status = Status.ESCALATED
    locked.escalated_to = manager
    locked.answer_due = _calendar(calendars, unit).after(day, ESCALATION_WORKED_DAYS)
    locked.save(update_fields=["status", "escalated_to", "answer_due"])
    _event(locked, HistoryKind.ESCALATED, None, from_status=Status.WAITING, to_status=locked.status)
    transaction.on_commit(partial(tasks.send_escalation.enqueue, idea_id=locked.pk))
    return True


@transaction.atomic
def _return(idea: Idea, day: datetime.date, calendars: Calendars) -> bool:
    locked = (
        Idea.objects.select_for_update(of=("self",))
        .select_related("campaign__unit", "box_unit")
        .get(pk=idea.pk)
    )
    if (
        locked.status != Status.NOT_NOW
        or locked.look_again_on is None
        or locked.look_again_on > day
    ):
        return False
    _ensure_move(locked, Status.WAITING)
    locked.status = Status.WAITING
    locked.escalated_to = None
    locked.answer_due = _calendar(calendars, selectors.home_unit(locked)).after(day)
    locked.save(update_fields=["status", "escalated_to", "answer_due"])
    _event(locked, HistoryKind.RETURNED, None, from_status=Status.NOT_NOW, to_status=Status.WAITING)
    transaction.on_commit(partial(tasks.send_returned.enqueue, idea_id=locked.pk))
    return True


@transaction.atomic
def _remind(idea: Idea, day: datetime.date) -> bool:
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if locked.status != Status.WAITING or locked.answer_due < day:
        return False
    if locked.history.filter(kind=HistoryKind.REMINDED, about_date=locked.answer_due).exists():
        return False
    _event(locked, HistoryKind.REMINDED, None, about_date=locked.answer_due)
    transaction.on_commit(partial(tasks.send_reminder.enqueue, idea_id=locked.pk))
    return True


def clock_run(*, today: datetime.date | None = None) -> dict[str, int]:
    """The response clock's daily run: remind owners before the deadline, escalate what is past
    it, bring back each "not now" on its day, and forget yesterday's quotas. A missed day is
    caught up on the next run; nothing is sent twice. Returns what it did, by kind."""
    day = today or selectors.today()
    done = {"reminded": 0, "escalated": 0, "returned": 0}
    calendars: Calendars = {}
    for idea in Idea.objects.filter(status=Status.NOT_NOW, look_again_on__lte=day):
        done["returned"] += _return(idea, day, calendars)
    for idea in Idea.objects.filter(status=Status.WAITING, answer_due__lt=day):
        done["escalated"] += _escalate(idea, day, calendars)
    # Only ideas whose deadline is near can be due a reminder: the longest lead any
    # organisation set, in worked days, spans at most twice as many calendar days plus two
    # weeks of holidays.
    longest = IdeaRules.objects.aggregate(longest=Max("reminder_worked_days"))["longest"]
    horizon = 2 * max(longest or 0, DEFAULT_REMINDER_WORKED_DAYS) + 14
    waiting = Idea.objects.filter(
        status=Status.WAITING,
        answer_due__gte=day,
        answer_due__lte=day + datetime.timedelta(days=horizon),
    ).select_related("campaign__unit", "box_unit")
    for idea in waiting:
        clock = _calendar(calendars, selectors.home_unit(idea))
        if day >= clock.before(idea.answer_due, clock.rules.reminder_worked_days):
            done["reminded"] += _remind(idea, day)
    DailyQuota.objects.filter(day__lt=day).delete()
    return done
