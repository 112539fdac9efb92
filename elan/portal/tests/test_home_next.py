# SPDX-License-Identifier: EUPL-1.2
"""The home page says what to do next: each module's state for the person, their team's open
items for a team lead or line manager, the campaigns and decisions for HR; nothing of anyone
else for an outsider or a visitor; and a bounded number of queries however much there is."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from elan.assessments.tests.factories import (
    answers_for,
    in_progress_assessment,
    instrument,
    submitted_assessment,
)
from elan.feedback import services as feedback_services
from elan.feedback.tests.factories import feedback_round, invite
from elan.feedback.tests.factories import open_round as open_360
from elan.ideas.constants import Status as IdeaStatus
from elan.ideas.models import Idea
from elan.ideas.tests.factories import CampaignFactory as IdeaCampaignFactory
from elan.ideas.tests.factories import post as post_idea
from elan.insights import services as insights_services
from elan.insights.tests.factories import CampaignFactory, answer, close_round, invited, open_round
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.tests.factories import person_in

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def home_url() -> str:
    with translation.override("en"):
        return reverse("portal:home")


def page_of(client) -> str:
    response = client.get(home_url())
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, heading_id: str) -> str:
    """The HTML of the section labelled by ``heading_id`` (empty when there is none)."""
    match = re.search(
        rf'<section aria-labelledby="{heading_id}".*?</section>', page, flags=re.DOTALL
    )
    return match.group(0) if match else ""


def running_campaign(unit, title: str, *, days_ago: int = 3):
    campaign = CampaignFactory(
        unit=unit, title=title, opens_on=timezone.localdate() - days_ago * DAY
    )
    return campaign, open_round(campaign, today=campaign.opens_on)


def grow_team(personas, extra: int = 3) -> None:
    for _ in range(extra):
        person_in(personas.team)


def test_what_to_do_next_lists_what_waits_first_then_what_to_start(personas, client_for):
    instrument()
    grow_team(personas)
    running_campaign(personas.organisation, "Climate spring")
    page = page_of(client_for("employee"))
    todo = section(page, "next-heading")
    assert "Answer the survey “Climate spring”" in todo
    assert "Take the self-assessment" in todo
    assert todo.index("Climate spring") < todo.index("Take the self-assessment")
    assert re.search(r'Open until <time datetime="\d{4}-\d\d-\d\d">', todo)


def test_the_soonest_date_comes_first_among_what_waits(personas, client_for):
    grow_team(personas)
    running_campaign(personas.organisation, "Closes later", days_ago=1)
    running_campaign(personas.organisation, "Closes sooner", days_ago=10)
    todo = section(page_of(client_for("employee")), "next-heading")
    assert todo.index("Closes sooner") < todo.index("Closes later")


def test_every_step_has_a_module_and_none_says_coming_later(personas, client_for):
    loop = section(page_of(client_for("employee")), "loop-heading")
    steps = re.findall(
        r'<li class="loop__step.*?</ul>\s*</li>|<li class="loop__step.*?Coming later',
        loop,
        flags=re.DOTALL,
    )
    assert loop.count("Coming later") == 0  # speak up has its module: ideas
    for name in ("Learn", "Look at yourself and your team", "Plan", "Try", "Connect", "Speak up"):
        [step] = [s for s in steps if f'<span class="loop__label">{name}</span>' in s]
        assert "Coming later" not in step


def test_the_loop_shows_each_module_s_state_and_where_the_person_stands(personas, client_for):
    submitted_assessment(personas.employee)
    loop = section(page_of(client_for("employee")), "loop-heading")
    assert "Done on <time" in loop and "Your skills profile" in loop
    assert "Plan your next steps" in loop
    current = re.search(r'<li class="loop__step loop__step--current".*?</li>', loop, re.DOTALL)
    assert current is not None and '<span class="loop__label">Plan</span>' in current.group(0)


def test_an_employee_sees_no_team_items_and_no_campaigns(personas, client_for):
    grow_team(personas)
    running_campaign(personas.organisation, "Climate spring")
    page = page_of(client_for("employee"))
    assert section(page, "team-items-heading") == ""
    assert section(page, "organisation-items-heading") == ""


def test_a_team_lead_sees_the_team_s_turnout_band_and_the_results_to_decide_on(
    personas, client_for
):
    grow_team(personas, extra=6)  # a team of nine
    campaign, round_ = running_campaign(personas.organisation, "Climate spring")
    team = [u for u in invited(round_) if u.staff_record.unit_id == personas.team.pk]
    for user in team[:7]:
        answer(round_, user, today=timezone.localdate() - DAY)
    ours = CampaignFactory(
        unit=personas.team, title="Ours", opens_on=timezone.localdate() - 20 * DAY
    )
    ours_round = open_round(ours, today=ours.opens_on)
    for user in invited(ours_round):
        answer(ours_round, user, today=ours.opens_on)
    close_round(ours, today=timezone.localdate() - DAY)
    items = section(page_of(client_for("team_lead")), "team-items-heading")
    assert "“Climate spring” is open for Team One" in items
    assert "Three quarters or more of the people invited have answered." in items
    assert "Results of “Ours” for Team One: your team sees them first" in items
    assert "Decide by <time" in items


def test_a_line_manager_sees_the_rater_list_waiting_for_their_review(personas, client_for):
    round_ = open_360(personas.employee)
    invite(round_, "peer")
    feedback_services.round_send_list(owner=personas.employee, round_=round_)
    page = page_of(client_for("line_manager"))
    items = section(page, "team-items-heading")
    assert f"Review the rater list of {personas.employee.get_full_name()}" in items
    # The employee's own round and self-assessment stay theirs.
    assert "Your rater list is waiting for review" not in page


def test_hr_sees_its_campaigns_and_what_needs_a_decision(personas, client_for):
    grow_team(personas)
    running_campaign(personas.organisation, "Climate spring")
    CampaignFactory(unit=personas.organisation, title="Next one", opens_on=timezone.localdate())
    items = section(page_of(client_for("hr")), "organisation-items-heading")
    assert "Round 1 of “Climate spring” is open" in items
    assert "Fewer than 5 people have answered so far" in items
    assert "Open the first round of “Next one”" in items


def test_an_outsider_and_a_visitor_see_nothing_of_the_others(personas, client_for):
    grow_team(personas)
    running_campaign(personas.organisation, "Climate spring")
    submitted_assessment(personas.employee)
    round_ = open_360(personas.employee)
    invite(round_, "peer")
    feedback_services.round_send_list(owner=personas.employee, round_=round_)
    for persona in ("outsider", "visitor"):
        page = page_of(client_for(persona))
        assert "Climate spring" not in page, persona
        assert personas.employee.get_full_name() not in page, persona
        assert "Your skills profile" not in page, persona
        assert section(page, "team-items-heading") == "", persona
        assert section(page, "organisation-items-heading") == "", persona
    assert "What to do next" not in page_of(client_for("visitor"))


# --- A light page ------------------------------------------------------------------------------


def everything(personas) -> None:
    """The team lead, also HR for the first service, with a self-assessment in progress and
    their own 360 open."""
    lead = personas.team_lead
    organisation_services.role_assign(user=lead, role=Role.HR, unit=personas.organisation)
    grow_team(personas)
    feedback_round(lead, raters={"peer": 3}, answered=False)  # submits a first self-assessment
    in_progress_assessment(lead, answers=answers_for(instrument(), 3))


def more_of_everything(personas, numbers: range) -> None:
    """Something of every kind for the team lead, once per number: a survey to answer, campaigns
    open and in draft, results to decide on, an action due, an invitation to rate someone and a
    rater list to review; an idea campaign asking for ideas, one of theirs with an idea to answer,
    an idea in their team's box and one escalated to them, and a named idea of their own."""
    lead = personas.team_lead
    today = timezone.localdate()
    for number in numbers:
        IdeaCampaignFactory(unit=personas.team, title=f"Ideas wanted {number}")
        theirs = IdeaCampaignFactory(unit=personas.team, owner=lead, title=f"Theirs {number}")
        colleague = person_in(personas.team)
        post_idea(colleague, campaign=theirs, title=f"Campaign idea {number}")
        post_idea(colleague, box_unit=personas.team, title=f"Box idea {number}")
        escalated = post_idea(colleague, box_unit=personas.organisation, title=f"Up {number}")
        Idea.objects.filter(pk=escalated.pk).update(status=IdeaStatus.ESCALATED, escalated_to=lead)
        post_idea(
            lead,
            box_unit=personas.organisation,
            title=f"Own idea {number}",
            today=today - number * DAY,
        )
        running_campaign(personas.organisation, f"Open {number}")
        CampaignFactory(unit=personas.organisation, title=f"Draft {number}", opens_on=today)
        ours = CampaignFactory(
            unit=personas.team, title=f"Ours {number}", opens_on=today - 40 * DAY
        )
        ours_round = open_round(ours, today=ours.opens_on)
        for user in invited(ours_round):
            answer(ours_round, user, today=ours.opens_on)
        ours_round = close_round(ours, today=today - DAY)
        insights_services.action_add(
            round_=ours_round,
            unit_code=personas.team.code,
            by=lead,
            measure="psychological-safety",
            title=f"Action {number}",
            owner=lead if number % 2 else personas.employee,
            today=today - 31 * DAY,
        )
        # Someone who asks the lead for feedback, and someone whose list the lead reviews.
        asking = person_in(personas.team)
        asking_round = open_360(asking)
        invite(asking_round, "peer", email=lead.email)
        for _ in range(2):
            invite(asking_round, "peer")
        asking_round = feedback_services.round_send_list(owner=asking, round_=asking_round)
        if asking_round.in_review:
            feedback_services.round_approve(reviewer=personas.hr, round_=asking_round)
        report = person_in(personas.team, manager=lead)
        report_round = open_360(report)
        invite(report_round, "peer")
        feedback_services.round_send_list(owner=report, round_=report_round)


def count_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        page = page_of(client)
    return len(queries.captured_queries), page


def test_the_home_page_of_someone_with_everything_stays_light(
    personas, client_for, django_assert_max_num_queries
):
    everything(personas)
    more_of_everything(personas, range(6))
    client = client_for("team_lead")
    some, page = count_queries(client)
    for text in ("Give", "Review the rater list", "Open 5", "Draft 5", "Ours 0", "Action 0"):
        assert text in page, text
    for text in ("“Ideas wanted", "ideas in your campaigns wait", "Own idea", "escalated to you"):
        assert text in page, text
    assert "More ideas wait for your answer" in page
    assert "Finish your self-assessment" in page and "open for answers" in page
    more_of_everything(personas, range(6, 9))
    more, page = count_queries(client)
    assert more == some  # each kind is capped: more rows, not more queries
    # 61: the learning network's state adds one (is there a network profile?). 66: the ideas'
    # add five (their named ideas, their campaigns' ideas waiting and how many, the campaigns
    # asking them, the ideas waiting for them as team lead or line manager). 69: the
    # retrospectives' add three (the units led, the unit placed in, their boards waiting).
    with django_assert_max_num_queries(69):
        page_of(client)
