# SPDX-License-Identifier: EUPL-1.2
"""No path of the project logs a person in by password without their second factor.

The walk resolves the whole URLconf (the back office, the API, every page in every language)
and sends each URL what a login form would: a GET and a POST with the usual credential fields
of a person who has TOTP enrolled, and no code. Any login that follows is a way around the
second factor (docs/security.md).
"""

from __future__ import annotations

import itertools
import uuid

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.test import Client
from django.urls import LocalePrefixPattern, Resolver404, URLResolver, get_resolver, resolve
from django.utils import translation
from django.utils.regex_helper import normalize

from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD, UserFactory
from elan.accounts.tests.logins import enrol_totp

pytestmark = pytest.mark.django_db

LANGUAGE = object()  # stands for the language prefix while walking
SAMPLE_VALUES = ("1", "x", str(uuid.UUID(int=1)), "2026-01-01", "x/", "x/y")


def patterns(resolver: URLResolver | None = None, prefix: tuple = ()):
    """(pieces of the regular expression, pattern) for every URL pattern of the project."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            piece = (
                LANGUAGE
                if isinstance(pattern.pattern, LocalePrefixPattern)
                else pattern.pattern.regex.pattern
            )
            yield from patterns(pattern, (*prefix, piece))
        else:
            yield (*prefix, pattern.pattern.regex.pattern), pattern


def urls_for(pieces: tuple) -> list[str]:
    """Concrete paths for a pattern, one per language where it has a prefix."""
    languages = [code for code, _name in settings.LANGUAGES] if LANGUAGE in pieces else [None]
    found = []
    for language in languages:
        forms = [
            [(f"{language}/", [])] if piece is LANGUAGE else normalize(piece) for piece in pieces
        ]
        # The language prefix resolves only for the active language.
        with translation.override(language or settings.LANGUAGE_CODE):
            for combination in itertools.product(*forms):
                template = "/" + "".join(text for text, _params in combination)
                params = [name for _text, names in combination for name in names]
                url = _filled(template, params)
                if url:
                    found.append(url)
                    break
    return found


def _filled(template: str, params: list[str]) -> str | None:
    for value in SAMPLE_VALUES:
        url = template % dict.fromkeys(params, value)
        try:
            resolve(url)
        except Resolver404:
            continue
        return url
    return None


def every_url() -> tuple[list[str], list[str]]:
    urls, unreachable = [], []
    for pieces, pattern in patterns():
        found = urls_for(pieces)
        urls.extend(found)
        if not found:
            unreachable.append(str(pattern.pattern))
    return sorted(set(urls)), unreachable


def test_the_walk_reaches_every_pattern_of_the_project():
    urls, unreachable = every_url()
    assert not unreachable, f"The walk found no URL for: {unreachable}"
    assert len(urls) > 600, "the back office, the API and every page in four languages"
    for url in ("/admin/login/", "/fr/_util/login/", "/de/accounts/login/", "/nl/accounts/email/"):
        assert url in urls


def test_no_url_logs_in_by_password_a_person_who_has_a_second_factor():
    person = UserFactory(email="walker@elan.test")
    enrol_totp(person)
    credentials = {
        "login": person.email,
        "username": person.email,
        "email": person.email,
        "password": DEFAULT_TEST_PASSWORD,
        "password1": DEFAULT_TEST_PASSWORD,
        "password2": DEFAULT_TEST_PASSWORD,
        "oldpassword": DEFAULT_TEST_PASSWORD,
        "remember": "on",
    }
    logins: list[str] = []

    def note_login(sender, request, user, **kwargs):
        logins.append(f"{request.method} {request.path}")

    user_logged_in.connect(note_login, dispatch_uid="test_login_paths")
    authenticated = []
    try:
        urls, _unreachable = every_url()
        for url in urls:
            for method in ("get", "post"):
                cache.clear()  # rate limits and lockouts would hide a path behind a 429
                client = Client(raise_request_exception=False)
                getattr(client, method)(url, credentials)
                if client.session.get(SESSION_KEY):
                    authenticated.append(f"{method.upper()} {url}")
    finally:
        user_logged_in.disconnect(dispatch_uid="test_login_paths")

    assert not authenticated, f"Logged in without the second factor by: {authenticated}"
    # Stricter than the session: a view that logs in by password at all is a hole, even if
    # SecondFactorMiddleware undoes its login before the answer leaves.
    assert not logins, f"These paths called login() on a password alone: {logins}"
