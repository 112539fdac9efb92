# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_login_redirect_url
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from elan.accounts import encryption, oidc, second_factor, selectors
from elan.accounts.models import User

log = logging.getLogger(__name__)

REFUSAL_NO_CLAIM = "no_claim"
REFUSAL_NO_STAFF_RECORD = "no_staff_record"
REFUSAL_ALREADY_LINKED = "already_linked"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Staff accounts come from the HR import or from single sign-on, never from a form.
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Mail goes out in the recipient's language, whichever page language asked for it.
        user = context.get("user")
        if user is None:
            user = User.objects.filter(email__iexact=email).first()
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # Land in the person's own language, whatever language the login page was in.
        language = getattr(request.user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            return reverse(settings.LOGIN_REDIRECT_URL)

    def post_login(self, request: HttpRequest, user, **kwargs):
        """Say "signed in" in the language of the page the person lands on.

        That page is the safe ``next`` they came from, in its own language, or the home page
        in their preferred one; allauth would write the message in whichever language the
        login page had.
        """
        target = get_login_redirect_url(
            request, kwargs.get("redirect_url"), signup=kwargs.get("signup", False)
        )
        language = translation.get_language_from_path(target) or getattr(
            user, "preferred_language", None
        )
        with translation.override(language or translation.get_language()):
            return super().post_login(request, user, **kwargs)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        # Single sign-on links to people the HR import created; see pre_social_login.
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        """Link a first single sign-on to the person HR knows, by the HR person id.

        Allauth has already looked the provider's ``sub`` up: a known ``sub`` logs its person
        in, whatever e-mail address the provider now reports. For an unknown ``sub`` the one
        key we trust is the HR person id the provider vouches for (``OIDC_EXTERNAL_ID_CLAIM``),
        matched to an active staff record; never the e-mail address, which people change and
        providers do not always verify (ASVS 10.5.2).
        """
        provider = sociallogin.account.provider
        if sociallogin.is_existing:
            self._note_second_factor(request, sociallogin)
            return
        external_id = oidc.external_id_claim(sociallogin.account.extra_data)
        if not external_id:
            self._refuse(request, REFUSAL_NO_CLAIM, provider)
        user = selectors.user_for_single_sign_on(external_id=external_id)
        if user is None:
            self._refuse(request, REFUSAL_NO_STAFF_RECORD, provider)
        if SocialAccount.objects.filter(user=user, provider=provider).exists():
            # The person is linked to another subject of this provider already; a second
            # identity claiming the same HR id is a case for an administrator, not a login.
            self._refuse(request, REFUSAL_ALREADY_LINKED, provider)
        sociallogin.connect(request, user)
        log.info("Single sign-on: linked person %s to a %s subject.", user.pk, provider)
        self._note_second_factor(request, sociallogin)

    def _note_second_factor(self, request: HttpRequest, sociallogin) -> None:
        second_factor.note_single_sign_on(
            request,
            user=sociallogin.user,
            provider=sociallogin.account.provider,
            extra_data=sociallogin.account.extra_data,
        )

    def on_authentication_error(
        self, request: HttpRequest, provider, error=None, exception=None, extra_context=None
    ) -> None:
        # A security event worth a line in the log (ASVS 16): which check failed, never the
        # token itself.
        cause = getattr(exception, "__cause__", None)
        log.warning(
            "Single sign-on failed for provider %s: %s%s%s",
            getattr(provider, "sub_id", provider),
            error or "error",
            f"; {exception}" if exception else "",
            f" ({cause.__class__.__name__}: {cause})" if cause else "",
        )

    def _refuse(self, request: HttpRequest, reason: str, provider: str) -> None:
        log.warning("Single sign-on refused (%s) for provider %s.", reason, provider)
        response = render(
            request, "accounts/single_sign_on_refused.html", {"reason": reason}, status=403
        )
        raise ImmediateHttpResponse(response)


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        # docs/privacy.md: the TOTP key and the recovery-code seed are stored encrypted.
        return encryption.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return encryption.decrypt(encrypted_text)
