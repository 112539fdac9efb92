# SPDX-License-Identifier: EUPL-1.2
"""The organiser's pages: HR creates and edits an event, moves it along its lifecycle, forms
the teams, swaps members, publishes the teams and reads the help queue; team leads post their
units' challenges; nobody else reaches any of it."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from elan.events import services
from elan.events.constants import EventKind, Kind, Status
from elan.events.models import Challenge, Event, EventEvent, HelpRequest, Team, TeamMember
from elan.events.tests.factories import (
    ChallengeFactory,
    EventFactory,
    matrix_event,
    register,
    skill,
)
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def url(name: str, event, *extra) -> str:
    return reverse(f"events:{name}", args=[event.public_id, *extra])


def form_data(**changes) -> dict:
    data = {
        "kind": Kind.HACKATHON,
        "title": "Hack the queue",
        "description": "Shorter waits at the counter.",
        "starts_on": "2030-03-01",
        "ends_on": "2030-03-02",
        "place": "Brussels, North Tower",
        "languages": ["nl", "fr"],
        "min_team_size": "3",
        "max_team_size": "5",
        "max_per_unit": "2",
        "co_organisers": "",
    }
    data.update(changes)
    return data


def closed_event_with_people(personas, *, count=6, required=(), **fields):
    """Six people over two units, bringing storytelling or iteration, ranking two challenges;
    registration closed."""
    event = EventFactory(open=True, organisers=[personas.hr], **fields)
    one = ChallengeFactory(event=event, title="Paper forms")
    two = ChallengeFactory(event=event, title="Long queues")
    units = [UnitFactory(parent=personas.organisation) for _i in range(2)]
    for index in range(count):
        register(
            event,
            person_in(units[index % 2], first_name=f"Person{index}"),
            strengths=["storytelling" if index % 2 else "iteration"],
            challenges=[one, two] if index % 2 else [two, one],
        )
    event.required_skills.set([skill(slug) for slug in required])
    services.event_move(event=event, to=Status.CLOSED, by=personas.hr)
    return event


# --- creating and editing -----------------------------------------------------------------------


def test_hr_creates_a_draft_event_with_a_co_organiser_and_lands_on_its_cockpit(
    personas, client_for
):
    response = client_for("hr").post(
        reverse("events:event_new"),
        form_data(co_organisers="team.lead@elan.test", required_skills=[]),
    )

    event = Event.objects.get(title="Hack the queue")
    assert response.status_code == 302
    assert response.url == url("event_manage", event)
    assert event.status == Status.DRAFT
    assert event.languages == ["nl", "fr"]
    assert set(event.organisers.all()) == {personas.hr, personas.team_lead}


def test_an_event_that_ends_before_it_starts_is_refused_with_the_input_kept(personas, client_for):
    response = client_for("hr").post(reverse("events:event_new"), form_data(ends_on="2030-02-01"))

    html = response.content.decode()
    assert response.status_code == 200
    assert not Event.objects.exists()
    assert "The event cannot end before the day it starts." in html
    assert 'id="error-summary"' in html
    assert 'value="Hack the queue"' in html
    assert 'value="2030-02-01"' in html
    assert 'aria-describedby="id_ends_on_error"' in html


def test_an_unknown_co_organiser_address_is_a_field_error_with_the_input_kept(personas, client_for):
    response = client_for("hr").post(
        reverse("events:event_new"),
        form_data(co_organisers="team.lead@elan.test, nobody@elan.test"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert not Event.objects.exists()
    assert "We found no active colleague with the address nobody@elan.test." in html
    assert "team.lead@elan.test, nobody@elan.test" in html


def test_a_refusal_of_the_service_is_shown_on_the_form_with_the_input_kept(
    personas, client_for, monkeypatch
):
    def refuse(**kwargs):
        raise ValidationError("Refused for a reason the form could not see.", code="test")

    monkeypatch.setattr(services, "event_create", refuse)

    response = client_for("hr").post(reverse("events:event_new"), form_data())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Refused for a reason the form could not see." in html
    assert 'value="Hack the queue"' in html


def test_an_organiser_edits_an_open_event_and_its_history_says_so(personas, client_for):
    event = EventFactory(open=True, organisers=[personas.hr])

    response = client_for("hr").post(
        url("event_edit", event), form_data(title="Renamed", online="on", place="")
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Renamed"
    assert event.online and event.place == ""
    assert EventEvent.objects.filter(event=event, kind=EventKind.CHANGED).exists()


def test_editing_with_bad_input_keeps_it_and_changes_nothing(personas, client_for):
    event = EventFactory(open=True, organisers=[personas.hr], title="Before")

    response = client_for("hr").post(
        url("event_edit", event),
        form_data(title="After", min_team_size="6", max_team_size="3"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The largest team cannot be smaller than the smallest." in html
    assert 'value="After"' in html
    event.refresh_from_db()
    assert event.title == "Before"


def test_an_event_whose_registration_closed_can_no_longer_be_edited(personas, client_for):
    event = EventFactory(closed=True, organisers=[personas.hr], title="Before")
    client = client_for("hr")

    assert client.get(url("event_edit", event)).status_code == 302
    client.post(url("event_edit", event), form_data(title="After"))

    event.refresh_from_db()
    assert event.title == "Before"
    with pytest.raises(ValidationError):
        services.event_update(event=event, by=personas.hr, **_update_fields())


def _update_fields() -> dict:
    import datetime

    return {
        "kind": Kind.SPRINT,
        "title": "Late",
        "starts_on": datetime.date(2030, 1, 1),
        "ends_on": datetime.date(2030, 1, 2),
        "languages": ["en"],
        "online": True,
    }


# --- the cockpit and the moves ----------------------------------------------------------------


def test_the_cockpit_offers_only_the_moves_the_lifecycle_allows(personas, client_for):
    event = EventFactory(organisers=[personas.hr])
    ChallengeFactory(event=event, unit=personas.team, problem_owner=personas.team_lead)

    html = client_for("hr").get(url("event_manage", event)).content.decode()

    assert 'name="to" value="open"' in html
    assert 'name="to" value="cancelled"' in html
    assert 'name="to" value="closed"' not in html
    assert 'name="to" value="finished"' not in html
    assert 'name="to" value="teams_published"' not in html
    assert "Team One" in html and "Tess" in html  # the challenge's unit and problem owner


def test_an_allowed_move_is_made_and_one_the_lifecycle_refuses_is_a_message(personas, client_for):
    event = EventFactory(organisers=[personas.hr])
    client = client_for("hr")

    refused = client.post(url("event_move", event), {"to": Status.FINISHED}, follow=True)
    event.refresh_from_db()
    assert event.status == Status.DRAFT
    assert escape("An event that is “Draft” cannot become “Finished”.") in (
        refused.content.decode()
    )

    response = client.post(url("event_move", event), {"to": Status.OPEN})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Status.OPEN


def test_the_cockpit_lists_registrations_and_mentor_offers(personas, client_for):
    event = closed_event_with_people(personas, count=2)

    html = client_for("hr").get(url("event_manage", event)).content.decode()

    assert "Person0" in html and "Person1" in html
    assert "2 people registered" in html
    assert "On their own" in html


# --- the teams --------------------------------------------------------------------------------


def test_an_organiser_who_forms_teams_sees_each_member_and_why_they_are_in_it(personas, client_for):
    event = closed_event_with_people(personas)
    client = client_for("hr")

    response = client.post(url("teams_propose", event))

    assert response.status_code == 302
    assert Team.objects.filter(event=event).count() == 2
    html = client.get(response.url).content.decode()
    assert "Team 1:" in html and "Team 2:" in html
    assert re.search(r"Person0[^<]* is in this team because", html)
    assert 'name="member"' in html  # a swap form per member
    assert 'id="publish"' in html
    for team in Team.objects.filter(event=event):
        # Each team's own page, as its members will read it once published.
        assert f'href="/en/events/teams/{team.public_id}/"' in html


def test_an_organiser_who_forms_teams_that_cannot_be_formed_is_told_which_rule_blocks(
    personas, client_for
):
    # Four people cannot form teams of five or six.
    event = closed_event_with_people(personas, count=4, min_team_size=5, max_team_size=6)

    response = client_for("hr").post(url("teams_propose", event))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="blockers"' in html
    assert "4 people cannot be split into teams of 5 to 6." in html
    assert not Team.objects.filter(event=event).exists()
    assert not EventEvent.objects.filter(event=event, kind=EventKind.PROPOSED).exists()


def test_a_swap_that_breaks_a_rule_is_refused_on_the_page_and_changes_nothing(personas, client_for):
    event = closed_event_with_people(personas, required=["storytelling"])
    client = client_for("hr")
    client.post(url("teams_propose", event))
    first, second = Team.objects.filter(event=event).order_by("number")
    mover = first.members.first()

    # Alone, the person makes a team of four, one more than the largest.
    response = client.post(
        url("team_swap", event), {"member": mover.pk, "to_team": second.number, "with_member": ""}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "This change breaks a rule: a team has too few or too many members." in html
    assert f'<option value="{second.number}" selected>' in html
    assert f'id="swap-{mover.pk}" open' in html
    assert TeamMember.objects.get(pk=mover.pk).team == first
    assert not EventEvent.objects.filter(event=event, kind=EventKind.SWAPPED).exists()


def test_a_swap_that_keeps_every_rule_is_saved(personas, client_for):
    event = closed_event_with_people(personas, required=["storytelling"])
    client = client_for("hr")
    client.post(url("teams_propose", event))
    first, second = Team.objects.filter(event=event).order_by("number")
    slug_of = {m.pk: m.registration.strengths.get().slug for m in TeamMember.objects.all()}
    mover = first.members.first()
    partner = next(m for m in second.members.all() if slug_of[m.pk] == slug_of[mover.pk])

    response = client.post(
        url("team_swap", event),
        {"member": mover.pk, "to_team": second.number, "with_member": partner.pk},
    )

    assert response.status_code == 302
    assert TeamMember.objects.get(pk=mover.pk).team == second
    assert TeamMember.objects.get(pk=partner.pk).team == first


def test_a_partner_from_another_team_than_the_one_chosen_is_a_field_error(personas, client_for):
    event = closed_event_with_people(personas, count=9)
    client = client_for("hr")
    client.post(url("teams_propose", event))
    first, second, *others = Team.objects.filter(event=event).order_by("number")
    third = others[-1]
    mover = first.members.first()

    response = client.post(
        url("team_swap", event),
        {"member": mover.pk, "to_team": second.number, "with_member": third.members.first().pk},
    )

    assert response.status_code == 200
    assert f"Choose someone of team {second.number}, or nobody." in response.content.decode()
    assert TeamMember.objects.get(pk=mover.pk).team == first


def test_publishing_the_teams_moves_the_event_on(personas, client_for):
    event = closed_event_with_people(personas)
    client = client_for("hr")
    client.post(url("teams_propose", event))

    response = client.post(url("teams_publish", event), follow=True)

    event.refresh_from_db()
    assert event.status == Status.TEAMS_PUBLISHED
    assert all(team.is_published for team in Team.objects.filter(event=event))
    html = response.content.decode()
    assert "2 teams are published" in html
    assert 'id="propose"' not in html and 'name="member"' not in html


def test_publishing_without_teams_is_a_message(personas, client_for):
    event = closed_event_with_people(personas, count=2)

    response = client_for("hr").post(url("teams_publish", event), follow=True)

    assert "Propose the teams before publishing them." in response.content.decode()
    event.refresh_from_db()
    assert event.status == Status.CLOSED


# --- the help queue ---------------------------------------------------------------------------


def test_the_help_queue_shows_a_table_and_a_sentence_and_who_waits(personas, client_for):
    event = matrix_event(personas, "published")
    team = Team.objects.get(event=event)
    HelpRequest.objects.create(
        team=team, asked_by=personas.employee, question="How?", skill=skill("storytelling")
    )

    html = client_for("hr").get(url("help_figures", event)).content.decode()

    assert "<caption" in html
    assert "1 request waits for a mentor now" in html
    assert 'id="waiting-requests"' in html


# --- who reaches what -------------------------------------------------------------------------

ORGANISER_PAGES = ("event_manage", "event_edit", "event_teams", "help_figures")


@pytest.mark.parametrize("persona", ["employee", "team_lead", "line_manager", "outsider"])
def test_nobody_but_the_organisers_reaches_an_events_organiser_pages(personas, client_for, persona):
    event = matrix_event(personas, "open")
    client = client_for(persona)

    assert client.get(reverse("events:organiser_list")).status_code == 403
    assert client.get(reverse("events:event_new")).status_code == 403
    for name in ORGANISER_PAGES:
        assert client.get(url(name, event)).status_code == 403, name
    for name in ("event_move", "teams_propose", "team_swap", "teams_publish"):
        assert client.post(url(name, event), {"to": Status.CLOSED}).status_code == 403, name
    event.refresh_from_db()
    assert event.status == Status.OPEN


def test_a_draft_event_answers_404_to_whoever_does_not_organise_it(personas, client_for):
    event = matrix_event(personas, "draft")
    client = client_for("team_lead")

    for name in (*ORGANISER_PAGES, "challenge_new"):
        assert client.get(url(name, event)).status_code == 404, name


def test_someone_who_organises_without_being_hr_sees_the_list_without_new_event(
    personas, client_for
):
    EventFactory(organisers=[personas.employee], title="Employee's event")

    html = client_for("employee").get(reverse("events:organiser_list")).content.decode()

    assert "Employee&#x27;s event" in html or "Employee's event" in html
    assert 'id="event-new"' not in html


# --- challenges -------------------------------------------------------------------------------


def test_a_team_lead_posts_a_challenge_for_their_unit(personas, client_for):
    event = matrix_event(personas, "open")
    client = client_for("team_lead")

    page = client.get(url("challenge_new", event)).content.decode()
    assert "Team One" in page
    response = client.post(
        url("challenge_new", event),
        {
            "unit": personas.team.pk,
            "title": "Fewer forms",
            "problem": "Citizens fill the same form twice.",
            "problem_owner": "team.lead@elan.test",
            "max_teams": "2",
        },
    )

    assert response.status_code == 302
    assert response.url == url("event", event)
    challenge = Challenge.objects.get(title="Fewer forms")
    assert challenge.unit == personas.team
    assert challenge.problem_owner == personas.team_lead
    assert challenge.max_teams == 2


def test_a_team_lead_cannot_post_for_a_unit_their_role_does_not_cover(personas, client_for):
    event = matrix_event(personas, "open")

    response = client_for("team_lead").post(
        url("challenge_new", event),
        {
            "unit": personas.other_organisation.pk,
            "title": "Not ours",
            "problem": "Someone else's problem.",
            "problem_owner": "team.lead@elan.test",
        },
    )

    assert response.status_code == 200
    assert not Challenge.objects.filter(title="Not ours").exists()
    assert "That unit is not one you may choose here." in response.content.decode()


def test_an_employee_may_read_the_event_but_not_post_a_challenge(personas, client_for):
    event = matrix_event(personas, "open")
    client = client_for("employee")

    assert client.get(url("challenge_new", event)).status_code == 403
    response = client.post(
        url("challenge_new", event),
        {"unit": personas.team.pk, "title": "Sneaky", "problem": "x", "problem_owner": ""},
    )
    assert response.status_code == 403
    assert not Challenge.objects.filter(title="Sneaky").exists()


def test_an_unknown_problem_owner_is_a_field_error_with_the_input_kept(personas, client_for):
    event = matrix_event(personas, "open")

    response = client_for("hr").post(
        url("challenge_new", event),
        {
            "unit": personas.team.pk,
            "title": "Fewer forms",
            "problem": "Citizens fill the same form twice.",
            "problem_owner": "ghost@elan.test",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "We found no active colleague with the address ghost@elan.test." in html
    assert 'value="Fewer forms"' in html
    assert "Citizens fill the same form twice." in html
    assert not Challenge.objects.filter(title="Fewer forms").exists()


def test_an_organiser_posts_a_challenge_and_returns_to_the_cockpit(personas, client_for):
    event = matrix_event(personas, "draft")
    elsewhere = UnitFactory(parent=personas.organisation, name_en="Elsewhere")

    response = client_for("hr").post(
        url("challenge_new", event),
        {
            "unit": elsewhere.pk,
            "title": "Anywhere",
            "problem": "Any unit of the organisation may bring one.",
            "problem_owner": "employee@elan.test",
        },
    )

    assert response.status_code == 302
    assert response.url == url("event_manage", event) + "#challenges"
    assert Challenge.objects.get(title="Anywhere").unit == elsewhere
