# SPDX-License-Identifier: EUPL-1.2
"""Random worlds for the end-to-end attacker (issue 13, point 7), and the attacker's reading.

A world is an organisation chart (a directorate HR is scoped to, teams, a sub-team, a unit of
exactly one person, a team with a language group of one, people placed at the top, a second
directorate and an organisation elsewhere), people with a language and a level, and a survey
campaign of two or three rounds. Between rounds people join, leave and move, a unit is added
(treebeard renumbers its siblings' paths) and a unit is moved. Everything happens through the
product's services: rounds open and close through ``campaign_transition``, people answer through
``response_submit``, teams share up the line through ``release_share``.

Every random choice is drawn from the world's seed and a label of what it is for (a person, a
round), never from a shared stream, so two builds of one world that differ in one person's
answers (or in whether they answered) make every other choice the same: the differential
properties compare such twins.

The attacker is four ordinary people (HR scoped to the directorate, the team lead of a team,
an employee of that team, and the line manager of both, placed at the top) and an outsider.
After each round closes, each of them asks through the Django test client for everything they
may see (``Attacker`` says how the requests are spread): every report page of every closed
round with the filters and scopes its form offers, the heatmap, the trends, the comments, both
exports and the JSON API. Each answer becomes observations, what a reader can tell apart: every
figure, every marker with its reason, every state ("not shared yet"), the HTTP status, and each
HTML page's main content as a whole (its summary sentence and chart included), with the
per-request tokens blanked.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape

import time_machine
from django.test import Client
from hypothesis import strategies as st

from elan.accounts import services as account_services
from elan.accounts.tests.factories import UserFactory
from elan.insights import services
from elan.insights.constants import CampaignStatus, InstrumentCode
from elan.insights.models import Invitee, Round
from elan.insights.selectors import FILTER_VALUES
from elan.insights.services import pseudonym
from elan.insights.tests.factories import CampaignFactory, answers_for
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord, Unit

# A fixed calendar, so that a shrunk example replays the same days.
DAY_ZERO = datetime.date(2031, 3, 3)
ROUND_INTERVAL = 40  # days between the openings of two rounds
ROUND_LENGTH = 14
LANGUAGES = ("nl", "nl", "fr", "de")  # mostly Dutch
GRADES = ("A", "B", "B", "C")
PERSONAS = ("hr", "team_lead", "line_manager", "employee", "outsider")
# The filters every report form offers, read from the same allowlist the form is built from.
FILTERS = ("",) + tuple(
    f"{attribute}:{value}" for attribute, values in FILTER_VALUES.items() for value in values
)
SCOPES = ("unit", "subtree")
CHURN = ("join", "leave", "move", "add_unit", "move_unit")


# --- The random world ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """What hypothesis draws; small integers, so that it shrinks to small worlds."""

    seed: int
    min_group: int
    min_comments: int
    top_people: int  # placed directly in the campaign's unit, besides the line manager
    office_a: int  # placed directly in the HR's directorate
    team_a1: int  # the personas' team (the team lead, the employee and more)
    sub_team: int  # below the personas' team; 0 for none
    teams_a: tuple[int, ...]  # further teams of the directorate
    teams_b: tuple[int, ...]  # teams of the other directorate
    lone_language: int  # which team has a language group of one
    rounds: int
    churn: tuple[tuple[tuple[int, int, int], ...], ...]  # per gap between rounds
    answer_rate: float
    comment_rate: float
    look_days: int  # when the attacker looks after each close: team-first period or after it
    target_kind: str  # "solo", "lone", "team" or "any"
    target_pick: int
    target_round: int


@st.composite
def specs(draw, *, max_rounds: int = 3) -> Spec:
    min_group = draw(st.sampled_from([3, 4]))
    team = st.integers(1, min_group + 3)
    rounds = draw(st.integers(2, max_rounds))
    event = st.tuples(st.integers(0, len(CHURN) - 1), st.integers(0, 50), st.integers(0, 50))
    return Spec(
        seed=draw(st.integers(0, 2**32 - 1)),
        min_group=min_group,
        min_comments=min_group + draw(st.sampled_from([0, 2])),
        top_people=draw(st.integers(0, 2)),
        office_a=draw(st.integers(0, 2)),
        team_a1=draw(st.integers(2, min_group + 3)),
        sub_team=draw(st.sampled_from([0, 1, min_group])),
        teams_a=tuple(draw(st.lists(team, max_size=2))),
        teams_b=tuple(draw(st.lists(team, min_size=1, max_size=2))),
        lone_language=draw(st.integers(0, 3)),
        rounds=rounds,
        # Every world's tree changes: a unit is added and one is moved before the second
        # round; joiners, leavers, movers and further changes are drawn for every gap.
        churn=tuple(
            (
                *(
                    (CHURN.index(kind), draw(st.integers(0, 50)), draw(st.integers(0, 50)))
                    for kind in (("add_unit", "move_unit") if gap == 0 else ())
                ),
                *draw(st.lists(event, max_size=3)),
            )
            for gap in range(rounds - 1)
        ),
        answer_rate=draw(st.sampled_from([0.8, 1.0])),
        comment_rate=draw(st.sampled_from([0.4, 1.0])),
        look_days=draw(st.sampled_from([0, 20])),
        target_kind=draw(st.sampled_from(["solo", "lone", "team", "any"])),
        target_pick=draw(st.integers(0, 50)),
        target_round=draw(st.integers(0, max_rounds - 1)),
    )


def rng_for(spec: Spec, *purpose) -> random.Random:
    """A random stream of its own for each purpose: twin worlds differ in nothing else."""
    return random.Random(":".join(str(part) for part in (spec.seed, *purpose)))


# The target's answers in each variant of a world: the base, other answers, or none at all.
BASE, OTHER_ANSWERS, SILENT = "base", "other_answers", "silent"


@dataclass
class World:
    spec: Spec
    variant: str
    campaign: object = None
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, object] = field(default_factory=dict)  # label -> user
    personas: dict[str, object] = field(default_factory=dict)
    led: dict[str, object] = field(default_factory=dict)  # unit code -> its team lead
    target: str = ""  # the label of the person whose answers the twins differ in
    target_round: int = 1
    solo_code: str = "SOLO"
    lone_code: str = ""
    closed: list[int] = field(default_factory=list)

    @property
    def target_user(self):
        return self.people[self.target]

    def rounds(self) -> list[Round]:
        return list(Round.objects.filter(campaign=self.campaign).order_by("number"))

    def stored_key(self, label: str, number: int) -> tuple[str, str, str] | None:
        """The keys a person's answer of round ``number`` is stored with (their Invitee row)."""
        self.campaign.refresh_from_db()  # the population key is drawn when round 1 opens
        row = (
            Invitee.objects.filter(
                round__campaign=self.campaign,
                round__number=number,
                pseudonym=pseudonym(campaign=self.campaign, user_id=self.people[label].pk),
            )
            .values_list("unit_code", "language", "grade_band")
            .first()
        )
        return tuple(row) if row else None


@contextmanager
def on_day(day: datetime.date, hour: int = 12):
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(hour)), tick=False):
        yield


def _unit(world: World, code: str, parent: Unit | None) -> Unit:
    names = {f"name_{language}": f"{code} ({language})" for language in ("nl", "fr", "de", "en")}
    unit = Unit.add_root(code=code, **names) if parent is None else None
    if unit is None:
        parent.refresh_from_db()  # treebeard needs the parent's current path and child count
        unit = parent.add_child(code=code, **names)
    world.units[code] = unit
    return unit


def _person(world: World, unit: Unit, *, language: str | None = None, manager=None):
    label = f"p{len(world.people):03d}"
    rng = rng_for(world.spec, "person", label)
    user = UserFactory(
        email=f"{label}@world.test",
        first_name=label,
        last_name="World",
        preferred_language=language or rng.choice(LANGUAGES),
    )
    StaffRecord.objects.create(
        user=user,
        unit_id=unit.pk,
        external_id=f"W-{label}",
        grade=rng.choice(GRADES),
        line_manager=manager,
    )
    world.people[label] = user
    return user


def _label_of(world: World, user) -> str:
    return next(label for label, person in world.people.items() if person.pk == user.pk)


def _lead(world: World, unit: Unit, user) -> None:
    organisation_services.role_assign(user=user, role=Role.TEAM_LEAD, unit=unit)
    world.led[unit.code] = user


def build_chart(world: World) -> None:
    """The chart, the people and the roles of the world, before the first round."""
    spec = world.spec
    organisation = _unit(world, "ORG", None)
    # The line manager of HR and of the team lead sits at the top, with its own people.
    manager = _person(world, organisation)
    for _n in range(spec.top_people):
        _person(world, organisation)
    directorate = _unit(world, "DIR-A", organisation)
    hr = _person(world, directorate, manager=manager)
    organisation_services.role_assign(user=hr, role=Role.HR, unit=directorate)
    for _n in range(spec.office_a):
        _person(world, directorate)
    team = _unit(world, "A1", directorate)
    lead = _person(world, team, manager=manager)
    _lead(world, team, lead)
    employee = _person(world, team, manager=lead)
    for _n in range(spec.team_a1 - 2):
        _person(world, team, manager=lead)
    if spec.sub_team:
        below = _unit(world, "A1-SUB", team)
        for _n in range(spec.sub_team):
            _person(world, below, manager=lead)
    solo = _unit(world, world.solo_code, directorate)
    _person(world, solo)
    teams = [team]
    for index, size in enumerate(spec.teams_a, start=2):
        unit = _unit(world, f"A{index}", directorate)
        teams.append(unit)
        for _n in range(size):
            _person(world, unit)
    other = _unit(world, "DIR-B", organisation)
    for index, size in enumerate(spec.teams_b, start=1):
        unit = _unit(world, f"B{index}", other)
        teams.append(unit)
        first = None
        for _n in range(size):
            person = _person(world, unit)
            first = first or person
        if index == 1 and first is not None:
            _lead(world, unit, first)
    # A language group of one: in one team, one French speaker among Dutch speakers.
    sizeable = [unit for unit in teams if StaffRecord.objects.filter(unit=unit).count() > 1]
    lone = sizeable[spec.lone_language % len(sizeable)]
    members = StaffRecord.objects.filter(unit=lone).values_list("user_id", flat=True)
    labels = sorted(label for label, user in world.people.items() if user.pk in set(members))
    for label in labels:
        user = world.people[label]
        user.preferred_language = "fr" if label == labels[-1] else "nl"
        user.save(update_fields=["preferred_language"])
    world.lone_code = lone.code
    elsewhere = _unit(world, "ELSEWHERE", None)
    outsider = _person(world, elsewhere)
    world.personas = {
        "hr": hr,
        "team_lead": lead,
        "line_manager": manager,
        "employee": employee,
        "outsider": outsider,
    }
    world.campaign = CampaignFactory(
        title="Climate",
        unit=organisation,
        instrument=InstrumentCode.CLIMATE,
        opens_on=DAY_ZERO,
        closes_on=DAY_ZERO + datetime.timedelta(days=ROUND_LENGTH),
        planned_rounds=spec.rounds,
        round_interval_days=ROUND_INTERVAL,
        min_group=spec.min_group,
        min_comments=spec.min_comments,
        team_first_days=14,
    )
    world.target, world.target_round = _target(world)


def _target(world: World) -> tuple[str, int]:
    """The person the twin worlds differ in (never a persona), and the round they differ in:
    the person of the unit of one, the French speaker of the language group of one, a member
    of the personas' team, or anyone."""
    spec = world.spec
    personas = {user.pk for user in world.personas.values()}
    unit_of = {
        label: user.staff_record.unit.code
        for label, user in world.people.items()
        if user.pk not in personas
    }
    pools = {
        "solo": [label for label, code in unit_of.items() if code == world.solo_code],
        "lone": [
            label
            for label, code in unit_of.items()
            if code == world.lone_code and world.people[label].preferred_language == "fr"
        ],
        "team": [label for label, code in unit_of.items() if code == "A1"],
        "any": sorted(unit_of),
    }
    pool = sorted(pools[spec.target_kind] or pools["any"])
    return pool[spec.target_pick % len(pool)], spec.target_round % spec.rounds + 1


def apply_churn(world: World, gap: int) -> None:
    """Joiners, leavers, movers, a unit added and a unit moved, between two rounds."""
    spec = world.spec
    keep = {user.pk for user in world.personas.values()} | {world.target_user.pk}
    movable_units = sorted(
        code for code in world.units if code not in ("ORG", "DIR-A", "DIR-B", "ELSEWHERE")
    )
    for number, (kind, a, b) in enumerate(spec.churn[gap]):
        what = CHURN[kind]
        active = [
            label
            for label, user in sorted(world.people.items())
            if user.pk not in keep and user.is_active
        ]
        units = sorted(code for code in world.units if code != "ELSEWHERE")
        if what == "join":
            _person(world, world.units[units[a % len(units)]])
        elif what == "leave" and active:
            account_services.user_deactivate(user=world.people[active[a % len(active)]])
        elif what == "move" and active:
            record = world.people[active[a % len(active)]].staff_record
            record.unit = world.units[units[b % len(units)]]
            record.save(update_fields=["unit"])
        elif what == "add_unit":
            # "A-0…" sorts before every sibling: treebeard renumbers the siblings after it.
            parent = world.units[("ORG", "DIR-A", "DIR-B", "A1")[a % 4]]
            unit = _unit(world, f"A-0{gap}{number}", parent)
            for _n in range(b % (spec.min_group + 2)):
                _person(world, unit)
        elif what == "move_unit" and movable_units:
            code = movable_units[a % len(movable_units)]
            moving = Unit.objects.get(code=code)
            targets = [
                unit
                # Within the campaign: its path is read afresh, as adding a root renumbers it.
                for unit in Unit.objects.filter(path__startswith=Unit.objects.get(code="ORG").path)
                if not unit.path.startswith(moving.path)
            ]
            target = sorted(targets, key=lambda unit: unit.code)[b % len(targets)]
            moving.move(target, pos="sorted-child")
    for code in world.units:
        world.units[code] = Unit.objects.get(code=code)
    for user in world.people.values():
        user.refresh_from_db()


def _answers(world: World, label: str, number: int) -> tuple[dict, str] | None:
    """What a person answers in a round (and their comment), or None if they do not answer."""
    spec = world.spec
    instrument = world.campaign.instrument
    if label == world.target and number == world.target_round:
        if world.variant == SILENT:
            return None
        # The twins differ in every answer and in the comment, as far apart as the scale goes.
        value = 1 if world.variant == BASE else 5
        return answers_for(instrument, value=value), f"The target's remark ({world.variant})."
    rng = rng_for(spec, "answers", number, label)
    if rng.random() >= spec.answer_rate:
        return None
    comment = f"Remark of {label} in round {number}." if rng.random() < spec.comment_rate else ""
    return answers_for(instrument, rng=rng), comment


def answer(world: World, round_: Round, label: str) -> bool:
    chosen = _answers(world, label, round_.number)
    if chosen is None:
        return False
    answers, comment = chosen
    services.response_submit(
        round_id=round_.pk,
        user=world.people[label],
        answers=answers,
        comment=comment,
        today=round_.opens_on,
    )
    return True


def build(
    spec: Spec,
    variant: str = BASE,
    *,
    after_close: Callable[[World, Round], None] | None = None,
    while_open: Callable[[World, Round, Callable[[], object]], None] | None = None,
) -> World | None:
    """Build the world round by round, calling ``after_close`` once each round is closed (on
    the day the attacker looks) and ``while_open`` in the middle of the last round, with a
    function that lets one more person answer. None when too few people to open a round."""
    world = World(spec=spec, variant=variant)
    with on_day(DAY_ZERO - datetime.timedelta(days=1)):
        build_chart(world)
    for index in range(spec.rounds):
        opens_on = DAY_ZERO + datetime.timedelta(days=ROUND_INTERVAL * index)
        with on_day(opens_on, hour=8):
            if index:
                apply_churn(world, index - 1)
            try:
                services.campaign_transition(
                    campaign=world.campaign, to=CampaignStatus.OPEN, by=None, today=opens_on
                )
            except services.InsightsError:
                return None if index == 0 else world
            round_ = world.campaign.rounds.get(number=index + 1)
        labels = sorted(
            _label_of(world, participation.user)
            for participation in round_.participations.select_related("user")
        )
        with on_day(opens_on):
            waiting = [label for label in labels if label != world.target]
            last = index == spec.rounds - 1 and while_open is not None
            # In the last round, one person (neither a persona nor the target) answers while
            # the attacker watches; everyone else answers before.
            watched = _watched(world, round_, waiting) if last else None
            for label in labels:
                if label != watched:
                    answer(world, round_, label)
            if watched is not None:
                while_open(world, round_, _answering(world, round_, watched))
        closes_on = round_.closes_on
        with on_day(closes_on, hour=18):
            services.campaign_transition(
                campaign=world.campaign, to=CampaignStatus.CLOSED, by=None, today=closes_on
            )
            round_.refresh_from_db()
            _releases(world, round_)
        world.closed.append(round_.number)
        if after_close is not None:
            with on_day(closes_on + datetime.timedelta(days=spec.look_days), hour=13):
                after_close(world, round_)
    return world


def _answering(world: World, round_: Round, label: str) -> Callable[[], bool]:
    return lambda: answer(world, round_, label)


def _watched(world: World, round_: Round, labels: list[str]) -> str | None:
    personas = {user.pk for user in world.personas.values()}
    for label in labels:
        if world.people[label].pk not in personas and _answers(world, label, round_.number):
            return label
    return None


def _releases(world: World, round_: Round) -> None:
    """Teams with a team lead share some of their results up the line, or not."""
    for code in sorted(world.led):
        rng = rng_for(world.spec, "release", round_.number, code)
        if rng.random() < 0.5:
            continue
        parts = rng.sample(["psychological-safety", "innovation-support", "comments"], 2)
        services.release_share(
            round_=round_, unit_code=code, by=world.led[code], parts=parts, today=round_.closed_on
        )


# --- What each persona may reach, by the rules of docs/access.md ---------------------------------


def reach(world: World, persona: str, round_: Round) -> list[str]:
    """The units of the round's chart the persona may see, by the access rules written out
    independently of the product: their own unit, and each unit below a unit their team-lead or
    HR role is on (the role's unit found in the round's snapshot by its code)."""
    user = world.personas[persona]
    path_of = dict(round_.chart)
    own = StaffRecord.objects.filter(user=user).values_list("unit__code", flat=True).first()
    codes = {own} if own in path_of else set()
    roots = [
        path_of[code]
        for code in user.role_assignments.filter(role__in=[Role.HR, Role.TEAM_LEAD]).values_list(
            "unit__code", flat=True
        )
        if code in path_of
    ]
    codes |= {code for code, path in path_of.items() if any(map(path.startswith, roots))}
    return sorted(codes, key=lambda code: path_of[code])


# --- The attacker's reading ----------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    """One thing a reader can tell apart, with the groups it is about.

    ``kind``: "status" (the HTTP answer), "state" (released or which marker, the count, the
    rate, what is not shared yet), "figure" (a score or share of a released group), "text"
    (comments) or "page" (an HTML page's main content as a whole). ``groups`` are
    ``(family, round, scope, unit, attribute, value)``.
    """

    kind: str
    value: object
    groups: frozenset = frozenset()


Observations = dict[tuple, Observation]
_TOKENS = re.compile(r'((?:csrfmiddlewaretoken" value|nonce)=)"[^"]*"')
_MAIN = re.compile(r"<main.*?</main>", re.S)
_TD = re.compile(r'<td(?: class="([^"]*)")?>(.*?)</td>', re.S)
_REASON = re.compile(r'data-reason="([a-z_]+)"')
_TAGS = re.compile(r"<[^>]+>")
_COMMENT_LIST = re.compile(r'(<ul class="comment-list">)(.*?)(?=</ul>)', re.S)
_ROW = re.compile(
    r'<tr><th scope="row" class="heatmap-table__unit[^"]*"><a href="[^"]*/units/'
    r'([^/]+)/[^"]*">.*?</a></th>(.*?)</tr>',
    re.S,
)


_COMPARE = re.compile(
    r'<select name="compare"[^>]*>(?:(?!</select>).)*?<option value="([a-z]+)" selected>', re.S
)


def _compared_groups(
    kind: str, round_: Round, codes: list[str], attribute: str, value: str
) -> Callable[[str], list[tuple]]:
    """The groups a heatmap row of ``round_`` is compared with, for the comparison the page
    names (its form's selected "compare" option): the survey's top unit, the unit above, or the
    same unit in the round before, each as a subtree with the same filter, when in reach."""
    path_of = dict(round_.chart)
    code_of = {path: code for code, path in round_.chart}
    number = round_.number
    if kind == "organisation":
        top = min(path_of, key=lambda code: (len(path_of[code]), path_of[code]))
        found = [group("scores", number, "subtree", top, attribute, value)] if top in codes else []
        return lambda code: found
    if kind == "parent":

        def parent(code: str) -> list[tuple]:
            above = code_of.get(path_of.get(code, "")[:-4])
            if above is None or above not in codes:
                return []
            return [group("scores", number, "subtree", above, attribute, value)]

        return parent
    assert kind == "previous", kind
    if number == 1:
        return lambda code: []
    earlier = set(dict(Round.objects.get(campaign=round_.campaign, number=number - 1).chart))
    return lambda code: (
        [group("scores", number - 1, "subtree", code, attribute, value)] if code in earlier else []
    )


def _cell(css: str | None, html: str) -> tuple:
    """A table cell as a reader tells it apart: a marker (with its reason), the team-first
    marker, or the value with its colour band."""
    reason = _REASON.search(html)
    if reason:
        return ("marker", reason.group(1))
    if "withheld" in html:
        return ("withheld", _TAGS.sub("", html).strip())
    return ("value", unescape(_TAGS.sub("", html)).strip(), css or "")


def group(family: str, round_number, scope: str, code: str, attribute="", value="") -> tuple:
    return (family, int(round_number), scope, code, attribute or "", value or "")


def _split_filter(raw: str) -> tuple[str, str]:
    attribute, _sep, value = raw.partition(":")
    return attribute, value


class Attacker:
    """The personas' test clients, and everything they read, as observations.

    What is read, per persona and closed round (the request budget of a CI run decides the
    split; nothing a persona may reach is left out):

    - **the grid**, at every reading: the API heatmap from each root of the persona's reach,
      for both scopes and every filter value the report forms offer. It holds every group the
      persona may see, with its figures, marker or state;
    - **every other output**, the first time the round is read: the heatmap page, both exports
      (both scopes), each reachable unit's page (both scopes) and the API's unit answer, the
      comments (page and API), for every filter value some invited person of the round is
      stored with. A value nobody is stored with can only give markers: the grid reads those;
    - **the trends** of every reachable unit (page and API, both scopes), at every reading.

    The outsider only checks that the grid, a unit and the rounds are refused.
    """

    def __init__(self, world: World, *, filtered: bool = True):
        self.world = world
        self.pk = world.campaign.pk
        self.filtered = filtered
        self.seen: Observations = {}
        self.read_in_full: set[tuple[str, int]] = set()
        self.requests = 0

    def _client(self, persona: str) -> Client:
        client = Client()
        client.force_login(
            self.world.personas[persona], backend="django.contrib.auth.backends.ModelBackend"
        )
        return client

    def read_everything(self, moment: object = "") -> Observations:
        """Every output of every closed round each persona may ask for, as observations."""
        found: Observations = {}
        rounds = [r for r in self.world.rounds() if r.closed_on is not None]
        for persona in PERSONAS:
            reader = _Reader(self._client(persona), self.pk, persona, found)
            if persona == "outsider":
                reader.refused(rounds)
                self.requests += reader.requests
                continue
            reachable_any: set[str] = set()
            for round_ in rounds:
                codes = reach(self.world, persona, round_)
                reachable_any |= set(codes)
                reader.grid(round_, codes)
                if (persona, round_.number) not in self.read_in_full:
                    self.read_in_full.add((persona, round_.number))
                    values = stored_filters(round_) if self.filtered else ("",)
                    reader.every_output(round_, codes, values)
            reader.trends(sorted(reachable_any))
            self.requests += reader.requests
        self.seen.update({(moment, *key): obs for key, obs in found.items()})
        return found


def stored_filters(round_: Round) -> tuple[str, ...]:
    """No filter, and every filter value some invited person of the round is stored with."""
    rows = Invitee.objects.filter(round=round_).values_list("language", "grade_band").distinct()
    values = {f"language:{language}" for language, _grade in rows if language}
    values |= {f"grade_band:{grade}" for _language, grade in rows if grade}
    return ("", *sorted(values))


def _roots(codes: list[str], path_of: dict[str, str]) -> list[str]:
    return [
        code
        for code in codes
        if not any(path_of[code].startswith(path_of[other]) and other != code for other in codes)
    ]


class _Reader:
    def __init__(self, client: Client, pk: int, persona: str, found: Observations):
        self.client = client
        self.pk = pk
        self.persona = persona
        self.found = found
        self.requests = 0
        self.base = f"/en/insights/campaigns/{pk}"
        self.api = f"/api/insights/campaigns/{pk}"

    def _get(self, url: str, query: dict) -> object:
        response = self.client.get(url, query)
        self.requests += 1
        address = (self.persona, self._without_pk(url), tuple(sorted(query.items())))
        self.found[(*address, "status")] = Observation("status", response.status_code)
        if response.status_code in (403, 404):
            return None
        assert response.status_code == 200, (self.persona, url, query, response.status_code)
        return response

    def _without_pk(self, text: str) -> str:
        """Twin worlds get different campaign ids on PostgreSQL, whose sequences a rolled-back
        transaction does not reset: pages and addresses compare with the id left out."""
        return text.replace(f"/campaigns/{self.pk}/", "/campaigns/PK/").replace(
            f"/campaigns/{self.pk}", "/campaigns/PK"
        )

    def _add(self, address: tuple, kind: str, value, groups: Iterable[tuple]) -> None:
        self.found[(self.persona, *address)] = Observation(kind, value, frozenset(groups))

    def _page(self, url: str, query: dict, response, groups: Iterable[tuple]) -> str:
        body = response.content.decode()
        main = _MAIN.search(body).group(0)
        main = self._without_pk(_TOKENS.sub(r'\1""', main))
        # Comments in a shuffle keyed by random ids: compared as a multiset (see the API's).
        main = _COMMENT_LIST.sub(
            lambda m: m.group(1) + "".join(sorted(re.findall(r"<li>.*?</li>", m.group(2), re.S))),
            main,
        )
        self._add(
            ("page", self._without_pk(url), tuple(sorted(query.items()))), "page", main, groups
        )
        return main

    # Figures of one group, from any output, under one address each.

    def _api_row(self, address: tuple, row: dict, family: str = "scores") -> tuple:
        key = group(
            family, row["round"], row["scope"], row["unit"], row["filter"], row["filter_value"]
        )
        figure = row["figure"]
        if row["status"] == "released":
            figures = dict(figure["figures"])
            rate = figures.pop("rate", None)
            state = ("released", figure["n"], rate, tuple(row["not_shared"]), row["shared_on"])
            for measure, value in sorted(figures.items()):
                self._add((*address, key, measure), "figure", value, [key])
        elif row["status"] == "suppressed":
            assert set(figure) == {"key", "suppressed", "reason"}, figure
            state = ("suppressed", figure["reason"])
        else:
            assert figure is None, row
            state = ("not_shared_yet", row["shared_on"])
        self._add((*address, key, "state"), "state", state, [key])
        return key

    def _table_row(self, address: tuple, key: tuple, record: dict) -> None:
        """A CSV or XLSX row: markers in every cell of a hidden group."""
        n, rate = record.pop("n"), record.pop("rate")
        if isinstance(n, str) and n.startswith("["):
            assert all(str(v).startswith("[") for v in (rate, *record.values())), record
            self._add((*address, key, "state"), "state", ("marker", n), [key])
            return
        self._add((*address, key, "state"), "state", ("released", int(n), str(rate)), [key])
        for measure, value in sorted(record.items()):
            self._add((*address, key, measure), "figure", str(value), [key])

    def _table(self, address: tuple, records: Iterable[dict]) -> list[tuple]:
        keys = []
        for record in records:
            key = group(
                "scores",
                record.pop("round"),
                record.pop("scope"),
                record.pop("unit_code"),
                record.pop("filter"),
                record.pop("filter_value"),
            )
            record.pop("unit")
            self._table_row(address, key, record)
            keys.append(key)
        return keys

    # The outputs.

    def refused(self, rounds: list[Round]) -> None:
        """An outsider: the rounds, the grid and a unit answer "not yours", and a page 404s."""
        assert self._get(f"{self.api}/rounds", {}) is None
        for round_ in rounds:
            code = round_.chart[0][0]
            query = {"round": round_.number, "depth": 64}
            assert self._get(f"{self.api}/heatmap", query) is None
            assert self._get(f"{self.api}/units/{code}", {"round": round_.number}) is None
            assert self._get(f"{self.base}/units/{code}/", {"round": round_.number}) is None

    def grid(self, round_: Round, codes: list[str]) -> None:
        number = round_.number
        for root in _roots(codes, dict(round_.chart)):
            for raw in FILTERS:
                for scope in SCOPES:
                    query = {"round": number, "filter": raw, "scope": scope, "depth": 64}
                    response = self._get(f"{self.api}/heatmap", {**query, "root": root})
                    assert response is not None, (self.persona, root, query)
                    for row in response.json()["rows"]:
                        self._api_row(("api-heatmap", root, raw), row)
        # A unit beyond the persona's reach answers "not yours".
        beyond = [code for code, _path in round_.chart if code not in codes]
        if beyond:
            response = self._get(f"{self.api}/units/{beyond[0]}", {"round": number})
            assert response is None, (self.persona, beyond[0], "read out of reach")

    def every_output(self, round_: Round, codes: list[str], filters: Iterable[str]) -> None:
        number = round_.number
        for raw in filters:
            for root in _roots(codes, dict(round_.chart)):
                self._heatmap_page(
                    {"round": number, "filter": raw, "depth": "all", "root": root}, round_, codes
                )
                for scope in SCOPES:
                    query = {"round": number, "filter": raw, "scope": scope, "depth": "all"}
                    for fmt in ("csv", "xlsx"):
                        self._export(fmt, {**query, "root": root})
            for code in codes:
                for scope in SCOPES:
                    query = {"round": number, "scope": scope, "filter": raw}
                    self._team_page(code, query)
                    if not raw:
                        # A subtree holding units beyond the persona's reach answers "not
                        # yours", like the page.
                        response = self._get(f"{self.api}/units/{code}", query)
                        if response is not None:
                            self._api_row(("api-unit",), response.json())
        for code in codes:
            for scope in SCOPES:
                query = {"round": number, "scope": scope}
                response = self._get(f"{self.api}/units/{code}/comments", query)
                if response is not None:
                    body = response.json()
                    key = self._api_row(("api-comments",), body["group"], family="comments")
                    # As a multiset: the order is a shuffle keyed by the responses' random ids,
                    # stable for a round (the before-and-after compares it as a page) but drawn
                    # anew in a twin world.
                    texts = tuple(sorted(body["comments"]))
                    self._add(("api-comments", key, "texts"), "text", texts, [key])
                self._comments_page(code, number, scope)

    def trends(self, codes: list[str]) -> None:
        response = self._get(f"{self.api}/rounds", {})
        if response is not None:
            self._add(("api-rounds",), "state", repr(response.json()), [])
        for code in codes:
            for scope in SCOPES:
                response = self._get(f"{self.api}/units/{code}/trend", {"scope": scope})
                if response is not None:
                    for row in response.json():
                        self._api_row(("api-trend",), row)
                self._trends_page(code, scope)

    def _export(self, fmt: str, query: dict) -> None:
        url = f"{self.base}/export.{fmt}"
        response = self._get(url, query)
        if response is None:
            return
        address = (f"export-{fmt}", query.get("root", ""), query["filter"])
        if fmt == "csv":
            records = list(csv.DictReader(io.StringIO(response.content.decode())))
        else:
            from openpyxl import load_workbook

            workbook = load_workbook(io.BytesIO(response.content), read_only=True)
            rows = list(workbook.active.iter_rows(values_only=True))
            records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        for record in records:
            for column, value in record.items():
                if value is None:
                    record[column] = ""
        self._table(address, records)

    def _heatmap_page(self, query: dict, round_: Round, codes: list[str]) -> None:
        url = f"{self.base}/heatmap/"
        response = self._get(url, query)
        if response is None:
            return
        main = _MAIN.search(response.content.decode()).group(0)
        attribute, value = _split_filter(query["filter"])
        keys = []
        number = query["round"]
        # The colours, signs and differences of a cell also read the group it is compared with.
        compared = _COMPARE.search(main)
        assert compared is not None, "the heatmap names its comparison"
        compared_with = _compared_groups(compared.group(1), round_, codes, attribute, value)
        for code, cells in _ROW.findall(main):
            key = group("scores", number, "subtree", unescape(code), attribute, value)
            keys.append(key)
            parsed = [_cell(css, html) for css, html in _TD.findall(cells)]
            address = ("html-heatmap", query.get("root", ""), query["filter"], key)
            self._add((*address, "state"), "state", parsed[0], [key])
            others = compared_with(unescape(code))
            for index, cell in enumerate(parsed[1:]):
                kind = "figure" if cell[0] == "value" else "state"
                self._add((*address, index), kind, cell, [key, *others])
            keys.extend(others)
        self._page(url, query, response, list(dict.fromkeys(keys)))

    def _team_page(self, code: str, query: dict) -> None:
        url = f"{self.base}/units/{code}/"
        response = self._get(url, query)
        if response is None:
            return
        main = _MAIN.search(response.content.decode()).group(0)
        attribute, value = _split_filter(query["filter"])
        key = group("scores", query["round"], query["scope"], code, attribute, value)
        table = main[main.index('class="results-table"') : main.index("</table>")]
        # The change since the previous round reads the same group in that round.
        since = [key]
        if "Change since round" in table:
            since.append(
                group("scores", int(query["round"]) - 1, query["scope"], code, attribute, value)
            )
        body = table[table.index("<tbody>") :]
        for line, row in enumerate(re.findall(r"<tr>(.*?)</tr>", body, re.S)):
            for column, (css, html) in enumerate(_TD.findall(row)):
                cell = _cell(css, html)
                # The first two rows are the count and the response rate; then each measure's
                # figure, its share of favourable answers and its change.
                kind = "figure" if line >= 2 and cell[0] == "value" else "state"
                groups = since if line >= 2 and column == 2 else [key]
                self._add(("html-team", key, line, column), kind, cell, groups)
        self._page(url, query, response, since)

    def _comments_page(self, code: str, number: int, scope: str) -> None:
        url = f"{self.base}/units/{code}/comments/"
        query = {"round": number, "scope": scope}
        response = self._get(url, query)
        if response is None:
            return
        main = _MAIN.search(response.content.decode()).group(0)
        key = group("comments", number, scope, code)
        texts = tuple(
            sorted(
                unescape(_TAGS.sub("", text)).strip()
                for text in re.findall(r"<blockquote>(.*?)</blockquote>", main, re.S)
            )
        )
        reason = _REASON.search(main)
        withheld = "withheld" in main
        state = (
            ("marker", reason.group(1)) if reason else ("withheld",) if withheld else ("released")
        )
        self._add(("html-comments", key, "state"), "state", state, [key])
        self._add(("html-comments", key, "texts"), "text", texts, [key])
        self._page(url, query, response, [key])

    def _trends_page(self, code: str, scope: str) -> None:
        url = f"{self.base}/units/{code}/trends/"
        query = {"scope": scope}
        response = self._get(url, query)
        if response is None:
            return
        main = _MAIN.search(response.content.decode()).group(0)
        numbers = [int(n) for n in re.findall(r'<th scope="col">Round (\d+)</th>', main)]
        table = main[main.index("<tbody>") :]
        keys = [group("scores", n, scope, code) for n in numbers]
        for line_index, line in enumerate(re.findall(r"<tr>(.*?)</tr>", table, re.S)):
            for key, (css, html) in zip(keys, _TD.findall(line), strict=True):
                cell = _cell(css, html)
                kind = "figure" if line_index and cell[0] == "value" else "state"
                self._add(("html-trends", key, line_index), kind, cell, [key])
        self._page(url, query, response, keys)


# --- Who is in which group, from the stored rows -------------------------------------------------


def path_in(round_: Round, code: str) -> str:
    return dict(round_.chart).get(code, "")


def in_group(key: tuple, round_: Round, stored: tuple[str, str, str]) -> bool:
    """Whether an answer stored with ``stored`` (unit code, language, level) in ``round_``
    belongs to the group ``key``, by the plain rule: a unit's own people or its subtree by
    path prefix in the round's snapshot, and the attribute value if filtered."""
    _family, number, scope, code, attribute, value = key
    if number != round_.number:
        return False
    unit_code, language, grade = stored
    path, group_path = path_in(round_, unit_code), path_in(round_, code)
    if not path or not group_path:
        return False
    inside = unit_code == code if scope == "unit" else path.startswith(group_path)
    values = {"language": language, "grade_band": grade}
    return inside and (not attribute or values[attribute] == value)
