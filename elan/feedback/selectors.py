# SPDX-License-Identifier: EUPL-1.2
"""Reads for 360 feedback: rounds, counts, the report under the anonymity guard, and the
public surface other apps use (``growth_skills_seen_by_others`` for the development plan).

How the report protects raters (docs/feedback.md):

1. rater categories below the minimum merge into "others" (``merge_small_rater_groups``);
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
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from elan.assessments.models import Assessment
from elan.assessments.scoring import strengths_and_growth
from elan.core.anonymity import (
    CandidateGroup,
    GroupKind,
    Released,
    guard,
    merge_small_rater_groups,
)
from elan.core.anonymity.display import marker_label
from elan.core.charts import Chart, Series, bar_chart
from elan.feedback.constants import (
    ALL_RATERS,
    ANONYMOUS_GROUPS,
    GROUP_LABELS,
    NOTABLE_GAP,
    Relationship,
)
from elan.feedback.models import FeedbackRound, Invitation, RaterResponse, ReportShare
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
    return Invitation.objects.filter(round=round_).only(
        "email", "name", "relationship", "invited_at", "round_id"
    )


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
    is fixed, so every look shows the same figures.
    """
    from elan.feedback.services import accepts_answers

    return not accepts_answers(round_)


@dataclass
class SkillRow:
    slug: str
    name: str
    self_score: float | None
    others: float | None  # all anonymous raters together, when released
    manager: float | None
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
    return "–" if value is None else number_format(value, decimal_pos=1)


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
    for (_prefix, name), outcome in result.items():
        shown[name] = outcome.n if isinstance(outcome, Released) else None
    return shown


def build_report(*, round_: FeedbackRound, language: str | None = None) -> Report:
    instrument = round_.instrument
    scale = instrument.scale
    competencies = list(
        Competency.objects.filter(subscales__instrument=instrument).order_by("position").distinct()
    )
    rows = list(
        RaterResponse.objects.filter(round=round_).values("id", "relationship", "scores", "comment")
    )
    # Respondent numbers for the guard: stable within the report, in id order (random UUIDs).
    rows.sort(key=lambda row: str(row["id"]))
    number_of = {row["id"]: index for index, row in enumerate(rows, start=1)}
    manager_row = next((r for r in rows if r["relationship"] == Relationship.MANAGER), None)
    anonymous = [r for r in rows if r["relationship"] in ANONYMOUS_GROUPS]
    by_group = {
        name: frozenset(number_of[r["id"]] for r in anonymous if r["relationship"] == name)
        for name in ANONYMOUS_GROUPS
    }
    merge = merge_small_rater_groups(
        {name: ids for name, ids in by_group.items() if ids},
        round_.min_raters,
        others=OTHERS,
    )
    merged_groups = dict(merge.groups)
    group_of = {}
    for name, ids in merged_groups.items():
        for number in ids:
            group_of[number] = name
    shown = _guarded_groups(round_, merged_groups)

    scores_of = {number_of[r["id"]]: r["scores"] or {} for r in anonymous}
    skills: list[SkillRow] = []
    for competency in competencies:
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
        values: dict[str, float | None] = {}
        for name, ids in skill_members.items():
            values[name] = (
                _mean([scored[n] for n in ids]) if released.get(name) is not None else None
            )
        others = _mean(list(scored.values())) if released.get(ALL_RATERS) is not None else None
        manager_score = (
            ((manager_row["scores"] or {}).get(slug) or {}).get("mean") if manager_row else None
        )
        skills.append(
            SkillRow(
                slug=slug,
                name=localize(competency.name, language).text,
                self_score=None,
                others=others,
                manager=manager_score,
                groups=values,
            )
        )

    self_assessment = (
        Assessment.objects.filter(owner=round_.owner, instrument=instrument, status="submitted")
        .order_by("-submitted_at")
        .first()
    )
    if self_assessment is not None:
        for row in skills:
            row.self_score = ((self_assessment.scores or {}).get(row.slug) or {}).get("mean")

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
    others_count = shown.get(ALL_RATERS)
    blind = [row for row in skills if row.gap is not None and row.gap <= -NOTABLE_GAP]
    hidden = [row for row in skills if row.gap is not None and row.gap >= NOTABLE_GAP]
    blind.sort(key=lambda row: row.gap)
    hidden.sort(key=lambda row: -row.gap)

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


def _comments(round_, anonymous: list[dict], number_of: dict) -> list[str]:
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
    top = max(rated, key=lambda row: row.others)
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
        values = [row.groups.get(group.key) for group in shown]
        values = [v for v in values if v is not None]
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
