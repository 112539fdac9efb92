# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json
from email import message_from_bytes
from io import StringIO
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone

from elan.portal.models import BarrierReport
from elan.portal.tasks import send_barrier_report_notification

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


# --- Nothing reported is lost ------------------------------------------------------------------

REPORT = {
    "page_url": "/en/hub/",
    "description": "The search button has no name for my screen reader.",
    "contact_email": "",
}


class RefusingBackend(BaseEmailBackend):
    """A mail server that fails the way the test asks it to."""

    error: BaseException = SMTPException("451 try again later")

    def send_messages(self, email_messages):
        raise type(self).error


@pytest.mark.parametrize(
    "error", [SMTPException("451 try again later"), ConnectionRefusedError(111, "refused")]
)
def test_a_report_is_kept_and_thanked_for_when_the_mail_server_fails(client, settings, error):
    settings.EMAIL_BACKEND = "elan.portal.tests.test_barrier_report.RefusingBackend"
    RefusingBackend.error = error
    response = client.post("/en/accessibility/report/", REPORT, follow=True)
    assert response.status_code == 200
    assert "Thank you. We received your report" in response.content.decode()
    report = BarrierReport.objects.get()
    assert report.description == REPORT["description"]
    assert report.notification_sent_at is None
    assert report.notification_attempts == 1
    assert type(error).__name__ in report.notification_last_error


def test_a_line_break_in_a_field_neither_loses_the_report_nor_adds_a_header(client):
    response = client.post(
        "/en/accessibility/report/",
        {**REPORT, "page_url": "/en/hub/\r\nBcc: everyone@example.org\r\nX-Evil: yes"},
    )
    assert response.status_code == 302
    report = BarrierReport.objects.get()
    assert report.notification_sent_at is not None
    [sent] = mail.outbox
    assert sent.bcc == []
    # Read back as a mail client would: the text typed stays inside the subject.
    received = message_from_bytes(sent.message().as_bytes())
    assert sorted(received.keys()) == sorted(
        ["Content-Type", "MIME-Version", "Content-Transfer-Encoding", "Subject", "From", "To"]
        + ["Date", "Message-ID"]
    )
    assert (
        sent.subject
        == "[Elan] Accessibility barrier on /en/hub/ Bcc: everyone@example.org X-Evil: yes"
    )


def test_a_report_whose_mail_failed_is_sent_by_the_resend_command_and_only_once(client, settings):
    settings.EMAIL_BACKEND = "elan.portal.tests.test_barrier_report.RefusingBackend"
    RefusingBackend.error = SMTPException("451 try again later")
    client.post("/en/accessibility/report/", REPORT)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    call_command("barrier_reports_resend", stdout=StringIO())
    call_command("barrier_reports_resend", stdout=StringIO())

    assert len(mail.outbox) == 1
    report = BarrierReport.objects.get()
    assert report.notification_sent_at is not None
    assert report.notification_attempts == 2
    assert report.notification_last_error == ""


def test_on_a_queue_that_can_wait_a_failed_mail_is_tried_again_later(settings):
    settings.EMAIL_BACKEND = "elan.portal.tests.test_barrier_report.RefusingBackend"
    RefusingBackend.error = SMTPException("451 try again later")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    report = BarrierReport.objects.create(
        page_url="/en/", description="No focus ring.", language="en"
    )

    assert send_barrier_report_notification.call(report_id=report.pk) is False

    [retry] = [
        result
        for result in send_barrier_report_notification.get_backend().results
        if result.task.name == send_barrier_report_notification.name
    ]
    assert retry.kwargs == {"report_id": report.pk}
    assert retry.task.run_after > timezone.now()


def test_a_visitor_who_sends_too_many_reports_is_asked_to_wait_and_keeps_the_text(client):
    for number in range(5):
        report = {**REPORT, "description": f"Barrier number {number}."}
        assert client.post("/en/accessibility/report/", report).status_code == 302
    response = client.post(
        "/en/accessibility/report/", {**REPORT, "description": "One more barrier."}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "You sent several reports in a short time" in page
    assert "One more barrier." in page
    assert BarrierReport.objects.count() == 5


def test_a_visitors_limit_does_not_stop_a_colleague_logged_in_behind_the_same_address(
    client, client_for
):
    for number in range(6):
        client.post("/en/accessibility/report/", {**REPORT, "description": f"Barrier {number}."})
    assert client.post("/en/accessibility/report/", REPORT).status_code == 429
    colleague = client_for("employee")
    assert colleague.post("/en/accessibility/report/", REPORT).status_code == 302
    assert BarrierReport.objects.filter(reporter__isnull=False).count() == 1


# --- Data follows the account, not a typed address ---------------------------------------------


def test_a_report_typed_with_a_colleagues_address_is_not_in_that_colleagues_data(
    client, client_for, personas
):
    client.post(
        "/en/accessibility/report/",
        {**REPORT, "description": "Filed by a visitor", "contact_email": personas.employee.email},
    )
    client_for("employee").post(
        "/en/accessibility/report/",
        {**REPORT, "description": "Filed by the employee", "contact_email": ""},
    )
    download = client_for("employee").get("/en/me/data/download/")
    reports = json.loads(download.content)["sections"]["barrier_reports"]
    assert [report["description"] for report in reports] == ["Filed by the employee"]
    assert "Filed by a visitor" not in download.content.decode()


# --- The back office ---------------------------------------------------------------------------

BACK_OFFICE_LIST = "/admin/barrier_reports/"


def test_an_administrator_sees_an_undelivered_report_and_its_state_in_the_back_office(
    client_for, settings
):
    settings.EMAIL_BACKEND = "elan.portal.tests.test_barrier_report.RefusingBackend"
    RefusingBackend.error = SMTPException("451 try again later")
    client_for("visitor").post("/en/accessibility/report/", {**REPORT, "page_url": "/en/lost/"})
    report = BarrierReport.objects.get()

    administrator = client_for("administrator")
    listing = administrator.get(BACK_OFFICE_LIST)
    assert listing.status_code == 200
    assert "/en/lost/" in listing.content.decode()
    assert "E-mail not sent: 1 attempt failed" in listing.content.decode()
    details = administrator.get(f"{BACK_OFFICE_LIST}inspect/{report.pk}/")
    assert REPORT["description"] in details.content.decode()
    assert "SMTPException" in details.content.decode()


def test_hr_does_not_see_barrier_reports_in_the_back_office(client_for):
    BarrierReport.objects.create(
        page_url="/en/lost/", description="Private health detail", language="en"
    )
    hr = client_for("hr")
    listing = hr.get(BACK_OFFICE_LIST)
    assert listing.status_code in (302, 403)
    assert "Private health detail" not in hr.get(BACK_OFFICE_LIST, follow=True).content.decode()
    assert "/admin/barrier_reports/" not in hr.get("/admin/").content.decode()


def test_nobody_adds_a_report_in_the_back_office(client_for):
    assert client_for("administrator").get(f"{BACK_OFFICE_LIST}new/").status_code in (302, 403)
