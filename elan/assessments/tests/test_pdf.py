# SPDX-License-Identifier: EUPL-1.2
"""The profile PDF is an accessible document: tagged (PDF/UA-1), in the reader's language,
titled, and with links that still work once the file has left the site."""

from __future__ import annotations

import re

import pytest

from elan.assessments.models import PlanStep
from elan.assessments.tests.factories import SPIKY, submitted_assessment
from tests.pdf_reading import pdf_objects

pytestmark = pytest.mark.django_db


def test_the_profile_pdf_is_tagged_for_pdf_ua_with_language_title_and_absolute_links(
    client_for, personas, settings
):
    settings.SITE_URL = "https://elan.example.be"
    submitted_assessment(personas.employee, SPIKY)
    # A step taken from the hub keeps the hub page's address as the site wrote it: relative.
    PlanStep.objects.create(
        owner=personas.employee,
        kind="resource",
        skill="iteration",
        suggestion_key="hub:test-tool",
        title="Un outil pour itérer",
        title_language="fr",
        url="/fr/hub/outils/un-outil/",
    )

    response = client_for("employee").get("/fr/assessments/profile/pdf/")

    assert response.status_code == 200
    pdf = pdf_objects(response.content)
    # Tagged: a structure tree, marked content, and the PDF/UA identification in the metadata.
    assert b"/StructTreeRoot" in pdf
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked true", pdf)
    assert b"pdfuaid:part" in pdf
    # The document's language and its title, which viewers show instead of the file name.
    assert b"/Lang (fr)" in pdf
    assert b"/DisplayDocTitle true" in pdf
    assert b"/Title" in pdf
    # Every link is absolute, on the public address: the step's hub page and the profile.
    links = re.findall(rb"/URI \(([^)]*)\)", pdf)
    assert b"https://elan.example.be/fr/hub/outils/un-outil/" in links
    assert b"https://elan.example.be/fr/assessments/profile/" in links
    assert all(link.startswith(b"http") for link in links), links
