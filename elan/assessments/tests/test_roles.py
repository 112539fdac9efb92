# SPDX-License-Identifier: EUPL-1.2
from django.utils import translation

from elan.assessments.roles import ROLES, suggest_roles
from elan.core.vocabulary import InnovationSkill


def test_every_role_draws_on_three_of_the_six_skills():
    assert len(ROLES) == 9
    for role in ROLES:
        assert len(role.draws_on) == 3
        assert set(role.draws_on) <= set(InnovationSkill.values)


def test_roles_fall_into_three_bands_of_three_with_a_reason_naming_the_scores():
    means = {
        "iteration": 4.5,
        "data-literacy": 4.0,
        "user-centricity": 4.8,
        "curiosity": 2.0,
        "storytelling": 1.5,
        "insurgency": 1.2,
    }
    with translation.override("en"):
        roles = suggest_roles(means)
    assert [r.band for r in roles] == ["most"] * 3 + ["quite"] * 3 + ["least"] * 3
    assert roles[0].role.slug == "tester"
    assert "4.8" in roles[0].reason and "User centricity" in roles[0].reason
    assert "lower scores" in roles[-1].reason


def test_a_role_resting_on_a_single_score_is_not_suggested():
    roles = suggest_roles({"iteration": 4.0})
    assert roles == []


def test_the_reason_is_written_in_the_active_language():
    means = dict.fromkeys(InnovationSkill.values, 3.0)
    with translation.override("fr"):
        reason = suggest_roles(means)[0].reason
    assert "3,0" in reason
