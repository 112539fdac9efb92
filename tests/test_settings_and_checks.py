# SPDX-License-Identifier: EUPL-1.2
"""Configuration, start-up checks, the root redirect, the CSP's scope and translated 404s (issue 2).

The configuration tests start ``manage.py`` in a fresh process with a chosen environment,
because settings are read once, at import: only a new process sees a new environment.
"""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

BASE_DIR = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/elan"
# Only what a process needs to run; nothing of the test run's own configuration leaks in.
KEPT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV")


def manage(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
    env.update(environment)
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *arguments],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_environment(**overrides: str) -> dict[str, str]:
    environment = {
        "DJANGO_SETTINGS_MODULE": "elan.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48)[:50],
        "ALLOWED_HOSTS": "elan.example",
        "DATABASE_URL": POSTGRES_URL,
        "MFA_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    }
    environment.update(overrides)
    return {name: value for name, value in environment.items() if value is not None}


WRONG_CONFIGURATIONS = {
    "a boolean that is not one": ({"DEBUG": "maybe"}, "DEBUG"),
    "a database URL of an unknown kind": ({"DATABASE_URL": "nonsense://x"}, "DATABASE_URL"),
    "a number that is not one": ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT"),
    "single sign-on without its server": (
        {"OIDC_ENABLED": "true", "OIDC_CLIENT_ID": "elan", "OIDC_CLIENT_SECRET": "s3cret"},
        "OIDC_SERVER_URL",
    ),
    "production without a secret key": (production_environment(SECRET_KEY=None), "SECRET_KEY"),
    "production on the demo database": (
        production_environment(DATABASE_URL=None),
        "DATABASE_URL",
    ),
    "production without a key for the second factor's secrets": (
        production_environment(MFA_ENCRYPTION_KEY=None),
        "MFA_ENCRYPTION_KEY",
    ),
    "a second-factor key that is not a Fernet key": (
        {"MFA_ENCRYPTION_KEY": "not-a-key"},
        "MFA_ENCRYPTION_KEY",
    ),
}


@pytest.mark.parametrize(
    ("environment", "variable"),
    WRONG_CONFIGURATIONS.values(),
    ids=WRONG_CONFIGURATIONS.keys(),
)
def test_a_wrong_configuration_stops_start_up_with_a_check_that_names_the_setting(
    environment, variable
):
    result = manage("check", **environment)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "SystemCheckError" in output, output
    assert f"{variable}: (elan.E" in output, output


def test_the_production_profile_passes_the_deployment_checks_without_a_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_environment())
    assert result.returncode == 0, result.stdout + result.stderr


def test_with_nothing_set_the_platform_runs_on_the_embedded_sqlite_database():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; db = settings.DATABASES['default']; "
        "print('DATABASE', db['ENGINE'], db['NAME'])",
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("DATABASE "))
    _label, engine, name = line.split()
    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == BASE_DIR / "db.sqlite3"


# --- The root URL ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr-BE,fr;q=0.9,en;q=0.5", "/fr/"),
        ("de-DE,de;q=0.8", "/de/"),
        ("nl-BE", "/nl/"),
        ("es-ES,es;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_the_root_sends_a_visitor_to_the_language_their_browser_asks_for(
    client, accept_language, expected
):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_the_root_sends_a_logged_in_person_to_their_own_language_over_the_browsers(
    client, personas
):
    personas.employee.preferred_language = "de"
    personas.employee.save(update_fields=["preferred_language"])
    client.force_login(personas.employee, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/", headers={"accept-language": "fr-BE,fr;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == "/de/"


# --- Content-Security-Policy ------------------------------------------------------------------


def policy_of(response) -> dict[str, list[str]]:
    policy = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize(
    "path", ["/en/", "/nl/accessibility/", "/fr/accounts/login/", "/de/no-such-page/", "/en/admin/"]
)
def test_our_pages_send_the_strict_policy(client, db, path):
    response = client.get(path)
    directives = policy_of(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_only_the_back_office_gets_the_relaxed_policy(client, personas):
    client.force_login(personas.administrator, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/admin/")
    assert response.status_code == 200
    directives = policy_of(response)
    assert "'unsafe-inline'" in directives["script-src"]
    assert "'unsafe-inline'" in directives["style-src"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert directives["object-src"] == ["'none'"]


# --- Bad URLs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_bad_url_gets_the_not_found_page_in_its_language(client, db, language):
    response = client.get(f"/{language}/nope/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    with translation.override(language):
        heading = translation.gettext("Page not found")
    assert heading in html
    if language != "en":
        assert heading != "Page not found", f"the {language} catalogue lacks the 404 page"
    assert "<h1>" in html and "</main>" in html


def test_a_bad_url_without_a_language_is_answered_in_the_visitors_language(client, db):
    response = client.get("/nope/", headers={"accept-language": "nl"}, follow=True)
    assert response.status_code == 404
    assert '<html lang="nl"' in response.content.decode()
