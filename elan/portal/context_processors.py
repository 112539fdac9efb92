# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from dataclasses import dataclass

import rules
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RoleLink:
    """A page of a role that no module's own entry leads to, shown to whoever may open it."""

    url_name: str
    label: str | Promise
    permission: str


# Every page is reachable from the navigation or from a page of the roles that may use it
# (tests/e2e/test_reflow_and_links.py walks the links per persona to prove it).
ROLE_LINKS = (
    RoleLink(
        url_name="feedback:psychometrics",
        label=_("Instrument quality"),
        permission="feedback.view_psychometrics",
    ),
)


def role_links(request: HttpRequest) -> list[dict]:
    """The role pages of the main navigation for this person, the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else None
    return [
        {"url": reverse(link.url_name), "label": link.label, "current": link.url_name == current}
        for link in ROLE_LINKS
        if rules.has_perm(link.permission, user)
    ]


def site(request: HttpRequest) -> dict:
    """The language switcher's targets: the same page in every language (docs/access.md); and
    the role pages of the main navigation, worked out only when a page shows it."""
    path = request.get_full_path()
    alternates = [
        {"code": code, "url": translate_url(path, code)} for code, _name in settings.LANGUAGES
    ]
    return {
        "language_alternates": alternates,
        "site_name": "Elan",
        # A callable: the template calls it where the navigation is drawn, and nowhere else.
        "role_links": lambda: role_links(request),
    }
