# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Staff accounts come from the HR import or from single sign-on, never from a form.
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # Land in the person's own language, whatever language the login page was in.
        user = request.user
        language = getattr(user, "preferred_language", None)
        if language:
            translation.activate(language)
        return super().get_login_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        # Single sign-on links to people the HR import created; see organisations' import.
        return False
