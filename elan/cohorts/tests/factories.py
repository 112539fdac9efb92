# SPDX-License-Identifier: EUPL-1.2
"""Builders for the fellowship cohorts.

- ``CohortFactory`` writes a cohort straight to the model: traits ``running``, ``finished``
  and ``cancelled``; ``organiser=person`` adds an organiser.
- ``MemberFactory``, ``SessionFactory`` (traits ``past`` and ``upcoming``), ``BoardItemFactory``
  (traits ``trying`` and ``learned``) and ``RetrospectiveFactory`` write the rest.
- ``matrix_cohort(personas)``: the cohort of the access matrix (tests/access_table.py).
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from elan.accounts.tests.factories import UserFactory
from elan.cohorts.constants import Column, Status
from elan.cohorts.models import (
    BoardItem,
    Cohort,
    CohortMember,
    CohortSession,
    SessionRetrospective,
)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Fellowship cohort {n}")
    description = "Months of learning together, across units."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=180))
    status = Status.DRAFT

    class Params:
        running = factory.Trait(status=Status.RUNNING)
        finished = factory.Trait(status=Status.FINISHED)
        cancelled = factory.Trait(status=Status.CANCELLED)

    @factory.post_generation
    def organiser(self, create, person, **kwargs):
        if create and person is not None:
            self.organisers.add(person)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortMember

    cohort = factory.SubFactory(CohortFactory, running=True)
    user = factory.SubFactory(UserFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortSession

    cohort = factory.SubFactory(CohortFactory, running=True)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    place = "Room 4.12"
    online = False
    agenda = "Check-in; what we tried; next steps."

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
        )
        upcoming = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
        )
        online_only = factory.Trait(place="", online=True)


class BoardItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardItem

    cohort = factory.SubFactory(CohortFactory, running=True)
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Piece of work {n}")
    work = "Fewer forms for citizens who move house."
    column = Column.EXPLORING
    next_step = "Talk to three front-desk colleagues."

    class Params:
        trying = factory.Trait(column=Column.TRYING)
        learned = factory.Trait(column=Column.LEARNED)


class RetrospectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRetrospective

    session = factory.SubFactory(SessionFactory, past=True)
    author = factory.SubFactory(UserFactory)
    went_well = "Honest stories."
    to_change = "Shorter introductions."
    next_step = "Try the new letter with ten people."


MATRIX_TITLE = "Matrix cohort"


def matrix_cohort(personas) -> Cohort:
    """A running cohort organised by HR, with the employee as a member, a session that has
    started (so that retrospectives are open) and a board item of the employee's."""
    existing = Cohort.objects.filter(title=MATRIX_TITLE).first()
    if existing is not None:
        return existing
    cohort = CohortFactory(running=True, title=MATRIX_TITLE, organiser=personas.hr)
    MemberFactory(cohort=cohort, user=personas.employee)
    SessionFactory(cohort=cohort, past=True, title="Matrix session")
    BoardItemFactory(cohort=cohort, owner=personas.employee, title="Matrix board item")
    return cohort


def matrix_session(personas) -> CohortSession:
    return matrix_cohort(personas).sessions.get(title="Matrix session")


def matrix_board_item(personas) -> BoardItem:
    return matrix_cohort(personas).board_items.get(title="Matrix board item")
