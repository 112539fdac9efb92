# SPDX-License-Identifier: EUPL-1.2
"""People who log in. Organisation data (unit, manager, roles) lives in ``organisations``.

Purpose and retention of each field: docs/privacy.md.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elan.accounts.managers import UserManager


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language Elan uses for pages and e-mails to this person."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("back-office access"),
        default=False,
        help_text=_("Whether this person may log in to the back office."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    pseudonymised_at = models.DateTimeField(
        _("pseudonymised at"),
        null=True,
        blank=True,
        help_text=_("When the retention job replaced this person's identifying data."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email


class Session(AbstractBaseSession):
    """Django's database session with the account it belongs to.

    Deactivation must end a person's sessions at once (ASVS 7.4.2). Django's own table can
    only be searched by decoding every row, which at federal scale takes seconds per person;
    this column turns it into one indexed delete. No foreign key: a session may outlive the
    row it points to for a moment, and the session store must never fail a request for that.
    """

    user_id = models.BigIntegerField(_("person"), null=True, blank=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        return SessionStore


class SessionStore(DatabaseSessionStore):
    """Django's database store, writing whose session it is into ``Session.user_id``.

    The session engine (``SESSION_ENGINE = "elan.accounts.sessions"``) hands it to Django; it
    lives here, beside its model, because each of the two names the other.
    """

    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        try:
            instance.user_id = int(data.get(SESSION_KEY))
        except (TypeError, ValueError):
            instance.user_id = None
        return instance
