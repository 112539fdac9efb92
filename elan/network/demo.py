# SPDX-License-Identifier: EUPL-1.2
"""The demo learning network for ``manage.py demo_data``, in BOSA, organised by Hanne Janssens
(hr@elan.example):

- **Network profiles** of about forty people across BOSA's directorates, in Dutch, French,
  German and English, some of them mentors of one to three mentees. Their strengths are skills
  of their own self-assessment profile; those who had not taken the self-assessment take it
  first, as anyone must before showing a strength.
- **The innovation fellowship** (organiser matches, running for about a hundred days, across
  departments preferred, a shared working language): matched at once and published. Eva Peeters
  (employee@elan.example) asked for Sofie De Smet of management control first; both accepted,
  they logged two meetings and their midpoint check-in. Most other pairs are accepted; a mentor
  declined a week ago and his mentee was matched again with a free place at once, waiting for the
  new mentor's answer. Niklas Lentz works in German only, and no mentor of the programme speaks
  it: he is left unmatched, and the organiser's page says why and what would change it.
- **The data literacy circle** of DG Digital Transformation (mentees choose, open for sign-up,
  starting in two weeks): three mentors, among them the team lead Tom Claes
  (teamlead@elan.example), who has a request from the web team to answer; a Nido colleague's
  request already accepted; another Nido colleague signed up and choosing.
- **Last year's programme across the walls**, closed: its pairs ended and fifteen of its sixteen
  people answered the anonymous end survey. The organiser sees the whole programme's figures
  and DG Digital Transformation's (seven answers); DG Recruitment and Development's two are too
  few, and the guard hides DG Budget's too, which next to the whole programme would give the
  two away.
- **Peer help**: a colleague of the training service asked Eva, through "Who can help me
  with …?", about storytelling, one of the strengths she shows.

Everything goes through the services people use; the moments they stamp are then set to when
they would have happened, as the other demo loaders do. Deterministic and safe to run again: a
person who has a network profile keeps it, a programme whose title exists gets nothing new,
and an introduction is not sent twice.
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
from elan.network import selectors, services
from elan.network.constants import (
    Availability,
    CheckInKind,
    Department,
    MatchStatus,
    Mode,
    ProgrammeStatus,
    Progress,
    Role,
)
from elan.network.models import (
    CheckIn,
    Introduction,
    Match,
    MatchEvent,
    Meeting,
    NetworkProfile,
    Participant,
    ProfileStrength,
    Programme,
    ProgrammeEvent,
    SurveyResponse,
)
from elan.organisations.models import StaffRecord, Unit
from elan.skills.models import Competency

EMPLOYEE = "employee@elan.example"
TEAM_LEAD = "teamlead@elan.example"
HR = "hr@elan.example"
ORGANISATION = "BOSA"
DIRECTORATE = "BOSA-DGDT"

FELLOWSHIP = "Innovatiefellowship"
CIRCLE = "Leerkring datageletterdheid"
EARLIER = "Mentorprogramma over de muren heen"

# The fellowship started this many days ago and runs for half a year: its midpoint is past.
FELLOWSHIP_STARTED_DAYS_AGO = 100
FELLOWSHIP_DAYS = 180
# The circle opens for sign-up now and starts in two weeks.
CIRCLE_STARTS_IN_DAYS = 14
CIRCLE_DAYS = 120
# Last year's programme ran from this many days ago to that many.
EARLIER_STARTED_DAYS_AGO = 330
EARLIER_ENDED_DAYS_AGO = 150
# Far from the other loaders' tokens (130,000 and up for the team mixes).
TOKEN_BASE = 180_000

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
class DemoProfile:
    """A person's profile: ``who`` is a persona's address or a staff record's external id."""

    who: str
    languages: tuple[str, ...]
    wishes: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    capacity: int = 0  # a mentor's; 0 for someone who does not mentor
    sentence: str = ""
    availability: str = Availability.MONTHLY


PROFILES: tuple[DemoProfile, ...] = (
    # --- the personas ---
    DemoProfile(
        EMPLOYEE,
        ("nl", "fr", "en"),
        wishes=(DL, INS),
        strengths=(ST, UC),
        sentence="Ik wil leren met cijfers te beoordelen of een test werkt, en durven "
        "tegenspreken als iets niet werkt.",
    ),
    DemoProfile(
        TEAM_LEAD,
        ("nl", "fr", "en"),
        strengths=(DL, IT),
        capacity=2,
        sentence="Ik wil beter leren luisteren naar de mensen die onze diensten gebruiken.",
        wishes=(UC,),
    ),
    # --- the fellowship's mentors ---
    DemoProfile("DEMO-0065", ("nl", "fr", "en"), strengths=(DL, IT), capacity=2),  # Sofie De Smet
    DemoProfile("DEMO-0066", ("fr", "en"), strengths=(DL, ST), capacity=2),  # Mathieu Collard
    DemoProfile("DEMO-0061", ("nl", "en"), strengths=(DL, INS), capacity=1),  # Bram Jacobs
    DemoProfile("DEMO-0037", ("nl", "fr"), strengths=(ST, INS), capacity=3),  # Lien Maes
    DemoProfile("DEMO-0040", ("fr", "en"), strengths=(ST, UC), capacity=1),  # Céline Lambert
    DemoProfile("DEMO-0049", ("nl", "en"), strengths=(CU, IT), capacity=2),  # Femke Vermeulen
    DemoProfile("DEMO-0005", ("nl", "fr"), strengths=(INS, UC), capacity=1),  # Jan De Smet
    DemoProfile("DEMO-0017", ("nl", "en"), strengths=(UC, IT), capacity=1),  # Femke Hermans
    # --- the fellowship's mentees ---
    DemoProfile(
        "DEMO-0011",  # Nele Peeters
        ("nl", "en"),
        wishes=(DL, ST),
        strengths=(UC,),
        sentence="Ik wil onze cijfers leren lezen en er een verhaal mee vertellen.",
    ),
    DemoProfile(
        "DEMO-0304",  # Maxime Gérard
        ("fr",),
        wishes=(INS, DL),
        strengths=(ST,),
        sentence="J'aimerais oser remettre en question nos habitudes, avec des arguments.",
    ),
    DemoProfile(
        "DEMO-0016",  # Pauline Renard
        ("fr", "en"),
        wishes=(ST, DL),
        strengths=(UC,),
        sentence="Je voudrais présenter nos projets web de façon plus convaincante.",
    ),
    DemoProfile("DEMO-0029", ("nl", "en"), wishes=(INS, ST), strengths=(UC,)),  # Sofie Goossens
    DemoProfile("DEMO-0058", ("fr", "en"), wishes=(DL, INS), strengths=(UC,)),  # Sarah Simon
    DemoProfile("DEMO-0041", ("nl",), wishes=(IT, DL)),  # Wout Hermans
    DemoProfile("DEMO-0069", ("nl", "fr"), wishes=(ST, UC)),  # Lien Van den Bossche
    DemoProfile("DEMO-0071", ("fr",), wishes=(UC, IT)),  # Nicolas Simon
    DemoProfile("DEMO-0053", ("nl",), wishes=(DL, IT), strengths=(IT,)),  # Jan Maes
    DemoProfile(
        "DEMO-0022",  # Niklas Lentz
        ("de",),
        wishes=(ST,),
        sentence="Ich möchte lernen, unsere Arbeit in wenigen Minuten gut zu erzählen.",
    ),
    # --- the data literacy circle ---
    DemoProfile("DEMO-0024", ("nl", "en"), strengths=(DL, IT), capacity=2),  # Koen Peeters
    DemoProfile("DEMO-0028", ("fr", "en"), strengths=(DL, CU), capacity=1),  # Camille Gérard
    DemoProfile(
        "DEMO-0300",  # Chloé Laurent
        ("fr", "en"),
        wishes=(DL,),
        strengths=(UC, CU),
        sentence="Je veux comprendre les chiffres de nos tests sans demander à chaque fois.",
    ),
    DemoProfile(
        "DEMO-0019",  # Pauline Dupont
        ("fr",),
        wishes=(DL, IT),
        sentence="J'aimerais savoir lire les statistiques de visite de nos pages.",
    ),
    DemoProfile("DEMO-0008", ("nl",), wishes=(DL,), strengths=(UC, CU)),  # Lien Willems
    # --- last year's programme ---
    DemoProfile("DEMO-0007", ("fr", "nl", "en"), strengths=(ST, UC), capacity=2),  # P. Fontaine
    DemoProfile("DEMO-0031", ("nl", "en"), strengths=(IT, DL), capacity=1),  # Annelies Aerts
    DemoProfile("DEMO-0072", ("nl", "fr"), strengths=(DL, IT), capacity=2),  # Koen Janssens
    DemoProfile("DEMO-0067", ("nl", "en"), strengths=(INS, ST), capacity=1),  # Elke Maes
    DemoProfile("DEMO-0070", ("fr", "en"), strengths=(ST, DL), capacity=1),  # Manon Renard
    DemoProfile("DEMO-0060", ("nl",), strengths=(UC, IT), capacity=2),  # Ruben Hermans
    DemoProfile("DEMO-0043", ("nl", "en"), strengths=(INS, DL), capacity=1),  # Bram Claes
    DemoProfile("DEMO-0012", ("nl", "en"), wishes=(ST, DL), strengths=(CU,)),  # Dries Claes
    DemoProfile("DEMO-0014", ("nl",), wishes=(UC, ST), strengths=(CU,)),  # Hanne Claes
    DemoProfile("DEMO-0302", ("fr", "en"), wishes=(IT, DL), strengths=(UC,)),  # Thomas Denis
    DemoProfile("DEMO-0305", ("fr",), wishes=(ST, INS), strengths=(CU,)),  # Hugo Lefebvre
    DemoProfile("DEMO-0026", ("nl", "en"), wishes=(ST, INS), strengths=(CU,)),  # Bram Mertens
    DemoProfile("DEMO-0020", ("nl",), wishes=(DL, UC)),  # Sofie Vermeulen
    DemoProfile("DEMO-0063", ("nl", "fr"), wishes=(UC, IT)),  # Ine Peeters
    DemoProfile("DEMO-0074", ("nl", "en"), wishes=(INS, ST)),  # Femke Peeters
    DemoProfile("DEMO-0046", ("nl",), wishes=(DL, ST)),  # Nele Goossens
    # --- peer help: he asks Eva about storytelling ---
    DemoProfile(
        "DEMO-0052",  # Hugo Gérard
        ("fr", "en"),
        wishes=(ST,),
        strengths=(UC, CU),
        availability=Availability.FORTNIGHTLY,
    ),
)


@dataclass(frozen=True)
class DemoProgramme:
    title: str
    description: str
    scope: str
    mode: str
    starts_days_ago: int
    days: int
    mentors: tuple[str, ...]
    mentees: tuple[str, ...]
    # mentee -> the mentors they rank, first choice first
    preferences: tuple[tuple[str, tuple[str, ...]], ...] = ()


FELLOWSHIP_PROGRAMME = DemoProgramme(
    title=FELLOWSHIP,
    description="Een half jaar lang leert u van een collega uit een ander deel van de FOD, die "
    "kan wat u wilt leren. Eén uur per maand, in een taal die u allebei spreekt.",
    scope=ORGANISATION,
    mode=Mode.ORGANISER,
    starts_days_ago=FELLOWSHIP_STARTED_DAYS_AGO,
    days=FELLOWSHIP_DAYS,
    mentors=(
        "DEMO-0065",
        "DEMO-0066",
        "DEMO-0061",
        "DEMO-0037",
        "DEMO-0040",
        "DEMO-0049",
        "DEMO-0005",
        "DEMO-0017",
    ),
    mentees=(
        EMPLOYEE,
        "DEMO-0011",
        "DEMO-0304",
        "DEMO-0016",
        "DEMO-0029",
        "DEMO-0058",
        "DEMO-0041",
        "DEMO-0069",
        "DEMO-0071",
        "DEMO-0053",
        "DEMO-0022",
    ),
    preferences=((EMPLOYEE, ("DEMO-0065",)), ("DEMO-0016", ("DEMO-0040", "DEMO-0066"))),
)
CIRCLE_PROGRAMME = DemoProgramme(
    title=CIRCLE,
    description="Vier maanden lang helpt een collega die vlot met cijfers werkt u om de "
    "gegevens van uw eigen dienst te lezen en te gebruiken. U kiest zelf uw mentor.",
    scope=DIRECTORATE,
    mode=Mode.CHOICE,
    starts_days_ago=-CIRCLE_STARTS_IN_DAYS,
    days=CIRCLE_DAYS,
    mentors=(TEAM_LEAD, "DEMO-0024", "DEMO-0028"),
    mentees=("DEMO-0300", "DEMO-0019", "DEMO-0008"),
)
EARLIER_PROGRAMME = DemoProgramme(
    title=EARLIER,
    description="Ons eerste mentorprogramma: mentor en mentee werken in een andere directie.",
    scope=ORGANISATION,
    mode=Mode.ORGANISER,
    starts_days_ago=EARLIER_STARTED_DAYS_AGO,
    days=EARLIER_STARTED_DAYS_AGO - EARLIER_ENDED_DAYS_AGO,
    mentors=(
        "DEMO-0007",
        "DEMO-0031",
        "DEMO-0072",
        "DEMO-0067",
        "DEMO-0070",
        "DEMO-0060",
        "DEMO-0043",
    ),
    mentees=(
        "DEMO-0012",
        "DEMO-0014",
        "DEMO-0302",
        "DEMO-0305",
        "DEMO-0026",
        "DEMO-0020",
        "DEMO-0063",
        "DEMO-0074",
        "DEMO-0046",
    ),
)
# Who of last year's programme did not answer the end survey.
EARLIER_SILENT = ("DEMO-0020",)

# The fellowship's mentor who declined a week ago, with the reason he gave the pair.
DECLINING_MENTOR = "DEMO-0061"
DECLINE_REASON = (
    "Ik begin volgende maand aan een nieuwe opdracht en kan geen tijd vrijmaken. Sorry!"
)
EVA_MENTOR = "DEMO-0065"
# Eva's pair: (days ago, what they discussed), and their midpoint check-ins.
EVA_MEETINGS = (
    (88, "Kennismaking; de telewerkbrief als voorbeeld: welke cijfers zeggen echt iets?"),
    (45, "Samen de resultaten van de eerste test gelezen; een eenvoudige grafiek gemaakt."),
)
EVA_CHECK_INS = (
    (EMPLOYEE, Progress.GOING_WELL, "Ik lees onze cijfers nu zelf, zonder hulp."),
    (EVA_MENTOR, Progress.GOING_WELL, "Eva stelt goede vragen; volgende keer: tegenspreken."),
)
# A line of what other pairs discussed at their first meeting, by the mentee's language.
FIRST_MEETING = {
    "nl": "Kennismaking en afspraken: wat wil je over zes maanden kunnen?",
    "fr": "Premier contact : ce que tu veux savoir faire dans six mois.",
    "de": "Kennenlernen: was möchtest du in sechs Monaten können?",
    "en": "Getting to know each other: what to be able to do in six months.",
}
INTRODUCTION_SENDER = "DEMO-0052"
INTRODUCTION = (
    "Bonjour Eva, je dois présenter notre nouveau parcours de formation au comité de direction "
    "en dix minutes. On m'a dit que tu racontes très bien vos tests : aurais-tu une demi-heure "
    "la semaine prochaine pour un café ?"
)
# Last year's end survey: some answers carry a comment, in their author's language.
SURVEY_COMMENTS = {
    "nl": (
        "Een collega leren kennen die ik anders nooit had ontmoet: dat was het waard.",
        "Eén uur per maand is weinig; de tweede helft ging sneller dan verwacht.",
        "Mijn mentor gaf me de moed om ons formulier in vraag te stellen.",
    ),
    "fr": (
        "Très utile ; j'aurais aimé plus de temps pour les rencontres.",
        "Je sais maintenant qui appeler dans une autre DG.",
    ),
}


# --- the moments -------------------------------------------------------------------------------

# Every moment a service stamps as now, by model and field.
STAMPS = (
    (Programme, "created_at"),
    (ProgrammeEvent, "at"),
    (Participant, "joined_at"),
    (Match, "created_at"),
    (Match, "decided_at"),
    (MatchEvent, "at"),
    (Meeting, "logged_at"),
    (CheckIn, "created_at"),
    (Introduction, "sent_at"),
)


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def _at(days_ago: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(_day(days_ago), datetime.time(10, 0)))


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
def load_demo_network() -> Programme | None:
    """Every demo profile, programme and introduction; returns the fellowship."""
    users = get_user_model().objects
    hr = users.filter(email=HR).first()
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[ORGANISATION, DIRECTORATE])}
    instrument = active_instrument()
    if hr is None or len(units) < 2 or instrument is None:
        return None
    # The skills of the self-assessment's framework, as the profile form offers them.
    skills = {c.slug: c for c in Competency.objects.filter(framework=instrument.framework)}
    people = _people()
    _load_profiles(people, skills, instrument)
    _load_earlier(people, hr, units)
    fellowship = _load_fellowship(people, hr, units)
    _load_circle(people, hr, units)
    _load_introduction(people, skills)
    return fellowship


def _people() -> dict[str, object]:
    """Everyone the demo names, by persona address or external id; the missing are left out."""
    wanted = {profile.who for profile in PROFILES}
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


def _load_profiles(people: dict, skills: dict, instrument) -> None:
    rng = random.Random(18)
    having = set(NetworkProfile.objects.values_list("owner_id", flat=True))
    assessed = set(Assessment.objects.filter(status="submitted").values_list("owner_id", flat=True))
    for number, demo in enumerate(PROFILES):
        person = people.get(demo.who)
        if person is None or person.pk in having:
            continue
        if demo.strengths and person.pk not in assessed:
            self_assessment_submit(
                owner=person,
                instrument=instrument,
                answers=partial(_answers, instrument, demo.strengths, rng),
                token=TOKEN_BASE + number,
            )
        # Only skills of the person's own profile can be shown: those the demo names, in order.
        allowed = {skill.slug: skill for skill in selectors.strength_choices(owner=person)}
        services.profile_save(
            owner=person,
            wish_sentence=demo.sentence,
            languages=list(demo.languages),
            availability=demo.availability,
            offers_mentoring=demo.capacity > 0,
            mentor_capacity=max(demo.capacity, 1),
            strengths=[allowed[slug] for slug in demo.strengths if slug in allowed],
            wishes=[skills[slug] for slug in demo.wishes],
        )


def _create(demo: DemoProgramme, hr, units: dict) -> Programme | None:
    """The programme, open for sign-up, with its people; None if it exists already."""
    if Programme.objects.filter(title=demo.title, organiser=hr).exists():
        return None
    starts_on = _day(demo.starts_days_ago)
    programme = services.programme_create(
        organiser=hr,
        title=demo.title,
        description=demo.description,
        scope=units[demo.scope],
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=demo.days),
        mode=demo.mode,
        department_rule=Department.PREFERRED,
        shared_language=True,
        wish_required=True,
        honour_preferences=True,
    )
    return services.programme_move(programme=programme, to=ProgrammeStatus.OPEN, by=hr)


def _join(programme: Programme, demo: DemoProgramme, people: dict) -> dict[str, Participant]:
    capacities = {profile.who: profile.capacity for profile in PROFILES}
    joined = {}
    for role, keys in ((Role.MENTOR, demo.mentors), (Role.MENTEE, demo.mentees)):
        for key in keys:
            if key in people:
                joined[key] = services.programme_join(
                    programme=programme,
                    user=people[key],
                    role=role,
                    capacity=max(capacities.get(key, 1), 1),
                )
    for mentee, mentors in demo.preferences:
        if mentee in joined:
            services.preferences_set(
                participant=joined[mentee], mentors=[joined[m] for m in mentors if m in joined]
            )
    return joined


def _published(programme: Programme, hr) -> list[Match]:
    """The organiser matches the whole cohort, reviews it and publishes the pairs."""
    services.programme_match(programme=programme, by=hr)
    services.programme_publish(programme=programme, by=hr)
    return list(Match.objects.filter(programme=programme, status=MatchStatus.OFFERED))


def _accept(match: Match) -> None:
    for person in (match.mentee.user, match.mentor.user):
        services.match_answer(match=match, by=person, accept=True)


def _load_earlier(people: dict, hr, units: dict) -> None:
    """Last year's programme: every pair accepted, met and ended; the end survey answered."""
    demo = EARLIER_PROGRAMME
    with _happened(demo.starts_days_ago + 30):
        programme = _create(demo, hr, units)
    if programme is None:
        return
    with _happened(demo.starts_days_ago + 16):
        _join(programme, demo, people)
    with _happened(demo.starts_days_ago + 4):
        pairs = _published(programme, hr)
    with _happened(demo.starts_days_ago + 2):
        for match in pairs:
            _accept(match)
    for number, match in enumerate(pairs):
        match.refresh_from_db()
        language = match.mentee.user.preferred_language or "nl"
        meetings = (
            (demo.starts_days_ago - 20, FIRST_MEETING.get(language, FIRST_MEETING["en"])),
            (demo.starts_days_ago - 80 - 10 * (number % 3), _follow_up(language)),
        )
        for days_ago, note in meetings:
            with _happened(days_ago):
                services.meeting_log(
                    match=match, by=match.mentee.user, held_on=_day(days_ago), note=note
                )
        with _happened(EARLIER_ENDED_DAYS_AGO + 3):
            services.check_in(
                match=match,
                by=match.mentee.user,
                kind=CheckInKind.END,
                progress=Progress.GOING_WELL if number % 4 else Progress.MIXED,
            )
    with _happened(EARLIER_ENDED_DAYS_AGO):
        programme = services.programme_move(programme=programme, to=ProgrammeStatus.CLOSED, by=hr)
        # The survey is answered while it is open: before the close is dated back.
        silent = {people[key].pk for key in EARLIER_SILENT if key in people}
        answering = []
        for match in Match.objects.filter(programme=programme, status=MatchStatus.ENDED).order_by(
            "pk"
        ):
            for person in (match.mentee.user, match.mentor.user):
                if person.pk not in silent and person not in answering:
                    answering.append(person)
        comments = {language: list(texts) for language, texts in SURVEY_COMMENTS.items()}
        for number, person in enumerate(answering):
            language = person.preferred_language or "nl"
            waiting = comments.get(language, [])
            comment = waiting.pop(0) if waiting and number % 3 == 0 else ""
            services.survey_answer(
                programme=programme,
                user=person,
                scores={
                    "useful": 4 + (number % 3 == 0),
                    "learnt": 3 + (number % 2),
                    "across": 5 - (number % 4 == 3),
                    "recommend": 4 + (number % 2),
                },
                comment=comment,
            )
    # They answered in the two weeks after the programme closed.
    answered = _day(EARLIER_ENDED_DAYS_AGO - 7)
    SurveyResponse.objects.filter(programme=programme).update(
        week=answered - datetime.timedelta(days=answered.weekday())
    )


def _follow_up(language: str) -> str:
    return {
        "nl": "Wat lukte sinds de vorige keer, en wat nog niet; een volgende stap afgesproken.",
        "fr": "Ce qui a marché depuis la dernière fois, et la prochaine étape.",
    }.get(language, "What worked since last time, and the next step.")


def _load_fellowship(people: dict, hr, units: dict) -> Programme | None:
    demo = FELLOWSHIP_PROGRAMME
    with _happened(demo.starts_days_ago + 30):
        programme = _create(demo, hr, units)
    if programme is None:
        return Programme.objects.filter(title=demo.title, organiser=hr).first()
    with _happened(demo.starts_days_ago + 18):
        _join(programme, demo, people)
    with _happened(demo.starts_days_ago + 4):
        pairs = _published(programme, hr)
    declining = people.get(DECLINING_MENTOR)
    declined = next((m for m in pairs if declining and m.mentor.user_id == declining.pk), None)
    with _happened(demo.starts_days_ago + 1):
        for match in pairs:
            if match is declined:
                # The mentee said yes at once; the mentor, back from leave, says no below.
                services.match_answer(match=match, by=match.mentee.user, accept=True)
            else:
                _accept(match)
    eva = people.get(EMPLOYEE)
    eva_match = next((m for m in pairs if eva and m.mentee.user_id == eva.pk), None)
    if eva_match is not None:
        eva_match.refresh_from_db()
        for days_ago, note in EVA_MEETINGS:
            with _happened(days_ago):
                services.meeting_log(match=eva_match, by=eva, held_on=_day(days_ago), note=note)
        with _happened(max(demo.starts_days_ago - demo.days // 2 - 2, 0)):
            for key, progress, note in EVA_CHECK_INS:
                if key in people:
                    services.check_in(
                        match=eva_match,
                        by=people[key],
                        kind=CheckInKind.MIDPOINT,
                        progress=progress,
                        note=note,
                    )
    for match in pairs:
        if match in (eva_match, declined):
            continue
        match.refresh_from_db()
        language = match.mentee.user.preferred_language or "nl"
        with _happened(demo.starts_days_ago - 21):
            services.meeting_log(
                match=match,
                by=match.mentee.user,
                held_on=_day(demo.starts_days_ago - 21),
                note=FIRST_MEETING.get(language, FIRST_MEETING["en"]),
            )
    if declined is not None:
        # The place is freed and the mentee is matched again at once, with a free place; the
        # mentee accepts the new mentor, who has not answered yet.
        with _happened(6):
            services.match_answer(match=declined, by=declining, accept=False, reason=DECLINE_REASON)
        again = selectors.live_match_of(mentee=declined.mentee)
        if again is not None:
            with _happened(5):
                services.match_answer(match=again, by=declined.mentee.user, accept=True)
    return programme


def _load_circle(people: dict, hr, units: dict) -> None:
    demo = CIRCLE_PROGRAMME
    with _happened(20):
        programme = _create(demo, hr, units)
    if programme is None:
        return
    with _happened(12):
        joined = _join(programme, demo, people)
    # A Nido colleague asked a mentor of the data team, who said yes two days later.
    chloe, camille = joined.get("DEMO-0300"), joined.get("DEMO-0028")
    if chloe is not None and camille is not None:
        with _happened(9):
            request = services.match_request(mentee=chloe, mentor=camille, today=_day(9))
        with _happened(7):
            services.match_answer(match=request, by=camille.user, accept=True)
    # The web team asked the team lead two days ago: the request waits for his answer.
    pauline, tom = joined.get("DEMO-0019"), joined.get(TEAM_LEAD)
    if pauline is not None and tom is not None:
        with _happened(2):
            services.match_request(mentee=pauline, mentor=tom, today=_day(2))


def _load_introduction(people: dict, skills: dict) -> None:
    sender, eva = people.get(INTRODUCTION_SENDER), people.get(EMPLOYEE)
    if sender is None or eva is None:
        return
    if Introduction.objects.filter(sender=sender, recipient=eva).exists():
        return
    # Storytelling, which her own profile shows; another of her strengths if not.
    shown = [s.competency for s in ProfileStrength.objects.filter(profile__owner=eva)]
    competency = skills.get(ST) if skills.get(ST) in shown else next(iter(shown), None)
    if competency is None:
        return
    with _happened(1):
        services.introduction_send(
            sender=sender, recipient=eva, competency=competency, message=INTRODUCTION
        )
