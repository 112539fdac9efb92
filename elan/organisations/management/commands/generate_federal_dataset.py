# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from elan.organisations import services
from elan.organisations.constants import Role
from elan.organisations.models import RoleAssignment, StaffRecord, Unit

# 1,500 units in four levels: services, directorates-general, departments, teams.
LEVEL_SIZES = (20, 130, 450, 900)
PEOPLE = 65_000
LANGUAGE_WEIGHTS = {"nl": 56, "fr": 40, "de": 4}
GRADE_WEIGHTS = {"A": 15, "B": 30, "C": 35, "D": 20}
FIRST_NAMES = (
    "An",
    "Bart",
    "Chloé",
    "David",
    "Els",
    "Farid",
    "Greet",
    "Hans",
    "Ilse",
    "Jonas",
    "Karim",
    "Lies",
    "Marc",
    "Nadia",
    "Olaf",
    "Petra",
    "Quentin",
    "Rita",
    "Sven",
    "Tine",
    "Ursula",
    "Vincent",
    "Wim",
    "Yasmine",
    "Zoë",
)
LAST_NAMES = (
    "Peeters",
    "Dubois",
    "Schmitz",
    "Janssens",
    "Lambert",
    "Maes",
    "Dupont",
    "Müller",
    "Jacobs",
    "Martin",
    "Willems",
    "Simon",
    "Claes",
    "Laurent",
    "Heinen",
)
EMAIL_DOMAIN = "federal.elan.example"
DEFAULT_PASSWORD = "federal-bench-2026"
BATCH = 5_000


@dataclass
class _Unit:
    code: str
    path: str
    depth: int
    numchild: int = 0
    parent: _Unit | None = None


class Command(BaseCommand):
    help = (
        "Generate the federal-scale organisation: 1,500 units four levels deep and 65,000 people "
        "with staff records, line managers, grades, languages and roles, for benchmarks "
        "(docs/performance.md). Needs an empty organisation chart. Everyone shares one password, "
        "hashed once. Deterministic for a given --seed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--people", type=int, default=PEOPLE)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--password", default=DEFAULT_PASSWORD)

    def handle(self, *args, people: int, seed: int, password: str, **options) -> None:
        if Unit.objects.exists():
            raise CommandError(
                "The organisation chart is not empty. Generate the federal dataset in a fresh "
                "database (see docs/performance.md)."
            )
        started = time.perf_counter()
        rng = random.Random(seed)
        with transaction.atomic():
            units = self._create_units(rng)
            counts = self._create_people(rng, units, people, make_password(password))
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {len(units):,} units and {counts['people']:,} people "
                f"({counts['roles']:,} role assignments) in {elapsed:.1f} s."
            )
        )

    def _create_units(self, rng: random.Random) -> list[_Unit]:
        # Paths are built here rather than through add_child, which costs queries per node.
        # Children are numbered in code order, which is the order treebeard keeps siblings in
        # (node_order_by = code), so later sorted inserts stay correct.
        levels: list[list[_Unit]] = []
        for depth, size in enumerate(LEVEL_SIZES, start=1):
            if depth == 1:
                level = [
                    _Unit(f"FED-{i + 1:02d}", Unit._get_path(None, 1, i + 1), 1)
                    for i in range(size)
                ]
            else:
                parents = levels[-1]
                children: dict[int, int] = {}
                assigned = [
                    parents[i % len(parents)] if i < len(parents) else rng.choice(parents)
                    for i in range(size)
                ]
                assigned.sort(key=lambda unit: unit.path)
                level = []
                for parent in assigned:
                    number = children.get(id(parent), 0) + 1
                    children[id(parent)] = number
                    parent.numchild = number
                    level.append(
                        _Unit(
                            f"{parent.code}-{number:03d}",
                            Unit._get_path(parent.path, depth, number),
                            depth,
                            parent=parent,
                        )
                    )
            levels.append(level)
        units = [unit for level in levels for unit in level]
        Unit.objects.bulk_create(
            [
                Unit(
                    code=unit.code,
                    path=unit.path,
                    depth=unit.depth,
                    numchild=unit.numchild,
                    name_nl=f"Dienst {unit.code}",
                    name_fr=f"Service {unit.code}",
                    name_de=f"Dienststelle {unit.code}",
                    name_en=f"Unit {unit.code}",
                )
                for unit in units
            ],
            batch_size=BATCH,
        )
        return units

    def _create_people(
        self, rng: random.Random, units: list[_Unit], total: int, password_hash: str
    ) -> dict[str, int]:
        # The steps draw from ``rng`` in a fixed order (placement, names and languages, grades,
        # platform roles): the dataset for a given --seed depends on it.
        unit_ids = dict(Unit.objects.values_list("code", "id"))
        placement = _placement(rng, units=units, total=total)
        created = _create_users(rng, count=len(placement), password_hash=password_hash)
        records, heads, role_rows = _create_staff_records(
            rng, placement=placement, users=created, unit_ids=unit_ids
        )
        # HR officers: one per service and two for the whole organisation.
        head_ids = set(heads.values())
        non_heads = [record for record in records if record.user_id not in head_ids]
        role_rows += _service_hr_roles(non_heads, unit_ids=unit_ids)
        RoleAssignment.objects.bulk_create(role_rows, batch_size=BATCH)
        platform_roles = _assign_platform_roles(rng, non_heads=non_heads, users=created)
        return {"people": len(created), "roles": len(role_rows) + platform_roles}


def _placement(rng: random.Random, *, units: list[_Unit], total: int) -> list[_Unit]:
    """The unit of each person, in tree order: every unit gets a head; the rest go mostly to the
    teams at the bottom of the tree."""
    weights = [1 if unit.depth < len(LEVEL_SIZES) else 6 for unit in units]
    placement = list(units)
    placement += rng.choices(units, weights=weights, k=max(0, total - len(units)))
    placement.sort(key=lambda unit: unit.path)
    return placement


def _create_users(rng: random.Random, *, count: int, password_hash: str) -> list:
    """``count`` accounts with random names and languages, saved in bulk, with their ids."""
    user_model = get_user_model()
    languages = list(LANGUAGE_WEIGHTS)
    language_weights = list(LANGUAGE_WEIGHTS.values())
    users = []
    for number in range(1, count + 1):
        users.append(
            user_model(
                email=f"p{number:06d}@{EMAIL_DOMAIN}",
                password=password_hash,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                preferred_language=rng.choices(languages, language_weights)[0],
            )
        )
    created = user_model.objects.bulk_create(users, batch_size=BATCH)
    if created and created[0].pk is None:
        ids = dict(user_model.objects.values_list("email", "id"))
        for user in created:
            user.pk = ids[user.email]
    return created


def _create_staff_records(
    rng: random.Random, *, placement: list[_Unit], users: list, unit_ids: dict[str, int]
) -> tuple[list[StaffRecord], dict[str, int], list[RoleAssignment]]:
    """A staff record per person, saved in bulk: the first person of each unit heads it (team
    lead, grade A, managed by the head of the unit above); the others report to their head.
    Returns the records, each unit's head and the heads' team-lead roles (not yet saved)."""
    grades = list(GRADE_WEIGHTS)
    grade_weights = list(GRADE_WEIGHTS.values())
    heads: dict[str, int] = {}
    records = []
    role_rows = []
    for index, (unit, user) in enumerate(zip(placement, users, strict=True)):
        is_head = unit.code not in heads
        if is_head:
            heads[unit.code] = user.pk
            manager = heads.get(unit.parent.code) if unit.parent else None
            role_rows.append(
                RoleAssignment(user_id=user.pk, role=Role.TEAM_LEAD, unit_id=unit_ids[unit.code])
            )
        else:
            manager = heads[unit.code]
        records.append(
            StaffRecord(
                user_id=user.pk,
                external_id=f"FED{index + 1:06d}",
                unit_id=unit_ids[unit.code],
                line_manager_id=manager,
                grade="A" if is_head else rng.choices(grades, grade_weights)[0],
                job_title="Head of unit" if is_head else "",
            )
        )
    StaffRecord.objects.bulk_create(records, batch_size=BATCH)
    return records, heads, role_rows


def _service_hr_roles(
    non_heads: list[StaffRecord], *, unit_ids: dict[str, int]
) -> list[RoleAssignment]:
    """An HR officer for each service (the first non-head in it), not yet saved."""
    by_root: dict[str, list[StaffRecord]] = {}
    code_of = {unit_id: code for code, unit_id in unit_ids.items()}
    for record in non_heads:
        by_root.setdefault(code_of[record.unit_id][:6], []).append(record)
    return [
        RoleAssignment(user_id=members[0].user_id, role=Role.HR, unit_id=unit_ids[root_code])
        for root_code, members in sorted(by_root.items())
    ]


def _assign_platform_roles(rng: random.Random, *, non_heads: list[StaffRecord], users: list) -> int:
    """HR for the whole organisation, editors, moderators and administrators, drawn from the
    people who head nothing; returns how many roles were given."""
    platform = rng.sample(non_heads, 29)
    platform_roles = (
        [(Role.HR, None)] * 2
        + [(Role.CONTENT_EDITOR, None)] * 20
        + [(Role.MODERATOR, None)] * 5
        + [(Role.ADMINISTRATOR, None)] * 2
    )
    user_by_id = {user.pk: user for user in users}
    for record, (role, unit) in zip(platform, platform_roles, strict=True):
        # Through the service, so back-office groups follow the role as they do in use.
        services.role_assign(user=user_by_id[record.user_id], role=role, unit=unit)
    return len(platform_roles)
