# SPDX-License-Identifier: EUPL-1.2
"""The learning wall: the experiments a person may read, to learn from what others tried
(docs/experiments.md).

What it lists starts from ``selectors.readable_by``, the one rule of who reads what, and keeps
the experiments that have started: a card still in draft is never on a wall, not even its
owner's, and neither is a draft that was dropped before it started (it was never shared, even
if its owner had already chosen with whom to share it).

Failures are listed the same way as successes: stopped and parked experiments sit next to the
scaled ones, with what was learnt and why it was decided so. The order is the order of the last
change, never of success.

Search runs in the reader's language: on PostgreSQL with that language's text search
configuration (stemming, stop words), on SQLite, for the demo, as case-insensitive fragments.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Q, QuerySet

from elan.core.vocabulary import InnovationSkill, Principle
from elan.experiments import selectors
from elan.experiments.constants import Status
from elan.experiments.models import Experiment
from elan.organisations.models import Unit
from elan.organisations.selectors import unit_of

PER_PAGE = 20
# PostgreSQL's text search configuration for each language of the site.
SEARCH_CONFIGS = {"nl": "dutch", "fr": "french", "de": "german", "en": "english"}
# Everything a card says about the idea and what came of it; not the people involved.
SEARCHED_FIELDS = (
    "title",
    "problem",
    "belief",
    "expected_outcome",
    "what_we_try",
    "lessons",
    "decision_reason",
)
# The statuses a wall entry can have: a draft is never on the wall.
WALL_STATUSES = tuple(status for status in Status if status != Status.DRAFT)


@dataclass(frozen=True)
class WallFilters:
    """What the reader narrowed the wall to; empty values filter nothing."""

    query: str = ""
    principle: str = ""
    skill: str = ""
    unit: Unit | None = None
    status: str = ""
    decision: str = ""


@dataclass(frozen=True)
class WallEntry:
    experiment: Experiment
    built_on: int

    @property
    def principles(self) -> list[str]:
        return _labels(Principle, self.experiment.principles)

    @property
    def skills(self) -> list[str]:
        return _labels(InnovationSkill, self.experiment.skills)


def _labels(vocabulary, slugs) -> list[str]:
    known = dict(vocabulary.choices)
    return [str(known[slug]) for slug in slugs or [] if slug in known]


def on_the_wall(*, viewer, readable: QuerySet[Experiment] | None = None) -> QuerySet[Experiment]:
    """Every experiment ``viewer`` may read that has started: shared ones and their own.
    ``readable`` is ``selectors.readable_by(viewer=viewer)`` when the caller built it already:
    building it reads the chart, and one request needs it only once."""
    if readable is None:
        readable = selectors.readable_by(viewer=viewer)
    return readable.exclude(status=Status.DRAFT).exclude(started_at__isnull=True)


def search_config(language: str | None) -> str:
    return SEARCH_CONFIGS.get((language or "")[:2], "simple")


def _searched(entries: QuerySet[Experiment], query: str, language: str) -> QuerySet[Experiment]:
    if connection.vendor == "postgresql":
        config = search_config(language)
        return entries.annotate(document=SearchVector(*SEARCHED_FIELDS, config=config)).filter(
            document=SearchQuery(query, config=config, search_type="websearch")
        )
    # SQLite has no text search: every word must appear in one of the fields, in any case.
    words = query.split()
    for word in words:
        entries = entries.filter(
            functools.reduce(
                operator.or_, (Q(**{f"{name}__icontains": word}) for name in SEARCHED_FIELDS)
            )
        )
    return entries


def wall_entries(
    *,
    viewer,
    filters: WallFilters,
    language: str,
    readable: QuerySet[Experiment] | None = None,
) -> QuerySet[Experiment]:
    """The wall as ``viewer`` reads it, narrowed by ``filters``, latest change first."""
    entries = on_the_wall(viewer=viewer, readable=readable)
    if filters.principle:
        entries = entries.filter(tags__contains=f"|principle:{filters.principle}|")
    if filters.skill:
        entries = entries.filter(tags__contains=f"|skill:{filters.skill}|")
    if filters.unit is not None:
        entries = entries.filter(filters.unit.subtree_filter("unit__"))
    if filters.status:
        entries = entries.filter(status=filters.status)
    if filters.decision:
        entries = entries.filter(decision=filters.decision)
    query = (filters.query or "").strip()
    if query:
        entries = _searched(entries, query, language)
    return entries.select_related("unit").order_by("-updated_at", "-pk")


def organisation_of(*, viewer) -> Unit | None:
    """The root of the viewer's unit on the chart: their organisation."""
    unit = unit_of(user=viewer)
    if unit is None:
        return None
    return unit if unit.is_root() else unit.get_root()


def units_to_filter(*, viewer, readable: QuerySet[Experiment] | None = None) -> QuerySet[Unit]:
    """The units of the reader's organisation that have an experiment on their wall."""
    organisation = organisation_of(viewer=viewer)
    if organisation is None:
        return Unit.objects.none()
    return Unit.objects.filter(
        organisation.subtree_filter(),
        pk__in=on_the_wall(viewer=viewer, readable=readable)
        .filter(unit__isnull=False)
        .values("unit_id"),
    ).order_by("path")


def built_on_counts(
    *,
    viewer,
    experiments: Iterable[Experiment],
    readable: QuerySet[Experiment] | None = None,
) -> dict[int, int]:
    """How many experiments started from each of ``experiments``, counted as the card counts
    them (``selectors.built_on``): every one for the original's owners, the ones the reader may
    read for anyone else."""
    ids = [experiment.pk for experiment in experiments]
    if not ids:
        return {}
    owned = selectors.owned_by(viewer=viewer).filter(pk__in=ids).values("pk")
    if readable is None:
        readable = selectors.readable_by(viewer=viewer)
    rows = (
        Experiment.objects.filter(based_on_id__in=ids)
        .filter(Q(based_on_id__in=owned) | Q(pk__in=readable.values("pk")))
        .order_by()
        .values("based_on_id")
        .annotate(count=Count("pk"))
    )
    return {row["based_on_id"]: row["count"] for row in rows}


def entries_for_page(
    *,
    viewer,
    experiments: Iterable[Experiment],
    readable: QuerySet[Experiment] | None = None,
) -> list[WallEntry]:
    experiments = list(experiments)
    counts = built_on_counts(viewer=viewer, experiments=experiments, readable=readable)
    return [
        WallEntry(experiment=experiment, built_on=counts.get(experiment.pk, 0))
        for experiment in experiments
    ]
