# SPDX-License-Identifier: EUPL-1.2
"""Password validators whose messages reach people in their own language.

Django 5.2 changed the wording key of the "too short" message, and its Dutch catalogue still
translates only the old one, so Dutch pages showed that refusal in English. This validator
keeps Django's rule and carries the message in our own catalogue.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
