# SPDX-License-Identifier: EUPL-1.2
"""The team's skill mix (issue 13, point 6): monthly snapshots under the guard, from the people
who chose to count in it, each month guarded against every earlier one."""

import html
import re

import pytest
from django.utils import timezone

from elan.assessments import services
from elan.assessments.models import Assessment, ProfileEvent, TeamMixPeriod
from elan.assessments.team import month_of, next_month, snapshot_take, team_skill_mix
from elan.assessments.tests.factories import SPIKY, submitted_assessment
from elan.core.anonymity import Released, Suppressed, SuppressionReason
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

THIS_MONTH = month_of(timezone.localdate())
MONTH_2 = next_month(THIS_MONTH)
MONTH_3 = next_month(MONTH_2)


def staff_with_assessments(unit, count, values=3, *, counted=True):
    people = [person_in(unit) for _ in range(count)]
    for person in people:
        submitted_assessment(person, values)
        if counted:
            services.team_mix_join(owner=person)
    return people


def counted(person, values=3):
    submitted_assessment(person, values)
    services.team_mix_join(owner=person)


def page(client, unit) -> str:
    body = client.get(f"/en/assessments/team/{unit.pk}/").content.decode()
    return html.unescape(re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r'\1""', body))


def test_only_people_who_chose_to_count_are_in_the_team_mix(personas):
    people = staff_with_assessments(personas.team, 5, counted=False)
    for person in people[:4]:
        services.team_mix_join(owner=person)
    snapshot_take()
    mix = team_skill_mix(unit=personas.team, language="en")
    assert isinstance(mix.main, Suppressed) and mix.main.reason == SuppressionReason.TOO_FEW
    services.team_mix_join(owner=people[4])
    snapshot_take(today=MONTH_2)
    mix = team_skill_mix(unit=personas.team, language="en")
    assert isinstance(mix.main, Released) and mix.main.n == 5


def test_the_team_mix_is_an_aggregate_released_only_above_the_minimum(personas):
    sub_a = UnitFactory(parent=personas.team, code="TEAM-A")
    sub_b = UnitFactory(parent=personas.team, code="TEAM-B")
    staff_with_assessments(sub_a, 5, SPIKY)
    staff_with_assessments(sub_b, 2, 1)
    for person in (personas.employee, personas.line_manager, personas.team_lead):
        counted(person, 4)
    snapshot_take()
    mix = team_skill_mix(unit=personas.team, language="en")
    assert isinstance(mix.main, Released) and mix.main.n == 10
    rows = {row.unit.code: row.outcome for row in mix.subgroups}
    assert isinstance(rows["TEAM-A"], Released) and rows["TEAM-A"].figures["iteration"] == 5.0
    assert isinstance(rows["TEAM-B"], Suppressed)
    assert rows["TEAM-B"].reason == SuppressionReason.TOO_FEW
    assert [name.text for name, _value in mix.strong][0] in ("Iteration", "Curiosity")


def test_a_team_below_the_minimum_shows_a_marker_and_no_number(client_for, personas):
    staff_with_assessments(personas.team, 2, 5)
    counted(personas.employee, 5)
    snapshot_take()
    response = client_for("team_lead").get(f"/en/assessments/team/{personas.team.pk}/")
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "hidden: too few people" in body
    assert "5.0" not in body and "<svg" not in body


def test_a_team_lead_sees_strong_and_lacking_skills_with_a_chart_and_table(client_for, personas):
    staff_with_assessments(personas.team, 4, SPIKY)
    counted(personas.employee, SPIKY)
    snapshot_take()
    body = page(client_for("team_lead"), personas.team)
    assert "<svg" in body and "<caption id=" in body
    assert "Only people who chose to count in their team's skill mix are included." in body
    body = html.unescape(
        client_for("team_lead").get(f"/fr/assessments/team/{personas.team.pk}/").content.decode()
    )
    assert "Itération" in body


def test_before_the_first_snapshot_the_page_says_when_it_comes_and_shows_no_figure(
    client_for, personas
):
    staff_with_assessments(personas.team, 6, 4)
    body = page(client_for("team_lead"), personas.team)
    assert "No snapshot has been taken yet" in body
    assert "Strong in" not in body and "chart__svg" not in body


def test_an_incomplete_assessment_does_not_count_towards_the_team(personas):
    staff_with_assessments(personas.team, 4, 4)
    partial = person_in(personas.team)
    counted(partial, 4)
    # A submission now needs a score for every skill; one submitted before that rule may lack
    # some, and must still stay out of the team's figures.
    assessment = Assessment.objects.get(owner=partial)
    scores = {
        slug: entry if slug == "iteration" else {**entry, "mean": None}
        for slug, entry in assessment.scores.items()
    }
    Assessment.objects.filter(pk=assessment.pk).update(scores=scores)
    snapshot_take()
    mix = team_skill_mix(unit=personas.team, language="en")
    assert isinstance(mix.main, Suppressed)


def test_only_the_latest_assessment_of_each_person_counts(personas):
    people = staff_with_assessments(personas.team, 5, 2)
    for person in people:
        submitted_assessment(person, 4)
    snapshot_take()
    mix = team_skill_mix(unit=personas.team, language="en")
    assert mix.main.n == 5 and mix.main.figures["iteration"] == 4.0


def test_the_page_does_not_change_when_someone_answers_or_chooses_between_snapshots(
    client_for, personas
):
    staff_with_assessments(personas.team, 6, 3)
    snapshot_take()
    lead = client_for("team_lead")
    before = page(lead, personas.team)
    assert "3.0" in before
    counted(personas.employee, 5)
    assert snapshot_take() is None  # this month's snapshot is taken already
    assert page(lead, personas.team) == before


def test_a_month_that_would_single_out_a_joiner_or_a_leaver_is_hidden(personas):
    people = staff_with_assessments(personas.team, 6, 3)
    snapshot_take()
    assert team_skill_mix(unit=personas.team).main.n == 6
    # One more person: six then seven would give away the seventh's scores.
    counted(personas.employee, 5)
    snapshot_take(today=MONTH_2)
    mix = team_skill_mix(unit=personas.team)
    assert isinstance(mix.main, Suppressed)
    assert mix.main.reason == SuppressionReason.WOULD_REVEAL_OTHER
    # Four more: the newcomers since the month shown are five, a group of their own.
    staff_with_assessments(personas.team, 4, 4)
    snapshot_take(today=MONTH_3)
    mix = team_skill_mix(unit=personas.team)
    assert isinstance(mix.main, Released) and mix.main.n == 11
    # The months shown before stay as they were.
    first = TeamMixPeriod.objects.get(starts_on=THIS_MONTH).groups.get(unit_code=personas.team.code)
    assert first.released and first.n == 6
    assert people  # the six of the first month


def test_a_withdrawal_takes_effect_at_the_next_snapshot_without_giving_the_person_away(
    personas,
):
    people = staff_with_assessments(personas.team, 6, 3)
    snapshot_take()
    services.team_mix_leave(owner=people[0])
    assert team_skill_mix(unit=personas.team).main.n == 6  # this month's snapshot stands
    snapshot_take(today=MONTH_2)
    period = TeamMixPeriod.objects.get(starts_on=MONTH_2)
    assert people[0].pk not in [owner for owner, _path in period.members]
    mix = team_skill_mix(unit=personas.team)
    # Five left of six: their average next to last month's would be the leaver's scores.
    assert isinstance(mix.main, Suppressed)


def test_a_person_s_choice_is_off_until_chosen_revocable_and_in_their_history(client_for, personas):
    client = client_for("employee")
    body = html.unescape(client.get("/en/assessments/sharing/").content.decode())
    assert "Your scores do not count in your team's skill mix." in body
    response = client.post("/en/assessments/profile/team-mix/", {"action": "join"})
    assert response.status_code == 302 and response["Location"].endswith("#team-mix")
    body = html.unescape(client.get("/en/assessments/sharing/").content.decode())
    assert "Your scores count in your team's skill mix" in body
    assert "Stop counting my scores" in body
    client.post("/en/assessments/profile/team-mix/", {"action": "leave"})
    body = html.unescape(client.get("/en/assessments/sharing/").content.decode())
    assert "Your scores do not count in your team's skill mix." in body
    kinds = list(
        ProfileEvent.objects.filter(owner=personas.employee)
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["joined_team_mix", "left_team_mix"]


def test_choosing_twice_keeps_one_choice(personas):
    first = services.team_mix_join(owner=personas.employee)
    assert services.team_mix_join(owner=personas.employee).pk == first.pk
    assert ProfileEvent.objects.filter(owner=personas.employee).count() == 1


def test_the_daily_job_takes_one_snapshot_a_month(personas):
    from io import StringIO

    from django.core.management import call_command

    staff_with_assessments(personas.team, 5, 3)
    output = StringIO()
    call_command("assessments_daily", stdout=output)
    call_command("assessments_daily", stdout=output)
    assert TeamMixPeriod.objects.count() == 1
    assert "5 people counted" in output.getvalue()
    assert "already taken" in output.getvalue()


def test_erasing_a_person_keeps_what_the_guard_needs_but_names_nobody(personas):
    from elan.assessments.team import erase_team_mix, export_team_mix

    people = staff_with_assessments(personas.team, 5, 3)
    snapshot_take()
    exported = export_team_mix(people[0])
    assert exported["counted_in_team_skill_mix_of"] == [THIS_MONTH.isoformat()]
    assert exported["team_skill_mix_choices"][0]["included_until"] is None
    erase_team_mix(user=people[0], now=timezone.now())
    period = TeamMixPeriod.objects.get()
    owners = [owner for owner, _path in period.members]
    assert people[0].pk not in owners and len(owners) == 5
    assert export_team_mix(people[0]) == {
        "team_skill_mix_choices": [],
        "counted_in_team_skill_mix_of": [],
    }


@pytest.mark.parametrize("persona", ["employee", "line_manager", "administrator", "outsider"])
def test_people_without_a_team_scope_never_see_a_team_mix(persona, client_for, personas):
    staff_with_assessments(personas.team, 6, 3)
    snapshot_take()
    assert client_for(persona).get(f"/en/assessments/team/{personas.team.pk}/").status_code == 403


def test_a_team_lead_cannot_see_another_organisation_s_mix(client_for, personas):
    staff_with_assessments(personas.other_organisation, 6, 3)
    snapshot_take()
    url = f"/en/assessments/team/{personas.other_organisation.pk}/"
    assert client_for("team_lead").get(url).status_code == 403
    assert client_for("hr").get(url).status_code == 403
