# SPDX-License-Identifier: EUPL-1.2
"""Permissions in one style: every check asks a rule of django-rules directly.

``user.has_perm`` goes through Django's authentication backends, which let a superuser through
every check whatever the rule says; ``rules.has_perm`` asks the rule itself. So no module calls
``.has_perm`` on anything but ``rules``, nothing uses Django's ``permission_required`` or
``PermissionRequiredMixin``, every app with pages has a ``rules.py``, and the role predicates
and the back-office rule live with the roles, in ``elan/organisations/rules.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.urls import reverse

ELAN = Path(__file__).resolve().parent.parent / "elan"
ROLE_PREDICATES = {"is_administrator", "is_hr", "is_team_lead", "is_content_editor", "is_moderator"}
BACK_OFFICE_RULE = "wagtailadmin.access_admin"
DJANGO_PERMISSION_CHECKS = {"permission_required", "PermissionRequiredMixin"}


def modules() -> list[Path]:
    return sorted(
        path
        for path in ELAN.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(ELAN).parts)
    )


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ELAN.parent)}:{node.lineno}"


def test_no_module_asks_django_for_a_permission():
    found = []
    for path in modules():
        for node in ast.walk(parsed(path)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("has_perm", "has_perms")
                and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "rules")
            ):
                found.append(where(path, node))
            names = {getattr(node, "id", None), getattr(node, "attr", None)}
            if isinstance(node, ast.alias):
                names.add(node.name.rsplit(".", 1)[-1])
            if names & DJANGO_PERMISSION_CHECKS:
                found.append(where(path, node) if hasattr(node, "lineno") else str(path))
    assert not found, f"Ask the rule with rules.has_perm(name, user, obj) instead: {found}"


def test_every_app_with_pages_has_its_rules():
    apps = {path.parent for path in ELAN.glob("*/views.py")} | {
        path.parent for path in ELAN.glob("*/api.py")
    }
    assert apps, "no app with views found"
    missing = sorted(app.name for app in apps if not (app / "rules.py").exists())
    assert not missing, f"These apps have pages but no rules.py: {missing}"


def test_each_role_predicate_and_the_back_office_rule_are_defined_once_with_the_roles():
    defined: dict[str, list[str]] = {}
    back_office: list[str] = []
    for path in modules():
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.FunctionDef) and node.name in ROLE_PREDICATES:
                defined.setdefault(node.name, []).append(where(path, node))
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("add_perm", "set_perm", "add_rule", "set_rule")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and node.args[0].value == BACK_OFFICE_RULE
            ):
                back_office.append(where(path, node))
    home = "elan/organisations/rules.py"
    assert set(defined) == ROLE_PREDICATES
    for name, places in defined.items():
        assert len(places) == 1 and places[0].startswith(f"{home}:"), (name, places)
    assert len(back_office) == 1 and back_office[0].startswith(f"{home}:"), back_office


@pytest.mark.django_db
def test_a_superuser_without_a_role_cannot_open_hr_pages(client, personas):
    from elan.organisations.tests.factories import person_in

    superuser = person_in(personas.organisation, is_superuser=True, is_staff=True)
    # What Django's backends would answer, and why no view asks them.
    assert superuser.has_perm("feedback.view_psychometrics")
    client.force_login(superuser, backend="django.contrib.auth.backends.ModelBackend")
    for name in ("feedback:psychometrics", "insights:campaign_create"):
        response = client.get(reverse(name))
        assert response.status_code in (403, 404), name


@pytest.mark.django_db
def test_the_back_office_rule_lets_in_exactly_the_roles_that_work_there(personas):
    import rules

    allowed = {"hr", "content_editor", "moderator", "administrator"}
    for name in ("employee", "line_manager", "team_lead", "outsider", *allowed):
        user = personas.get(name)
        assert rules.has_perm(BACK_OFFICE_RULE, user) == (name in allowed), name
        # Wagtail asks through Django's backends; both answers agree for every persona.
        assert user.has_perm(BACK_OFFICE_RULE) == (name in allowed), name
