# SPDX-License-Identifier: EUPL-1.2
"""The survey instruments: their items, written in our own words, and what each one measures.

Items live in shipped files (``elan/insights/content/*.yaml``, one per instrument, with their
texts in every language; docs/adr/0012-shipped-content-as-yaml.md) rather than in the database
because their wording is part of the instrument's meaning: a changed item starts a new
instrument version, never an edit in place, or rounds would stop being comparable. This module
builds the instruments from those files; how answers are scored stays here, in code.

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
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise, lazy

from elan.assessments.scoring import Scale, scored_value
from elan.assessments.selectors import INSTRUMENT_SLUG
from elan.assessments.shipped import CONTENT_DIR

# How a measure is shown: a mean on the 1-5 scale, or the percentage of respondents.
from elan.core.charts import MEAN, SHARE
from elan.core.content import load_content
from elan.core.vocabulary import InnovationSkill, Principle
from elan.insights.constants import InstrumentCode
from elan.skills.multilingual import text_in

SCALE = "scale"  # five-point agreement
CHOICE = "choice"  # one of a few options
MULTIPLE = "multiple"  # any number of tick boxes


# The surveys' own files; the skills survey's statements are the item bank's (CONTENT_DIR).
SURVEY_CONTENT_DIR = Path(__file__).resolve().parent / "content"


def _in_active_language(text: dict) -> str:
    return text_in(text)


# A text of a content file as a lazy string: it reads in whatever language is active when shown,
# with English where a language has no text (elan.skills.multilingual.localize).
_localized = lazy(_in_active_language, str)

_AGREEMENT = load_content(SURVEY_CONTENT_DIR / "agreement-scale.yaml")
AGREEMENT_SCALE = Scale(1, 5)
AGREEMENT_ANCHORS: tuple[tuple[int, Promise], ...] = tuple(
    sorted((int(value), _localized(label)) for value, label in _AGREEMENT["anchors"].items())
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
    scale_required: Promise = _localized(_AGREEMENT["required"])
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
                # The self-assessment's recipe: off the scale raises, reversed items are mirrored.
                score = scored_value(value, reverse=item.reverse, scale=AGREEMENT_SCALE)
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


# --- The climate and innovation surveys, each built from its file ------------------------------


def _measure(data: dict, option_labels: dict[str, Promise]) -> Measure:
    # A measure named after what it counts has no label of its own in the file, so that the
    # name is written (and translated) once.
    if "label" in data:
        label = _localized(data["label"])
    elif data.get("principle") == data["code"]:
        label = Principle(data["code"]).label
    elif data["code"] in option_labels:
        label = option_labels[data["code"]]
    else:
        raise ImproperlyConfigured(f"The survey measure {data['code']!r} has no label.")
    return Measure(
        data["code"],
        label,
        {"mean": MEAN, "share": SHARE}[data.get("kind", "mean")],
        principle=data.get("principle", ""),
        skill=data.get("skill", ""),
    )


def _item(data: dict) -> Item:
    return Item(
        code=data["code"],
        text=_localized(data["text"]),
        kind=data.get("kind", SCALE),
        measure=data.get("measure", ""),
        reverse=data.get("reverse", False),
        options=tuple(
            Option(option["code"], _localized(option["label"]), measure=option.get("measure", ""))
            for option in data.get("options", ())
        ),
        required=data.get("required", True),
        yes=data.get("scoring_option", ""),
    )


def _survey(name: str) -> Instrument:
    data = load_content(SURVEY_CONTENT_DIR / name)
    code = InstrumentCode(data["code"])
    items = tuple(_item(item) for item in data["items"])
    option_labels = {
        option.measure: option.label for item in items for option in item.options if option.measure
    }
    return Instrument(
        code=code,
        version=data["version"],
        label=code.label,
        introduction=_localized(data["introduction"]),
        items=items,
        measures=tuple(_measure(measure, option_labels) for measure in data["measures"]),
        sections=tuple(
            Section(section["code"], _localized(section["label"]), tuple(section["measures"]))
            for section in data["sections"]
        ),
        comment_prompt=_localized(data["comment_prompt"]),
    )


CLIMATE = _survey("climate.yaml")
INNOVATION = _survey("innovation.yaml")


# --- The skills survey: the self-assessment's statements, asked anonymously of a whole unit ----
#
# The statements are the skills module's own: the item bank of the shipped self-assessment
# (elan/assessments/content), which holds them as data with their translations. They are read
# from that file, not from the database, so that the survey needs no loaded content and no edit in
# the back office can change a running campaign's questions. What the survey says around them is
# its own file (content/skills.yaml), which also pins the file's version to ours: a new version of
# the statements is a new version of this instrument, decided there, or rounds would stop being
# comparable (see the module docstring).
_SKILLS_SURVEY = load_content(SURVEY_CONTENT_DIR / "skills.yaml")
# The item bank's version -> this instrument's version.
SKILLS_SOURCE_VERSIONS: dict[str, int] = _SKILLS_SURVEY["statement_versions"]


def _skills_source() -> dict:
    return load_content(CONTENT_DIR / f"{INSTRUMENT_SLUG}.yaml")


def _skills_instrument(document: dict) -> Instrument:
    version = SKILLS_SOURCE_VERSIONS.get(document["version"])
    if version is None:
        raise ImproperlyConfigured(
            f"The skills survey asks version {sorted(SKILLS_SOURCE_VERSIONS)} of the "
            f"self-assessment statements, not {document['version']!r}: decide in "
            "elan/insights/content/skills.yaml whether the new statements start a new survey "
            "version."
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
    survey = _SKILLS_SURVEY
    return Instrument(
        code=InstrumentCode.SKILLS,
        version=version,
        label=InstrumentCode.SKILLS.label,
        introduction=_localized(survey["introduction"]),
        items=items,
        measures=measures,
        sections=(
            Section(
                survey["section"]["code"],
                _localized(survey["section"]["label"]),
                tuple(m.code for m in measures),
            ),
        ),
        comment_prompt=_localized(survey["comment_prompt"]),
        anchors=tuple(sorted(anchors)),
        scale_required=_localized(survey["scale_required"]),
        scale_note=_localized(survey["scale_note"]),
    )


SKILLS = _skills_instrument(_skills_source())

INSTRUMENTS = {CLIMATE.code: CLIMATE, INNOVATION.code: INNOVATION, SKILLS.code: SKILLS}


@cache
def instrument_for(code: str) -> Instrument:
    return INSTRUMENTS[code]
