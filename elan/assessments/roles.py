# SPDX-License-Identifier: EUPL-1.2
"""Suggested team roles, after the nine roles of the States of Change app.

The app (Nesta / FutureGov, https://github.com/wearefuturegov/nesta-skills) rated each role
"most", "quite" or "least" likely by adding up the skills and attitudes mapped to it. Elan does
the same on the six innovation skills it measures: each role draws on three of them (our own
mapping, through the crosswalk from the States of Change skills each role relies on), a role's
score is the mean of those three, and the nine roles fall into three bands of three. Every
suggestion says why, naming the scores behind it, because a label without a reason is what
users of the original app found least useful.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from elan.core.numbers import format_score
from elan.core.vocabulary import InnovationSkill


@dataclass(frozen=True)
class TeamRole:
    slug: str
    name: Promise
    area: Promise
    description: Promise
    draws_on: tuple[str, ...]


LEADING_CHANGE = _("Leading change")
ACCELERATING_LEARNING = _("Accelerating learning")
WORKING_TOGETHER = _("Working together")

S = InnovationSkill
ROLES: tuple[TeamRole, ...] = (
    TeamRole(
        "ambassador",
        _("Ambassador"),
        LEADING_CHANGE,
        _("Wins the mandate for change: keeps decision-makers and partners on board."),
        (S.STORYTELLING, S.INSURGENCY, S.DATA_LITERACY),
    ),
    TeamRole(
        "catalyst",
        _("Catalyst"),
        LEADING_CHANGE,
        _("The driving force: keeps asking how things could be better and gets people moving."),
        (S.INSURGENCY, S.CURIOSITY, S.STORYTELLING),
    ),
    TeamRole(
        "orchestrator",
        _("Orchestrator"),
        LEADING_CHANGE,
        _("Turns a vision into a plan of small, achievable steps and keeps them connected."),
        (S.ITERATION, S.DATA_LITERACY, S.STORYTELLING),
    ),
    TeamRole(
        "investigator",
        _("Investigator"),
        ACCELERATING_LEARNING,
        _("Finds out why things are the way they are and turns data into insight."),
        (S.DATA_LITERACY, S.CURIOSITY, S.USER_CENTRICITY),
    ),
    TeamRole(
        "designer",
        _("Designer"),
        ACCELERATING_LEARNING,
        _("Connects the dots and shapes several possible solutions into quick prototypes."),
        (S.ITERATION, S.USER_CENTRICITY, S.CURIOSITY),
    ),
    TeamRole(
        "tester",
        _("Tester"),
        ACCELERATING_LEARNING,
        _("Tries ideas out in real conditions and knows what to measure to learn from them."),
        (S.ITERATION, S.DATA_LITERACY, S.USER_CENTRICITY),
    ),
    TeamRole(
        "translator",
        _("Translator"),
        WORKING_TOGETHER,
        _("Builds shared understanding between disciplines, so people can work across silos."),
        (S.STORYTELLING, S.USER_CENTRICITY, S.CURIOSITY),
    ),
    TeamRole(
        "co-creator",
        _("Co-creator"),
        WORKING_TOGETHER,
        _("Helps citizens and stakeholders work on a problem together, hearing every view."),
        (S.USER_CENTRICITY, S.STORYTELLING, S.ITERATION),
    ),
    TeamRole(
        "curator",
        _("Curator"),
        WORKING_TOGETHER,
        _("Grows the network of allies around the team and brings the right people in."),
        (S.CURIOSITY, S.INSURGENCY, S.STORYTELLING),
    ),
)

MOST_LIKELY = "most"
QUITE_LIKELY = "quite"
LEAST_LIKELY = "least"


@dataclass(frozen=True)
class RoleSuggestion:
    role: TeamRole
    score: float
    band: str
    reason: str


def suggest_roles(
    skill_means: Mapping[str, float | None],
    skill_label: Callable[[str], str] = lambda slug: str(InnovationSkill(slug).label),
) -> list[RoleSuggestion]:
    """All roles, most likely first, each with its band and a reason naming the scores.

    A role is left out when fewer than two of its skills have a score: a suggestion resting on
    one number would claim more than the answers show.
    """
    scored = []
    for position, role in enumerate(ROLES):
        values = [(skill, skill_means.get(skill)) for skill in role.draws_on]
        present = [(skill, value) for skill, value in values if value is not None]
        if len(present) < 2:
            continue
        score = sum(value for _skill, value in present) / len(present)
        scored.append((score, position, role, present))
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    band_size = max(1, -(-len(scored) // 3))
    suggestions = []
    for index, (score, _position, role, present) in enumerate(scored):
        band = (MOST_LIKELY, QUITE_LIKELY, LEAST_LIKELY)[min(2, index // band_size)]
        suggestions.append(
            RoleSuggestion(role, round(score, 2), band, _reason(role, band, present, skill_label))
        )
    return suggestions


def _reason(role, band, present, skill_label) -> str:
    by_value = sorted(present, key=lambda pair: -pair[1])
    if band == LEAST_LIKELY:
        (first, first_value), (second, second_value) = sorted(present, key=lambda p: p[1])[:2]
        return gettext(
            "The %(role)s role leans on %(first)s (%(first_value)s) and %(second)s "
            "(%(second_value)s), which are among your lower scores for now."
        ) % {
            "role": role.name,
            "first": skill_label(first),
            "first_value": _number(first_value),
            "second": skill_label(second),
            "second_value": _number(second_value),
        }
    (first, first_value), (second, second_value) = by_value[:2]
    return gettext(
        "You scored %(first_value)s on %(first)s and %(second_value)s on %(second)s: the "
        "%(role)s role relies on both."
    ) % {
        "role": role.name,
        "first": skill_label(first),
        "first_value": _number(first_value),
        "second": skill_label(second),
        "second_value": _number(second_value),
    }


def _number(value: float) -> str:
    return format_score(value)
