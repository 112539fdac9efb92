# SPDX-License-Identifier: EUPL-1.2
"""An event's pages for its participants (issue 19): the events' home, an event, registering
with ranked challenges and a group code, bad input that keeps what was typed, withdrawing, the
team page and who may read it, why a member is in their team, the help requests, the result
that becomes an experiment card, and the retrospectives."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from elan.assessments.tests.factories import submitted_assessment
from elan.core.vocabulary import InnovationSkill
from elan.events.constants import HelpStatus, Mode, Status
from elan.events.models import (
    HelpRequest,
    Registration,
    Team,
    TeamMember,
    TeamResult,
    TeamRetrospective,
)
from elan.events.tests.factories import (
    ChallengeFactory,
    EventFactory,
    register,
    skill,
    volunteer,
)

pytestmark = pytest.mark.django_db


def url(name: str, obj) -> str:
    return reverse(f"events:{name}", kwargs={"public_id": obj.public_id})


def as_user(client, user):
    client.logout()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def assessed(person, strengths=("storytelling",)) -> None:
    """A self-assessment in which each named skill scores high: the person's to bring."""
    submitted_assessment(
        person, {slug: 5 if slug in strengths else 2 for slug in InnovationSkill.values}
    )


@pytest.fixture
def event(personas):
    """An open event organised by HR, with six challenges of the personas' team."""
    found = EventFactory(open=True, organisers=[personas.hr], title="Open data day")
    for number in range(1, 7):
        ChallengeFactory(
            event=found,
            unit=personas.team,
            problem_owner=personas.team_lead,
            title=f"Challenge {number}",
        )
    return found


def challenges(event) -> list:
    return list(event.challenges.order_by("title"))


def form_data(event, **fields) -> dict:
    first, second = challenges(event)[:2]
    data = {
        "strengths": [str(skill("storytelling").pk)],
        "practise": [str(skill("iteration").pk)],
        "choice_1": str(first.pk),
        "choice_2": str(second.pk),
        "languages": ["en", "fr"],
        "coming": "free_agent",
        "group_code": "",
        "new_code": "ABCDEF",
    }
    data.update(fields)
    return data


# --- the home and the event -------------------------------------------------------------------


def test_the_home_lists_open_events_but_not_drafts_and_the_readers_registrations(
    personas, client, event
):
    EventFactory(title="A draft in the making", organisers=[personas.hr])
    register(event, personas.employee, challenges=challenges(event)[:1])

    content = page(as_user(client, personas.employee).get(reverse("events:home")))

    assert "Open data day" in content
    assert "A draft in the making" not in content
    assert 'id="my-registrations"' in content
    assert 'id="organiser-link"' not in content


def test_an_organiser_finds_the_link_to_their_pages_on_the_home(personas, client, event):
    content = page(as_user(client, personas.hr).get(reverse("events:home")))

    assert 'id="organiser-link"' in content


def test_a_draft_event_is_its_organisers_alone(personas, client):
    draft = EventFactory(organisers=[personas.hr])

    assert as_user(client, personas.employee).get(url("event", draft)).status_code == 404
    assert as_user(client, personas.hr).get(url("event", draft)).status_code == 200


def test_the_event_page_shows_its_challenges_and_invites_to_register_and_to_mentor(
    personas, client, event
):
    content = page(as_user(client, personas.employee).get(url("event", event)))

    caption = "The challenges units bring to this event"
    assert f'<caption id="challenge-caption">{caption}</caption>' in content
    assert "Challenge 1" in content and "Team One" in content
    assert 'id="register-link"' in content
    assert 'id="volunteer-link"' in content


# --- registering ------------------------------------------------------------------------------


def test_a_person_registers_with_ranked_challenges_and_sees_it_on_the_event(
    personas, client, event
):
    assessed(personas.employee)
    first, second = challenges(event)[:2]
    client = as_user(client, personas.employee)
    assert "Strengths I bring" in page(client.get(url("register", event)))

    response = client.post(
        url("register", event), form_data(event, choice_1=str(second.pk), choice_2=str(first.pk))
    )

    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=personas.employee)
    assert [c.challenge for c in registration.choices.order_by("rank")] == [second, first]
    assert set(registration.languages) == {"en", "fr"}
    assert list(registration.strengths.all()) == [skill("storytelling")]
    content = page(client.get(response["Location"]))
    assert "You are registered." in content
    assert 'id="ranked-challenges"' in content


def test_six_ranked_challenges_are_refused_and_the_input_is_kept(personas, client, event):
    assessed(personas.employee)
    ids = [str(c.pk) for c in challenges(event)]
    data = form_data(event, **{f"choice_{n}": ids[n - 1] for n in range(1, 7)})
    data["group_code"] = "KEPTME"

    content = page(as_user(client, personas.employee).post(url("register", event), data))

    assert "Rank at most 5 challenges." in content
    assert 'class="error-summary"' in content
    assert 'value="KEPTME"' in content
    assert not Registration.objects.filter(event=event).exists()


def test_a_challenge_ranked_twice_is_refused_beside_the_repeated_choice(personas, client, event):
    assessed(personas.employee)
    first = challenges(event)[0]

    response = as_user(client, personas.employee).post(
        url("register", event), form_data(event, choice_2=str(first.pk))
    )

    content = page(response)
    assert "You chose this challenge already: rank each challenge only once." in content
    assert 'href="#id_choice_2"' in content
    assert response.context["form"]["choice_1"].value() == str(first.pk)
    assert not Registration.objects.filter(event=event).exists()


def test_a_strength_the_self_assessment_does_not_show_is_refused(personas, client, event):
    # No self-assessment: no strength is the employee's to bring.
    response = as_user(client, personas.employee).post(url("register", event), form_data(event))

    content = page(response)
    assert "Choose strengths among those your self-assessment shows." in content
    assert 'id="no-strengths"' in content
    assert response.context["form"]["languages"].value() == ["en", "fr"]
    assert not Registration.objects.filter(event=event).exists()


def test_a_refusal_of_the_service_is_shown_on_the_form_with_the_input_kept(personas, client, event):
    volunteer(event, personas.employee)
    assessed(personas.employee)

    response = as_user(client, personas.employee).post(
        url("register", event), form_data(event, coming="group_join", group_code="KEEP23")
    )

    content = page(response)
    assert "You mentor this event's teams: withdraw that offer to take part instead." in content
    assert response.context["form"]["group_code"].value() == "KEEP23"
    assert not Registration.objects.filter(event=event).exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("choice_1", "9" * 30),
        ("strengths", "9" * 30),
        ("practise", "٣"),
        ("group_code", "AB\x01CDE"),
        ("coming", "everyone"),
    ],
)
def test_odd_input_is_a_form_error_not_a_server_error(personas, client, event, field, value):
    assessed(personas.employee)
    data = form_data(event, coming="group_join", group_code="ABCDEF")
    data[field] = value

    response = as_user(client, personas.employee).post(url("register", event), data)

    content = page(response)
    assert 'class="error-summary"' in content
    assert not Registration.objects.filter(event=event).exists()


def test_a_nul_byte_answers_bad_request_never_a_server_error(personas, client, event):
    assessed(personas.employee)
    data = form_data(event, coming="group_join", group_code="AB\x00CDE")

    response = as_user(client, personas.employee).post(url("register", event), data)

    assert response.status_code == 400


def test_a_new_group_gets_its_code_and_a_colleague_joins_with_it(personas, client, event):
    assessed(personas.employee)
    assessed(personas.line_manager)
    client = as_user(client, personas.employee)
    code = client.get(url("register", event)).context["new_code"]
    assert len(code) == 6

    response = client.post(
        url("register", event), form_data(event, coming="group_new", new_code=code)
    )
    content = page(client.get(response["Location"]))
    assert f"Your group's code is {code}" in content
    assert f"<strong>{code}</strong>" in content

    as_user(client, personas.line_manager).post(
        url("register", event), form_data(event, coming="group_join", group_code=code.lower())
    )

    joined = Registration.objects.get(event=event, user=personas.line_manager)
    assert (joined.mode, joined.group_code) == (Mode.GROUP, code)


def test_joining_without_a_code_asks_for_it(personas, client, event):
    assessed(personas.employee)

    content = page(
        as_user(client, personas.employee).post(
            url("register", event), form_data(event, coming="group_join")
        )
    )

    assert "Give the code the group shared with you." in content


def test_a_malformed_group_code_is_the_services_error_beside_its_field(personas, client, event):
    assessed(personas.employee)

    response = as_user(client, personas.employee).post(
        url("register", event), form_data(event, coming="group_join", group_code="ABC")
    )

    content = page(response)
    assert "A group code has 6 letters and digits" in content
    assert 'href="#id_group_code"' in content
    assert response.context["form"]["group_code"].value() == "ABC"


def test_editing_a_registration_starts_from_what_was_registered(personas, client, event):
    first, second = challenges(event)[:2]
    register(event, personas.employee, challenges=[second, first], group="QWERTY")

    form = as_user(client, personas.employee).get(url("register", event)).context["form"]

    assert form["choice_1"].value() == str(second.pk)
    assert form["choice_2"].value() == str(first.pk)
    assert form["coming"].value() == "group_join"
    assert form["group_code"].value() == "QWERTY"


def test_withdrawing_removes_the_registration(personas, client, event):
    register(event, personas.employee, challenges=challenges(event)[:1])

    response = as_user(client, personas.employee).post(url("registration_withdraw", event))

    assert response.status_code == 302
    assert not Registration.objects.filter(event=event, user=personas.employee).exists()
    assert "Your registration is withdrawn." in page(client.get(response["Location"]))


def test_registration_is_refused_once_closed_with_a_message(personas, client, event):
    event.status = Status.CLOSED
    event.save()

    response = as_user(client, personas.employee).get(url("register", event), follow=True)

    assert "This event is not open for registration." in page(response)


# --- the team ---------------------------------------------------------------------------------


@pytest.fixture
def team(personas):
    """The employee's published team, on the team lead's challenge, in a running event; the
    line manager mentors it."""
    event = EventFactory(open=True, organisers=[personas.hr])
    challenge = ChallengeFactory(
        event=event,
        unit=personas.team,
        problem_owner=personas.team_lead,
        title="Fewer forms",
        problem="Citizens fill in the same form three times.",
    )
    registration = register(event, personas.employee, challenges=[challenge])
    found = Team.objects.create(
        event=event,
        challenge=challenge,
        number=1,
        working_language="en",
        mentor=personas.line_manager,
        published_at=timezone.now(),
    )
    TeamMember.objects.create(
        team=found,
        registration=registration,
        reasons=[
            {"code": "challenge_rank", "params": {"challenge": str(challenge.pk), "rank": 1}},
            {"code": "working_language", "params": {"language": "en"}},
        ],
    )
    event.status = Status.TEAMS_PUBLISHED
    event.save()
    return found


def test_a_member_reads_their_team_and_one_sentence_on_why_they_are_in_it(personas, client, team):
    content = page(as_user(client, personas.employee).get(url("team", team)))

    assert 'id="member-sentence"' in content
    assert "You are in this team because it works on “Fewer forms”, your first choice" in content
    assert '<caption id="member-caption">The team\'s members and their units</caption>' in content
    assert "Team One" in content
    assert "Citizens fill in the same form three times." in content


def test_the_problem_owner_and_the_mentor_find_the_team_on_their_home_and_its_members_do_not_twice(
    personas, client, team
):
    link = f'href="{url("team", team)}"'
    lead = page(as_user(client, personas.team_lead).get(reverse("events:home")))
    mentor = page(as_user(client, personas.line_manager).get(reverse("events:home")))
    member = page(as_user(client, personas.employee).get(reverse("events:home")))

    assert 'id="followed-team-list"' in lead and link in lead
    assert "as the challenge's problem owner" in lead
    assert 'id="followed-team-list"' in mentor and link in mentor and "as its mentor" in mentor
    assert 'id="followed-teams"' not in member and member.count(link) == 1


def test_a_proposed_team_is_not_on_its_problem_owners_home(personas, client, team):
    Team.objects.filter(pk=team.pk).update(published_at=None)

    content = page(as_user(client, personas.team_lead).get(reverse("events:home")))

    assert 'id="followed-teams"' not in content


@pytest.mark.parametrize(
    "persona, status",
    [
        ("employee", 200),
        ("team_lead", 200),
        ("hr", 200),
        ("line_manager", 200),
        ("moderator", 404),
        ("outsider", 404),
        ("administrator", 404),
    ],
)
def test_the_team_page_is_its_members_its_mentors_its_problem_owners_and_the_organisers(
    personas, client, team, persona, status
):
    assert as_user(client, personas.get(persona)).get(url("team", team)).status_code == status


def test_a_proposed_team_is_the_organisers_alone(personas, client, team):
    Team.objects.filter(pk=team.pk).update(published_at=None)

    assert as_user(client, personas.employee).get(url("team", team)).status_code == 404
    assert as_user(client, personas.team_lead).get(url("team", team)).status_code == 404
    assert as_user(client, personas.hr).get(url("team", team)).status_code == 200


def test_the_problem_owner_reads_no_sentence_nor_the_teams_questions(personas, client, team):
    HelpRequest.objects.create(
        team=team, asked_by=personas.employee, question="Secret question?", skill=skill("iteration")
    )

    content = page(as_user(client, personas.team_lead).get(url("team", team)))

    assert 'id="member-sentence"' not in content
    assert "Secret question?" not in content


def test_a_member_asks_for_help_and_withdraws_the_question(personas, client, team):
    client = as_user(client, personas.employee)

    response = client.post(
        url("help_post", team),
        {"question": "How do we test with citizens?", "skill": str(skill("storytelling").pk)},
    )

    assert response.status_code == 302
    request = HelpRequest.objects.get(team=team)
    assert request.status == HelpStatus.WAITING
    content = page(client.get(url("team", team)))
    assert "How do we test with citizens?" in content
    assert "waiting for" in content

    client.post(url("help_withdraw", request))
    request.refresh_from_db()
    assert request.status == HelpStatus.WITHDRAWN


def test_a_question_without_its_skill_keeps_what_was_written(personas, client, team):
    response = as_user(client, personas.employee).post(
        url("help_post", team), {"question": "Where do we start?", "skill": "9" * 30}
    )

    content = page(response)
    assert "Choose a skill from the list." in content
    assert "Where do we start?" in content
    assert not HelpRequest.objects.exists()


def test_someone_outside_the_team_cannot_withdraw_its_question(personas, client, team):
    request = HelpRequest.objects.create(
        team=team, asked_by=personas.employee, question="Q?", skill=skill("iteration")
    )

    response = as_user(client, personas.outsider).post(url("help_withdraw", request))

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == HelpStatus.WAITING


def test_the_result_becomes_an_experiment_card_owned_by_the_problem_owner(personas, client, team):
    client = as_user(client, personas.employee)
    empty = page(client.post(url("result", team), {"summary": "  "}))
    assert "Say what the team achieved." in empty

    client.post(url("result", team), {"summary": "One form, prefilled."})
    result = TeamResult.objects.get(team=team)
    assert result.summary == "One form, prefilled."
    content = page(client.get(url("team", team)))
    assert "Make it an experiment card" in content

    response = client.post(url("result_experiment", team), {"owner": str(personas.team_lead.pk)})

    assert response.status_code == 302
    result.refresh_from_db()
    assert result.experiment is not None
    assert result.experiment.owner == personas.team_lead
    content = page(client.get(response["Location"]))
    detail = reverse("experiments:detail", kwargs={"public_id": result.experiment.public_id})
    assert f'href="{detail}"' in content
    assert "Make it an experiment card" not in content


def test_the_card_owner_must_be_the_problem_owner_or_a_member(personas, client, team):
    client = as_user(client, personas.employee)
    client.post(url("result", team), {"summary": "One form, prefilled."})

    content = page(client.post(url("result_experiment", team), {"owner": str(personas.hr.pk)}))

    assert "Choose the problem owner or a member of the team." in content
    assert TeamResult.objects.get(team=team).experiment is None


def test_a_member_writes_a_retrospective_and_the_team_reads_it(personas, client, team):
    client = as_user(client, personas.employee)
    empty = page(client.post(url("retrospective", team), {"went_well": " "}))
    assert "Write at least one of the three answers." in empty

    response = client.post(
        url("retrospective", team),
        {"went_well": "We met citizens.", "to_change": "", "next_step": "Pilot in May."},
    )

    assert response.status_code == 302
    written = TeamRetrospective.objects.get(team=team, author=personas.employee)
    assert written.next_step == "Pilot in May."
    assert "We met citizens." in page(client.get(url("team", team)))
    form = client.get(url("retrospective", team)).context["form"]
    assert form["went_well"].value() == "We met citizens."
    assert "We met citizens." not in page(
        as_user(client, personas.team_lead).get(url("team", team))
    )


def test_the_problem_owner_writes_no_retrospective(personas, client, team):
    response = as_user(client, personas.team_lead).post(
        url("retrospective", team), {"went_well": "Mine."}
    )

    assert response.status_code == 302
    assert not TeamRetrospective.objects.exists()
