# SPDX-License-Identifier: EUPL-1.2
"""Reads of the insights app: who may see which group, and the reports built from the guard's
published decisions (never from the raw answers).

Two rules decide what a person sees, and both only ever *remove* figures from what the guard
released, so no combination of pages, roles or rounds can show more than the guard allowed:

1. **Reach** (docs/access.md): the members of a unit and its team lead see the unit's results; team
   leads and HR see the units their role covers. Nobody else sees anything.
2. **Team-first release**: up the line, a unit's figures count only once the team has shared
   them or the team-first period has passed. A roll-up (a subtree) shows a figure only when every
   unit with answers inside it may show that figure to this person, so an unshared team can
   never be read back from its parent and siblings.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from elan.core.anonymity import Released, Suppressed, SuppressionReason
from elan.core.anonymity.grouping import TREE_STEP, group_key
from elan.core.charts import distance
from elan.insights.constants import (
    FILTER_ATTRIBUTES,
    PART_COMMENTS,
    PART_COUNTS,
    CampaignStatus,
    CompareWith,
    GroupFamily,
    Scope,
)
from elan.insights.instruments import MEAN, Instrument, instrument_for
from elan.insights.models import (
    Action,
    ActionPlan,
    Campaign,
    GroupResult,
    Invitee,
    Participation,
    Release,
    Response,
    Round,
)
from elan.insights.storage import pseudonym
from elan.organisations.constants import GradeBand, Role
from elan.organisations.models import StaffRecord, Unit
from elan.organisations.selectors import Coverage, coverage_of

FILTER_VALUES = {
    "language": tuple(code for code, _name in settings.LANGUAGES),
    "grade_band": tuple(GradeBand.values),
}


def today() -> datetime.date:
    return timezone.localdate()


# --- Who may run and manage campaigns ----------------------------------------------------------


# Who runs campaigns: HR within scope, or a team lead for their own unit and everything below it.
SURVEYING_ROLES = (Role.HR, Role.TEAM_LEAD)


def surveying_coverage(*, user) -> Coverage:
    return coverage_of(user=user, role=SURVEYING_ROLES)


def units_user_may_survey(*, user) -> QuerySet[Unit]:
    """HR within scope, or a team lead for their own unit and everything below it."""
    coverage = surveying_coverage(user=user)
    return coverage.units().filter(is_active=True).order_by("path")


def may_manage(*, user, campaign: Campaign) -> bool:
    """Whoever could have created the campaign may run its life cycle."""
    return surveying_coverage(user=user).covers(campaign.unit)


def campaigns_managed_by(*, user) -> list[Campaign]:
    coverage = surveying_coverage(user=user)
    if coverage.is_empty:
        return []
    return list(Campaign.objects.filter(coverage.unit_filter("unit__")).select_related("unit"))


def next_round_opens_on(*, campaign: Campaign) -> datetime.date | None:
    """The first day the next round may open; None when every planned round has run.

    The first round opens on the campaign's configured date at the earliest. Each next one
    keeps to the configured days between rounds, counted from the day the previous round opened
    and from the configured schedule alike, and never opens before the previous one closed: two
    rounds days apart would only compare almost the same people twice.
    """
    previous = campaign.rounds.order_by("-number").first()
    return round_opens_on_after(campaign=campaign, previous=previous)


def round_opens_on_after(*, campaign: Campaign, previous: Round | None) -> datetime.date | None:
    """``next_round_opens_on`` when the campaign's latest round (``previous``) is already read:
    a page listing several campaigns reads their latest rounds in one query."""
    if previous is None:
        return campaign.opens_on
    if previous.number >= campaign.planned_rounds:
        return None
    interval = datetime.timedelta(days=campaign.round_interval_days)
    earliest = max(campaign.opens_on + interval * previous.number, previous.opens_on + interval)
    if previous.closed_on is not None:
        earliest = max(earliest, previous.closed_on + datetime.timedelta(days=1))
    return earliest


# --- Respondents -------------------------------------------------------------------------------


def open_invitations(*, user) -> list[Participation]:
    """Rounds open right now that this person was invited to and has not answered."""
    if not user.is_authenticated:
        return []
    day = today()
    return list(
        Participation.objects.filter(
            user=user,
            responded_on__isnull=True,
            round__closed_on__isnull=True,
            round__campaign__status=CampaignStatus.OPEN,
            round__opens_on__lte=day,
            round__closes_on__gte=day,
        ).select_related("round__campaign")
    )


def participation_for(*, user, campaign: Campaign) -> Participation | None:
    round_ = campaign.rounds.filter(closed_on__isnull=True).first()
    if round_ is None or not user.is_authenticated:
        return None
    return Participation.objects.filter(round=round_, user=user).select_related("round").first()


@dataclass(frozen=True)
class VisibilityPreview:
    """What a respondent is told before answering: who will see what, from the locked
    thresholds and the invited people of their own unit as snapshotted when the round opened.

    ``team_size`` counts the people whose answers are stored with the person's unit (its own,
    plus those of small units merged into it) when it has its own results, and the unit's own
    people otherwise. ``counted_with`` names the unit the answers are stored with when that is
    not the person's own although their unit is large enough: its own people were needed to
    make the few people at the top of the survey more than a handful.
    """

    unit_name: str
    team_size: int
    min_group: int
    min_comments: int
    team_first_days: int
    scores_on_own: bool
    comments_on_own: bool
    counted_with: str = ""


def visibility_preview(*, participation: Participation) -> VisibilityPreview:
    round_ = participation.round
    campaign = round_.campaign
    code = participation.unit_code
    pooled = code in round_.pooled_units
    if pooled:
        team_size = Invitee.objects.filter(round=round_, unit_code=code).count()
    else:
        team_size = Participation.objects.filter(round=round_, unit_code=code).count()
    stored = (
        Invitee.objects.filter(
            round=round_, pseudonym=pseudonym(campaign=campaign, user_id=participation.user_id)
        )
        .values_list("unit_code", flat=True)
        .first()
    )
    counted_with = ""
    if not pooled and team_size >= campaign.min_group and stored:
        counted_with = stored
    names = unit_names([code, counted_with])
    return VisibilityPreview(
        unit_name=names.get(code, code),
        team_size=team_size,
        min_group=campaign.min_group,
        min_comments=campaign.min_comments,
        team_first_days=campaign.team_first_days,
        scores_on_own=pooled,
        comments_on_own=pooled and team_size >= campaign.min_comments,
        counted_with=names.get(counted_with, counted_with),
    )


# --- Reach and the team-first rule --------------------------------------------------------------


NAME_FIELDS = ("name_nl", "name_fr", "name_de", "name_en")


def unit_names(codes: Iterable[str] | None) -> dict[str, str]:
    """Unit names in the current language (as ``Unit.name``), read as plain values; ``None``
    reads every unit, cheaper than an IN list of a thousand codes."""
    units = Unit.objects.all()
    if codes is not None:
        units = units.filter(code__in={c for c in codes if c})
    language = (get_language() or "en")[:2]
    order = [f"name_{c}" for c in dict.fromkeys((language, "en", "nl", "fr", "de"))]
    names = {}
    for row in units.values("code", *NAME_FIELDS):
        names[row["code"]] = next((row[f] for f in order if row.get(f)), row["code"])
    return names


@dataclass(frozen=True)
class Reader:
    """Who reads the results: their own unit, the units they lead, and what their team-lead and
    HR roles cover. The same in every round, so a page that reads several rounds (trends, the
    previous round's comparison, the list of campaigns with results) reads it once."""

    team_codes: frozenset[str] = frozenset()
    reach: Coverage = field(default_factory=Coverage)


def reader_of(user) -> Reader:
    if not user.is_authenticated:
        return Reader()
    team_codes: set[str] = set()
    record = StaffRecord.objects.filter(user=user).select_related("unit").first()
    if record is not None:
        team_codes.add(record.unit.code)
    leads = coverage_of(user=user, role=Role.TEAM_LEAD)
    team_codes |= leads.root_codes
    return Reader(frozenset(team_codes), leads | coverage_of(user=user, role=Role.HR))


@dataclass
class RoundView:
    """What one person may see of one closed round."""

    round: Round
    instrument: Instrument
    reader: Reader
    line_prefixes: tuple[str, ...]
    released_parts: dict[str, frozenset[str]]
    day: datetime.date
    path_of: dict[str, str] = field(default_factory=dict)
    code_of: dict[str, str] = field(default_factory=dict)
    # Units answers are stored with, from the invited people when the round opened. The team-first
    # rule applies to these whether or not anyone answered, so that "not shared yet" never says
    # that someone did (a unit merged into its parent is too small ever to be shown on its own).
    pooled: frozenset[str] = frozenset()
    _subtree: dict[str, frozenset[str] | None] | None = None
    _reachable: frozenset[str] | None = None

    def __post_init__(self) -> None:
        # Computed once: a heatmap asks these for every one of up to 1,500 units.
        self.measures = frozenset(self.instrument.measure_codes())
        self.full = self.measures | {PART_COUNTS, PART_COMMENTS}
        goes_up_on = self.round.goes_up_on
        self.gone_up = goes_up_on is not None and self.day >= goes_up_on

    @property
    def team_codes(self) -> frozenset[str]:
        return self.reader.team_codes

    def reaches(self, code: str) -> bool:
        if self._reachable is None:
            prefixes = self.line_prefixes
            if "" in prefixes:
                reachable = set(self.path_of)
            else:
                reachable = {
                    c for c, path in self.path_of.items() if any(map(path.startswith, prefixes))
                }
            self._reachable = frozenset(reachable | (self.team_codes & set(self.path_of)))
        return code in self._reachable or code in self.team_codes

    def unit_parts(self, code: str) -> frozenset[str] | None:
        """What this person may see of the people placed directly in ``code``."""
        if code in self.team_codes:
            return self.full
        if not self.reaches(code):
            return None
        if self.gone_up:
            return self.full
        return self.released_parts.get(code, frozenset())

    def _subtree_parts(self) -> dict[str, frozenset[str] | None]:
        if self._subtree is None:
            combined: dict[str, frozenset[str] | None] = {}
            # Deepest first, so each unit meets its children already combined.
            for code, path in sorted(self.path_of.items(), key=lambda cp: -len(cp[1])):
                own = self.unit_parts(code) if code in self.pooled else self.full
                value = own if code not in combined else _meet(own, combined[code])
                combined[code] = value
                parent = self.code_of.get(path[:-TREE_STEP])
                if parent is not None:
                    combined[parent] = _meet(combined.get(parent, self.full), value)
            self._subtree = combined
        return self._subtree

    def group_parts(self, scope: str, code: str) -> frozenset[str] | None:
        """The parts of a group this person may see; None when the group is out of reach."""
        if not self.reaches(code):
            return None
        if scope == Scope.UNIT:
            return self.unit_parts(code) if code in self.pooled else self.full
        return self._subtree_parts().get(code, self.full)

    def shared_by_team(self, code: str) -> Release | None:
        return Release.objects.filter(round=self.round, unit_code=code).first()


def _meet(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None:
        return None
    return a & b


def round_view(
    *,
    user,
    round_: Round,
    day: datetime.date | None = None,
    reader: Reader | None = None,
    released: dict[str, frozenset[str]] | None = None,
) -> RoundView:
    """``reader``, when the page has read it already for another round (``reader_of(user)``);
    ``released``, the round's releases when the page read them with other rounds'
    (``_releases_by_round``)."""
    campaign = round_.campaign
    path_of = dict(round_.chart)
    reader = reader_of(user) if reader is None else reader
    prefixes: list[str] = []
    if reader.reach.covers(campaign.unit):
        prefixes.append("")  # the roles cover the whole campaign
    else:
        # The round's chart is a snapshot: a covered unit is found in it by its code, the
        # stable key, and its subtree by the path it had when the round opened.
        prefixes.extend(path_of[code] for code in reader.reach.root_codes if code in path_of)
    if released is None:
        released = {r.unit_code: frozenset(r.parts) for r in Release.objects.filter(round=round_)}
    return RoundView(
        round=round_,
        instrument=instrument_for(campaign.instrument),
        reader=reader,
        line_prefixes=tuple(sorted(set(prefixes))),
        released_parts=released,
        day=day or today(),
        path_of=path_of,
        code_of={path: code for code, path in path_of.items()},
        pooled=frozenset(round_.pooled_units),
    )


def has_team_lead_of_its_own(*, code: str) -> bool:
    """Whether an active account holds the team-lead role on exactly this unit. A lead above
    covers it too, but is the line its team-first period waits for (``RoundView.unit_parts``)."""
    return (
        get_user_model()
        .objects.filter(
            role_assignments__role=Role.TEAM_LEAD, role_assignments__unit__code=code, is_active=True
        )
        .exists()
    )


def _releases_by_round(rounds: list[Round]) -> dict[int, dict[str, frozenset[str]]]:
    """``round_view``'s releases of each round, read in one query for a page listing rounds."""
    found: dict[int, dict[str, frozenset[str]]] = {round_.pk: {} for round_ in rounds}
    for release in Release.objects.filter(round_id__in=found):
        found[release.round_id][release.unit_code] = frozenset(release.parts)
    return found


def closed_rounds(campaign: Campaign) -> list[Round]:
    return list(campaign.rounds.filter(closed_on__isnull=False).order_by("number"))


def reachable_codes(view: RoundView) -> list[str]:
    return [code for code, _path in view.round.chart if view.reaches(code)]


def may_see_results(*, user, campaign: Campaign) -> bool:
    reader = reader_of(user)
    return any(
        reachable_codes(round_view(user=user, round_=r, reader=reader))
        for r in closed_rounds(campaign)
    )


def ancestor_paths(path: str) -> list[str]:
    """The paths of the unit at ``path`` and of every unit above it."""
    return [path[:end] for end in range(TREE_STEP, len(path) + 1, TREE_STEP)]


def _related_campaigns(user) -> Q:
    """Campaigns whose chart could hold a unit this person reaches: above or below their unit
    and the units of their roles. A cheap pre-filter; ``round_view`` decides."""
    condition = Q(pk__in=[])
    reach = surveying_coverage(user=user)
    if reach.whole_organisation:
        return Q()
    paths = list(StaffRecord.objects.filter(user=user).values_list("unit__path", flat=True))
    paths.extend(reach.root_paths)
    for path in paths:
        condition |= Q(campaign__unit__path__in=ancestor_paths(path))
        condition |= Q(campaign__unit__path__startswith=path)
    return condition


def campaigns_with_results_for(*, user) -> list[tuple[Campaign, Round, list[str]]]:
    """Closed rounds whose results this person may open, with the units they reach."""
    if not user.is_authenticated:
        return []
    found = []
    rounds = list(
        Round.objects.filter(_related_campaigns(user), closed_on__isnull=False)
        .exclude(campaign__status=CampaignStatus.CANCELLED)
        .select_related("campaign__unit")
        .order_by("-closed_on", "-pk")
    )
    seen: set[int] = set()
    reader = reader_of(user)
    released = _releases_by_round(rounds)
    for round_ in rounds:
        if round_.campaign_id in seen:
            continue
        view = round_view(user=user, round_=round_, reader=reader, released=released[round_.pk])
        codes = reachable_codes(view)
        if codes:
            seen.add(round_.campaign_id)
            found.append((round_.campaign, round_, codes))
    return found


# --- Figures as a person may see them ----------------------------------------------------------


@dataclass
class Figure:
    """One group's outcome as this person may see it.

    ``outcome`` is the guard's (with figures narrowed to what may be seen), or None when the
    team has not shared the group's counts yet. ``withheld`` lists the measures not shared yet.
    """

    key: tuple
    unit_code: str
    unit_name: str
    depth: int
    outcome: Released | Suppressed | None
    withheld: frozenset[str] = frozenset()
    shared_on: datetime.date | None = None

    @property
    def is_released(self) -> bool:
        return isinstance(self.outcome, Released)

    @property
    def is_suppressed(self) -> bool:
        return isinstance(self.outcome, Suppressed)

    @property
    def is_withheld(self) -> bool:
        return self.outcome is None

    def as_withheld(self) -> Figure:
        """The same group shown as "not shared yet" (for a single withheld measure)."""
        return Figure(
            self.key, self.unit_code, self.unit_name, self.depth, None, shared_on=self.shared_on
        )

    def value(self, measure: str):
        if not isinstance(self.outcome, Released) or measure in self.withheld:
            return None
        return self.outcome.figures.get(measure)

    def favourable(self, measure: str):
        """The share of favourable answers of ``measure``; None where there is none to show."""
        return self.value(favourable_key(measure))

    @property
    def round(self) -> int:
        return self.key[0]

    @property
    def scope(self) -> str:
        return self.key[1]

    @property
    def attribute(self) -> str:
        return self.key[3]

    @property
    def filter_value(self) -> str:
        return self.key[4]


def parse_filter(raw: str | None) -> tuple[str, str]:
    """``"language:nl"`` to ("language", "nl"); only allowlisted attributes and known values."""
    if not raw:
        return "", ""
    attribute, _sep, value = raw.partition(":")
    if attribute not in FILTER_ATTRIBUTES or value not in FILTER_VALUES[attribute]:
        raise ValueError("filter not on the allowlist")
    return attribute, value


FAVOURABLE_PREFIX = "favourable:"


def favourable_key(measure: str) -> str:
    """Where a group's figures hold the share of favourable answers of ``measure``: next to its
    mean, so that pages, exports and the API show, narrow and hide the two together."""
    return f"{FAVOURABLE_PREFIX}{measure}"


def measure_of(key: str) -> str:
    """The measure a figure's key belongs to: a share of favourable answers goes with its mean."""
    return key.removeprefix(FAVOURABLE_PREFIX)


@dataclass(frozen=True)
class _Stored:
    released: bool
    reason: str
    n: int | None
    figures: dict
    favourable: dict = field(default_factory=dict)


def _figure(
    view: RoundView,
    result: _Stored | None,
    *,
    family: str,
    scope: str,
    code: str,
    attribute: str,
    value: str,
    names: dict[str, str],
) -> Figure | None:
    key = group_key(view.round.number, scope, code, attribute, value)
    parts = view.group_parts(scope, code)
    if parts is None:
        return None
    depth = len(view.path_of.get(code, "")) // TREE_STEP - 1
    name = names.get(code, code)
    counts_part = PART_COMMENTS if family == GroupFamily.COMMENTS else PART_COUNTS
    if counts_part not in parts:
        return Figure(key, code, name, depth, None, shared_on=view.round.goes_up_on)
    if result is None:
        # No one in this group answered. Saying "none" would tell who did not take part, so an
        # empty group reads exactly like a small one.
        return Figure(key, code, name, depth, Suppressed(key, SuppressionReason.TOO_FEW))
    if not result.released:
        return Figure(key, code, name, depth, Suppressed(key, SuppressionReason(result.reason)))
    withheld = frozenset(view.measures - parts) if family == GroupFamily.SCORES else frozenset()
    figures = result.figures
    if result.favourable:
        figures = figures | {favourable_key(m): share for m, share in result.favourable.items()}
    assert result.n is not None  # a released row always stores its n (publishing.py)
    if withheld:
        figures = {k: v for k, v in figures.items() if measure_of(k) not in withheld}
    return Figure(
        key,
        code,
        name,
        depth,
        Released(key, figures, result.n),
        withheld=withheld,
        shared_on=view.round.goes_up_on if withheld else None,
    )


# Past this many units, read a subtree by its path prefix rather than an IN list of codes.
LONG_LIST = 50


def figures_for(
    view: RoundView,
    codes: list[str],
    *,
    scope: str,
    attribute: str = "",
    value: str = "",
    family: str = GroupFamily.SCORES,
    path_prefix: str | None = None,
) -> list[Figure]:
    """The groups (``scope`` of each unit in ``codes``) this person may see, in ``codes`` order.

    ``path_prefix``, when every code lies below it, lets a long list be read in one prefix match.
    Rows are read as plain values: model instances cost more than the rest of a 1,500-row page.
    """
    stored = GroupResult.objects.filter(
        round=view.round, family=family, scope=scope, attribute=attribute, value=value
    )
    if path_prefix is not None and len(codes) > LONG_LIST:
        stored = stored.filter(unit_path__startswith=path_prefix)
        names = unit_names(None)
    else:
        stored = stored.filter(unit_code__in=codes)
        names = unit_names(codes)
    results = {
        code: _Stored(released, reason, n, figures, favourable)
        for code, released, reason, n, figures, favourable in stored.values_list(
            "unit_code", "released", "reason", "n", "figures", "favourable"
        )
    }
    figures = []
    for code in codes:
        figure = _figure(
            view,
            results.get(code),
            family=family,
            scope=scope,
            code=code,
            attribute=attribute,
            value=value,
            names=names,
        )
        if figure is not None:
            figures.append(figure)
    return figures


# --- Reports ------------------------------------------------------------------------------------


@dataclass
class Heatmap:
    view: RoundView
    root: str
    rows: list[Figure]
    measures: tuple[str, ...]
    attribute: str
    value: str
    depth: int


def heatmap(
    view: RoundView,
    *,
    root: str,
    attribute: str = "",
    value: str = "",
    depth: int = 1,
    measures: tuple[str, ...] | None = None,
    scope: str = Scope.SUBTREE,
) -> Heatmap:
    """Units × measures: the root's roll-up and every unit below it down to ``depth`` levels."""
    if root not in view.path_of or not view.reaches(root):
        raise LookupError(root)
    root_path = view.path_of[root]
    limit = len(root_path) + depth * TREE_STEP
    codes = [
        code
        for code, path in sorted(view.round.chart, key=lambda cp: cp[1])
        if path.startswith(root_path) and len(path) <= limit
    ]
    rows = figures_for(
        view, codes, scope=scope, attribute=attribute, value=value, path_prefix=root_path
    )
    return Heatmap(
        view=view,
        root=root,
        rows=rows,
        measures=measures or view.instrument.measure_codes(),
        attribute=attribute,
        value=value,
        depth=depth,
    )


def _highest(view: RoundView, codes: Iterable[str]) -> str:
    return min(codes, key=lambda c: (len(view.path_of[c]), view.path_of[c]))


def default_root(view: RoundView) -> str | None:
    """The highest unit this person reaches in the round's chart."""
    codes = reachable_codes(view)
    return _highest(view, codes) if codes else None


def team_figure(
    view: RoundView, *, code: str, scope: str = Scope.UNIT, attribute: str = "", value: str = ""
) -> Figure | None:
    figures = figures_for(view, [code], scope=scope, attribute=attribute, value=value)
    return figures[0] if figures else None


def trend(
    *, user, campaign: Campaign, code: str, scope: str = Scope.UNIT, reader: Reader | None = None
) -> list[Figure]:
    """The same group in every closed round, oldest first (each round guarded on its own)."""
    figures = []
    reader = reader_of(user) if reader is None else reader
    for round_ in closed_rounds(campaign):
        view = round_view(user=user, round_=round_, reader=reader)
        if code in view.path_of:
            figure = team_figure(view, code=code, scope=scope)
            if figure is not None:
                figures.append(figure)
    return figures


# --- Comparisons: what a figure is set against -------------------------------------------------
#
# A heatmap colours each figure by its distance from a comparison the reader chooses, and a team's
# page shows the change since the previous round. Both sides are read exactly as the reader may
# see them (reach, the team-first rule, the guard's stored decision), so a difference is only ever
# drawn between two figures this person can already read on their own; where either side is hidden,
# there is no difference, only the reason. The previous round's figure is the same group: the same
# unit code, scope and filter, guarded in its own round, as the trends read it.

# Why a figure has nothing to be compared with (beyond the guard's reasons, ``too_few`` and
# ``would_reveal_other``, and ``not_shared`` for the team-first rule).
OUT_OF_REACH = "out_of_reach"  # the comparison group lies beyond what this person may see
NOT_IN_ROUND = "not_in_round"  # the unit was not in the previous round's chart
NO_ROUND = "no_round"  # this is the first closed round
TOP = "top"  # the survey's top unit has no unit above it in the survey
NOT_SHARED = "not_shared"
NO_FIGURE = "no_figure"  # released, but nobody answered that measure


@dataclass(frozen=True)
class Baseline:
    """The figure a row is compared with, as this person may see it, or why there is none."""

    figure: Figure | None
    missing: str = ""

    @property
    def unavailable(self) -> str:
        """Why none of its figures can be compared with; "" when they can (but for a measure
        not shared yet or with no answers: ``gap``)."""
        if self.figure is None:
            return self.missing or OUT_OF_REACH
        if self.figure.is_withheld:
            return NOT_SHARED
        if isinstance(self.figure.outcome, Suppressed):
            return self.figure.outcome.reason.value
        return ""


@dataclass
class Comparison:
    kind: str
    baselines: dict[str, Baseline]  # by the unit code of the row
    # When every row has the same baseline (the whole survey), or no row can have one (the
    # first round): the page says why once rather than in every cell.
    single: Baseline | None = None
    previous_round: Round | None = None
    subject: str = ""  # the name of the unit compared with, when there is one

    def baseline(self, code: str) -> Baseline:
        return self.baselines.get(code) or Baseline(None, OUT_OF_REACH)


@dataclass(frozen=True)
class Gap:
    """The distance of one figure from its baseline (``value``), or why there is none."""

    value: Decimal | None
    why: str = ""


def gap(row: Figure, baseline: Baseline, measure: str, kind: str) -> Gap:
    """How far ``row``'s figure for ``measure`` lies from the baseline's, as both are shown.
    Nothing when the row's own figure is not shown: its own marker says why."""
    own = row.value(measure)
    if own is None:
        return Gap(None)
    base = baseline.figure
    why = baseline.unavailable
    if why or base is None:
        return Gap(None, why)
    if measure in base.withheld:
        return Gap(None, NOT_SHARED)
    other = base.value(measure)
    if other is None:
        return Gap(None, NO_FIGURE)
    return Gap(distance(own, other, kind))


def previous_round(view: RoundView) -> Round | None:
    return (
        view.round.campaign.rounds.filter(closed_on__isnull=False, number__lt=view.round.number)
        .order_by("-number")
        .first()
    )


def top_unit(view: RoundView) -> str:
    """The survey's top unit in the round's chart: the campaign's unit when the round opened."""
    return _highest(view, view.path_of)


def default_comparison(*, user, view: RoundView) -> str:
    """The whole survey where the reader may see it; else the previous round; else the unit
    above, so that a team lead who sees only their own unit still gets a comparison."""
    if view.reaches(top_unit(view)):
        return CompareWith.ORGANISATION
    if previous_round(view) is not None:
        return CompareWith.PREVIOUS
    return CompareWith.PARENT


def compare(
    *,
    user,
    view: RoundView,
    rows: list[Figure],
    kind: str,
    scope: str = Scope.SUBTREE,
    attribute: str = "",
    value: str = "",
) -> Comparison:
    """The baseline of every row for the comparison ``kind`` (constants.CompareWith)."""
    codes = [row.unit_code for row in rows]
    if kind == CompareWith.ORGANISATION:
        top = top_unit(view)
        found = figures_for(view, [top], scope=Scope.SUBTREE, attribute=attribute, value=value)
        single = Baseline(found[0]) if found else Baseline(None, OUT_OF_REACH)
        return Comparison(
            kind,
            dict.fromkeys(codes, single),
            single=single,
            subject=found[0].unit_name if found else "",
        )
    if kind == CompareWith.PARENT:
        parent_of = {
            code: view.code_of.get(view.path_of.get(code, "")[:-TREE_STEP]) for code in codes
        }
        parents = sorted({p for p in parent_of.values() if p is not None})
        found_by_code = {
            f.unit_code: f
            for f in figures_for(
                view, parents, scope=Scope.SUBTREE, attribute=attribute, value=value
            )
        }
        baselines = {}
        for code, parent in parent_of.items():
            if parent is None:
                baselines[code] = Baseline(None, TOP)
            elif parent in found_by_code:
                baselines[code] = Baseline(found_by_code[parent])
            else:
                baselines[code] = Baseline(None, OUT_OF_REACH)
        return Comparison(kind, baselines)
    earlier = previous_round(view)
    if earlier is None:
        single = Baseline(None, NO_ROUND)
        return Comparison(kind, dict.fromkeys(codes, single), single=single)
    before = round_view(user=user, round_=earlier, day=view.day, reader=view.reader)
    known = [code for code in codes if code in before.path_of]
    found_by_code = {
        f.unit_code: f
        for f in figures_for(before, known, scope=scope, attribute=attribute, value=value)
    }
    baselines = {
        code: Baseline(found_by_code[code])
        if code in found_by_code
        else Baseline(None, OUT_OF_REACH if code in before.path_of else NOT_IN_ROUND)
        for code in codes
    }
    return Comparison(kind, baselines, previous_round=earlier)


@dataclass
class CommentSet:
    figure: Figure
    comments: list[str]


def comment_order_key(campaign_pk: int, round_number: int, response_id) -> str:
    """A stable shuffle: the same order on every reload, unrelated to the order of answers."""
    seed = f"{campaign_pk}:{round_number}:{response_id}".encode()
    return hashlib.sha256(seed).hexdigest()


def comments(view: RoundView, *, code: str, scope: str = Scope.UNIT) -> CommentSet | None:
    figures = figures_for(view, [code], scope=scope, family=GroupFamily.COMMENTS)
    if not figures:
        return None
    figure = figures[0]
    if not isinstance(figure.outcome, Released):  # not figure.is_released
        return CommentSet(figure, [])
    rows = Response.objects.filter(round=view.round).exclude(comment="")
    if scope == Scope.UNIT:
        rows = rows.filter(unit_code=code)
    else:
        path = view.path_of[code]
        rows = rows.filter(unit_code__in=[c for c, p in view.path_of.items() if p.startswith(path)])
    texts = [(pk, text) for pk, text in rows.values_list("pk", "comment") if text.strip()]
    if len(texts) != figure.outcome.n:  # the published group and the rows must agree
        return CommentSet(figure, [])
    campaign_pk = view.round.campaign_id
    texts.sort(key=lambda row: comment_order_key(campaign_pk, view.round.number, row[0]))
    return CommentSet(figure, [text for _pk, text in texts])


def weakest_measures(figure: Figure | None, instrument: Instrument, count: int = 3) -> list[str]:
    """The measures a team scored lowest on; all measures in order when no score is visible."""
    candidates = [m for m in instrument.measures if m.kind == MEAN or m.principle]
    if figure is None or not figure.is_released:
        return [m.code for m in candidates][:count]
    scored = [
        (figure.value(m.code), index, m.code)
        for index, m in enumerate(candidates)
        if figure.value(m.code) is not None
    ]
    return [code for _value, _index, code in sorted(scored)][:count]


def action_plan_for(*, round_: Round, code: str) -> ActionPlan | None:
    return (
        ActionPlan.objects.filter(round=round_, unit_code=code)
        .prefetch_related("actions__owner")
        .first()
    )


def standing_actions(*, code: str) -> list[Action]:
    """The actions of the team's standing plan (from its retrospectives): those still to check
    first, by due date, then those checked, newest first."""
    actions = (
        Action.objects.filter(plan__round__isnull=True, plan__unit_code=code)
        .select_related("owner")
        .order_by("check_due_on", "pk")
    )
    pending = [action for action in actions if action.checked_on is None]
    checked = sorted(
        (action for action in actions if action.checked_on is not None),
        key=lambda action: (action.checked_on, action.pk),
        reverse=True,
    )
    return pending + checked


def actions_by_pk(*, pks) -> dict[int, Action]:
    """Actions by their key, with their owner: how another app reads the actions it linked."""
    return {
        action.pk: action for action in Action.objects.filter(pk__in=pks).select_related("owner")
    }


def team_members(*, code: str):
    """People now placed in the unit, and its team leads: the owners an action can have."""
    user_model = get_user_model()
    return user_model.objects.filter(
        Q(staff_record__unit__code=code)
        | Q(role_assignments__role=Role.TEAM_LEAD, role_assignments__unit__code=code),
        is_active=True,
    ).distinct()
