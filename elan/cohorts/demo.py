# SPDX-License-Identifier: EUPL-1.2
"""The demo fellowship cohorts for ``manage.py demo_data``, in BOSA, organised by Hanne Janssens
(hr@elan.example):

- **Fellowship: innoveren over de muren heen**, running: it started about three months ago and
  ends in about three. Ten colleagues of BOSA's three directorates (digital transformation,
  HR, budget) meet once a month, never more than three of one unit; Eva Peeters
  (employee@elan.example) is one of them, with two Nido colleagues. Six sessions: three behind
  them (a kick-off at WTC III, one online, one at the Finance Tower that could also be followed
  online), three to come, the next one in a week or so. On the shared board each member has one
  piece of work, three exploring, four trying, three learned. Eva's is her A/B test of the
  telework-allowance letter, linked to her experiment card; François Fontaine links his scaled
  pilot of reply templates read by citizens, Hugo Lambert his standing meetings, a card he
  shares with his team only: the cohort sees its title, owner and status, and only his Nido
  colleagues open it. After each past session most members wrote a retrospective, in Dutch or
  French, their language; Eva skipped the kick-off and wrote one after the second and the third.
  Eva's line manager Marie Dubois (manager@elan.example) and team lead Tom Claes
  (teamlead@elan.example) are not in it: to them the cohort does not exist.
- **Fellowship: innoveren over de muren heen – tweede lichting**, a draft Hanne is preparing
  for next autumn: its kick-off is planned and two colleagues are on it already, but only its
  organiser sees it until it starts.

Everything goes through the services people use (the board checks that a linked card is its
member's own); the moments they stamp are then set to when they would have happened, as the
other demo loaders do. Deterministic (the people are picked by unit and place in
``demo_colleagues``, the cards by the titles the experiments' demo gives them) and safe to run
again: a cohort whose title Hanne organises already gets nothing new.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.cohorts import selectors, services
from elan.cohorts.constants import Column, Status
from elan.cohorts.models import (
    BoardItem,
    Cohort,
    CohortEvent,
    CohortMember,
    CohortSession,
    SessionRetrospective,
)
from elan.experiments.demo import COLLEAGUE_EXPERIMENTS, EVA_LETTER
from elan.organisations.demo import demo_colleagues

EMPLOYEE = "employee@elan.example"
HR = "hr@elan.example"

RUNNING = "Fellowship: innoveren over de muren heen"
DRAFT = "Fellowship: innoveren over de muren heen – tweede lichting"

NIDO = "BOSA-DGDT-NIDO"


def _card_of_colleague(index: int) -> str:
    """The title of the card the experiments' demo gives Nido's colleague number ``index``."""
    return next((demo.title for number, demo in COLLEAGUE_EXPERIMENTS if number == index), "")


@dataclass(frozen=True)
class DemoItem:
    """A member's piece of work on the board: put there ``created`` days ago, exploring, and
    moved to ``column`` ``moved`` days ago (with the card linked then, if any)."""

    title: str
    work: str
    column: str
    next_step: str
    created: int
    moved: int | None = None
    experiment: str = ""  # the title of one of the member's own cards


@dataclass(frozen=True)
class DemoMember:
    """``who`` is a persona's address, or a unit's code with ``index`` the place in that unit's
    ``demo_colleagues``; ``wrote`` the past sessions (1 to 3) they looked back on."""

    who: str
    item: DemoItem
    index: int = 0
    wrote: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class DemoSession:
    title: str
    days: int  # from today, moved on to the Thursday after; negative: in the past
    start: datetime.time
    hours: float
    place: str
    online: bool
    agenda: str


# --- the running cohort ------------------------------------------------------------------------

RUNNING_DESCRIPTION = (
    "Zes maanden lang, één sessie per maand, leren collega's uit alle directies van BOSA samen "
    "innoveren. De deelnemers brengen elk een vraag uit hun dienst mee, zetten wat ze proberen "
    "op het gedeelde bord en koppelen er hun experimentkaart aan zodra ze testen. Na elke "
    "sessie kijkt iedereen in een paar zinnen terug.\n\n"
    "Pendant six mois, une session par mois, des collègues de toutes les directions du BOSA "
    "apprennent ensemble à innover."
)

SESSIONS = (
    DemoSession(
        "Aftrap: wat willen we leren?",
        -84,
        datetime.time(9, 30),
        3,
        "WTC III, Brussel",
        False,
        "Kennismaking in duo's uit verschillende directies; elk brengt één vraag uit de eigen "
        "dienst mee; afspraken over het bord en de terugblikken.",
    ),
    DemoSession(
        "Luisteren naar wie onze dienst gebruikt",
        -56,
        datetime.time(13, 30),
        2,
        "",
        True,
        "Interviewtechnieken, met een oefening in duo's; elk plant drie gesprekken met "
        "gebruikers tegen de volgende sessie.",
    ),
    DemoSession(
        "Klein testen: van vraag naar experimentkaart",
        -28,
        datetime.time(9, 30),
        3,
        "Finance Tower, Brussel",
        True,
        "Een succes- en een stopcriterium schrijven; elk zet een eerste test op een kaart; "
        "François vertelt hoe hij zijn antwoordmodellen liet nalezen door burgers.",
    ),
    DemoSession(
        "Halfweg: wat werkt, wat niet",
        7,
        datetime.time(9, 30),
        3,
        "WTC III, Brussel",
        False,
        "Iedereen toont zijn werk op het bord in drie minuten; wat we leren van de tests die "
        "mislukten; wie kan wie helpen?",
    ),
    DemoSession(
        "Cijfers die een verhaal vertellen",
        35,
        datetime.time(13, 30),
        2,
        "",
        True,
        "Het resultaat van een kleine test lezen: één cijfer, één zin, één beslissing; oefenen "
        "met de eigen gegevens.",
    ),
    DemoSession(
        "Slotsessie: wat nemen we mee?",
        63,
        datetime.time(13, 30),
        3.5,
        "WTC III, Brussel",
        False,
        "Iedereen vertelt wat hij of zij leerde en wat de dienst ermee doet; de lessen voor "
        "de volgende lichting; afsluitende receptie.",
    ),
)
# The cohort ends this many days after its last session.
ENDS_AFTER_LAST_SESSION = 28

MEMBERS = (
    DemoMember(
        EMPLOYEE,
        DemoItem(
            "Een brief die zegt wat je moet doen",
            "Na de brief over de telewerkvergoeding belt een op drie aanvragers ons. Ik test "
            "een korte versie met een stappenlijst tegen de huidige brief.",
            Column.TRYING,
            "De korte brief naar de aanvragers van een derde FOD sturen en tellen hoeveel "
            "aanvragen volledig binnenkomen.",
            created=74,
            moved=20,
            experiment=EVA_LETTER.title,
        ),
        wrote=(2, 3),
    ),
    DemoMember(
        NIDO,
        DemoItem(
            "Des réponses types relues par des citoyens",
            "Nos réponses aux courriels des citoyens étaient longues et juridiques. Cinq "
            "modèles réécrits et relus par cinq citoyens ont été testés au guichet des pensions.",
            Column.LEARNED,
            "Présenter la méthode aux autres guichets du SPF à la session de mi-parcours.",
            created=74,
            moved=18,
            experiment=_card_of_colleague(8),
        ),
        index=8,  # François Fontaine
    ),
    DemoMember(
        NIDO,
        DemoItem(
            "Des réunions d'équipe plus courtes",
            "Trois réunions debout de quinze minutes par semaine au lieu d'une heure le lundi.",
            Column.TRYING,
            "Demander à l'équipe, en fin de mois, si chacun sait ce que font les autres.",
            created=60,
            moved=24,
            experiment=_card_of_colleague(7),
        ),
        index=7,  # Hugo Lambert
    ),
    DemoMember(
        "BOSA-DGDT-WEB",
        DemoItem(
            "Une aide en ligne que les gens trouvent",
            "Les citoyens cherchent l'aide sur notre site avec des mots que nous n'utilisons "
            "pas. J'analyse les recherches faites sur le site pour comprendre leurs mots.",
            Column.EXPLORING,
            "Lister les vingt recherches les plus fréquentes qui ne donnent aucun résultat.",
            created=50,
        ),
        index=1,  # Pauline Renard
        wrote=(1, 3),
    ),
    DemoMember(
        "BOSA-DGDT-DATA",
        DemoItem(
            "Dashboards die iemand opent",
            "We onderhouden twaalf dashboards; de statistieken tonen dat er drie geopend worden. "
            "Een maand lang vervang ik één dashboard door een wekelijkse mail met drie cijfers.",
            Column.TRYING,
            "Er een experimentkaart van maken, en na vier weken vragen wie de mail las en wat "
            "hij ermee deed.",
            created=70,
            moved=30,
        ),
        index=1,  # Koen Peeters
        wrote=(1, 2),
    ),
    DemoMember(
        "BOSA-DGRH",
        DemoItem(
            "Wat een nieuwe collega de eerste week echt nodig heeft",
            "Nieuwe collega's krijgen op hun eerste dag elf documenten. Ik praat met vijf "
            "collega's die dit jaar begonnen over wat ze echt nodig hadden.",
            Column.EXPLORING,
            "De gesprekken samenvatten in drie vaststellingen voor de sessie van halfweg.",
            created=70,
        ),
        index=4,  # Lien Maes
        wrote=(1, 2),
    ),
    DemoMember(
        "BOSA-DGRH-SEL",
        DemoItem(
            "Des candidats qui savent à quoi s'attendre",
            "Nous avons envoyé aux candidats une vidéo de deux minutes sur le déroulement de "
            "l'épreuve. Les appels ont diminué de moitié, mais la plupart ne regardent que la "
            "fin.",
            Column.LEARNED,
            "Raccourcir la vidéo et commencer par ce que les candidats doivent apporter.",
            created=76,
            moved=12,
        ),
        index=1,  # Céline Lambert
        wrote=(1, 2),
    ),
    DemoMember(
        "BOSA-DGRH-DEV",
        DemoItem(
            "Opleidingen die blijven hangen",
            "Na een opleiding krijgen de deelnemers drie weken lang één vraag per week over wat "
            "ze ervan toegepast hebben.",
            Column.TRYING,
            "De antwoorden vergelijken met die van een groep die geen wekelijkse vraag kreeg.",
            created=68,
            moved=35,
        ),
        index=7,  # Pieter Claes
    ),
    DemoMember(
        "BOSA-DGBUD",
        DemoItem(
            "Een begrotingsnota op één bladzijde",
            "Onze begrotingsnota's tellen twintig bladzijden; wie beslist, leest de samenvatting "
            "en belt ons voor de rest.",
            Column.EXPLORING,
            "Met twee mensen die beslissen praten over wat zij in een nota zoeken.",
            created=55,
        ),
        index=4,  # Ine Peeters
        wrote=(1, 3),
    ),
    DemoMember(
        "BOSA-DGBUD-CTRL",
        DemoItem(
            "Moins de pièces justificatives",
            "Nous demandions cinq pièces justificatives pour chaque note de frais. Pendant un "
            "mois, nous n'en avons demandé que deux et contrôlé le reste par échantillon : pas "
            "une erreur de plus, et trois jours de traitement en moins.",
            Column.LEARNED,
            "Présenter les chiffres au comité de direction pour changer la règle.",
            created=76,
            moved=15,
        ),
        index=1,  # Mathieu Collard
        wrote=(2, 3),
    ),
)

# What members wrote after each past session, by language: what went well, what to change,
# their next step. Each writer takes the next one of their language.
RETROSPECTIVES: dict[int, dict[str, tuple[tuple[str, str, str], ...]]] = {
    1: {
        "nl": (
            (
                "Mensen uit zes directies die elkaar niet kenden, en na een uur praatten we "
                "over dezelfde problemen.",
                "De voorstellingsronde duurde te lang.",
                "Mijn vraag scherper maken: wat wil ik over een maand weten?",
            ),
            (
                "Het gesprek in duo's: mijn duo zag meteen wat ik over het hoofd zag.",
                "Een voorbeeld van een goed item op het bord had geholpen.",
                "Mijn eerste item op het bord zetten deze week.",
            ),
            (
                "Dat iedereen een echte vraag uit de eigen dienst meebracht.",
                "Meer pauze tussen de oefeningen.",
                "Mijn diensthoofd vertellen waar ik aan werk.",
            ),
        ),
        "fr": (
            (
                "Rencontrer des collègues d'autres directions avec les mêmes problèmes que nous.",
                "Trop de temps sur la présentation du programme.",
                "Noter ma question sur le tableau avant la fin de la semaine.",
            ),
            (
                "Le travail en duo : on m'a posé les bonnes questions.",
                "Prévoir une salle plus calme pour les duos.",
                "Parler de mon sujet à deux collègues de mon service.",
            ),
            (
                "L'ambiance : personne n'avait peur de dire ce qui ne marche pas chez lui.",
                "Savoir plus tôt ce qu'on attend de nous entre les sessions.",
                "Choisir une seule question au lieu de trois.",
            ),
        ),
    },
    2: {
        "nl": (
            (
                "De oefeninterviews: ik merkte hoe vaak ik zelf het antwoord voorzeg.",
                "Online is een oefening in duo's moeilijker; de breakout rooms liepen vast.",
                "Drie gesprekken plannen met mensen die onze dienst gebruiken.",
            ),
            (
                "Korte sessie, concreet: ik kon de volgende dag al een gesprek voeren.",
                "Een lijst met goede openingsvragen zou helpen.",
                "Mijn gesprekken samenvatten op het bord.",
            ),
        ),
        "fr": (
            (
                "Les exemples de vraies questions d'entretien, bonnes et mauvaises.",
                "Deux heures en ligne, c'est long sans pause.",
                "Mener trois entretiens avant la prochaine session.",
            ),
            (
                "J'ai compris pourquoi nos usagers ne lisent pas nos courriers.",
                "Plus de temps pour s'exercer, moins d'explications.",
                "Demander à l'accueil de me présenter deux usagers.",
            ),
            (
                "Les retours de mon binôme sur ma façon de poser les questions.",
                "La connexion a coupé deux fois.",
                "Écrire ce que j'ai appris sur le tableau.",
            ),
        ),
    },
    3: {
        "nl": (
            (
                "Eindelijk een stopcriterium: ik weet nu wanneer ik ophoud.",
                "Sommigen volgden online en hoorden de zaal slecht.",
                "Mijn test op een experimentkaart zetten en aan het bord koppelen.",
            ),
        ),
        "fr": (
            (
                "L'exemple de François : un test simple, des chiffres clairs.",
                "Le mode hybride : on entendait mal ceux qui suivaient en ligne.",
                "Écrire ma carte d'expérience avec un critère de succès chiffré.",
            ),
            (
                "Voir que d'autres ont échoué avant de réussir.",
                "Commencer par les cartes des participants plutôt que par la théorie.",
                "Tester ma nouvelle version avec cinq personnes.",
            ),
            (
                "Une méthode que je peux appliquer dans mon équipe dès lundi.",
                "Envoyer les exemples de cartes avant la session.",
                "Présenter mon test à mon chef de service.",
            ),
        ),
    },
}
# Eva's own, about her letter test.
EVA_RETROSPECTIVES = {
    2: (
        "Het oefeninterview: ik merkte dat ik aanvragers nooit vraag wat ze na de brief doen.",
        "Online werkt de oefening in duo's minder goed.",
        "Drie aanvragers bellen die ons na de brief belden, en vragen wat er onduidelijk was.",
    ),
    3: (
        "Mijn test met twee brieven staat nu op een kaart, met een succes- en een stopcriterium.",
        "Ik had de kaart al voor de sessie willen schrijven, niet erna.",
        "De eerste ronde van de test starten en de telefoontjes per versie tellen.",
    ),
}

# --- the draft ---------------------------------------------------------------------------------

DRAFT_DESCRIPTION = (
    "De tweede lichting van de fellowship: opnieuw zes maanden, met de lessen van de eerste. "
    "In voorbereiding: het programma en de deelnemers zijn nog niet rond."
)
# The draft starts next autumn (on the Thursday after), runs for half a year.
DRAFT_STARTS_IN_DAYS = 280
DRAFT_DAYS = 182
DRAFT_KICK_OFF = DemoSession(
    "Aftrap van de tweede lichting",
    DRAFT_STARTS_IN_DAYS,
    datetime.time(9, 30),
    3,
    "WTC III, Brussel",
    False,
    "Kennismaking; de deelnemers van de eerste lichting vertellen wat ze leerden.",
)
# Two colleagues Hanne put on it already: (unit, place in ``demo_colleagues``).
DRAFT_MEMBERS = (
    (NIDO, 3),  # Nele Peeters
    ("BOSA-DGRH-DEV", 9),  # Sarah Simon
)


# --- the moments -------------------------------------------------------------------------------

# Every moment a service stamps as now, by model and field.
STAMPS = (
    (Cohort, "created_at"),
    (CohortEvent, "at"),
    (CohortMember, "joined_at"),
    (BoardItem, "created_at"),
    (BoardItem, "updated_at"),
    (SessionRetrospective, "written_at"),
    (SessionRetrospective, "updated_at"),
)


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def _at(days_ago: int, time: datetime.time = datetime.time(10, 0)) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(_day(days_ago), time))


@contextmanager
def _happened(days_ago: int, time: datetime.time = datetime.time(10, 0)) -> Iterator[None]:
    """What the services write inside the block happened ``days_ago`` days ago: the moments
    they stamped as now are set to that day."""
    started = timezone.now()
    yield
    moment = min(_at(days_ago, time), timezone.now())
    for model, field in STAMPS:
        model.objects.filter(**{f"{field}__gte": started}).update(**{field: moment})


def _thursday(days_from_today: int) -> datetime.date:
    """The Thursday on or after the day ``days_from_today`` days from today."""
    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return day + datetime.timedelta(days=(3 - day.weekday()) % 7)


def _days_ago(day: datetime.date) -> int:
    return (timezone.localdate() - day).days


# --- loading -----------------------------------------------------------------------------------


@transaction.atomic
def load_demo_cohorts() -> Cohort | None:
    """The two demo cohorts; returns the running one."""
    users = get_user_model().objects
    hr = users.filter(email=HR).first()
    eva = users.filter(email=EMPLOYEE, is_active=True).first()
    if hr is None or eva is None:
        return None
    running = _load_running(hr, eva)
    _load_draft(hr)
    return running


def _person(who: str, index: int, eva):
    if who == EMPLOYEE:
        return eva
    colleagues = demo_colleagues(unit__code=who)
    return colleagues[index] if index < len(colleagues) else None


def _existing(title: str, hr) -> Cohort | None:
    return Cohort.objects.filter(title=title, organisers=hr).first()


def _load_running(hr, eva) -> Cohort:
    existing = _existing(RUNNING, hr)
    if existing is not None:
        return existing
    days = [_thursday(session.days) for session in SESSIONS]
    starts_on = days[0]
    with _happened(_days_ago(starts_on) + 35):
        cohort = services.cohort_create(
            title=RUNNING,
            description=RUNNING_DESCRIPTION,
            starts_on=starts_on,
            ends_on=days[-1] + datetime.timedelta(days=ENDS_AFTER_LAST_SESSION),
            by=hr,
        )
    members = [(member, _person(member.who, member.index, eva)) for member in MEMBERS]
    members = [(member, person) for member, person in members if person is not None]
    for number, (_member, person) in enumerate(members):
        # Hanne adds them over the weeks after she created the cohort.
        with _happened(_days_ago(starts_on) + 30 - 2 * number):
            services.member_add(cohort=cohort, email=person.email, by=hr)
    sessions = []
    for session, day in zip(SESSIONS, days, strict=True):
        with _happened(_days_ago(starts_on) + 10):
            sessions.append(_session_add(cohort, session, day, hr))
    with _happened(_days_ago(starts_on), datetime.time(9, 0)):
        services.cohort_move(cohort=cohort, to=Status.RUNNING, by=hr)
    for member, person in members:
        _board_item(cohort, member.item, person)
    _retrospectives(sessions, members)
    return cohort


def _session_add(cohort: Cohort, session: DemoSession, day: datetime.date, by) -> CohortSession:
    starts_at = timezone.make_aware(datetime.datetime.combine(day, session.start))
    return services.session_add(
        cohort=cohort,
        title=session.title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=session.hours),
        place=session.place,
        online=session.online,
        agenda=session.agenda,
        by=by,
    )


def _board_item(cohort: Cohort, demo: DemoItem, owner) -> BoardItem:
    """Put on the board exploring, then moved to where it stands now, the card linked then;
    the service checks that the card is the member's own."""
    experiment = None
    if demo.experiment:
        experiment = (
            selectors.linkable_experiments(owner=owner).filter(title=demo.experiment).first()
        )
    fields = {"title": demo.title, "work": demo.work, "next_step": demo.next_step}
    if demo.moved is None:
        with _happened(demo.created, datetime.time(16, 0)):
            return services.board_item_save(
                cohort=cohort, owner=owner, column=demo.column, experiment=experiment, **fields
            )
    with _happened(demo.created, datetime.time(16, 0)):
        item = services.board_item_save(
            cohort=cohort, owner=owner, column=Column.EXPLORING, **fields
        )
    with _happened(demo.moved, datetime.time(11, 0)):
        return services.board_item_save(
            cohort=cohort,
            owner=owner,
            column=demo.column,
            experiment=experiment,
            # As the edit page reads it: the moment it was put on the board is the one above.
            item=BoardItem.objects.get(pk=item.pk),
            **fields,
        )


def _retrospectives(sessions: list[CohortSession], members: list) -> None:
    """After each past session, most members look back, a day to three days later."""
    today = timezone.localdate()
    past = [s for s in sessions if timezone.localtime(s.starts_at).date() < today]
    for number, session in enumerate(past, start=1):
        held = timezone.localtime(session.starts_at).date()
        taken = {"nl": 0, "fr": 0}
        for place, (member, person) in enumerate(members):
            if number not in member.wrote:
                continue
            language = person.preferred_language if person.preferred_language == "fr" else "nl"
            if person.email == EMPLOYEE and number in EVA_RETROSPECTIVES:
                went_well, to_change, next_step = EVA_RETROSPECTIVES[number]
            else:
                texts = RETROSPECTIVES[number][language]
                went_well, to_change, next_step = texts[taken[language] % len(texts)]
                taken[language] += 1
            written = max(_days_ago(held) - 1 - place % 3, 0)
            with _happened(written, datetime.time(17, 0)):
                services.retrospective_write(
                    session=session,
                    author=person,
                    went_well=went_well,
                    to_change=to_change,
                    next_step=next_step,
                )


def _load_draft(hr) -> Cohort | None:
    """Next autumn's cohort, in preparation: created a week ago, its kick-off planned and two
    colleagues on it, who do not see it until it starts."""
    if _existing(DRAFT, hr) is not None:
        return None
    starts_on = _thursday(DRAFT_STARTS_IN_DAYS)
    with _happened(7):
        cohort = services.cohort_create(
            title=DRAFT,
            description=DRAFT_DESCRIPTION,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=DRAFT_DAYS),
            by=hr,
        )
    with _happened(6):
        _session_add(cohort, DRAFT_KICK_OFF, starts_on, hr)
    for number, (unit, index) in enumerate(DRAFT_MEMBERS):
        colleagues = demo_colleagues(unit__code=unit)
        if index < len(colleagues):
            with _happened(5 - number):
                services.member_add(cohort=cohort, email=colleagues[index].email, by=hr)
    return cohort
