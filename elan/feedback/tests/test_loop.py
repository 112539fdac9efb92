# SPDX-License-Identifier: EUPL-1.2
"""Issue 7, point 4: the 360 report feeds the development plan; a growth skill confirmed by
others ranks first."""

from __future__ import annotations

import pytest

from elan.assessments.selectors import build_plan, build_profile
from elan.core.vocabulary import InnovationSkill
from elan.feedback.selectors import growth_skills_seen_by_others
from elan.feedback.tests.factories import feedback_round

pytestmark = pytest.mark.django_db

# Self: insurgency 1 (lowest), data literacy 2 (second lowest).
SELF = {
    InnovationSkill.ITERATION: 5,
    InnovationSkill.DATA_LITERACY: 2,
    InnovationSkill.USER_CENTRICITY: 4,
    InnovationSkill.CURIOSITY: 5,
    InnovationSkill.STORYTELLING: 3,
    InnovationSkill.INSURGENCY: 1,
}
# Raters: data literacy is clearly the lowest; insurgency is fine in their eyes.
OTHERS = {
    InnovationSkill.ITERATION: 4,
    InnovationSkill.DATA_LITERACY: 1,
    InnovationSkill.USER_CENTRICITY: 4,
    InnovationSkill.CURIOSITY: 4,
    InnovationSkill.STORYTELLING: 2,
    InnovationSkill.INSURGENCY: 4,
}


def plan_skills(person) -> list[str]:
    profile = build_profile(owner=person, language="en")
    plan = build_plan(owner=person, profile=profile, language="en")
    return list(dict.fromkeys(s.skill for s in plan.suggestions))


def test_without_a_360_the_plan_follows_the_self_assessment(personas):
    feedback_round(personas.employee, self_values=SELF)
    assert plan_skills(personas.employee) == ["insurgency", "data-literacy"]


def test_a_growth_skill_confirmed_by_raters_comes_first_in_the_plan(personas):
    feedback_round(
        personas.employee, raters={"peer": 3}, values=OTHERS, self_values=SELF, close=True
    )
    assert growth_skills_seen_by_others(person=personas.employee)[0] == "data-literacy"
    assert plan_skills(personas.employee) == ["data-literacy", "insurgency"]


def test_raters_below_the_threshold_do_not_reorder_the_plan(personas):
    feedback_round(
        personas.employee, raters={"peer": 2}, values=OTHERS, self_values=SELF, close=True
    )
    assert growth_skills_seen_by_others(person=personas.employee) == []
    assert plan_skills(personas.employee) == ["insurgency", "data-literacy"]


def test_an_open_round_does_not_feed_the_plan_yet(personas):
    feedback_round(personas.employee, raters={"peer": 3}, values=OTHERS, self_values=SELF)
    assert growth_skills_seen_by_others(person=personas.employee) == []
