# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest
from django.core import mail

from elan.core.models import BarrierReport

pytestmark = pytest.mark.django_db(transaction=True)


def test_anyone_can_report_a_barrier_and_the_accessibility_contact_is_told(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "a11y@elan.test"
    response = client.post(
        "/en/accessibility/report/",
        {
            "page_url": "/en/hub/",
            "description": "The search button has no name.",
            "contact_email": "",
        },
    )
    assert response.status_code == 302
    report = BarrierReport.objects.get()
    assert report.description == "The search button has no name."
    assert report.language == "en"
    assert mail.outbox[0].to == ["a11y@elan.test"]


def test_an_empty_report_is_refused_with_a_translated_message_and_the_input_kept(client):
    response = client.post(
        "/fr/accessibility/report/",
        {"page_url": "/fr/hub/", "description": "", "contact_email": "pas-une-adresse"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="/fr/hub/"' in page
    assert 'value="pas-une-adresse"' in page
    assert 'aria-invalid="true"' in page
    assert BarrierReport.objects.count() == 0


def test_the_report_form_starts_with_the_page_the_person_came_from(client):
    response = client.get("/nl/accessibility/report/?page=/nl/hub/")
    assert 'value="/nl/hub/"' in response.content.decode()
