# SPDX-License-Identifier: EUPL-1.2
"""The headers every answer carries (issue 12, point 8): one frame-ancestors in the back office's
Content-Security-Policy, and a Permissions-Policy that turns off the browser features Elan never
uses, on pages, the back office, the API, static files and the early error answers alike."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection

REFUSED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")


def directives(response) -> list[tuple[str, list[str]]]:
    policy = response.headers.get("Content-Security-Policy", "")
    return [(part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()]


def test_the_back_office_says_one_thing_about_framing_and_our_pages_another(client_for):
    client = client_for("administrator")
    back_office = client.get("/admin/")
    assert back_office.status_code == 200
    frame_ancestors = [
        values for name, values in directives(back_office) if name == "frame-ancestors"
    ]
    # The back office frames its own previews: the same origin, in both headers.
    assert frame_ancestors == [["'self'"]]
    assert back_office["X-Frame-Options"] == "SAMEORIGIN"
    page = client.get("/en/")
    assert [values for name, values in directives(page) if name == "frame-ancestors"] == [
        ["'none'"]
    ]
    assert page["X-Frame-Options"] == "DENY"


def database_gone(execute, sql, params, many, context):
    raise OperationalError("could not connect to server")


@pytest.mark.parametrize(
    "path",
    [
        "/",  # a redirect
        "/en/",
        "/nl/accounts/login/",
        "/en/no-such-page/",
        "/admin/",
        "/api/insights/openapi.json",
        "/health/",
        "/static/elan/css/elan.css",
        "/en/hub/search/?q=%00",  # refused before any view
    ],
)
def test_every_answer_refuses_the_browser_features_elan_never_uses(client_for, path):
    response = client_for("administrator").get(path)
    policy = response.headers["Permissions-Policy"]
    for feature in REFUSED_FEATURES:
        assert f"{feature}=()" in policy


def test_the_unavailable_page_refuses_them_too(client, db):
    with connection.execute_wrapper(database_gone):
        response = client.get("/en/skills/frameworks/")
    assert response.status_code == 503
    assert "camera=()" in response.headers["Permissions-Policy"]
