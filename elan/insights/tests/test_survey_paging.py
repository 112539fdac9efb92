# SPDX-License-Identifier: EUPL-1.2
"""The climate survey page by page, with progress, like the self-assessment (issue 15, point 2).

Answers already given are kept from page to page without being stored anywhere: they travel
with the form, signed, and the last page sends them all in one transaction, as before.
"""

from __future__ import annotations

import re

import pytest

from elan.insights.forms import SURVEY_PAGE_SIZE, survey_pages
from elan.insights.instruments import CLIMATE, INNOVATION, SKILLS
from elan.insights.models import Answer, Participation, Response
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, answers_for, open_round

pytestmark = pytest.mark.django_db

PAGES = survey_pages(CLIMATE)


@pytest.fixture
def survey(personas):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    open_round(campaign)
    return f"/en/insights/campaigns/{campaign.pk}/answer/"


def page_answers(number: int, value: str = "4") -> dict:
    return {item.code: value for item in PAGES[number - 1].items}


def go(client, url, response, number: int, action: str, **fields):
    """Press ``action`` on page ``number`` of ``response``, with ``fields`` filled in."""
    return client.post(
        url, {"page": str(number), "action": action, "draft": response.context["draft"], **fields}
    )


def statements_on(response) -> list[str]:
    return re.findall(r'<fieldset class="statement" id="id_([^"]+)"', response.content.decode())


def test_the_climate_survey_comes_in_pages_of_five_with_the_comment_last():
    assert [len(page.items) for page in PAGES] == [5, 5, 5, 4]
    assert [page.is_last for page in PAGES] == [False, False, False, True]
    assert PAGES[-1].field_names()[-1] == "comment"
    assert len(survey_pages(SKILLS)) == 5  # 24 statements
    assert len(survey_pages(INNOVATION)) == 1


def test_the_first_page_shows_its_statements_and_where_the_respondent_stands(
    personas, client_for, survey
):
    response = client_for("employee").get(survey)
    content = response.content.decode()
    assert statements_on(response) == [item.code for item in PAGES[0].items]
    assert '<p class="progress-block__label" id="progress-label">Page 1 of 4</p>' in content
    assert '<progress max="4" value="1" aria-labelledby="progress-label">' in content
    assert "<title>Page 1 of 4 – " in content
    assert 'value="next"' in content and 'value="back"' not in content
    assert 'value="send"' not in content and 'name="comment"' not in content
    assert "Before you answer: who will see what" in content
    assert response["Cache-Control"].startswith("max-age=0")  # never_cache: no-store and all


def test_next_without_the_required_answers_shows_an_error_summary_and_keeps_what_was_given(
    personas, client_for, survey
):
    client = client_for("employee")
    first = client.get(survey)
    given = page_answers(1)
    missing = PAGES[0].items[2].code
    del given[missing]
    response = go(client, survey, first, 1, "next", **given)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in content and f'href="#id_{missing}"' in content
    assert "Page 1 of 4" in content
    for code in given:
        assert re.search(rf'name="{code}" value="4"[^>]*checked', content)
    assert not Response.objects.exists()


def test_next_and_back_keep_the_answers_given_on_every_page(personas, client_for, survey):
    client = client_for("employee")
    response = client.get(survey)
    response = go(client, survey, response, 1, "next", **page_answers(1, "2"))
    assert statements_on(response) == [item.code for item in PAGES[1].items]
    assert "Page 2 of 4" in response.content.decode()
    response = go(client, survey, response, 2, "next", **page_answers(2, "5"))
    response = go(client, survey, response, 3, "back", **page_answers(3, "1"))
    content = response.content.decode()
    assert "Page 2 of 4" in content
    assert all(
        re.search(rf'name="{code}" value="5"[^>]*checked', content) for code in page_answers(2)
    )
    response = go(client, survey, response, 2, "back", **page_answers(2, "5"))
    content = response.content.decode()
    assert all(
        re.search(rf'name="{code}" value="2"[^>]*checked', content) for code in page_answers(1)
    )
    # Page 3, left with Back, kept its answers too.
    response = go(client, survey, response, 1, "next", **page_answers(1, "2"))
    response = go(client, survey, response, 2, "next", **page_answers(2, "5"))
    content = response.content.decode()
    assert all(
        re.search(rf'name="{code}" value="1"[^>]*checked', content) for code in page_answers(3)
    )


def test_the_last_page_sends_every_answer_once_in_one_response(personas, client_for, survey):
    client = client_for("employee")
    response = client.get(survey)
    for number in (1, 2, 3):
        response = go(client, survey, response, number, "next", **page_answers(number, "3"))
    content = response.content.decode()
    assert "Page 4 of 4" in content and 'name="comment"' in content and 'value="send"' in content
    assert not Response.objects.exists()
    assert Participation.objects.get(user=personas.employee).responded_on is None
    response = go(client, survey, response, 4, "send", **page_answers(4, "3"), comment="Fine.")
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    stored = Response.objects.get()
    assert stored.comment == "Fine."
    assert Answer.objects.filter(response=stored).count() == len(CLIMATE.items)
    assert set(Answer.objects.values_list("value", flat=True)) == {3}


def test_nothing_of_a_draft_is_stored_in_the_session_or_the_database(personas, client_for, survey):
    client = client_for("employee")
    response = client.get(survey)
    for number in (1, 2):
        response = go(client, survey, response, number, "next", **page_answers(number, "5"))
    stored = dict(client.session.items())
    assert not any(key.startswith("elan.insights") or "draft" in key for key in stored)
    assert "ps-raise" not in str(stored)
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_sending_with_an_earlier_page_incomplete_returns_to_that_page(personas, client_for, survey):
    client = client_for("employee")
    response = client.get(survey)
    response = go(client, survey, response, 1, "next", **page_answers(1))
    # The draft lacks pages 2 and 3, as a replayed or hand-made request would.
    response = go(client, survey, response, 4, "send", **page_answers(4))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Page 2 of 4" in content and 'id="error-summary"' in content
    assert not Response.objects.exists()


def _forged(draft: str) -> str:
    """The draft with the first character of its signature changed."""
    payload, _sep, signature = draft.rpartition(":")
    return f"{payload}:{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"


ALTERATIONS = {"missing": lambda draft: "", "nonsense": lambda draft: "nonsense", "forged": _forged}


@pytest.mark.parametrize("alteration", ALTERATIONS)
def test_an_altered_or_missing_draft_is_ignored_not_trusted(
    personas, client_for, survey, alteration
):
    """The draft holds the answers of pages 1 to 3: as sent, it would complete the survey."""
    client = client_for("employee")
    response = client.get(survey)
    for number in (1, 2, 3):
        response = go(client, survey, response, number, "next", **page_answers(number))
    draft = ALTERATIONS[alteration](response.context["draft"])
    response = client.post(
        survey, {"page": "4", "action": "send", "draft": draft, **page_answers(4)}
    )
    assert response.status_code == 200
    assert "Page 1 of 4" in response.content.decode()
    assert not Response.objects.exists()


def test_a_draft_signed_for_someone_else_is_not_taken(personas, client_for, survey):
    client = client_for("employee")
    response = client.get(survey)
    response = go(client, survey, response, 1, "next", **page_answers(1))
    stolen = response.context["draft"]
    manager = client_for("line_manager")
    response = manager.post(
        survey, {"page": "4", "action": "send", "draft": stolen, **page_answers(4)}
    )
    assert "Page 1 of 4" in response.content.decode()
    assert not Response.objects.exists()


def test_every_answer_sent_at_once_is_still_accepted(personas, client_for, survey):
    """A client that sends the whole answer set in one request (as the survey did before it
    was paged) gets it recorded, once."""
    client = client_for("employee")
    response = client.post(survey, {**answers_for("climate"), "comment": ""})
    assert response.status_code == 302
    assert Response.objects.count() == 1


def test_a_short_survey_has_one_page_and_no_progress(personas, client_for):
    grow(personas.team, 2)
    campaign = CampaignFactory(unit=personas.team, innovation=True)
    open_round(campaign)
    content = client_for("employee").get(f"/en/insights/campaigns/{campaign.pk}/answer/")
    content = content.content.decode()
    assert "<progress" not in content and 'value="send"' in content
    assert len(INNOVATION.items) <= SURVEY_PAGE_SIZE
