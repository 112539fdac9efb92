# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url


def site(request: HttpRequest) -> dict:
    """The language switcher's targets: the same page in every language (docs/access.md)."""
    path = request.get_full_path()
    alternates = [
        {"code": code, "url": translate_url(path, code)} for code, _name in settings.LANGUAGES
    ]
    return {"language_alternates": alternates, "site_name": "Elan"}
