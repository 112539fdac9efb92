# SPDX-License-Identifier: EUPL-1.2
"""The property-based attacker on 360 feedback, end to end (issue 13, point 7).

Hypothesis draws an owner and the people around them: peers, direct reports (from the chart),
other colleagues, perhaps a recorded line manager, people outside the organisation and the
owner's own outside addresses. Over two or three rounds the owner chooses raters from them (a
different subset each round), the list is reviewed and sent through the product's services,
raters answer (or not; some leave a skill out) through the link service, and the owner closes
the round. After each close the owner reads every report and round page of every closed round,
and the person they shared each report with reads it too, through the test client.

The properties:

- **Never one rater.** Every figure the owner can read about anonymous raters (each group's
  count, each group's and the total's score per skill), over every report of every round, is
  checked against who answered (the test knows): the figure is the mean of those raters, and
  no combination of figures, within a report or across rounds, isolates fewer than the minimum
  of raters (every cell of "who is in which shown figure" is empty or holds the minimum).
- **Twin worlds.** Two worlds that differ only in one colleague's answers in one round give
  the same pages, counts and states, and differ only in figures of shown groups that colleague
  is in.
- **Before and after.** While the last round is open, the report and the round page read the
  same before and after one more rater answers, but for the count of answers.
- **The rows alone.** Once a round is closed, no column of a stored answer points to its
  invitation or to anyone, the invitations keep no address, name, account or time, and the rater
  group stored with each colleague's answer is shared by at least the minimum of raters who
  answered.
"""

from __future__ import annotations

import os
import random
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from html import unescape
from itertools import chain

import pytest
from django.db import models, transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from elan.assessments.tests.factories import answers_for, instrument, submitted_assessment
from elan.core.vocabulary import InnovationSkill
from elan.feedback import services
from elan.feedback.constants import ANONYMOUS_GROUPS, Relationship
from elan.feedback.models import FeedbackRound, Invitation, RaterAnswer, RaterResponse
from elan.feedback.tests.factories import invite, open_round, send_list
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.tests.factories import UnitFactory, person_in
from elan.skills.models import Competency
from elan.skills.multilingual import localize

# A report is a few pages; a nightly run can ask for more worlds.
EXAMPLES = int(os.environ.get("ELAN_ATTACKER_EXAMPLES", "8"))
SETTINGS = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "derandomize": True,
    # Shrinking a failing world replays it hundreds of times (minutes each on PostgreSQL): CI
    # reports the world as found; ELAN_ATTACKER_SHRINK=1 shrinks it on a developer's machine.
    "phases": [Phase.explicit, Phase.reuse, Phase.generate]
    + ([Phase.shrink] if os.environ.get("ELAN_ATTACKER_SHRINK") else []),
}
SKILLS = tuple(InnovationSkill.values)
GROUP_OF_LABEL = {
    "Your raters": "all",
    "Peers": "peer",
    "Direct reports": "direct_report",
    "Others": "other",
    "Your line manager": "manager",
    "Raters outside the organisation": "external",
    "You": "self",
}
BASE, OTHER_ANSWERS = "base", "other_answers"


@dataclass(frozen=True)
class Spec:
    seed: int
    rounds: int
    peers: int
    reports: int
    others: int
    manager: bool
    externals: int
    aliases: int  # outside addresses that are the owner's own
    include: float  # the share of the pool the owner lists in a round
    answer_rate: float
    skip_rate: float
    target_pick: int
    target_round: int


@st.composite
def specs(draw) -> Spec:
    rounds = draw(st.integers(2, 3))
    return Spec(
        seed=draw(st.integers(0, 2**32 - 1)),
        rounds=rounds,
        peers=draw(st.integers(1, 6)),
        reports=draw(st.integers(0, 4)),
        others=draw(st.integers(0, 3)),
        manager=draw(st.booleans()),
        externals=draw(st.integers(0, 2)),
        aliases=draw(st.integers(0, 2)),
        include=draw(st.sampled_from([0.7, 1.0])),
        answer_rate=draw(st.sampled_from([0.8, 1.0])),
        skip_rate=draw(st.sampled_from([0.0, 0.2])),
        target_pick=draw(st.integers(0, 50)),
        target_round=draw(st.integers(1, 3)),
    )


def rng_for(spec: Spec, *purpose) -> random.Random:
    return random.Random(":".join(str(part) for part in (spec.seed, *purpose)))


@dataclass
class Rater:
    label: str
    relationship: str
    email: str
    user: object = None
    language: str = "en"

    @property
    def anonymous(self) -> bool:
        return self.relationship in ANONYMOUS_GROUPS


@dataclass
class Answered:
    """What the test knows and the product must never show one by one: who answered a round,
    in which group, and their score per skill (None for a skill left out)."""

    relationship: str
    scores: dict[str, int | None]
    commented: bool


@dataclass
class World:
    spec: Spec
    variant: str
    owner: object = None
    reader: object = None  # whom the owner shares each report with
    pool: list[Rater] = field(default_factory=list)
    rounds: list[FeedbackRound] = field(default_factory=list)
    answered: dict[int, dict[str, Answered]] = field(default_factory=dict)  # round -> label
    shares: dict[int, object] = field(default_factory=dict)  # round number -> share
    target: str = ""
    target_round: int = 1


def build_people(world: World) -> None:
    spec = world.spec
    organisation = UnitFactory(code="ORG-360")
    team = UnitFactory(parent=organisation, code="TEAM-360")
    elsewhere = UnitFactory(parent=organisation, code="OTHER-360")
    hr = person_in(organisation, first_name="Hannah", last_name="HR")
    organisation_services.role_assign(user=hr, role=Role.HR, unit=organisation)
    manager = person_in(organisation, first_name="Max", last_name="Manager")
    owner = person_in(
        team,
        manager=manager if spec.manager else None,
        email="owner@elan.test",
        first_name="Olga",
        last_name="Owner",
    )
    submitted_assessment(owner, dict.fromkeys(SKILLS, 3))
    world.owner, world.reader = owner, manager if spec.manager else hr
    rng = rng_for(spec, "people")

    def colleague(unit, relationship, label, manager=None):
        language = rng.choice(["nl", "nl", "fr", "en"])
        user = person_in(
            unit,
            manager=manager,
            email=f"{label}@elan.test",
            first_name=label,
            last_name="Rater",
            preferred_language=language,
        )
        world.pool.append(Rater(label, relationship, user.email, user, language))

    for n in range(spec.peers):
        colleague(team, Relationship.PEER, f"peer{n}")
    for n in range(spec.reports):
        colleague(team, Relationship.DIRECT_REPORT, f"report{n}", manager=owner)
    for n in range(spec.others):
        colleague(elsewhere, Relationship.OTHER, f"other{n}")
    if spec.manager:
        world.pool.append(Rater("manager", Relationship.MANAGER, manager.email, manager, "en"))
    for n in range(spec.externals):
        world.pool.append(
            Rater(f"ext{n}", Relationship.EXTERNAL, f"ext{n}@outside.example", None, "fr")
        )
    for n in range(spec.aliases):
        world.pool.append(
            Rater(f"alias{n}", Relationship.EXTERNAL, f"owner.alias{n}@outside.example")
        )
    anonymous = sorted(r.label for r in world.pool if r.anonymous)
    world.target = anonymous[spec.target_pick % len(anonymous)]
    world.target_round = (spec.target_round - 1) % spec.rounds + 1


def chosen(world: World, number: int) -> list[Rater]:
    """The raters the owner lists in a round: a subset of the pool, the target always."""
    rng = rng_for(world.spec, "listed", number)
    return [
        rater
        for rater in world.pool
        if rater.label == world.target or rng.random() < world.spec.include
    ]


def scores_of(world: World, rater: Rater, number: int) -> tuple[dict, str] | None:
    """A rater's score per skill (None: left out) and comment, or None if they do not answer."""
    spec = world.spec
    if rater.label == world.target and number == world.target_round:
        value = 1 if world.variant == BASE else 5
        return dict.fromkeys(SKILLS, value), f"The target's remark ({world.variant})."
    rng = rng_for(spec, "answer", number, rater.label)
    if rater.label != world.target and rng.random() >= spec.answer_rate:
        return None
    if rater.label.startswith("alias"):
        return dict.fromkeys(SKILLS, 5), "Brilliant, as ever."  # the owner rating themselves
    scores = {skill: rng.randint(1, 5) for skill in SKILLS}
    if rng.random() < spec.skip_rate:
        scores[rng.choice(SKILLS)] = None
    comment = f"Remark of {rater.label} in round {number}." if rng.random() < 0.6 else ""
    return scores, comment


def rate(world: World, number: int, rater: Rater, secret: str) -> bool:
    found = scores_of(world, rater, number)
    if found is None:
        return False
    scores, comment = found
    services.response_submit(
        secret=secret,
        answers=answers_for(instrument(), {s: v for s, v in scores.items() if v is not None}),
        comment=comment,
        language=rater.language,
    )
    world.answered.setdefault(number, {})[rater.label] = Answered(
        rater.relationship, scores, bool(comment)
    )
    return True


def build(spec: Spec, variant: str = BASE, *, after_close=None, while_open=None) -> World:
    world = World(spec=spec, variant=variant)
    build_people(world)
    owner = world.owner
    for number in range(1, spec.rounds + 1):
        round_ = open_round(owner)
        # The owner's own addresses never count among colleagues.
        for alias in (r for r in world.pool if r.label.startswith("alias")):
            with pytest.raises(services.FeedbackError):
                invite(round_, Relationship.PEER, email=alias.email)
        listed = chosen(world, number)
        secrets = {
            rater.label: invite(round_, rater.relationship, email=rater.email)[1]
            for rater in listed
        }
        round_ = send_list(round_)
        watched = None
        if number == spec.rounds and while_open is not None:
            watched = next(
                (r for r in listed if r.label != world.target and scores_of(world, r, number)),
                None,
            )
        for rater in listed:
            if rater is not watched:
                rate(world, number, rater, secrets[rater.label])
        if watched is not None:
            while_open(world, round_, partial(rate, world, number, watched, secrets[watched.label]))
        round_ = services.round_close(owner=owner, round_=round_)
        world.rounds.append(round_)
        world.shares[number] = services.report_share_create(
            owner=owner, round_=round_, grantee=world.reader
        )
        if after_close is not None:
            after_close(world, round_)
    return world


# --- Reading, as the owner and the person they share with -------------------------------------

_TOKENS = re.compile(r'((?:csrfmiddlewaretoken" value|nonce)=)"[^"]*"')
_MAIN = re.compile(r"<main.*?</main>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_COMMENT_LIST = re.compile(r'(<ul class="comment-list"[^>]*>)(.*?)(?=</ul>)', re.S)
_ANSWERED = re.compile(r"(\d+) of (\d+) raters? answered")


def text(html: str) -> str:
    return unescape(_TAGS.sub("", html)).strip()


@dataclass(frozen=True)
class Observation:
    kind: str  # "status", "state", "figure", "text" or "page"
    value: object
    groups: frozenset = frozenset()  # (round, group) or (round, group, skill)


def read_everything(world: World) -> dict[tuple, Observation]:
    skill_of = {
        localize(c.name, "en").text: c.slug for c in Competency.objects.filter(slug__in=SKILLS)
    }
    found: dict[tuple, Observation] = {}
    owner, reader = Client(), Client()
    owner.force_login(world.owner, backend="django.contrib.auth.backends.ModelBackend")
    reader.force_login(world.reader, backend="django.contrib.auth.backends.ModelBackend")
    for number, round_ in enumerate(world.rounds, start=1):
        share = world.shares.get(number)
        pages = [
            ("owner", "report", owner, f"/en/feedback/{round_.public_id}/report/"),
            ("owner", "round", owner, f"/en/feedback/{round_.public_id}/"),
        ]
        if share is not None:
            pages.append(("reader", "report", reader, f"/en/feedback/shared-with-me/{share.pk}/"))
        for who, kind, client, url in pages:
            response = client.get(url)
            found[(who, number, kind, "status")] = Observation("status", response.status_code)
            assert response.status_code == 200, (who, url, response.status_code)
            main = _MAIN.search(response.content.decode()).group(0)
            main = _TOKENS.sub(r'\1""', main)
            for ids, name in ((round_.public_id, "ROUND"), (getattr(share, "pk", None), "SHARE")):
                if ids is not None:
                    main = main.replace(str(ids), name).replace(ids.hex[:8], name)
            # Comments come in a shuffle keyed by the answers' random ids: the same on every
            # look at a report, drawn anew in a twin world. They are compared as a multiset.
            main = _COMMENT_LIST.sub(
                lambda m: m.group(1) + "".join(sorted(re.findall(r"<li>.*?</li>", m.group(2)))),
                main,
            )
            if kind == "report":
                _report(found, (who, number), number, main, skill_of)
            counts = _ANSWERED.search(text(main))
            if counts:
                found[(who, number, kind, "answered")] = Observation(
                    "state", counts.groups(), frozenset({(number, "answered")})
                )
            found[(who, number, kind, "page")] = Observation(
                "page", main, frozenset({(number, "page")})
            )
    return found


def _report(found, address, number, main, skill_of) -> None:
    listed = re.search(r'id="rater-groups">(.*?)</(?:ul|p)>', main, re.S)
    if listed:
        for label, count in re.findall(r"<li>(.*?): (\d+) raters?</li>", listed.group(1)):
            group = GROUP_OF_LABEL[text(label)]
            found[(*address, "count", group)] = Observation(
                "state", int(count), frozenset({(number, group)})
            )
        found[(*address, "groups")] = Observation("state", text(listed.group(1)))
    for table in re.findall(r'<figure class="chart-with-table".*?</figure>', main, re.S):
        columns = [text(c) for c in re.findall(r'<th scope="col">(.*?)</th>', table, re.S)][1:]
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S):
            skill = skill_of[text(re.search(r'<th scope="row">(.*?)</th>', row, re.S).group(1))]
            for column, cell in zip(columns, re.findall(r"<td>(.*?)</td>", row, re.S), strict=True):
                group = GROUP_OF_LABEL[column]
                value = text(cell)
                found[(*address, "figure", group, skill)] = Observation(
                    "figure", value, frozenset({(number, group, skill)})
                )
    for list_id, group in (("comments", "all"), ("outside-comments", "external")):
        comments = re.search(rf'id="{list_id}">(.*?)</ul>', main, re.S)
        texts = (
            sorted(text(c) for c in re.findall(r"<p>(.*?)</p>", comments.group(1), re.S))
            if (comments)
            else []
        )
        found[(*address, "comments", group)] = Observation(
            "text", tuple(texts), frozenset({(number, group)})
        )


# --- The oracle: who is behind each figure -----------------------------------------------------


def members(world: World, number: int, group: str, skill: str | None = None) -> set[str]:
    """The colleagues behind a figure, by the report's plain rule: a group below the minimum
    of raters who answered counts in "others", and when "others" is then still below it,
    everyone does (a closed round stores them so); "all" is every colleague who answered; per
    skill, only those who scored it."""
    answered = {
        label: a
        for label, a in world.answered.get(number, {}).items()
        if a.relationship in ANONYMOUS_GROUPS
    }
    minimum = world.rounds[number - 1].min_raters
    size = {
        name: sum(a.relationship == name for a in answered.values()) for name in ANONYMOUS_GROUPS
    }

    def small(relationship: str) -> bool:
        return relationship != Relationship.OTHER and size[relationship] < minimum

    in_others = size[Relationship.OTHER] + sum(size[n] for n in ANONYMOUS_GROUPS if small(n))
    everyone_in_others = 0 < in_others < minimum

    def placed(relationship: str) -> str:
        pooled = everyone_in_others or small(relationship)
        return Relationship.OTHER if pooled else relationship

    return {
        label
        for label, a in answered.items()
        if (group == "all" or placed(a.relationship) == group)
        and (skill is None or a.scores.get(skill) is not None)
    }


def assert_no_figure_isolates_a_rater(world: World, seen: dict[tuple, Observation]) -> int:
    """Each figure about anonymous raters is theirs (the count, the mean of their scores), and
    no combination of figures isolates fewer than the minimum of raters. Figures of one skill
    are combined across groups and rounds; counts with counts: scores of two skills measure
    different things, and a count says who answered, not what (docs/anonymity.md, families)."""
    released: dict[tuple, set[str]] = {}
    for obs in seen.values():
        for key in obs.groups:
            if obs.kind == "state" and len(key) == 2 and isinstance(obs.value, int):
                number, group = key
                people = members(world, number, group)
                assert obs.value == len(people), (key, obs.value, sorted(people))
                released[("count", *key)] = people
            if obs.kind == "figure" and obs.value != "–" and key[1] in ("all", *ANONYMOUS_GROUPS):
                number, group, skill = key
                people = members(world, number, group, skill)
                scores = [world.answered[number][label].scores[skill] for label in people]
                # Shown with one decimal, rounded half up (elan/core/numbers.py).
                apart = statistics.fmean(scores) - float(obs.value) if people else None
                assert apart is not None and -0.051 < apart < 0.051, (key, obs.value, scores)
                released[(skill, *key)] = people
    minimum = world.rounds[0].min_raters
    for number, round_answers in world.answered.items():
        writers = [a for a in round_answers.values() if a.relationship in ANONYMOUS_GROUPS]
        shown = [o for k, o in seen.items() if k[1] == number and k[-2:] == ("comments", "all")]
        if any(o.value for o in shown):
            assert sum(a.commented for a in writers) >= minimum, number
    for family in {key[0] for key in released}:
        signature: dict[str, set] = {}
        for key, people in released.items():
            if key[0] == family:
                for label in people:
                    signature.setdefault(label, set()).add(key)
        cells: dict[frozenset, int] = {}
        for keys in signature.values():
            cells[frozenset(keys)] = cells.get(frozenset(keys), 0) + 1
        small = {keys: n for keys, n in cells.items() if n < minimum}
        assert not small, f"figures of {family} isolate raters: {small}"
    return len(released)


def assert_rows_point_to_no_rater(world: World) -> None:
    """What the database rows of closed rounds reveal on their own: no column of an answer
    points to an invitation or a person or holds a time finer than the day, the invitations
    keep no address, name, account or time, the language an answer was given in no longer
    pairs it with the invitation whose e-mails went out in that language, and no rater group
    smaller than the minimum keeps rater keys to pair its answers with."""
    concrete = {f.name: f for f in RaterResponse._meta.get_fields() if f.concrete}
    assert set(concrete) == {
        "id",
        "round",
        "relationship",
        "language",
        "answered_on",
        "scores",
        "comment",
    }
    assert not any(isinstance(f, models.DateTimeField) for f in concrete.values())
    assert {f.name for f in RaterAnswer._meta.get_fields() if f.concrete} == {
        "id",
        "response",
        "item",
        "value",
    }
    for round_ in world.rounds:
        kept = Invitation.objects.filter(round=round_).values_list(
            "email", "name", "user", "invited_at", "reminded_at"
        )
        assert set(kept) <= {("", "", None, None, None)}, "a closed round keeps rater details"
        languages = set(
            RaterResponse.objects.filter(round=round_).values_list("language", flat=True)
        )
        assert languages <= {""}, (round_.pk, languages)
        # A stored group pairs its answers with its keyed invitations: never fewer than the
        # minimum of them, or no keys at all.
        groups = Counter(
            RaterResponse.objects.filter(
                round=round_, relationship__in=ANONYMOUS_GROUPS
            ).values_list("relationship", flat=True)
        )
        keyed = Invitation.objects.filter(round=round_, answered=True).exclude(rater_key="")
        if groups and min(groups.values()) < round_.min_raters:
            assert not keyed.filter(relationship__in=ANONYMOUS_GROUPS).exists(), groups


# --- The properties --------------------------------------------------------------------------


@pytest.mark.django_db
@settings(max_examples=EXAMPLES, **SETTINGS)
@given(spec=specs())
def test_no_report_or_pair_of_rounds_ever_isolates_one_raters_scores(spec):
    with transaction.atomic():
        seen: dict[tuple, Observation] = {}

        def after_close(world, round_):
            seen.update({(len(world.rounds), *k): o for k, o in read_everything(world).items()})

        def while_open(world, round_, one_more_answers):
            world.rounds.append(round_)  # the open round's pages too
            before = read_everything(world)
            one_more_answers()
            after = read_everything(world)
            world.rounds.pop()
            changed = [
                key
                for key in before.keys() | after.keys()
                if before.get(key) != after.get(key) and key[-1] not in ("answered", "page")
            ]
            assert not changed, f"one more answer changed what the owner reads: {changed}"
            for key in before:
                if key[-1] == "page":
                    # The page differs by its count of answers, and by nothing else.
                    strip = _ANSWERED.sub("COUNT", before[key].value)
                    assert strip == _ANSWERED.sub("COUNT", after[key].value), key

        world = build(spec, after_close=after_close, while_open=while_open)
        assert_no_figure_isolates_a_rater(world, seen)
        assert_rows_point_to_no_rater(world)
        transaction.set_rollback(True)


def twin(spec, variant):
    with transaction.atomic():
        world = build(spec, variant)
        seen = read_everything(world)
        assert_no_figure_isolates_a_rater(world, seen)
        holding = {
            key
            for key in chain.from_iterable(obs.groups for obs in seen.values())
            if len(key) == 3
            and key[0] == world.target_round
            and world.target in members(world, key[0], key[1], key[2])
        }
        transaction.set_rollback(True)
    return seen, holding, world.target_round


@pytest.mark.django_db
@settings(max_examples=EXAMPLES, **SETTINGS)
@given(spec=specs())
def test_twin_worlds_that_differ_in_one_raters_answers_differ_only_in_groups_around_them(spec):
    base, holding, target_round = twin(spec, BASE)
    other, _holding, _round = twin(spec, OTHER_ANSWERS)
    assert base.keys() == other.keys()
    for key in base:
        one, two = base[key], other[key]
        if one == two:
            continue
        assert one.kind in ("figure", "text", "page"), f"a count or state moved: {key}"
        if one.kind == "figure":
            assert one.groups & holding, f"a figure without that rater moved: {key}"
        else:
            # Comments and pages: only the report of the round the twins differ in.
            assert key[1] == target_round, f"another round's page moved: {key}"


@pytest.mark.django_db
def test_the_rater_group_stored_with_an_answer_is_shared_by_the_minimum_of_answered_raters(
    personas,
):
    """The attacker's reading of a closed round's rows: three peers and the one direct report
    answered. Each answer keeps its group and each answered invitation its group and rater
    key, so a group with one answer would pair that answer with that key (and the key names
    the colleague to whoever also holds SECRET_KEY). Once closed, no stored group holds fewer
    than the minimum of answers, on either side."""
    owner = personas.line_manager  # the employee reports to them on the chart
    round_ = open_round(owner)
    secrets = [invite(round_, Relationship.PEER)[1] for _n in range(3)]
    secrets.append(invite(round_, Relationship.DIRECT_REPORT, email=personas.employee.email)[1])
    send_list(round_)
    for secret in secrets:
        services.response_submit(secret=secret, answers=answers_for(instrument(), 3))
    stored = Counter(RaterResponse.objects.values_list("relationship", flat=True))
    assert stored == {"peer": 3, "direct_report": 1}  # while open: the lone direct report
    round_ = services.round_close(owner=owner, round_=round_)
    stored = Counter(RaterResponse.objects.values_list("relationship", flat=True))
    keyed = Counter(
        Invitation.objects.filter(round=round_, answered=True)
        .exclude(rater_key="")
        .values_list("relationship", flat=True)
    )
    assert min(stored.values()) >= round_.min_raters
    assert keyed == stored  # the report's check of who answered where still holds
    report = Client()
    report.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    page = report.get(f"/en/feedback/{round_.public_id}/report/").content.decode()
    assert "Others: 4 raters" in page


@pytest.mark.django_db
def test_when_fewer_than_the_minimum_answered_no_answer_keeps_a_key_to_pair_with(personas):
    owner = personas.employee
    round_ = open_round(owner)
    secrets = [invite(round_, Relationship.PEER)[1] for _n in range(3)]
    send_list(round_)
    for secret in secrets[:2]:
        services.response_submit(secret=secret, answers=answers_for(instrument(), 3))
    services.round_close(owner=owner, round_=round_)
    assert RaterResponse.objects.count() == 2
    assert not Invitation.objects.exclude(rater_key="").exists()


@pytest.mark.django_db
def test_once_closed_no_answer_keeps_the_language_that_paired_it_with_its_invitation(personas):
    """The attacker's reading of the rows: three peers, one of them French-speaking, each
    answering on the page in their language. The French answer was the one French invitation's
    (its e-mails' language stays), so the language of the page goes when the round closes."""
    owner = personas.employee
    round_ = open_round(owner)
    peers = [
        person_in(personas.team, preferred_language=language, email=f"{language}{n}@elan.test")
        for n, language in enumerate(["nl", "nl", "fr"])
    ]
    secrets = [invite(round_, Relationship.PEER, email=peer.email)[1] for peer in peers]
    send_list(round_)
    for peer, secret in zip(peers, secrets, strict=True):
        services.response_submit(
            secret=secret,
            answers=answers_for(instrument(), 4),
            language=peer.preferred_language,
        )
    assert sorted(RaterResponse.objects.values_list("language", flat=True)) == ["fr", "nl", "nl"]
    services.round_close(owner=owner, round_=round_)
    assert set(RaterResponse.objects.values_list("language", flat=True)) == {""}
    # The e-mails' language stays with the invitations: it names no answer any more.
    assert sorted(Invitation.objects.values_list("language", flat=True)) == ["fr", "nl", "nl"]
    report = Client()
    report.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    page = report.get(f"/en/feedback/{round_.public_id}/report/").content.decode()
    assert "Peers: 3 raters" in page
