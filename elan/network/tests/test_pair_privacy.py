# SPDX-License-Identifier: EUPL-1.2
"""The pair's pages are the pair's alone (issue 18, point 5): its organiser, another participant
of the same programme and anyone else get 404 on the pair, its answers, its meeting log and its
check-ins; a proposal is the organiser's until it is published."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from elan.network import services
from elan.network.constants import MatchStatus, Role
from elan.network.models import CheckIn, Match, Meeting
from elan.network.tests.factories import ProgrammeFactory, join, profile_for
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db

PAIR_URLS = ("pair", "pair_answer", "meeting_new", "check_in")


def url(name: str, match: Match) -> str:
    return reverse(f"network:{name}", args=[match.public_id])


def as_user(client, user):
    client.logout()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def pairs(personas):
    """Two accepted pairs of one running programme, run by HR over the organisation: Ben with
    Anna, Carla with Dirk."""
    research = UnitFactory(parent=personas.organisation, code="FPS-ONE-RES", name_en="Research")
    programme = ProgrammeFactory(scope=personas.organisation, organiser=personas.hr, open=True)
    people = {}
    for name in ("anna", "dirk"):
        people[name] = person_in(research, email=f"{name}@elan.test", first_name=name.title())
        profile_for(people[name], strengths=["storytelling"], mentor=True)
        join(programme, people[name], Role.MENTOR)
    for name in ("ben", "carla"):
        people[name] = person_in(personas.team, email=f"{name}@elan.test", first_name=name.title())
        profile_for(people[name], wishes=["storytelling"])
        join(programme, people[name])
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    matches = list(Match.objects.filter(status=MatchStatus.OFFERED))
    for match in matches:
        for person in (match.mentee.user, match.mentor.user):
            services.match_answer(match=match, by=person, accept=True)
    ben_pair = Match.objects.get(mentee__user=people["ben"], status=MatchStatus.ACCEPTED)
    services.meeting_log(
        match=ben_pair, by=people["ben"], held_on=timezone.localdate(), note="Private plans"
    )
    other = next(m for m in matches if m != ben_pair)
    return ben_pair, other


@pytest.mark.parametrize("name", PAIR_URLS)
@pytest.mark.parametrize("who", ["organiser", "other_pair_mentee", "other_pair_mentor", "outsider"])
def test_the_pair_and_its_log_are_404_for_anyone_outside_the_pair(
    pairs, personas, client, name, who
):
    ben_pair, other = pairs
    user = {
        "organiser": personas.hr,
        "other_pair_mentee": other.mentee.user,
        "other_pair_mentor": other.mentor.user,
        "outsider": personas.outsider,
    }[who]
    client = as_user(client, user)

    if name == "pair":
        response = client.get(url(name, ben_pair))
    else:
        response = client.post(
            url(name, ben_pair),
            {
                "answer": "decline",
                "held_on": timezone.localdate().isoformat(),
                "note": "Written by someone else",
                "kind": "midpoint",
                "midpoint-progress": "not_working",
            },
        )

    assert response.status_code == 404
    assert b"Private plans" not in response.content
    assert Meeting.objects.filter(match=ben_pair).count() == 1
    assert not CheckIn.objects.exists()
    ben_pair.refresh_from_db()
    assert ben_pair.status == MatchStatus.ACCEPTED


@pytest.mark.parametrize("name", PAIR_URLS)
def test_the_pair_s_pages_send_a_visitor_to_log_in(pairs, client, name):
    ben_pair, _other = pairs
    client.logout()

    response = client.get(url(name, ben_pair))

    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_both_people_of_the_pair_read_its_log(pairs, client):
    ben_pair, _other = pairs
    for user in (ben_pair.mentee.user, ben_pair.mentor.user):
        response = as_user(client, user).get(url("pair", ben_pair))
        assert response.status_code == 200
        assert b"Private plans" in response.content


def test_a_proposal_not_yet_published_is_404_for_its_two_people(personas, client):
    programme = ProgrammeFactory(scope=personas.organisation, organiser=personas.hr, open=True)
    unit = UnitFactory(parent=personas.organisation, code="FPS-ONE-RES", name_en="Research")
    anna = person_in(unit, email="anna@elan.test", first_name="Anna")
    profile_for(anna, strengths=["storytelling"], mentor=True)
    join(programme, anna, Role.MENTOR)
    profile_for(personas.employee, wishes=["storytelling"])
    join(programme, personas.employee)
    services.programme_match(programme=programme, by=personas.hr)
    proposal = Match.objects.get(status=MatchStatus.PROPOSED)

    for user in (anna, personas.employee):
        assert as_user(client, user).get(url("pair", proposal)).status_code == 404
    page = as_user(client, personas.employee).get(
        reverse("network:programme", args=[programme.public_id])
    )
    assert b"Anna" not in page.content
    assert b'id="before-matching"' in page.content
