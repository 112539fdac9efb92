# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from elan.experiments.models import Experiment
from elan.ideas import services
from elan.ideas.constants import DAILY_IDEA_QUOTA, IDEA_TRANSITIONS, OUTCOMES, Status
from elan.ideas.models import Idea
from elan.ideas.tests.factories import CampaignFactory, matrix_campaign, post

pytestmark = pytest.mark.django_db

TOMORROW = datetime.timedelta(days=1)


def _answer(idea, by, outcome, **fields):
    fields.setdefault("reason", "Because we thought it through.")
    if outcome == Status.COVERED:
        fields.setdefault("covered_by", "https://intranet.example/e-signature")
    if outcome == Status.NOT_NOW:
        fields.setdefault("look_again_on", timezone.localdate() + datetime.timedelta(days=90))
    return services.idea_answer(idea=idea, by=by, outcome=outcome, **fields)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_outcome_needs_a_written_reason(personas, outcome):
    idea = post(personas.employee, campaign=matrix_campaign(personas))
    with pytest.raises(ValidationError) as refused:
        _answer(idea, personas.hr, outcome, reason="   ")
    assert "reason" in refused.value.error_dict
    assert Idea.objects.get(pk=idea.pk).status == Status.WAITING


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_outcome_is_recorded_with_its_reason_and_appended_to_the_history(personas, outcome):
    idea = post(personas.employee, campaign=matrix_campaign(personas))
    answered = _answer(idea, personas.hr, outcome)
    assert answered.status == outcome
    assert answered.reason == "Because we thought it through."
    assert answered.answered_by == personas.hr
    assert [(e.from_status, e.to_status) for e in answered.history.filter(kind="answered")] == [
        (Status.WAITING, outcome)
    ]


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_an_answered_idea_cannot_be_answered_again(personas, outcome):
    idea = _answer(
        post(personas.employee, campaign=matrix_campaign(personas)), personas.hr, outcome
    )
    with pytest.raises(ValidationError) as refused:
        _answer(idea, personas.hr, Status.NOT_FEASIBLE)
    assert refused.value.code == "transition"


def test_only_not_now_may_come_back_and_only_to_waiting():
    assert IDEA_TRANSITIONS[Status.NOT_NOW] == frozenset({Status.WAITING})
    for final in (Status.TAKEN_FORWARD, Status.COVERED, Status.NOT_FEASIBLE):
        assert IDEA_TRANSITIONS[final] == frozenset()


def test_taking_an_idea_forward_opens_a_draft_experiment_linked_both_ways(personas):
    idea = post(personas.employee, campaign=matrix_campaign(personas), title="Paperless")
    answered = _answer(idea, personas.hr, Status.TAKEN_FORWARD)
    experiment = Experiment.objects.get(pk=answered.experiment_id)
    assert experiment.owner == personas.hr
    assert experiment.title == "Paperless"
    assert experiment.from_idea == idea.public_id


def test_already_covered_needs_the_link_to_what_covers_it(personas):
    idea = post(personas.employee, campaign=matrix_campaign(personas))
    with pytest.raises(ValidationError) as refused:
        _answer(idea, personas.hr, Status.COVERED, covered_by="")
    assert "covered_by" in refused.value.error_dict


@pytest.mark.parametrize("days", [None, 0, -3, 800])
def test_not_now_needs_a_day_to_look_again_after_today_and_within_two_years(personas, days):
    idea = post(personas.employee, campaign=matrix_campaign(personas))
    day = None if days is None else timezone.localdate() + datetime.timedelta(days=days)
    with pytest.raises(ValidationError) as refused:
        _answer(idea, personas.hr, Status.NOT_NOW, look_again_on=day)
    assert "look_again_on" in refused.value.error_dict


def test_a_person_may_post_a_few_ideas_a_day_named_and_anonymous_together(personas):
    campaign = matrix_campaign(personas)
    for number in range(DAILY_IDEA_QUOTA):
        post(
            personas.employee, campaign=campaign, title=f"Idea {number}", anonymous=number % 2 == 0
        )
    with pytest.raises(ValidationError) as refused:
        post(personas.employee, campaign=campaign, title="One too many", anonymous=True)
    assert refused.value.code == "quota"
    assert not Idea.objects.filter(title="One too many").exists()
    # Someone else still may.
    post(personas.line_manager, campaign=campaign, title="Another person's")


def test_a_closed_campaign_or_one_not_yet_open_takes_no_idea(personas):
    for campaign in (
        CampaignFactory(unit=personas.organisation, owner=personas.hr, closed=True),
        CampaignFactory(
            unit=personas.organisation,
            owner=personas.hr,
            opens_on=timezone.localdate() + TOMORROW,
        ),
    ):
        with pytest.raises(ValidationError):
            post(personas.employee, campaign=campaign)


def test_the_campaigns_first_owner_owns_each_idea(personas):
    assert post(personas.employee, campaign=matrix_campaign(personas)).owner == personas.hr


def test_the_deadline_is_twenty_worked_days_after_the_day_of_posting(personas):
    idea = post(personas.employee, box_unit=personas.team, today=datetime.date(2027, 3, 1))
    # 20 worked days after Monday 1 March 2027 would be Monday 29 March, Easter Monday, a
    # shipped federal holiday: the deadline is the Tuesday.
    assert idea.answer_due == datetime.date(2027, 3, 30)


def test_a_box_without_a_team_lead_of_its_own_goes_to_the_nearest_one_above(personas):
    from elan.organisations.tests.factories import UnitFactory

    below = UnitFactory(parent=personas.team, code="FPS-ONE-TEAM-SUB")
    idea = post(personas.employee, box_unit=below)
    assert idea.owner == personas.team_lead


def test_nobody_supports_their_own_named_idea_and_supporting_twice_counts_once(personas):
    idea = post(personas.employee, campaign=matrix_campaign(personas))
    with pytest.raises(ValidationError):
        services.idea_support(idea=idea, user=personas.employee)
    assert services.idea_support(idea=idea, user=personas.line_manager) is True
    assert services.idea_support(idea=idea, user=personas.line_manager) is False
    assert idea.supports.count() == 1


def test_hiding_needs_a_reason_and_the_reason_is_kept_for_the_author(personas):
    idea = post(personas.employee, campaign=matrix_campaign(personas))
    with pytest.raises(ValidationError):
        services.idea_hide(idea=idea, by=personas.moderator, reason="")
    hidden = services.idea_hide(idea=idea, by=personas.moderator, reason="Names a colleague.")
    assert hidden.is_hidden and hidden.hidden_reason == "Names a colleague."
    shown = services.idea_show(idea=hidden, by=personas.moderator)
    assert not shown.is_hidden
    comment = services.comment_add(idea=idea, author=personas.team_lead, body="Rude words")
    with pytest.raises(ValidationError):
        services.comment_hide(comment=comment, by=personas.moderator, reason=" ")
    services.comment_hide(comment=comment, by=personas.moderator, reason="Not kind.")
    comment.refresh_from_db()
    assert comment.hidden_reason == "Not kind."
