# SPDX-License-Identifier: EUPL-1.2
"""The experiments' e-mails: the permission request to the person asked and the answer to the
owners, each in its reader's language and saying no more than it must; the time box's
reminders at the organisation's lead time and on the day, never twice."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format

from elan.experiments import services
from elan.experiments.constants import AskWhom, Decision
from elan.experiments.models import ExperimentRules, TimeBoxReminder
from elan.experiments.tasks import (
    reminders_queue_due,
    send_permission_request,
    send_time_box_reminder,
)
from elan.experiments.tests.factories import (
    ExperimentFactory,
    checked_experiment,
    mandate_answers,
)
from elan.organisations.tests.factories import person_in

pytestmark = pytest.mark.django_db

QUESTION = "May we print 800 letters for the test batch?"
SECRET_PROBLEM = "Pangolin marmalade problem statement"


def speaks(user, language: str):
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


def to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


@pytest.fixture
def asking(personas, django_capture_on_commit_callbacks):
    """The employee's card asks the line manager (who reads Dutch) before spending 800 euros."""
    speaks(personas.employee, "fr")
    speaks(personas.line_manager, "nl")
    experiment, _result = checked_experiment(
        personas.employee,
        mandate_answers(spend_euros=800),
        problem=SECRET_PROBLEM,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = services.permission_ask(
            experiment=experiment,
            actor=personas.employee,
            whom=AskWhom.LINE_MANAGER,
            question=QUESTION,
        )
    return experiment, request


def test_the_person_asked_gets_the_question_in_their_language_with_a_link_to_answer(
    asking, personas
):
    experiment, request = asking

    (message,) = to(personas.line_manager)
    assert message.extra_headers["Content-Language"] == "nl"
    assert f"/nl/experiments/permission/{request.public_id}/" in message.body
    assert message.body.count("http") == 1
    assert experiment.title in message.subject
    assert QUESTION in message.body
    assert personas.employee.get_full_name() in message.body
    # Never more of the card than its title: it may not be shared with the person asked.
    assert SECRET_PROBLEM not in message.body
    assert mail.outbox == [message]


def test_a_request_answered_before_its_e_mail_went_out_sends_nothing(asking, personas):
    _experiment, request = asking
    services.permission_answer(
        request=request, actor=personas.line_manager, granted=True, reason="Fine."
    )
    mail.outbox.clear()

    assert send_permission_request.call(request_id=request.pk) == 0
    assert mail.outbox == []


def test_without_an_account_for_the_officers_address_the_e_mail_says_the_owner_records_the_answer(
    personas, django_capture_on_commit_callbacks
):
    ExperimentRules.objects.create(
        organisation=personas.organisation, data_protection_email="dpo@fps-one.test"
    )
    experiment, _result = checked_experiment(
        personas.employee, mandate_answers(personal_data=True), problem=SECRET_PROBLEM
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        request = services.permission_ask(
            experiment=experiment,
            actor=personas.employee,
            whom=AskWhom.DATA_PROTECTION,
            question=QUESTION,
        )

    assert request.asked_of is None
    (message,) = mail.outbox
    assert message.to == ["dpo@fps-one.test"]
    name = personas.employee.get_full_name()
    assert f"{name} will record your answer on Elan." in message.body
    assert "http" not in message.body
    assert QUESTION in message.body
    assert SECRET_PROBLEM not in message.body


def test_an_officer_with_an_account_is_asked_on_elan_in_their_language(
    personas, django_capture_on_commit_callbacks
):
    officer = speaks(person_in(personas.organisation, email="dpo@fps-one.test"), "de")
    ExperimentRules.objects.create(
        organisation=personas.organisation, data_protection_email="DPO@fps-one.test"
    )
    experiment, _result = checked_experiment(personas.employee, mandate_answers(personal_data=True))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        request = services.permission_ask(
            experiment=experiment,
            actor=personas.employee,
            whom=AskWhom.DATA_PROTECTION,
            question=QUESTION,
        )

    (message,) = to(officer)
    assert message.extra_headers["Content-Language"] == "de"
    assert f"/de/experiments/permission/{request.public_id}/" in message.body


def test_the_answer_and_its_reason_go_to_the_owner_and_co_owners_in_their_languages(
    personas, django_capture_on_commit_callbacks
):
    speaks(personas.employee, "fr")
    co_owner = speaks(person_in(personas.team, email="co.owner@elan.test"), "nl")
    experiment, _result = checked_experiment(personas.employee, mandate_answers(spend_euros=800))
    services.co_owner_add(experiment=experiment, actor=personas.employee, co_owner=co_owner)
    request = services.permission_ask(
        experiment=experiment,
        actor=personas.employee,
        whom=AskWhom.LINE_MANAGER,
        question=QUESTION,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.permission_answer(
            request=request,
            actor=personas.line_manager,
            granted=False,
            reason="Print 200 first, then we talk again.",
        )

    (to_owner,) = to(personas.employee)
    (to_co_owner,) = to(co_owner)
    assert to(personas.line_manager) == []
    assert to_owner.extra_headers["Content-Language"] == "fr"
    assert to_co_owner.extra_headers["Content-Language"] == "nl"
    for message in (to_owner, to_co_owner):
        assert "Print 200 first, then we talk again." in message.body
        assert experiment.title in message.subject
        assert personas.line_manager.get_full_name() in message.body
    assert f"/fr/experiments/{experiment.public_id}/" in to_owner.body
    assert f"/nl/experiments/{experiment.public_id}/" in to_co_owner.body


def test_an_answer_the_owner_recorded_goes_to_the_co_owners_not_back_to_them(
    personas, django_capture_on_commit_callbacks
):
    ExperimentRules.objects.create(
        organisation=personas.organisation, data_protection_email="dpo@fps-one.test"
    )
    co_owner = person_in(personas.team, email="co.owner@elan.test")
    experiment, _result = checked_experiment(personas.employee, mandate_answers(personal_data=True))
    services.co_owner_add(experiment=experiment, actor=personas.employee, co_owner=co_owner)
    request = services.permission_ask(
        experiment=experiment,
        actor=personas.employee,
        whom=AskWhom.DATA_PROTECTION,
        question=QUESTION,
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.permission_answer(
            request=request, actor=personas.employee, granted=True, reason="Yes, anonymised."
        )

    assert [message.to for message in mail.outbox] == [[co_owner.email]]
    (message,) = mail.outbox
    assert "Permission granted" in message.subject
    assert "Yes, anonymised." in message.body


# --- the time box ------------------------------------------------------------------------------


@pytest.fixture
def running(personas):
    speaks(personas.employee, "fr")
    return ExperimentFactory(
        owner=personas.employee,
        running=True,
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
    )


def run(django_capture_on_commit_callbacks, *, today):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        return reminders_queue_due(today=today)


def test_the_owner_is_reminded_seven_days_before_and_on_the_day_in_their_language(
    running, personas, django_capture_on_commit_callbacks
):
    ends_on = running.ends_on
    week_before = ends_on - datetime.timedelta(days=7)

    assert run(django_capture_on_commit_callbacks, today=week_before) == 1
    (message,) = to(personas.employee)
    assert message.extra_headers["Content-Language"] == "fr"
    with translation.override("fr"):
        assert date_format(ends_on, "DATE_FORMAT") in message.body
    assert f"/fr/experiments/{running.public_id}/" in message.body
    assert running.title in message.subject

    for days_before in (6, 3, 1):
        assert (
            run(django_capture_on_commit_callbacks, today=ends_on - datetime.timedelta(days_before))
            == 0
        )
        assert mail.outbox == []

    assert run(django_capture_on_commit_callbacks, today=ends_on) == 1
    assert len(to(personas.employee)) == 1
    assert sorted(TimeBoxReminder.objects.values_list("lead_days", flat=True)) == [0, 7]


def test_a_reminder_is_never_sent_twice(running, django_capture_on_commit_callbacks):
    day = running.ends_on - datetime.timedelta(days=7)

    assert run(django_capture_on_commit_callbacks, today=day) == 1
    assert run(django_capture_on_commit_callbacks, today=day) == 0
    assert mail.outbox == []
    assert run(django_capture_on_commit_callbacks, today=day + datetime.timedelta(days=1)) == 0


def test_the_organisations_reminder_days_decide_when_the_first_reminder_goes(
    running, personas, django_capture_on_commit_callbacks
):
    ExperimentRules.objects.create(organisation=personas.organisation, reminder_days=3)

    assert (
        run(django_capture_on_commit_callbacks, today=running.ends_on - datetime.timedelta(7)) == 0
    )
    assert (
        run(django_capture_on_commit_callbacks, today=running.ends_on - datetime.timedelta(3)) == 1
    )
    assert TimeBoxReminder.objects.get().lead_days == 3


def test_a_time_box_set_short_gets_one_reminder_for_its_missed_lead_time(
    running, personas, django_capture_on_commit_callbacks
):
    running.ends_on = timezone.localdate() + datetime.timedelta(days=2)
    running.save()

    assert run(django_capture_on_commit_callbacks, today=timezone.localdate()) == 1
    assert len(to(personas.employee)) == 1
    assert list(TimeBoxReminder.objects.values_list("lead_days", flat=True)) == [7]


def test_a_time_box_moved_later_is_reminded_again(
    running, personas, django_capture_on_commit_callbacks
):
    first_end = running.ends_on
    run(django_capture_on_commit_callbacks, today=first_end - datetime.timedelta(days=7))
    running.ends_on = first_end + datetime.timedelta(days=14)
    running.save()

    assert (
        run(django_capture_on_commit_callbacks, today=running.ends_on - datetime.timedelta(7)) == 1
    )


def test_co_owners_are_reminded_too(running, personas, django_capture_on_commit_callbacks):
    co_owner = speaks(person_in(personas.team, email="co.owner@elan.test"), "de")
    running.co_owners.add(co_owner)

    run(django_capture_on_commit_callbacks, today=running.ends_on)

    (message,) = to(co_owner)
    assert message.extra_headers["Content-Language"] == "de"


@pytest.mark.parametrize("traits", [{"decided": True}, {"closed": True}, {}])
def test_an_experiment_that_is_not_running_is_not_reminded(
    personas, traits, django_capture_on_commit_callbacks
):
    experiment = ExperimentFactory(
        owner=personas.employee,
        ends_on=timezone.localdate() + datetime.timedelta(days=7),
        **traits,
    )

    assert run(django_capture_on_commit_callbacks, today=timezone.localdate()) == 0
    assert not TimeBoxReminder.objects.filter(experiment=experiment).exists()


def test_an_experiment_decided_after_its_reminder_was_queued_gets_no_e_mail(running):
    running.status = "decided"
    running.decision = Decision.STOP
    running.save()

    assert send_time_box_reminder.call(experiment_id=running.pk) == 0


def test_the_daily_command_queues_the_reminders_due(
    running, personas, django_capture_on_commit_callbacks, capsys
):
    running.ends_on = timezone.localdate()
    running.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("experiments_daily")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("experiments_daily")

    assert "1 time box reminder(s) queued." in capsys.readouterr().out
    assert len(to(personas.employee)) == 1
