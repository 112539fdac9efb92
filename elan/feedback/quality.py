# SPDX-License-Identifier: EUPL-1.2
"""Instrument quality for HR: the psychometrics of every instrument, from the database.

The database adds up the moments (``psychometrics.Moments``) in one query per instrument: it
pivots the answers to one row per answer set, then sums each item and each product of two items
of the same scale, counting a scale's answer set only when every item of that scale was
answered (listwise deletion, as SPSS and R's psych do by default). Python never loops over the
answers; NumPy turns the few hundred sums into the statistics.

Privacy: only instrument-level figures, from at least ``PSYCHOMETRICS_MIN_RESPONSES`` (30)
complete answer sets per scale, over the people in the HR officer's scope; below that a scale
shows no figures at all, not even its count. Nothing here is per person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from elan.feedback.psychometrics import Moments, ScaleStatistics, scale_statistics
from elan.organisations.constants import Role
from elan.organisations.models import RoleAssignment
from elan.skills.multilingual import localize


def min_responses() -> int:
    return getattr(settings, "PSYCHOMETRICS_MIN_RESPONSES", 30)


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
) -> dict[str, Moments]:
    """One query: per scale, n complete answer sets, item sums and sums of products.

    ``flip`` is minimum + maximum of the scale: a reverse-scored item counts as flip - value.
    ``responses_sql`` selects the ids of the answer sets to include.
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
    # Each scale's completeness is decided once per answer set, as a factor that is 1 or NULL:
    # multiplying by it drops incomplete answer sets from every sum of that scale (SQL
    # aggregates skip NULL), so the sums themselves need no condition.
    flags = []
    aggregates = []
    layout: list[tuple[str, str, int, int]] = []  # (scale, kind, i, j)
    for number, scale in enumerate(scales):
        columns = [column_of[code] for code in scale.codes]
        complete = " AND ".join(f"{c} IS NOT NULL" for c in columns)
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
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Local to this query. JIT off: compiling the few hundred sums took 26 of 30 seconds
            # at 200,000 answer sets, for a query that then runs in about two
            # (docs/performance.md). More work memory: the answer sets are grouped in memory
            # rather than sorted on disk.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(sql, params)
        row = cursor.fetchone()
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


def _statistics(moments: Moments, codes: Sequence[str]) -> ScaleStatistics | None:
    if moments.n < max(min_responses(), 2):
        return None
    return scale_statistics(moments, codes)


def _scope_paths(user) -> list[str] | None:
    """Unit paths the HR role covers; [] for the whole organisation, None for no HR role."""
    assignments = list(
        RoleAssignment.objects.filter(user=user, role=Role.HR).select_related("unit")
    )
    if not assignments:
        return None
    if any(a.unit_id is None for a in assignments):
        return []
    return sorted({a.unit.path for a in assignments})


def _path_filter(paths: list[str], field: str) -> Q:
    condition = Q()
    if paths:
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(**{f"{field}__startswith": path})
    return condition


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    return queryset.query.sql_with_params()


# --- the sources ------------------------------------------------------------------------------


def _skills_instrument_reports(
    instrument, *, source_key: str, source: str, responses: QuerySet, table, response_column
) -> InstrumentReport:
    items = list(instrument.items.select_related("subscale").order_by("position"))
    subscales = list(instrument.subscales.order_by("position"))
    keys = [ItemKey(key=item.pk, code=item.code, reverse=item.reverse) for item in items]
    scales = [ScaleSpec("all", str(_("Whole instrument")), tuple(item.code for item in items))] + [
        ScaleSpec(
            subscale.slug,
            localize(subscale.name).text,
            tuple(item.code for item in items if item.subscale_id == subscale.pk),
        )
        for subscale in subscales
    ]
    sql, params = _sql(responses.values("pk"))
    moments = pivot_moments(
        table=table,
        response_column=response_column,
        item_column="item_id",
        value_column="value",
        items=keys,
        flip=instrument.scale.minimum + instrument.scale.maximum,
        responses_sql=sql,
        responses_params=params,
        scales=scales,
    )
    report = InstrumentReport(
        key=f"{source_key}-{instrument.slug}-{instrument.version}",
        title=str(instrument),
        source=source,
        item_texts={item.code: localize(item.text).text for item in items},
    )
    for scale in scales:
        report.scales.append(
            ScaleReport(
                key=scale.key,
                label=scale.label,
                k=len(scale.codes),
                statistics=_statistics(moments[scale.key], scale.codes),
                texts=report.item_texts,
            )
        )
    return report


def self_assessment_quality(*, paths: list[str] | None = None) -> list[InstrumentReport]:
    from elan.assessments.models import Answer, Assessment, Instrument

    reports = []
    for instrument in Instrument.objects.select_related("scale").order_by("slug", "-version"):
        responses = Assessment.objects.filter(instrument=instrument, status="submitted").filter(
            _path_filter(paths or [], "owner__staff_record__unit__path")
        )
        reports.append(
            _skills_instrument_reports(
                instrument,
                source_key="self",
                source=str(_("Self-assessments")),
                responses=responses,
                table=Answer._meta.db_table,
                response_column="assessment_id",
            )
        )
    return reports


def feedback_quality(*, paths: list[str] | None = None) -> list[InstrumentReport]:
    from elan.assessments.models import Instrument
    from elan.feedback.models import RaterAnswer, RaterResponse

    reports = []
    used = Instrument.objects.filter(feedback_rounds__isnull=False).distinct()
    for instrument in used.select_related("scale").order_by("slug", "-version"):
        responses = RaterResponse.objects.filter(round__instrument=instrument).filter(
            _path_filter(paths or [], "round__owner__staff_record__unit__path")
        )
        reports.append(
            _skills_instrument_reports(
                instrument,
                source_key="360",
                source=str(_("360 feedback")),
                responses=responses,
                table=RaterAnswer._meta.db_table,
                response_column="response_id",
            )
        )
    return reports


def survey_quality(*, paths: list[str] | None = None) -> list[InstrumentReport]:
    """The insights surveys' scale items, grouped by the measure they count towards."""
    from elan.insights.constants import InstrumentCode
    from elan.insights.instruments import MEAN, SCALE, instrument_for
    from elan.insights.models import Answer, Response

    reports = []
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
        scales = [
            ScaleSpec("all", str(_("Whole instrument")), tuple(item.code for item in items))
        ] + [
            ScaleSpec(
                measure.code,
                str(measure.label),
                tuple(item.code for item in items if item.measure == measure.code),
            )
            for measure in measures
        ]
        responses = Response.objects.filter(round__campaign__instrument=code).filter(
            _path_filter(paths or [], "unit_path")
        )
        sql, params = _sql(responses.values("pk"))
        # The stored score is already mirrored for reverse items, so nothing is flipped here.
        moments = pivot_moments(
            table=Answer._meta.db_table,
            response_column="response_id",
            item_column="item",
            value_column="score",
            items=[ItemKey(key=item.code, code=item.code) for item in items],
            flip=6,
            responses_sql=sql,
            responses_params=params,
            scales=scales,
        )
        report = InstrumentReport(
            key=f"survey-{code}",
            title=str(instrument.label),
            source=str(_("Surveys")),
            item_texts={item.code: str(item.text) for item in items},
        )
        for scale in scales:
            report.scales.append(
                ScaleReport(
                    key=scale.key,
                    label=scale.label,
                    k=len(scale.codes),
                    statistics=_statistics(moments[scale.key], scale.codes),
                    texts=report.item_texts,
                )
            )
        reports.append(report)
    return reports


def quality_for(*, viewer) -> list[InstrumentReport]:
    """Every instrument's psychometrics over the people in the viewer's HR scope."""
    paths = _scope_paths(viewer)
    if paths is None:
        return []
    return [
        *self_assessment_quality(paths=paths),
        *feedback_quality(paths=paths),
        *survey_quality(paths=paths),
    ]
