# SPDX-License-Identifier: EUPL-1.2
"""Reminders before a talk: to the person and their evaluators, each in their own language, at
the lead times of the organisation's rules, late if a day was missed, and never twice."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from elan.goals.constants import TalkKind, TalkStatus
from elan.goals.models import CycleRules, TalkReminder
from elan.goals.tasks import reminders_queue_due
from elan.goals.tests.factories import TalkFactory, cycle_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(personas):
    personas.employee.preferred_language = "fr"
    personas.employee.save()
    personas.line_manager.preferred_language = "nl"
    personas.line_manager.save()
    cycle = cycle_of(personas.employee, planning_talk=False)
    return TalkFactory(
        cycle=cycle,
        kind=TalkKind.PLANNING,
        planned_on=timezone.localdate() + datetime.timedelta(days=30),
    )


def run(django_capture_on_commit_callbacks, *, today):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        return reminders_queue_due(today=today)


def by_reader(personas):
    return {
        name: [m for m in mail.outbox if m.to == [personas.get(name).email]]
        for name in ("employee", "line_manager")
    }


def test_reminders_go_out_14_and_2_days_before_in_each_readers_language(
    talk, personas, django_capture_on_commit_callbacks
):
    for days_before in (14, 2):
        run(
            django_capture_on_commit_callbacks,
            today=talk.planned_on - datetime.timedelta(days_before),
        )

        sent = by_reader(personas)
        (to_person,) = sent["employee"]
        (to_evaluator,) = sent["line_manager"]
        assert to_person.extra_headers["Content-Language"] == "fr"
        assert to_evaluator.extra_headers["Content-Language"] == "nl"
        with translation.override("fr"):
            assert date_format(talk.planned_on, "DATE_FORMAT") in to_person.body
        with translation.override("nl"):
            assert date_format(talk.planned_on, "DATE_FORMAT") in to_evaluator.body
        # Each link opens the talk in the reader's own language.
        assert f"/fr/goals/talk/{talk.public_id}/" in to_person.body
        assert f"/nl/goals/talk/{talk.public_id}/" in to_evaluator.body
        # Each is told whom they meet; nobody is told what the talk is about.
        assert personas.line_manager.get_full_name() in to_person.body
        assert personas.employee.get_full_name() in to_evaluator.subject
    assert sorted(TalkReminder.objects.values_list("days_before", flat=True)) == [2, 14]


def test_no_reminder_goes_out_between_the_lead_times(
    talk, personas, django_capture_on_commit_callbacks
):
    for days_before in (20, 15, 13, 3):
        run(
            django_capture_on_commit_callbacks,
            today=talk.planned_on - datetime.timedelta(days_before),
        )
        if days_before == 13:
            # The first reminder's day, 14, was missed: it goes out the next time, once.
            assert len(mail.outbox) == 2
        else:
            assert mail.outbox == [], days_before


def test_a_reminder_is_never_sent_twice(talk, personas, django_capture_on_commit_callbacks):
    day = talk.planned_on - datetime.timedelta(days=14)
    assert run(django_capture_on_commit_callbacks, today=day) == 1
    assert run(django_capture_on_commit_callbacks, today=day) == 0
    assert mail.outbox == []
    assert run(django_capture_on_commit_callbacks, today=day + datetime.timedelta(days=1)) == 0


def test_a_talk_scheduled_late_gets_one_reminder_however_many_lead_times_it_missed(
    talk, personas, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks, today=talk.planned_on - datetime.timedelta(days=1))

    assert len(by_reader(personas)["employee"]) == 1
    assert sorted(TalkReminder.objects.values_list("days_before", flat=True)) == [2, 14]


@pytest.mark.parametrize("status", [TalkStatus.HELD, TalkStatus.CANCELLED])
def test_a_talk_that_was_held_or_cancelled_is_not_reminded(
    talk, status, django_capture_on_commit_callbacks
):
    talk.status = status
    talk.save()

    run(django_capture_on_commit_callbacks, today=talk.planned_on - datetime.timedelta(days=2))

    assert mail.outbox == []
    assert not TalkReminder.objects.exists()


def test_a_person_who_left_gets_no_reminder_and_nor_does_their_evaluator(
    talk, personas, django_capture_on_commit_callbacks
):
    personas.employee.is_active = False
    personas.employee.save()

    run(django_capture_on_commit_callbacks, today=talk.planned_on - datetime.timedelta(days=2))

    assert mail.outbox == []


def test_an_evaluator_who_left_gets_no_reminder_but_the_person_does(
    talk, personas, django_capture_on_commit_callbacks
):
    personas.line_manager.is_active = False
    personas.line_manager.save()

    run(django_capture_on_commit_callbacks, today=talk.planned_on - datetime.timedelta(days=2))

    assert [m.to for m in mail.outbox] == [[personas.employee.email]]


def test_the_organisations_own_rules_set_the_lead_times(
    talk, personas, django_capture_on_commit_callbacks
):
    CycleRules.objects.create(
        organisation=personas.organisation, first_reminder_days=7, last_reminder_days=1
    )

    run(django_capture_on_commit_callbacks, today=talk.planned_on - datetime.timedelta(days=14))
    assert mail.outbox == []
    run(django_capture_on_commit_callbacks, today=talk.planned_on - datetime.timedelta(days=7))
    assert len(mail.outbox) == 2
    assert sorted(TalkReminder.objects.values_list("days_before", flat=True)) == [7]
