# SPDX-License-Identifier: EUPL-1.2
"""Instrument quality for HR: the psychometrics of every instrument, taken in steps, never live.

Two halves, and only the first reads answers:

1. **Taking a step** (``snapshots_take``, run when a 360 or survey round closes and by
   ``feedback_daily``). Per organisation (the top of the chart) and instrument, it gathers the
   complete answer sets that came in since the last step: submitted self-assessments, answers of
   *closed* 360 rounds, answers of *closed* survey rounds. When they hold at least the guard's
   minimum of new people (and the guard releases them as a group), the database adds up their
   moments (``psychometrics.Moments``) in one query and the step is stored as a
   ``QualitySnapshot``: the previous moments plus these. Otherwise nothing is stored and they
   wait for the next step.
2. **Reading** (``reports_for``, HR's page): the latest step of each instrument in the viewer's
   organisations, turned into statistics by NumPy; a scale shows figures only from
   ``PSYCHOMETRICS_MIN_RESPONSES`` (30) complete answer sets.

Why steps: loading a live page before and after one person answers gives that person's every
answer by difference (a private self-assessment, a rater's scores, climate answers). A step adds
at least the guard's minimum of people at once, so two looks differ by a group. Why whole
organisations: two overlapping scopes (a directorate and the service around it) could be
subtracted from one another; organisations do not overlap. Why an answer set counts only when
*every* scale statement of the instrument was answered (listwise deletion over the instrument,
not per scale): then every scale of a step is over the same people, and a step of N new people
is N new people on every scale.

The database pivots the answers to one row per answer set, then sums each item and each product
of two items of the same scale, counting an answer set only when it is complete. Python never
loops over the answers; NumPy turns the few hundred sums into the statistics.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elan.assessments.constants import AssessmentStatus
from elan.assessments.models import Answer as AssessmentAnswer
from elan.assessments.models import Assessment, Instrument
from elan.core.anonymity import CandidateGroup, GuardContext, Released, guard
from elan.core.anonymity.grouping import TREE_STEP
from elan.feedback.constants import RoundStatus
from elan.feedback.models import QualitySnapshot, QualitySource, RaterAnswer, RaterResponse
from elan.feedback.psychometrics import Moments, ScaleStatistics, scale_statistics
from elan.insights.constants import InstrumentCode
from elan.insights.instruments import MEAN, SCALE, instrument_for
from elan.insights.models import Answer as SurveyAnswer
from elan.insights.models import Response, Round
from elan.organisations.constants import Role
from elan.organisations.models import Unit
from elan.organisations.selectors import coverage_of
from elan.skills.multilingual import localize


def min_responses() -> int:
    return getattr(settings, "PSYCHOMETRICS_MIN_RESPONSES", 30)


def min_step() -> int:
    """The guard's minimum: a step adds at least this many people."""
    return settings.ANONYMITY_MIN_GROUP


@dataclass(frozen=True)
class ItemKey:
    key: object  # what the answers table stores for the item: an id or a code
    code: str  # how the report names it
    reverse: bool = False


@dataclass(frozen=True)
class ScaleSpec:
    key: str
    label: str
    codes: tuple[str, ...]


@dataclass
class ScaleReport:
    key: str
    label: str
    k: int
    statistics: ScaleStatistics | None  # None below the minimum of complete answer sets
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        return self.statistics is not None

    @property
    def item_rows(self) -> list[tuple[object, str, bool]]:
        """(item statistics, statement, weakens the scale) for the item table."""
        if self.statistics is None:
            return []
        alpha = self.statistics.alpha
        return [
            (item, self.texts.get(item.code, ""), item.weakens(alpha))
            for item in self.statistics.items
        ]


@dataclass
class InstrumentReport:
    key: str
    title: str
    source: str
    scales: list[ScaleReport] = field(default_factory=list)
    item_texts: dict[str, str] = field(default_factory=dict)
    taken_on: datetime.date | None = None  # the day of the step shown; None before the first


@dataclass
class OrganisationReport:
    organisation: Unit
    instruments: list[InstrumentReport]


@dataclass(frozen=True)
class Source:
    """One instrument as one kind of answer sets: what to pivot, and how to name it."""

    kind: str  # QualitySource
    instrument_key: str
    title: str
    items: tuple[ItemKey, ...]
    scales: tuple[ScaleSpec, ...]
    flip: int  # minimum + maximum of the scale: a reverse item counts as flip - value
    item_texts: dict[str, str]
    table: str
    response_column: str
    item_column: str
    value_column: str
    instrument_id: int | None = None  # self-assessments and 360s
    survey_code: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items)


# --- the sources ------------------------------------------------------------------------------


def _skills_sources() -> list[Source]:
    sources = []
    for instrument in Instrument.objects.select_related("scale").order_by("slug", "-version"):
        items = list(instrument.items.order_by("position"))
        subscales = list(instrument.subscales.order_by("position"))
        scales = (
            ScaleSpec("all", str(_("Whole instrument")), tuple(item.code for item in items)),
            *(
                ScaleSpec(
                    subscale.slug,
                    localize(subscale.name).text,
                    tuple(item.code for item in items if item.subscale_id == subscale.pk),
                )
                for subscale in subscales
            ),
        )
        common = {
            "instrument_key": f"{instrument.slug}@{instrument.version}",
            "title": str(instrument),
            "items": tuple(
                ItemKey(key=item.pk, code=item.code, reverse=item.reverse) for item in items
            ),
            "scales": scales,
            "flip": instrument.scale.minimum + instrument.scale.maximum,
            "item_texts": {item.code: localize(item.text).text for item in items},
            "item_column": "item_id",
            "value_column": "value",
            "instrument_id": instrument.pk,
        }
        sources.append(
            Source(
                kind=QualitySource.SELF_ASSESSMENT,
                table=AssessmentAnswer._meta.db_table,
                response_column="assessment_id",
                **common,
            )
        )
        sources.append(
            Source(
                kind=QualitySource.FEEDBACK,
                table=RaterAnswer._meta.db_table,
                response_column="response_id",
                **common,
            )
        )
    return sources


def _survey_sources() -> list[Source]:
    """The insights surveys' scale items, grouped by the measure they count towards."""
    sources = []
    for code in InstrumentCode.values:
        instrument = instrument_for(code)
        items = [item for item in instrument.items if item.kind == SCALE]
        if len(items) < 2:
            continue
        measures = [
            measure
            for measure in instrument.measures
            if measure.kind == MEAN and sum(item.measure == measure.code for item in items) >= 2
        ]
        scales = (
            ScaleSpec("all", str(_("Whole instrument")), tuple(item.code for item in items)),
            *(
                ScaleSpec(
                    measure.code,
                    str(measure.label),
                    tuple(item.code for item in items if item.measure == measure.code),
                )
                for measure in measures
            ),
        )
        sources.append(
            Source(
                kind=QualitySource.SURVEY,
                instrument_key=code,
                title=str(instrument.label),
                # The stored score is already mirrored for reverse items: nothing is flipped.
                items=tuple(ItemKey(key=item.code, code=item.code) for item in items),
                scales=scales,
                flip=6,
                item_texts={item.code: str(item.text) for item in items},
                table=SurveyAnswer._meta.db_table,
                response_column="response_id",
                item_column="item",
                value_column="score",
                survey_code=code,
            )
        )
    return sources


def sources() -> list[Source]:
    return [*_skills_sources(), *_survey_sources()]


# --- moments from the answers (only the step service and the benchmark call these) ------------


def pivot_moments(
    *,
    table: str,
    response_column: str,
    item_column: str,
    value_column: str,
    items: Sequence[ItemKey],
    flip: int,
    responses_sql: str,
    responses_params: Sequence,
    scales: Sequence[ScaleSpec],
    required: Sequence[str] | None = None,
) -> dict[str, Moments]:
    """One query: per scale, n complete answer sets, item sums and sums of products.

    ``flip`` is minimum + maximum of the scale: a reverse-scored item counts as flip - value.
    ``responses_sql`` selects the ids of the answer sets to include. An answer set counts for a
    scale when every item of that scale was answered, or, with ``required``, when every one of
    those items was (the same answer sets for every scale).
    """
    quote = connection.ops.quote_name
    column_of = {item.code: f"c{index}" for index, item in enumerate(items)}
    pivot_columns = []
    params: list = []
    for item in items:
        value = f"({int(flip)} - {quote(value_column)})" if item.reverse else quote(value_column)
        pivot_columns.append(
            f"MAX(CASE WHEN {quote(item_column)} = %s THEN {value} END) AS {column_of[item.code]}"
        )
        params.append(item.key)
    placeholders = ", ".join(["%s"] * len(items))
    params += [item.key for item in items]
    params += list(responses_params)
    flags, aggregates, layout = _moment_aggregates(scales, column_of=column_of, required=required)
    # The pivot reads every answer to these items (they belong to one instrument) in one
    # sequential pass and groups them in memory; the answer sets are chosen afterwards, on the
    # grouped rows. Filtering first makes PostgreSQL walk the answers in index order, which was
    # ten times slower at 200,000 answer sets (docs/performance.md). OFFSET 0 keeps PostgreSQL
    # from folding the inner selects into the outer one (it would push the filter down again and
    # evaluate each pivot and completeness expression once per use).
    fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
    pivot = (
        f"SELECT {quote(response_column)} AS answer_set, {', '.join(pivot_columns)} "
        f"FROM {quote(table)} WHERE {quote(item_column)} IN ({placeholders}) "
        f"GROUP BY {quote(response_column)}{fence}"
    )
    sql = (
        f"SELECT {', '.join(aggregates)} FROM ("
        f"SELECT *, {', '.join(flags)} FROM ({pivot}) pivot "
        f"WHERE answer_set IN ({responses_sql}){fence}) flagged"
    )
    return _moments_from_row(_moments_row(sql, params), layout=layout, scales=scales)


def _moment_aggregates(
    scales: Sequence[ScaleSpec],
    *,
    column_of: dict[str, str],
    required: Sequence[str] | None,
) -> tuple[list[str], list[str], list[tuple[str, str, int, int]]]:
    """The completeness flag of each scale, the aggregates of its moments, and which moment
    each aggregate is: (scale, "n" | "sum" | "product", i, j).

    Each scale's completeness is decided once per answer set, as a factor that is 1 or NULL:
    multiplying by it drops incomplete answer sets from every sum of that scale (SQL
    aggregates skip NULL), so the sums themselves need no condition.
    """
    flags = []
    aggregates = []
    layout: list[tuple[str, str, int, int]] = []  # (scale, kind, i, j)
    for number, scale in enumerate(scales):
        columns = [column_of[code] for code in scale.codes]
        needed = [column_of[code] for code in required] if required is not None else columns
        complete = " AND ".join(f"{c} IS NOT NULL" for c in needed)
        flags.append(f"CASE WHEN {complete} THEN 1 END AS m{number}")
        factor = f"m{number}"
        aggregates.append(f"COUNT({factor})")
        layout.append((scale.key, "n", 0, 0))
        for i, column in enumerate(columns):
            aggregates.append(f"SUM({column} * {factor})")
            layout.append((scale.key, "sum", i, 0))
        for i in range(len(columns)):
            for j in range(i, len(columns)):
                aggregates.append(f"SUM({columns[i]} * {columns[j]} * {factor})")
                layout.append((scale.key, "product", i, j))
    return flags, aggregates, layout


def _moments_row(sql: str, params: list) -> tuple:
    """Run the moments query; its one row."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Local to this query. JIT off: compiling the few hundred sums took 26 of 30 seconds
            # at 200,000 answer sets, for a query that then runs in about two
            # (docs/performance.md). More work memory: the answer sets are grouped in memory
            # rather than sorted on disk.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(sql, params)
        return cursor.fetchone()


def _moments_from_row(
    row: tuple, *, layout: list[tuple[str, str, int, int]], scales: Sequence[ScaleSpec]
) -> dict[str, Moments]:
    """Each scale's moments, read off the query's row by ``layout``."""
    values = np.array([0 if v is None else float(v) for v in row], dtype=np.float64)
    sizes = {scale.key: len(scale.codes) for scale in scales}
    n = dict.fromkeys(sizes, 0)
    sums = {key: np.zeros(k) for key, k in sizes.items()}
    products = {key: np.zeros((k, k)) for key, k in sizes.items()}
    for value, (key, kind, i, j) in zip(values, layout, strict=True):
        if kind == "n":
            n[key] = int(value)
        elif kind == "sum":
            sums[key][i] = value
        else:
            products[key][i, j] = products[key][j, i] = value
    return {key: Moments(n=n[key], sums=sums[key], products=products[key]) for key in sizes}


def answer_set_moments(source: Source, answer_sets: QuerySet) -> dict[str, Moments]:
    """The moments of the complete answer sets among ``answer_sets``, per scale."""
    sql, params = answer_sets.values("pk").query.sql_with_params()
    return pivot_moments(
        table=source.table,
        response_column=source.response_column,
        item_column=source.item_column,
        value_column=source.value_column,
        items=source.items,
        flip=source.flip,
        responses_sql=sql,
        responses_params=params,
        scales=source.scales,
        required=source.codes,
    )


def scale_reports(source: Source, moments: dict[str, Moments]) -> list[ScaleReport]:
    return [
        ScaleReport(
            key=scale.key,
            label=scale.label,
            k=len(scale.codes),
            statistics=_statistics(moments.get(scale.key), scale.codes),
            texts=source.item_texts,
        )
        for scale in source.scales
    ]


def _statistics(moments: Moments | None, codes: Sequence[str]) -> ScaleStatistics | None:
    if moments is None or moments.n < max(min_responses(), 2):
        return None
    return scale_statistics(moments, codes)


# --- taking a step ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pending:
    """The answer sets that came in since the last step, and who stands behind them."""

    answer_sets: QuerySet  # every candidate; the pivot keeps the complete ones
    complete: int  # how many are complete
    people: frozenset[int]  # ids of distinct people the step is known to hold, at least
    added_rounds: tuple[int, ...] = ()


def _complete(answer_sets: QuerySet, source: Source, relation: str, item_field: str) -> QuerySet:
    """The answer sets that answered every scale statement of the instrument."""
    keys = [item.key for item in source.items]
    return answer_sets.annotate(
        answered=Count(
            f"{relation}__{item_field}",
            filter=Q(**{f"{relation}__{item_field}__in": keys}),
            distinct=True,
        )
    ).filter(answered=len(keys))


def _pending_self_assessments(source, organisation, since, now) -> _Pending:
    answer_sets = Assessment.objects.filter(
        instrument_id=source.instrument_id,
        status=AssessmentStatus.SUBMITTED,
        submitted_at__lte=now,
        owner__staff_record__unit__path__startswith=organisation.path,
    )
    if since is not None:
        answer_sets = answer_sets.filter(submitted_at__gt=since)
    owners = list(
        _complete(answer_sets, source, "answers", "item").values_list("owner_id", flat=True)
    )
    # A person who took the self-assessment twice since the last step is one person.
    return _Pending(answer_sets, len(owners), frozenset(owners))


def _pending_feedback(source, organisation, since, now) -> _Pending:
    answer_sets = RaterResponse.objects.filter(
        round__instrument_id=source.instrument_id,
        round__status=RoundStatus.CLOSED,
        round__closed_at__lte=now,
        round__owner__staff_record__unit__path__startswith=organisation.path,
    )
    if since is not None:
        answer_sets = answer_sets.filter(round__closed_at__gt=since)
    owners = list(
        _complete(answer_sets, source, "answers", "item").values_list("round__owner_id", flat=True)
    )
    # Counted in owners, not raters: a step of one person's raters would hand HR that person's
    # 360 by difference. Raters cannot be told apart across rounds, which is the point.
    return _Pending(answer_sets, len(owners), frozenset(owners))


def _pending_surveys(source, organisation, included: set[int]) -> _Pending:
    rounds = (
        Round.objects.filter(
            campaign__instrument=source.survey_code,
            closed_on__isnull=False,
            campaign__unit__path__startswith=organisation.path,
        )
        .exclude(pk__in=sorted(included))
        .order_by("pk")
    )
    round_ids = tuple(rounds.values_list("pk", flat=True))
    answer_sets = Response.objects.filter(round_id__in=round_ids)
    per_round: dict[int, int] = {}
    for round_id in _complete(answer_sets, source, "answers", "item").values_list(
        "round_id", flat=True
    ):
        per_round[round_id] = per_round.get(round_id, 0) + 1
    # Survey answers carry no person, and one person answers each round of a campaign: the
    # only count of distinct people the rows allow is that of the largest round.
    largest = max(per_round.values(), default=0)
    return _Pending(
        answer_sets, sum(per_round.values()), frozenset(range(largest)), added_rounds=round_ids
    )


def _moments_as_json(source: Source, moments: dict[str, Moments]) -> dict:
    return {
        scale.key: {
            "codes": list(scale.codes),
            "sums": moments[scale.key].sums.tolist(),
            "products": moments[scale.key].products.tolist(),
        }
        for scale in source.scales
    }


def _moments_from_json(stored: dict, n: int, source: Source) -> dict[str, Moments] | None:
    """The stored moments, or None when the instrument's scales have changed since."""
    moments = {}
    for scale in source.scales:
        entry = stored.get(scale.key)
        if entry is None or tuple(entry.get("codes", ())) != scale.codes:
            return None
        moments[scale.key] = Moments(
            n=n, sums=np.array(entry["sums"]), products=np.array(entry["products"])
        )
    return moments


def _latest(source: Source, organisation: Unit) -> QualitySnapshot | None:
    return (
        QualitySnapshot.objects.filter(
            source=source.kind, instrument_key=source.instrument_key, organisation=organisation
        )
        .order_by("-taken_at", "-pk")
        .first()
    )


def _step(source: Source, organisation: Unit, now: datetime.datetime) -> QualitySnapshot | None:
    latest = _latest(source, organisation)
    since = latest.covers_until if latest else None
    if source.kind == QualitySource.SELF_ASSESSMENT:
        pending = _pending_self_assessments(source, organisation, since, now)
    elif source.kind == QualitySource.FEEDBACK:
        pending = _pending_feedback(source, organisation, since, now)
    else:
        included = {
            round_id
            for rounds in QualitySnapshot.objects.filter(
                source=source.kind,
                instrument_key=source.instrument_key,
                organisation=organisation,
            ).values_list("added_rounds", flat=True)
            for round_id in rounds
        }
        pending = _pending_surveys(source, organisation, included)
    threshold = min_step()
    step = CandidateGroup(key=("step",), members=pending.people)
    if not isinstance(guard(GuardContext(min_group=threshold), [step])[("step",)], Released):
        return None  # too few new people: they wait for the next step
    moments = answer_set_moments(source, pending.answer_sets)
    if moments[source.scales[0].key].n != pending.complete:
        return None  # the pivot and the count disagree (answers changed meanwhile): wait
    previous = _moments_from_json(latest.moments, latest.n, source) if latest is not None else None
    if previous is not None:
        moments = {
            key: Moments(
                n=previous[key].n + value.n,
                sums=previous[key].sums + value.sums,
                products=previous[key].products + value.products,
            )
            for key, value in moments.items()
        }
    return QualitySnapshot.objects.create(
        source=source.kind,
        instrument_key=source.instrument_key,
        organisation=organisation,
        taken_at=now,
        covers_until=now,
        min_step=threshold,
        n=moments[source.scales[0].key].n,
        step_n=pending.complete,
        moments=_moments_as_json(source, moments),
        added_rounds=list(pending.added_rounds),
    )


def snapshots_take(*, now: datetime.datetime | None = None) -> int:
    """Take a step for every organisation and instrument that has enough new people.

    Called when a 360 or survey round closes (after the commit, as a task) and by
    ``feedback_daily`` (self-assessments have no rounds). Running it twice takes no second
    step: the answer sets already taken in are not new any more. Returns how many steps it took.
    """
    now = now or timezone.now()
    taken = 0
    all_sources = sources()
    for organisation in Unit.get_root_nodes().order_by("path"):
        for source in all_sources:
            with transaction.atomic():
                if _step(source, organisation, now) is not None:
                    taken += 1
    return taken


# --- reading: HR's page -------------------------------------------------------------------------


def organisations_for(viewer) -> list[Unit]:
    """The organisations (tops of the chart) the viewer's HR roles lie in."""
    coverage = coverage_of(user=viewer, role=Role.HR)
    roots = Unit.get_root_nodes().order_by("path")
    if coverage.whole_organisation:
        return list(roots)
    tops = {path[:TREE_STEP] for path in coverage.root_paths}
    return [root for root in roots if root.path in tops]


def reports_for(*, viewer) -> list[OrganisationReport]:
    """Each instrument's latest step in each organisation the viewer's HR roles lie in.

    Reads ``QualitySnapshot`` rows only: no answer is read here.
    """
    organisations = organisations_for(viewer)
    if not organisations:
        return []
    all_sources = sources()
    labels = dict(QualitySource.choices)
    reports = []
    for organisation in organisations:
        instruments = []
        for source in all_sources:
            latest = _latest(source, organisation)
            moments = (
                _moments_from_json(latest.moments, latest.n, source) if latest is not None else None
            )
            instruments.append(
                InstrumentReport(
                    key=f"{organisation.pk}-{source.kind}-{source.instrument_key}".replace(
                        "@", "-"
                    ).replace(".", "-"),
                    title=source.title,
                    source=str(labels[source.kind]),
                    scales=scale_reports(source, moments or {}),
                    item_texts=source.item_texts,
                    taken_on=timezone.localdate(latest.taken_at) if latest else None,
                )
            )
        reports.append(OrganisationReport(organisation=organisation, instruments=instruments))
    return reports
