# SPDX-License-Identifier: EUPL-1.2
"""The edges of the site: its icon, its language alternates, and a back office that says Elan,
in Elan's colours, and calls nowhere outside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

ADMIN_CSS = Path(finders.find("elan/css/admin.css"))


def test_browsers_asking_for_favicon_ico_are_led_to_elan_s_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".svg")
    assert "favicon" in response["Location"]
    assert "max-age=86400" in response["Cache-Control"]
    icon = Path(finders.find("elan/img/favicon.svg")).read_text()
    assert icon.startswith("<svg") and "<title>Elan</title>" in icon


def test_every_page_names_its_icon_and_absolute_alternates_with_an_x_default(client):
    html = client.get("/fr/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon[^"]*\.svg" type="image/svg\+xml">', html)
    for code, _name in settings.LANGUAGES:
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/">' in html
    # For readers of another language: the root, which picks the reader's own language.
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/">' in html
    assert client.get("/").status_code == 302


def test_alternates_follow_the_address_the_site_is_reached_at(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "elan.example.be"]
    html = client.get("/nl/", secure=True, HTTP_HOST="elan.example.be").content.decode()
    assert '<link rel="alternate" hreflang="de" href="https://elan.example.be/de/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="https://elan.example.be/">' in html


def test_the_back_office_carries_elan_s_name_logo_icon_and_colours(client_for):
    html = client_for("administrator").get("/admin/").content.decode()
    assert re.search(r"<title>[^<]*- Elan</title>", html)
    assert "Wagtail</title>" not in html
    assert 'class="elan-admin-logo"' in html and 'alt="Elan"' in html
    assert re.search(r'<link rel="icon" href="[^"]*favicon[^"]*\.svg"', html)
    assert re.search(r'<link rel="stylesheet" href="[^"]*elan/css/admin[^"]*\.css">', html)
    # The colours come from a stylesheet; the back office writes no style element of ours.
    assert "--w-color-primary" not in html


def test_the_back_office_does_not_check_for_wagtail_updates(client_for):
    # The check asks releases.wagtail.io from the browser: an outside call the policy blocks
    # anyway, and news for whoever upgrades Elan, not for its administrators.
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_ENABLE_WHATS_NEW_BANNER is False
    html = client_for("administrator").get("/admin/").content.decode()
    assert "w-upgrade" not in html
    assert "releases.wagtail.io" not in html
    assert "w-whats-new" not in html


def _colour(name: str, css: str, scope: str) -> str:
    block = css[css.index(scope) :]
    return re.search(rf"{re.escape(name)}:\s*(#[0-9a-f]{{6}});", block).group(1)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _blend(foreground: str, alpha: float, background: str) -> str:
    mixed = [
        round(alpha * int(foreground[i : i + 2], 16) + (1 - alpha) * int(background[i : i + 2], 16))
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{value:02x}" for value in mixed)


def test_the_back_office_colours_keep_aa_contrast_for_text_and_controls():
    css = ADMIN_CSS.read_text()
    white = "#ffffff"
    primary = _colour("--w-color-primary", css, ":root")
    primary_200 = _colour("--w-color-primary-200", css, ":root")
    light = ".w-theme-light"
    secondary = _colour("--w-color-secondary", css, light)
    secondary_400 = _colour("--w-color-secondary-400", css, light)
    secondary_50 = _colour("--w-color-secondary-50", css, light)
    pairs = {
        "menu text on the sidebar": (_blend(white, 0.8, primary), primary),
        "active menu text on the sidebar": (white, primary_200),
        "labels on the page": (primary, white),
        "button text": (white, secondary),
        "button text on hover": (white, secondary_400),
        "links": (secondary, white),
        "links on hover": (secondary_400, white),
        "outline button on hover": (secondary_400, secondary_50),
    }
    for what, (text, background) in pairs.items():
        assert _contrast(text, background) >= 4.5, what
    # The system theme, when light, gets the same shades as the light theme.
    system = css[css.index("@media (prefers-color-scheme: light)") :]
    assert _colour("--w-color-secondary", system, ".w-theme-system") == secondary
