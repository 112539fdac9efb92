# SPDX-License-Identifier: EUPL-1.2
"""Receivers that keep account invariants whatever path changes an account."""

from __future__ import annotations

from allauth.account.internal.flows.login import clear_authentication_records
from allauth.mfa.signals import authenticator_removed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_init, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from elan.accounts import second_factor
from elan.accounts.middleware import session_stamp
from elan.accounts.services import email_address_sync, sessions_end_for

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="elan_accounts_stamp_session")
def stamp_session_at_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_stamp(request)
        second_factor.forget_state(request)


@receiver(pre_save, sender=User, dispatch_uid="elan_accounts_follow_active_flag")
def follow_active_flag(sender, instance, update_fields=None, **kwargs) -> None:
    """The back office's user form can change "active" without our services. Sessions must
    end all the same (ASVS 7.4.2), and the retention clock must start or stop with it."""
    if instance.pk is None:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    if instance.is_active:
        instance.deactivated_at = None
        return
    if not User.objects.filter(pk=instance.pk, is_active=True).exists():
        return
    now = timezone.now()
    if instance.deactivated_at is None:
        instance.deactivated_at = now
    user_pk = instance.pk

    def after_commit() -> None:
        # A save limited to "is_active" does not write the date set above.
        User.objects.filter(pk=user_pk, deactivated_at__isnull=True).update(deactivated_at=now)
        sessions_end_for(user=User(pk=user_pk))

    transaction.on_commit(after_commit)


@receiver(post_init, sender=User, dispatch_uid="elan_accounts_remember_loaded_email")
def remember_loaded_email(sender, instance, **kwargs) -> None:
    instance._elan_saved_email = instance.__dict__.get("email")


@receiver(post_save, sender=User, dispatch_uid="elan_accounts_sync_email_addresses")
def sync_email_addresses(
    sender, instance, created, update_fields=None, raw=False, **kwargs
) -> None:
    """Allauth's address rows follow ``User.email`` whatever path creates or changes it (the
    HR import, single sign-on, the back office, ``createsuperuser``)."""
    if raw:
        return
    if update_fields is not None and "email" not in update_fields and not created:
        return
    if not created and instance.email == getattr(instance, "_elan_saved_email", None):
        return

    email_address_sync(user=instance)
    instance._elan_saved_email = instance.email


@receiver(authenticator_removed, dispatch_uid="elan_accounts_enrol_again_after_removal")
def enrol_again_after_removal(sender, request, user, authenticator, **kwargs) -> None:
    """A privileged person who removes their last authenticator enrols a new one at once,
    rather than keeping, for the rest of the session, the factor they just gave up."""
    if request is None or second_factor.has_second_factor(user):
        return
    if second_factor.is_required_for(user):
        clear_authentication_records(request)
        second_factor.forget_state(request)
