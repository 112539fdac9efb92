# SPDX-License-Identifier: EUPL-1.2
from dataclasses import dataclass

import pytest

from elan.assessments.recommendations import builtin_suggestion, hub_suggestions, suggestions_for
from elan.core.vocabulary import InnovationSkill
from elan.knowledge.tests import conftest as knowledge_fixtures

# The shipped hub, loaded once per session, as the hub's own tests use it.
_hub_loaded_once = knowledge_fixtures._hub_loaded_once
hub = knowledge_fixtures.hub

PRINCIPLE_KEYS = [
    f"principle-{slug}"
    for slug in (
        "see-hidden-talent",
        "real-conversations",
        "close-to-the-action",
        "test-small-adjust-fast",
        "lead-with-empathy",
        "learning-network",
    )
]


@dataclass
class FakeHubItem:
    title: str
    url: str
    language_used: str = "en"
    is_fallback: bool = True
    summary: str = ""
    kind: str = "tool"
    skills: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return self.kind.title()


def hub_answers(monkeypatch, answer):
    """The hub's selector answers ``answer(**query)`` (the hub's suggestion engine calls it)."""
    from elan.knowledge import selectors

    monkeypatch.setattr(selectors, "hub_items_for", answer)


@pytest.fixture
def fake_hub(monkeypatch):
    calls = []

    def hub_items_for(*, skill, language, kinds=(), **kwargs):
        calls.append((skill, language, tuple(kinds)))
        return [
            FakeHubItem(f"{kind} for {skill}", f"/{language}/hub/{skill}/{kind}/", kind=kind)
            for kind in kinds
        ]

    hub_answers(monkeypatch, hub_items_for)
    return calls


def test_a_tool_and_a_reading_for_a_growth_skill_come_first_when_the_hub_has_them(fake_hub):
    suggestions = suggestions_for(skills=["curiosity"], language="de")
    assert fake_hub == [("curiosity", "de", ("tool",)), ("curiosity", "de", ("resource",))]
    assert [s.url for s in suggestions[:2]] == [
        "/de/hub/curiosity/tool/",
        "/de/hub/curiosity/resource/",
    ]
    assert suggestions[0].source == "hub" and suggestions[0].hub_kind_label == "Tool"
    assert suggestions[0].is_fallback and suggestions[0].language == "en"
    assert [s.kind for s in suggestions] == [
        "resource",
        "resource",
        "practice",
        "person",
        "experiment",
    ]


def test_without_hub_items_the_plan_falls_back_to_elan_s_own_suggestions(monkeypatch):
    hub_answers(monkeypatch, lambda **query: [])
    assert hub_suggestions(skill="iteration", language="en") == []
    suggestions = suggestions_for(skills=["iteration"], language="en")
    assert suggestions[0].source == "elan" and "framework" not in suggestions[0].title
    assert suggestions[0].url.endswith("#competency-iteration")


def test_a_failing_hub_does_not_break_the_plan(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("search index is down")

    hub_answers(monkeypatch, broken)
    assert hub_suggestions(skill="iteration", language="en") == []
    suggestions = suggestions_for(skills=["storytelling"], language="nl")
    assert suggestions[0].source == "elan"


def test_the_plan_suggests_a_practice_a_person_to_learn_from_and_an_experiment(monkeypatch):
    hub_answers(monkeypatch, lambda **query: [])
    suggestions = suggestions_for(skills=["curiosity"], language="en")
    assert [(s.kind, s.source) for s in suggestions] == [
        ("resource", "elan"),
        ("practice", "elan"),
        ("person", "elan"),
        ("experiment", "elan"),
    ]


def test_built_in_suggestions_are_rebuilt_from_their_key_in_the_active_language():
    from django.utils import translation

    with translation.override("en"):
        english = builtin_suggestion("elan:practice:curiosity").title
    assert english.startswith("Ask a colleague from another service")
    assert builtin_suggestion("elan:practice:unknown") is None
    assert builtin_suggestion("hub:practice:curiosity") is None


def _fake_feedback(monkeypatch, answer):
    from elan.assessments import recommendations

    def growth_skills_seen_by_others(*, person):
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(recommendations, "_CONFIRMERS", [growth_skills_seen_by_others])


def test_a_growth_skill_confirmed_by_360_raters_ranks_first(monkeypatch):
    from elan.assessments.recommendations import confirmed_first

    _fake_feedback(monkeypatch, ["storytelling", "iteration"])
    assert confirmed_first(person=None, skills=["insurgency", "storytelling"]) == [
        "storytelling",
        "insurgency",
    ]


def test_without_a_360_report_or_when_it_fails_the_growth_order_is_kept(monkeypatch):
    from elan.assessments.recommendations import confirmed_first

    _fake_feedback(monkeypatch, [])
    assert confirmed_first(person=None, skills=["insurgency", "storytelling"]) == [
        "insurgency",
        "storytelling",
    ]
    _fake_feedback(monkeypatch, RuntimeError("broken"))
    assert confirmed_first(person=None, skills=["insurgency", "storytelling"]) == [
        "insurgency",
        "storytelling",
    ]


def test_the_360_module_is_registered_to_confirm_growth_skills_without_assessments_importing_it():
    from elan.assessments import recommendations
    from elan.feedback.selectors import growth_skills_seen_by_others

    assert growth_skills_seen_by_others in recommendations._CONFIRMERS


@pytest.mark.django_db
def test_the_plan_offers_a_shipped_tool_and_reading_for_every_skill_never_a_principle_page(hub):
    from elan.knowledge.models import HubSearchEntry

    for language in ("nl", "fr", "de", "en"):
        for skill in InnovationSkill.values:
            urls = [s.url for s in hub_suggestions(skill=skill, language=language)]
            entries = {entry.url: entry for entry in HubSearchEntry.objects.filter(url__in=urls)}
            assert sorted(entries[url].kind for url in urls) == ["resource", "tool"], (
                language,
                skill,
                urls,
            )
            assert all(skill in entries[url].skill_slugs for url in urls)


@pytest.mark.django_db
def test_the_plan_page_shows_a_tool_and_a_reading_for_a_growth_skill(hub, client_for, personas):
    from elan.assessments.tests.factories import SPIKY, submitted_assessment

    submitted_assessment(personas.employee, SPIKY)
    page = client_for("employee").get("/nl/assessments/plan/").content.decode()
    tool = hub.page("tool-opsi-core-skills", "nl")
    assert f'href="{tool.url}"' in page
    principle_urls = [hub.url(key, "nl") for key in PRINCIPLE_KEYS]
    assert not any(f'href="{url}"' in page for url in principle_urls)
