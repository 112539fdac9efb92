# SPDX-License-Identifier: EUPL-1.2
import html

import pytest

from elan.assessments.team import team_skill_mix
from elan.assessments.tests.factories import SPIKY, submitted_assessment
from elan.core.anonymity import Released, Suppressed, SuppressionReason
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def staff_with_assessments(unit, count, values=3):
    people = [person_in(unit) for _ in range(count)]
    for person in people:
        submitted_assessment(person, values)
    return people


def test_the_team_mix_is_an_aggregate_released_only_above_the_minimum(personas):
    sub_a = UnitFactory(parent=personas.team, code="TEAM-A")
    sub_b = UnitFactory(parent=personas.team, code="TEAM-B")
    staff_with_assessments(sub_a, 5, SPIKY)
    staff_with_assessments(sub_b, 2, 1)
    for person in (personas.employee, personas.line_manager, personas.team_lead):
        submitted_assessment(person, 4)
    mix = team_skill_mix(unit=personas.team, language="en")
    assert isinstance(mix.main, Released) and mix.main.n == 10
    rows = {row.unit.code: row.outcome for row in mix.subgroups}
    assert isinstance(rows["TEAM-A"], Released) and rows["TEAM-A"].figures["iteration"] == 5.0
    assert isinstance(rows["TEAM-B"], Suppressed)
    assert rows["TEAM-B"].reason == SuppressionReason.TOO_FEW
    assert [name.text for name, _value in mix.strong][0] in ("Iteration", "Curiosity")


def test_a_team_below_the_minimum_shows_a_marker_and_no_number(client_for, personas):
    staff_with_assessments(personas.team, 2, 5)
    submitted_assessment(personas.employee, 5)
    response = client_for("team_lead").get(f"/en/assessments/team/{personas.team.pk}/")
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "hidden: too few people" in page
    assert "5.0" not in page and "<svg" not in page


def test_a_team_lead_sees_strong_and_lacking_skills_with_a_chart_and_table(client_for, personas):
    staff_with_assessments(personas.team, 4, SPIKY)
    submitted_assessment(personas.employee, SPIKY)
    page = html.unescape(
        client_for("team_lead").get(f"/fr/assessments/team/{personas.team.pk}/").content.decode()
    )
    assert "<svg" in page and "<caption id=" in page
    assert "Itération" in page


def test_an_incomplete_assessment_does_not_count_towards_the_team(personas):
    staff_with_assessments(personas.team, 4, 4)
    partial = person_in(personas.team)
    submitted_assessment(partial, {"iteration": 4})
    mix = team_skill_mix(unit=personas.team, language="en")
    assert isinstance(mix.main, Suppressed)


def test_only_the_latest_assessment_of_each_person_counts(personas):
    people = staff_with_assessments(personas.team, 5, 2)
    for person in people:
        submitted_assessment(person, 4)
    mix = team_skill_mix(unit=personas.team, language="en")
    assert mix.main.n == 5 and mix.main.figures["iteration"] == 4.0


@pytest.mark.parametrize("persona", ["employee", "line_manager", "administrator", "outsider"])
def test_people_without_a_team_scope_never_see_a_team_mix(persona, client_for, personas):
    staff_with_assessments(personas.team, 6, 3)
    assert client_for(persona).get(f"/en/assessments/team/{personas.team.pk}/").status_code == 403


def test_a_team_lead_cannot_see_another_organisation_s_mix(client_for, personas):
    staff_with_assessments(personas.other_organisation, 6, 3)
    url = f"/en/assessments/team/{personas.other_organisation.pk}/"
    assert client_for("team_lead").get(url).status_code == 403
    assert client_for("hr").get(url).status_code == 403
