# SPDX-License-Identifier: EUPL-1.2
"""A real OpenID Connect provider for the tests: django-oauth-toolkit, served by the live server.

Discovery, the key set, the authorisation and the token exchange are DOT's own, over HTTP.
Two test hooks sit on the provider side, where a real provider decides them:

- ``IDENTITIES``: the claims the provider asserts for each of its signed-in users (its own
  ``sub``, the HR person id, an e-mail address that may change).
- ``TAMPER``: claims to overwrite in the next ID tokens it signs, with its real key (a wrong
  nonce, issuer or audience, a past expiry), or ``forge_signature`` to sign with another key.
"""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model, login
from django.http import HttpRequest, HttpResponse
from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator

IDENTITIES: dict[int, dict] = {}
TAMPER: dict = {}


class TestProviderValidator(OAuth2Validator):
    # Release every claim we assert, whatever the scope; the claims are the test's business.
    oidc_claim_scope = None

    def get_additional_claims(self, request) -> dict:
        return dict(IDENTITIES.get(request.user.pk, {}))

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        claims.update({key: value for key, value in TAMPER.items() if key != "forge_signature"})
        return claims, expiration_time

    def finalize_id_token(self, id_token, token, token_handler, request) -> str:
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        if not TAMPER.get("forge_signature"):
            return signed
        genuine = jwt.JWT(jwt=signed, key=request.client.jwk_key)
        forger = jwk.JWK.generate(kty="RSA", size=2048)
        forged = jwt.JWT(header=genuine.token.jose_header, claims=json.loads(genuine.claims))
        forged.make_signed_token(forger)
        return forged.serialize()


def provider_sign_in(request: HttpRequest) -> HttpResponse:
    """Stands for the provider's own login page: the person is now signed in at the provider."""
    user = get_user_model().objects.get(email=request.GET["as"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponse("Signed in at the provider.")
