# SPDX-License-Identifier: EUPL-1.2
"""The team's skill mix: monthly snapshots of people who chose to be included, under the guard.

A team lead (or HR, within their scope) sees which innovation skills a unit is strong in and
which it lacks, never one person's scores. The rules (docs/skills.md, ADR 7):

- **Only people who chose it count** (``TeamMixConsent``, a choice on their own sharing page,
  off until chosen, revocable). Self-assessments are private; their owner decides whether their
  latest one counts in their team's averages.
- **Snapshots, not live data.** ``snapshot_take`` (``assessments_daily``) takes one snapshot per
  month with the thresholds of that month locked (``TeamMixPeriod``), and stores the guard's
  decision for every unit (``TeamMixGroup``). Pages read only those rows. A choice (either
  way), a new self-assessment or a move to another unit takes effect at the next snapshot; a
  live page would give away, by difference, the scores of the one person who just joined.
- **Every month is guarded against every earlier one.** A figure shown once can be subtracted
  from a later one: a team of six that becomes seven gives away the seventh person's scores.
  The candidate groups are the subtrees of every unit of the chart (whoever is looking, so the
  same data always gives the same suppressions); the guard checks them together with every
  group released in earlier months, with the same person in every month, and what was released
  before stays as it was: a group of this month is hidden rather than an earlier one.

Respondents are the people whose latest self-assessment scored all six skills; each counts once.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elan.assessments.constants import AssessmentStatus
from elan.assessments.models import (
    Assessment,
    TeamMixConsent,
    TeamMixGroup,
    TeamMixPeriod,
)
from elan.assessments.selectors import INSTRUMENT_SLUG, active_instrument
from elan.core.anonymity import (
    CandidateGroup,
    Released,
    Suppressed,
    SuppressionReason,
    guard,
)
from elan.core.anonymity.grouping import AnonymousRow, ChartUnit, build_candidate_groups
from elan.core.charts import Chart, Series, bar_chart
from elan.organisations.constants import Role
from elan.organisations.models import Unit
from elan.organisations.selectors import Coverage, chart_units, coverage_of
from elan.skills.multilingual import LocalizedText, localize

STRONG_COUNT = 2


@dataclass
class GroupRow:
    unit: Unit
    outcome: Released | Suppressed


@dataclass
class TeamMix:
    unit: Unit
    skills: list[tuple[str, LocalizedText]]
    main: Released | Suppressed | None  # None before the first snapshot
    subgroups: list[GroupRow]
    strong: list[tuple[LocalizedText, float]]
    lacking: list[tuple[LocalizedText, float]]
    chart: Chart | None
    min_group: int
    month: datetime.date | None  # the snapshot's month
    next_snapshot_on: datetime.date


def units_for_viewer(*, viewer) -> list[Unit]:
    """Units whose skill mix the viewer may see: their team-lead and HR scopes."""
    return list(team_coverage(viewer=viewer).units().order_by("path"))


def team_coverage(*, viewer) -> Coverage:
    return coverage_of(user=viewer, role=(Role.TEAM_LEAD, Role.HR))


def can_view_team(*, viewer, unit: Unit) -> bool:
    return team_coverage(viewer=viewer).covers(unit)


def month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    first = month_of(day)
    return (first + datetime.timedelta(days=32)).replace(day=1)


def _period_number(starts_on: datetime.date) -> int:
    """Months are the guard's rounds: one number per month, the same in every run."""
    return starts_on.year * 12 + starts_on.month


# --- taking a snapshot (the only part that reads self-assessments) ------------------------------


def _included_scores(instrument, now: datetime.datetime) -> dict[int, tuple[str, dict]]:
    """owner id -> (unit path, means) for each person included now: they chose it, and their
    latest self-assessment scored every skill."""
    chosen = TeamMixConsent.objects.filter(withdrawn_at__isnull=True, given_at__lte=now).values(
        "owner_id"
    )
    rows = (
        Assessment.objects.filter(
            instrument__slug=instrument.slug,
            status=AssessmentStatus.SUBMITTED,
            submitted_at__lte=now,
            owner__is_active=True,
            owner_id__in=chosen,
            owner__staff_record__unit__isnull=False,
        )
        .order_by("owner_id", "-submitted_at", "-pk")
        .values_list("owner_id", "owner__staff_record__unit__path", "scores")
    )
    latest: dict[int, tuple[str, dict]] = {}
    for owner_id, path, scores in rows:
        if owner_id in latest:
            continue
        means = {slug: entry.get("mean") for slug, entry in (scores or {}).items()}
        latest[owner_id] = (path, means)
    # Only people with every skill scored: otherwise each skill would have its own, smaller
    # group of respondents, and the guard's guarantee is about one group per figure.
    return {
        owner: (path, means)
        for owner, (path, means) in latest.items()
        if means and all(value is not None for value in means.values())
    }


def _candidate_groups(period: TeamMixPeriod) -> list[CandidateGroup]:
    number = _period_number(period.starts_on)
    rows = [
        AnonymousRow(id=int(owner), round=number, unit_path=path) for owner, path in period.members
    ]
    units = [ChartUnit(code=code, path=path) for code, path in period.chart]
    return build_candidate_groups(rows, units, include_direct=False)


def _released_before(period: TeamMixPeriod) -> list[CandidateGroup]:
    """Every group an earlier month showed, with the people it was computed over."""
    fixed = []
    for earlier in TeamMixPeriod.objects.filter(starts_on__lt=period.starts_on).order_by(
        "starts_on"
    ):
        shown = set(earlier.groups.filter(released=True).values_list("unit_code", flat=True))
        fixed += [group for group in _candidate_groups(earlier) if group.key[2] in shown]
    return fixed


def _value(group: CandidateGroup) -> tuple:
    # The guard's own order: larger, then higher in the chart, then key order.
    return (group.size, -group.depth, group.key)


def _decide(period: TeamMixPeriod, candidates: list[CandidateGroup]) -> dict[tuple, bool]:
    """key -> shown, for this month's groups, leaving what earlier months showed as it was."""
    context = period.guard_context()
    fixed = _released_before(period)
    # Earlier months' groups that still stand together; any that do not (thresholds raised
    # since) cannot be helped by hiding this month's groups.
    baseline = guard(context, fixed)
    standing = {group.key for group in fixed if isinstance(baseline[group.key], Released)}
    kept = list(candidates)
    while kept:
        result = guard(context, fixed + kept)
        hidden = {g.key for g in kept if not isinstance(result[g.key], Released)}
        broken = {
            g.key[2] for g in fixed if g.key in standing and not isinstance(result[g.key], Released)
        }
        if not hidden and not broken:
            break
        if hidden:
            kept = [g for g in kept if g.key not in hidden]
            continue
        # The guard would rather hide an earlier month's figure, which was seen already: hide
        # this month's figure of the same unit instead (or the least valuable one).
        drop = {g.key for g in kept if g.key[2] in broken} or {min(kept, key=_value).key}
        kept = [g for g in kept if g.key not in drop]
    shown = {g.key for g in kept}
    return {g.key: g.key in shown for g in candidates}


def snapshot_take(
    *, today: datetime.date | None = None, now: datetime.datetime | None = None
) -> TeamMixPeriod | None:
    """This month's snapshot of every team's skill mix, once; None if it exists already (or no
    self-assessment is open yet). Run daily by ``assessments_daily``; only the first run of a
    month takes it."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    instrument = active_instrument()
    if instrument is None or TeamMixPeriod.objects.filter(starts_on=month_of(today)).exists():
        return None
    people = _included_scores(instrument, now)
    try:
        with transaction.atomic():
            period = TeamMixPeriod(
                starts_on=month_of(today),
                instrument=instrument,
                chart=[[unit.code, unit.path] for unit in chart_units()],
                members=[[owner, path] for owner, (path, _means) in sorted(people.items())],
                **TeamMixPeriod.default_thresholds(),
            )
            period.lock_thresholds()
            period.save()
            candidates = _candidate_groups(period)
            shown = _decide(period, candidates)
            skills = (
                sorted(set.intersection(*(set(means) for _p, means in people.values())))
                if people
                else []
            )
            TeamMixGroup.objects.bulk_create(
                [
                    _group_row(period, group, shown[group.key], people, skills)
                    for group in candidates
                ]
            )
    except IntegrityError:
        return None  # another run took this month's snapshot first
    return period


def _group_row(period, group: CandidateGroup, shown: bool, people, skills) -> TeamMixGroup:
    if not shown:
        reason = (
            SuppressionReason.TOO_FEW
            if group.size < period.min_group
            else SuppressionReason.WOULD_REVEAL_OTHER
        )
        return TeamMixGroup(period=period, unit_code=group.key[2], reason=reason)
    figures = {
        slug: round(sum(people[member][1][slug] for member in group.members) / group.size, 2)
        for slug in skills
    }
    return TeamMixGroup(
        period=period, unit_code=group.key[2], released=True, n=group.size, figures=figures
    )


# --- reading: the team pages ----------------------------------------------------------------


def _outcome(row: TeamMixGroup | None, code: str) -> Released | Suppressed:
    key = ("subtree", code)
    if row is None:
        return Suppressed(key, SuppressionReason.TOO_FEW)
    if not row.released:
        return Suppressed(key, SuppressionReason(row.reason or SuppressionReason.TOO_FEW))
    return Released(key, row.figures, row.n)


def team_skill_mix(*, unit: Unit, language: str | None = None) -> TeamMix | None:
    """The unit's skill mix from the latest snapshot. Reads ``TeamMixGroup`` rows only."""
    instrument = active_instrument()
    if instrument is None:
        return None
    period = TeamMixPeriod.objects.order_by("-starts_on").first()
    if period is not None:
        instrument = period.instrument
    competencies = list(
        instrument.framework.competencies.filter(subscales__instrument__slug=INSTRUMENT_SLUG)
        .order_by("position")
        .distinct()
    )
    skills = [(c.slug, localize(c.name, language)) for c in competencies]
    children = list(unit.get_children().order_by("code"))
    rows = (
        {
            row.unit_code: row
            for row in period.groups.filter(unit_code__in=[unit.code, *(c.code for c in children)])
        }
        if period is not None
        else {}
    )
    main = _outcome(rows.get(unit.code), unit.code) if period is not None else None
    subgroups = (
        [GroupRow(child, _outcome(rows.get(child.code), child.code)) for child in children]
        if period is not None
        else []
    )
    strong: list[tuple[LocalizedText, float]] = []
    lacking: list[tuple[LocalizedText, float]] = []
    chart = None
    if isinstance(main, Released):
        ordered = sorted(skills, key=lambda pair: -main.figures[pair[0]])
        strong = [(name, main.figures[slug]) for slug, name in ordered[:STRONG_COUNT]]
        lacking = [(name, main.figures[slug]) for slug, name in reversed(ordered[-STRONG_COUNT:])]
        summary = _(
            "Across %(count)s people, the team is strongest in %(strong)s and has the most room "
            "to grow in %(lacking)s."
        ) % {
            "count": main.n,
            "strong": strong[0][0].text,
            "lacking": lacking[0][0].text,
        }
        scale = instrument.scale
        chart = bar_chart(
            chart_id=f"team-mix-{unit.pk}",
            title=_("Skill mix of %(unit)s") % {"unit": unit.name},
            summary=summary,
            labels=[name.text for _slug, name in skills],
            series=[Series(_("Team average"), tuple(main.figures[slug] for slug, _n in skills))],
            minimum=scale.minimum,
            maximum=scale.maximum,
            caption=_("Average score per skill, from %(minimum)s to %(maximum)s")
            % {"minimum": scale.minimum, "maximum": scale.maximum},
            first_column=_("Skill"),
        )
    today = timezone.localdate()
    return TeamMix(
        unit=unit,
        skills=skills,
        main=main,
        subgroups=subgroups,
        strong=strong,
        lacking=lacking,
        chart=chart,
        min_group=period.min_group if period is not None else settings.ANONYMITY_MIN_GROUP,
        month=period.starts_on if period is not None else None,
        next_snapshot_on=next_month(today),
    )


# --- personal data (registered in personal_data.py) -------------------------------------------


def export_team_mix(user) -> dict:
    """The person's choices, and the months whose snapshot counted them."""
    months = [
        period.starts_on.isoformat()
        for period in TeamMixPeriod.objects.order_by("starts_on").only("starts_on", "members")
        if any(int(owner) == user.pk for owner, _path in period.members)
    ]
    return {
        "team_skill_mix_choices": [
            {
                "included_from": consent.given_at.isoformat(),
                "included_until": consent.withdrawn_at.isoformat()
                if consent.withdrawn_at
                else None,
            }
            for consent in TeamMixConsent.objects.filter(owner=user).order_by("given_at", "pk")
        ],
        "counted_in_team_skill_mix_of": months,
    }


def erase_team_mix(*, user, now) -> None:
    """Delete the person's choices; in past snapshots, replace their account id with a random
    negative number. The guard still knows that one person was counted in those months (a
    shown figure includes them, so a later month must not be compared without them), but the
    number names nobody."""
    TeamMixConsent.objects.filter(owner=user).delete()
    stand_in = -secrets.randbelow(2**62) - 1
    for period in TeamMixPeriod.objects.order_by("starts_on"):
        members = [
            [stand_in if int(owner) == user.pk else owner, path] for owner, path in period.members
        ]
        if members != period.members:
            TeamMixPeriod.objects.filter(pk=period.pk).update(members=members)
