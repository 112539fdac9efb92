# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime
import secrets

import factory
from django.utils import timezone

from elan.accounts.tests.factories import UserFactory
from elan.organisations.constants import Role
from elan.organisations.models import PendingEmailChange, RoleAssignment, StaffRecord, Unit
from elan.organisations.services import address_token_fingerprint


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit in the tree; pass ``parent=`` for a child, leave it out for a root."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"UNIT-{n:04d}")
    name_nl = factory.LazyAttribute(lambda unit: f"Eenheid {unit.code}")
    name_fr = factory.LazyAttribute(lambda unit: f"Unité {unit.code}")
    name_de = factory.LazyAttribute(lambda unit: f"Einheit {unit.code}")
    name_en = factory.LazyAttribute(lambda unit: f"Unit {unit.code}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        # treebeard computes the path itself; a plain save() would leave the tree broken.
        if parent is None:
            return model_class.add_root(**kwargs)
        return parent.add_child(**kwargs)


class StaffRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRecord

    user = factory.SubFactory(UserFactory)
    external_id = factory.Sequence(lambda n: f"P{n:06d}")
    unit = factory.SubFactory(UnitFactory)
    grade = "B"


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.TEAM_LEAD
    unit = factory.SubFactory(UnitFactory)

    class Params:
        hr_for_everything = factory.Trait(role=Role.HR, unit=None)
        content_editor = factory.Trait(role=Role.CONTENT_EDITOR, unit=None)
        moderator = factory.Trait(role=Role.MODERATOR, unit=None)
        administrator = factory.Trait(role=Role.ADMINISTRATOR, unit=None)


def person_in(unit: Unit, *, manager=None, **user_fields):
    """A member of staff in ``unit``, optionally reporting to ``manager``."""
    user = UserFactory(**user_fields)
    StaffRecordFactory(user=user, unit=unit, line_manager=manager)
    return user


def pending_address_change(user, new_email: str, **fields):
    """A login address waiting for ``user``'s confirmation, and the token of its link."""
    token = secrets.token_urlsafe(32)
    fields.setdefault("expires_at", timezone.now() + datetime.timedelta(days=7))
    change = PendingEmailChange.objects.create(
        user=user, new_email=new_email, token_hash=address_token_fingerprint(token), **fields
    )
    return change, token
