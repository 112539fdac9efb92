# SPDX-License-Identifier: EUPL-1.2
"""Every account's login address becomes allauth's one verified, primary address.

Login addresses come from the staff records (the HR import) or single sign-on, so they are
verified by where they came from; ``elan.accounts.services.email_address_sync`` keeps them so
from now on. Addresses a person added on allauth's former e-mail page are removed: nobody
verified them. This does here, in bulk and with the historical models, what that service does
for one account.
"""

from django.db import migrations
from django.db.models.functions import Lower

CHUNK = 1000


def addresses_follow_login_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")

    EmailAddress.objects.filter(user__pseudonymised_at__isnull=False).delete()
    accounts = [
        (pk, email.strip().lower())
        for pk, email in User.objects.filter(pseudonymised_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "email")
    ]
    holders: dict[str, int] = {}
    for _pk, email in accounts:
        holders[email] = holders.get(email, 0) + 1
    for start in range(0, len(accounts), CHUNK):
        chunk = accounts[start : start + CHUNK]
        shared = {pk for pk, email in chunk if not email or holders[email] > 1}
        EmailAddress.objects.filter(user_id__in=shared).delete()
        wanted = {pk: email for pk, email in chunk if pk not in shared}
        stale = [
            row.pk
            for row in EmailAddress.objects.filter(user_id__in=wanted)
            if row.email != wanted[row.user_id]
        ]
        stale += [
            row.pk
            for row in EmailAddress.objects.annotate(lowered=Lower("email")).filter(
                lowered__in=set(wanted.values())
            )
            if wanted.get(row.user_id) != row.email
        ]
        EmailAddress.objects.filter(pk__in=stale).delete()
        EmailAddress.objects.filter(user_id__in=wanted).update(verified=True, primary=True)
        present = set(
            EmailAddress.objects.filter(user_id__in=wanted).values_list("user_id", flat=True)
        )
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=pk, email=email, verified=True, primary=True)
                for pk, email in wanted.items()
                if pk not in present
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_sessions_and_pseudonymisation"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.RunPython(addresses_follow_login_addresses, migrations.RunPython.noop),
    ]
