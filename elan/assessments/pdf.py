# SPDX-License-Identifier: EUPL-1.2
"""The profile and plan as a PDF, from the same data and in the person's language (WeasyPrint)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation


def render_profile_pdf(*, context: dict, language: str) -> bytes:
    # Imported here because WeasyPrint takes seconds to import and only this download needs it.
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string("assessments/profile_pdf.html", {**context, "language": language})
    return HTML(string=html).write_pdf()
