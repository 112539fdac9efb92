# SPDX-License-Identifier: EUPL-1.2
"""The events' writes: the lifecycle and its history, challenges posted by who answers for the
unit, registration's rules, and teams proposed, swapped and published through formation's
checker."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from elan.assessments.tests.factories import submitted_assessment
from elan.events import formation, services
from elan.events.constants import EventKind, Kind, Mode, Status
from elan.events.models import EventEvent, Registration, Team, TeamMember
from elan.events.tests.factories import ChallengeFactory, EventFactory, register, skill, volunteer
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

LIMITS = formation.Limits(
    assignment_seconds=2, teams_seconds=1, wall_seconds=5, spare_challenges=None
)


def codes(refused) -> set[str]:
    return {error.code for error in refused.value.error_list}


def people(unit, count):
    return [person_in(unit) for _i in range(count)]


# --- the lifecycle ----------------------------------------------------------------------------


def test_creating_an_event_makes_its_creator_an_organiser_and_starts_its_history(personas):
    event = services.event_create(
        kind=Kind.SPRINT,
        title="Sprint for open data",
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 3, 3),
        online=True,
        languages=["fr", "nl"],
        required_skills=[skill("data-literacy")],
        by=personas.hr,
    )

    assert list(event.organisers.all()) == [personas.hr]
    assert event.languages == ["nl", "fr"]  # in the platform's order
    assert event.status == Status.DRAFT
    assert EventEvent.objects.get(event=event).to_status == Status.DRAFT


def test_an_event_with_its_smallest_team_larger_than_its_largest_is_refused(personas):
    with pytest.raises(ValidationError) as refused:
        services.event_create(
            kind=Kind.HACKATHON,
            title="Upside down",
            starts_on=datetime.date(2027, 3, 1),
            ends_on=datetime.date(2027, 3, 1),
            place="Liège",
            languages=["fr"],
            min_team_size=6,
            max_team_size=4,
            by=personas.hr,
        )
    assert codes(refused) == {"team_size"}


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.DRAFT, Status.OPEN),
        (Status.OPEN, Status.CLOSED),
        (Status.CLOSED, Status.OPEN),
        (Status.TEAMS_PUBLISHED, Status.FINISHED),
        (Status.OPEN, Status.CANCELLED),
    ],
)
def test_each_move_the_table_lists_is_made_and_appended_to_the_history(personas, start, to):
    event = EventFactory(status=start, organisers=[personas.hr])

    services.event_move(event=event, to=to, by=personas.hr)

    event.refresh_from_db()
    assert event.status == to
    entry = EventEvent.objects.get(event=event)
    assert (entry.from_status, entry.to_status, entry.by) == (start, to, personas.hr)


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.DRAFT, Status.CLOSED),
        (Status.OPEN, Status.FINISHED),
        (Status.FINISHED, Status.OPEN),
        (Status.CANCELLED, Status.OPEN),
        # Only publishing the teams moves an event to published.
        (Status.CLOSED, Status.TEAMS_PUBLISHED),
    ],
)
def test_each_move_the_table_refuses_leaves_the_event_and_its_history_alone(personas, start, to):
    event = EventFactory(status=start, organisers=[personas.hr])

    with pytest.raises(ValidationError):
        services.event_move(event=event, to=to, by=personas.hr)

    event.refresh_from_db()
    assert event.status == start
    assert not EventEvent.objects.filter(event=event).exists()


# --- challenges -------------------------------------------------------------------------------


def test_a_team_lead_posts_a_challenge_for_their_unit_but_not_for_another(personas):
    event = EventFactory(open=True, organisers=[personas.hr])

    challenge = services.challenge_post(
        event=event,
        unit=personas.team,
        title="Fewer forms",
        problem="Citizens fill in the same form three times.",
        problem_owner=personas.team_lead,
        by=personas.team_lead,
    )
    assert challenge.problem_owner == personas.team_lead
    with pytest.raises(ValidationError) as refused:
        services.challenge_post(
            event=event,
            unit=personas.other_organisation,
            title="Not mine",
            problem="…",
            problem_owner=personas.team_lead,
            by=personas.team_lead,
        )
    assert codes(refused) == {"not_allowed"}


def test_an_employee_cannot_post_a_challenge_and_nobody_can_once_registration_closed(personas):
    event = EventFactory(open=True, organisers=[personas.hr])
    with pytest.raises(ValidationError):
        services.challenge_post(
            event=event,
            unit=personas.team,
            title="Mine",
            problem="…",
            problem_owner=personas.employee,
            by=personas.employee,
        )
    event.status = Status.CLOSED
    event.save()
    with pytest.raises(ValidationError) as refused:
        services.challenge_post(
            event=event,
            unit=personas.team,
            title="Late",
            problem="…",
            problem_owner=personas.hr,
            by=personas.hr,
        )
    assert codes(refused) == {"status"}


# --- registration -----------------------------------------------------------------------------


def test_a_registration_keeps_the_ranked_challenges_languages_and_approved_strengths(personas):
    event = EventFactory(open=True)
    first, second = ChallengeFactory(event=event), ChallengeFactory(event=event)

    registration = register(
        event,
        personas.employee,
        strengths=["storytelling"],
        practise=["iteration"],
        challenges=[second, first],
        languages=["fr", "nl"],
    )

    assert [c.slug for c in registration.strengths.all()] == ["storytelling"]
    assert [(c.rank, c.challenge) for c in registration.choices.all()] == [(1, second), (2, first)]
    assert registration.languages == ["nl", "fr"]
    assert registration.mode == Mode.FREE_AGENT


def test_a_strength_the_persons_profile_does_not_show_is_refused(personas):
    event = EventFactory(open=True)
    submitted_assessment(personas.line_manager)  # loads the framework, for its skills
    # No self-assessment of their own yet: nothing is the person's to bring.
    with pytest.raises(ValidationError) as refused:
        services.registration_submit(
            event=event,
            user=personas.employee,
            strengths=[skill("storytelling")],
            practise=[],
            challenges=[],
            languages=["en"],
        )
    assert codes(refused) == {"unapproved_strength"}
    assert not Registration.objects.exists()


def test_registration_says_each_thing_wrong_with_it_in_one_go(personas):
    event = EventFactory(open=True, languages=["nl"])
    mine = [ChallengeFactory(event=event) for _i in range(6)]
    elsewhere = ChallengeFactory()

    with pytest.raises(ValidationError) as refused:
        services.registration_submit(
            event=event,
            user=personas.employee,
            strengths=[],
            practise=[],
            challenges=[*mine, elsewhere],
            languages=["de"],
            mode=Mode.GROUP,
            group_code="??",
        )

    assert codes(refused) == {
        "too_many_challenges",
        "other_event_challenge",
        "languages",
        "group_code",
    }
    messages = " ".join(refused.value.messages)
    assert "at most 5 challenges" in messages
    assert "among the event's" in messages


def test_registration_is_refused_unless_the_event_is_open(personas):
    event = EventFactory(closed=True)
    with pytest.raises(ValidationError) as refused:
        register(event, personas.employee)
    assert codes(refused) == {"not_open"}


def test_a_person_withdraws_while_registration_is_open_and_not_after(personas):
    event = EventFactory(open=True)
    registration = register(event, personas.employee)
    services.registration_withdraw(registration=registration, by=personas.employee)
    assert not Registration.objects.filter(event=event).exists()

    registration = register(event, personas.employee)
    services.event_move(event=event, to=Status.CLOSED, by=personas.hr)
    with pytest.raises(ValidationError):
        services.registration_withdraw(registration=registration, by=personas.employee)


# --- teams ------------------------------------------------------------------------------------


def closed_event_with_people(personas, *, group_of=0, count=6, required=(), **fields):
    """Six people over two units, each bringing storytelling or iteration, ranking two
    challenges; the first ``group_of`` of them come together."""
    event = EventFactory(open=True, organisers=[personas.hr], **fields)
    one, two = ChallengeFactory(event=event), ChallengeFactory(event=event)
    units = [UnitFactory(parent=personas.organisation) for _i in range(2)]
    registrations = []
    for index in range(count):
        person = person_in(units[index % 2])
        registrations.append(
            register(
                event,
                person,
                strengths=["storytelling" if index % 2 else "iteration"],
                challenges=[one, two] if index % 2 else [two, one],
                group="GRPAAA" if index < group_of else "",
            )
        )
    # Named once the first self-assessment has loaded the framework that holds them.
    event.required_skills.set([skill(slug) for slug in required])
    services.event_move(event=event, to=Status.CLOSED, by=personas.hr)
    return event, registrations


def test_proposed_teams_are_stored_with_each_members_reasons_and_a_group_stays_together(
    personas,
):
    event, registrations = closed_event_with_people(personas, group_of=3)

    proposal = services.teams_propose(event=event, by=personas.hr, limits=LIMITS)

    assert proposal.infeasible is None
    assert TeamMember.objects.filter(team__event=event).count() == 6
    group = {r.pk for r in registrations[:3]}
    teams_of_group = {m.team_id for m in TeamMember.objects.filter(registration_id__in=group)}
    assert len(teams_of_group) == 1
    member = TeamMember.objects.filter(registration_id__in=group).first()
    assert {"code": "group_kept", "params": {"group": "GRPAAA", "size": 3}} in member.reasons
    assert all(team.published_at is None for team in Team.objects.filter(event=event))
    assert EventEvent.objects.filter(event=event, kind=EventKind.PROPOSED, count=2).exists()


def test_an_event_no_plan_can_satisfy_stores_nothing_and_names_the_blocking_rule(personas):
    # Four people cannot form teams of five or six.
    event, _registrations = closed_event_with_people(
        personas, count=4, min_team_size=5, max_team_size=6
    )

    proposal = services.teams_propose(event=event, by=personas.hr, limits=LIMITS)

    assert proposal.teams == []
    assert "team_sizes" in [reason.code for reason in proposal.infeasible.blockers]
    assert not Team.objects.filter(event=event).exists()
    assert not EventEvent.objects.filter(event=event, kind=EventKind.PROPOSED).exists()


def test_a_swap_that_breaks_a_hard_rule_is_refused_and_one_that_keeps_them_is_saved(personas):
    event, registrations = closed_event_with_people(personas, required=["storytelling"])
    services.teams_propose(event=event, by=personas.hr, limits=LIMITS)
    first, second = Team.objects.filter(event=event).order_by("number")
    mover = first.members.first()

    # Moving one person makes a team of four, one more than the largest: refused, nothing moved.
    with pytest.raises(ValidationError) as refused:
        services.team_swap(member=mover, to_team=second, by=personas.hr)
    assert "team_size" in codes(refused)
    assert TeamMember.objects.get(pk=mover.pk).team == first

    # Swapping two people who bring the same skill keeps every rule.
    slug_of = {m.pk: m.registration.strengths.get().slug for m in TeamMember.objects.all()}
    partner = next(m for m in second.members.all() if slug_of[m.pk] == slug_of[mover.pk])
    services.team_swap(member=mover, to_team=second, with_member=partner, by=personas.hr)
    assert TeamMember.objects.get(pk=mover.pk).team == second
    assert TeamMember.objects.get(pk=partner.pk).team == first
    assert EventEvent.objects.filter(event=event, kind=EventKind.SWAPPED).count() == 1


def test_publishing_shows_the_teams_and_moves_the_event_on(personas):
    event, _registrations = closed_event_with_people(personas)
    with pytest.raises(ValidationError) as refused:
        services.teams_publish(event=event, by=personas.hr)
    assert codes(refused) == {"no_teams"}
    services.teams_propose(event=event, by=personas.hr, limits=LIMITS)

    services.teams_publish(event=event, by=personas.hr)

    event.refresh_from_db()
    assert event.status == Status.TEAMS_PUBLISHED
    assert all(team.is_published for team in Team.objects.filter(event=event))
    kinds = list(EventEvent.objects.filter(event=event).values_list("kind", "to_status"))
    assert kinds[-2:] == [(EventKind.PUBLISHED, ""), (EventKind.STATUS, Status.TEAMS_PUBLISHED)]


# --- mentors ----------------------------------------------------------------------------------


def test_a_team_gets_a_mentor_holding_its_weakest_skill_speaking_its_language_within_capacity(
    personas,
):
    event, _registrations = closed_event_with_people(personas, required=["storytelling"])
    # Every team's weakest skill is storytelling: the one skill every team needs.
    fitting = volunteer(event, person_in(personas.team), strengths=["storytelling"], capacity=1)
    volunteer(event, person_in(personas.team), strengths=["storytelling"], languages=["fr"])
    volunteer(event, person_in(personas.team), strengths=["iteration"], capacity=3)

    services.teams_propose(event=event, by=personas.hr, limits=LIMITS)

    teams = list(Team.objects.filter(event=event))
    assert len(teams) >= 2
    mentored = [team for team in teams if team.mentor_id is not None]
    # Only one mentor both speaks English and holds storytelling, and they take one team.
    assert [team.mentor_id for team in mentored] == [fitting.user_id]
    assert mentored[0].mentor_gap == {}
    for team in teams:
        if team.mentor_id is None:
            assert team.mentor_gap["code"] == "eligible_mentors_full"
            assert team.mentor_gap["params"]["skill"] == "storytelling"
            assert team.mentor_gap["params"]["places"] == 1


def test_a_team_no_mentor_fits_keeps_the_reason_for_the_organiser(personas):
    event, _registrations = closed_event_with_people(personas, required=["storytelling"])
    volunteer(event, person_in(personas.team), strengths=["iteration"], capacity=3)

    services.teams_propose(event=event, by=personas.hr, limits=LIMITS)

    gaps = {team.mentor_gap["code"] for team in Team.objects.filter(event=event)}
    assert gaps == {"no_mentor_holds_skill"}
    assert not Team.objects.filter(event=event, mentor__isnull=False).exists()


def test_a_participant_cannot_mentor_and_a_mentor_offers_only_the_events_languages(personas):
    event = EventFactory(open=True, languages=["nl", "fr"])
    register(event, personas.employee, languages=["nl"])

    with pytest.raises(ValidationError) as refused:
        volunteer(event, personas.employee, languages=["nl"])
    assert codes(refused) == {"registered"}
    with pytest.raises(ValidationError) as refused:
        volunteer(event, personas.line_manager, languages=["de"], capacity=0)
    assert codes(refused) == {"languages", "capacity"}


def test_a_mentor_cannot_also_take_part_until_they_withdraw_the_offer(personas):
    event = EventFactory(open=True, languages=["nl", "fr"])
    offer = volunteer(event, personas.line_manager, languages=["nl"])

    with pytest.raises(ValidationError) as refused:
        register(event, personas.line_manager, languages=["nl"])
    assert codes(refused) == {"mentoring"}
    services.mentor_withdraw(mentor=offer, by=personas.line_manager)
    assert register(event, personas.line_manager, languages=["nl"]).user == personas.line_manager


def test_a_mentor_withdraws_before_the_teams_are_out_and_their_team_says_why(personas):
    event, _registrations = closed_event_with_people(personas)
    mentor = volunteer(event, person_in(personas.team), capacity=3)
    services.teams_propose(event=event, by=personas.hr, limits=LIMITS)
    assert Team.objects.filter(event=event, mentor=mentor.user).exists()
    with pytest.raises(ValidationError) as refused:
        services.mentor_withdraw(mentor=mentor, by=personas.outsider)
    assert codes(refused) == {"not_allowed"}

    services.mentor_withdraw(mentor=mentor, by=mentor.user)

    assert not Team.objects.filter(event=event, mentor__isnull=False).exists()
    assert {t.mentor_gap["code"] for t in Team.objects.filter(event=event)} == {"mentor_withdrew"}


def test_once_the_teams_are_out_a_mentor_cannot_volunteer_or_withdraw(personas):
    event = EventFactory(open=True)
    mentor = volunteer(event, personas.line_manager)
    event.status = Status.TEAMS_PUBLISHED
    event.save()

    with pytest.raises(ValidationError) as refused:
        services.mentor_withdraw(mentor=mentor, by=personas.line_manager)
    assert codes(refused) == {"status"}
    with pytest.raises(ValidationError) as refused:
        volunteer(event, personas.team_lead)
    assert codes(refused) == {"status"}


def test_a_new_group_code_is_one_a_group_can_register_with(personas):
    event = EventFactory(open=True)
    code = services.group_code_new()

    first = register(event, personas.employee, group=code.lower())
    second = register(event, personas.line_manager, group=code)

    assert first.group_code == second.group_code == code
    assert services.group_code_new() != code
