# SPDX-License-Identifier: EUPL-1.2
"""The response clock, with time travel: deadlines in worked days, reminders, escalation to the
line manager, and "not now" coming back on its day, across a weekend and a holiday."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from elan.goals.models import PublicHoliday
from elan.ideas import services
from elan.ideas.constants import HistoryKind, Status
from elan.ideas.models import Idea, IdeaRules
from elan.ideas.tests.factories import post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mails_on_commit")]

# A Friday; the Monday after it is a holiday in this test.
FRIDAY = datetime.date(2027, 4, 2)
EASTER_MONDAY = datetime.date(2027, 4, 5)


def _at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9)), tick=False)


@pytest.fixture
def holiday(db):
    return PublicHoliday.objects.get_or_create(
        on=EASTER_MONDAY, defaults={"name": "Easter Monday"}
    )[0]


@pytest.fixture
def box_idea(personas, holiday):
    """The employee's idea in the team's box, posted on a Friday before a holiday Monday;
    the team lead owns it, and the organisation answers within 3 worked days."""
    IdeaRules.objects.create(
        organisation=personas.organisation, answer_worked_days=3, reminder_worked_days=1
    )
    with _at(FRIDAY):
        return post(personas.employee, box_unit=personas.team, today=FRIDAY)


def test_the_deadline_counts_worked_days_skipping_the_weekend_and_the_holiday(box_idea):
    # Friday + 3 worked days: Tuesday, Wednesday, Thursday (Monday is a holiday).
    assert box_idea.answer_due == datetime.date(2027, 4, 8)


def test_the_box_idea_is_owned_by_the_team_lead_who_is_told_by_e_mail(box_idea, personas):
    assert box_idea.owner == personas.team_lead
    assert [message.to for message in mail.outbox] == [[personas.team_lead.email]]


def test_the_owner_is_reminded_once_on_the_worked_day_before_the_deadline(box_idea, personas):
    mail.outbox.clear()
    with _at(datetime.date(2027, 4, 6)):
        assert services.clock_run()["reminded"] == 0
    with _at(datetime.date(2027, 4, 7)):
        assert services.clock_run()["reminded"] == 1
        assert services.clock_run()["reminded"] == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [personas.team_lead.email]
    assert "2027" in mail.outbox[0].body


def test_a_reminder_missed_on_its_day_goes_out_on_the_next_run_before_the_deadline(box_idea):
    mail.outbox.clear()
    with _at(datetime.date(2027, 4, 8)):
        assert services.clock_run()["reminded"] == 1


def test_past_the_deadline_the_idea_goes_to_the_owners_line_manager_and_the_author_is_told(
    box_idea, personas
):
    personas.team_lead.staff_record.line_manager = personas.hr
    personas.team_lead.staff_record.save()
    with _at(datetime.date(2027, 4, 8)):
        assert services.clock_run()["escalated"] == 0
    mail.outbox.clear()
    with _at(datetime.date(2027, 4, 9)):
        assert services.clock_run()["escalated"] == 1
        assert services.clock_run()["escalated"] == 0
    idea = Idea.objects.get(pk=box_idea.pk)
    assert idea.status == Status.ESCALATED
    assert idea.escalated_to == personas.hr
    assert idea.answer_due > datetime.date(2027, 4, 9)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(
        [personas.hr.email, personas.team_lead.email, personas.employee.email]
    )
    assert idea.history.filter(kind=HistoryKind.ESCALATED).count() == 1


def test_the_line_manager_it_went_to_may_answer_it(box_idea, personas):
    personas.team_lead.staff_record.line_manager = personas.hr
    personas.team_lead.staff_record.save()
    with _at(datetime.date(2027, 4, 9)):
        services.clock_run()
        idea = Idea.objects.get(pk=box_idea.pk)
        services.idea_answer(
            idea=idea, by=personas.hr, outcome=Status.NOT_FEASIBLE, reason="No budget this year."
        )
    assert Idea.objects.get(pk=box_idea.pk).answered_by == personas.hr


def test_not_now_comes_back_to_its_owner_on_its_day_with_a_fresh_deadline(box_idea, personas):
    with _at(datetime.date(2027, 4, 6)):
        services.idea_answer(
            idea=box_idea,
            by=personas.team_lead,
            outcome=Status.NOT_NOW,
            reason="After the move to the new building.",
            look_again_on=datetime.date(2027, 4, 10),  # a Saturday
        )
    mail.outbox.clear()
    with _at(datetime.date(2027, 4, 9)):
        assert services.clock_run()["returned"] == 0
    with _at(datetime.date(2027, 4, 10)):
        assert services.clock_run()["returned"] == 1
    idea = Idea.objects.get(pk=box_idea.pk)
    assert idea.status == Status.WAITING
    # Saturday + 3 worked days: Monday 12, Tuesday 13, Wednesday 14.
    assert idea.answer_due == datetime.date(2027, 4, 14)
    assert [message.to for message in mail.outbox] == [[personas.team_lead.email]]
    assert idea.history.filter(kind=HistoryKind.RETURNED).count() == 1


def test_an_answered_idea_is_neither_reminded_nor_escalated(box_idea, personas):
    with _at(datetime.date(2027, 4, 6)):
        services.idea_answer(
            idea=box_idea,
            by=personas.team_lead,
            outcome=Status.COVERED,
            reason="The new e-signature project does this.",
            covered_by="/en/experiments/",
        )
    mail.outbox.clear()
    with _at(datetime.date(2027, 5, 3)):
        assert services.clock_run() == {"reminded": 0, "escalated": 0, "returned": 0}
    assert mail.outbox == []


def test_yesterdays_quotas_are_forgotten_by_the_daily_run(box_idea):
    from elan.ideas.models import DailyQuota

    assert DailyQuota.objects.count() == 1
    with _at(datetime.date(2027, 4, 6)):
        services.clock_run()
    assert DailyQuota.objects.count() == 0


def test_an_idea_nobody_owns_goes_past_its_deadline_to_hr_covering_its_unit(personas):
    from elan.organisations import services as organisation_services
    from elan.organisations.constants import Role
    from elan.organisations.tests.factories import person_in

    # The other organisation has no team lead anywhere: its box has no owner.
    hr_two = person_in(personas.other_organisation, email="hr.two@elan.test")
    organisation_services.role_assign(user=hr_two, role=Role.HR, unit=personas.other_organisation)
    with _at(FRIDAY):
        idea = post(personas.outsider, box_unit=personas.other_organisation, today=FRIDAY)
    assert idea.owner is None
    with _at(datetime.date(2027, 6, 1)):
        services.clock_run()
    idea.refresh_from_db()
    assert idea.status == Status.ESCALATED
    assert idea.escalated_to == hr_two
    assert hr_two.email in [address for message in mail.outbox for address in message.to]
