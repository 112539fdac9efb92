# SPDX-License-Identifier: EUPL-1.2
"""The units' objectives tree: kept by HR and the unit's team lead, one parent, no loops."""

from __future__ import annotations

import pytest
from django.urls import reverse

from elan.goals import objectives
from elan.goals.models import Objective
from elan.goals.services import GoalsError
from elan.goals.tests.factories import GoalFactory, ObjectiveFactory, cycle_of
from elan.organisations.tests.factories import UnitFactory

LOOP_MESSAGE = "cannot contribute to itself or to an objective that contributes to it"
UNRELATED_MESSAGE = "only to an objective of its own unit or of a unit above it"


def _new_url(unit) -> str:
    return reverse("goals:objective_new") + f"?unit={unit.code}"


def test_a_team_lead_adds_an_objective_to_their_unit(personas, client):
    above = ObjectiveFactory(unit=personas.organisation, title="A simpler administration")
    client.force_login(personas.team_lead)

    response = client.post(
        _new_url(personas.team),
        {"title": "Forms in plain language", "description": "", "parent": str(above.public_id)},
    )

    assert response.status_code == 302
    objective = Objective.objects.get(title="Forms in plain language")
    assert objective.unit == personas.team
    assert objective.parent == above
    assert objective.created_by == personas.team_lead


def test_a_team_lead_cannot_add_an_objective_to_a_unit_they_do_not_lead(personas, client):
    client.force_login(personas.team_lead)

    page = client.get(_new_url(personas.organisation))
    sent = client.post(_new_url(personas.organisation), {"title": "Not mine to set"})

    assert page.status_code == 403
    assert sent.status_code == 403
    assert not Objective.objects.filter(title="Not mine to set").exists()


def test_an_unknown_unit_is_not_found(personas, client):
    client.force_login(personas.team_lead)

    assert client.get(reverse("goals:objective_new") + "?unit=NO-SUCH-UNIT").status_code == 404


def test_a_team_lead_cannot_change_an_objective_of_another_unit(personas, client):
    theirs = ObjectiveFactory(unit=personas.organisation, title="Above the team")
    client.force_login(personas.team_lead)

    url = reverse("goals:objective_edit", args=[theirs.public_id])
    response = client.post(url, {"title": "Taken over"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Above the team"


@pytest.mark.parametrize("persona", ["employee", "line_manager", "outsider"])
def test_people_who_keep_no_unit_objectives_are_refused(personas, client, persona):
    client.force_login(personas.get(persona))

    assert client.get(reverse("goals:objectives")).status_code == 403
    assert client.get(_new_url(personas.team)).status_code == 403


def test_hr_keeps_the_objectives_of_every_unit_in_scope(personas, client):
    client.force_login(personas.hr)

    response = client.post(_new_url(personas.team), {"title": "Set by HR"})

    assert response.status_code == 302
    assert Objective.objects.get(title="Set by HR").unit == personas.team


def test_a_parent_in_an_unrelated_unit_is_refused_with_a_message_and_the_input_back(
    personas, client
):
    sibling = UnitFactory(parent=personas.organisation, code="FPS-ONE-SIBLING")
    unrelated = ObjectiveFactory(unit=sibling, title="Sibling's objective")
    client.force_login(personas.team_lead)

    response = client.post(
        _new_url(personas.team),
        {"title": "Kept as typed", "parent": str(unrelated.public_id)},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert UNRELATED_MESSAGE in page
    assert 'value="Kept as typed"' in page
    assert not Objective.objects.filter(title="Kept as typed").exists()


def test_a_parent_that_would_make_a_loop_is_refused(personas, client):
    top = ObjectiveFactory(unit=personas.team, title="Top")
    below = ObjectiveFactory(unit=personas.team, title="Below", parent=top)
    client.force_login(personas.team_lead)

    response = client.post(
        reverse("goals:objective_edit", args=[top.public_id]),
        {"title": "Top", "parent": str(below.public_id), "is_active": "on"},
    )

    assert response.status_code == 200
    assert LOOP_MESSAGE in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None


def test_an_objective_cannot_contribute_to_itself(personas):
    objective = ObjectiveFactory(unit=personas.team)

    with pytest.raises(GoalsError, match="cannot contribute to itself"):
        objectives.objective_update(
            objective=objective, actor=personas.team_lead, title="Same", parent=objective
        )


def test_the_parents_offered_are_of_the_unit_and_above_and_never_below(personas):
    top = ObjectiveFactory(unit=personas.organisation, title="Organisation's")
    own = ObjectiveFactory(unit=personas.team, title="Team's", parent=top)
    below = ObjectiveFactory(unit=personas.team, title="Below the team's", parent=own)
    retired = ObjectiveFactory(unit=personas.organisation, title="Retired", is_active=False)
    sibling = ObjectiveFactory(unit=UnitFactory(parent=personas.organisation), title="Sibling")

    offered = set(objectives.parent_choices(unit=personas.team, objective=own))

    assert offered == {top}
    assert below not in offered and retired not in offered and sibling not in offered


def test_an_objective_a_goal_links_to_is_retired_rather_than_deleted(personas, client):
    linked = ObjectiveFactory(unit=personas.team, title="Linked")
    GoalFactory(cycle=cycle_of(personas.employee), result=True, objective=linked)
    alone = ObjectiveFactory(unit=personas.team, title="Alone")
    client.force_login(personas.team_lead)

    client.post(reverse("goals:objective_edit", args=[linked.public_id]), {"remove": "1"})
    client.post(reverse("goals:objective_edit", args=[alone.public_id]), {"remove": "1"})

    linked.refresh_from_db()
    assert linked.is_active is False
    assert not Objective.objects.filter(pk=alone.pk).exists()


def test_the_tree_nests_children_under_parents_and_shows_those_above_read_only(personas, client):
    top = ObjectiveFactory(unit=personas.organisation, title="Organisation's aim")
    own = ObjectiveFactory(unit=personas.team, title="Team's aim", parent=top)
    child = ObjectiveFactory(unit=personas.team, title="Team's smaller aim", parent=own)
    client.force_login(personas.team_lead)

    response = client.get(reverse("goals:objectives"), {"unit": personas.team.code})

    assert response.status_code == 200
    [root] = response.context["tree"]
    assert root.objective == top and not root.editable
    assert [node.objective for node in root.children] == [own]
    assert root.children[0].editable
    assert [node.objective for node in root.children[0].children] == [child]
    page = response.content.decode()
    assert reverse("goals:objective_edit", args=[own.public_id]) in page
    assert reverse("goals:objective_edit", args=[top.public_id]) not in page


def test_a_unit_the_reader_does_not_keep_is_refused_with_a_message(personas, client):
    client.force_login(personas.team_lead)

    response = client.get(reverse("goals:objectives"), {"unit": personas.organisation.code})

    assert response.status_code == 200
    assert response.context["unit"] is None
    assert "You do not keep the objectives of that unit." in response.content.decode()
