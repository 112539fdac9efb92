# SPDX-License-Identifier: EUPL-1.2
"""Reads for 360 feedback: rounds, counts, the report under the anonymity guard, and the
public surface other apps use (``growth_skills_seen_by_others`` for the development plan).

How the report protects raters (docs/feedback.md):

1. rater categories below the minimum merge into "others", and when "others" is still below
   it, every category does (``merge_rater_groups``, the grouping a closed round stores);
2. the merged categories and the all-raters total go through the guard as one family, so a
   difference between two figures can never single out fewer than the minimum;
3. per skill, only the raters with a score on that skill count, so each skill runs the guard
   again over those raters: a skill a rater left out cannot expose the others of their group;
4. comments are shown only when at least the minimum of raters wrote one, all groups together,
   in an order that does not follow the order they came in.

The line manager's answers are attributed by design and stay outside the anonymous groups.
"""

from __future__ import annotations

import hashlib
import itertools
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from elan.assessments.models import Assessment
from elan.assessments.scoring import strengths_and_growth
from elan.core.anonymity import (
    CandidateGroup,
    GroupKind,
    RaterMerge,
    Released,
    guard,
    merge_small_rater_groups,
)
from elan.core.anonymity.display import marker_label
from elan.core.charts import Chart, Series, bar_chart
from elan.core.numbers import format_score
from elan.feedback.constants import (
    ALL_RATERS,
    ANONYMOUS_GROUPS,
    ATTRIBUTED_GROUPS,
    GROUP_LABELS,
    NOTABLE_GAP,
    Relationship,
    RoundEventKind,
    RoundStatus,
)
from elan.feedback.models import FeedbackRound, Invitation, RaterResponse, ReportShare, RoundEvent
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord
from elan.organisations.selectors import colleague_by_email as chart_colleague_by_email
from elan.organisations.selectors import coverage_of, users_covering
from elan.skills.models import Competency
from elan.skills.multilingual import localize

OTHERS = Relationship.OTHER.value


# --- rounds and who may see them --------------------------------------------------------------


def rounds_of(*, owner) -> QuerySet[FeedbackRound]:
    return (
        FeedbackRound.objects.filter(owner=owner)
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("invitations", filter=Q(invitations__answered=True), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def own_round(*, owner, public_id) -> FeedbackRound | None:
    """The owner's round, or None: someone else's round does not exist for them."""
    if not getattr(owner, "is_authenticated", False):
        return None
    return (
        FeedbackRound.objects.filter(owner=owner, public_id=public_id)
        .select_related("instrument__scale")
        .first()
    )


def invitations_of(round_: FeedbackRound) -> QuerySet[Invitation]:
    # Deliberately without answered: the owner learns how many answered, never who.
    return (
        Invitation.objects.filter(round=round_)
        .select_related("user")
        .only(
            "email",
            "name",
            "relationship",
            "invited_at",
            "round_id",
            "user__first_name",
            "user__last_name",
            "user__email",
        )
        .order_by("pk")
    )


def rater_display_name(invitation: Invitation) -> str:
    """A colleague by the name of their account; someone outside by what the owner typed."""
    if invitation.user_id is not None:
        user = invitation.user
        assert user is not None  # user_id is set
        return user.get_full_name() or user.email
    return invitation.name or invitation.email


# --- colleagues, and who reviews a rater list ----------------------------------------------


def colleague_by_email(email: str):
    """The active account with a staff record behind an address, or None.

    Only such accounts are verified colleagues: an address anyone can create, or an account
    that is not on the organisation chart, never counts in an anonymous rater group.
    """
    return chart_colleague_by_email(email)


def line_manager_of(person):
    """The person's recorded line manager, while their account is active; else None."""
    record = StaffRecord.objects.filter(user=person).select_related("line_manager").first()
    manager = record.line_manager if record and record.line_manager_id else None
    return manager if manager is not None and manager.is_active else None


def reports_to(*, person, manager) -> bool:
    return StaffRecord.objects.filter(user=person, line_manager=manager).exists()


def _hr_covering(person) -> QuerySet:
    """Active HR officers whose scope covers the person's unit (never the person themselves)."""
    record = StaffRecord.objects.filter(user=person).select_related("unit").first()
    if record is None:
        return get_user_model().objects.none()
    return (
        users_covering(unit=record.unit, role=Role.HR)
        .filter(is_active=True)
        .exclude(pk=person.pk)
        .order_by("pk")
    )


def reviewers_of(owner) -> list:
    """Who reviews the owner's rater list: the recorded line manager; when there is none, HR
    within the owner's scope; when there is neither, nobody (the list goes out unreviewed, and
    the round's history says why). Read at each request, so the chart of today decides."""
    manager = line_manager_of(owner)
    if manager is not None:
        return [manager]
    return list(_hr_covering(owner))


def is_reviewer(*, user, round_: FeedbackRound) -> bool:
    if not getattr(user, "is_authenticated", False) or user.pk == round_.owner_id:
        return False
    return any(reviewer.pk == user.pk for reviewer in reviewers_of(round_.owner))


def rounds_to_review(*, viewer) -> list[FeedbackRound]:
    """Rater lists waiting for the viewer's review: ``is_reviewer``'s rule (the owner's active
    line manager; when there is none, HR whose scope covers the owner's unit) asked of every
    round in one query, so that the list costs the same for two lists as for fifty."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return []
    reviews = Q(owner__staff_record__line_manager=viewer)
    hr = coverage_of(user=viewer, role=Role.HR)
    if not hr.is_empty:
        no_manager = Q(owner__staff_record__line_manager__isnull=True) | Q(
            owner__staff_record__line_manager__is_active=False
        )
        reviews |= (
            no_manager
            & Q(owner__staff_record__isnull=False)
            & hr.unit_filter("owner__staff_record__unit__")
        )
    return list(
        FeedbackRound.objects.filter(status=RoundStatus.IN_REVIEW)
        .filter(reviews)
        .exclude(owner=viewer)
        .select_related("owner")
        .order_by("created_at", "pk")
    )


def round_for_review(*, viewer, public_id) -> FeedbackRound | None:
    """A round whose rater list the viewer may review, or None: for anyone else it does not
    exist. Only while the list awaits review."""
    round_ = (
        FeedbackRound.objects.filter(public_id=public_id, status=RoundStatus.IN_REVIEW)
        .select_related("owner")
        .first()
    )
    if round_ is None or not is_reviewer(user=viewer, round_=round_):
        return None
    return round_


def last_sent_back_note(round_: FeedbackRound) -> str:
    event = (
        RoundEvent.objects.filter(round=round_, kind=RoundEventKind.SENT_BACK)
        .order_by("-at", "-pk")
        .first()
    )
    return event.note if event else ""


def invited_per_group(round_: FeedbackRound) -> list[tuple[str, int]]:
    """(group label, invited) per rater group, in the order of ``Relationship``: all the owner's
    page can show once the round is closed and the addresses and names are erased."""
    counts = dict(
        Invitation.objects.filter(round=round_)
        .values_list("relationship")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        (str(GROUP_LABELS[relationship]), counts[relationship])
        for relationship in Relationship.values
        if counts.get(relationship)
    ]


def answer_counts(round_: FeedbackRound) -> tuple[int, int]:
    """(invited, answered) for the whole round."""
    counts = Invitation.objects.filter(round=round_).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered=True))
    )
    return counts["invited"], counts["answered"]


def active_report_share(*, viewer, round_: FeedbackRound) -> ReportShare | None:
    if not getattr(viewer, "is_authenticated", False):
        return None
    return ReportShare.objects.filter(round=round_, grantee=viewer, revoked_at__isnull=True).first()


def shares_of(round_: FeedbackRound) -> QuerySet[ReportShare]:
    return ReportShare.objects.filter(round=round_).select_related("grantee")


def shared_with(*, viewer) -> QuerySet[ReportShare]:
    return (
        ReportShare.objects.filter(grantee=viewer, revoked_at__isnull=True)
        .select_related("round__owner")
        .order_by("-created_at")
    )


def share_for_viewer(*, share_id, viewer) -> ReportShare | None:
    """An active share granted to the viewer; a revoked or foreign one does not exist."""
    if not getattr(viewer, "is_authenticated", False):
        return None
    return (
        ReportShare.objects.filter(pk=share_id, grantee=viewer, revoked_at__isnull=True)
        .select_related("round__owner", "round__instrument__scale")
        .first()
    )


# --- the report -----------------------------------------------------------------------------


def report_is_open(round_: FeedbackRound) -> bool:
    """Whether the raters' figures may be shown: only once the round takes no more answers.

    While answers still come in, two looks at the report (before and after one more rater)
    would give away that rater's scores by difference, whatever the group sizes. A closed round
    is fixed, so every look shows the same figures. A list that never went out has none.
    """
    if round_.status == RoundStatus.CLOSED:
        return True
    return round_.status == RoundStatus.OPEN and timezone.localdate() > round_.closes_on


@dataclass
class SkillRow:
    slug: str
    name: str
    self_score: float | None
    others: float | None  # all anonymous raters together, when released
    manager: float | None
    external: float | None = None  # raters from outside the organisation, attributed
    groups: dict[str, float | None] = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        if self.self_score is None or self.others is None:
            return None
        return round(self.others - self.self_score, 2)


@dataclass
class GroupView:
    key: str
    label: str
    shown: bool
    raters: int | None  # None when hidden: a hidden group carries no number at all
    hidden_because: str = ""


@dataclass
class Report:
    round: FeedbackRound
    invited: int
    answered: int
    min_raters: int
    skills: list[SkillRow]
    groups: list[GroupView]
    merged: list[str]
    others_shown: bool
    others_count: int | None
    manager_answered: bool
    external_count: int  # raters from outside the organisation who answered, attributed
    external_comments: list[str]
    blind_spots: list[SkillRow]
    hidden_strengths: list[SkillRow]
    comments: list[str]
    manager_comment: str
    self_assessment: Assessment | None
    overview_chart: Chart | None
    groups_chart: Chart | None
    maximum: int
    minimum: int

    @property
    def shown_groups(self) -> list[GroupView]:
        return [group for group in self.groups if group.shown]


def _number(value: float | None) -> str:
    return format_score(value)


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def _shuffle_key(round_: FeedbackRound, response_id) -> str:
    # Fixed for a report (so reloading does not reshuffle and compare), unrelated to the
    # order the answers came in: a keyed hash of the random response id.
    return hashlib.sha256(f"{round_.public_id}:{response_id}".encode()).hexdigest()


def _guarded_groups(round_, members: dict[str, frozenset[int]]) -> dict[str, int | None]:
    """Run the guard over merged rater groups plus their total; n per key, None if hidden."""
    total = frozenset().union(*members.values()) if members else frozenset()
    candidates = [
        CandidateGroup(key=("group", name), members=ids, kind=GroupKind.RATERS)
        for name, ids in members.items()
    ]
    candidates.append(
        CandidateGroup(key=("group", ALL_RATERS), members=total, kind=GroupKind.RATERS)
    )
    result = guard(round_.guard_context(), candidates)
    shown: dict[str, int | None] = {}
    for key, outcome in result.items():
        assert isinstance(key, tuple)  # the ("group", name) keys made above
        _prefix, name = key
        shown[name] = outcome.n if isinstance(outcome, Released) else None
    return shown


# --- rounds of one owner, guarded together (docs/adr/0011) ----------------------------------


@dataclass
class _Decision:
    """What one round's report shows of its anonymous raters, and who those raters are (by
    rater key, never linked to an answer)."""

    merge: RaterMerge  # over response numbers
    shown: dict[str, int | None]  # per merged group and ALL_RATERS: n, or None if hidden
    people: dict[str, frozenset[str]]  # per merged group and ALL_RATERS: rater keys
    complete_skills: frozenset[str]  # skills every anonymous rater of the round scored
    secret_id: str  # which owner's secret the rater keys were made with
    exposed_to: list[_Decision] = field(default_factory=list)  # earlier rounds sharing raters

    @property
    def released_people(self) -> list[frozenset[str]]:
        return [self.people[name] for name, n in self.shown.items() if n is not None]


def merge_rater_groups(groups: Mapping[str, Iterable[int]], minimum: int) -> RaterMerge:
    """The anonymous rater groups as the report shows them and a closed round stores them.

    An answer keeps its group and an answered invitation keeps its group and its rater key, so
    a group in which fewer than ``minimum`` raters answered would pair its answers with the keys
    of those few (one direct report: one answer, one key). A group below the minimum goes into
    "others", and when "others" is still below it, every anonymous group does.
    """
    return merge_small_rater_groups(
        {name: ids for name, ids in groups.items() if ids},
        minimum,
        others=OTHERS,
        fold_all_while_small=True,
    )


def _anonymous_rows(round_: FeedbackRound) -> list[Mapping[str, Any]]:
    rows: list[Mapping[str, Any]] = list(
        RaterResponse.objects.filter(round=round_, relationship__in=ANONYMOUS_GROUPS).values(
            "id", "relationship", "scores", "comment"
        )
    )
    # Respondent numbers for the guard: stable within the report, in id order (random UUIDs).
    rows.sort(key=lambda row: str(row["id"]))
    return rows


def _people(
    round_: FeedbackRound, rows: list[Mapping[str, Any]]
) -> dict[str, frozenset[str]] | None:
    """Who answered in each anonymous group, by rater key; None when the invitations and the
    answers disagree (a crash between spending a link and storing its answers), and the round
    then shows no anonymous figure: the guard would be reasoning about the wrong people."""
    by_relationship: dict[str, set[str]] = {name: set() for name in ANONYMOUS_GROUPS}
    answered = Invitation.objects.filter(
        round=round_, answered=True, relationship__in=ANONYMOUS_GROUPS
    ).values_list("pk", "relationship", "rater_key")
    for pk, relationship, key in answered:
        # A round from before rater keys: each rater counts as someone new (docs/adr/0011).
        by_relationship[relationship].add(key or f"unkeyed:{round_.pk}:{pk}")
    for name in ANONYMOUS_GROUPS:
        if len(by_relationship[name]) != sum(1 for r in rows if r["relationship"] == name):
            return None
    return {name: frozenset(keys) for name, keys in by_relationship.items()}


def _passes_together(round_, fixed: list[frozenset[str]], chosen: list[frozenset[str]]) -> bool:
    """Whether the guard releases every one of the earlier rounds' shown groups and the chosen
    groups of this round at once: every cell of who answered in which of them is empty or
    holds at least the minimum."""
    everyone = sorted(frozenset().union(*fixed, *chosen))
    number = {key: index for index, key in enumerate(everyone, start=1)}
    candidates = [
        CandidateGroup(
            key=(prefix, index),
            members=frozenset(number[key] for key in people),
            kind=GroupKind.RATERS,
        )
        for prefix, groups in (("earlier", fixed), ("now", chosen))
        for index, people in enumerate(groups)
    ]
    result = guard(round_.guard_context(), candidates)
    return all(isinstance(result[candidate.key], Released) for candidate in candidates)


def _decide(
    round_: FeedbackRound, rows: list[Mapping[str, Any]], earlier: list[_Decision]
) -> _Decision:
    number_of = {row["id"]: index for index, row in enumerate(rows, start=1)}
    by_group = {
        str(name): frozenset(number_of[r["id"]] for r in rows if r["relationship"] == name)
        for name in ANONYMOUS_GROUPS
    }
    # The grouping a closed round stores (services._pool_small_rater_groups), applied before it
    # closes too, so that the report reads the same before and after the round closes.
    merge = merge_rater_groups(by_group, round_.min_raters)
    shown = _guarded_groups(round_, dict(merge.groups))
    slugs = {slug for row in rows for slug in (row["scores"] or {})}
    complete = frozenset(
        slug
        for slug in slugs
        if all(((row["scores"] or {}).get(slug) or {}).get("mean") is not None for row in rows)
    )
    people_of = _people(round_, rows)
    if people_of is None:
        return _Decision(merge, dict.fromkeys(shown), {}, complete, round_.rater_secret_id)
    people = {
        name: frozenset().union(
            people_of.get(name, frozenset()),
            *(people_of[merged] for merged in (merge.merged if name == OTHERS else ())),
        )
        for name in merge.groups
    }
    people[ALL_RATERS] = frozenset().union(*people_of.values())
    exposed_to = [
        decision
        for decision in earlier
        if people[ALL_RATERS] & frozenset().union(*decision.released_people)
    ]
    secret_id = round_.rater_secret_id
    if any(
        decision.secret_id and secret_id and decision.secret_id != secret_id
        for decision in earlier
        if decision.released_people
    ):
        # Keys under another secret cannot be compared: fail closed.
        return _Decision(merge, dict.fromkeys(shown), people, complete, secret_id)
    fixed = [group for decision in exposed_to for group in decision.released_people]
    released = [name for name, n in shown.items() if n is not None]
    if fixed and released:
        # Keep the most of this round that passes the guard together with what the earlier
        # rounds showed: the total first, then the most raters, then key order.
        options = [
            option
            for size in range(len(released), -1, -1)
            for option in itertools.combinations(sorted(released), size)
        ]
        options.sort(
            key=lambda option: (
                ALL_RATERS in option,
                sum(len(people[name]) for name in option),
                len(option),
            ),
            reverse=True,
        )
        keep = next(
            option
            for option in options
            if _passes_together(round_, fixed, [people[name] for name in option])
        )
        shown = {name: (n if name in keep else None) for name, n in shown.items()}
    return _Decision(merge, shown, people, complete, secret_id, exposed_to)


def _decision_for(round_: FeedbackRound, rows: list[Mapping[str, Any]]) -> _Decision:
    """This round's decision, given what the owner's earlier rounds showed, each decided the same
    way in the order the rounds came (one at a time, so the order their reports opened in)."""
    earlier: list[_Decision] = []
    previous = (
        FeedbackRound.objects.filter(owner_id=round_.owner_id)
        .filter(
            Q(created_at__lt=round_.created_at) | Q(created_at=round_.created_at, pk__lt=round_.pk)
        )
        .order_by("created_at", "pk")
    )
    for before in previous:
        if not report_is_open(before):
            continue
        earlier.append(_decide(before, _anonymous_rows(before), earlier))
    return _decide(round_, rows, earlier)


def build_report(*, round_: FeedbackRound, language: str | None = None) -> Report:
    instrument = round_.instrument
    scale = instrument.scale
    competencies = list(
        Competency.objects.filter(subscales__instrument=instrument).order_by("position").distinct()
    )
    anonymous = _anonymous_rows(round_)
    attributed = _attributed_rows(round_)
    number_of = {row["id"]: index for index, row in enumerate(anonymous, start=1)}
    manager_row = next((r for r in attributed if r["relationship"] == Relationship.MANAGER), None)
    external_rows = [r for r in attributed if r["relationship"] == Relationship.EXTERNAL]
    decision = _decision_for(round_, anonymous)
    merge = decision.merge
    merged_groups = dict(merge.groups)
    shown = decision.shown
    comparable_skills = _comparable_skills(decision)
    scores_of = {number_of[r["id"]]: r["scores"] or {} for r in anonymous}
    skills = [
        _skill_row(
            round_,
            competency=competency,
            scores_of=scores_of,
            merged_groups=merged_groups,
            shown=shown,
            comparable_skills=comparable_skills,
            manager_row=manager_row,
            external_rows=external_rows,
            language=language,
        )
        for competency in competencies
    ]
    self_assessment = (
        Assessment.objects.filter(owner=round_.owner, instrument=instrument, status="submitted")
        .order_by("-submitted_at")
        .first()
    )
    if self_assessment is not None:
        for row in skills:
            row.self_score = ((self_assessment.scores or {}).get(row.slug) or {}).get("mean")
    groups = _group_views(round_, merged_groups=merged_groups, shown=shown)
    others_count = shown.get(ALL_RATERS)
    blind, hidden = _notable_gaps(skills)
    comments = _comments(round_, anonymous, number_of)
    invited, answered = answer_counts(round_)
    report = Report(
        round=round_,
        invited=invited,
        answered=answered,
        min_raters=round_.min_raters,
        skills=skills,
        groups=groups,
        merged=[str(GROUP_LABELS[name]) for name in merge.merged],
        others_shown=others_count is not None,
        others_count=others_count,
        manager_answered=manager_row is not None,
        external_count=len(external_rows),
        external_comments=[
            row["comment"].strip() for row in external_rows if (row["comment"] or "").strip()
        ],
        blind_spots=blind,
        hidden_strengths=hidden,
        comments=comments,
        manager_comment=(manager_row["comment"] if manager_row else "") or "",
        self_assessment=self_assessment,
        overview_chart=None,
        groups_chart=None,
        maximum=scale.maximum,
        minimum=scale.minimum,
    )
    report.overview_chart = _overview_chart(report)
    report.groups_chart = _groups_chart(report)
    return report


def _attributed_rows(round_: FeedbackRound) -> list[Mapping[str, Any]]:
    """The line manager's and outside raters' answers, in the report's fixed shuffled order."""
    attributed: list[Mapping[str, Any]] = list(
        RaterResponse.objects.filter(round=round_, relationship__in=ATTRIBUTED_GROUPS).values(
            "id", "relationship", "scores", "comment"
        )
    )
    attributed.sort(key=lambda row: _shuffle_key(round_, row["id"]))
    return attributed


def _comparable_skills(decision: _Decision) -> frozenset[str] | None:
    """The skills this round may show, when it shares raters with earlier rounds (None: any).

    Rounds sharing raters with earlier ones show a skill only when every rater of each of them
    scored it: who left a skill out is not known by person, so a partial figure could not be
    guarded against the other rounds (docs/adr/0011).
    """
    if not decision.exposed_to:
        return None
    return decision.complete_skills.intersection(
        *(earlier.complete_skills for earlier in decision.exposed_to)
    )


def _skill_row(
    round_: FeedbackRound,
    *,
    competency: Competency,
    scores_of: dict[int, dict],
    merged_groups: dict[str, frozenset[int]],
    shown: dict[str, int | None],
    comparable_skills: frozenset[str] | None,
    manager_row: Mapping[str, Any] | None,
    external_rows: list[Mapping[str, Any]],
    language: str | None,
) -> SkillRow:
    """One skill's figures: each rater group and all raters where released, then the manager's
    and the outside raters' attributed scores (the self score is filled in afterwards)."""
    slug = competency.slug
    # Per skill, only the raters who scored it: the guard runs again over them.
    scored = {
        number: entry[slug]["mean"]
        for number, entry in scores_of.items()
        if (entry.get(slug) or {}).get("mean") is not None
    }
    skill_members = {
        name: frozenset(n for n in ids if n in scored) for name, ids in merged_groups.items()
    }
    released = _guarded_groups(round_, skill_members) if scored else {}
    if comparable_skills is not None and slug not in comparable_skills:
        released = {}
    values: dict[str, float | None] = {}
    for name, ids in skill_members.items():
        values[name] = (
            _mean([scored[n] for n in ids])
            if released.get(name) is not None and shown.get(name) is not None
            else None
        )
    others = (
        _mean(list(scored.values()))
        if released.get(ALL_RATERS) is not None and shown.get(ALL_RATERS) is not None
        else None
    )
    manager_score = (
        ((manager_row["scores"] or {}).get(slug) or {}).get("mean") if manager_row else None
    )
    external_means = [((row["scores"] or {}).get(slug) or {}).get("mean") for row in external_rows]
    external_scores = [value for value in external_means if value is not None]
    return SkillRow(
        slug=slug,
        name=localize(competency.name, language).text,
        self_score=None,
        others=others,
        manager=manager_score,
        external=_mean(external_scores),
        groups=values,
    )


def _group_views(
    round_: FeedbackRound, *, merged_groups: dict[str, frozenset[int]], shown: dict[str, int | None]
) -> list[GroupView]:
    """The anonymous rater groups in their fixed order, each shown with its count or hidden
    with the reason."""
    groups = []
    order = [name for name in ANONYMOUS_GROUPS if name in merged_groups]
    for name in order:
        n = shown.get(name)
        groups.append(
            GroupView(
                key=name,
                label=str(GROUP_LABELS[name]),
                shown=n is not None,
                raters=n,
                hidden_because=""
                if n is not None
                else marker_label("too_few")
                if len(merged_groups[name]) < round_.min_raters
                else marker_label("would_reveal_other"),
            )
        )
    return groups


def _notable_gaps(skills: list[SkillRow]) -> tuple[list[SkillRow], list[SkillRow]]:
    """Blind spots (others see less than the owner), then hidden strengths (others see more),
    each from the largest gap down."""
    blind = [row for row in skills if row.gap is not None and row.gap <= -NOTABLE_GAP]
    hidden = [row for row in skills if row.gap is not None and row.gap >= NOTABLE_GAP]
    # Both lists hold only rows with a gap.
    blind.sort(key=lambda row: row.gap if row.gap is not None else 0.0)
    hidden.sort(key=lambda row: -row.gap if row.gap is not None else 0.0)
    return blind, hidden


def _comments(round_, anonymous: list[Mapping[str, Any]], number_of: dict) -> list[str]:
    """Anonymous comments, only when at least the minimum of raters wrote one, shuffled."""
    writers = [r for r in anonymous if (r["comment"] or "").strip()]
    candidate = CandidateGroup(
        key=("comments", ALL_RATERS),
        members=frozenset(number_of[r["id"]] for r in writers),
        kind=GroupKind.RATERS,
    )
    outcome = guard(round_.guard_context(), [candidate])[candidate.key]
    if not isinstance(outcome, Released):
        return []
    writers.sort(key=lambda r: _shuffle_key(round_, r["id"]))
    return [r["comment"].strip() for r in writers]


def _overview_chart(report: Report) -> Chart | None:
    if not report.skills:
        return None
    series = [Series(_("You"), tuple(row.self_score for row in report.skills))]
    if report.others_shown:
        series.append(Series(_("Your raters"), tuple(row.others for row in report.skills)))
    if report.manager_answered:
        series.append(Series(_("Your line manager"), tuple(row.manager for row in report.skills)))
    if report.external_count:
        series.append(
            Series(
                _("Raters outside the organisation"),
                tuple(row.external for row in report.skills),
            )
        )
    return bar_chart(
        chart_id=f"feedback-overview-{report.round.public_id.hex[:8]}",
        title=_("You and your raters, per skill"),
        summary=overview_summary(report),
        labels=[row.name for row in report.skills],
        series=series,
        minimum=report.minimum,
        maximum=report.maximum,
        caption=_("Scores per skill, from %(minimum)s to %(maximum)s")
        % {"minimum": report.minimum, "maximum": report.maximum},
        first_column=_("Skill"),
    )


def overview_summary(report: Report) -> str:
    if not report.others_shown:
        return _(
            "Not enough raters have answered yet to show how they see you: the report needs at "
            "least %(count)s."
        ) % {"count": report.min_raters}
    gaps = [row.gap for row in report.skills if row.gap is not None]
    rated = [row for row in report.skills if row.others is not None]
    if not rated:
        return _("Your raters left too many statements out to score any skill.")
    top = max(rated, key=lambda row: row.others if row.others is not None else 0.0)
    if not gaps:
        return _("Your raters see %(skill)s as your strongest skill (%(score)s).") % {
            "skill": top.name,
            "score": _number(top.others),
        }
    average = statistics.fmean(gaps)
    if abs(average) < 0.05:
        trend = _("on average they see you as you see yourself")
    elif average > 0:
        trend = _("on average they rate you %(points)s points higher than you rate yourself") % {
            "points": _number(abs(average))
        }
    else:
        trend = _("on average they rate you %(points)s points lower than you rate yourself") % {
            "points": _number(abs(average))
        }
    return _("Your raters see %(skill)s as your strongest skill (%(score)s); %(trend)s.") % {
        "skill": top.name,
        "score": _number(top.others),
        "trend": trend,
    }


def _groups_chart(report: Report) -> Chart | None:
    shown = report.shown_groups
    if not shown or not report.skills:
        return None
    series = [
        Series(group.label, tuple(row.groups.get(group.key) for row in report.skills))
        for group in shown
    ]
    return bar_chart(
        chart_id=f"feedback-groups-{report.round.public_id.hex[:8]}",
        title=_("Per rater group"),
        summary=groups_summary(report),
        labels=[row.name for row in report.skills],
        series=series,
        minimum=report.minimum,
        maximum=report.maximum,
        caption=_("Scores per skill and rater group, from %(minimum)s to %(maximum)s")
        % {"minimum": report.minimum, "maximum": report.maximum},
        first_column=_("Skill"),
    )


def groups_summary(report: Report) -> str:
    shown = report.shown_groups
    if len(shown) == 1:
        return _("Only one rater group has enough raters to be shown on its own: %(group)s.") % {
            "group": shown[0].label
        }
    spreads = []
    for row in report.skills:
        given = [row.groups.get(group.key) for group in shown]
        values = [v for v in given if v is not None]
        if len(values) >= 2:
            spreads.append((max(values) - min(values), row.name))
    if not spreads:
        return _("The rater groups scored different skills, so they cannot be compared.")
    widest = max(spreads, key=lambda pair: pair[0])
    closest = min(spreads, key=lambda pair: pair[0])
    return _(
        "The rater groups agree most on %(closest)s and differ most on %(widest)s "
        "(%(points)s points apart)."
    ) % {"closest": closest[1], "widest": widest[1], "points": _number(widest[0])}


# --- the public surface for other apps -----------------------------------------------------


def latest_report(*, person, language: str | None = None) -> Report | None:
    """The person's most recent closed round whose raters can be shown together, or None."""
    for round_ in FeedbackRound.objects.filter(owner=person).order_by("-created_at", "-pk")[:5]:
        if not report_is_open(round_) or not RaterResponse.objects.filter(round=round_).exists():
            continue
        report = build_report(round_=round_, language=language)
        if report.others_shown:
            return report
    return None


def growth_skills_seen_by_others(*, person) -> list[str]:
    """The skills the person's raters (together, under the guard) rate lowest, lowest first.

    For the development plan (elan.assessments.recommendations): a growth skill from the
    self-assessment that is also here is confirmed by others and ranks first. Empty when the
    person has no report whose raters can be shown.
    """
    report = latest_report(person=person)
    if report is None:
        return []
    _strengths, growth = strengths_and_growth({row.slug: row.others for row in report.skills})
    return growth
