# SPDX-License-Identifier: EUPL-1.2
"""The profile and plan as a PDF, from the same data and in the person's language (WeasyPrint).

The PDF is tagged for PDF/UA-1: a structure tree from the HTML's headings, lists and tables, the
document's language from ``<html lang>``, its title shown instead of the file name, and the
chart's ``<title>`` as the figure's alternative text. A PDF leaves the site, so every link in it
is absolute: the template writes them with core's ``{% absolute_url %}``, which, with no request
in this context, resolves them against ``SITE_URL``, the public address e-mails use too.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

PDF_VARIANT = "pdf/ua-1"


def render_profile_pdf(*, context: dict, language: str) -> bytes:
    # Imported here because WeasyPrint takes seconds to import and only this download needs it.
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string("assessments/profile_pdf.html", {**context, "language": language})
    return HTML(string=html, base_url=settings.SITE_URL.rstrip("/") + "/").write_pdf(
        pdf_variant=PDF_VARIANT
    )
