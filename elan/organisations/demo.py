# SPDX-License-Identifier: EUPL-1.2
"""The deterministic demo organisation: the same units, people and logins on every run.

Running it again changes nothing that is already there, so ``make run`` can load it on
every start without duplicating anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from elan.organisations import services
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit

DEMO_PASSWORD = "elan-demo-2026"


@dataclass(frozen=True)
class DemoPersona:
    key: str
    email: str
    first_name: str
    last_name: str
    language: str
    unit_code: str
    roles: tuple[tuple[str, str | None], ...] = ()
    manager_key: str | None = None
    grade: str = "B"


# (code, parent code, nl, fr, de, en)
DEMO_UNITS: tuple[tuple[str, str | None, str, str, str, str], ...] = (
    ("BOSA", None, "FOD Beleid en Ondersteuning", "SPF Stratégie et Appui",
     "FÖD Politik und Unterstützung", "FPS Policy and Support"),
    ("BOSA-DGDT", "BOSA", "DG Digitale Transformatie", "DG Transformation digitale",
     "GD Digitale Transformation", "DG Digital Transformation"),
    ("BOSA-DGDT-NIDO", "BOSA-DGDT", "Nido innovatielab", "Laboratoire d'innovation Nido",
     "Innovationslabor Nido", "Nido innovation lab"),
    ("BOSA-DGDT-WEB", "BOSA-DGDT", "Webteam", "Équipe web", "Webteam", "Web team"),
    ("FIN", None, "FOD Financiën", "SPF Finances", "FÖD Finanzen", "FPS Finance"),
    ("FIN-AAFisc", "FIN", "Algemene Administratie Fiscaliteit",
     "Administration générale de la Fiscalité", "Generalverwaltung Steuerwesen",
     "General Administration of Taxation"),
)

PERSONAS: tuple[DemoPersona, ...] = (
    DemoPersona("team_lead", "teamlead@elan.example", "Tom", "Claes", "nl", "BOSA-DGDT-NIDO",
                roles=((Role.TEAM_LEAD, "BOSA-DGDT-NIDO"),), grade="A"),
    DemoPersona("line_manager", "manager@elan.example", "Marie", "Dubois", "fr",
                "BOSA-DGDT-NIDO", manager_key="team_lead", grade="A"),
    DemoPersona("employee", "employee@elan.example", "Eva", "Peeters", "nl", "BOSA-DGDT-NIDO",
                manager_key="line_manager"),
    DemoPersona("hr", "hr@elan.example", "Hanne", "Janssens", "nl", "BOSA",
                roles=((Role.HR, "BOSA"),), grade="A"),
    DemoPersona("content_editor", "editor@elan.example", "Emma", "Lambert", "fr",
                "BOSA-DGDT-WEB", roles=((Role.CONTENT_EDITOR, None),)),
    DemoPersona("moderator", "moderator@elan.example", "Lukas", "Schmitz", "de",
                "BOSA-DGDT-WEB", roles=((Role.MODERATOR, None),), grade="A"),
    DemoPersona("administrator", "admin@elan.example", "Ali", "Benali", "en", "BOSA-DGDT",
                roles=((Role.ADMINISTRATOR, None),), grade="A"),
    DemoPersona("outsider", "outsider@elan.example", "Olivier", "Martin", "fr", "FIN-AAFisc"),
)


@transaction.atomic
def load_demo_organisation() -> list[DemoPersona]:
    units: dict[str, Unit] = {}
    for code, parent_code, nl, fr, de, en in DEMO_UNITS:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            fields = {"code": code, "name_nl": nl, "name_fr": fr, "name_de": de, "name_en": en}
            unit = (
                Unit.add_root(**fields)
                if parent_code is None
                else units[parent_code].add_child(**fields)
            )
        units[code] = unit

    user_model = get_user_model()
    users = {}
    for persona in PERSONAS:
        user = user_model.objects.filter(email=persona.email).first()
        if user is None:
            user = user_model.objects.create_user(
                email=persona.email,
                password=DEMO_PASSWORD,
                first_name=persona.first_name,
                last_name=persona.last_name,
                preferred_language=persona.language,
            )
        users[persona.key] = user
        StaffRecord.objects.get_or_create(
            user=user,
            defaults={
                "external_id": f"DEMO-{persona.key.upper()}",
                "unit": units[persona.unit_code],
                "grade": persona.grade,
            },
        )
        for role, unit_code in persona.roles:
            services.role_assign(
                user=user, role=role, unit=units[unit_code] if unit_code else None
            )
    for persona in PERSONAS:
        if persona.manager_key:
            StaffRecord.objects.filter(user=users[persona.key], line_manager=None).update(
                line_manager=users[persona.manager_key]
            )
    return list(PERSONAS)
