# SPDX-License-Identifier: EUPL-1.2
"""The demo ideas show what the README names to each persona, keep the anonymous ones
anonymous, and add nothing when loaded again.

Only what they need is loaded, once for the module (the organisation, and the experiments whose
badge-form card an answer links), inside a transaction rolled back afterwards, so that no other
test sees them. The e-mails the services queue are sent as they would be when the load commits.
"""

from __future__ import annotations

import datetime

import pytest
import rules
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from elan.core.modules import ModuleStatus
from elan.experiments.constants import Status as ExperimentStatus
from elan.experiments.demo import load_demo_experiments
from elan.experiments.models import Experiment
from elan.ideas import figures, home, selectors
from elan.ideas.constants import (
    CLOCK_STATUSES,
    NOT_NOW_MAX_DAYS,
    OUTCOMES,
    CampaignStatus,
    HistoryKind,
    Status,
)
from elan.ideas.demo import (
    CLOSED,
    CLOSED_CAMPAIGN,
    ESCALATED,
    NEAR_DEADLINE,
    NIDO_BOX,
    OPEN,
    OPEN_CAMPAIGN,
    OTHER_BOXES,
    load_demo_ideas,
)
from elan.ideas.models import Campaign, Comment, DailyQuota, Idea, IdeaEvent, Support
from elan.organisations.demo import load_demo_organisation
from elan.organisations.models import StaffRecord, Unit

EMPLOYEE = "employee@elan.example"
LINE_MANAGER = "manager@elan.example"
TEAM_LEAD = "teamlead@elan.example"
HR = "hr@elan.example"
MODERATOR = "moderator@elan.example"
OUTSIDER = "outsider@elan.example"

NIDO = "BOSA-DGDT-NIDO"


def _counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Campaign, Idea, IdeaEvent, Support, Comment, DailyQuota, Experiment)
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The organisation, the experiments and the ideas, the ideas loaded twice; everything is
    rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_organisation()
        load_demo_experiments()
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            campaign = load_demo_ideas()
        sent = list(mail.outbox)
        first = _counts()
        again = load_demo_ideas()
        yield {
            "campaign": campaign,
            "again_returns": again,
            "first": first,
            "again": _counts(),
            "sent": sent,
        }
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def user(email: str):
    return get_user_model().objects.get(email=email)


def by_id(external_id: str):
    return StaffRecord.objects.select_related("user").get(external_id=external_id).user


def idea(title: str) -> Idea:
    return Idea.objects.get(title=title)


def all_demo_ideas():
    boxes = (NIDO_BOX, *OTHER_BOXES)
    return [*OPEN_CAMPAIGN.ideas, *CLOSED_CAMPAIGN.ideas, *(i for b in boxes for i in b.ideas)]


# --- loading ------------------------------------------------------------------------------------


def test_loading_twice_adds_nothing(loaded):
    assert loaded["again"] == loaded["first"]
    assert loaded["again_returns"] == loaded["campaign"]
    assert loaded["campaign"].title == OPEN


def test_every_idea_the_demo_names_was_posted(loaded):
    assert sorted(Idea.objects.values_list("title", flat=True)) == sorted(
        demo.title for demo in all_demo_ideas()
    )


def test_no_idea_date_lies_ahead_but_a_deadline_a_day_to_look_again_or_a_closing_date(loaded):
    today = timezone.localdate()
    now = timezone.now()
    ideas = Idea.objects.all()
    assert not ideas.filter(posted_on__gt=today).exists()
    assert not ideas.filter(answered_on__gte=today).exists()
    assert not ideas.exclude(status__in=CLOCK_STATUSES).filter(answer_due__gt=today).exists()
    assert not ideas.exclude(status=Status.NOT_NOW).filter(look_again_on__isnull=False).exists()
    assert not IdeaEvent.objects.filter(at__gt=now).exists()
    assert not Comment.objects.filter(posted_on__gt=today).exists()
    assert not Support.objects.filter(supported_on__gt=today).exists()
    assert not Campaign.objects.filter(created_at__gt=now).exists()
    assert not Campaign.objects.filter(status=CampaignStatus.CLOSED, closes_on__gte=today).exists()
    # What is left of the daily quota is today's only: the clock forgot the days before.
    assert not DailyQuota.objects.filter(day__lt=today).exists()


def test_each_comment_and_support_comes_after_its_idea_and_each_answer_after_its_posting(loaded):
    for each in Idea.objects.all():
        assert all(c.posted_on >= each.posted_on for c in each.comments.all())
        assert all(s.supported_on >= each.posted_on for s in each.supports.all())
        assert each.supports.filter(user_id=each.author_id).count() == 0
        if each.answered_on:
            assert each.posted_on < each.answered_on
            [answered] = each.history.filter(kind=HistoryKind.ANSWERED)
            assert timezone.localtime(answered.at).date() == each.answered_on
            assert answered.by_id == each.answered_by_id == each.owner_id


# --- the open campaign ------------------------------------------------------------------------


def test_hannes_open_campaign_takes_ideas_from_all_of_bosa_until_it_closes(loaded):
    campaign = Campaign.objects.get(title=OPEN)
    today = timezone.localdate()

    assert campaign.created_by == user(HR)
    assert list(campaign.owners.all()) == [user(HR)]
    assert campaign.unit.code == "BOSA"
    assert selectors.accepts_ideas(campaign)
    assert 10 <= (campaign.closes_on - today).days <= 25
    assert 20 <= (today - campaign.opens_on).days <= 30
    for email in (EMPLOYEE, LINE_MANAGER, TEAM_LEAD, MODERATOR):
        assert rules.has_perm("ideas.post_to_campaign", user(email), campaign)


def test_eight_colleagues_of_several_units_posted_in_dutch_and_french_some_anonymously(loaded):
    campaign = Campaign.objects.get(title=OPEN)
    shown = campaign.ideas.filter(hidden_reason="")

    assert shown.count() == 8
    assert set(shown.values_list("language", flat=True)) == {"nl", "fr"}
    assert shown.filter(is_anonymous=True).count() == 3
    named_units = set(
        StaffRecord.objects.filter(
            user__in=shown.filter(is_anonymous=False).values("author")
        ).values_list("unit__code", flat=True)
    )
    assert len(named_units) >= 3
    assert Support.objects.filter(idea__campaign=campaign).count() >= 20
    assert Comment.objects.filter(idea__campaign=campaign).count() >= 6
    # One anonymous author answered a colleague's question through the private link.
    assert Comment.objects.filter(idea__campaign=campaign, by_idea_author=True).count() == 1
    # All of them wait for Hanne's answer, none past its deadline.
    assert set(campaign.ideas.values_list("status", flat=True)) == {Status.WAITING}
    assert set(campaign.ideas.values_list("owner__email", flat=True)) == {HR}
    assert not campaign.ideas.filter(answer_due__lt=timezone.localdate()).exists()


def test_the_anonymous_demo_ideas_store_no_author(loaded):
    anonymous = Idea.objects.filter(is_anonymous=True)
    assert anonymous.count() == sum(1 for demo in all_demo_ideas() if demo.anonymous)

    for each in anonymous:
        assert each.author_id is None
        assert len(each.token_hash) == 64
        [posted] = each.history.filter(kind=HistoryKind.POSTED)
        assert posted.by_id is None
        # The day only, never the time: the start of the day it was posted.
        assert timezone.localtime(posted.at) == timezone.make_aware(
            datetime.datetime.combine(each.posted_on, datetime.time.min)
        )
        replies = each.comments.filter(by_idea_author=True)
        assert all(reply.author_id is None for reply in replies)
    assert len(set(anonymous.values_list("token_hash", flat=True))) == anonymous.count()


def test_nobody_is_e_mailed_about_an_anonymous_idea_of_their_own(loaded):
    sent = loaded["sent"]
    assert sent  # the services' e-mails went out when the load committed
    for demo in all_demo_ideas():
        if not demo.anonymous:
            continue
        author = demo.who if "@" in demo.who else by_id(demo.who).email
        assert not [
            message for message in sent if author in message.to and demo.title in message.body
        ]


# --- the closed campaign ----------------------------------------------------------------------


def test_every_idea_of_the_closed_campaign_got_an_answer_with_a_reason(loaded):
    campaign = Campaign.objects.get(title=CLOSED)
    ideas = campaign.ideas.all()

    assert campaign.status == CampaignStatus.CLOSED and not selectors.accepts_ideas(campaign)
    assert ideas.count() == len(CLOSED_CAMPAIGN.ideas)
    assert set(ideas.values_list("status", flat=True)) == set(OUTCOMES)
    assert all(each.reason and each.answered_by == user(HR) for each in ideas)


def test_the_idea_taken_forward_opened_a_draft_experiment_card_linked_both_ways(loaded):
    taken = Campaign.objects.get(title=CLOSED).ideas.get(status=Status.TAKEN_FORWARD)
    card = taken.experiment

    assert card is not None and card.status == ExperimentStatus.DRAFT
    assert card.owner == user(HR) and card.from_idea == taken.public_id
    assert card.title == taken.title
    assert timezone.localtime(card.created_at).date() == taken.answered_on


def test_an_idea_already_covered_links_the_nido_labs_badge_form_card(loaded):
    covered = Campaign.objects.get(title=CLOSED).ideas.filter(status=Status.COVERED)
    badge = covered.get(title="Un formulaire de badge plus court")
    card = Experiment.objects.get(public_id=badge.covered_by.split("/")[-2])

    assert badge.covered_by.startswith("/fr/experiments/")
    assert card.decision == "scale" and card.owner.email != HR
    assert all(each.covered_by for each in covered)


def test_not_now_comes_back_on_a_day_ahead_within_two_years(loaded):
    today = timezone.localdate()
    later = Idea.objects.filter(status=Status.NOT_NOW)

    assert later.filter(campaign__title=CLOSED).count() == 1
    assert all(
        today < each.look_again_on <= today + datetime.timedelta(days=NOT_NOW_MAX_DAYS)
        for each in later
    )


# --- the personas -----------------------------------------------------------------------------


def test_eva_has_a_named_idea_with_an_answer_and_one_waiting_for_hannes(loaded):
    eva = user(EMPLOYEE)
    mine = selectors.named_ideas_of(user=eva)
    today = timezone.localdate()

    answered = mine.get(campaign__title=CLOSED)
    assert answered.status == Status.TAKEN_FORWARD and answered.reason
    assert "Eva" in answered.reason
    waiting = mine.get(campaign__title=OPEN)
    assert waiting.status == Status.WAITING and waiting.answer_due > today
    assert waiting.owner == user(HR)
    assert waiting.supports.count() == 7 and waiting.comments.count() == 2
    assert all(rules.has_perm("ideas.view_idea", eva, each) for each in mine)
    # Her colleagues' ideas in the open campaign, which she may support.
    campaign = Campaign.objects.get(title=OPEN)
    assert Support.objects.filter(user=eva, idea__campaign=campaign).count() >= 2
    assert rules.has_perm("ideas.view_box", eva, Unit.objects.get(code=NIDO))


def test_marie_proposes_shared_minutes_that_tom_supports(loaded):
    marie, tom = user(LINE_MANAGER), user(TEAM_LEAD)
    [minutes] = selectors.named_ideas_of(user=marie)

    assert minutes.campaign.title == OPEN and minutes.language == "fr"
    assert minutes.supports.filter(user=tom).exists()
    assert minutes.comments.filter(author=tom).exists()
    commented = set(Comment.objects.filter(author=marie).values_list("idea__title", flat=True))
    assert NEAR_DEADLINE in commented
    assert {each.title for each in selectors.named_ideas_of(user=user(EMPLOYEE))} & commented
    assert selectors.named_ideas_of(user=by_id("DEMO-0011")).filter(title__in=commented).exists()
    assert not selectors.ideas_waiting_for(user=marie).exists()


def test_tom_answers_his_teams_box_one_idea_near_its_deadline_one_escalated_to_his_manager(
    loaded,
):
    tom = user(TEAM_LEAD)
    nido = Unit.objects.get(code=NIDO)
    today = timezone.localdate()
    manager = selectors.line_manager_of(person=tom)

    assert list(selectors.box_owners(unit=nido)) == [tom]
    waiting = list(selectors.ideas_waiting_for(user=tom))
    near, escalated = idea(NEAR_DEADLINE), idea(ESCALATED)
    assert near in waiting and escalated in waiting
    # Near: due in two worked days, its owner reminded today.
    assert near.status == Status.WAITING and near.is_anonymous
    assert selectors.deadline_after(start=today, unit=nido, worked_days=2) == near.answer_due
    reminded = near.history.get(kind=HistoryKind.REMINDED)
    assert timezone.localtime(reminded.at).date() == today
    assert reminded.about_date == near.answer_due
    # Escalated to Tom's line manager, who now answers it too, with a deadline still ahead.
    assert escalated.status == Status.ESCALATED and escalated.escalated_to == manager
    assert manager.email != TEAM_LEAD and escalated in selectors.ideas_waiting_for(user=manager)
    assert escalated.answer_due > today
    kinds = [event.kind for event in selectors.history_of(idea=escalated)]
    assert kinds == [HistoryKind.POSTED, HistoryKind.REMINDED, HistoryKind.ESCALATED]
    assert rules.has_perm("ideas.answer_idea", manager, escalated)
    assert rules.has_perm("ideas.answer_idea", tom, near)
    # His box's answers of the last months, each of the four answers at least once.
    answered = Idea.objects.filter(box_unit=nido, status__in=OUTCOMES)
    assert answered.count() == 6
    assert set(answered.values_list("status", flat=True)) == set(OUTCOMES)
    assert answered.filter(status=Status.TAKEN_FORWARD).get().experiment.owner == tom
    # And one posted a few days ago.
    [fresh] = [each for each in waiting if each not in (near, escalated)]
    assert fresh.box_unit == nido and (today - fresh.posted_on).days <= 5
    assert set(answered.values_list("answered_by__email", flat=True)) == {TEAM_LEAD}


def test_hanne_owns_both_campaigns_and_the_open_ones_ideas_wait_for_her(loaded):
    hanne = user(HR)
    campaigns = selectors.campaigns_for_reader(user=hanne)

    assert [c.title for c in campaigns][:2] == [OPEN, CLOSED]
    waiting = selectors.ideas_waiting_for(user=hanne)
    assert waiting.count() == Campaign.objects.get(title=OPEN).ideas.count()
    assert rules.has_perm("ideas.manage_campaign", hanne, campaigns[0])


def test_the_moderator_hid_one_idea_with_a_reason_its_readers_do_not_see(loaded):
    moderator, eva = user(MODERATOR), user(EMPLOYEE)
    [hidden] = Idea.objects.exclude(hidden_reason="")
    campaign = hidden.campaign

    assert hidden.history.get(kind=HistoryKind.HIDDEN).by == moderator
    assert hidden not in selectors.listed_ideas(campaign=campaign, reader=eva)
    assert hidden in selectors.listed_ideas(campaign=campaign, reader=moderator)
    assert not rules.has_perm("ideas.view_idea", eva, hidden)
    assert rules.has_perm("ideas.view_idea", moderator, hidden)
    # Its author still reads it, with the reason.
    assert rules.has_perm("ideas.view_idea", hidden.author, hidden)


def test_the_response_figures_show_some_units_and_hide_the_small_boxes(loaded):
    report = figures.report_for(unit=Unit.objects.get(code=NIDO))
    rows = {row.unit.code: row for row in report.rows}

    for code in ("BOSA", "BOSA-DGDT-NIDO", "BOSA-DGRH-DEV"):
        assert rows[code].own is not None and rows[code].own.ideas >= 5, code
        assert rows[code].own.median_days is not None
    for code in ("BOSA", "BOSA-DGDT", "BOSA-DGRH", "BOSA-DGBUD"):
        assert rows[code].subtree is not None, code
    for code in ("BOSA-DGDT-WEB", "BOSA-DGDT-DATA", "BOSA-DGBUD-CTRL", "BOSA-DGBUD"):
        assert rows[code].own is None and rows[code].own_marker, code
    # Every released figure counts at least the minimum, over the year looked back on.
    released = [f for row in report.rows for f in (row.own, row.subtree) if f is not None]
    assert all(f.ideas >= report.minimum for f in released)
    # The figures the README gives: ideas, percent answered, median worked days to an answer.
    for code, expected in (
        ("BOSA", (13, 38, 9)),
        ("BOSA-DGDT-NIDO", (9, 67, 9)),
        ("BOSA-DGRH-DEV", (6, 100, 7.5)),
    ):
        own = rows[code].own
        assert (own.ideas, own.answered_percent, own.median_days, own.overdue_percent) == (
            *expected,
            0,
        ), code


def test_the_outsider_sees_none_of_bosas_ideas(loaded):
    outsider = user(OUTSIDER)

    assert selectors.campaigns_for_reader(user=outsider) == []
    assert not rules.has_perm("ideas.view_box", outsider, Unit.objects.get(code=NIDO))
    assert not any(rules.has_perm("ideas.view_idea", outsider, each) for each in Idea.objects.all())
    assert not selectors.ideas_waiting_for(user=outsider).exists()


# --- on the home page (elan/ideas/home.py) ------------------------------------------------------


def test_on_the_home_page_evas_idea_waits_for_hannes_answer_and_the_campaign_asks_her_no_more(
    loaded,
):
    eva = user(EMPLOYEE)
    waiting = selectors.named_ideas_of(user=eva).get(campaign__title=OPEN)

    states = home.own_state(eva)

    assert [str(s.label) for s in states] == [f"Your idea “{waiting.title}” waits for its answer"]
    assert (states[0].status, states[0].date) == (ModuleStatus.IN_PROGRESS, waiting.answer_due)


def test_on_the_home_page_the_open_campaign_asks_a_colleague_who_has_not_posted_to_it(loaded):
    states = home.own_state(user(OUTSIDER))
    assert all(OPEN not in str(s.label) for s in states)

    asked = [s for s in home.own_state(user(MODERATOR)) if s.status == ModuleStatus.NOT_STARTED]
    assert [str(s.label) for s in asked] == [f"“{OPEN}” asks for your ideas"]
    assert asked[0].date == Campaign.objects.get(title=OPEN).closes_on


def test_on_the_home_page_hanne_waits_on_her_campaigns_nine_ideas(loaded):
    [waiting] = [s for s in home.own_state(user(HR)) if s.status == ModuleStatus.WAITING]

    campaign = Campaign.objects.get(title=OPEN)
    assert str(waiting.label) == "9 ideas in your campaigns wait for your answer"
    assert campaign.ideas.count() == 9
    assert waiting.date == min(campaign.ideas.values_list("answer_due", flat=True))
    assert home.role_items(user(HR)) == []


def test_on_the_home_page_toms_team_items_put_the_escalated_idea_first(loaded):
    tom = user(TEAM_LEAD)
    manager = selectors.line_manager_of(person=tom)

    items = home.role_items(tom)

    assert [str(item.state.label) for item in items][:2] == [
        f"Answer the idea “{ESCALATED}”, past its deadline",
        f"Answer the idea “{NEAR_DEADLINE}”",
    ]
    assert len(items) == 3
    assert items[0].state.detail == f"It went to {manager.get_full_name()}, who may answer it too."
    [theirs] = home.role_items(manager)
    assert str(theirs.state.label) == f"Answer the idea “{ESCALATED}”, escalated to you"
    assert not [s for s in home.own_state(tom) if s.status == ModuleStatus.WAITING]
