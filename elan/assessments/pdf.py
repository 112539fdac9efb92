# SPDX-License-Identifier: EUPL-1.2
"""The profile and plan as a PDF, from the same data and in the person's language (WeasyPrint).

The PDF is tagged for PDF/UA-1: a structure tree from the HTML's headings, lists and tables, the
document's language from ``<html lang>``, its title shown instead of the file name, and the
chart's ``<title>`` as the figure's alternative text. A PDF leaves the site, so every link in it
is absolute: relative ones resolve against ``SITE_URL``, the public address e-mails use too.
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

PDF_VARIANT = "pdf/ua-1"


def site_base_url() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


def absolute_url(url: str) -> str:
    """``url`` as an absolute address on the public site; an absolute one stays as it is."""
    return urljoin(site_base_url(), url) if url else ""


def render_profile_pdf(*, context: dict, language: str) -> bytes:
    # Imported here because WeasyPrint takes seconds to import and only this download needs it.
    from weasyprint import HTML

    plan = context.get("plan")
    with translation.override(language):
        html = render_to_string(
            "assessments/profile_pdf.html",
            {
                **context,
                "language": language,
                # Each step with the address printed under it and behind its link.
                "pdf_steps": [
                    {"view": view, "url": absolute_url(view.step.url)}
                    for view in (plan.steps if plan else [])
                ],
                "profile_url": absolute_url(reverse("assessments:profile")),
            },
        )
    return HTML(string=html, base_url=site_base_url()).write_pdf(pdf_variant=PDF_VARIANT)
