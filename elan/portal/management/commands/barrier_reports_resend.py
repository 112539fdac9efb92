# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from elan.portal.models import BarrierReport
from elan.portal.tasks import resend_unsent


class Command(BaseCommand):
    help = (
        "Send again the e-mail of every accessibility barrier report that has not reached the "
        "accessibility contact yet (the mail server was down or refused it). The reports "
        "themselves are already stored and visible in the back office. Run it daily (cron or "
        "the task scheduler); a report is never mailed twice once it went out."
    )

    def handle(self, *args, **options) -> None:
        sent = resend_unsent()
        left = BarrierReport.objects.filter(notification_sent_at__isnull=True).count()
        self.stdout.write(f"{sent} report(s) sent, {left} still not sent.")
