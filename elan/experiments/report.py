# SPDX-License-Identifier: EUPL-1.2
"""The yearly "what we learnt" report of an organisation, as a page and as a PDF
(docs/experiments.md).

For a year and the reader's organisation (the root of their unit on the chart), the report
lists the experiments decided that year (``decided_on``) and shared with the whole
organisation: those scaled up (and made official, when they were), those parked and those
stopped, each with its problem, what was tried, the reason for the decision and what was
learnt. Failures sit next to successes on purpose: a stopped test teaches as much. A card
shared with a team only, or with nobody, is not in it, even for a reader who may read it: the
report is the organisation's, so it holds what the organisation was given. What it lists still
starts from ``selectors.readable_by``, the one rule of who reads what.

Only decisions that end a test count: "iterate" keeps an experiment running, and a parked one
taken up again is running again, so neither is in the year's report until decided once more.

The PDF is tagged for PDF/UA-1 like the goals sheet (elan/goals/sheet.py): headings, lists and
tables give its structure, ``<html lang>`` its language, ``<title>`` its title; its links are
absolute, on ``SITE_URL``, because a PDF leaves the site. Page and PDF are in the reader's
language, the language of the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from elan.experiments import selectors
from elan.experiments.constants import Decision, Sharing, Status
from elan.experiments.models import Experiment
from elan.experiments.wall import organisation_of
from elan.organisations.models import Unit

PDF_VARIANT = "pdf/ua-1"
# The decisions that end a test, in the order the report shows them.
REPORTED_DECISIONS = (Decision.SCALE, Decision.PARK, Decision.STOP)
# Where an experiment stands once one of those decisions was taken (and not taken back).
REPORTED_STATUSES = (Status.DECIDED, Status.REGULARISED, Status.CLOSED)


@dataclass(frozen=True)
class ReportSection:
    decision: str
    anchor: str
    heading: str
    intro: str
    experiments: list[Experiment]

    @property
    def count(self) -> int:
        return len(self.experiments)


@dataclass(frozen=True)
class YearReport:
    organisation: Unit | None
    year: int
    sections: list[ReportSection]
    summary: str
    language: str

    @property
    def total(self) -> int:
        return sum(section.count for section in self.sections)


def _section_texts() -> dict[str, tuple[str, str, str]]:
    # Computed when asked, so that each label is in the language active at that moment.
    return {
        Decision.SCALE: (
            "scaled",
            pgettext("experiments report", "Scaled up and made official"),
            _(
                "Tests that worked and were taken further; where the new way of working was "
                "approved, who approved it and what changed officially."
            ),
        ),
        Decision.PARK: (
            "parked",
            pgettext("experiments report", "Parked"),
            _("Tests put aside for now, with what they taught and why they wait."),
        ),
        Decision.STOP: (
            "stopped",
            pgettext("experiments report", "Stopped"),
            _("Tests that were ended, with what was learnt and what others should know."),
        ),
    }


def reported(*, viewer, organisation: Unit | None) -> QuerySet[Experiment]:
    """Every experiment the organisation's report may hold, whatever the year."""
    if organisation is None:
        return Experiment.objects.none()
    return selectors.readable_by(viewer=viewer).filter(
        organisation.subtree_filter("unit__"),
        sharing=Sharing.ORGANISATION,
        decision__in=REPORTED_DECISIONS,
        status__in=REPORTED_STATUSES,
        decided_on__isnull=False,
    )


def report_years(*, viewer) -> list[int]:
    """The years in which the reader's organisation decided a shared experiment, and this
    year, whose report grows as the year goes on; latest first."""
    organisation = organisation_of(viewer=viewer)
    days = reported(viewer=viewer, organisation=organisation).dates(
        "decided_on", "year", order="DESC"
    )
    return sorted({day.year for day in days} | {timezone.localdate().year}, reverse=True)


def default_year(years: list[int]) -> int:
    return years[0] if years else timezone.localdate().year


def summary_sentence(*, year: int, counts: dict[str, int], organisation: Unit | None) -> str:
    if organisation is None:
        return _(
            "You are not on the organisation chart yet, so there is no organisation to report "
            "on. Ask HR to add you."
        )
    total = sum(counts.values())
    if not total:
        return _("In %(year)s, no experiment shared with the whole organisation was decided.") % {
            "year": year
        }
    return ngettext(
        "In %(year)s, %(total)s experiment shared with the whole organisation was decided: "
        "%(scaled)s scaled up, %(parked)s parked and %(stopped)s stopped.",
        "In %(year)s, %(total)s experiments shared with the whole organisation were decided: "
        "%(scaled)s scaled up, %(parked)s parked and %(stopped)s stopped.",
        total,
    ) % {
        "year": year,
        "total": total,
        "scaled": counts.get(Decision.SCALE, 0),
        "parked": counts.get(Decision.PARK, 0),
        "stopped": counts.get(Decision.STOP, 0),
    }


def build_report(*, viewer, year: int, language: str) -> YearReport:
    """The report for ``year`` and the reader's organisation, its texts in ``language``."""
    with translation.override(language):
        organisation = organisation_of(viewer=viewer)
        experiments = list(
            reported(viewer=viewer, organisation=organisation)
            .filter(decided_on__year=year)
            .select_related("unit")
            .order_by("decided_on", "title", "pk")
        )
        texts = _section_texts()
        sections = []
        for decision in REPORTED_DECISIONS:
            anchor, heading, intro = texts[decision]
            sections.append(
                ReportSection(
                    decision=decision,
                    anchor=anchor,
                    heading=heading,
                    intro=intro,
                    experiments=[e for e in experiments if e.decision == decision],
                )
            )
        counts = {section.decision: section.count for section in sections}
        summary = summary_sentence(year=year, counts=counts, organisation=organisation)
    return YearReport(
        organisation=organisation,
        year=year,
        sections=sections,
        summary=summary,
        language=language,
    )


def decision_counts(report: YearReport) -> list[tuple[str, int]]:
    """The figure's table rows: each decision's label and count, in the report's language."""
    with translation.override(report.language):
        return [(section.heading, section.count) for section in report.sections]


def report_context(report: YearReport) -> dict:
    return {
        "report": report,
        "counts": decision_counts(report),
        "report_language": report.language,
    }


def render_report_pdf(*, context: dict) -> bytes:
    # Imported here because WeasyPrint takes seconds to import and only this download needs it.
    from weasyprint import HTML

    with translation.override(context["report_language"]):
        html = render_to_string("experiments/report_pdf.html", {**context, "embedded": False})
    return HTML(string=html, base_url=settings.SITE_URL.rstrip("/") + "/").write_pdf(
        pdf_variant=PDF_VARIANT
    )
