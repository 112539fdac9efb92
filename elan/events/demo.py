# SPDX-License-Identifier: EUPL-1.2
"""The demo hackathons and sprints for ``manage.py demo_data``, in BOSA, organised by Hanne
Janssens (hr@elan.example):

- **Hackathon: letters citizens understand**, running now (it started yesterday and ends
  tomorrow; its teams are published). Every team needs user-centricity and storytelling, works
  in Dutch, French or English, has four to six members and at most two of one unit. Five units
  posted a challenge, each with its problem owner; the team lead Tom Claes
  (teamlead@elan.example) posted Nido's reminder letter and owns its problem. Twenty-eight
  colleagues of BOSA's directorates registered, ranking the challenges; three who met at the
  spring hackathon came as a group; eight, among them Eva Peeters (employee@elan.example), never
  took part in an event before. Six teams were formed and published. Eva's works on Tom's
  reminder letter, in Dutch, her first choice, and she reads why she is in it; Tom, its problem
  owner, sees the team too. Four mentors volunteered, one of them for two teams, among them
  Eva's line manager Marie Dubois (manager@elan.example), who opens the mentors' help queue; one
  French-speaking team has no mentor, and the organiser reads why. The queue has a history: three
  questions answered yesterday, each taken some minutes after it was asked; one Marie took
  a quarter of an hour ago and has not answered yet (storytelling, one of her strengths, so she
  took it before an older one); and two waiting, one of them asked by Eva for her team.
- **Innovation sprint: open data in a week**, open for registration, starting in three weeks:
  two challenges, six colleagues registered and a mentor. Neither Eva nor Tom registered, so
  either can try the registration during the demo.
- **Spring hackathon**, last spring, finished: five teams published, each recorded its result
  in its working language, and most members wrote their retrospective. The problem owner of
  the training sign-up, Femke Vermeulen, took the result of the team that worked in her language
  further as a draft experiment card.
- **Hackathon: one form fewer**, a draft Hanne is preparing, with one challenge: only its
  organisers see it.

Strengths are approved ones, as a registration needs: skills of the person's own
self-assessment profile; those who had not taken the self-assessment take it first, as the
learning network's demo does. Everything goes through the services people use; the moments
they stamp are then set to when they would have happened, as the other demo loaders do.
Deterministic (the team formation runs with a fixed seed, bounded by deterministic time) and
safe to run again: an event whose title Hanne organises already gets nothing new.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.assessments.demo import self_assessment_submit
from elan.assessments.models import Assessment
from elan.assessments.scoring import Scale, scored_value
from elan.assessments.selectors import active_instrument
from elan.events import formation, selectors, services
from elan.events.constants import HelpStatus, Kind, Mode, Status
from elan.events.models import (
    Challenge,
    Event,
    EventEvent,
    EventMentor,
    HelpRequest,
    HelpRequestEvent,
    Registration,
    Team,
    TeamResult,
    TeamRetrospective,
)
from elan.experiments.models import Experiment, ExperimentEvent
from elan.network.selectors import strength_choices
from elan.organisations.models import StaffRecord, Unit
from elan.skills.models import Competency

EMPLOYEE = "employee@elan.example"
TEAM_LEAD = "teamlead@elan.example"
LINE_MANAGER = "manager@elan.example"
HR = "hr@elan.example"

RUNNING = "Hackathon: letters citizens understand"
SPRINT = "Innovation sprint: open data in a week"
SPRING = "Spring hackathon"
DRAFT = "Hackathon: one form fewer"

# Far from the other loaders' tokens (130,000 and up for the team mixes, 180,000 the network).
TOKEN_BASE = 190_000
# Formation in a few seconds: the events are small, and the plan is the same on every run
# (deterministic time bounds the search; the wall clock is only the safety net).
LIMITS = formation.Limits(assignment_seconds=2.0, teams_seconds=2.0, wall_seconds=8.0)

# Short names of the six innovation skills.
IT, DL, UC, CU, ST, INS = (
    "iteration",
    "data-literacy",
    "user-centricity",
    "curiosity",
    "storytelling",
    "insurgency",
)


@dataclass(frozen=True)
class DemoChallenge:
    """Posted by ``owner`` (a persona's address or an external id), who owns the problem."""

    key: str
    unit: str
    owner: str
    title: str
    problem: str


@dataclass(frozen=True)
class DemoEntrant:
    who: str
    languages: tuple[str, ...]
    strengths: tuple[str, ...]
    practise: tuple[str, ...] = ()
    ranking: tuple[str, ...] = ()  # challenge keys, first choice first
    group: str = ""


@dataclass(frozen=True)
class DemoMentor:
    who: str
    languages: tuple[str, ...]
    strengths: tuple[str, ...]
    capacity: int = 1


@dataclass(frozen=True)
class DemoEvent:
    title: str
    kind: str
    description: str
    starts_days_ago: int  # negative: in the future
    days: int
    place: str
    online: bool
    required: tuple[str, ...]
    challenges: tuple[DemoChallenge, ...]
    entrants: tuple[DemoEntrant, ...] = ()
    mentors: tuple[DemoMentor, ...] = ()
    languages: tuple[str, ...] = ("nl", "fr", "en")
    min_team_size: int = 4
    max_team_size: int = 6
    max_per_unit: int = 2


# --- the running hackathon ---------------------------------------------------------------------

RUNNING_CHALLENGES = (
    DemoChallenge(
        "reminder",
        "BOSA-DGDT-NIDO",
        TEAM_LEAD,
        "Een herinneringsbrief zonder jargon",
        "Wie een herinnering krijgt voor een ontbrekend attest, belt ons in één geval op drie "
        "om te vragen wat er bedoeld wordt. De brief noemt drie wetsartikels en pas op de "
        "tweede bladzijde wat de burger moet doen.",
    ),
    DemoChallenge(
        "contact",
        "BOSA-DGDT-WEB",
        "DEMO-0015",  # Annelies De Smet
        "De bevestigingsmail na het contactformulier",
        "Na het contactformulier krijgt men een automatische mail met een dossiernummer en "
        "verder niets: niet wanneer er een antwoord komt, niet wat men intussen kan doen.",
    ),
    DemoChallenge(
        "refund",
        "BOSA-DGDT-DATA",
        "DEMO-0023",  # François Lefèbvre
        "Expliquer un montant sans tableau illisible",
        "La lettre qui annonce un remboursement montre un tableau de onze lignes. Les citoyens "
        "ne retrouvent pas comment le montant a été calculé et contestent par précaution.",
    ),
    DemoChallenge(
        "invitation",
        "BOSA-DGRH-SEL",
        "DEMO-0039",  # Femke Goossens
        "De uitnodiging voor een selectieproef",
        "Kandidaten missen hun proef omdat de uitnodiging het adres, het uur en wat ze moeten "
        "meebrengen over drie bijlagen verspreidt.",
    ),
    DemoChallenge(
        "invoice",
        "BOSA-DGBUD-CTRL",
        "DEMO-0065",  # Sofie De Smet
        "De brief bij een geweigerde factuur",
        "Kleine leveranciers begrijpen niet waarom hun factuur geweigerd werd en sturen ze "
        "ongewijzigd opnieuw; sommigen wachten zo maanden op hun geld.",
    ),
)
# The group of three who met at the spring hackathon and came back together.
GROUP_CODE = "TEKST4"
RUNNING_ENTRANTS = (
    # Nido
    DemoEntrant(EMPLOYEE, ("nl", "fr", "en"), (ST, UC), (DL, INS), ("reminder", "contact")),
    DemoEntrant("DEMO-0011", ("nl", "en"), (UC, CU), (DL, ST), ("reminder", "invitation")),
    DemoEntrant("DEMO-0013", ("fr", "en"), (ST, IT), (UC,), ("contact", "reminder")),
    DemoEntrant("DEMO-0298", ("fr", "nl"), (UC, IT), (INS,), ("refund", "invoice")),
    DemoEntrant("DEMO-0300", ("fr", "en"), (UC, CU), (DL,), ("reminder", "refund")),
    # the web team
    DemoEntrant("DEMO-0016", ("fr", "en"), (UC, IT), (ST,), ("contact", "invitation")),
    DemoEntrant("DEMO-0018", ("nl",), (ST, INS), (UC,), ("contact", "reminder")),
    DemoEntrant("DEMO-0021", ("fr", "en"), (IT, DL), (UC,), ("contact", "refund")),
    # the data team
    DemoEntrant(
        "DEMO-0025", ("fr", "en"), (DL, ST), (UC,), ("invitation", "refund"), group=GROUP_CODE
    ),
    DemoEntrant("DEMO-0027", ("nl", "en"), (DL, UC), (ST,), ("refund", "invoice")),
    DemoEntrant("DEMO-0029", ("nl", "en"), (UC, CU), (INS, ST), ("invoice", "refund")),
    DemoEntrant("DEMO-0030", ("fr",), (DL, IT), (ST,), ("refund",)),
    # DG Digital Transformation
    DemoEntrant(
        "DEMO-0004", ("fr", "nl", "en"), (ST, CU), (IT,), ("reminder", "contact", "invitation")
    ),
    DemoEntrant("DEMO-0006", ("nl", "fr"), (UC, INS), (DL,), ("invoice", "reminder")),
    # the training service
    DemoEntrant(
        "DEMO-0050", ("fr", "en"), (ST, UC), (DL,), ("invitation", "refund"), group=GROUP_CODE
    ),
    DemoEntrant("DEMO-0052", ("fr", "en"), (UC, CU), (ST,), ("contact", "invitation")),
    DemoEntrant("DEMO-0054", ("nl", "en"), (ST, IT), (DL,), ("invitation", "reminder")),
    DemoEntrant("DEMO-0057", ("nl", "fr"), (IT, CU), (UC,), ("invoice", "contact")),
    # selection
    DemoEntrant(
        "DEMO-0042", ("fr", "en"), (UC, INS), (ST,), ("invitation", "refund"), group=GROUP_CODE
    ),
    DemoEntrant("DEMO-0045", ("fr", "nl"), (ST, DL), (IT,), ("invitation", "invoice")),
    DemoEntrant("DEMO-0047", ("nl", "en"), (CU, IT), (ST,), ("reminder", "invitation")),
    # DG Recruitment and Development
    DemoEntrant("DEMO-0035", ("fr", "en"), (ST, INS), (DL,), ("refund", "contact")),
    DemoEntrant("DEMO-0036", ("nl", "en"), (UC, ST), (IT,), ("contact", "reminder")),
    # DG Budget and management control
    DemoEntrant("DEMO-0062", ("nl", "en"), (DL, IT), (UC,), ("invoice", "refund")),
    DemoEntrant("DEMO-0064", ("nl",), (UC, IT), (ST,), ("invoice", "reminder")),
    DemoEntrant("DEMO-0068", ("nl", "fr", "en"), (ST, DL), (INS,), ("invoice", "invitation")),
    DemoEntrant("DEMO-0073", ("fr", "en"), (CU, ST), (UC,), ("refund", "invoice")),
    # BOSA's own staff
    DemoEntrant("DEMO-0002", ("fr", "nl"), (INS, UC), (ST,), ("reminder", "invoice")),
)
# Who of them never took part in an event: the others were at the spring hackathon.
NEWCOMERS = (
    EMPLOYEE,
    "DEMO-0011",
    "DEMO-0300",
    "DEMO-0021",
    "DEMO-0036",
    "DEMO-0064",
    "DEMO-0073",
    "DEMO-0002",
)
RUNNING_MENTORS = (
    DemoMentor(LINE_MANAGER, ("fr", "nl", "en"), (ST, INS)),
    DemoMentor("DEMO-0024", ("nl", "en"), (DL, IT), capacity=2),  # Koen Peeters
    DemoMentor("DEMO-0040", ("fr", "en"), (ST, UC)),  # Céline Lambert
    DemoMentor("DEMO-0007", ("fr", "nl", "en"), (UC, ST)),  # Pauline Fontaine
)
RUNNING_EVENT = DemoEvent(
    title=RUNNING,
    kind=Kind.HACKATHON,
    description="Three days to rewrite a letter or a mail that citizens or suppliers do not "
    "understand, with the unit that sends it. Bring what you are good at; leave with a "
    "version the unit can test.",
    starts_days_ago=1,
    days=2,
    place="WTC III, Brussel",
    online=True,
    required=(UC, ST),
    challenges=RUNNING_CHALLENGES,
    entrants=RUNNING_ENTRANTS,
    mentors=RUNNING_MENTORS,
)

# The help queue. Answered yesterday, the event's first day: (whose team asks, the skill, the
# question, the clock time it was asked, minutes until a mentor took it, minutes more until
# answered).
ANSWERED_HELP = (
    (
        "DEMO-0027",
        DL,
        "Hoe tonen we hoe het bedrag berekend is zonder de tabel van elf lijnen?",
        datetime.time(13, 40),
        9,
        35,
    ),
    (
        "DEMO-0052",
        UC,
        "Nous voulons tester la nouvelle confirmation avec trois citoyens demain matin : "
        "comment les trouver aussi vite ?",
        datetime.time(15, 5),
        14,
        40,
    ),
    (
        "DEMO-0054",
        ST,
        "Onze uitnodiging begint nu met wat de kandidaat moet doen. Is dat te bruusk?",
        datetime.time(16, 20),
        6,
        25,
    ),
)
# Asked and taken minutes before loading: (whose team, skill, question, minutes since asked,
# minutes since taken). Marie takes it: storytelling is one of her strengths.
TAKEN_HELP = (
    "DEMO-0062",
    ST,
    "We hebben twee openingszinnen voor de weigeringsbrief. Welke leest een leverancier uit?",
    30,
    18,
)
# Waiting: (whose team, skill, question, minutes since asked).
WAITING_HELP = (
    (
        "DEMO-0030",
        IT,
        "Nous avons trois versions de la lettre. Comment choisir celle à tester en premier ?",
        45,
    ),
    (
        EMPLOYEE,
        DL,
        "Hoe meten we na de hackathon of de nieuwe herinnering minder telefoontjes oplevert?",
        15,
    ),
)
MENTOR_PERSONA = LINE_MANAGER

# --- the open sprint ---------------------------------------------------------------------------

SPRINT_EVENT = DemoEvent(
    title=SPRINT,
    kind=Kind.SPRINT,
    description="Five days to publish one of our data sets as open data, with the unit that "
    "keeps it: cleaned, documented and described so that others can reuse it.",
    starts_days_ago=-21,
    days=4,
    place="",
    online=True,
    required=(DL, IT),
    min_team_size=3,
    max_team_size=5,
    challenges=(
        DemoChallenge(
            "training",
            "BOSA-DGRH-DEV",
            "DEMO-0049",  # Femke Vermeulen
            "Onze opleidingscijfers als open data",
            "Iedereen vraagt ons hoeveel ambtenaren welke opleiding volgen. We antwoorden elke "
            "keer met een andere export.",
        ),
        DemoChallenge(
            "budget",
            "BOSA-DGBUD",
            "DEMO-0059",  # Hanne Goossens
            "De uitgaven per programma als open dataset",
            "De begroting staat online als pdf van driehonderd bladzijden: journalisten en "
            "onderzoekers tikken de cijfers over.",
        ),
    ),
    entrants=(
        DemoEntrant("DEMO-0026", ("nl", "en"), (DL, CU), (IT,), ("training", "budget")),
        DemoEntrant("DEMO-0028", ("fr", "en"), (DL, IT), (ST,), ("budget",)),
        DemoEntrant("DEMO-0031", ("nl", "en"), (IT, DL), (UC,), ("training",)),
        DemoEntrant("DEMO-0066", ("fr", "en"), (DL, ST), (IT,), ("budget", "training")),
        DemoEntrant("DEMO-0060", ("nl",), (UC, IT), (DL,), ("budget",)),
        DemoEntrant("DEMO-0055", ("fr", "en"), (CU, UC), (DL,), ("training", "budget")),
    ),
    mentors=(DemoMentor("DEMO-0072", ("nl", "fr"), (DL, IT), capacity=2),),  # Koen Janssens
)

# --- last spring's hackathon -------------------------------------------------------------------

SPRING_CHALLENGES = (
    DemoChallenge(
        "contact",
        "BOSA-DGDT-WEB",
        "DEMO-0015",  # Annelies De Smet
        "Het contactformulier in vijf vragen",
        "Ons contactformulier telt achttien velden; de helft van wie eraan begint, verstuurt "
        "het nooit.",
    ),
    DemoChallenge(
        "training",
        "BOSA-DGRH-DEV",
        "DEMO-0049",  # Femke Vermeulen
        "Inschrijven voor een opleiding in twee klikken",
        "Wie zich voor een opleiding inschrijft, vult drie formulieren in en wacht op de "
        "goedkeuring van twee mensen.",
    ),
    DemoChallenge(
        "dashboard",
        "BOSA-DGDT",
        "DEMO-0003",  # Sarah Denis
        "Un tableau de bord que la direction lit vraiment",
        "Notre rapport mensuel compte quarante pages et personne ne le lit jusqu'au bout.",
    ),
)
# The spring hackathon's people: the running hackathon's but its newcomers, and two more.
SPRING_EXTRA = (
    DemoEntrant("DEMO-0026", ("nl", "en"), (DL, CU), (IT,)),  # Bram Mertens
    DemoEntrant("DEMO-0056", ("nl", "fr"), (UC, ST), (DL,)),  # Pieter Claes
)
SPRING_MENTORS = (
    DemoMentor("DEMO-0024", ("nl", "en"), (DL, IT), capacity=2),  # Koen Peeters
    DemoMentor("DEMO-0007", ("fr", "nl", "en"), (UC, ST), capacity=2),  # Pauline Fontaine
    DemoMentor("DEMO-0040", ("fr", "en"), (ST, UC)),  # Céline Lambert
)
SPRING_KEYS = ("contact", "training", "dashboard")


def _spring_entrants() -> tuple[DemoEntrant, ...]:
    """Each ranks the three challenges in turn, first choice first; the group came alone then."""
    people = [e for e in RUNNING_ENTRANTS if e.who not in NEWCOMERS] + list(SPRING_EXTRA)
    entrants = []
    for number, entrant in enumerate(people):
        first = number % len(SPRING_KEYS)
        ranking = SPRING_KEYS[first:] + SPRING_KEYS[:first]
        entrants.append(
            DemoEntrant(
                entrant.who,
                entrant.languages,
                entrant.strengths,
                entrant.practise,
                ranking[: 1 + number % 2],
            )
        )
    return tuple(entrants)


def _last_spring() -> int:
    """Days since last spring's hackathon began: 21 April, this year's once it is well over."""
    today = timezone.localdate()
    started = datetime.date(today.year, 4, 21)
    if (today - started).days < 60:
        started = datetime.date(today.year - 1, 4, 21)
    return (today - started).days


def _spring_event() -> DemoEvent:
    return DemoEvent(
        title=SPRING,
        kind=Kind.HACKATHON,
        description="Two days to make one of our own procedures shorter, with the unit that "
        "runs it.",
        starts_days_ago=_last_spring(),
        days=1,
        place="Finance Tower, Brussel",
        online=False,
        required=(IT, UC),
        challenges=SPRING_CHALLENGES,
        entrants=_spring_entrants(),
        mentors=SPRING_MENTORS,
    )


# Whose result became an experiment card: the first team, in this order of challenges, that
# worked in its problem owner's language (the card is written in the team's language).
EXPERIMENT_CHALLENGES = ("contact", "training", "dashboard")
# What each team achieved, in its working language.
SPRING_RESULTS = {
    "contact": {
        "nl": "Een formulier van vijf vragen, getest met zes burgers: vijf verstuurden het "
        "zonder hulp. De andere velden vult de dienst zelf in uit het dossier.",
        "fr": "Un formulaire de cinq questions, testé avec six citoyens : cinq l'ont envoyé "
        "sans aide. Le service remplit lui-même les autres champs à partir du dossier.",
        "en": "A form of five questions, tested with six citizens: five sent it without help. "
        "The service fills in the other fields itself from the file.",
    },
    "training": {
        "nl": "Eén inschrijfpagina in plaats van drie formulieren; de leidinggevende keurt "
        "goed met één klik vanuit de mail. Een prototype is klaar om te testen.",
        "fr": "Une seule page d'inscription au lieu de trois formulaires ; le responsable "
        "approuve d'un clic depuis le courriel. Un prototype est prêt à être testé.",
        "en": "One sign-up page instead of three forms; the manager approves with one click "
        "from the e-mail. A prototype is ready to be tested.",
    },
    "dashboard": {
        "nl": "Eén bladzijde in plaats van veertig: vijf cijfers, hun verloop en per cijfer "
        "één zin over wat er te beslissen valt. De directeur las ze in de vergadering.",
        "fr": "Une page au lieu de quarante : cinq chiffres, leur évolution et une phrase "
        "par chiffre sur ce qu'il faut décider. La directrice l'a lue en réunion.",
        "en": "One page instead of forty: five figures, their trend and one sentence per "
        "figure on what to decide. The director read it in the meeting.",
    },
}
# What members wrote afterwards, by their language: what went well, what to change, next step.
RETROSPECTIVES = {
    "nl": (
        (
            "We hebben echt met burgers getest, niet alleen onder collega's gepraat.",
            "De eerste voormiddag gingen we te lang discussiëren.",
            "Ik test volgende maand een brief van mijn eigen dienst met drie mensen.",
        ),
        (
            "Mensen van vier diensten die elkaar niet kenden, en toch een resultaat.",
            "Sneller een eerste versie tonen, ook als ze lelijk is.",
            "Ik vraag de probleemeigenaar om een vervolgafspraak.",
        ),
    ),
    "fr": (
        (
            "L'équipe s'est tout de suite mise d'accord sur le problème à résoudre.",
            "Nous aurions dû parler plus tôt aux personnes qui utilisent le service.",
            "Je présente notre prototype à mon équipe la semaine prochaine.",
        ),
        (
            "Le mentor nous a aidés à couper ce qui n'était pas essentiel.",
            "Prévoir plus de temps pour tester.",
            "Je veux participer au prochain hackathon, avec deux collègues.",
        ),
    ),
}

# --- the draft -------------------------------------------------------------------------------

DRAFT_EVENT = DemoEvent(
    title=DRAFT,
    kind=Kind.HACKATHON,
    description="Two days to remove one form from a procedure: what does the service already "
    "know, and what does it still need to ask?",
    starts_days_ago=-90,
    days=1,
    place="WTC III, Brussel",
    online=False,
    required=(UC, INS),
    challenges=(
        DemoChallenge(
            "selection",
            "BOSA-DGRH-SEL",
            "DEMO-0039",  # Femke Goossens
            "Het kandidatenformulier dat niemand leest",
            "Kandidaten vullen gegevens in die we al uit hun cv halen.",
        ),
    ),
)


# --- the moments -------------------------------------------------------------------------------

# Every moment a service stamps as now, by model and field. The help queue's are set one by
# one (``_help_times``): they are minutes apart, not days.
STAMPS = (
    (Event, "created_at"),
    (EventEvent, "at"),
    (Challenge, "posted_at"),
    (Registration, "registered_at"),
    (Registration, "updated_at"),
    (EventMentor, "volunteered_at"),
    (Team, "published_at"),
    (TeamResult, "recorded_at"),
    (TeamResult, "updated_at"),
    (TeamRetrospective, "written_at"),
    (TeamRetrospective, "updated_at"),
    (Experiment, "created_at"),
    (Experiment, "updated_at"),
    (ExperimentEvent, "at"),
)


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def _at(days_ago: int, time: datetime.time = datetime.time(10, 0)) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(_day(days_ago), time))


@contextmanager
def _happened(days_ago: int) -> Iterator[None]:
    """What the services write inside the block happened ``days_ago`` days ago: the moments
    they stamped as now are set to that day."""
    started = timezone.now()
    yield
    moment = min(_at(days_ago), timezone.now())
    for model, field in STAMPS:
        model.objects.filter(**{f"{field}__gte": started}).update(**{field: moment})


# --- loading -----------------------------------------------------------------------------------


@transaction.atomic
def load_demo_events() -> Event | None:
    """The four demo events; returns the running hackathon."""
    hr = get_user_model().objects.filter(email=HR).first()
    instrument = active_instrument()
    if hr is None or instrument is None:
        return None
    spring = _spring_event()
    people = _people(spring)
    if EMPLOYEE not in people:
        return None
    skills = {c.slug: c for c in selectors.event_skill_choices()}
    _assess(people, instrument, spring)
    # Last spring's first: who took part then is no newcomer now.
    _load_spring(spring, people, hr, skills)
    running = _load_running(people, hr, skills)
    _load_sprint(people, hr, skills)
    _load_draft(people, hr, skills)
    return running


def _everyone(spring: DemoEvent) -> list[str]:
    """Everyone the demo names, in a fixed order (their tokens follow it)."""
    keys: list[str] = []
    for demo in (RUNNING_EVENT, SPRINT_EVENT, spring, DRAFT_EVENT):
        named = [c.owner for c in demo.challenges]
        named += [e.who for e in demo.entrants] + [m.who for m in demo.mentors]
        keys += [key for key in named if key not in keys]
    return keys


def _people(spring: DemoEvent) -> dict[str, object]:
    """Everyone the demo names, by persona address or external id; the missing are left out."""
    wanted = _everyone(spring)
    records = StaffRecord.objects.filter(user__is_active=True).select_related("user")
    people = {}
    for record in records.filter(external_id__in=wanted):
        people[record.external_id] = record.user
    for record in records.filter(user__email__in=wanted):
        people[record.user.email] = record.user
    return people


def _answers(instrument, strengths: tuple[str, ...], rng: random.Random) -> dict[str, int]:
    """Answers that make ``strengths`` the person's strongest skills, the rest middling."""
    scale = instrument.scale
    recipe = Scale(scale.minimum, scale.maximum)
    answers = {}
    for item in instrument.items.select_related("subscale__competency").order_by("position"):
        slug = item.subscale.competency.slug
        wanted = scale.maximum if slug in strengths else rng.choice((2, 3, 3))
        wanted = min(scale.maximum, max(scale.minimum, wanted))
        answers[item.code] = scored_value(wanted, reverse=item.reverse, scale=recipe)
    return answers


def _assess(people: dict, instrument, spring: DemoEvent) -> None:
    """Whoever brings strengths and has not taken the self-assessment takes it first: a
    strength must be a skill of one's own profile."""
    rng = random.Random(19)
    strengths: dict[str, tuple[str, ...]] = {}
    for demo in (RUNNING_EVENT, SPRINT_EVENT, spring):
        for offer in (*demo.entrants, *demo.mentors):
            strengths.setdefault(offer.who, offer.strengths)
    assessed = set(Assessment.objects.filter(status="submitted").values_list("owner_id", flat=True))
    for number, key in enumerate(_everyone(spring)):
        person = people.get(key)
        if person is None or key not in strengths or person.pk in assessed:
            continue
        self_assessment_submit(
            owner=person,
            instrument=instrument,
            answers=partial(_answers, instrument, strengths[key], rng),
            token=TOKEN_BASE + number,
        )


def _approved(person, slugs: tuple[str, ...]) -> list[Competency]:
    """The strengths the demo names that the person's own profile shows, in order."""
    allowed = {skill.slug: skill for skill in strength_choices(owner=person)}
    return [allowed[slug] for slug in slugs if slug in allowed]


def _create(demo: DemoEvent, hr, skills: dict) -> Event | None:
    """The event, as a draft; None if Hanne organises it already."""
    if Event.objects.filter(title=demo.title, organisers=hr).exists():
        return None
    starts_on = _day(demo.starts_days_ago)
    return services.event_create(
        kind=demo.kind,
        title=demo.title,
        description=demo.description,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=demo.days),
        place=demo.place,
        online=demo.online,
        languages=list(demo.languages),
        min_team_size=demo.min_team_size,
        max_team_size=demo.max_team_size,
        max_per_unit=demo.max_per_unit,
        required_skills=[skills[slug] for slug in demo.required if slug in skills],
        by=hr,
    )


def _post(demo: DemoEvent, event: Event, people: dict, *, by=None, opened: int) -> dict:
    """The challenges, each posted by its problem owner (or by ``by``, the organiser) over the
    days after ``opened``."""
    units = {u.code: u for u in Unit.objects.filter(code__in=[c.unit for c in demo.challenges])}
    challenges = {}
    for number, challenge in enumerate(demo.challenges):
        owner = people.get(challenge.owner)
        if owner is None or challenge.unit not in units:
            continue
        with _happened(max(opened - 1 - number // 2, 0)):
            challenges[challenge.key] = services.challenge_post(
                event=event,
                unit=units[challenge.unit],
                title=challenge.title,
                problem=challenge.problem,
                problem_owner=owner,
                by=by or owner,
            )
    return challenges


def _register(
    event: Event, entrant: DemoEntrant, person, challenges: dict, skills: dict
) -> Registration:
    return services.registration_submit(
        event=event,
        user=person,
        strengths=_approved(person, entrant.strengths),
        practise=[skills[slug] for slug in entrant.practise if slug in skills],
        challenges=[challenges[key] for key in entrant.ranking if key in challenges],
        languages=list(entrant.languages),
        mode=Mode.GROUP if entrant.group else Mode.FREE_AGENT,
        group_code=entrant.group,
    )


def _prepare(demo: DemoEvent, hr, skills: dict, people: dict, *, created: int, opened: int):
    """Created ``created`` days ago and opened ``opened`` days ago, when the units posted
    their challenges; the registrations and the mentors' offers come in over the weeks after,
    until a dozen days before the event. None if the event exists already."""
    with _happened(created):
        event = _create(demo, hr, skills)
    if event is None:
        return None
    with _happened(opened):
        services.event_move(event=event, to=Status.OPEN, by=hr)
    challenges = _post(demo, event, people, opened=opened)
    first, last = opened - 3, max(demo.starts_days_ago + 12, 1)
    count = max(len(demo.entrants), 1)
    for number, entrant in enumerate(demo.entrants):
        if entrant.who in people:
            with _happened(first - (number * max(first - last, 0)) // count):
                _register(event, entrant, people[entrant.who], challenges, skills)
    for number, mentor in enumerate(demo.mentors):
        if mentor.who in people:
            with _happened(max(opened - 10 - 3 * number, last)):
                services.mentor_volunteer(
                    event=event,
                    user=people[mentor.who],
                    strengths=_approved(people[mentor.who], mentor.strengths),
                    languages=list(mentor.languages),
                    capacity=mentor.capacity,
                )
    return event, challenges


def _teams_out(event: Event, hr, *, closed: int, proposed: int, published: int) -> list[Team]:
    """Registration closes, the organiser proposes the teams and publishes them."""
    with _happened(closed):
        services.event_move(event=event, to=Status.CLOSED, by=hr)
    with _happened(proposed):
        proposal = services.teams_propose(event=event, by=hr, limits=LIMITS)
    if proposal.infeasible is not None:
        raise RuntimeError(f"The demo event {event} has no teams: {proposal.infeasible}")
    with _happened(published):
        return services.teams_publish(event=event, by=hr)


def _load_running(people: dict, hr, skills: dict) -> Event | None:
    demo = RUNNING_EVENT
    prepared = _prepare(demo, hr, skills, people, created=45, opened=40)
    if prepared is None:
        return Event.objects.filter(title=demo.title, organisers=hr).first()
    event, _challenges = prepared
    _teams_out(event, hr, closed=7, proposed=6, published=5)
    _load_help_queue(event, people, skills)
    return event


def _help_times(request: HelpRequest, asked, taken=None, answered=None) -> None:
    """The request and its history at the moments it would have been asked, taken, answered."""
    HelpRequest.objects.filter(pk=request.pk).update(
        created_at=asked, taken_at=taken, answered_at=answered
    )
    moments = {HelpStatus.WAITING: asked, HelpStatus.TAKEN: taken, HelpStatus.ANSWERED: answered}
    for status, moment in moments.items():
        if moment is not None:
            HelpRequestEvent.objects.filter(request=request, to_status=status).update(at=moment)


def _ask(event: Event, people: dict, skills: dict, key: str, skill: str, question: str):
    person = people.get(key)
    team = selectors.published_team_of(user=person, event=event) if person else None
    if team is None or skill not in skills:
        return None
    return services.help_request_post(team=team, question=question, skill=skills[skill], by=person)


def _load_help_queue(event: Event, people: dict, skills: dict) -> None:
    """Three questions answered yesterday, one Marie took, two waiting (one of them Eva's).
    Each is asked and pulled before the next is asked, so that a pull takes the one meant."""
    mentors = [people[m.who] for m in RUNNING_MENTORS if m.who in people]
    now = timezone.now()
    for number, (key, skill, question, clock, to_taken, to_answered) in enumerate(ANSWERED_HELP):
        request = _ask(event, people, skills, key, skill, question)
        if request is None or not mentors:
            continue
        mentor = mentors[number % len(mentors)]
        taken = services.help_request_pull(mentor_user=mentor, event=event)
        answered = services.help_request_answer(request=taken, by=mentor)
        asked_at = min(_at(1, clock), now)
        taken_at = asked_at + datetime.timedelta(minutes=to_taken)
        _help_times(
            answered, asked_at, taken_at, taken_at + datetime.timedelta(minutes=to_answered)
        )
    key, skill, question, asked_ago, taken_ago = TAKEN_HELP
    request = _ask(event, people, skills, key, skill, question)
    marie = people.get(MENTOR_PERSONA)
    if request is not None and marie is not None:
        taken = services.help_request_pull(mentor_user=marie, event=event)
        _help_times(
            taken,
            now - datetime.timedelta(minutes=asked_ago),
            now - datetime.timedelta(minutes=taken_ago),
        )
    for key, skill, question, asked_ago in WAITING_HELP:
        request = _ask(event, people, skills, key, skill, question)
        if request is not None:
            _help_times(request, now - datetime.timedelta(minutes=asked_ago))


def _load_sprint(people: dict, hr, skills: dict) -> None:
    _prepare(SPRINT_EVENT, hr, skills, people, created=10, opened=8)


def _load_draft(people: dict, hr, skills: dict) -> None:
    """A draft: Hanne posts its first challenge herself, for the unit that brought it."""
    with _happened(3):
        event = _create(DRAFT_EVENT, hr, skills)
    if event is not None:
        _post(DRAFT_EVENT, event, people, by=hr, opened=2)


def _taken_further(teams: list[Team], challenges: dict) -> Team | None:
    """The team whose result its problem owner takes further (EXPERIMENT_CHALLENGES)."""
    ordered = [
        team
        for key in EXPERIMENT_CHALLENGES
        if key in challenges
        for team in teams
        if team.challenge_id == challenges[key].pk and team.challenge.problem_owner is not None
    ]
    return next(
        (t for t in ordered if t.working_language == t.challenge.problem_owner.preferred_language),
        next(iter(ordered), None),
    )


def _load_spring(demo: DemoEvent, people: dict, hr, skills: dict) -> None:
    """Last spring: teams published, every team's result recorded on the last day, the event
    finished, one result taken further as an experiment card, the retrospectives written."""
    start = demo.starts_days_ago
    prepared = _prepare(demo, hr, skills, people, created=start + 60, opened=start + 50)
    if prepared is None:
        return
    event, challenges = prepared
    teams = _teams_out(event, hr, closed=start + 10, proposed=start + 8, published=start + 6)
    last_day = start - demo.days
    key_of = {challenge.pk: key for key, challenge in challenges.items()}
    results = {}
    for team in teams:
        first = selectors.members_of(team=team).order_by("pk").first()
        texts = SPRING_RESULTS[key_of[team.challenge_id]]
        with _happened(last_day):
            results[team.pk] = services.result_record(
                team=team,
                summary=texts.get(team.working_language, texts["en"]),
                by=first.registration.user,
            )
    with _happened(last_day):
        services.event_move(event=event, to=Status.FINISHED, by=hr)
    further = _taken_further(teams, challenges)
    if further is not None:
        owner = further.challenge.problem_owner
        with _happened(last_day - 3):
            services.result_to_experiment(result=results[further.pk], owner=owner, by=owner)
    for team in teams:
        team.refresh_from_db()
        # Every member but the last wrote one: most do, not all.
        members = list(selectors.members_of(team=team).order_by("pk"))
        for number, member in enumerate(members[:-1]):
            author = member.registration.user
            texts = RETROSPECTIVES.get(author.preferred_language, RETROSPECTIVES["nl"])
            went_well, to_change, next_step = texts[number % len(texts)]
            with _happened(max(last_day - 1 - number, 1)):
                services.retrospective_write(
                    team=team,
                    went_well=went_well,
                    to_change=to_change,
                    next_step=next_step,
                    by=author,
                )
