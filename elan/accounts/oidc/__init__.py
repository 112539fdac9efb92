# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on through OpenID Connect: what allauth leaves to us (docs/single-sign-on.md).

Allauth's provider fetches the discovery document, exchanges the code with PKCE (S256) and
checks the ID token's ``iss`` (against the discovery document), ``aud`` and ``exp``. It skips
the signature when the token came from the token endpoint, sends no ``nonce`` and checks none,
accepts a token response without an ID token, and takes the account's ``sub`` from the
userinfo answer without comparing it to the token's. This package closes those gaps (ASVS
10.5.1-10.5.4): the provider class below, and the views in ``views.py`` that allauth mounts
through ``package``. ``SocialAccountAdapter`` then links by ``sub``.
"""

from __future__ import annotations

import time

from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, get_random_string

from elan.accounts.oidc.views import VerifyingOpenIDConnectAdapter

NONCES_SESSION_KEY = "elan_oidc_nonces"
NONCE_TTL_SECONDS = 600  # as long as allauth keeps the state it belongs to
MAX_PENDING_NONCES = 10


class ElanOpenIDConnectProvider(OpenIDConnectProvider):
    # Allauth mounts a provider's URLs from its package: ours, whose callback always checks
    # the ID token's signature (views.py). The URL names stay allauth's.
    package = "elan.accounts.oidc"
    oauth2_adapter_class = VerifyingOpenIDConnectAdapter

    def redirect(self, request: HttpRequest, process, next_url=None, data=None, **kwargs):
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        nonce = get_random_string(32)
        auth_params["nonce"] = nonce
        return super().redirect(
            request, process, next_url, data, auth_params=auth_params, oidc_nonce=nonce, **kwargs
        )

    def stash_redirect_state(
        self, request: HttpRequest, process, next_url=None, data=None, state_id=None, **kwargs
    ) -> str:
        nonce = kwargs.pop("oidc_nonce", None)
        state_id = super().stash_redirect_state(
            request, process, next_url, data, state_id=state_id, **kwargs
        )
        if nonce:
            # Kept beside allauth's state because the callback consumes that state before
            # the ID token is read.
            now = time.time()
            pending = {
                key: value
                for key, value in (request.session.get(NONCES_SESSION_KEY) or {}).items()
                if now - value[1] <= NONCE_TTL_SECONDS
            }
            pending[state_id] = (nonce, now)
            newest = sorted(pending.items(), key=lambda item: item[1][1])[-MAX_PENDING_NONCES:]
            request.session[NONCES_SESSION_KEY] = dict(newest)
        return state_id

    def sociallogin_from_response(self, request: HttpRequest, response):
        claims = id_token_claims_checked(self, request, response)
        userinfo = response.get("userinfo") if isinstance(response, dict) else None
        if userinfo is not None and str(userinfo.get("sub")) != str(claims.get("sub")):
            # OpenID Connect Core 5.3.2: a userinfo answer for another subject is refused.
            raise OAuth2Error("The userinfo subject differs from the ID token's.")
        return super().sociallogin_from_response(request, response)

    @property
    def expected_issuer(self) -> str:
        issuer = self.app.settings.get("issuer") or settings.OIDC_ISSUER
        if not issuer:
            issuer = self.app.settings["server_url"].split("/.well-known/")[0]
        return issuer.rstrip("/")


def pop_nonce(request: HttpRequest, state_id: str | None) -> str | None:
    pending = request.session.get(NONCES_SESSION_KEY) or {}
    entry = pending.pop(state_id, None) if state_id else None
    request.session[NONCES_SESSION_KEY] = pending
    if not entry or time.time() - entry[1] > NONCE_TTL_SECONDS:
        return None
    return entry[0]


def id_token_claims_checked(
    provider: ElanOpenIDConnectProvider, request: HttpRequest, response
) -> dict:
    """The ID token's claims once nonce, issuer and audience are what we expect.

    Signature, ``aud`` and ``exp`` were verified by allauth before this runs; the checks
    here are the ones it does not make.
    """
    claims = response.get("id_token") if isinstance(response, dict) else None
    if not isinstance(claims, dict) or not claims.get("sub"):
        raise OAuth2Error("The provider sent no ID token.")
    expected_nonce = pop_nonce(request, request.GET.get("state"))
    nonce = claims.get("nonce")
    if (
        not expected_nonce
        or not isinstance(nonce, str)
        or not constant_time_compare(nonce, expected_nonce)
    ):
        raise OAuth2Error("The ID token's nonce does not match this login.")
    if str(claims.get("iss", "")).rstrip("/") != provider.expected_issuer:
        raise OAuth2Error("The ID token comes from an unexpected issuer.")
    audiences = claims.get("aud")
    audiences = [audiences] if isinstance(audiences, str) else list(audiences or [])
    client_id = provider.app.client_id
    if client_id not in audiences:
        raise OAuth2Error("The ID token is not meant for this client.")
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise OAuth2Error("The ID token names other audiences without naming us as its party.")
    return claims


def external_id_claim(response: dict) -> str | None:
    """The HR person id the provider vouches for, from the ID token or the userinfo answer."""
    name = settings.OIDC_EXTERNAL_ID_CLAIM
    if not name:
        return None
    for source in ("id_token", "userinfo"):
        value = (response.get(source) or {}).get(name)
        if value not in (None, ""):
            return str(value).strip()
    return None
