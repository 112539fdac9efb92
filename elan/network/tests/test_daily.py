# SPDX-License-Identifier: EUPL-1.2
"""``manage.py network_daily``: a mentee's request that the mentor left unanswered past its day
counts as declined, and the mentee reads, in their language, that the next suggestions wait.
A second run on the same day expires nothing more."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from elan.network import services
from elan.network.constants import Answer, MatchStatus, Role
from elan.network.tasks import absolute_link
from elan.network.tests.factories import ProgrammeFactory, join, profile_for
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def daily() -> str:
    out = StringIO()
    call_command("network_daily", stdout=out)
    return out.getvalue()


@pytest.fixture
def requests(personas):
    """Two requests in a programme where mentees choose: one past its day, one not yet."""
    other = UnitFactory(parent=personas.organisation, code="FPS-ONE-DATA")
    programme = ProgrammeFactory(open=True, choice=True, scope=personas.organisation)
    mentor = person_in(other, email="anna@elan.test", first_name="Anna", last_name="Janssens")
    profile_for(mentor, strengths=["storytelling"], mentor=True, capacity=2)
    offering = join(programme, mentor, Role.MENTOR, capacity=2)
    late = person_in(personas.team, email="late@elan.test", preferred_language="nl")
    recent = person_in(personas.team, email="recent@elan.test")
    made = []
    for person, days_ago in ((late, programme.answer_days + 1), (recent, 1)):
        profile_for(person, wishes=["storytelling"])
        made.append(
            services.match_request(
                mentee=join(programme, person),
                mentor=offering,
                today=timezone.localdate() - datetime.timedelta(days=days_ago),
            )
        )
    mail.outbox.clear()
    return late, made


def test_a_request_left_unanswered_past_its_day_is_declined_and_the_mentee_told(
    requests, django_capture_on_commit_callbacks
):
    late, (expired, waiting) = requests

    with django_capture_on_commit_callbacks(execute=True):
        out = daily()

    assert "1 unanswered request(s) expired." in out
    expired.refresh_from_db()
    waiting.refresh_from_db()
    assert (expired.status, expired.mentor_answer) == (MatchStatus.DECLINED, Answer.DECLINED)
    assert waiting.status == MatchStatus.OFFERED
    (message,) = mail.outbox
    assert message.to == [late.email]
    assert message.extra_headers["Content-Language"] == "nl"
    assert "Anna Janssens" in message.body
    assert absolute_link("network:pair", "nl", public_id=expired.public_id) in message.body


def test_a_second_run_on_the_same_day_expires_nothing_more(
    requests, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        daily()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        out = daily()

    assert "0 unanswered request(s) expired." in out
    assert mail.outbox == []
