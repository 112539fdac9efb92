# SPDX-License-Identifier: EUPL-1.2
"""The survey instruments: their items, written in our own words, and what each one measures.

Items live in code rather than in the database because their wording is part of the
instrument's meaning: a changed item starts a new instrument version, never an edit in place,
or rounds would stop being comparable. Their translations come from this app's catalogue.

Answers are stored per *measure* with a numeric score, so that every instrument aggregates the
same way (a mean per measure): an agreement item scores 1 to 5 (reversed items are keyed back,
so 5 is always the favourable end); a yes/no or tick-box option scores 1 when chosen and 0
when not, so its mean is the share of respondents who chose it.

Sources of inspiration, not of wording: Amy Edmondson's work on psychological safety
(https://fearlessorganization.com/), the six principles of Nido's "Iedereen kan innoveren"
(elan.core.vocabulary.Principle), the OECD OPSI innovation playbook
(https://oecd-opsi.org/toolkits/innovation-playbook/) and the Nordic and Copenhagen innovation
barometers (https://innovationsbarometer.dk/en/).

The skills survey is the exception that proves the rule: its statements are the skills module's
self-assessment statements, read from that module's shipped item bank (see ``SKILLS`` below), so
the same words measure a person's profile and a team's picture, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from elan.core.vocabulary import InnovationSkill, Principle
from elan.insights.constants import InstrumentCode

SCALE = "scale"  # five-point agreement
CHOICE = "choice"  # one of a few options
MULTIPLE = "multiple"  # any number of tick boxes

MEAN = "mean"  # a measure shown as a mean on the 1-5 scale
SHARE = "share"  # a measure shown as the percentage of respondents

AGREEMENT_ANCHORS: tuple[tuple[int, Promise], ...] = (
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
)


@dataclass(frozen=True)
class Measure:
    code: str
    label: Promise
    kind: str = MEAN
    # The principle whose hub items help a team that scores low here (action plans).
    principle: str = ""
    # The innovation skill whose hub items help instead (elan.core.vocabulary.InnovationSkill).
    skill: str = ""


@dataclass(frozen=True)
class Option:
    code: str
    label: Promise
    measure: str = ""  # the measure a tick on this option counts towards


@dataclass(frozen=True)
class Item:
    code: str
    text: Promise
    kind: str = SCALE
    measure: str = ""  # for scale and choice items
    reverse: bool = False  # agreement means the unfavourable end
    options: tuple[Option, ...] = ()
    required: bool = True
    yes: str = ""  # for a choice item: the option that scores 1


@dataclass(frozen=True)
class Section:
    code: str
    label: Promise
    measures: tuple[str, ...]


@dataclass(frozen=True)
class Instrument:
    code: str
    version: int
    label: Promise
    introduction: Promise
    items: tuple[Item, ...]
    measures: tuple[Measure, ...]
    sections: tuple[Section, ...]
    comment_prompt: Promise
    # The labels of the five points of every scale item, and what the reports say about them.
    anchors: tuple[tuple[int, Promise], ...] = AGREEMENT_ANCHORS
    scale_required: Promise = _("Choose how far you agree.")
    scale_note: Promise | None = None

    def measure(self, code: str) -> Measure:
        return self._measures_by_code()[code]

    def measure_codes(self) -> tuple[str, ...]:
        return tuple(m.code for m in self.measures)

    def _measures_by_code(self) -> dict[str, Measure]:
        return {m.code: m for m in self.measures}

    def section(self, code: str | None) -> Section:
        for section in self.sections:
            if section.code == code:
                return section
        return self.sections[0]

    def score_answers(self, answers: dict[str, object]) -> list[tuple[str, str, int, float]]:
        """(item, measure, value, score) rows for one respondent's cleaned answers."""
        rows: list[tuple[str, str, int, float]] = []
        for item in self.items:
            answer = answers.get(item.code)
            if item.kind == SCALE:
                value = int(answer)
                if not 1 <= value <= 5:
                    raise ValueError(f"{item.code}: {value} is off the scale")
                score = 6 - value if item.reverse else value
                rows.append((item.code, item.measure, value, float(score)))
            elif item.kind == CHOICE:
                codes = [option.code for option in item.options]
                if answer not in codes:
                    raise ValueError(f"{item.code}: unknown option {answer!r}")
                value = codes.index(answer) + 1
                rows.append((item.code, item.measure, value, 1.0 if answer == item.yes else 0.0))
            else:
                chosen = set(answer or ())
                unknown = chosen - {option.code for option in item.options}
                if unknown:
                    raise ValueError(f"{item.code}: unknown options {sorted(unknown)}")
                for option in item.options:
                    ticked = option.code in chosen
                    rows.append((item.code, option.measure, int(ticked), 1.0 if ticked else 0.0))
        return rows


def _agree(code: str, measure: str, text: Promise, reverse: bool = False) -> Item:
    return Item(code=code, text=text, measure=measure, reverse=reverse)


CLIMATE_MEASURES = (
    Measure(
        "psychological-safety",
        _("Psychological safety"),
        principle=Principle.REAL_CONVERSATIONS.value,
    ),
    Measure(
        Principle.SEE_HIDDEN_TALENT.value,
        Principle.SEE_HIDDEN_TALENT.label,
        principle=Principle.SEE_HIDDEN_TALENT.value,
    ),
    Measure(
        Principle.REAL_CONVERSATIONS.value,
        Principle.REAL_CONVERSATIONS.label,
        principle=Principle.REAL_CONVERSATIONS.value,
    ),
    Measure(
        Principle.CLOSE_TO_THE_ACTION.value,
        Principle.CLOSE_TO_THE_ACTION.label,
        principle=Principle.CLOSE_TO_THE_ACTION.value,
    ),
    Measure(
        Principle.TEST_SMALL.value, Principle.TEST_SMALL.label, principle=Principle.TEST_SMALL.value
    ),
    Measure(
        Principle.LEAD_WITH_EMPATHY.value,
        Principle.LEAD_WITH_EMPATHY.label,
        principle=Principle.LEAD_WITH_EMPATHY.value,
    ),
    Measure(
        Principle.LEARNING_NETWORK.value,
        Principle.LEARNING_NETWORK.label,
        principle=Principle.LEARNING_NETWORK.value,
    ),
    Measure(
        "innovation-support", _("Support for innovation"), principle=Principle.TEST_SMALL.value
    ),
)

CLIMATE_ITEMS = (
    # Psychological safety: can people speak, err and ask without paying for it?
    _agree(
        "ps-raise",
        "psychological-safety",
        _(
            "In this team I can raise a problem or a difficult question without worrying about "
            "what it will cost me."
        ),
    ),
    _agree(
        "ps-mistakes",
        "psychological-safety",
        _("When someone in this team gets something wrong, it tends to be held against them."),
        reverse=True,
    ),
    _agree(
        "ps-help",
        "psychological-safety",
        _("Asking a colleague in this team for help does not feel awkward."),
    ),
    _agree(
        "ps-different",
        "psychological-safety",
        _("Colleagues who see things differently are sometimes pushed aside in this team."),
        reverse=True,
    ),
    # The six principles as leadership people actually experience.
    _agree(
        "talent-noticed",
        Principle.SEE_HIDDEN_TALENT.value,
        _("My team lead notices what I am good at, including things outside my job description."),
    ),
    _agree(
        "talent-used",
        Principle.SEE_HIDDEN_TALENT.value,
        _("In this team people get work that lets them use talents nobody had spotted before."),
    ),
    _agree(
        "talk-open",
        Principle.REAL_CONVERSATIONS.value,
        _("We talk openly in this team about what is not working."),
    ),
    _agree(
        "talk-avoid",
        Principle.REAL_CONVERSATIONS.value,
        _("Sensitive subjects are steered around in our team meetings."),
        reverse=True,
    ),
    _agree(
        "action-decide",
        Principle.CLOSE_TO_THE_ACTION.value,
        _("Decisions about our work are taken by the people who do it, or close to them."),
    ),
    _agree(
        "action-know",
        Principle.CLOSE_TO_THE_ACTION.value,
        _("My team lead knows what our daily work looks like in practice."),
    ),
    _agree(
        "test-small",
        Principle.TEST_SMALL.value,
        _("We try out new ideas on a small scale before we roll them out."),
    ),
    _agree(
        "test-perfect",
        Principle.TEST_SMALL.value,
        _("A new way of working has to be flawless before we are allowed to try it."),
        reverse=True,
    ),
    _agree(
        "empathy-wellbeing",
        Principle.LEAD_WITH_EMPATHY.value,
        _("My team lead pays attention to how people are doing, not only to what they deliver."),
    ),
    _agree(
        "empathy-hard-time",
        Principle.LEAD_WITH_EMPATHY.value,
        _("If I am going through a hard time, I feel I can say so in this team."),
    ),
    _agree(
        "network-learn",
        Principle.LEARNING_NETWORK.value,
        _("I am encouraged to learn from people outside my own team or organisation."),
    ),
    _agree(
        "network-share",
        Principle.LEARNING_NETWORK.value,
        _("Our team passes on what it has learned to other teams."),
    ),
    # Support for innovation: time, an answer to ideas, and no career risk in trying.
    _agree(
        "support-time",
        "innovation-support",
        _("I have time to work on improving the way we do things."),
    ),
    _agree(
        "support-answer",
        "innovation-support",
        _("When I put forward an idea, I get a real answer about what happens to it."),
    ),
    _agree(
        "support-risk",
        "innovation-support",
        _("Trying something new here can harm your career."),
        reverse=True,
    ),
)

CLIMATE = Instrument(
    code=InstrumentCode.CLIMATE,
    version=1,
    label=InstrumentCode.CLIMATE.label,
    introduction=_(
        "Nineteen short statements about how it is to work in your team. For each one, say how "
        "far you agree. There are no right or wrong answers, and it takes about five minutes."
    ),
    items=CLIMATE_ITEMS,
    measures=CLIMATE_MEASURES,
    sections=(Section("climate", _("Team climate"), tuple(m.code for m in CLIMATE_MEASURES)),),
    comment_prompt=_(
        "Anything else you would like your team to know? (optional) Please leave out names and "
        "details that would point to you or to anyone else."
    ),
)


def _options(prefix: str, pairs: tuple[tuple[str, Promise], ...]) -> tuple[Option, ...]:
    return tuple(Option(code, label, measure=f"{prefix}-{code}") for code, label in pairs)


INNOVATION_TYPES = _options(
    "type",
    (
        ("service", _("A new or clearly better service for citizens, businesses or other users")),
        ("process", _("A new way of handling internal work or procedures")),
        ("organisation", _("A new way of organising roles, teams or cooperation")),
        ("communication", _("A new way of communicating with users or the public")),
        ("policy", _("A new approach to a policy, rule or regulation")),
        ("digital", _("A new digital tool or a new use of data")),
    ),
)
INNOVATION_SOURCES = _options(
    "source",
    (
        ("staff", _("People working in the unit")),
        ("management", _("Management")),
        ("users", _("Citizens, businesses or other users")),
        ("public", _("Other public organisations")),
        ("private", _("Companies or non-profit organisations")),
        ("research", _("Research or education")),
        ("mandate", _("A legal or political requirement")),
    ),
)
INNOVATION_BARRIERS = _options(
    "barrier",
    (
        ("time", _("Too little time or too few people")),
        ("budget", _("Too little budget")),
        ("rules", _("Rules or procedures")),
        ("risk", _("Fear of failure or of criticism")),
        ("skills", _("Missing skills or knowledge")),
        ("support", _("Too little support from management")),
        ("systems", _("IT systems that could not follow")),
    ),
)
INNOVATION_BENEFITS = _options(
    "benefit",
    (
        ("quality", _("Better quality of service")),
        ("efficiency", _("A more efficient use of resources")),
        ("users", _("More satisfied users")),
        ("staff", _("More satisfied or motivated staff")),
        ("cooperation", _("Better cooperation with others")),
        ("early", _("Too early to say")),
    ),
)

INNOVATION_MEASURES = (
    Measure(
        "introduced", _("Introduced an innovation"), SHARE, principle=Principle.TEST_SMALL.value
    ),
    *(Measure(o.measure, o.label, SHARE) for o in INNOVATION_TYPES),
    *(Measure(o.measure, o.label, SHARE) for o in INNOVATION_SOURCES),
    *(Measure(o.measure, o.label, SHARE) for o in INNOVATION_BARRIERS),
    *(Measure(o.measure, o.label, SHARE) for o in INNOVATION_BENEFITS),
)

INNOVATION = Instrument(
    code=InstrumentCode.INNOVATION,
    version=1,
    label=InstrumentCode.INNOVATION.label,
    introduction=_(
        "Five questions about innovation in your unit over the last twelve months: whether it "
        "happened, what kind, where the idea came from, what held it back and what it brought. "
        "Answer for the unit as you see it."
    ),
    items=(
        Item(
            "introduced",
            _(
                "In the last twelve months, did your unit introduce something new or clearly "
                "improved: a service, a way of working, a procedure, a policy or a way of "
                "communicating?"
            ),
            kind=CHOICE,
            measure="introduced",
            options=(
                Option("yes", _("Yes")),
                Option("no", _("No")),
                Option("unknown", _("I do not know")),
            ),
            yes="yes",
        ),
        Item(
            "types",
            _("What kind of innovation was it? Tick all that apply."),
            kind=MULTIPLE,
            options=INNOVATION_TYPES,
            required=False,
        ),
        Item(
            "sources",
            _("Where did the idea come from? Tick all that apply."),
            kind=MULTIPLE,
            options=INNOVATION_SOURCES,
            required=False,
        ),
        Item(
            "barriers",
            _("What held innovation back in your unit? Tick all that apply."),
            kind=MULTIPLE,
            options=INNOVATION_BARRIERS,
            required=False,
        ),
        Item(
            "benefits",
            _("What did it bring? Tick all that apply."),
            kind=MULTIPLE,
            options=INNOVATION_BENEFITS,
            required=False,
        ),
    ),
    measures=INNOVATION_MEASURES,
    sections=(
        Section("introduced", _("Innovations introduced"), ("introduced",)),
        Section("types", _("Kinds of innovation"), tuple(o.measure for o in INNOVATION_TYPES)),
        Section(
            "sources", _("Where ideas came from"), tuple(o.measure for o in INNOVATION_SOURCES)
        ),
        Section("barriers", _("What held it back"), tuple(o.measure for o in INNOVATION_BARRIERS)),
        Section("benefits", _("What it brought"), tuple(o.measure for o in INNOVATION_BENEFITS)),
    ),
    comment_prompt=_(
        "Tell us about an innovation in your unit, or what would help. (optional) Please leave "
        "out names and details that would point to you or to anyone else."
    ),
)


# --- The skills survey: the self-assessment's statements, asked anonymously of a whole unit ----
#
# The statements are the skills module's own: the item bank of the shipped self-assessment
# (elan/assessments/content), which holds them as data with their translations. They are read
# from that file, not from the database, so that the survey needs no loaded content and no edit in
# the back office can change a running campaign's questions. The file's version is pinned to ours:
# a new version of the statements is a new version of this instrument, decided here, or rounds
# would stop being comparable (see the module docstring).
SKILLS_SOURCE_VERSIONS = {"1.0": 1}  # the item bank's version -> this instrument's version


def _skills_source() -> dict:
    from elan.assessments.selectors import INSTRUMENT_SLUG
    from elan.assessments.shipped import CONTENT_DIR
    from elan.skills.shipped import read_document

    return read_document(CONTENT_DIR / f"{INSTRUMENT_SLUG}.json")


def _in_active_language(text: dict) -> str:
    from elan.skills.multilingual import text_in

    return text_in(text)


# A text of the item bank as a lazy string: it reads in whatever language is active when shown.
_localized = lazy(_in_active_language, str)


def _skills_instrument(document: dict) -> Instrument:
    version = SKILLS_SOURCE_VERSIONS.get(document["version"])
    if version is None:
        raise ImproperlyConfigured(
            f"The skills survey asks version {sorted(SKILLS_SOURCE_VERSIONS)} of the "
            f"self-assessment statements, not {document['version']!r}: decide in "
            "elan/insights/instruments.py whether the new statements start a new survey version."
        )
    skill_of = {}
    for subscale in document["subscales"]:
        if subscale["competency"] not in InnovationSkill.values:
            raise ImproperlyConfigured(f"{subscale['competency']!r} is not an innovation skill")
        skill_of[subscale["slug"]] = subscale["competency"]
    measures = tuple(
        Measure(skill.value, skill.label, skill=skill.value)
        for skill in InnovationSkill
        if skill.value in skill_of.values()
    )
    items = tuple(
        Item(
            code=item["code"],
            text=_localized(item["text"]),
            measure=skill_of[item["subscale"]],
            reverse=bool(item.get("reverse")),
        )
        for item in document["items"]
    )
    anchors = tuple(
        (int(value), _localized(label)) for value, label in document["scale"]["anchors"].items()
    )
    return Instrument(
        code=InstrumentCode.SKILLS,
        version=version,
        label=InstrumentCode.SKILLS.label,
        introduction=_(
            "Short statements about how you work, one set for each of the six innovation skills. "
            "For each one, say how much it is like you today. Your answers are never shown on "
            "their own: they only count towards your team's picture of its skills. It takes "
            "about six minutes."
        ),
        items=items,
        measures=measures,
        sections=(Section("skills", _("Innovation skills"), tuple(m.code for m in measures)),),
        comment_prompt=_(
            "Which skill would your team most like to grow, and what would help? (optional) "
            "Please leave out names and details that would point to you or to anyone else."
        ),
        anchors=tuple(sorted(anchors)),
        scale_required=_("Choose how much this is like you."),
        scale_note=_(
            "Scores run from 1 (not at all like me) to 5 (very much like me); statements worded "
            "the other way round are counted in reverse, so 5 always means more of the skill."
        ),
    )


SKILLS = _skills_instrument(_skills_source())

INSTRUMENTS = {CLIMATE.code: CLIMATE, INNOVATION.code: INNOVATION, SKILLS.code: SKILLS}


@cache
def instrument_for(code: str) -> Instrument:
    return INSTRUMENTS[code]
