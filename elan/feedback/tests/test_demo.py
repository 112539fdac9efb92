# SPDX-License-Identifier: EUPL-1.2
import pytest

from elan.assessments.shipped import load_shipped_instruments
from elan.feedback.demo import load_demo_feedback
from elan.feedback.models import FeedbackRound, Invitation, RaterResponse
from elan.feedback.selectors import build_report
from elan.organisations.demo import load_demo_organisation
from elan.skills.shipped import load_shipped_frameworks

pytestmark = pytest.mark.django_db


def test_the_demo_gives_eva_a_360_report_with_peers_a_manager_and_a_blind_spot():
    load_demo_organisation()
    load_shipped_frameworks()
    load_shipped_instruments()
    first = load_demo_feedback()
    again = load_demo_feedback()  # idempotent
    assert first.pk == again.pk
    # Eva's, a colleague's waiting for answers, and two lists waiting for review.
    assert FeedbackRound.objects.count() == 4
    assert Invitation.objects.filter(round=first).count() == 6
    assert RaterResponse.objects.filter(round=first).count() == 5
    report = build_report(round_=first, language="nl")
    assert report.manager_answered
    assert {group.key: group.raters for group in report.groups} == {"peer": 4}
    assert "storytelling" in {row.slug for row in report.blind_spots}
    assert "data-literacy" in {row.slug for row in report.hidden_strengths}
    assert len(report.comments) == 3
    # The partner outside the organisation did not answer, and is not pooled with colleagues.
    assert report.external_count == 0
    assert first.events.filter(kind="approved").exists()
    raters = Invitation.objects.filter(round=first).exclude(relationship="external")
    assert raters.count() == 5 and not raters.filter(rater_key="").exists()
