# SPDX-License-Identifier: EUPL-1.2
"""Demo surveys for ``manage.py demo_data``, every one run through the services people use: open
a round, answer (``response_submit`` stores who took part apart from what was answered), close,
and the guard decides what each group shows.

- **Team climate** for BOSA, quarterly: two closed rounds, so trends, the change since the last
  round and the comparison in the heatmap have two points. The second round closed days ago:
  the other teams have shared their results up the line, Nido (the team lead's team) has not
  decided yet. Nido is large enough for its comments; the management control team answered too
  little, so the guard hides it, and with it a figure that would give it away by difference.
  Nido planned actions after the first round: one checked, one of Eva's due for its check, one
  due soon.
- **Innovation skills** for BOSA: one round closed two months ago, every unit's skills heatmap.
- **Innovation in the units** for BOSA: a round open now and closing in ten days that the
  personas have not answered; about half of the others have, so the turnout shows.
- **Climate pulse** for DG Recruitment and Development: a round past its closing date, waiting
  for HR to close it and publish the results.

Every day that answers, shares or checks carry lies on or before today; only the open round's
closing date and the next rounds of the climate campaign lie ahead. Deterministic (seeded) and
safe to run again: a campaign that exists is left as it is.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.assessments.scoring import scored_value
from elan.insights import services
from elan.insights.constants import PART_COMMENTS, CampaignStatus, CheckStatus, InstrumentCode
from elan.insights.instruments import AGREEMENT_SCALE, CHOICE, MULTIPLE, SCALE, instrument_for
from elan.insights.models import Campaign, Participation, Round
from elan.organisations.constants import Role
from elan.organisations.demo import demo_colleagues
from elan.organisations.models import RoleAssignment, Unit

DEMO_UNIT = "BOSA"
DEMO_TEAM = "BOSA-DGDT-NIDO"
# Too few of this team answer: the guard hides its results (and what would give them away).
DEMO_SMALL_TEAM = "BOSA-DGBUD-CTRL"
DEMO_HR = "hr@elan.example"
EMPLOYEE = "employee@elan.example"
PERSONAS = {"employee@elan.example", "manager@elan.example", "teamlead@elan.example"}

CLIMATE_TITLES = {
    "nl": "Teamklimaat BOSA",
    "fr": "Climat d'équipe au BOSA",
    "de": "Teamklima im BOSA",
    "en": "BOSA team climate",
}
CLIMATE_DESCRIPTIONS = {
    "nl": "Elk kwartaal tien minuten over hoe het samenwerken in je team voelt.",
    "fr": "Chaque trimestre, dix minutes sur la manière dont on travaille ensemble dans l'équipe.",
    "de": "Jedes Quartal zehn Minuten dazu, wie die Zusammenarbeit im Team sich anfühlt.",
    "en": "Every quarter, ten minutes on how working together in your team feels.",
}
SKILLS_TITLES = {
    "nl": "Innovatievaardigheden in BOSA",
    "fr": "Compétences d'innovation au BOSA",
    "de": "Innovationskompetenzen im BOSA",
    "en": "BOSA innovation skills",
}
SKILLS_DESCRIPTIONS = {
    "nl": "Welke innovatievaardigheden zijn sterk in elk team, en welke ontbreken?",
    "fr": (
        "Quelles compétences d'innovation sont fortes dans chaque équipe, et lesquelles manquent ?"
    ),
    "de": "Welche Innovationskompetenzen sind in jedem Team stark, und welche fehlen?",
    "en": "Which innovation skills are strong in each team, and which are missing?",
}
INNOVATION_TITLES = {
    "nl": "Innovatie in de diensten van BOSA",
    "fr": "L'innovation dans les services du BOSA",
    "de": "Innovation in den Diensten des BOSA",
    "en": "Innovation in BOSA's units",
}
INNOVATION_DESCRIPTIONS = {
    "nl": "Hoe gaat jouw dienst om met nieuwe ideeën? Een eerste meting.",
    "fr": "Comment votre service accueille-t-il les idées nouvelles ? Une première mesure.",
    "de": "Wie geht Ihr Dienst mit neuen Ideen um? Eine erste Messung.",
    "en": "How does your unit take up new ideas? A first measurement.",
}
PULSE_UNIT = "BOSA-DGRH"
PULSE_TITLES = {
    "nl": "Klimaatpeiling DG Rekrutering en Ontwikkeling",
    "fr": "Sondage climat DG Recrutement et Développement",
    "de": "Klimabarometer GD Personalauswahl und Entwicklung",
    "en": "Climate pulse, DG Recruitment and Development",
}
PULSE_DESCRIPTIONS = {
    "nl": "Een korte peiling na de reorganisatie van de selectieteams.",
    "fr": "Un court sondage après la réorganisation des équipes de sélection.",
    "de": "Eine kurze Umfrage nach der Neuordnung der Auswahlteams.",
    "en": "A short pulse after the selection teams were reorganised.",
}

# Comments in the respondents' languages; none says who wrote it or about whom.
COMMENTS = {
    "nl": (
        "Ik zou graag meer tijd krijgen om nieuwe werkwijzen uit te proberen.",
        "Onze teamvergaderingen zijn opener dan een jaar geleden.",
        "Fouten bespreken we nu zonder een schuldige te zoeken, dat helpt.",
        "Beslissingen worden soms genomen zonder dat wij gehoord worden.",
    ),
    "fr": (
        "Les réunions d'équipe sont plus ouvertes qu'avant.",
        "J'aimerais que nos idées remontent plus vite vers la direction.",
        "On manque de temps pour tester des solutions avec les usagers.",
        "L'entraide dans l'équipe est vraiment une force.",
    ),
    "de": (
        "Mehr Zeit für Experimente wäre hilfreich.",
        "Wir sprechen offener über Fehler als früher.",
    ),
    "en": ("We share what went wrong more openly than before.",),
}

# The share of each unit's people who answer, by campaign; everyone else answers at the
# campaign's rate. Too few in the small team; nearly everyone in Nido; everyone in the two
# teams split evenly between Dutch and French speakers, whose language groups would otherwise
# be too small and, subtracted from the language groups above them, hide their whole team.
CLIMATE_RATE = 0.8
CLIMATE_RATES = {
    DEMO_SMALL_TEAM: 0.3,
    DEMO_TEAM: 0.85,
    "BOSA-DGDT-DATA": 1.0,
    "BOSA-DGRH-DEV": 1.0,
}
# How many of those who answer write a comment: a few in every team, four or so in Nido.
COMMENT_SHARE = 0.2
COMMENT_SHARES = {DEMO_TEAM: 0.25}
# Every demo round runs two weeks.
ROUND_LENGTH = datetime.timedelta(days=14)


class Answering:
    """Deterministic answers: each unit has a mood, each measure a lean in each unit, and each
    person a mood of their own around their unit's, so that a scale's statements agree with one
    another as they do in real answers (instrument quality needs that)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.unit_moods: dict[str, float] = {}
        self.leans: dict[tuple[str, str], float] = {}

    def unit_mood(self, code: str) -> float:
        return self.unit_moods.setdefault(code, self.rng.uniform(2.9, 4.2))

    def answers(self, instrument_code: str, code: str) -> dict[str, object]:
        rng = self.rng
        mood = self.unit_mood(code) + rng.gauss(0, 0.55)
        answers: dict[str, object] = {}
        for item in instrument_for(instrument_code).items:
            if item.kind == SCALE:
                lean = self.leans.setdefault((code, item.measure), rng.uniform(-0.7, 0.7))
                value = min(5, max(1, round(rng.gauss(mood + lean, 0.6))))
                # Mirroring is its own inverse: the raw answer that scores ``value``.
                answers[item.code] = str(
                    scored_value(value, reverse=item.reverse, scale=AGREEMENT_SCALE)
                )
            elif item.kind == CHOICE:
                answers[item.code] = rng.choice([o.code for o in item.options])
            elif item.kind == MULTIPLE:
                answers[item.code] = rng.sample([o.code for o in item.options], rng.randint(0, 2))
        return answers

    def move_on(self, drift: dict[str, float], spread: float) -> None:
        """A quarter later: each unit's mood drifts, and each measure moves a little of its own
        accord, so that a trend has risers and fallers."""
        for code in sorted(self.unit_moods):
            self.unit_moods[code] += drift.get(code, self.rng.uniform(-0.3, 0.3))
        for key in sorted(self.leans):
            self.leans[key] += self.rng.uniform(-spread, spread)

    def comment(self, language: str) -> str:
        return self.rng.choice(COMMENTS.get(language) or COMMENTS["en"])


def _answer_round(
    round_: Round,
    answering: Answering,
    *,
    rate: float,
    rates: dict[str, float] | None = None,
    days: int,
    skip: frozenset[str] = frozenset(),
) -> None:
    """Let the given share of each unit's invited people answer, on one of the round's first
    ``days`` days (never after today); ``skip`` are addresses left for the personas."""
    today = timezone.localdate()
    last_day = min(round_.opens_on + datetime.timedelta(days=max(days - 1, 0)), today)
    span = (last_day - round_.opens_on).days
    by_unit: dict[str, list[Participation]] = defaultdict(list)
    participations = (
        Participation.objects.filter(round=round_, responded_on__isnull=True)
        .select_related("user")
        .order_by("user__email")
    )
    for participation in participations:
        if participation.user.email not in skip:
            by_unit[participation.unit_code].append(participation)
    instrument = round_.campaign.instrument
    for code in sorted(by_unit):
        people = by_unit[code]
        share = (rates or {}).get(code, rate)
        chosen = answering.rng.sample(people, round(share * len(people)))
        writing = round(COMMENT_SHARES.get(code, COMMENT_SHARE) * len(chosen))
        writers = {p.pk for p in answering.rng.sample(chosen, writing)}
        for participation in sorted(chosen, key=lambda p: p.user.email):
            user = participation.user
            comment = ""
            if participation.pk in writers:
                comment = answering.comment(user.preferred_language or "en")
            services.response_submit(
                round_id=round_.pk,
                user=user,
                answers=answering.answers(instrument, code),
                comment=comment,
                today=round_.opens_on + datetime.timedelta(days=answering.rng.randint(0, span)),
            )


def _campaign(titles: dict[str, str]) -> Campaign | None:
    return Campaign.objects.filter(titles__en=titles["en"]).first()


def _start(
    unit: Unit,
    hr,
    titles: dict[str, str],
    descriptions: dict[str, str],
    instrument: str,
    opens_on: datetime.date,
    **schedule: int,
) -> Round:
    """HR creates a campaign and opens its first round on ``opens_on``, for two weeks."""
    campaign = services.campaign_create(
        by=hr,
        unit=unit,
        titles=titles,
        descriptions=descriptions,
        instrument=instrument,
        opens_on=opens_on,
        closes_on=opens_on + ROUND_LENGTH,
        **schedule,
    )
    return _open(campaign, hr, opens_on)


def _open(campaign: Campaign, hr, day: datetime.date) -> Round:
    services.campaign_transition(
        campaign=campaign, to=CampaignStatus.OPEN, by=hr, today=day, notify=False
    )
    return campaign.rounds.get(closed_on__isnull=True)


def _close(campaign: Campaign, hr, day: datetime.date) -> Round:
    round_ = campaign.rounds.get(closed_on__isnull=True)
    services.campaign_transition(campaign=campaign, to=CampaignStatus.CLOSED, by=hr, today=day)
    round_.refresh_from_db()
    return round_


@transaction.atomic
def load_demo_insights() -> None:
    unit = Unit.objects.filter(code=DEMO_UNIT).first()
    hr = get_user_model().objects.filter(email=DEMO_HR).first()
    if unit is None or hr is None:
        return
    today = timezone.localdate()
    if _campaign(CLIMATE_TITLES) is None:
        _load_climate(unit, hr, today)
    if _campaign(SKILLS_TITLES) is None:
        _load_skills(unit, hr, today)
    if _campaign(INNOVATION_TITLES) is None:
        _load_innovation(unit, hr, today)
    pulse_unit = Unit.objects.filter(code=PULSE_UNIT).first()
    if pulse_unit is not None and _campaign(PULSE_TITLES) is None:
        _load_pulse(pulse_unit, hr, today)


def _load_climate(unit: Unit, hr, today: datetime.date) -> None:
    """Quarterly: round 1 closed three months ago, round 2 six days ago, round 3 ahead."""
    answering = Answering(2026)
    first = today - datetime.timedelta(days=110)
    round_one = _start(
        unit,
        hr,
        CLIMATE_TITLES,
        CLIMATE_DESCRIPTIONS,
        InstrumentCode.CLIMATE,
        first,
        planned_rounds=4,
        round_interval_days=90,
    )
    campaign = round_one.campaign
    _answer_round(round_one, answering, rate=CLIMATE_RATE, rates=CLIMATE_RATES, days=7)
    round_one = _close(campaign, hr, first + ROUND_LENGTH)
    _load_actions(round_one, today)

    second = first + datetime.timedelta(days=90)
    # Nido's actions show: its mood rises; elsewhere it moves either way.
    answering.move_on({DEMO_TEAM: 0.3}, spread=0.4)
    round_two = _open(campaign, hr, second)
    _answer_round(round_two, answering, rate=CLIMATE_RATE, rates=CLIMATE_RATES, days=7)
    round_two = _close(campaign, hr, second + ROUND_LENGTH)
    _share_up_the_line(round_two, keep=frozenset({DEMO_TEAM}), today=today)


def _leads_of(codes: list[str]) -> dict[str, object]:
    """One team lead of each unit, the first by id, as a unit code -> user mapping."""
    leads: dict[str, object] = {}
    assignments = (
        RoleAssignment.objects.filter(role=Role.TEAM_LEAD, unit__code__in=codes)
        .select_related("user", "unit")
        .order_by("pk")
    )
    for assignment in assignments:
        leads.setdefault(assignment.unit.code, assignment.user)
    return leads


def _share_up_the_line(round_: Round, *, keep: frozenset[str], today: datetime.date) -> None:
    """Every team but ``keep`` shares its results up the line within days of the closing."""
    parts = [*instrument_for(round_.campaign.instrument).measure_codes(), PART_COMMENTS]
    codes = sorted(set(round_.pooled_units) - keep)
    leads = _leads_of(codes)
    for index, code in enumerate(codes):
        lead = leads.get(code)
        if lead is None:
            continue
        day = min(round_.closed_on + datetime.timedelta(days=1 + index % 4), today)
        services.release_share(round_=round_, unit_code=code, by=lead, parts=parts, today=day)


def _load_actions(round_: Round, today: datetime.date) -> None:
    """Nido's action plan after round 1: one action checked, one of Eva's whose check is due,
    and one whose check is due in a few days."""
    lead = _leads_of([DEMO_TEAM]).get(DEMO_TEAM)
    employee = get_user_model().objects.filter(email=EMPLOYEE).first()
    colleagues = demo_colleagues(unit__code=DEMO_TEAM)[:2]
    if lead is None or employee is None or len(colleagues) < 2:
        return
    measures = instrument_for(round_.campaign.instrument).measure_codes()
    closed = round_.closed_on
    done = services.action_add(
        round_=round_,
        unit_code=DEMO_TEAM,
        by=lead,
        measure=measures[0],
        title="Start each team meeting with one thing we tried and what it taught us",
        owner=colleagues[0],
        today=closed + datetime.timedelta(days=3),
    )
    services.action_check(
        action=done,
        by=lead,
        status=CheckStatus.DONE,
        note="We kept it: it takes five minutes and everyone speaks.",
        today=min(done.check_due_on + datetime.timedelta(days=2), today),
    )
    services.action_add(
        round_=round_,
        unit_code=DEMO_TEAM,
        by=lead,
        measure=measures[1 % len(measures)],
        title="Test the new request form with five users before it goes live",
        owner=employee,
        today=today - datetime.timedelta(days=33),
    )
    services.action_add(
        round_=round_,
        unit_code=DEMO_TEAM,
        by=lead,
        measure=measures[2 % len(measures)],
        title="Pair up once a month with someone from another team",
        owner=colleagues[1],
        today=today - datetime.timedelta(days=26),
    )


def _load_skills(unit: Unit, hr, today: datetime.date) -> None:
    """One closed round, 60 days ago: past the team-first period, so HR sees every unit."""
    answering = Answering(2027)
    opens_on = today - datetime.timedelta(days=60)
    round_ = _start(unit, hr, SKILLS_TITLES, SKILLS_DESCRIPTIONS, InstrumentCode.SKILLS, opens_on)
    _answer_round(round_, answering, rate=0.85, days=10)
    _close(round_.campaign, hr, opens_on + ROUND_LENGTH)


def _load_innovation(unit: Unit, hr, today: datetime.date) -> None:
    """Open since four days, closing in ten: the personas still have to answer."""
    answering = Answering(2028)
    round_ = _start(
        unit,
        hr,
        INNOVATION_TITLES,
        INNOVATION_DESCRIPTIONS,
        InstrumentCode.INNOVATION,
        today - datetime.timedelta(days=4),
    )
    # Answers so far came in before today, so the turnout (counted up to yesterday) shows them.
    _answer_round(round_, answering, rate=0.5, days=4, skip=frozenset(PERSONAS))


def _load_pulse(unit: Unit, hr, today: datetime.date) -> None:
    """Its closing date passed two days ago: HR has a round to close and publish."""
    answering = Answering(2029)
    round_ = _start(
        unit,
        hr,
        PULSE_TITLES,
        PULSE_DESCRIPTIONS,
        InstrumentCode.CLIMATE,
        today - datetime.timedelta(days=16),
    )
    _answer_round(round_, answering, rate=0.7, days=6)
