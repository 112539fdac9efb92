# SPDX-License-Identifier: EUPL-1.2
"""The navigator: from what a person wants to do to the principle, tools, cases and reading."""

from __future__ import annotations

import pytest

from elan.knowledge.constants import INTENTION_ROUTES, Intention
from elan.knowledge.selectors import navigator_route


@pytest.mark.parametrize("language", ("nl", "fr", "de", "en"))
@pytest.mark.parametrize("intention", Intention.values)
def test_every_intention_leads_to_at_least_one_tool_and_one_case(hub, intention, language):
    route = navigator_route(intention=intention, language=language)
    assert route.tools, f"{intention} in {language} leads to no tool"
    assert route.cases, f"{intention} in {language} leads to no case"
    assert route.resources, f"{intention} in {language} leads to no reading"
    assert route.principle is not None


def test_the_issue_s_intentions_are_all_offered():
    wanted = {
        "test-an-idea",
        "involve-users",
        "convince-my-manager",
        "start-a-team-conversation",
        "find-a-mentor",
        "measure-whether-it-worked",
    }
    assert wanted <= set(Intention.values)
    assert set(INTENTION_ROUTES) == set(Intention.values)


@pytest.mark.parametrize("intention", Intention.values)
def test_what_the_navigator_suggests_serves_the_intentions_principle_or_skills(hub, intention):
    route = navigator_route(intention=intention, language="en")
    wanted = INTENTION_ROUTES[intention]
    assert wanted.principle in route.principle.principles
    for item in [*route.tools, *route.cases, *route.resources]:
        assert wanted.principle in item.principles or set(wanted.skills) & set(item.skills)


def test_the_navigator_page_shows_the_route_in_the_persons_language(hub, client):
    response = client.get("/nl/hub/navigator/", {"intention": "find-a-mentor"})
    html = response.content.decode()
    assert response.status_code == 200
    assert hub.url("principle-learning-network", "nl") in html
    route = response.context["route"]
    for item in [*route.tools, *route.cases]:
        assert f'href="{item.url}"' in html


def test_the_navigator_starts_with_a_question_and_no_route(hub, client):
    response = client.get("/fr/hub/navigator/")
    assert response.status_code == 200
    assert response.context["route"] is None
    assert 'type="radio"' in response.content.decode()


def test_an_unknown_intention_re_renders_the_form_with_a_message(hub, client):
    response = client.get("/en/hub/navigator/", {"intention": "rule-the-world"})
    assert response.status_code == 200
    assert response.context["route"] is None
    assert "Choose one of the options in the list." in response.content.decode()
