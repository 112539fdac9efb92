# SPDX-License-Identifier: EUPL-1.2
"""Issue 13, point 8: what a respondent is told about their answers is true.

The survey page said that nobody, administrators included, could see individual answers; the
360 form called the answers anonymous without a limit. Both are false for someone who reads the
database: they can see who took part and, while a round is open, sometimes whose answers are
whose (docs/privacy-insights.md, docs/feedback.md). Each place a respondent answers now says
what is stored, who sees what, and what the people who run the database could learn, with the
detail under "How your answers are protected".
"""

from __future__ import annotations

import re

import pytest
from django.core import mail

from elan.assessments.tests.factories import instrument
from elan.feedback.tests.factories import invite, send_list
from elan.feedback.tests.factories import open_round as feedback_round_open
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory
from elan.insights.tests.factories import open_round as survey_round_open

pytestmark = pytest.mark.django_db

DETAIL = "How your answers are protected"


def text_of(response) -> str:
    """The page's text as a reader gets it: tags dropped, runs of white space as one space."""
    content = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(content.replace("&#x27;", "'").replace("&quot;", '"').split())


def test_the_survey_page_says_who_could_learn_what_and_no_longer_claims_nobody_can(
    personas, client_for
):
    grow(personas.team, 4)
    campaign = CampaignFactory(unit=personas.team)
    survey_round_open(campaign)
    page = text_of(client_for("employee").get(f"/en/insights/campaigns/{campaign.pk}/answer/"))
    assert "Your answers are stored without your name, under a random number" in page
    assert "The people who run Elan's database could see that you took part." in page
    assert "While the survey is open, they could also work out which answers are yours" in page
    assert DETAIL in page
    assert "who was invited and who answered" in page
    assert "administrators included" not in page
    assert "can see your individual answers" not in page


def test_the_360_form_of_a_colleague_says_who_could_learn_what_and_no_longer_claims_anonymity(
    personas, client, django_capture_on_commit_callbacks
):
    round_ = feedback_round_open(personas.employee)
    invitation, secret = invite(round_, "peer")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_list(round_)
    page = text_of(client.get(f"/en/feedback/rate/{secret}/"))
    assert "sees your answers only once the round closes" in page
    assert "The people who run Elan's database could see that you answered" in page
    assert "if you turn out to be the only one of your group who did, which answers are yours" in (
        page
    )
    assert DETAIL in page
    assert "the address, the name, the account and the times are erased" in page
    assert "Your answers are anonymous" not in page
    # The invitation no longer promises anonymity either; it points to the form's detail.
    (sent,) = [message for message in mail.outbox if message.to == [invitation.email]]
    body = " ".join(sent.body.split())
    assert "Your answers are stored without your name" in body
    assert "The form says what is stored and who could see what." in body
    assert "Your answers are anonymous" not in body


def test_the_self_assessment_says_it_is_stored_with_the_account_and_counts_only_by_choice(
    personas, client_for
):
    instrument()
    page = text_of(client_for("employee").get("/en/assessments/"))
    assert "Your answers, your profile and your plan are stored with your account." in page
    assert "The people who run Elan's database could read them" in page
    assert "count in your team's skill mix only if you choose so" in page
    assert "Only you." not in page
