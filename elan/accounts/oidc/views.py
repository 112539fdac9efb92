# SPDX-License-Identifier: EUPL-1.2
"""Allauth's login and callback views with an adapter that always verifies the ID token."""

from __future__ import annotations

from allauth.account.internal.decorators import login_not_required
from allauth.core.internal.deferred import jwt
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpRequest

# Asymmetric signatures only: "none" proves nothing, and an HMAC key would be our own
# client secret, which does not show that the provider issued the token.
SIGNING_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}
)


class VerifyingOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        """Check the signature against the provider's published keys, every time.

        Allauth skips it when the token came straight from the token endpoint, which OpenID
        Connect Core (3.1.3.7) allows over TLS. Checking costs one request for the key set,
        and it still holds if that endpoint were ever reached through something other than
        the provider itself (a proxy, a wrong URL in the settings).
        """
        try:
            algorithm = jwt.get_unverified_header(id_token).get("alg")
        except jwt.PyJWTError as error:
            raise OAuth2Error("The ID token cannot be read.") from error
        if algorithm not in SIGNING_ALGORITHMS:
            raise OAuth2Error("The ID token is not signed with an accepted algorithm.")
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


@login_not_required
def login(request: HttpRequest, provider_id: str):
    try:
        view = OAuth2LoginView.adapter_view(VerifyingOpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error


@login_not_required
def callback(request: HttpRequest, provider_id: str):
    try:
        view = OAuth2CallbackView.adapter_view(VerifyingOpenIDConnectAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
