# SPDX-License-Identifier: EUPL-1.2
"""Ideas on the home page: the module of the loop's step "Speak up", where the person stands
with their named ideas and the campaigns that ask them, what waits for a campaign owner's
answer, and, with the team's open items, the ideas waiting for a team lead or a line manager,
escalated ones first (elan/ideas/home.py)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from elan.core import modules
from elan.core.modules import Audience, DateKind, ModuleStatus
from elan.core.vocabulary import LoopStep
from elan.ideas import home, services
from elan.ideas.constants import Status
from elan.ideas.models import IdeaRules
from elan.ideas.tests.factories import CampaignFactory, post
from elan.organisations.models import StaffRecord
from elan.organisations.tests.factories import person_in

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def idea_url(idea) -> str:
    return reverse("ideas:idea", kwargs={"public_id": idea.public_id})


def waiting_list_url() -> str:
    return reverse("ideas:home") + "#waiting-heading"


def labels(states) -> list[str]:
    return [str(state.label) for state in states]


def answer(idea, by, outcome=Status.NOT_FEASIBLE):
    return services.idea_answer(idea=idea, by=by, outcome=outcome, reason="We looked into it.")


def escalate_overdue_ideas():
    """The clock's daily run, today: what is past its deadline goes up the line."""
    return services.clock_run(today=today())


@pytest.fixture
def short_clock(personas):
    """The organisation answers within 2 worked days: an idea posted ten days ago is overdue,
    and one posted today is due before an escalated one (5 worked days more)."""
    return IdeaRules.objects.create(
        organisation=personas.organisation, answer_worked_days=2, reminder_worked_days=1
    )


def test_ideas_are_the_module_of_the_speak_up_step():
    [link] = [link for link in modules.registered_modules() if link.url_names == ("ideas:home",)]

    assert link.step == LoopStep.SPEAK_UP
    assert str(link.label) == "Ideas"
    assert link.url() == reverse("ideas:home")
    assert link.state is home.own_state
    assert home.role_items in modules.team_item_providers()


# --- where the person stands ------------------------------------------------------------------


def test_someone_with_no_idea_and_no_campaign_asking_is_invited_to_speak_up(personas):
    [state] = home.own_state(personas.employee)

    assert (state.status, state.url) == (ModuleStatus.NOT_STARTED, reverse("ideas:home"))
    assert str(state.label) == "Speak up with an idea"


def test_an_open_campaign_asks_the_people_of_its_unit_and_below_until_it_closes(personas):
    campaign = CampaignFactory(
        unit=personas.organisation, owner=personas.hr, title="Less paper", closes_on=today() + DAY
    )
    CampaignFactory(unit=personas.organisation, title="Not yet", opens_on=today() + DAY)
    CampaignFactory(unit=personas.organisation, title="Over", closed=True)
    CampaignFactory(unit=personas.other_organisation, title="Elsewhere")

    [state] = home.own_state(personas.employee)

    assert state.status == ModuleStatus.NOT_STARTED
    assert str(state.label) == "“Less paper” asks for your ideas"
    assert state.url == reverse("ideas:campaign", kwargs={"public_id": campaign.public_id})
    assert (state.date, state.date_kind) == (campaign.closes_on, DateKind.OPEN_UNTIL)
    # Its owner is not asked, nor is anyone outside its unit.
    assert "Less paper" not in " ".join(labels(home.own_state(personas.hr)))
    assert labels(home.own_state(personas.outsider)) == ["“Elsewhere” asks for your ideas"]


def test_a_campaign_answered_with_a_named_idea_no_longer_asks(personas):
    campaign = CampaignFactory(unit=personas.team, owner=personas.team_lead, title="Less paper")

    idea = post(personas.employee, campaign=campaign, title="Sign on screen")

    [state] = home.own_state(personas.employee)
    assert str(state.label) == "Your idea “Sign on screen” waits for its answer"
    assert state.url == idea_url(idea)


def test_a_named_idea_is_in_progress_until_its_answer_which_is_due_on_its_deadline(personas):
    later = post(personas.employee, box_unit=personas.team, title="Later", today=today() - DAY)
    sooner = post(personas.employee, box_unit=personas.team, title="Sooner", today=today() - DAY)
    post(personas.employee, box_unit=personas.team, title="Sooner still", today=today() - 7 * DAY)

    states = home.own_state(personas.employee)

    assert {state.status for state in states} == {ModuleStatus.IN_PROGRESS}
    assert labels(states)[0] == "Your idea “Sooner still” waits for its answer"
    assert [state.date for state in states] == sorted(state.date for state in states)
    assert {state.date_kind for state in states} == {DateKind.DUE_ON}
    assert {idea_url(later), idea_url(sooner)} < {state.url for state in states}


def test_once_answered_the_last_idea_is_done_on_the_day_of_its_answer(personas):
    first = post(personas.employee, box_unit=personas.team, title="First")
    last = post(personas.employee, box_unit=personas.team, title="Last")
    answer(first, personas.team_lead, Status.NOT_FEASIBLE)
    assert labels(home.own_state(personas.employee)) == ["Your idea “Last” waits for its answer"]

    answer(last, personas.team_lead, Status.TAKEN_FORWARD)

    [state] = home.own_state(personas.employee)
    assert state.status == ModuleStatus.DONE
    assert str(state.label) == "Your idea “Last” has its answer: Taken forward"
    assert (state.date, state.date_kind) == (today(), DateKind.DONE_ON)
    assert state.url == idea_url(last)


def test_an_anonymous_idea_is_never_shown_to_its_author(personas):
    post(personas.employee, box_unit=personas.team, title="Empty rooms", anonymous=True)

    states = home.own_state(personas.employee)

    assert labels(states) == ["Speak up with an idea"]
    assert home.role_items(personas.employee) == []


def test_a_campaign_owner_waits_until_the_earliest_deadline_of_its_ideas(personas):
    campaign = CampaignFactory(
        unit=personas.organisation, owner=personas.hr, opens_on=today() - 7 * DAY
    )
    earliest = post(personas.employee, campaign=campaign, today=today() - 7 * DAY)

    [waiting] = [s for s in home.own_state(personas.hr) if s.status == ModuleStatus.WAITING]
    assert str(waiting.label) == "1 idea in your campaigns waits for your answer"
    assert waiting.url == idea_url(earliest)
    assert (waiting.date, waiting.date_kind) == (earliest.answer_due, DateKind.DUE_ON)

    post(personas.line_manager, campaign=campaign)
    [waiting] = [s for s in home.own_state(personas.hr) if s.status == ModuleStatus.WAITING]
    assert str(waiting.label) == "2 ideas in your campaigns wait for your answer"
    assert (waiting.url, waiting.date) == (waiting_list_url(), earliest.answer_due)

    answer(earliest, personas.hr)
    answer(campaign.ideas.get(author=personas.line_manager), personas.hr)
    assert not [s for s in home.own_state(personas.hr) if s.status == ModuleStatus.WAITING]


# --- the team's open items --------------------------------------------------------------------


def test_a_team_lead_sees_the_ideas_of_their_box_waiting_for_their_answer(personas):
    idea = post(personas.employee, box_unit=personas.team, title="Print less")

    [item] = home.role_items(personas.team_lead)

    assert item.audience == Audience.TEAM
    assert item.state.status == ModuleStatus.WAITING
    assert str(item.state.label) == "Answer the idea “Print less”"
    assert item.state.url == idea_url(idea)
    assert (item.state.date, item.state.date_kind) == (idea.answer_due, DateKind.DUE_ON)
    assert item.state.detail == "Posted to the idea box of Team One."
    # Shown once: with the team's items, not again as the team lead's own.
    assert not [s for s in home.own_state(personas.team_lead) if "Print less" in str(s.label)]


def test_an_anonymous_idea_waits_for_the_team_lead_without_a_name(personas):
    post(personas.employee, box_unit=personas.team, title="Empty rooms", anonymous=True)

    [item] = home.role_items(personas.team_lead)

    assert str(item.state.label) == "Answer the idea “Empty rooms”"
    assert personas.employee.get_full_name() not in f"{item.state.label} {item.state.detail}"


def test_the_line_manager_answers_what_their_report_did_not_answer_in_time(personas, short_clock):
    # Lena (line manager) owns a campaign of her team; her own line manager is Tess.
    campaign = CampaignFactory(
        unit=personas.team, owner=personas.line_manager, opens_on=today() - 10 * DAY
    )
    late = post(personas.employee, campaign=campaign, title="Late", today=today() - 10 * DAY)
    assert home.role_items(personas.team_lead) == []

    escalate_overdue_ideas()

    [item] = home.role_items(personas.team_lead)
    late.refresh_from_db()
    assert str(item.state.label) == "Answer the idea “Late”, escalated to you"
    assert item.state.detail == (
        f"{personas.line_manager.get_full_name()}, its owner, did not answer it by its deadline."
    )
    assert (item.state.date, item.state.url) == (late.answer_due, idea_url(late))
    # Lena may still answer it: it is one of her campaign's ideas waiting for her.
    [waiting] = [
        s for s in home.own_state(personas.line_manager) if s.status == ModuleStatus.WAITING
    ]
    assert waiting.url == idea_url(late)


def test_escalated_ideas_come_first_even_when_another_is_due_sooner(personas, short_clock):
    StaffRecord.objects.filter(user=personas.team_lead).update(line_manager=personas.hr)
    overdue = post(
        personas.employee, box_unit=personas.team, title="Overdue", today=today() - 10 * DAY
    )
    escalate_overdue_ideas()
    fresh = post(personas.employee, box_unit=personas.team, title="Fresh")
    overdue.refresh_from_db()
    assert fresh.answer_due < overdue.answer_due

    first, second = home.role_items(personas.team_lead)

    assert str(first.state.label) == "Answer the idea “Overdue”, past its deadline"
    assert first.state.detail == (
        f"It went to {personas.hr.get_full_name()}, who may answer it too."
    )
    assert str(second.state.label) == "Answer the idea “Fresh”"
    [escalated] = home.role_items(personas.hr)
    assert str(escalated.state.label) == "Answer the idea “Overdue”, escalated to you"


def test_more_ideas_than_the_home_page_shows_lead_to_the_ideas_home(personas, short_clock):
    colleagues = [person_in(personas.team) for _ in range(home.LIMIT + 1)]
    for number, colleague in enumerate(colleagues):
        post(colleague, box_unit=personas.team, title=f"Idea {number}")

    items = home.role_items(personas.team_lead)

    assert len(items) == home.LIMIT + 1
    assert str(items[-1].state.label) == "More ideas wait for your answer"
    assert items[-1].state.url == waiting_list_url()


def test_an_answered_idea_leaves_the_team_s_items(personas):
    idea = post(personas.employee, box_unit=personas.team)

    answer(idea, personas.team_lead)

    assert home.role_items(personas.team_lead) == []


@pytest.mark.parametrize("persona", ["employee", "hr", "outsider", "moderator"])
def test_someone_who_answers_no_idea_has_no_team_items_from_ideas(persona, personas):
    post(personas.employee, box_unit=personas.team)
    post(personas.line_manager, box_unit=personas.team, anonymous=True)

    assert home.role_items(personas.get(persona)) == []


# --- on the home page -------------------------------------------------------------------------


def home_page(client) -> str:
    with translation.override("en"):
        url = reverse("portal:home")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def section(page: str, heading_id: str) -> str:
    found = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', page, re.DOTALL)
    return found.group(0) if found else ""


def test_the_home_page_shows_the_speak_up_step_with_the_person_s_idea(personas, client_for):
    post(personas.employee, box_unit=personas.team, title="Print less")

    page = home_page(client_for("employee"))

    loop = section(page, "loop-heading")
    step = re.search(
        r'<li class="loop__step[^"]*"[^>]*>\s*<span class="loop__label">Speak up</span>'
        r".*?</ul>\s*</li>",
        loop,
        re.DOTALL,
    )
    assert step is not None
    assert f'href="{reverse("ideas:home")}"' in step.group(0)
    assert "Your idea “Print less” waits for its answer" in step.group(0)
    assert "Coming later" not in loop


def test_a_team_lead_finds_the_box_s_ideas_with_the_team_s_items_and_not_twice(
    personas, client_for
):
    post(personas.employee, box_unit=personas.team, title="Print less")

    page = home_page(client_for("team_lead"))

    assert "Answer the idea “Print less”" in section(page, "team-items-heading")
    assert "Print less" not in section(page, "next-heading")


def test_the_person_s_state_and_the_team_s_items_read_the_same_queries_for_more_ideas(
    personas, short_clock
):
    campaign = CampaignFactory(unit=personas.organisation, owner=personas.team_lead)

    def add(numbers):
        for number in numbers:
            colleague = person_in(personas.team)
            post(colleague, box_unit=personas.team, title=f"Box {number}")
            post(colleague, campaign=campaign, title=f"Campaign {number}")
            post(
                personas.team_lead,
                box_unit=personas.team,
                title=f"Own {number}",
                today=today() - number * DAY,
            )
            CampaignFactory(unit=personas.team, title=f"Asking {number}")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            home.own_state(personas.team_lead)
            home.role_items(personas.team_lead)
        return len(queries.captured_queries)

    add(range(2))
    few = count()
    add(range(2, 8))

    assert count() == few <= 5
