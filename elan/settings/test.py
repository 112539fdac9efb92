# SPDX-License-Identifier: EUPL-1.2
"""The test profile: the base settings with fast hashing and in-memory e-mail.

``DATABASE_URL`` still decides the database, so CI runs the same suite on PostgreSQL.
"""

import os

os.environ.setdefault("DEBUG", "false")

from elan.settings.base import *  # noqa: F403

# Argon2 is deliberately slow; the tests check behaviour, not the hash's cost.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# A real OpenID Connect provider for the single sign-on tests (elan/accounts/tests/oidc_*.py).
# Its tables must exist when the test database is built; its URLs are mounted only by the
# tests' own URLconf, so no page of the platform serves it.
INSTALLED_APPS = [*INSTALLED_APPS, "oauth2_provider"]  # noqa: F405
