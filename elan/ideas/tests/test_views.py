# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from elan.ideas import services
from elan.ideas.constants import Status
from elan.ideas.models import Campaign, Idea
from elan.ideas.tests.factories import matrix_campaign, post

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"ideas:{name}", args=args)


def test_hr_opens_a_campaign_for_her_organisation_with_another_owner(personas, client_for):
    client = client_for("hr")
    today = timezone.localdate()
    response = client.post(
        url("campaign_new"),
        {
            "title": "Less paper",
            "question": "Where do we still print?",
            "language": "en",
            "unit": str(personas.organisation.pk),
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
            "other_owners": personas.team_lead.email,
        },
    )
    campaign = Campaign.objects.get(title="Less paper")
    assert response.status_code == 302
    assert set(campaign.owners.all()) == {personas.hr, personas.team_lead}
    page = client_for("employee").get(url("campaign", campaign.public_id))
    assert page.status_code == 200
    assert b"Where do we still print?" in page.content


def test_a_campaign_with_an_unknown_owner_and_backwards_dates_comes_back_with_the_input(
    personas, client_for
):
    response = client_for("hr").post(
        url("campaign_new"),
        {
            "title": "Less paper",
            "question": "Where do we still print?",
            "language": "en",
            "unit": str(personas.organisation.pk),
            "opens_on": "2027-06-30",
            "closes_on": "2027-01-10",
            "other_owners": "nobody@nowhere.test",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "nobody@nowhere.test" in content
    assert "Where do we still print?" in content
    assert not Campaign.objects.exists()


def test_a_team_lead_may_not_put_a_campaign_to_a_unit_outside_their_scope(personas, client_for):
    response = client_for("team_lead").post(
        url("campaign_new"),
        {
            "title": "Everywhere",
            "question": "?",
            "language": "en",
            "unit": str(personas.organisation.pk),
            "opens_on": "2027-01-10",
            "closes_on": "2027-01-30",
        },
    )
    assert response.status_code == 200
    assert not Campaign.objects.exists()


def test_similar_ideas_are_suggested_before_posting_and_the_author_may_post_anyway(
    personas, client_for
):
    campaign = matrix_campaign(personas)
    post(personas.line_manager, campaign=campaign, title="Sign forms on screen")
    client = client_for("employee")
    data = {"title": "Forms signed on screen", "body": "No printing of forms to sign."}
    first = client.post(url("campaign_idea_new", campaign.public_id), data)
    assert first.status_code == 200
    assert b"Sign forms on screen" in first.content
    assert Idea.objects.count() == 1
    second = client.post(url("campaign_idea_new", campaign.public_id), {**data, "confirmed": "1"})
    assert second.status_code == 302
    assert Idea.objects.filter(author=personas.employee).count() == 1


def test_an_empty_idea_comes_back_with_a_message_and_nothing_is_posted(personas, client_for):
    response = client_for("employee").post(
        url("box_idea_new", personas.team.code), {"title": "Only a title", "body": "  "}
    )
    assert response.status_code == 200
    assert b"Only a title" in response.content
    assert b"Say what your idea is." in response.content
    assert not Idea.objects.exists()


def test_the_owner_answers_not_now_and_an_answer_without_its_day_keeps_the_typed_reason(
    personas, client_for
):
    idea = post(personas.employee, box_unit=personas.team)
    client = client_for("team_lead")
    refused = client.post(
        url("idea_answer", idea.public_id), {"outcome": "not_now", "reason": "After summer."}
    )
    assert refused.status_code == 400
    assert b"After summer." in refused.content
    assert b"Give the day to look at it again." in refused.content
    day = timezone.localdate() + datetime.timedelta(days=60)
    answered = client.post(
        url("idea_answer", idea.public_id),
        {"outcome": "not_now", "reason": "After summer.", "look_again_on": day.isoformat()},
    )
    assert answered.status_code == 302
    assert Idea.objects.get(pk=idea.pk).status == Status.NOT_NOW
    page = client_for("employee").get(url("idea", idea.public_id))
    assert b"After summer." in page.content


def test_only_the_owner_may_answer(personas, client_for):
    idea = post(personas.employee, box_unit=personas.team)
    for name in ("employee", "line_manager", "hr", "moderator"):
        response = client_for(name).post(
            url("idea_answer", idea.public_id), {"outcome": "not_feasible", "reason": "No."}
        )
        assert response.status_code == 403, name
    assert Idea.objects.get(pk=idea.pk).status == Status.WAITING


def test_a_hidden_idea_is_gone_for_readers_and_its_author_reads_the_reason(personas, client_for):
    idea = post(personas.employee, box_unit=personas.team)
    response = client_for("moderator").post(
        url("idea_hide", idea.public_id), {"reason": "It names a colleague."}
    )
    assert response.status_code == 302
    assert client_for("line_manager").get(url("idea", idea.public_id)).status_code == 404
    box = client_for("line_manager").get(url("box", personas.team.code))
    assert idea.title.encode() not in box.content
    own = client_for("employee").get(url("idea", idea.public_id))
    assert b"It names a colleague." in own.content


def test_hiding_without_a_reason_comes_back_with_the_message(personas, client_for):
    idea = post(personas.employee, box_unit=personas.team)
    response = client_for("moderator").post(url("idea_hide", idea.public_id), {"reason": ""})
    assert response.status_code == 400
    assert not Idea.objects.get(pk=idea.pk).is_hidden


def test_a_comment_is_posted_and_a_hidden_one_shows_its_reason_in_its_place(personas, client_for):
    idea = post(personas.employee, box_unit=personas.team)
    client_for("line_manager").post(url("idea_comment", idea.public_id), {"body": "Good one."})
    comment = idea.comments.get()
    client_for("moderator").post(
        url("comment_hide", idea.public_id, comment.public_id), {"reason": "Off topic."}
    )
    page = client_for("employee").get(url("idea", idea.public_id)).content.decode()
    assert "Off topic." in page
    assert "Good one." not in page


def test_colleagues_support_an_idea_and_may_take_it_back(personas, client_for):
    idea = post(personas.employee, box_unit=personas.team)
    client = client_for("line_manager")
    client.post(url("idea_support", idea.public_id))
    assert idea.supports.count() == 1
    client.post(url("idea_support", idea.public_id), {"support": "remove"})
    assert idea.supports.count() == 0
    assert client_for("employee").post(url("idea_support", idea.public_id)).status_code == 403


def test_the_outsider_of_another_organisation_finds_nothing(personas, client_for):
    idea = post(personas.employee, box_unit=personas.team)
    client = client_for("outsider")
    assert client.get(url("idea", idea.public_id)).status_code == 404
    assert client.get(url("box", personas.team.code)).status_code == 404
    assert client.post(url("idea_comment", idea.public_id), {"body": "Hi"}).status_code == 404


def _five_team_ideas(personas) -> None:
    for number in range(5):
        author = personas.line_manager if number % 2 else personas.hr
        idea = post(author, box_unit=personas.team, title=f"Idea {number}")
        if number < 3:
            services.idea_answer(
                idea=idea, by=personas.team_lead, outcome=Status.NOT_FEASIBLE, reason="No."
            )


def test_the_figures_show_a_unit_with_enough_ideas_and_hide_one_with_too_few(personas, client_for):
    _five_team_ideas(personas)
    assert "Team One" not in client_for("outsider").get(url("figures")).content.decode()
    page = client_for("employee").get(url("figures")).content.decode()
    assert "60 %" in page  # three of the team's five ideas answered
    assert "hidden: too few ideas" in page  # the organisation's own box: none


def test_the_figures_never_let_one_idea_be_worked_out_by_subtracting_two_groups(
    personas, client_for
):
    _five_team_ideas(personas)
    post(personas.hr, box_unit=personas.organisation, title="Lonely idea")
    page = client_for("employee").get(url("figures")).content.decode()
    # The team's five and the organisation's six together would show the one idea alone.
    assert "hidden: would reveal a smaller group" in page


def test_a_campaign_owner_from_another_organisation_is_refused_beside_the_field(
    personas, client_for
):
    today = timezone.localdate()
    response = client_for("hr").post(
        url("campaign_new"),
        {
            "title": "Less paper",
            "question": "Where do we still print?",
            "language": "en",
            "unit": str(personas.organisation.pk),
            "opens_on": today.isoformat(),
            "closes_on": today.isoformat(),
            "other_owners": personas.outsider.email,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["other_owners"]
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "//evil.example/x", "ftp://x", "/ok page", "data:text/html,x"]
)
def test_already_covered_refuses_a_link_that_is_no_web_address_or_elan_path(
    personas, client_for, link
):
    idea = post(personas.employee, box_unit=personas.team)
    response = client_for("team_lead").post(
        url("idea_answer", idea.public_id),
        {"outcome": "covered", "reason": "Exists.", "covered_by": link},
    )
    assert response.status_code == 400
    assert Idea.objects.get(pk=idea.pk).status == Status.WAITING
    with pytest.raises(ValidationError):  # the service refuses it too, whoever calls it
        services.idea_answer(
            idea=idea, by=personas.team_lead, outcome="covered", reason="x", covered_by=link
        )


def test_a_box_of_many_ideas_is_read_page_by_page_and_a_bad_page_number_shows_a_page(
    personas, client_for
):
    from elan.ideas.models import Idea as IdeaModel
    from elan.ideas.views import IDEAS_PER_PAGE

    first = post(personas.employee, box_unit=personas.team, title="Idea number 0")
    IdeaModel.objects.bulk_create(
        IdeaModel(
            box_unit=personas.team,
            title=f"Idea number {number}",
            body="More.",
            language="en",
            posted_on=first.posted_on,
            answer_due=first.answer_due,
            owner=personas.team_lead,
        )
        for number in range(1, IDEAS_PER_PAGE + 1)
    )
    client = client_for("line_manager")
    page_one = client.get(url("box", personas.team.code)).content.decode()
    assert page_one.count('href="/en/ideas/') >= IDEAS_PER_PAGE
    assert "Idea number 0<" not in page_one  # the oldest is on the second page
    page_two = client.get(url("box", personas.team.code) + "?page=2").content.decode()
    assert "Idea number 0<" in page_two
    for bad in ("abc", "0", "-1", "99999999999999999999", "²"):
        response = client.get(url("box", personas.team.code), {"page": bad})
        assert response.status_code == 200, bad


def test_the_figures_are_worked_out_again_once_their_ten_minutes_are_over(personas, client_for):
    from django.core.cache import cache

    _five_team_ideas(personas)
    client = client_for("employee")
    assert "60 %" in client.get(url("figures")).content.decode()
    services.idea_answer(
        idea=Idea.objects.filter(status=Status.WAITING).first(),
        by=personas.team_lead,
        outcome=Status.NOT_FEASIBLE,
        reason="No.",
    )
    assert "60 %" in client.get(url("figures")).content.decode()  # the same, for ten minutes
    cache.clear()  # as the ten minutes run out
    assert "80 %" in client.get(url("figures")).content.decode()
