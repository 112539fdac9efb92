# SPDX-License-Identifier: EUPL-1.2
"""Two people edit the same goal or the same talk notes at once: the first save goes through,
the second is refused with both versions side by side and its own input kept, and saving again
then overwrites knowingly. Nothing is lost: the history keeps every change (issue 16)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from elan.goals import services
from elan.goals.constants import GoalEventKind, GoalKind, TalkKind

pytestmark = pytest.mark.django_db

START = datetime.date(2027, 6, 1)
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def on_start():
    with time_machine.travel(START, tick=False):
        yield


@pytest.fixture
def cycle(personas):
    return services.cycle_start(person=personas.employee, starts_on=START, actor=personas.employee)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def draft(cycle, personas):
    return services.goal_create(
        cycle=cycle,
        actor=personas.employee,
        kind=GoalKind.PERFORMANCE,
        innovation="result",
        title="Shorter waiting time for a permit",
        indicator="Median days from request to decision",
        target="From 30 to 20 days",
    )


def posted(form_page, **changes) -> dict:
    """What a browser would send back from the page's form, with the person's changes."""
    form = form_page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    data.update(changes)
    return data


def test_two_people_change_the_same_agreed_goal_in_a_talk_and_the_second_sees_both_versions(
    cycle, personas
):
    goal = draft(cycle, personas)
    services.goal_propose(goal=goal, actor=personas.employee)
    services.goal_agree(goal=goal, actor=personas.line_manager)
    services.talk_hold(
        talk=cycle.talks.get(kind=TalkKind.PLANNING), actor=personas.line_manager, held_on=START
    )
    talk = services.talk_schedule(
        cycle=cycle,
        kind=TalkKind.INTERIM,
        planned_on=START + datetime.timedelta(weeks=6),
        actor=personas.line_manager,
    )
    url = reverse("goals:goal_change", args=[talk.public_id, goal.public_id])
    person, evaluator = logged_in(personas.employee), logged_in(personas.line_manager)
    person_page, evaluator_page = person.get(url), evaluator.get(url)
    goal.refresh_from_db()
    opened_at = goal.version
    assert int(person_page.context["form"]["version"].value()) == opened_at

    first = evaluator.post(
        url,
        posted(evaluator_page, title="Decide within 25 days", reason="Evaluator: be realistic"),
    )
    assert first.status_code == 302

    second = person.post(
        url, posted(person_page, title="Decide within 15 days", reason="Person: new system")
    )
    assert second.status_code == 200
    html = second.content.decode()
    assert "Someone else saved this goal while you were editing" in html
    assert 'id="conflict"' in html
    assert "Decide within 25 days" in html  # theirs
    assert 'value="Decide within 15 days"' in html  # yours, still in the form
    assert "Person: new system" in html
    goal.refresh_from_db()
    assert goal.title == "Decide within 25 days"
    assert int(second.context["form"]["version"].value()) == goal.version != opened_at

    again = person.post(url, posted(second))
    assert again.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Decide within 15 days"
    changes = list(goal.events.filter(kind=GoalEventKind.CHANGED).order_by("at", "pk"))
    assert [(c.reason, c.after["title"]) for c in changes] == [
        ("Evaluator: be realistic", "Decide within 25 days"),
        ("Person: new system", "Decide within 15 days"),
    ]


def test_the_same_draft_saved_from_two_windows_is_refused_the_second_time(cycle, personas):
    goal = draft(cycle, personas)
    url = reverse("goals:goal_edit", args=[goal.public_id])
    one, two = logged_in(personas.employee), logged_in(personas.employee)
    page_one, page_two = one.get(url), two.get(url)
    assert one.post(url, posted(page_one, target="From 30 to 25 days")).status_code == 302
    response = two.post(url, posted(page_two, target="From 30 to 10 days"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "From 30 to 25 days" in html and 'value="From 30 to 10 days"' in html
    goal.refresh_from_db()
    assert goal.target == "From 30 to 25 days"


def test_two_evaluators_write_the_talk_notes_at_once_and_the_second_keeps_their_text(
    cycle, personas
):
    services.cycle_set_second_evaluator(
        cycle=cycle, second_evaluator=personas.team_lead, actor=personas.line_manager
    )
    talk = cycle.talks.get()
    url = reverse("goals:talk", args=[talk.public_id])
    first, second = logged_in(personas.line_manager), logged_in(personas.team_lead)
    person = logged_in(personas.employee)
    assert int(first.get(url).context["notes_form"]["version"].value()) == 1
    assert int(second.get(url).context["notes_form"]["version"].value()) == 1

    saved = first.post(
        url, {"action": "notes", "notes-notes": "Agreed on two tests", "notes-version": "1"}
    )
    assert saved.status_code == 302
    # The person's notes have their own counter: writing them meanwhile is no conflict.
    mine = person.post(
        url, {"action": "notes", "notes-notes": "I will ask for a mentor", "notes-version": "1"}
    )
    assert mine.status_code == 302

    refused = second.post(
        url, {"action": "notes", "notes-notes": "Three tests, one with users", "notes-version": "1"}
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else saved these notes while you were writing" in html
    assert "Agreed on two tests" in html
    assert "Three tests, one with users</textarea>" in html
    assert int(refused.context["notes_form"]["version"].value()) == 2
    talk.refresh_from_db()
    assert (talk.evaluator_notes, talk.person_notes) == (
        "Agreed on two tests",
        "I will ask for a mentor",
    )

    overwritten = second.post(
        url, {"action": "notes", "notes-notes": "Three tests, one with users", "notes-version": "2"}
    )
    assert overwritten.status_code == 302
    talk.refresh_from_db()
    assert talk.evaluator_notes == "Three tests, one with users"
