# SPDX-License-Identifier: EUPL-1.2
"""The deterministic demo organisation: the same units, people and logins on every run.

Five federal public services, 40 units and about 310 people in Dutch, French and German,
with every role of docs/access.md. The eight personas keep fixed e-mail addresses and share one
password; everyone else is generated from a fixed seed, so two runs produce the same people.
Running it again changes nothing that is already there, so ``make run`` can load it on every
start without duplicating anyone.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from elan.organisations import services
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit

DEMO_PASSWORD = "elan-demo-2026"
DEMO_SEED = 2026
DEMO_EMAIL_DOMAIN = "demo.elan.example"


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


# (code, parent code, nl, fr, de, en); parents come before their children.
DEMO_UNITS: tuple[tuple[str, str | None, str, str, str, str], ...] = (
    (
        "BOSA",
        None,
        "FOD Beleid en Ondersteuning",
        "SPF Stratégie et Appui",
        "FÖD Politik und Unterstützung",
        "FPS Policy and Support",
    ),
    (
        "BOSA-DGDT",
        "BOSA",
        "DG Digitale Transformatie",
        "DG Transformation digitale",
        "GD Digitale Transformation",
        "DG Digital Transformation",
    ),
    (
        "BOSA-DGDT-NIDO",
        "BOSA-DGDT",
        "Nido innovatielab",
        "Laboratoire d'innovation Nido",
        "Innovationslabor Nido",
        "Nido innovation lab",
    ),
    ("BOSA-DGDT-WEB", "BOSA-DGDT", "Webteam", "Équipe web", "Webteam", "Web team"),
    ("BOSA-DGDT-DATA", "BOSA-DGDT", "Datateam", "Équipe données", "Datenteam", "Data team"),
    (
        "BOSA-DGRH",
        "BOSA",
        "DG Rekrutering en Ontwikkeling",
        "DG Recrutement et Développement",
        "GD Personalauswahl und Entwicklung",
        "DG Recruitment and Development",
    ),
    ("BOSA-DGRH-SEL", "BOSA-DGRH", "Selectie", "Sélection", "Auswahl", "Selection"),
    ("BOSA-DGRH-DEV", "BOSA-DGRH", "Opleiding", "Formation", "Weiterbildung", "Training"),
    ("BOSA-DGBUD", "BOSA", "DG Begroting", "DG Budget", "GD Haushalt", "DG Budget"),
    (
        "BOSA-DGBUD-CTRL",
        "BOSA-DGBUD",
        "Beheerscontrole",
        "Contrôle de gestion",
        "Controlling",
        "Management control",
    ),
    ("FIN", None, "FOD Financiën", "SPF Finances", "FÖD Finanzen", "FPS Finance"),
    (
        "FIN-AAFisc",
        "FIN",
        "Algemene Administratie Fiscaliteit",
        "Administration générale de la Fiscalité",
        "Generalverwaltung Steuerwesen",
        "General Administration of Taxation",
    ),
    (
        "FIN-AAFisc-PB",
        "FIN-AAFisc",
        "Personenbelasting",
        "Impôt des personnes physiques",
        "Einkommensteuer",
        "Personal income tax",
    ),
    ("FIN-AAFisc-BTW", "FIN-AAFisc", "Btw", "TVA", "Mehrwertsteuer", "VAT"),
    (
        "FIN-DOUANE",
        "FIN",
        "Douane en Accijnzen",
        "Douanes et Accises",
        "Zoll und Akzisen",
        "Customs and Excise",
    ),
    (
        "FIN-DOUANE-ANT",
        "FIN-DOUANE",
        "Douanekantoor Antwerpen",
        "Bureau des douanes d'Anvers",
        "Zollamt Antwerpen",
        "Antwerp customs office",
    ),
    (
        "FIN-DOUANE-LGE",
        "FIN-DOUANE",
        "Douanekantoor Luik",
        "Bureau des douanes de Liège",
        "Zollamt Lüttich",
        "Liège customs office",
    ),
    (
        "FIN-ICT",
        "FIN",
        "Stafdienst ICT",
        "Service d'encadrement ICT",
        "Stabsdienst IKT",
        "ICT support service",
    ),
    ("FIN-ICT-DEV", "FIN-ICT", "Ontwikkeling", "Développement", "Entwicklung", "Development"),
    ("FIN-ICT-OPS", "FIN-ICT", "Exploitatie", "Exploitation", "Betrieb", "Operations"),
    ("JUST", None, "FOD Justitie", "SPF Justice", "FÖD Justiz", "FPS Justice"),
    ("JUST-DGWL", "JUST", "DG Wetgeving", "DG Législation", "GD Gesetzgebung", "DG Legislation"),
    ("JUST-DGWL-CIV", "JUST-DGWL", "Burgerlijk recht", "Droit civil", "Zivilrecht", "Civil law"),
    ("JUST-DGWL-PEN", "JUST-DGWL", "Strafrecht", "Droit pénal", "Strafrecht", "Criminal law"),
    (
        "JUST-DGEPI",
        "JUST",
        "DG Penitentiaire Inrichtingen",
        "DG Établissements pénitentiaires",
        "GD Strafanstalten",
        "DG Prisons",
    ),
    (
        "JUST-DGEPI-EUP",
        "JUST-DGEPI",
        "Gevangenis Eupen",
        "Prison d'Eupen",
        "Gefängnis Eupen",
        "Eupen prison",
    ),
    (
        "JUST-DGEPI-HAR",
        "JUST-DGEPI",
        "Gevangenis Haren",
        "Prison de Haren",
        "Gefängnis Haren",
        "Haren prison",
    ),
    (
        "JUST-DGROJ",
        "JUST",
        "DG Rechterlijke Organisatie",
        "DG Organisation judiciaire",
        "GD Gerichtsorganisation",
        "DG Judicial Organisation",
    ),
    (
        "SOCSEC",
        None,
        "FOD Sociale Zekerheid",
        "SPF Sécurité sociale",
        "FÖD Soziale Sicherheit",
        "FPS Social Security",
    ),
    (
        "SOCSEC-DGSB",
        "SOCSEC",
        "DG Sociaal Beleid",
        "DG Politique sociale",
        "GD Sozialpolitik",
        "DG Social Policy",
    ),
    (
        "SOCSEC-DGPH",
        "SOCSEC",
        "DG Personen met een handicap",
        "DG Personnes handicapées",
        "GD Personen mit Behinderung",
        "DG Persons with Disabilities",
    ),
    (
        "SOCSEC-DGPH-CC",
        "SOCSEC-DGPH",
        "Contactcenter",
        "Centre de contact",
        "Kontaktzentrum",
        "Contact centre",
    ),
    (
        "SOCSEC-DGPH-MED",
        "SOCSEC-DGPH",
        "Medische evaluatie",
        "Évaluation médicale",
        "Medizinische Bewertung",
        "Medical assessment",
    ),
    (
        "SOCSEC-SI",
        "SOCSEC",
        "Sociale Inspectie",
        "Inspection sociale",
        "Sozialinspektion",
        "Social Inspection",
    ),
    (
        "SOCSEC-SI-OST",
        "SOCSEC-SI",
        "Inspectie Oost",
        "Inspection Est",
        "Inspektion Ost",
        "Inspection East",
    ),
    (
        "MOB",
        None,
        "FOD Mobiliteit en Vervoer",
        "SPF Mobilité et Transports",
        "FÖD Mobilität und Transportwesen",
        "FPS Mobility and Transport",
    ),
    (
        "MOB-DGLV",
        "MOB",
        "DG Luchtvaart",
        "DG Transport aérien",
        "GD Luftfahrt",
        "DG Civil Aviation",
    ),
    (
        "MOB-DGWV",
        "MOB",
        "DG Weg en Veiligheid",
        "DG Route et Sécurité",
        "GD Straße und Sicherheit",
        "DG Road and Safety",
    ),
    (
        "MOB-DGWV-DIV",
        "MOB-DGWV",
        "Inschrijving van voertuigen",
        "Immatriculation des véhicules",
        "Fahrzeugzulassung",
        "Vehicle registration",
    ),
    (
        "MOB-DGMV",
        "MOB",
        "DG Maritiem Vervoer",
        "DG Transport maritime",
        "GD Seeverkehr",
        "DG Maritime Transport",
    ),
)

PERSONAS: tuple[DemoPersona, ...] = (
    DemoPersona(
        "team_lead",
        "teamlead@elan.example",
        "Tom",
        "Claes",
        "nl",
        "BOSA-DGDT-NIDO",
        roles=((Role.TEAM_LEAD, "BOSA-DGDT-NIDO"),),
        grade="A",
    ),
    DemoPersona(
        "line_manager",
        "manager@elan.example",
        "Marie",
        "Dubois",
        "fr",
        "BOSA-DGDT-NIDO",
        manager_key="team_lead",
        grade="A",
    ),
    DemoPersona(
        "employee",
        "employee@elan.example",
        "Eva",
        "Peeters",
        "nl",
        "BOSA-DGDT-NIDO",
        manager_key="line_manager",
    ),
    DemoPersona(
        "hr",
        "hr@elan.example",
        "Hanne",
        "Janssens",
        "nl",
        "BOSA",
        roles=((Role.HR, "BOSA"),),
        grade="A",
    ),
    DemoPersona(
        "content_editor",
        "editor@elan.example",
        "Emma",
        "Lambert",
        "fr",
        "BOSA-DGDT-WEB",
        roles=((Role.CONTENT_EDITOR, None),),
    ),
    DemoPersona(
        "moderator",
        "moderator@elan.example",
        "Lukas",
        "Schmitz",
        "de",
        "BOSA-DGDT-WEB",
        roles=((Role.MODERATOR, None),),
        grade="A",
    ),
    DemoPersona(
        "administrator",
        "admin@elan.example",
        "Ali",
        "Benali",
        "en",
        "BOSA-DGDT",
        roles=((Role.ADMINISTRATOR, None),),
        grade="A",
    ),
    DemoPersona("outsider", "outsider@elan.example", "Olivier", "Martin", "fr", "FIN-AAFisc"),
)
# The persona who heads a unit instead of a generated person.
PERSONA_HEADS = {"BOSA-DGDT-NIDO": "team_lead"}

# How many people a unit holds, by depth: small top levels, teams of about ten.
SIZE_BY_DEPTH = {1: 3, 2: 6, 3: 10}
# People added to a unit after everyone else, so that the numbers and addresses of the people
# above stay what they were. Nido, the personas' team, is large enough that its comments, its
# trends and its skill mix all show figures while a smaller team next to it shows the guard.
# Mostly French speakers, so that a filter by language shows both languages of the team.
EXTRA_PEOPLE: dict[str, tuple[int, dict[str, int]]] = {
    "BOSA-DGDT-NIDO": (8, {"fr": 75, "nl": 25}),
}
# Languages of the staff: Dutch and French everywhere, German where the region speaks it.
LANGUAGE_WEIGHTS = {"nl": 55, "fr": 42, "de": 3}
LANGUAGE_WEIGHTS_BY_UNIT = {
    "FIN-DOUANE-LGE": {"fr": 85, "nl": 10, "de": 5},
    "JUST-DGEPI-EUP": {"de": 80, "fr": 15, "nl": 5},
    "SOCSEC-SI-OST": {"de": 45, "fr": 45, "nl": 10},
    "FIN-DOUANE-ANT": {"nl": 90, "fr": 10},
}
GRADE_WEIGHTS = {"A": 15, "B": 30, "C": 35, "D": 20}
FIRST_NAMES = {
    "nl": (
        "Jan",
        "Lotte",
        "Pieter",
        "Sofie",
        "Wout",
        "Ine",
        "Bram",
        "Femke",
        "Koen",
        "Nele",
        "Stijn",
        "Lien",
        "Jeroen",
        "Annelies",
        "Dries",
        "Hanne",
        "Ruben",
        "Elke",
    ),
    "fr": (
        "Julien",
        "Camille",
        "Nicolas",
        "Manon",
        "Antoine",
        "Chloé",
        "Mathieu",
        "Aurélie",
        "Thomas",
        "Céline",
        "Maxime",
        "Élise",
        "François",
        "Sarah",
        "Hugo",
        "Pauline",
    ),
    "de": (
        "Jonas",
        "Lena",
        "Felix",
        "Anna",
        "Lukas",
        "Marie",
        "Tobias",
        "Laura",
        "Niklas",
        "Sabine",
        "Jürgen",
        "Katrin",
    ),
}
LAST_NAMES = {
    "nl": (
        "Peeters",
        "Janssens",
        "Maes",
        "Jacobs",
        "Mertens",
        "Willems",
        "Claes",
        "Goossens",
        "Wouters",
        "De Smet",
        "Vermeulen",
        "Van den Bossche",
        "Hermans",
        "Aerts",
    ),
    "fr": (
        "Dubois",
        "Lambert",
        "Dupont",
        "Martin",
        "Simon",
        "Laurent",
        "Lefèbvre",
        "Leroy",
        "Renard",
        "Collard",
        "Fontaine",
        "Mathieu",
        "Denis",
        "Gérard",
    ),
    "de": (
        "Schmitz",
        "Müller",
        "Schröder",
        "Kessler",
        "Thelen",
        "Mockel",
        "Heinen",
        "Kreutz",
        "Lentz",
        "Cremer",
    ),
}
JOB_TITLES = {
    "head": {"nl": "Diensthoofd", "fr": "Chef de service", "de": "Dienstleiter"},
    "A": {"nl": "Adviseur", "fr": "Conseiller", "de": "Berater"},
    "B": {"nl": "Deskundige", "fr": "Expert", "de": "Sachverständiger"},
    "C": {"nl": "Assistent", "fr": "Assistant", "de": "Assistent"},
    "D": {"nl": "Medewerker", "fr": "Collaborateur", "de": "Mitarbeiter"},
}
# A few generated people also hold platform roles, so every role has more than one holder.
EXTRA_ROLES: dict[str, tuple[str, str | None]] = {
    "DEMO-0010": (Role.HR, None),  # an innovation officer for the whole organisation
    "DEMO-0100": (Role.CONTENT_EDITOR, None),
    "DEMO-0160": (Role.CONTENT_EDITOR, None),
    "DEMO-0220": (Role.MODERATOR, None),
    "DEMO-0270": (Role.CONTENT_EDITOR, None),
}


@dataclass(frozen=True)
class DemoPerson:
    external_id: str
    email: str
    first_name: str
    last_name: str
    language: str
    unit_code: str
    grade: str
    job_title: str
    manager_external_id: str | None
    roles: tuple[tuple[str, str | None], ...] = ()


def persona_external_id(persona: DemoPersona) -> str:
    return f"DEMO-{persona.key.upper()}"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and c.isascii()).lower()


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def demo_people() -> list[DemoPerson]:
    """Everyone but the personas, the same list on every call."""
    rng = random.Random(DEMO_SEED)
    depths: dict[str, int] = {}
    parents: dict[str, str | None] = {}
    for code, parent_code, *_names in DEMO_UNITS:
        parents[code] = parent_code
        depths[code] = 1 if parent_code is None else depths[parent_code] + 1
    persona_ids = {persona.key: persona_external_id(persona) for persona in PERSONAS}
    personas_in = {code: [p for p in PERSONAS if p.unit_code == code] for code in parents}

    heads: dict[str, str] = {code: persona_ids[key] for code, key in PERSONA_HEADS.items()}
    people: list[DemoPerson] = []
    number = 0
    for code, _parent, *_names in DEMO_UNITS:
        generated = SIZE_BY_DEPTH[depths[code]] - len(personas_in[code])
        manager_of_head = heads.get(parents[code]) if parents[code] else None
        for index in range(generated):
            number += 1
            external_id = f"DEMO-{number:04d}"
            is_head = index == 0 and code not in heads
            language = _pick(rng, LANGUAGE_WEIGHTS_BY_UNIT.get(code, LANGUAGE_WEIGHTS))
            first = rng.choice(FIRST_NAMES[language])
            last = rng.choice(LAST_NAMES[language])
            grade = "A" if is_head else _pick(rng, GRADE_WEIGHTS)
            roles: list[tuple[str, str | None]] = []
            if is_head:
                heads[code] = external_id
                roles.append((Role.TEAM_LEAD, code))
            if (
                depths[code] == 1
                and index == 1
                and not any(
                    role == Role.HR for persona in personas_in[code] for role, _u in persona.roles
                )
            ):
                roles.append((Role.HR, code))  # each service has its own HR officer
            if external_id in EXTRA_ROLES:
                roles.append(EXTRA_ROLES[external_id])
            people.append(
                DemoPerson(
                    external_id=external_id,
                    email=f"{_ascii(first)}.{_ascii(last)}.{number:04d}@{DEMO_EMAIL_DOMAIN}",
                    first_name=first,
                    last_name=last,
                    language=language,
                    unit_code=code,
                    grade=grade,
                    job_title=JOB_TITLES["head" if is_head else grade][language],
                    manager_external_id=manager_of_head if is_head else heads.get(code),
                    roles=tuple(roles),
                )
            )
    people.extend(_extra_people(number, heads))
    return people


def _extra_people(last_number: int, heads: dict[str, str]) -> list[DemoPerson]:
    """The people of EXTRA_PEOPLE, numbered after everyone else, from a seed of their own."""
    rng = random.Random(DEMO_SEED + 1)
    people = []
    number = last_number
    for code, (count, languages) in EXTRA_PEOPLE.items():
        for _index in range(count):
            number += 1
            language = _pick(rng, languages)
            first = rng.choice(FIRST_NAMES[language])
            last = rng.choice(LAST_NAMES[language])
            grade = _pick(rng, GRADE_WEIGHTS)
            people.append(
                DemoPerson(
                    external_id=f"DEMO-{number:04d}",
                    email=f"{_ascii(first)}.{_ascii(last)}.{number:04d}@{DEMO_EMAIL_DOMAIN}",
                    first_name=first,
                    last_name=last,
                    language=language,
                    unit_code=code,
                    grade=grade,
                    job_title=JOB_TITLES[grade][language],
                    manager_external_id=heads.get(code),
                )
            )
    return people


def _persona_managers() -> dict[str, str | None]:
    """Each persona's manager: the persona named, or else the head of the persona's unit."""
    persona_ids = {persona.key: persona_external_id(persona) for persona in PERSONAS}
    heads = {
        person.unit_code: person.external_id
        for person in demo_people()
        if any(role == Role.TEAM_LEAD for role, _unit in person.roles)
    }
    parents = {code: parent for code, parent, *_names in DEMO_UNITS}
    managers = {}
    for persona in PERSONAS:
        if persona.manager_key:
            managers[persona_ids[persona.key]] = persona_ids[persona.manager_key]
        elif PERSONA_HEADS.get(persona.unit_code) == persona.key:
            managers[persona_ids[persona.key]] = heads.get(parents[persona.unit_code] or "")
        else:
            managers[persona_ids[persona.key]] = heads.get(persona.unit_code)
    return managers


def _load_units() -> dict[str, Unit]:
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[u[0] for u in DEMO_UNITS])}
    for code, parent_code, nl, fr, de, en in DEMO_UNITS:
        if code in units:
            continue
        fields = {"code": code, "name_nl": nl, "name_fr": fr, "name_de": de, "name_en": en}
        if parent_code is None:
            units[code] = Unit.add_root(**fields)
        else:
            # Sorted inserts move siblings' paths, so the parent is read afresh each time.
            units[code] = Unit.objects.get(code=parent_code).add_child(**fields)
    return {unit.code: unit for unit in Unit.objects.filter(code__in=list(units))}


@transaction.atomic
def load_demo_organisation() -> list[DemoPersona]:
    units = _load_units()
    _load_personas(units)
    people = demo_people()
    _create_missing_people(people, units=units)
    _link_managers(people)
    _assign_people_roles(people, units=units)
    return list(PERSONAS)


def _load_personas(units: dict[str, Unit]) -> None:
    """The named personas, each with an account, a staff record and their roles."""
    user_model = get_user_model()
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
        StaffRecord.objects.get_or_create(
            user=user,
            defaults={
                "external_id": persona_external_id(persona),
                "unit": units[persona.unit_code],
                "grade": persona.grade,
            },
        )
        for role, unit_code in persona.roles:
            services.role_assign(user=user, role=role, unit=units[unit_code] if unit_code else None)


def _create_missing_people(people: list[DemoPerson], *, units: dict[str, Unit]) -> None:
    """An account and a staff record for each demo person who has neither yet, in bulk."""
    user_model = get_user_model()
    existing_ids = set(
        StaffRecord.objects.filter(
            external_id__in=[person.external_id for person in people]
        ).values_list("external_id", flat=True)
    )
    missing = [person for person in people if person.external_id not in existing_ids]
    taken_emails = set(
        user_model.objects.filter(email__in=[p.email for p in missing]).values_list(
            "email", flat=True
        )
    )
    missing = [person for person in missing if person.email not in taken_emails]
    if not missing:
        return
    # Argon2 is slow on purpose: hash the shared demo password once and reuse the hash.
    password_hash = make_password(DEMO_PASSWORD)
    user_model.objects.bulk_create(
        [
            user_model(
                email=person.email,
                password=password_hash,
                first_name=person.first_name,
                last_name=person.last_name,
                preferred_language=person.language,
            )
            for person in missing
        ]
    )
    user_ids = dict(
        user_model.objects.filter(email__in=[p.email for p in missing]).values_list("email", "id")
    )
    StaffRecord.objects.bulk_create(
        [
            StaffRecord(
                user_id=user_ids[person.email],
                external_id=person.external_id,
                unit=units[person.unit_code],
                grade=person.grade,
                job_title=person.job_title,
            )
            for person in missing
        ]
    )


def _assign_people_roles(people: list[DemoPerson], *, units: dict[str, Unit]) -> None:
    """The roles of the demo people who have a staff record."""
    records = {
        record.external_id: record
        for record in StaffRecord.objects.filter(
            external_id__in=[p.external_id for p in people]
        ).select_related("user")
    }
    for person in people:
        record = records.get(person.external_id)
        if record is None:
            continue
        for role, unit_code in person.roles:
            services.role_assign(
                user=record.user, role=role, unit=units[unit_code] if unit_code else None
            )


def _link_managers(people: list[DemoPerson]) -> None:
    """Fill in line managers that are still empty; a manager set since then is left alone."""
    wanted = {person.external_id: person.manager_external_id for person in people}
    wanted.update(_persona_managers())
    user_of = dict(
        StaffRecord.objects.filter(external_id__in=list(wanted)).values_list(
            "external_id", "user_id"
        )
    )
    unmanaged = StaffRecord.objects.filter(external_id__in=list(wanted), line_manager=None)
    updates = []
    for record in unmanaged:
        manager = user_of.get(wanted.get(record.external_id) or "")
        if manager and manager != record.user_id:
            record.line_manager_id = manager
            updates.append(record)
    StaffRecord.objects.bulk_update(updates, ["line_manager"])


def demo_colleagues(**staff_record_filters) -> list:
    """Active people who are not personas, whose staff record matches the filters (the unit's
    code, the line manager, ...), in the order of their external ids: the other apps' demos
    pick the same people on every run."""
    records = (
        StaffRecord.objects.filter(user__is_active=True, **staff_record_filters)
        .exclude(user__email__in=[persona.email for persona in PERSONAS])
        .select_related("user")
        .order_by("external_id")
    )
    return [record.user for record in records]
