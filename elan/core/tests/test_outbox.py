# SPDX-License-Identifier: EUPL-1.2
"""The e-mail outbox: a mail server that is down delays e-mails and loses none, and none is
sent twice (elan/core/outbox.py, issue 21)."""

from __future__ import annotations

import datetime
import socket

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.db import transaction
from django.utils import timezone

from elan.core import outbox, personal_data
from elan.core.models import OutgoingEmail

pytestmark = pytest.mark.django_db

SMTP = "django.core.mail.backends.smtp.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the outbox queues for after the commit, as a real request's end does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def production_mail(settings):
    settings.EMAIL_BACKEND = "elan.core.outbox.OutboxBackend"
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    return settings


@pytest.fixture
def mail_server_down(production_mail):
    production_mail.EMAIL_DELIVERY_BACKEND = SMTP
    production_mail.EMAIL_HOST = "127.0.0.1"
    production_mail.EMAIL_PORT = closed_port()
    production_mail.EMAIL_TIMEOUT = 1
    return production_mail


def test_an_email_is_stored_then_delivered_once_and_its_content_forgotten(
    production_mail, committed
):
    with committed():
        send_mail("Your talk", "See you on Monday.", None, ["eva@elan.test"])
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert [message.subject for message in mail.outbox] == ["Your talk"]
    assert mail.outbox[0].to == ["eva@elan.test"]
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts, bytes(row.message), row.recipient_emails) == (
        "sent",
        1,
        b"",
        [],
    )
    assert outbox.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}
    assert len(mail.outbox) == 1


def test_a_rolled_back_transaction_sends_nothing(production_mail):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Never", "Rolled back.", None, ["eva@elan.test"])
        raise RuntimeError
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_what_the_mail_server_receives_is_the_message_as_written(production_mail, committed):
    message = EmailMultiAlternatives(
        "Résumé de l'enquête", "Texte brut", "elan@elan.test", ["eva@elan.test"], cc=["hr@x.test"]
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    message.attach("figures.csv", "a;b\n1;2\n", "text/csv")
    with committed():
        message.send()
    delivered = mail.outbox[0]
    assert delivered.recipients() == ["eva@elan.test", "hr@x.test"]
    received = delivered.message()
    assert received["Subject"] == "Résumé de l'enquête"
    parts = [part.get_content_type() for part in received.walk()]
    assert {"text/plain", "text/html", "text/csv"} <= set(parts)


def test_with_the_mail_server_down_the_email_waits_and_goes_once_it_is_back(
    mail_server_down, time_machine, committed
):
    time_machine.move_to(datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC), tick=False)
    with committed():
        send_mail("Reminder", "Your survey closes on Friday.", None, ["eva@elan.test"])
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "ConnectionRefusedError")
    assert row.next_attempt_at == timezone.now() + datetime.timedelta(minutes=1)

    # Before its next attempt, nothing is tried again.
    assert outbox.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}

    time_machine.shift(datetime.timedelta(minutes=1))
    assert outbox.deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    row.refresh_from_db()
    assert row.next_attempt_at == timezone.now() + datetime.timedelta(minutes=2)

    mail_server_down.EMAIL_DELIVERY_BACKEND = LOCMEM  # the server is back
    time_machine.shift(datetime.timedelta(minutes=2))
    assert outbox.deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert outbox.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}
    assert [message.subject for message in mail.outbox] == ["Reminder"]


def test_the_wait_doubles_up_to_an_hour_and_the_outbox_gives_up_after_ten_attempts(
    mail_server_down, time_machine, committed
):
    assert [outbox.wait_after(n).total_seconds() / 60 for n in range(1, 9)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        60,
        60,
    ]
    time_machine.move_to(datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC), tick=False)
    with committed():
        send_mail("Reminder", "Body", None, ["eva@elan.test"])
    for _ in range(outbox.MAX_ATTEMPTS - 1):
        time_machine.shift(outbox.LONGEST_WAIT)
        outbox.deliver_due()
    row = OutgoingEmail.objects.get()
    assert (row.status, row.attempts) == ("failed", outbox.MAX_ATTEMPTS)
    time_machine.shift(outbox.LONGEST_WAIT)
    assert outbox.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}


def test_an_email_claimed_by_a_process_that_died_is_not_sent_again(production_mail):
    production_mail.EMAIL_DELIVERY_BACKEND = SMTP  # keep it from going at once
    production_mail.EMAIL_PORT = closed_port()
    send_mail("Once", "Body", None, ["eva@elan.test"])
    OutgoingEmail.objects.update(status="sending", next_attempt_at=timezone.now())
    production_mail.EMAIL_DELIVERY_BACKEND = LOCMEM
    assert outbox.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}
    assert mail.outbox == []


def test_an_erased_account_gets_none_of_its_waiting_emails_and_sees_them_in_its_export(
    mail_server_down,
):
    from elan.accounts.tests.factories import UserFactory

    person = UserFactory(email="Eva.Janssens@elan.test")
    send_mail("For Eva", "Body", None, ["eva.janssens@elan.test"])
    send_mail("For Tom", "Body", None, ["tom@elan.test"])
    exported = personal_data.exporters()["outgoing_emails"](person)
    assert [item["subject"] for item in exported] == ["For Eva"]
    personal_data.erasers()["outgoing_emails"](user=person, now=timezone.now())
    assert [outbox.StoredMessage(row).subject for row in OutgoingEmail.objects.all()] == ["For Tom"]


def test_an_email_an_erased_account_shares_still_reaches_the_others_without_its_address(
    mail_server_down,
):
    from elan.accounts.tests.factories import UserFactory

    person = UserFactory(email="eva.janssens@elan.test")
    EmailMultiAlternatives(
        "Team news",
        "Body",
        None,
        ["Eva Janssens <Eva.Janssens@elan.test>", "tom@elan.test"],
        cc=["eva.janssens@elan.test", "ines@elan.test"],
    ).send()
    personal_data.erasers()["outgoing_emails"](user=person, now=timezone.now())

    row = OutgoingEmail.objects.get()
    assert row.recipient_emails == ["tom@elan.test", "ines@elan.test"]
    assert b"eva" not in bytes(row.message).lower()
    mail_server_down.EMAIL_DELIVERY_BACKEND = LOCMEM
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    outbox.deliver_due()
    [sent] = mail.outbox
    assert sent.recipients() == ["tom@elan.test", "ines@elan.test"]
    delivered = sent.message()
    assert (delivered["Subject"], delivered["To"], delivered["Cc"]) == (
        "Team news",
        "tom@elan.test",
        "ines@elan.test",
    )


def test_when_the_server_refuses_one_the_rest_go_back_untried_rather_than_wait_in_turn(
    mail_server_down, committed
):
    with committed():
        for name in ("ann", "bob", "cas"):
            send_mail("Reminder", "Body", None, [f"{name}@elan.test"])
    # Each send queued a delivery after its commit; the first refused, the others waited.
    assert (
        sorted(OutgoingEmail.objects.values_list("status", "claimed_at")) == [("pending", None)] * 3
    )
    assert sorted(OutgoingEmail.objects.values_list("attempts", flat=True))[-1] >= 1
    assert OutgoingEmail.objects.filter(status="sending").count() == 0


def test_an_email_goes_to_an_smtp_server_as_the_bytes_that_were_written(production_mail, committed):

    from django.core.mail.backends.smtp import EmailBackend

    received = []

    class RecordingServer:
        def sendmail(self, sender, recipients, message):
            received.append((sender, recipients, message))

        def quit(self):
            return None

    def open_recording(backend):
        backend.connection = RecordingServer()
        return True

    production_mail.EMAIL_DELIVERY_BACKEND = SMTP
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(EmailBackend, "open", open_recording)
        with committed():
            send_mail("Reminder", "Your survey closes on Friday.", "elan@elan.test", ["e@x.test"])
    ((sender, recipients, message),) = received
    assert (sender, recipients) == ("elan@elan.test", ["e@x.test"])
    assert b"Subject: Reminder\r\n" in message
    assert b"Your survey closes on Friday." in message
    assert OutgoingEmail.objects.get().status == "sent"
