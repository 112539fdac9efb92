# SPDX-License-Identifier: EUPL-1.2
"""Builders for the learning network.

- ``profile_for(person, strengths=[...], wishes=[...], mentor=True, capacity=2)`` gives a person
  a submitted self-assessment (so that their strengths are theirs to show) and an active
  network profile through the services; skills are named by slug (``InnovationSkill``).
- ``ProgrammeFactory`` writes a programme straight to the model: traits ``open`` (sign-up),
  ``running``, ``closed`` and ``choice`` (mentees choose); its scope defaults to a new
  organisation unless given (``scope=personas.organisation``).
- ``join(programme, person, role)`` signs a person with a profile up through the services.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from elan.assessments.tests.factories import submitted_assessment
from elan.core.vocabulary import InnovationSkill
from elan.network import services
from elan.network.constants import Mode, ProgrammeStatus, Role
from elan.network.models import NetworkProfile, Participant, Programme
from elan.organisations.tests.factories import UnitFactory
from elan.skills.models import Competency


def skill(slug: str) -> Competency:
    """The shipped innovation framework's skill with this slug (loaded by the assessment)."""
    return Competency.objects.filter(slug=slug).order_by("-framework__version").first()


def profile_for(
    person,
    *,
    strengths: list[str] = (),
    wishes: list[str] = (),
    languages: list[str] = ("en",),
    mentor: bool = False,
    capacity: int = 1,
    wish_sentence: str = "",
) -> NetworkProfile:
    """An active network profile made through the services, after a self-assessment in which
    every named strength scores high."""
    submitted_assessment(
        person, {slug: 5 if slug in strengths else 2 for slug in InnovationSkill.values}
    )
    return services.profile_save(
        owner=person,
        wish_sentence=wish_sentence,
        languages=list(languages),
        availability="monthly",
        offers_mentoring=mentor,
        mentor_capacity=capacity,
        strengths=[skill(slug) for slug in strengths],
        wishes=[skill(slug) for slug in wishes],
    )


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Mentor programme {n}")
    description = "Connect across walls."
    scope = factory.SubFactory(UnitFactory)
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=180))
    status = ProgrammeStatus.DRAFT

    class Params:
        open = factory.Trait(status=ProgrammeStatus.OPEN)
        running = factory.Trait(status=ProgrammeStatus.RUNNING)
        # Closed long enough ago that its end survey has closed too and shows its results.
        closed = factory.Trait(
            status=ProgrammeStatus.CLOSED,
            starts_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=240)
            ),
        )
        choice = factory.Trait(mode=Mode.CHOICE)


def join(programme: Programme, person, role: str = Role.MENTEE, capacity: int = 1) -> Participant:
    return services.programme_join(programme=programme, user=person, role=role, capacity=capacity)


def matrix_programme(personas) -> Programme:
    """A running programme of the personas' organisation, organised by HR: the employee is a
    mentee in an accepted pair with a mentor from another department, for the access matrix."""
    from elan.network.constants import MatchStatus
    from elan.network.models import Match
    from elan.organisations.tests.factories import UnitFactory, person_in

    existing = Programme.objects.filter(title="Matrix programme").first()
    if existing is not None:
        return existing
    department = UnitFactory(parent=personas.organisation, name_en="Matrix department")
    mentor = person_in(department, first_name="Mira")
    profile_for(mentor, strengths=["storytelling"], mentor=True)
    profile_for(personas.employee, wishes=["storytelling"])
    programme = ProgrammeFactory(
        open=True, scope=personas.organisation, organiser=personas.hr, title="Matrix programme"
    )
    join(programme, mentor, Role.MENTOR)
    join(programme, personas.employee)
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    match = Match.objects.get(programme=programme)
    services.match_answer(match=match, by=personas.employee, accept=True)
    services.match_answer(match=match, by=mentor, accept=True)
    assert Match.objects.get(pk=match.pk).status == MatchStatus.ACCEPTED
    programme.refresh_from_db()
    return programme


def matrix_pair(personas):
    """The employee's accepted pair of ``matrix_programme``."""
    from elan.network.models import Match

    return Match.objects.get(programme=matrix_programme(personas))
