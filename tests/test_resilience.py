# SPDX-License-Identifier: EUPL-1.2
"""The database failing answers 503, not 500, and the app heals (issue 12, point 5).

The database is made to fail for real where the backend allows it: another connection holds a
lock past the statement timeout, or the server ends the app's connection. Where that is not
possible, every query of the request raises what the driver raises when the server is gone.
The tests of the timeouts and of healing run on whichever database the suite runs on: on
PostgreSQL (CI) the server's own statement timeout and ``pg_terminate_backend``, on SQLite a
lock held by another connection.
"""

from __future__ import annotations

import contextlib
import runpy
import sqlite3
import time
from pathlib import Path
from unittest import mock

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import InterfaceError, OperationalError, connection
from django.test import RequestFactory, override_settings
from django.utils import translation

from elan.accounts.middleware import SESSION_SEEN_KEY
from elan.accounts.sessions import SessionStore
from elan.insights.models import Participation, Response
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, answers_for, open_round
from elan.portal import errors

BASE_DIR = Path(__file__).resolve().parent.parent


def database_gone(execute, sql, params, many, context):
    raise OperationalError("could not connect to server: Connection refused")


def connection_closed(execute, sql, params, many, context):
    raise InterfaceError("connection already closed")


def translated(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def assert_unavailable_page(response, language: str = "en") -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert translated(language, "Elan is temporarily unavailable") in html
    assert "Traceback" not in html and "OperationalError" not in html


# --- Unreachable: a translated 503 with Retry-After, JSON for the API --------------------------


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_visitor_gets_the_unavailable_page_in_their_language(client, db, language):
    with connection.execute_wrapper(database_gone):
        response = client.get(f"/{language}/skills/frameworks/")
    assert_unavailable_page(response, language)


@pytest.mark.parametrize("failure", [database_gone, connection_closed])
def test_a_logged_in_person_gets_the_unavailable_page_not_a_server_error(client_for, failure):
    # Logged in, the session and the user are loaded from the database by a middleware, before
    # any view runs: the failure happens there.
    client = client_for("employee")
    client.raise_request_exception = False
    with connection.execute_wrapper(failure):
        response = client.get("/en/skills/frameworks/")
    assert_unavailable_page(response)


def test_a_survey_answer_sent_while_the_database_fails_answers_503_and_saves_nothing(
    personas, client_for
):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    open_round(campaign)
    client = client_for("employee")

    def fail_on_the_answers(execute, sql, params, many, context):
        # The participation is marked and the response written before the answers: the
        # failure comes half-way through the write.
        if 'INSERT INTO "insights_answer"' in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_on_the_answers):
        response = client.post(
            f"/en/insights/campaigns/{campaign.pk}/answer/", answers_for(campaign.instrument)
        )
    assert_unavailable_page(response)
    assert not Response.objects.exists()
    assert Participation.objects.get(user=personas.employee).responded_on is None


def test_the_api_answers_503_in_json(client_for):
    client = client_for("hr")
    client.raise_request_exception = False
    with connection.execute_wrapper(database_gone):
        response = client.get("/api/insights/campaigns/1/rounds")
    assert response.status_code == 503
    assert response["Retry-After"] == str(errors.RETRY_AFTER_SECONDS)
    assert response.json() == {
        "detail": "The service is temporarily unavailable. Please try again later."
    }


def test_a_session_that_cannot_be_saved_answers_503_not_500(personas, client_for):
    client = client_for("employee")
    session = client.session
    # "Last seen" is stale, so the session middleware saves the session after the page.
    session[SESSION_SEEN_KEY] = int(time.time()) - 120
    session.save()
    client.raise_request_exception = False
    with mock.patch.object(SessionStore, "save", side_effect=OperationalError("gone")):
        response = client.get("/en/skills/frameworks/")
    assert_unavailable_page(response)


def test_the_unavailable_page_asks_nothing_of_the_database(db, django_assert_num_queries):
    request = RequestFactory().get("/fr/insights/")
    with django_assert_num_queries(0):
        response = errors.service_unavailable(request)
    assert_unavailable_page(response, "fr")


# --- Timeouts: shorter than the worker's, and a hung database answers 503 ---------------------


def test_connections_are_health_checked_and_carry_the_configured_timeouts(db):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    params = connection.get_connection_params()
    if connection.vendor == "postgresql":
        assert params["connect_timeout"] == settings.DATABASE_CONNECT_TIMEOUT_SECONDS
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            shown = cursor.fetchone()[0]
        assert shown == f"{settings.DATABASE_STATEMENT_TIMEOUT_SECONDS}s"
    else:
        assert params["timeout"] == settings.DATABASE_STATEMENT_TIMEOUT_SECONDS


def test_gunicorn_waits_longer_than_the_database_timeouts():
    config = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "elan.wsgi:application"
    assert config["timeout"] > (
        settings.DATABASE_CONNECT_TIMEOUT_SECONDS + settings.DATABASE_STATEMENT_TIMEOUT_SECONDS
    )


def serve(path: str, client) -> object:
    """A request through Django's real WSGI handler, as gunicorn makes it.

    The test client skips what Django does between requests (``close_old_connections``, which
    is where a kept connection is checked before reuse); this does not.
    """
    environ = RequestFactory().get(path).environ
    environ["HTTP_COOKIE"] = "; ".join(
        f"{name}={morsel.value}" for name, morsel in client.cookies.items()
    )
    status = {}

    def start_response(line, headers, exc_info=None):
        status["code"] = int(line.split()[0])

    response = WSGIHandler()(environ, start_response)
    body = b"".join(response)
    response.close()
    return status["code"], body


@contextlib.contextmanager
def statement_timeout(milliseconds: int):
    """Reconnect with a short statement timeout, as DATABASE_STATEMENT_TIMEOUT_SECONDS sets."""
    options = connection.settings_dict["OPTIONS"]
    saved = options.get("options")
    options["options"] = f"-c statement_timeout={milliseconds}"
    connection.close()
    try:
        yield
    finally:
        options["options"] = saved
        connection.close()


@contextlib.contextmanager
def users_table_held_by_another_connection():
    """Another session holds the accounts table, as a stuck migration or a long report would.

    PostgreSQL: an exclusive lock, which the server gives up on its own after a few seconds,
    so that without a statement timeout the page waits and then succeeds. SQLite: a pending
    write by another connection on the shared in-memory database, refused at once.
    """
    if connection.vendor == "postgresql":
        holder = psycopg.connect(
            **{
                key: value
                for key, value in connection.get_connection_params().items()
                if key in {"dbname", "user", "password", "host", "port"}
            }
        )
        holder.execute("SET idle_in_transaction_session_timeout = '5s'")
        holder.execute("LOCK TABLE accounts_user IN ACCESS EXCLUSIVE MODE")
    else:
        holder = sqlite3.connect(
            connection.settings_dict["NAME"],
            uri=True,
            isolation_level=None,
            check_same_thread=False,
        )
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE accounts_user SET is_active = is_active")
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            holder.rollback() if connection.vendor == "postgresql" else holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.django_db(transaction=True)
def test_a_hung_database_answers_503_and_the_next_request_succeeds(personas, client_for):
    client = client_for("employee")
    with statement_timeout(300) if connection.vendor == "postgresql" else contextlib.nullcontext():
        with users_table_held_by_another_connection():
            status, body = serve("/en/skills/frameworks/", client)
        assert status == 503
        assert b"Elan is temporarily unavailable" in body
        status, _body = serve("/en/skills/frameworks/", client)
        assert status == 200


@pytest.mark.django_db(transaction=True)
def test_after_the_database_drops_the_connection_the_next_request_reconnects(personas, client_for):
    client = client_for("employee")
    assert serve("/en/skills/frameworks/", client)[0] == 200
    if connection.vendor == "postgresql":
        # What a database restart or failover does to every connection the app kept open.
        pid = connection.connection.info.backend_pid
        with psycopg.connect(
            **{
                key: value
                for key, value in connection.get_connection_params().items()
                if key in {"dbname", "user", "password", "host", "port"}
            },
            autocommit=True,
        ) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    else:
        # SQLite has no server to restart; its equivalent is a database locked for a moment.
        with users_table_held_by_another_connection():
            assert serve("/en/skills/frameworks/", client)[0] == 503
    assert serve("/en/skills/frameworks/", client)[0] == 200


# --- The health endpoint: reachable or not, and nothing else ----------------------------------


def test_the_health_endpoint_says_ok_and_nothing_else(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "queue": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF token


def test_the_health_endpoint_says_unavailable_when_the_database_is_down(client, db):
    with connection.execute_wrapper(database_gone):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "ok",
        "queue": "unavailable",
    }
    assert not response.cookies


def test_the_health_endpoint_answers_a_load_balancer_over_plain_http_in_production(client, db):
    from elan.settings import production

    with override_settings(
        SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=production.SECURE_REDIRECT_EXEMPT
    ):
        assert client.get("/health/").status_code == 200
        assert client.get("/en/").status_code == 301
