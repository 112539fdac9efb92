# SPDX-License-Identifier: EUPL-1.2
"""The owner's pages, the report, sharing it and revoking the share, and bad input."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from elan.assessments.tests.factories import submitted_assessment
from elan.core.vocabulary import InnovationSkill
from elan.feedback.models import FeedbackRound, Invitation, ReportShare
from elan.feedback.tests.factories import feedback_round, open_round

pytestmark = pytest.mark.django_db


def test_the_owner_opens_a_round_and_invites_a_rater_through_the_pages(personas, client_for):
    submitted_assessment(personas.employee, 3)
    client = client_for("employee")
    page = client.get("/en/feedback/")
    token = page.context["form"].initial["token"]
    closes = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post("/en/feedback/", {"token": token, "closes_on": closes})
    round_ = FeedbackRound.objects.get(owner=personas.employee)
    assert response.headers["Location"] == f"/en/feedback/{round_.public_id}/"
    # The replayed form lands on the same round.
    client.post("/en/feedback/", {"token": token, "closes_on": closes})
    assert FeedbackRound.objects.count() == 1
    response = client.post(
        f"/en/feedback/{round_.public_id}/",
        {
            "action": "invite",
            "invite-relationship": "external",
            "invite-email": "partner@outside.example",
            "invite-name": "Pia",
            "invite-language": "fr",
        },
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.language, invitation.name) == (
        "partner@outside.example",
        "fr",
        "Pia",
    )


def test_bad_input_keeps_what_was_typed_and_says_what_is_wrong_in_the_language(
    personas, client_for
):
    round_ = open_round(personas.employee)
    client = client_for("employee")
    response = client.post(
        f"/nl/feedback/{round_.public_id}/",
        {
            "action": "invite",
            "invite-relationship": "peer",
            "invite-email": "not an address",
            "invite-language": "nl",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="not an address"' in page
    assert "Er is een probleem" in page or "error-summary" in page
    response = client.post(
        "/en/feedback/", {"token": "a0b1c2d3-0000-4000-8000-000000000000", "closes_on": "soon"}
    )
    assert response.status_code == 200
    assert 'value="soon"' in response.content.decode()


def test_a_closing_date_too_far_ahead_is_refused_with_the_input_kept(personas, client_for):
    submitted_assessment(personas.employee, 3)
    far = (timezone.localdate() + datetime.timedelta(days=200)).isoformat()
    response = client_for("employee").post(
        "/en/feedback/", {"token": "a0b1c2d3-0000-4000-8000-000000000001", "closes_on": far}
    )
    assert response.status_code == 200
    assert "at most 60 days" in response.content.decode()
    assert not FeedbackRound.objects.exists()


def test_the_report_shows_self_against_others_with_a_chart_table_and_summary(personas, client_for):
    self_values = dict.fromkeys(InnovationSkill.values, 4)
    self_values[InnovationSkill.CURIOSITY] = 2
    others = dict.fromkeys(InnovationSkill.values, 4)
    others[InnovationSkill.STORYTELLING] = 2
    others[InnovationSkill.CURIOSITY] = 4
    round_ = feedback_round(
        personas.employee,
        raters={"peer": 3, "direct_report": 3},
        values=others,
        self_values=self_values,
        comments=True,
        close=True,
    )
    page = client_for("employee").get(f"/en/feedback/{round_.public_id}/report/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="chart__svg"') == 2
    assert html.count("<table") == 2
    assert "Your raters see" in html
    assert "The rater groups agree most on" in html
    report = page.context["report"]
    assert [row.slug for row in report.blind_spots] == ["storytelling"]
    assert [row.slug for row in report.hidden_strengths] == ["curiosity"]
    assert len(report.comments) == 6
    assert page.headers["Cache-Control"].startswith("max-age=0")


def test_the_report_is_private_until_shared_and_unreadable_once_revoked(personas, client_for):
    round_ = feedback_round(personas.employee, raters={"peer": 3})
    report_url = f"/en/feedback/{round_.public_id}/report/"
    for name in ("line_manager", "hr", "administrator", "team_lead"):
        assert client_for(name).get(report_url).status_code == 404
    owner = client_for("employee")
    owner.post(
        f"/en/feedback/{round_.public_id}/",
        {"action": "share", "share-email": personas.line_manager.email},
    )
    share = ReportShare.objects.get()
    shared_url = f"/en/feedback/shared-with-me/{share.pk}/"
    manager = client_for("line_manager")
    assert manager.get(shared_url).status_code == 200
    assert client_for("team_lead").get(shared_url).status_code == 404
    owner = client_for("employee")
    owner.post(f"/en/feedback/shares/{share.pk}/end/")
    share.refresh_from_db()
    assert share.revoked_at is not None
    assert client_for("line_manager").get(shared_url).status_code == 404


def test_an_administrator_cannot_read_a_report_even_as_a_superuser(personas, client_for):
    personas.administrator.is_superuser = True
    personas.administrator.save()
    round_ = feedback_round(personas.employee, raters={"peer": 3})
    client = client_for("administrator")
    assert client.get(f"/en/feedback/{round_.public_id}/report/").status_code == 404
    assert client.get(f"/en/feedback/{round_.public_id}/").status_code == 404


def test_the_personal_data_export_holds_ones_rounds_and_invitations_and_erasure_removes_them(
    personas,
):
    from django.utils import timezone as tz

    from elan.feedback.personal_data import erase_feedback, export_feedback
    from elan.feedback.tests.factories import answer, invite, open_round, send_list

    round_ = open_round(personas.employee)
    secrets = [invite(round_, "peer")[1] for _number in range(3)]
    invite(round_, "manager", email=personas.line_manager.email)
    send_list(round_)
    for secret in secrets:
        answer(round_, secret)
    exported = export_feedback(personas.employee)
    assert len(exported["feedback_rounds"]) == 1
    assert exported["feedback_rounds"][0]["answers_received"] == 3
    rater = export_feedback(personas.line_manager)
    assert rater["invited_as_rater"] == [
        {
            "relationship": "manager",
            "invited_at": rater["invited_as_rater"][0]["invited_at"],
            "answered": False,
        }
    ]
    erase_feedback(user=personas.line_manager, now=tz.now())
    assert not Invitation.objects.filter(email=personas.line_manager.email).exists()
    erase_feedback(user=personas.employee, now=tz.now())
    assert not FeedbackRound.objects.exists()


def test_hr_reads_instrument_quality_with_statements_once_a_step_holds_enough_answer_sets(
    personas, client_for, settings
):
    from elan.feedback.quality import snapshots_take
    from elan.organisations.tests.factories import person_in

    settings.PSYCHOMETRICS_MIN_RESPONSES = 4
    values = [1, 2, 4, 5, 3]
    for number, value in enumerate(values):
        submitted_assessment(person_in(personas.team, email=f"h{number}@elan.test"), value)
    page = client_for("hr").get("/en/feedback/instrument-quality/").content.decode()
    # Nothing is computed live: until the daily job takes a step, there is nothing to show.
    assert "No step has been taken yet." in page
    assert "hidden: fewer than 4 complete answer sets" in page
    assert "Corrected item-total correlation" not in page
    snapshots_take()
    page = client_for("hr").get("/en/feedback/instrument-quality/").content.decode()
    assert "Corrected item-total correlation" in page
    assert "When I start something new, I first try out a small version" in page


def test_the_report_shows_no_rater_figures_while_the_round_is_open(personas, client_for):
    round_ = feedback_round(personas.employee, raters={"peer": 3}, comments=True)
    page = client_for("employee").get(f"/en/feedback/{round_.public_id}/report/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "report-waiting" in html and "3 of 3 raters answered so far" in html
    assert "chart__svg" not in html and "peer comment" not in html


@pytest.mark.parametrize(
    ("language", "label"), [("nl", "360°-feedback"), ("fr", "Feedback à 360°")]
)
def test_the_main_navigation_leads_people_who_are_logged_in_to_their_360_feedback(
    client_for, language, label
):
    from django.test import Client

    employee = client_for("employee")
    html = employee.get(f"/{language}/").content.decode()
    assert f'<li><a href="/{language}/feedback/">{label}</a></li>' in html
    on_feedback = employee.get(f"/{language}/feedback/").content.decode()
    assert f'<a href="/{language}/feedback/" aria-current="true">{label}</a>' in on_feedback
    visitor = Client().get(f"/{language}/").content.decode()
    assert f'<li><a href="/{language}/feedback/">{label}</a></li>' not in visitor
