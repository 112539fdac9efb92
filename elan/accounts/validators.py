# SPDX-License-Identifier: EUPL-1.2
"""Password validators whose messages reach people in their own language.

Django 5.2 changed the wording key of the "too short" message, and its Dutch catalogue still
translates only the old one, so Dutch pages showed that refusal in English. This validator
keeps Django's rule and carries the message in our own catalogue.

``BreachedPasswordValidator`` checks a second, larger list of passwords from breaches, offline
(ASVS 5.0, 6.2.12; docs/adr/0009-breached-password-list.md).
"""

from __future__ import annotations

from functools import lru_cache

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


@lru_cache(maxsize=1)
def breached_passwords() -> frozenset[str]:
    """The 30,000 most frequent passwords of a corpus of 10 million leaked in breaches, as
    the zxcvbn package ships them (MIT licence), lower case. Read on first use only: most
    workers never check a password."""
    # Imported here because the list is large and most workers never check a password.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(password.lower() for password in FREQUENCY_LISTS["passwords"])


class BreachedPasswordValidator:
    """Refuses a password that appears in the breach corpus, whatever its letter case."""

    def validate(self, password: str, user=None) -> None:
        if password.strip().lower() in breached_passwords():
            raise ValidationError(self.get_error_message(), code="password_breached")

    def get_error_message(self) -> str:
        return gettext(
            "This password appears in lists of passwords leaked in data breaches. Choose "
            "another one."
        )

    def get_help_text(self) -> str:
        return gettext("Your password cannot be one that was leaked in a data breach.")
