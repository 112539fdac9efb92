# SPDX-License-Identifier: EUPL-1.2
"""The sentences people read about team formation: worded from stored codes in the reader's
language, "you" for the member and the name for anyone else."""

from __future__ import annotations

from django.utils import translation

from elan.events import explain, formation, services
from elan.events.models import Team, TeamMember
from elan.events.tests.factories import volunteer
from elan.events.tests.test_services import LIMITS, closed_event_with_people
from elan.organisations.tests.factories import person_in


def test_a_member_reads_why_they_are_in_their_team_and_the_organiser_reads_it_by_name(personas):
    event, registrations = closed_event_with_people(personas, group_of=3, required=["iteration"])
    services.teams_propose(event=event, by=personas.hr, limits=LIMITS)
    member = TeamMember.objects.select_related("registration__user", "team__challenge").get(
        registration=registrations[0]
    )
    person = member.registration.user

    with translation.override("en"):
        [own] = explain.member_sentences(members=[member], reader=person)
        [theirs] = explain.member_sentences(members=[member], reader=personas.hr)

    assert own.startswith("You are in this team because it works on “")
    assert member.team.challenge.title in own
    assert "your group of 3 stays together" in own
    assert "it works in English, which you speak" in own
    assert theirs.startswith(f"{person.get_full_name()} is in this team because")
    assert "their group of 3 stays together" in theirs


def test_the_sentence_is_written_in_the_readers_language(personas):
    event, registrations = closed_event_with_people(personas)
    services.teams_propose(event=event, by=personas.hr, limits=LIMITS)
    member = TeamMember.objects.get(registration=registrations[1])

    with translation.override("fr"):
        [french] = explain.member_sentences(members=[member], reader=member.registration.user)
    with translation.override("nl"):
        [dutch] = explain.member_sentences(members=[member], reader=member.registration.user)

    assert french.startswith("Vous êtes dans cette équipe")
    assert dutch.startswith("Je zit in dit team")
    assert "anglais" in french
    assert "Engels" in dutch


def test_a_team_without_a_mentor_says_which_offer_was_missing(personas):
    event, _registrations = closed_event_with_people(personas, required=["storytelling"])
    volunteer(event, person_in(personas.team), strengths=["iteration"], capacity=3)
    services.teams_propose(event=event, by=personas.hr, limits=LIMITS)
    team = Team.objects.filter(event=event).first()

    with translation.override("en"):
        sentence = explain.mentor_gap_sentence(team=team)

    assert sentence.startswith("No mentor who offered holds ")
    assert "the skill this team has least of" in sentence


def test_blocking_rules_are_told_with_their_amounts(db):
    infeasible = formation.Infeasible(
        (
            formation.Reason("team_sizes", {"people": 4, "min_size": 5, "max_size": 6}),
            formation.Reason(
                "unit_cap",
                {"unit": "FPS-X", "people": 9, "max_per_unit": 2, "teams": 3, "places": 6},
            ),
            formation.Reason(
                "challenge_capacity", {"people": 20, "teams_needed": 4, "teams_allowed": 3}
            ),
            formation.Reason(
                "required_skill",
                {"skill": "nothing", "holders": 1, "carriers": 1, "teams_needed": 3},
            ),
        )
    )

    with translation.override("en"):
        sentences = explain.blocker_sentences(infeasible=infeasible)

    assert sentences[0] == "4 people cannot be split into teams of 5 to 6."
    assert sentences[1].endswith("there are 6 places: 3 too many.")
    assert sentences[2].endswith("take only 3: 1 short.")
    assert sentences[3].endswith("for at least 3 teams: 2 short.")


def test_a_rule_that_blocks_only_with_others_names_them(db):
    infeasible = formation.Infeasible(
        (
            formation.Reason(
                "unit_cap",
                {"unit": "FPS-X", "people": 5, "max_per_unit": 1, "together_with": ("team_sizes",)},
            ),
        )
    )

    with translation.override("en"):
        [sentence] = explain.blocker_sentences(infeasible=infeasible)

    assert "while the other rules hold" in sentence
    assert sentence.endswith("It blocks together with the team sizes.")
