# SPDX-License-Identifier: EUPL-1.2
"""The accessibility statement follows the EU model (Directive 2016/2102, decision 2018/1523):
a compliance status, what is not accessible, how to report a barrier, the enforcement
procedure, and how and when the statement was prepared, in the reader's language."""

from __future__ import annotations

from html import unescape

import pytest

pytestmark = pytest.mark.django_db

EXPECTED = {
    "en": ("Compliance status", "partially compliant", "27 November 2026", "28 November 2026"),
    "nl": ("Nalevingsstatus", "voldoet gedeeltelijk", "27 november 2026", "28 november 2026"),
    "fr": ("État de conformité", "partiellement conforme", "27 novembre 2026", "28 novembre 2026"),
    "de": ("Stand der Vereinbarkeit", "teilweise", "27. November 2026", "28. November 2026"),
}


@pytest.mark.parametrize("language", EXPECTED)
def test_the_statement_gives_its_compliance_status_and_dates_in_the_readers_language(
    client, language
):
    response = client.get(f"/{language}/accessibility/")
    html = unescape(response.content.decode())
    assert response.status_code == 200
    heading, status, prepared, reviewed = EXPECTED[language]
    assert f"<h2>{heading}</h2>" in html
    assert status in html
    assert "EN 301 549" in html
    assert prepared in html and reviewed in html
