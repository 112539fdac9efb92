# SPDX-License-Identifier: EUPL-1.2
"""Builders for hackathons and sprints.

- ``EventFactory`` writes an event straight to the model: traits ``open`` (registration),
  ``closed``, ``published`` and ``sprint``; give ``organisers=[...]`` to name them.
- ``ChallengeFactory`` writes a challenge of an event for a new unit unless given.
- ``register(event, person, strengths=[...], challenges=[...], group="ABCDEF")`` gives the
  person a self-assessment in which each named strength scores high, then registers them
  through the services; skills are named by slug (``InnovationSkill``).
- ``volunteer(event, person, strengths=[...], capacity=1)`` does the same for a mentor's offer.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from elan.accounts.tests.factories import UserFactory
from elan.assessments.tests.factories import instrument, submitted_assessment
from elan.core.vocabulary import InnovationSkill
from elan.events import services
from elan.events.constants import Kind, Mode, Status
from elan.events.models import Challenge, Event, EventMentor, Registration
from elan.network.tests.factories import skill as shipped_skill
from elan.organisations.tests.factories import UnitFactory
from elan.skills.models import Competency


def skill(slug: str) -> Competency:
    """The shipped innovation framework's skill, loading the framework first: a transactional
    test earlier in the same worker (the browser tests) empties what the migrations loaded."""
    instrument()
    found = shipped_skill(slug)
    assert found is not None, f"no skill {slug!r} in the shipped framework"
    return found


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Kind.HACKATHON
    title = factory.Sequence(lambda n: f"Hackathon {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=1))
    place = "Brussels"
    languages = factory.LazyFunction(lambda: ["nl", "fr", "en"])
    min_team_size = 2
    max_team_size = 3
    max_per_unit = 3
    status = Status.DRAFT

    class Params:
        open = factory.Trait(status=Status.OPEN)
        closed = factory.Trait(status=Status.CLOSED)
        published = factory.Trait(status=Status.TEAMS_PUBLISHED)
        sprint = factory.Trait(kind=Kind.SPRINT, title=factory.Sequence(lambda n: f"Sprint {n}"))
        online_only = factory.Trait(place="", online=True)

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create:
            self.organisers.set(extracted or [UserFactory()])

    @factory.post_generation
    def required(self, create, extracted, **kwargs):
        """``required=["storytelling"]``: the skills every team needs, by slug; the framework
        must be loaded already (a first self-assessment loads it)."""
        if create and extracted:
            self.required_skills.set([skill(slug) for slug in extracted])


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    event = factory.SubFactory(EventFactory, open=True)
    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Challenge {n}")
    problem = "Citizens wait too long for an answer."
    problem_owner = factory.SubFactory(UserFactory)


def register(
    event: Event,
    person,
    *,
    strengths: list[str] = (),
    practise: list[str] = (),
    challenges: list[Challenge] = (),
    languages: list[str] = ("en",),
    group: str = "",
) -> Registration:
    """Registered through the services, after a self-assessment in which every named strength
    scores high (so that it is the person's to bring)."""
    submitted_assessment(
        person, {slug: 5 if slug in strengths else 2 for slug in InnovationSkill.values}
    )
    return services.registration_submit(
        event=event,
        user=person,
        strengths=[skill(slug) for slug in strengths],
        practise=[skill(slug) for slug in practise],
        challenges=list(challenges),
        languages=list(languages),
        mode=Mode.GROUP if group else Mode.FREE_AGENT,
        group_code=group,
    )


def volunteer(
    event: Event,
    person,
    *,
    strengths: list[str] = (),
    languages: list[str] = ("en",),
    capacity: int = 1,
) -> EventMentor:
    """A mentor's offer through the services, after a self-assessment in which every named
    strength scores high."""
    submitted_assessment(
        person, {slug: 5 if slug in strengths else 2 for slug in InnovationSkill.values}
    )
    return services.mentor_volunteer(
        event=event,
        user=person,
        strengths=[skill(slug) for slug in strengths],
        languages=list(languages),
        capacity=capacity,
    )


MATRIX_STATUSES = {
    "draft": Status.DRAFT,
    "open": Status.OPEN,
    "closed": Status.CLOSED,
    "published": Status.TEAMS_PUBLISHED,
}


def matrix_event(personas, state: str = "open") -> Event:
    """For the access matrix: an event organised by HR, in ``state`` ("draft", "open",
    "closed" or "published"), with a challenge of the personas' team owned by the team lead.
    Once closed, the employee is registered and in team 1, proposed; "published" publishes
    it. Written straight to the models: the matrix needs the states, not formation."""
    from elan.events.models import Team, TeamMember

    title = f"Matrix event ({state})"
    existing = Event.objects.filter(title=title).first()
    if existing is not None:
        return existing
    event = EventFactory(
        title=title, status=MATRIX_STATUSES[state], organisers=[personas.hr], min_team_size=1
    )
    challenge = ChallengeFactory(
        event=event,
        unit=personas.team,
        title=f"Matrix challenge ({state})",
        problem_owner=personas.team_lead,
        posted_by=personas.hr,
    )
    if state in ("closed", "published"):
        registration = Registration.objects.create(
            event=event, user=personas.employee, languages=["en"]
        )
        team = Team.objects.create(
            event=event,
            challenge=challenge,
            number=1,
            working_language="en",
            published_at=timezone.now() if state == "published" else None,
        )
        TeamMember.objects.create(team=team, registration=registration)
    return event
