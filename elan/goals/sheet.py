# SPDX-License-Identifier: EUPL-1.2
"""The goals sheet: a cycle's goals, indicators and statuses on one page, and as a PDF.

The sheet is the person's document, so it is always in the person's language, whoever opens it:
the print page shows it in that language (marked with ``lang``) inside the viewer's own page,
and the PDF is wholly in it. Drafts are never on it: a draft is its owner's alone, and a sheet
is made to be shared. The person's self-assessment summary is on it only when the person chose
so (``Cycle.sheet_shows_self_assessment``).

The PDF is tagged for PDF/UA-1 like the profile's (elan/assessments/pdf.py): headings, lists and
tables give its structure, ``<html lang>`` its language, ``<title>`` its title; its links are
absolute, on ``SITE_URL``, because a PDF leaves the site.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from elan.assessments.selectors import build_profile
from elan.goals import selectors
from elan.goals.constants import Agreement
from elan.goals.models import Cycle, Goal, Talk

PDF_VARIANT = "pdf/ua-1"


def sheet_language(cycle: Cycle) -> str:
    """The person's language, or the site's when theirs is not one the site speaks."""
    language = (cycle.person.preferred_language or "")[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE[:2]


def build_sheet_context(*, cycle: Cycle) -> dict:
    """What the sheet shows, with every text that is computed here in the person's language."""
    language = sheet_language(cycle)
    goals = list(
        Goal.objects.filter(cycle=cycle)
        .exclude(agreement=Agreement.DRAFT)
        .select_related("objective")
        .order_by("created_at", "pk")
    )
    talks = list(Talk.objects.filter(cycle=cycle).order_by("planned_on", "pk"))
    profile = None
    added = selectors.added_self_assessment(cycle=cycle)
    if cycle.sheet_shows_self_assessment and added is not None:
        # Only the self-assessment the person added to the cycle, never a later one of theirs.
        # The summary sentence is written when the profile is built: in the sheet's language.
        with translation.override(language):
            profile = build_profile(owner=cycle.person, language=language, as_of=added)
    return {
        "cycle": cycle,
        "person": cycle.person,
        "evaluators": [e for e in (cycle.evaluator, cycle.second_evaluator) if e is not None],
        "goals": goals,
        "talks": talks,
        "profile": profile,
        "shows_self_assessment": cycle.sheet_shows_self_assessment,
        "sheet_language": language,
    }


def render_sheet_pdf(*, context: dict) -> bytes:
    # Imported here because WeasyPrint takes seconds to import and only this download needs it.
    from weasyprint import HTML

    language = context["sheet_language"]
    with translation.override(language):
        html = render_to_string("goals/sheet_pdf.html", {**context, "embedded": False})
    return HTML(string=html, base_url=settings.SITE_URL.rstrip("/") + "/").write_pdf(
        pdf_variant=PDF_VARIANT
    )
