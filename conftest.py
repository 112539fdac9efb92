# SPDX-License-Identifier: EUPL-1.2
"""Named personas of docs/access.md, shared by every test.

Two federal public services: the personas' own (with a team) and another one, whose member is
the outsider. Roles are given through the same service the product uses, so the tests see the
same back-office groups a real role assignment creates.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.tests.factories import UnitFactory, person_in

PERSONA_NAMES = (
    "visitor",
    "employee",
    "line_manager",
    "team_lead",
    "hr",
    "content_editor",
    "moderator",
    "administrator",
    "outsider",
)


@dataclass
class Personas:
    """The cast: ``personas.employee``, ``personas.team`` and so on."""

    organisation: object
    team: object
    other_organisation: object
    visitor: object
    employee: object
    line_manager: object
    team_lead: object
    hr: object
    content_editor: object
    moderator: object
    administrator: object
    outsider: object
    password: str = DEFAULT_TEST_PASSWORD

    def get(self, name: str):
        return getattr(self, name)


@pytest.fixture(autouse=True)
def default_language_between_tests():
    """A request leaves its language active in the thread; each test starts from the default."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def each_test_starts_with_a_cold_cache():
    """The cache outlives each test's rolled-back database: pages cached for visitors, rate-limit
    counts and the double-submit guard's memory (elan/portal/middleware.py) would otherwise
    carry over to whichever test the same worker runs next."""
    from django.core.cache import caches

    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """``client.force_login(user)`` stands for a whole login, second factor included.

    A session that skipped the second factor of an account that has one, or of a privileged
    role that needs one, is refused (``SecondFactorMiddleware``). Tests of other features log
    in as a person who passed it; tests of the second factor itself log in through the real
    forms, or with ``elan.accounts.tests.logins.force_login_password_only``.
    """
    from django.test.client import Client, ClientMixin

    from elan.accounts.tests.logins import mark_second_factor_passed

    def force_login(self, user, backend=None):
        ClientMixin.force_login(self, user, backend=backend)
        mark_second_factor_passed(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def personas(db) -> Personas:
    organisation = UnitFactory(code="FPS-ONE", name_en="FPS One")
    team = UnitFactory(parent=organisation, code="FPS-ONE-TEAM", name_en="Team One")
    other_organisation = UnitFactory(code="FPS-TWO", name_en="FPS Two")

    team_lead = person_in(team, email="team.lead@elan.test", first_name="Tess")
    line_manager = person_in(
        team, manager=team_lead, email="line.manager@elan.test", first_name="Lena"
    )
    employee = person_in(team, manager=line_manager, email="employee@elan.test", first_name="Emile")
    hr = person_in(organisation, email="hr@elan.test", first_name="Hugo")
    content_editor = person_in(organisation, email="editor@elan.test", first_name="Edith")
    moderator = person_in(organisation, email="moderator@elan.test", first_name="Mo")
    administrator = person_in(organisation, email="admin@elan.test", first_name="Ada")
    outsider = person_in(other_organisation, email="outsider@elan.test", first_name="Otto")

    organisation_services.role_assign(user=team_lead, role=Role.TEAM_LEAD, unit=team)
    organisation_services.role_assign(user=hr, role=Role.HR, unit=organisation)
    organisation_services.role_assign(user=content_editor, role=Role.CONTENT_EDITOR)
    organisation_services.role_assign(user=moderator, role=Role.MODERATOR)
    organisation_services.role_assign(user=administrator, role=Role.ADMINISTRATOR)
    for user in (team_lead, hr, content_editor, moderator, administrator):
        user.refresh_from_db()

    return Personas(
        organisation=organisation,
        team=team,
        other_organisation=other_organisation,
        visitor=AnonymousUser(),
        employee=employee,
        line_manager=line_manager,
        team_lead=team_lead,
        hr=hr,
        content_editor=content_editor,
        moderator=moderator,
        administrator=administrator,
        outsider=outsider,
    )


@pytest.fixture
def client_for(client, personas):
    """``client_for("hr")``: a test client logged in as that persona (or anonymous)."""

    def make(name: str):
        client.logout()
        user = personas.get(name)
        if user.is_authenticated:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
