# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest
from django.utils import timezone

from elan.ideas import services
from elan.ideas.models import Campaign, Comment, Idea, IdeaEvent, Support
from elan.ideas.personal_data import erase_ideas, export_ideas
from elan.ideas.tests.factories import matrix_campaign, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def ideas_of_the_employee(personas):
    campaign = matrix_campaign(personas)
    named = post(personas.employee, campaign=campaign, title="Named and mine")
    anonymous, _token = post(
        personas.employee, campaign=campaign, title="Anonymous and mine", anonymous=True
    )
    other = post(personas.line_manager, campaign=campaign, title="A colleague's")
    services.idea_support(idea=other, user=personas.employee)
    services.comment_add(idea=other, author=personas.employee, body="My comment")
    services.comment_add(idea=named, author=personas.line_manager, body="Their comment")
    return {"named": named, "anonymous": anonymous, "other": other}


def test_the_download_holds_the_named_ideas_comments_and_supports_and_no_anonymous_idea(
    personas, ideas_of_the_employee
):
    exported = export_ideas(personas.employee)
    assert [idea["title"] for idea in exported["your_named_ideas"]] == ["Named and mine"]
    assert [c["comment"] for c in exported["your_comments"]] == ["My comment"]
    assert [s["idea"] for s in exported["ideas_you_support"]] == ["A colleague's"]
    assert "Anonymous and mine" not in str(exported)
    assert exported["idea_campaigns_you_own"] == []
    assert "Matrix campaign" in export_ideas(personas.hr)["idea_campaigns_you_own"]


def test_erasure_deletes_the_named_ideas_comments_and_supports_and_keeps_what_is_owned(
    personas, ideas_of_the_employee
):
    erase_ideas(user=personas.employee, now=timezone.now())
    erase_ideas(user=personas.hr, now=timezone.now())
    assert not Idea.objects.filter(pk=ideas_of_the_employee["named"].pk).exists()
    assert not Comment.objects.filter(author=personas.employee).exists()
    assert not Support.objects.filter(user=personas.employee).exists()
    # The anonymous idea was never the employee's as far as Elan knows: it stays.
    assert Idea.objects.filter(pk=ideas_of_the_employee["anonymous"].pk).exists()
    # What HR owned stays, without HR.
    other = Idea.objects.get(pk=ideas_of_the_employee["other"].pk)
    assert other.owner is None
    assert not Campaign.objects.get(title="Matrix campaign").owners.filter(pk=personas.hr.pk)
    assert not IdeaEvent.objects.filter(by__in=[personas.employee, personas.hr]).exists()
