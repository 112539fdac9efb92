# SPDX-License-Identifier: EUPL-1.2
"""Answering a survey: the respondent first sees who will see what, then answers."""

from __future__ import annotations

import pytest

from elan.insights.forms import survey_pages
from elan.insights.instruments import CLIMATE
from elan.insights.models import Participation, Response
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, answers_for, close_round, open_round
from elan.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_before_answering_the_respondent_sees_who_will_see_what(personas, client_for):
    grow(personas.team, 4)  # a team of 7
    grow(personas.organisation, 1)  # five people at the top, enough to be stored on their own
    campaign = CampaignFactory(unit=personas.organisation)
    open_round(campaign)
    content = (
        client_for("employee").get(f"/en/insights/campaigns/{campaign.pk}/answer/").content.decode()
    )
    assert (
        "Your team of 7 (Team One) and its team lead see the team's scores, "
        "but only if at least 5 people answer." in content
    )
    assert (
        "Comments need a group in which at least 10 people answered; your team of 7 is too small"
        in content
    )
    assert "After 14 days the results go up anyway" in content
    assert "The people who run Elan's database could see that you took part." in content
    assert "can see your individual answers" not in content


def test_a_team_counted_with_the_few_people_at_the_top_is_told_so(personas, client_for):
    """Four people placed directly in the organisation would be a stored group of four: the
    team of seven is stored with them, and its people are told before they answer."""
    grow(personas.team, 4)
    campaign = CampaignFactory(unit=personas.organisation)
    open_round(campaign)
    content = (
        client_for("employee").get(f"/en/insights/campaigns/{campaign.pk}/answer/").content.decode()
    )
    assert "Your team of 7 (Team One) is counted together with FPS One" in content
    assert "see the team's scores" not in content


def test_a_team_below_the_minimum_is_told_its_scores_never_show_on_their_own(personas, client_for):
    campaign = CampaignFactory(unit=personas.organisation)
    open_round(campaign)
    content = (
        client_for("employee").get(f"/en/insights/campaigns/{campaign.pk}/answer/").content.decode()
    )
    assert "Your team of 3 (Team One) is smaller than 5" in content


def test_a_large_team_is_told_comments_show_from_ten(personas, client_for):
    grow(personas.team, 9)
    campaign = CampaignFactory(unit=personas.team)
    open_round(campaign)
    content = (
        client_for("employee").get(f"/en/insights/campaigns/{campaign.pk}/answer/").content.decode()
    )
    assert "Your team of 12 (Team One)" in content
    assert (
        "Comments are shown only for a group in which at least 10 people answered, even if you "
        "are the only one who wrote a comment" in content
    )


def test_the_preview_follows_the_campaigns_locked_thresholds(personas, client_for):
    grow(personas.team, 4)
    campaign = CampaignFactory(unit=personas.organisation, min_group=8, min_comments=12)
    open_round(campaign)
    content = (
        client_for("employee").get(f"/en/insights/campaigns/{campaign.pk}/answer/").content.decode()
    )
    assert "Your team of 7 (Team One) is smaller than 8" in content
    assert "Comments need a group in which at least 12 people answered" in content


def test_a_respondent_answers_and_cannot_answer_twice(personas, client_for):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    open_round(campaign)
    client = client_for("employee")
    url = f"/en/insights/campaigns/{campaign.pk}/answer/"
    response = client.post(url, {**answers_for(campaign.instrument), "comment": "Good team."})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/insights/campaigns/{campaign.pk}/thanks/")
    again = client.post(url, answers_for(campaign.instrument))
    assert "You have already answered" in again.content.decode()
    assert Response.objects.count() == 1


def test_a_missing_answer_re_renders_with_a_message_and_the_typed_input_kept(personas, client_for):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    open_round(campaign)
    answers = answers_for(campaign.instrument)
    del answers["ps-raise"]
    response = client_for("employee").post(
        f"/en/insights/campaigns/{campaign.pk}/answer/", {**answers, "comment": "Kept text"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Choose how far you agree." in content
    assert 'value="4"' in content and "checked" in content
    assert not Response.objects.exists()
    assert Participation.objects.get(user=personas.employee).responded_on is None
    # The survey is paged: the page that misses the answer comes back, and the comment, which
    # belongs to the last page, is kept with the other answers until they are sent.
    again = client_for("employee").post(
        f"/en/insights/campaigns/{campaign.pk}/answer/",
        {
            "page": "1",
            "action": "send",
            "draft": response.context["draft"],
            **{item.code: "4" for item in survey_pages(CLIMATE)[0].items},
        },
    )
    assert again.status_code == 302
    assert Response.objects.get().comment == "Kept text"


@pytest.mark.parametrize("junk", ["9", "0", "abc", "\x00", "4" * 5000])
def test_nonsense_answers_are_refused_without_an_error_page(personas, client_for, junk):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    open_round(campaign)
    response = client_for("employee").post(
        f"/en/insights/campaigns/{campaign.pk}/answer/",
        {**answers_for(campaign.instrument), "ps-help": junk, "comment": "x" * 3000},
    )
    # The form re-renders with a message; a NUL byte is refused before it (core middleware).
    assert response.status_code == (400 if junk == "\x00" else 200)
    assert not Response.objects.exists()


def test_people_who_were_not_invited_or_after_closing_get_no_survey(personas, client_for):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    open_round(campaign)
    url = f"/en/insights/campaigns/{campaign.pk}/answer/"
    assert client_for("outsider").get(url).status_code == 404
    assert client_for("hr").get(url).status_code == 404  # HR is placed above the team
    close_round(campaign)
    assert client_for("employee").get(url).status_code == 404


def test_people_who_join_after_a_round_opened_answer_in_the_next_round(personas):
    campaign = CampaignFactory(unit=personas.organisation)
    round_ = open_round(campaign)
    newcomer = grow(UnitFactory(parent=personas.organisation, code="NEW"), 1)[0]
    assert not Participation.objects.filter(round=round_, user=newcomer).exists()
    close_round(campaign)
    second = open_round(campaign)
    assert Participation.objects.filter(round=second, user=newcomer).exists()
