# SPDX-License-Identifier: EUPL-1.2
"""Reads about accounts."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.db.models import Q, QuerySet
from django.utils import timezone

from elan.accounts.models import Session, User
from elan.core.personal_data import exporters
from elan.organisations.models import StaffRecord
from elan.organisations.selectors import role_assignments_of

EXPORT_FORMAT = "elan-personal-data/1"


def user_for_single_sign_on(*, external_id: str) -> User | None:
    """The active, not pseudonymised person whose staff record carries ``external_id``."""
    return (
        User.objects.filter(
            staff_record__external_id=external_id,
            is_active=True,
            pseudonymised_at__isnull=True,
        )
        .order_by()
        .first()
    )


def sessions_open_count(*, user: User) -> int:
    return Session.objects.filter(user_id=user.pk, expire_date__gt=timezone.now()).count()


def people_for_administration(*, search: str = "") -> QuerySet[User]:
    people = User.objects.filter(pseudonymised_at__isnull=True)
    search = search.strip()
    if search:
        people = people.filter(
            Q(email__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(staff_record__external_id__iexact=search)
        )
    return people.select_related("staff_record__unit").order_by("last_name", "first_name", "email")


def personal_data_export(*, user: User) -> dict:
    """Everything Elan holds about ``user``, one section per registered exporter.

    Each module contributes its section through ``personal_data.register_exporter``; a
    module's exporter answers for itself that it returns nothing about anyone else.
    """
    return {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now().isoformat(),
        "sections": {name: exporter(user) for name, exporter in exporters().items()},
    }


def _organisation_facts(*, user: User) -> dict:
    record = StaffRecord.objects.filter(user=user).select_related("unit", "line_manager").first()
    roles = [
        {"role": assignment.get_role_display(), "scope": assignment.unit}
        for assignment in role_assignments_of(user=user)
    ]
    return {
        "unit": record.unit if record else None,
        "line_manager_name": str(record.line_manager) if record and record.line_manager else "",
        "external_id": record.external_id if record else "",
        "roles": roles,
    }


def my_account_summary(*, user: User) -> dict:
    return {
        "person": user,
        **_organisation_facts(user=user),
        "has_totp": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
        "single_sign_on_links": SocialAccount.objects.filter(user=user).count(),
    }


def person_administration_summary(*, person: User) -> dict:
    return {
        "person": person,
        **_organisation_facts(user=person),
        "open_sessions": sessions_open_count(user=person),
    }
