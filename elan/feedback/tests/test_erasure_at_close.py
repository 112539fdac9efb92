# SPDX-License-Identifier: EUPL-1.2
"""Data minimisation: once a round is closed, its invitations lose the raters' addresses,
names, accounts and exact times; the counts, the report and the closed links keep working."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from elan.feedback import services
from elan.feedback.models import Invitation, RaterResponse, RoundEvent
from elan.feedback.selectors import answer_counts, build_report
from elan.feedback.services import FeedbackError
from elan.feedback.tests.factories import answer, invite, open_round, send_list

pytestmark = pytest.mark.django_db

RATER_DETAILS = ("email", "name", "user_id", "invited_at", "reminded_at")
ERASED = {"email": "", "name": "", "user_id": None} | dict.fromkeys(("invited_at", "reminded_at"))


def details(round_) -> list[dict]:
    return list(Invitation.objects.filter(round=round_).order_by("pk").values(*RATER_DETAILS))


def what_remains(round_) -> list[tuple[str, bool]]:
    rows = Invitation.objects.filter(round=round_).order_by("pk")
    return list(rows.values_list("relationship", "answered"))


def erasures(round_) -> list[int]:
    events = RoundEvent.objects.filter(round=round_, kind="rater_details_erased")
    return list(events.values_list("count", flat=True))


def a_round_with_every_detail_filled_in(personas):
    """An open round whose invitations hold an address, a name, an account and both times:
    a colleague who answered, and another who was reminded and did not answer."""
    round_ = open_round(personas.employee, days=10)
    colleague, secret = services.invitation_create(
        owner=personas.employee,
        round_=round_,
        email=personas.outsider.email,
        relationship="peer",
        name="Otto",
    )
    waiting, _secret = invite(round_, "other")
    send_list(round_)
    answer(round_, secret)
    Invitation.objects.filter(pk=waiting.pk).update(reminded_at=timezone.now())
    colleague.refresh_from_db()
    assert colleague.user == personas.outsider and colleague.answered
    return round_


def test_closing_a_round_early_erases_the_raters_addresses_names_accounts_and_times(personas):
    round_ = a_round_with_every_detail_filled_in(personas)
    other_round = open_round(personas.line_manager)
    invite(other_round, "external", email="still.needed@outside.example")
    send_list(other_round)

    services.round_close(owner=personas.employee, round_=round_)

    assert details(round_) == [ERASED, ERASED]
    assert what_remains(round_) == [("other", True), ("other", False)]  # one answer in all
    assert answer_counts(round_) == (2, 1)
    assert erasures(round_) == [2]
    # Another owner's open round still needs its addresses for the links and reminders.
    assert details(other_round)[0]["email"] == "still.needed@outside.example"
    assert details(other_round)[0]["invited_at"] is not None


def test_the_daily_job_erases_the_raters_details_of_the_round_it_closes(personas):
    round_ = a_round_with_every_detail_filled_in(personas)
    after_closing_day = timezone.now() + datetime.timedelta(days=11)

    output = StringIO()
    with time_machine.travel(after_closing_day):
        call_command("feedback_daily", stdout=output)

    round_.refresh_from_db()
    assert round_.status == "closed"
    # Closing erased it: the catch-up for older closed rounds found nothing left.
    assert "1 round(s) closed, rater details erased in 0 more" in output.getvalue()
    assert details(round_) == [ERASED, ERASED]
    # One answer in all: stored under "others", with no key to pair it with (rater groups).
    assert what_remains(round_) == [("other", True), ("other", False)]
    assert erasures(round_) == [2]


def test_erasing_a_closed_round_again_changes_nothing_and_records_nothing_more(personas):
    round_ = a_round_with_every_detail_filled_in(personas)
    services.round_close(owner=personas.employee, round_=round_)
    history = list(RoundEvent.objects.filter(round=round_).values_list("kind", "count"))

    assert services.round_erase_rater_details(round_=round_) == 0
    call_command("feedback_daily", stdout=StringIO())

    assert details(round_) == [ERASED, ERASED]
    assert what_remains(round_) == [("other", True), ("other", False)]  # one answer in all
    assert list(RoundEvent.objects.filter(round=round_).values_list("kind", "count")) == history
    assert erasures(round_) == [2]


def test_an_open_round_keeps_its_raters_details_and_cannot_be_erased(personas):
    round_ = a_round_with_every_detail_filled_in(personas)
    before = details(round_)

    with pytest.raises(FeedbackError):
        services.round_erase_rater_details(round_=round_)

    assert details(round_) == before
    assert erasures(round_) == []


SKIP = {"round", "merged"}


def test_the_report_is_the_same_before_and_after_the_erasure(personas):
    round_ = open_round(personas.employee)
    answering = [
        (invite(round_, relationship)[1], values, f"{relationship} comment {number}")
        for relationship, count, values in (
            ("peer", 3, 4),
            ("direct_report", 3, 2),
            ("other", 1, 5),
        )
        for number in range(count)
    ]
    _invitation, manager_secret = invite(round_, "manager", email=personas.line_manager.email)
    invite(round_, "peer")  # invited, never answers
    send_list(round_)
    for secret, values, comment in answering:
        answer(round_, secret, values, comment=comment)
    answer(round_, manager_secret, 5, comment="Attributed.")

    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        # Past its closing day the report is open, and the round still holds every detail.
        before = build_report(round_=round_, language="en")
        assert Invitation.objects.filter(round=round_).exclude(email="").count() == 9
        call_command("feedback_daily", stdout=StringIO())
        round_.refresh_from_db()
        after = build_report(round_=round_, language="en")

    assert details(round_) == [ERASED] * 9
    assert (before.invited, before.answered) == (9, 8)
    assert before.manager_answered and before.comments
    # Which groups went into "others" is not shown, and a closed round no longer knows it.
    assert {key: value for key, value in vars(after).items() if key not in SKIP} == {
        key: value for key, value in vars(before).items() if key not in SKIP
    }


def test_a_closed_rounds_rater_link_still_answers_with_the_closed_page_after_the_erasure(
    personas, client
):
    round_ = open_round(personas.employee)
    _waiting, waiting_secret = invite(round_)
    _done, done_secret = invite(round_)
    send_list(round_)
    answer(round_, done_secret)
    services.round_close(owner=personas.employee, round_=round_)
    assert details(round_) == [ERASED, ERASED]

    with translation.override("nl"):
        closed_message = gettext("This feedback round has closed, so the link no longer works.")
        used_message = gettext("Your answers were already received through this link. Thank you.")
    assert "closed" not in closed_message  # translated, not the English

    page = client.get(f"/nl/feedback/rate/{waiting_secret}/")
    assert page.status_code == 410
    assert 'data-reason="closed"' in page.content.decode()
    assert closed_message in page.content.decode()
    assert client.post(f"/nl/feedback/rate/{waiting_secret}/", {}).status_code == 410
    used = client.get(f"/nl/feedback/rate/{done_secret}/")
    assert used.status_code == 410
    assert used_message in used.content.decode()


def test_the_daily_job_erases_rounds_that_closed_before_closing_erased_anything(personas):
    round_ = a_round_with_every_detail_filled_in(personas)
    kept = details(round_)
    services.round_close(owner=personas.employee, round_=round_)
    # As a round closed before this change left its invitations: every detail still there.
    RoundEvent.objects.filter(round=round_, kind="rater_details_erased").delete()
    rows = Invitation.objects.filter(round=round_).order_by("pk")
    for row, invitation in zip(kept, rows, strict=True):
        Invitation.objects.filter(pk=invitation.pk).update(**row)
    assert details(round_) == kept
    still_open = a_round_with_every_detail_filled_in(personas)
    still_open_details = details(still_open)

    output = StringIO()
    call_command("feedback_daily", stdout=output)

    assert details(round_) == [ERASED, ERASED]
    # One answer in all: stored under "others", with no key to pair it with (rater groups).
    assert what_remains(round_) == [("other", True), ("other", False)]
    assert erasures(round_) == [2]
    assert "rater details erased in 1 more closed round(s)" in output.getvalue()
    assert details(still_open) == still_open_details


def test_the_daily_job_pools_the_small_groups_of_a_round_closed_before_groups_were_pooled(
    personas,
):
    round_ = open_round(personas.line_manager)
    secrets = [invite(round_, "peer")[1] for _n in range(3)]
    lone, lone_secret = invite(round_, "direct_report", email=personas.employee.email)
    send_list(round_)
    for secret in [*secrets, lone_secret]:
        answer(round_, secret)
    services.round_close(owner=personas.line_manager, round_=round_)
    # As a round closed before this rule left it, its details already erased: the one direct
    # report's answer and keyed invitation still carry their own group.
    Invitation.objects.filter(pk=lone.pk).update(relationship="direct_report")
    mine = RaterResponse.objects.filter(round=round_).first()
    RaterResponse.objects.filter(pk=mine.pk).update(relationship="direct_report")
    RaterResponse.objects.filter(round=round_).exclude(pk=mine.pk).update(relationship="peer")
    Invitation.objects.filter(round=round_).exclude(pk=lone.pk).update(relationship="peer")
    assert Invitation.objects.get(pk=lone.pk).rater_key

    call_command("feedback_daily", stdout=StringIO())

    assert set(
        RaterResponse.objects.filter(round=round_).values_list("relationship", flat=True)
    ) == {"other"}
    assert set(what_remains(round_)) == {("other", True)}
    assert Invitation.objects.get(pk=lone.pk).rater_key  # four answered: the keys stay
    assert erasures(round_) == [4]  # pooling is not another erasure


def test_after_closing_the_owner_sees_the_counts_per_group_and_that_addresses_are_erased(
    personas, client_for
):
    round_ = open_round(personas.employee)
    _first, secret = invite(round_, "external", email="first@outside.example")
    invite(round_, "external", email="second@outside.example")
    invite(round_, "manager", email=personas.line_manager.email)
    send_list(round_)
    answer(round_, secret)
    client = client_for("employee")
    page = client.get(f"/en/feedback/{round_.public_id}/").content.decode()
    assert "first@outside.example" in page
    assert "rater-details-erased" not in page
    assert "Raters can answer until" in page and "get a reminder every few days" in page

    client.post(f"/en/feedback/{round_.public_id}/", {"action": "close"})

    page = client.get(f"/en/feedback/{round_.public_id}/").content.decode()
    assert "first@outside.example" not in page and "line.manager@elan.test" not in page
    assert "e-mail addresses and names are erased when the round closes" in page
    assert "<li>Line manager: 1 rater</li>" in page
    assert "<li>Outside the organisation: 2 raters</li>" in page
    assert "1 of 3 raters answered" in page
    # A closed round no longer promises answers or reminders; it says when it closed.
    assert "Raters can answer until" not in page and "get a reminder" not in page
    assert 'id="closed-on"' in page and "no more reminders are sent" in page
    home = client.get("/en/feedback/").content.decode()
    assert "1 of 3 raters answered" in home
    report = client.get(f"/en/feedback/{round_.public_id}/report/")
    assert report.status_code == 200
    assert (report.context["report"].invited, report.context["report"].answered) == (3, 1)


def test_once_erased_a_rater_is_no_longer_in_their_own_export_and_the_owners_export_works(
    personas,
):
    from elan.feedback.personal_data import export_feedback

    round_ = open_round(personas.employee)
    invite(round_, "manager", email=personas.line_manager.email)
    assert len(export_feedback(personas.line_manager)["invited_as_rater"]) == 1

    services.round_close(owner=personas.employee, round_=round_)

    assert export_feedback(personas.line_manager)["invited_as_rater"] == []
    owners = export_feedback(personas.employee)["feedback_rounds"][0]
    assert owners["invited"] == [{"email": "", "name": "", "relationship": "manager"}]
