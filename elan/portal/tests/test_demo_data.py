# SPDX-License-Identifier: EUPL-1.2
"""The demo gives every feature something to show, for the personas the README names, with
the guard at work next to real figures, and no date ahead of today that should not be.

The demo is loaded once for the whole module (it takes a while) inside a transaction that is
rolled back afterwards, so that no other test sees it.
"""

from __future__ import annotations

import datetime
import html
import io
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import models, transaction
from django.db.models import Q
from django.test import Client, TestCase
from django.utils import timezone

from elan.assessments.constants import StepStatus
from elan.assessments.models import PlanStep, TeamMixConsent, TeamMixGroup
from elan.feedback.constants import RoundStatus
from elan.feedback.models import FeedbackRound, Invitation, QualitySnapshot, RaterResponse
from elan.feedback.quality import min_responses, reports_for
from elan.goals.constants import OPEN_CYCLE_STATUSES, TalkStatus
from elan.insights.constants import CampaignStatus, CheckStatus, GroupFamily, Scope
from elan.insights.demo import (
    CLIMATE_TITLES,
    DEMO_SMALL_TEAM,
    DEMO_TEAM,
    INNOVATION_TITLES,
    PULSE_TITLES,
)
from elan.insights.models import (
    Action,
    Campaign,
    GroupResult,
    Participation,
    Release,
    Response,
    Round,
)
from elan.organisations.models import Unit

EMPLOYEE = "employee@elan.example"
MANAGER = "manager@elan.example"
TEAM_LEAD = "teamlead@elan.example"
HR = "hr@elan.example"
MODERATOR = "moderator@elan.example"

# Dates that are plans, and the rows whose plan lies ahead on purpose.
PLANNED_DATES = {
    ("insights.Campaign", "closes_on"): Q(rounds__closed_on__isnull=True),
    ("insights.Round", "closes_on"): Q(closed_on__isnull=True),
    ("insights.Action", "check_due_on"): Q(check_status=CheckStatus.PENDING),
    ("feedback.FeedbackRound", "closes_on"): ~Q(status=RoundStatus.CLOSED),
    ("sessions.Session", "expire_date"): Q(),
    # A target date is a plan for the future while the step is not finished.
    ("assessments.PlanStep", "due_on"): Q(status__in=[StepStatus.PLANNED, StepStatus.IN_PROGRESS]),
    # An evaluation cycle under way ends, and its talks and goals fall due, in the future.
    ("goals.Cycle", "ends_on"): Q(status__in=OPEN_CYCLE_STATUSES),
    ("goals.Talk", "planned_on"): Q(status=TalkStatus.SCHEDULED),
    ("goals.Talk", "due_on"): Q(status=TalkStatus.SCHEDULED),
    ("goals.Goal", "due_on"): Q(cycle__status__in=OPEN_CYCLE_STATUSES),
    # A running experiment's time box ends in the future.
    ("experiments.Experiment", "ends_on"): Q(status="running"),
    # A programme open for sign-up starts later; one under way ends later; a mentor has days
    # left to answer a request.
    ("network.Programme", "starts_on"): Q(status__in=["draft", "open"]),
    ("network.Programme", "ends_on"): Q(status__in=["draft", "open", "running"]),
    ("network.Match", "answer_due"): Q(status="offered"),
    # The federal holidays are shipped for the coming years.
    ("goals.PublicHoliday", "on"): Q(),
    # An event still being prepared or registering starts later; one under way ends later.
    ("events.Event", "starts_on"): Q(status__in=["draft", "open", "closed"]),
    ("events.Event", "ends_on"): Q(status__in=["draft", "open", "closed", "teams_published"]),
    # A cohort in preparation starts later, a running one ends later and has sessions to come.
    ("cohorts.Cohort", "starts_on"): Q(status="draft"),
    ("cohorts.Cohort", "ends_on"): Q(status__in=["draft", "running"]),
    ("cohorts.CohortSession", "starts_at"): Q(cohort__status__in=["draft", "running"]),
    ("cohorts.CohortSession", "ends_at"): Q(cohort__status__in=["draft", "running"]),
    # An open idea campaign closes later; an idea still waiting for its answer (or escalated)
    # is due later, and the reminder before that deadline names it; "not now" looks again later.
    ("ideas.Campaign", "closes_on"): Q(status="open"),
    ("ideas.Idea", "answer_due"): Q(status__in=["waiting", "escalated"]),
    ("ideas.IdeaEvent", "about_date"): Q(
        kind="reminded", idea__status__in=["waiting", "escalated"]
    ),
    ("ideas.Idea", "look_again_on"): Q(status="not_now"),
}


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label.split(".")[-1]
        in {
            "organisations",
            "insights",
            "feedback",
            "assessments",
            "knowledge",
            "goals",
            "experiments",
            "network",
            "events",
            "cohorts",
            "ideas",
        }
    }


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """``manage.py demo_data`` once, as ``make run`` loads it, and twice to show it is stable;
    everything is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        # The tasks that run after a commit (the closing of a round) run here as they would.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("demo_data", stdout=io.StringIO())
        first = _counts()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("demo_data", stdout=io.StringIO())
        yield {"first": first, "again": _counts()}
        transaction.set_rollback(True)
    cache.clear()


@pytest.fixture
def loaded(demo, db):
    return demo


def user(email: str):
    return get_user_model().objects.get(email=email)


def page(email: str, url: str) -> str:
    client = Client()
    client.force_login(user(email), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(url)
    assert response.status_code == 200, url
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def climate() -> Campaign:
    return Campaign.objects.get(titles__en=CLIMATE_TITLES["en"])


def closed_climate_rounds() -> list[Round]:
    return list(climate().rounds.filter(closed_on__isnull=False).order_by("number"))


# --- dates --------------------------------------------------------------------------------------


def test_no_demo_date_lies_after_today_unless_it_is_a_plan(loaded):
    today = timezone.localdate()
    now = timezone.now() + datetime.timedelta(minutes=1)
    ahead = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField):
                later = Q(**{f"{field.name}__gt": now})
            elif isinstance(field, models.DateField):
                later = Q(**{f"{field.name}__gt": today})
            else:
                continue
            rows = model.objects.filter(later)
            planned = PLANNED_DATES.get((model._meta.label, field.name))
            if planned is not None:
                rows = rows.exclude(pk__in=model.objects.filter(planned).values("pk"))
            if rows.exists():
                ahead.append(f"{model._meta.label}.{field.name}")
    assert ahead == []


def test_nobody_answered_a_survey_or_a_360_after_today(loaded):
    today = timezone.localdate()
    assert Participation.objects.filter(responded_on__isnull=False).exists()
    assert not Participation.objects.filter(responded_on__gt=today).exists()
    assert not Response.objects.filter(answered_on__gt=today).exists()
    assert not RaterResponse.objects.filter(answered_on__gt=today).exists()
    # Every answer of a round lies within it.
    for round_ in Round.objects.all():
        days = Response.objects.filter(round=round_).values_list("answered_on", flat=True)
        assert all(round_.opens_on <= day <= (round_.closed_on or today) for day in days)


def test_loading_the_demo_again_adds_nothing(loaded):
    assert loaded["again"] == loaded["first"]


# --- the team lead's team -------------------------------------------------------------------


def test_the_demo_team_has_two_closed_rounds_with_figures_in_both(loaded):
    rounds = closed_climate_rounds()
    assert [r.number for r in rounds] == [1, 2]
    for round_ in rounds:
        result = GroupResult.objects.get(
            round=round_,
            family=GroupFamily.SCORES,
            scope=Scope.UNIT,
            unit_code=DEMO_TEAM,
            attribute="",
        )
        assert result.released and result.n >= 10 and result.figures


def test_the_team_lead_reads_the_teams_results_trends_and_comments(loaded):
    pk = climate().pk
    base = f"/en/insights/campaigns/{pk}/units/{DEMO_TEAM}"
    report = page(TEAM_LEAD, f"{base}/")
    assert "Nido innovation lab: results of round 2" in report
    assert "Response rate" in report and "hidden:" not in report
    trends = page(TEAM_LEAD, f"{base}/trends/")
    assert "Between round 1 and round 2" in trends
    comments = page(TEAM_LEAD, f"{base}/comments/")
    assert "hidden:" not in comments
    written = Response.objects.filter(round=closed_climate_rounds()[-1], unit_code=DEMO_TEAM)
    texts = list(written.exclude(comment="").values_list("comment", flat=True))
    assert 2 <= len(texts) < written.count()  # a couple of comments, not everyone's
    assert all(text in comments for text in texts)


def test_the_team_sees_its_latest_results_first_while_the_other_teams_shared_theirs(loaded):
    latest = closed_climate_rounds()[-1]
    assert timezone.localdate() < latest.goes_up_on
    assert DEMO_TEAM in latest.pooled_units
    assert not Release.objects.filter(round=latest, unit_code=DEMO_TEAM).exists()
    assert Release.objects.filter(round=latest).exclude(unit_code=DEMO_TEAM).count() >= 5


def test_the_team_skill_mix_of_the_demo_team_passes_the_guard(loaded):
    nido = Unit.objects.get(code=DEMO_TEAM)
    group = TeamMixGroup.objects.get(unit_code=DEMO_TEAM)
    assert group.released and group.n >= settings.ANONYMITY_MIN_GROUP
    assert TeamMixConsent.objects.filter(owner__staff_record__unit=nido).count() == group.n
    mix = page(TEAM_LEAD, f"/en/assessments/team/{nido.pk}/")
    assert f"Across {group.n} people, the team is strongest in" in mix
    assert "hidden:" not in mix


# --- the guard at work ----------------------------------------------------------------------


def test_the_results_hold_released_figures_and_figures_the_guard_hid(loaded):
    results = GroupResult.objects.filter(round__campaign=climate(), family=GroupFamily.SCORES)
    assert results.filter(released=True).exclude(figures={}).exists()
    assert results.filter(released=False, reason="would_reveal_other").exists()
    # Too few answered in the small team: the guard stores nothing for it at all.
    assert not results.filter(unit_code=DEMO_SMALL_TEAM, attribute="", released=True).exists()


def test_hr_sees_a_heatmap_with_figures_and_hidden_units(loaded):
    pk = climate().pk
    heatmap = page(HR, f"/en/insights/campaigns/{pk}/heatmap/?depth=all&round=1")
    assert re.search(r"Nido innovation lab \d+ [1-5][.,]\d", heatmap)
    assert "hidden: too few people" in heatmap
    small = page(HR, f"/en/insights/campaigns/{pk}/units/{DEMO_SMALL_TEAM}/?round=1")
    assert "are hidden to keep answers anonymous" in small


def test_hr_sees_the_skill_mix_guard_hide_a_team_too_small_and_one_that_would_reveal_it(loaded):
    reasons = dict(TeamMixGroup.objects.filter(released=False).values_list("unit_code", "reason"))
    assert "too_few" in reasons.values() and "would_reveal_other" in reasons.values()


# --- HR's instrument quality ----------------------------------------------------------------


def test_instrument_quality_has_enough_complete_answer_sets_to_show_alpha(loaded):
    survey = QualitySnapshot.objects.filter(source="survey", instrument_key="climate")
    assert survey.exists() and survey.latest("taken_at").n >= min_responses()
    shown = [
        scale
        for organisation in reports_for(viewer=user(HR))
        for instrument in organisation.instruments
        for scale in instrument.scales
        if scale.shown
    ]
    assert shown and all(scale.statistics.alpha is not None for scale in shown)
    assert "Alpha" in page(HR, "/en/feedback/instrument-quality/")


# --- what to do next, per persona -----------------------------------------------------------


def test_the_employee_has_a_survey_a_360_a_plan_step_and_an_action_waiting(loaded):
    today = timezone.localdate()
    eva = user(EMPLOYEE)
    survey = Participation.objects.get(
        user=eva, round__campaign__titles__en=INNOVATION_TITLES["en"]
    )
    assert survey.responded_on is None
    assert survey.round.opens_on <= today < survey.round.closes_on
    assert Invitation.objects.filter(
        user=eva, answered=False, round__status=RoundStatus.OPEN, round__closes_on__gt=today
    ).exists()
    assert PlanStep.objects.filter(owner=eva, status="in_progress").exists()
    assert Action.objects.filter(
        owner=eva, check_status=CheckStatus.PENDING, check_due_on__lte=today
    ).exists()


def test_the_team_lead_has_an_open_rounds_turnout_and_a_review_waiting(loaded):
    tom = user(TEAM_LEAD)
    innovation = Campaign.objects.get(titles__en=INNOVATION_TITLES["en"])
    assert innovation.status == CampaignStatus.OPEN
    answered = Participation.objects.filter(
        round__campaign=innovation,
        unit_code=DEMO_TEAM,
        responded_on__lt=timezone.localdate(),
    )
    assert answered.count() >= settings.ANONYMITY_MIN_GROUP  # a turnout band to show
    assert FeedbackRound.objects.filter(
        status=RoundStatus.IN_REVIEW, owner__staff_record__line_manager=tom
    ).exists()


def test_hr_has_a_round_to_close_and_a_rater_list_to_review(loaded):
    today = timezone.localdate()
    pulse = Campaign.objects.get(titles__en=PULSE_TITLES["en"])
    assert pulse.status == CampaignStatus.OPEN
    assert pulse.rounds.get(closed_on__isnull=True).closes_on < today
    reviews = page(HR, "/en/feedback/reviews/")
    waiting = FeedbackRound.objects.get(
        status=RoundStatus.IN_REVIEW, owner__staff_record__line_manager__isnull=True
    )
    assert waiting.owner.get_full_name() in reviews


def test_the_line_manager_reads_what_eva_shared_and_the_moderator_has_a_draft_to_review(
    loaded,
):
    assert "Eva Peeters" in page(MANAGER, "/en/assessments/shared-with-me/")
    assert "Eva Peeters" in page(MANAGER, "/en/feedback/shared-with-me/")
    assert "Ask the person at the counter first" in page(MODERATOR, "/admin/")
