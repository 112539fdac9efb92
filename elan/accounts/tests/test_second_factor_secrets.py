# SPDX-License-Identifier: EUPL-1.2
"""The TOTP secret and the recovery-code seed are stored encrypted (docs/privacy.md)."""

from __future__ import annotations

import importlib
import time
from datetime import UTC, datetime

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from elan.accounts import encryption
from elan.accounts.demo import demo_totp_code, demo_totp_secret
from elan.accounts.tests.factories import UserFactory
from elan.accounts.tests.logins import enrol_totp

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 27, 10, 0, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    # A code computed in one 30-second period and checked in the next is refused, as it should.
    with time_machine.travel(NOW, tick=False):
        yield


SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MIGRATION = importlib.import_module("elan.accounts.migrations.0004_second_factor_secrets_encrypted")


def raw_rows(user) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE user_id = %s", [user.pk])
        return " ".join(str(row[0]) for row in cursor.fetchall())


def current_code(secret: str) -> str:
    return demo_totp_code(secret, at=time.time())


def test_the_database_row_holds_neither_the_totp_secret_nor_the_recovery_seed():
    person = UserFactory()
    enrol_totp(person, SECRET)
    codes = RecoveryCodes.activate(person)
    seed = encryption.decrypt(codes.instance.data["seed"])

    stored = raw_rows(person)
    assert SECRET not in stored and SECRET.lower() not in stored
    assert seed not in stored
    assert stored.count(encryption.PREFIX) == 2
    totp = TOTP(Authenticator.objects.get(user=person, type=Authenticator.Type.TOTP))
    assert totp.validate_code(current_code(SECRET)), "the encrypted secret still gives codes"


def test_the_migration_encrypts_secrets_that_were_stored_in_the_clear():
    person = UserFactory()
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": SECRET})
    Authenticator.objects.create(
        user=person,
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": "ab" * 40, "used_mask": 0},
    )
    assert SECRET in raw_rows(person)

    MIGRATION.encrypt_secrets(apps, None)
    MIGRATION.encrypt_secrets(apps, None)  # a second run leaves encrypted rows alone

    stored = raw_rows(person)
    assert SECRET not in stored and "ab" * 40 not in stored
    totp = TOTP(Authenticator.objects.get(user=person, type=Authenticator.Type.TOTP))
    assert totp.validate_code(current_code(SECRET))


def test_a_secret_written_in_the_clear_around_the_adapter_is_not_trusted():
    with pytest.raises(encryption.SecretNotReadable):
        encryption.decrypt(SECRET)


def test_a_rotated_key_still_opens_what_the_previous_key_encrypted(settings):
    old, new = (encryption.derived_demo_key(name) for name in ("old", "new"))
    settings.MFA_ENCRYPTION_KEY = old
    stored = encryption.encrypt(SECRET)
    settings.MFA_ENCRYPTION_KEY = f"{new},{old}"
    assert encryption.decrypt(stored) == SECRET
    settings.MFA_ENCRYPTION_KEY = new
    with pytest.raises(encryption.SecretNotReadable):
        encryption.decrypt(stored)


# --- The demo's enrolled personas ------------------------------------------------------------


def test_the_privileged_demo_personas_come_with_their_demo_secret_enrolled(personas, capsys):
    from elan.accounts.demo import enrol_demo_second_factors

    emails = [personas.get(name).email for name in ("hr", "administrator", "employee")]
    secrets = enrol_demo_second_factors(emails)
    assert set(secrets) == {personas.hr.email, personas.administrator.email}
    assert secrets[personas.hr.email] == demo_totp_secret(personas.hr.email)
    assert not Authenticator.objects.filter(user=personas.employee).exists()


def test_demo_totp_prints_the_current_code_of_a_demo_persona(personas, settings, capsys):
    from elan.accounts.demo import enrol_demo_second_factors

    settings.DEBUG = True
    enrol_demo_second_factors([personas.hr.email])
    call_command("demo_totp", personas.hr.email)
    assert capsys.readouterr().out.strip() == current_code(demo_totp_secret(personas.hr.email))


def test_demo_totp_refuses_to_run_outside_the_demo(personas, settings):
    from elan.accounts.demo import enrol_demo_second_factors

    enrol_demo_second_factors([personas.hr.email])
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only in the demo"):
        call_command("demo_totp", personas.hr.email)


def test_demo_totp_never_prints_codes_of_a_secret_someone_chose(personas, settings):
    settings.DEBUG = True
    enrol_totp(personas.hr, SECRET)
    with pytest.raises(CommandError, match="no demo authenticator"):
        call_command("demo_totp", personas.hr.email)
