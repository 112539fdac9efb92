# SPDX-License-Identifier: EUPL-1.2
"""The platform's URLs plus the test provider's (elan/accounts/tests/oidc_provider.py)."""

from django.urls import include, path

from elan.accounts.tests.oidc_provider import provider_sign_in
from elan.urls import handler400, handler403, handler404, handler500  # noqa: F401
from elan.urls import urlpatterns as platform_urlpatterns

urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("provider/sign-in/", provider_sign_in),
    *platform_urlpatterns,
]
