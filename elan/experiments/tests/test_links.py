# SPDX-License-Identifier: EUPL-1.2
"""Links to the rest of Elan (issue 17, point 6): a finished experiment proposed as a knowledge hub
case becomes one draft case page for the editors, written from the card, never published by it;
only an owner proposes it, once, and only when a decision has been taken."""

from __future__ import annotations

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import include, path, reverse
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail_localize.models import LocaleSynchronization

from elan.experiments import selectors, services
from elan.experiments.constants import Decision, EventKind, Sharing, Status
from elan.experiments.hub_case import propose_hub_case
from elan.experiments.services import ExperimentError
from elan.experiments.tests.factories import (
    ExperimentFactory,
    IterationFactory,
    decided_experiment,
    draft_experiment,
    running_experiment,
)
from elan.knowledge.constants import HubKind
from elan.knowledge.models import CasePage, HubHomePage, HubSectionPage
from elan.knowledge.services import hub_locales_ensure

# --- addresses ----------------------------------------------------------------------------------
# Until the lead mounts ``urls_links`` (and the card's own part mounts ``experiments:detail``),
# these tests, and the profile's and the goals' ones, add them to the project's addresses.


def _card_stand_in(request, public_id):
    return HttpResponse(f"card {public_id}")


def _experiment_patterns() -> list:
    from elan.experiments import urls as experiment_urls
    from elan.experiments import urls_links

    patterns = list(experiment_urls.urlpatterns)
    names = {getattr(pattern, "name", None) for pattern in patterns}
    if "propose_case" not in names:
        patterns += urls_links.urlpatterns
    if "detail" not in names:
        patterns.append(path("<uuid:public_id>/", _card_stand_in, name="detail"))
    return patterns


def _project_patterns() -> list:
    from elan.urls import urlpatterns as project

    return list(project)


# The experiments' namespace first: the first one listed is the one addresses are reversed in.
urlpatterns = [
    *i18n_patterns(
        path("experiments/", include((_experiment_patterns(), "experiments"))),
        prefix_default_language=True,
    ),
    *_project_patterns(),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


# --- the hub ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_hub_but_the_tests_own(db):
    """Start with no cases section and no language followings but the test's own.

    The knowledge hub's tests commit the shipped hub once per worker, outside any test's
    transaction, so a test here may find its cases sections, and French following English,
    already there. Inside this test's transaction they stop being cases sections (deleting them
    would take seconds per test); the rollback gives them back. Assertions count only the pages
    under the test's own sections, with ``proposed_cases``.
    """
    HubSectionPage.objects.filter(kind=HubKind.CASE).update(kind=HubKind.TOOL)
    LocaleSynchronization.objects.all().delete()


@pytest.fixture
def hub_cases(db) -> dict[str, HubSectionPage]:
    """The hub's cases section in English, and its French translation, which follows English
    as the shipped hub's languages do."""
    locales = hub_locales_ensure()
    site_root = Page.get_first_root_node().add_child(instance=Page(title="Site", slug="site"))
    home = site_root.add_child(
        instance=HubHomePage(title="Hub", slug="hub", summary="The hub.", intro="<p>Hub</p>")
    )
    english = home.add_child(
        instance=HubSectionPage(title="Cases", slug="cases", summary="Cases.", kind="case")
    )
    french = english.copy_for_translation(locales["fr"], copy_parents=True)
    LocaleSynchronization.objects.create(locale=locales["fr"], sync_from=locales["en"])
    return {"en": english, "fr": french.specific}


def proposed_cases(hub_cases) -> PageQuerySet:
    """Case pages under the test's own cases sections, whatever else the database holds."""
    return CasePage.objects.descendant_of(hub_cases["en"]) | CasePage.objects.descendant_of(
        hub_cases["fr"]
    )


def finished(owner, **fields):
    return decided_experiment(
        owner,
        Decision.STOP,
        reason="Calls did not fall.",
        lessons="Test the letter with five people before printing it.",
        **fields,
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def propose_url(experiment) -> str:
    return reverse("experiments:propose_case", kwargs={"public_id": experiment.public_id})


# --- the draft ----------------------------------------------------------------------------------


def test_proposing_a_finished_experiment_creates_one_draft_case_page_that_is_not_live(
    personas, hub_cases
):
    experiment = finished(personas.employee, title="A clearer reminder letter")

    page = propose_hub_case(experiment=experiment, actor=personas.employee)

    case = CasePage.objects.get(pk=page.pk)
    assert not case.live and case.has_unpublished_changes
    assert case.get_parent().pk == hub_cases["en"].pk
    assert case.revisions.count() == 1
    assert proposed_cases(hub_cases).filter(locale__language_code="en").count() == 1
    # A language that follows English gets it as an alias, not live either.
    alias = CasePage.objects.get(alias_of=case)
    assert alias.locale.language_code == "fr" and not alias.live
    experiment.refresh_from_db()
    assert experiment.hub_case_id == case.pk
    assert experiment.events.filter(kind=EventKind.CASE_PROPOSED, by=personas.employee).exists()
    # Visitors find nothing: Wagtail serves live pages only.
    assert proposed_cases(hub_cases).live().count() == 0


def test_the_draft_carries_the_cards_text_and_its_principles_and_skills(personas, hub_cases):
    experiment = finished(
        personas.employee,
        title="A clearer reminder letter",
        problem="Citizens call us back because the reminder letter is hard to read.",
        what_we_try="A one-page letter that starts with what to do and by when.",
        principles=["test-small-adjust-fast"],
        skills=["user-centricity"],
    )
    IterationFactory(experiment=experiment, skills=["data-literacy"])

    case = CasePage.objects.get(
        pk=propose_hub_case(experiment=experiment, actor=personas.employee).pk
    )

    assert case.title == "A clearer reminder letter"
    assert case.summary == "Citizens call us back because the reminder letter is hard to read."
    assert "hard to read" in case.context_and_actions
    assert "A one-page letter that starts with what to do" in case.context_and_actions
    assert "31 people called" in case.context_and_actions
    assert "Stop it" in case.effect and "Calls did not fall." in case.effect
    assert "Test the letter with five people before printing it." in case.effect
    assert case.location == "FPS One"
    assert case.principles == ["test-small-adjust-fast"]
    # The card's skills, then those its iterations exercised.
    assert case.skills == ["user-centricity", "iteration", "data-literacy"]


def test_the_case_credits_a_colleague_of_the_unit_rather_than_the_owners_name(personas, hub_cases):
    experiment = finished(personas.employee)

    case = CasePage.objects.get(
        pk=propose_hub_case(experiment=experiment, actor=personas.employee).pk
    )

    assert "a colleague of Team One" in case.reference
    assert personas.employee.first_name not in case.reference
    assert personas.employee.first_name not in case.context_and_actions + case.effect


def test_the_case_names_the_owner_only_when_they_choose_it(personas, hub_cases):
    experiment = finished(personas.employee)

    case = CasePage.objects.get(
        pk=propose_hub_case(experiment=experiment, actor=personas.employee, with_name=True).pk
    )

    assert personas.employee.get_full_name() in case.reference
    assert "a colleague of" not in case.reference


def test_what_people_wrote_is_escaped_in_the_case(personas, hub_cases):
    experiment = finished(personas.employee, problem='<script>alert("x")</script> & more')

    case = CasePage.objects.get(
        pk=propose_hub_case(experiment=experiment, actor=personas.employee).pk
    )

    assert "<script>" not in case.context_and_actions
    assert "&lt;script&gt;" in case.context_and_actions


def test_a_card_in_french_becomes_a_draft_in_the_french_cases_section(personas, hub_cases):
    experiment = finished(personas.employee)
    experiment.language = "fr"
    experiment.save(update_fields=["language"])

    case = CasePage.objects.get(
        pk=propose_hub_case(experiment=experiment, actor=personas.employee).pk
    )

    assert case.locale.language_code == "fr"
    assert case.get_parent().pk == hub_cases["fr"].pk
    assert not case.live


def test_a_hub_without_a_cases_section_in_the_cards_language_refuses_with_a_message(personas):
    experiment = finished(personas.employee)

    with pytest.raises(ExperimentError, match="no cases section"):
        propose_hub_case(experiment=experiment, actor=personas.employee)

    experiment.refresh_from_db()
    assert experiment.hub_case_id is None
    assert not experiment.events.filter(kind=EventKind.CASE_PROPOSED).exists()


# --- once, by an owner, when finished -----------------------------------------------------------


def test_an_experiment_is_proposed_as_a_case_only_once(personas, hub_cases):
    experiment = finished(personas.employee)
    propose_hub_case(experiment=experiment, actor=personas.employee)

    with pytest.raises(ExperimentError, match="already"):
        propose_hub_case(experiment=experiment, actor=personas.employee)

    assert proposed_cases(hub_cases).filter(alias_of__isnull=True).count() == 1
    assert experiment.events.filter(kind=EventKind.CASE_PROPOSED).count() == 1


def test_a_draft_the_editors_deleted_is_not_proposed_again(personas, hub_cases):
    experiment = finished(personas.employee)
    page = propose_hub_case(experiment=experiment, actor=personas.employee)
    Page.objects.filter(alias_of=page).delete()
    Page.objects.get(pk=page.pk).delete()
    experiment.refresh_from_db()
    assert experiment.hub_case_id is None

    with pytest.raises(ExperimentError, match="already"):
        propose_hub_case(experiment=experiment, actor=personas.employee)
    assert not selectors.may_propose_case(viewer=personas.employee, experiment=experiment)


def test_a_co_owner_may_propose_it_and_is_the_only_one_who_can_be_named(personas, hub_cases):
    experiment = finished(personas.employee, co_owners=[personas.line_manager])

    case = CasePage.objects.get(
        pk=propose_hub_case(experiment=experiment, actor=personas.line_manager, with_name=True).pk
    )

    assert personas.line_manager.get_full_name() in case.reference
    assert personas.employee.get_full_name() not in case.reference


@pytest.mark.parametrize("persona", ["line_manager", "team_lead", "hr", "content_editor"])
def test_only_an_owner_may_propose_it_not_a_reader_of_the_card(personas, hub_cases, persona):
    experiment = finished(personas.employee, sharing=Sharing.ORGANISATION)
    viewer = personas.get(persona)
    assert selectors.is_reader(viewer=viewer, experiment=experiment)

    with pytest.raises(ExperimentError, match="owners"):
        propose_hub_case(experiment=experiment, actor=viewer)

    assert not proposed_cases(hub_cases).exists()
    assert not selectors.may_propose_case(viewer=viewer, experiment=experiment)


def test_an_experiment_without_a_decision_cannot_be_proposed(personas, hub_cases):
    running = running_experiment(personas.employee)
    draft = draft_experiment(personas.employee)
    dropped = services.experiment_close(
        experiment=draft_experiment(personas.employee), actor=personas.employee
    )
    iterating = decided_experiment(personas.employee, Decision.ITERATE)
    assert iterating.status == Status.RUNNING

    for experiment in (running, draft, dropped, iterating):
        assert not selectors.may_propose_case(viewer=personas.employee, experiment=experiment)
        with pytest.raises(ExperimentError, match="decision"):
            propose_hub_case(experiment=experiment, actor=personas.employee)

    assert not proposed_cases(hub_cases).exists()


@pytest.mark.parametrize("trait", ["decided", "scaled", "regularised", "closed"])
def test_a_decided_regularised_or_closed_after_a_decision_experiment_may_be_proposed(
    personas, hub_cases, trait
):
    experiment = ExperimentFactory(owner=personas.employee, **{trait: True})

    assert selectors.may_propose_case(viewer=personas.employee, experiment=experiment)
    assert propose_hub_case(experiment=experiment, actor=personas.employee) is not None


# --- the page -----------------------------------------------------------------------------------


def test_the_owner_proposes_it_from_the_card_and_returns_to_it(personas, hub_cases, client_for):
    experiment = finished(personas.employee)
    client = client_for("employee")

    response = client.post(propose_url(experiment), {"credit": "name"})

    assert response.status_code == 302
    assert response["Location"] == selectors.card_url(experiment=experiment) + "#hub-case"
    assert any("draft case" in message for message in messages_of(response))
    experiment.refresh_from_db()
    case = CasePage.objects.get(pk=experiment.hub_case_id)
    assert personas.employee.get_full_name() in case.reference


def test_proposing_again_from_the_card_answers_with_a_message_not_an_error(
    personas, hub_cases, client_for
):
    experiment = finished(personas.employee)
    client = client_for("employee")
    client.post(propose_url(experiment))
    # Proposed again once the double-submit guard (elan/portal/middleware.py) has forgotten
    # the first post, as from a second tab opened earlier.
    cache.clear()

    response = client.post(propose_url(experiment))

    assert response.status_code == 302
    assert any("already" in message for message in messages_of(response))
    assert proposed_cases(hub_cases).filter(alias_of__isnull=True).count() == 1


def test_the_proposal_page_takes_posts_only(personas, hub_cases, client_for):
    experiment = finished(personas.employee)

    assert client_for("employee").get(propose_url(experiment)).status_code == 405
    assert not proposed_cases(hub_cases).exists()


def test_a_reader_is_refused_and_anyone_else_finds_nothing(personas, hub_cases, client_for):
    experiment = finished(personas.employee, sharing=Sharing.TEAM)

    assert client_for("line_manager").post(propose_url(experiment)).status_code == 403
    assert client_for("outsider").post(propose_url(experiment)).status_code == 404
    assert client_for("hr").post(propose_url(experiment)).status_code == 404
    visitor = client_for("visitor").post(propose_url(experiment))
    assert visitor.status_code == 302 and "login" in visitor["Location"]
    assert not proposed_cases(hub_cases).exists()
