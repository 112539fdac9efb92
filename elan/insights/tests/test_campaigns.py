# SPDX-License-Identifier: EUPL-1.2
"""Campaigns: who may run them, their life cycle as data, locked thresholds, e-mails."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from elan.core.models import ThresholdsLockedError
from elan.insights import services
from elan.insights.constants import CAMPAIGN_TRANSITIONS, CampaignStatus
from elan.insights.models import Campaign, Participation, Round
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import (
    CampaignFactory,
    answer,
    close_round,
    open_round,
)
from elan.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_hr_creates_a_draft_whose_thresholds_come_from_the_settings(personas, client_for, settings):
    settings.ANONYMITY_MIN_GROUP = 6
    client = client_for("hr")
    response = client.post(
        "/en/insights/campaigns/new/",
        {
            "title_en": "Climate 2027",
            "instrument": "climate",
            "unit": personas.organisation.pk,
            "opens_on": "2026-12-01",
            "closes_on": "2026-12-15",
            "planned_rounds": 2,
            "round_interval_days": 90,
            "min_group": 6,
            "min_comments": 10,
        },
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert campaign.status == CampaignStatus.DRAFT
    assert (campaign.min_group, campaign.min_comments) == (6, 10)
    assert campaign.team_first_days == 14
    assert campaign.thresholds_locked_at is None


def test_a_threshold_below_the_platform_minimum_is_refused_with_the_typed_input_kept(
    personas, client_for
):
    response = client_for("hr").post(
        "/en/insights/campaigns/new/",
        {
            "title_en": "Too small",
            "instrument": "climate",
            "unit": personas.organisation.pk,
            "opens_on": "2026-12-01",
            "closes_on": "2026-11-30",
            "planned_rounds": 1,
            "round_interval_days": 90,
            "min_group": 2,
            "min_comments": 10,
        },
    )
    assert response.status_code == 200
    assert not Campaign.objects.exists()
    content = response.content.decode()
    assert 'value="Too small"' in content
    assert "aria-describedby" in content and "error-summary" in content


def test_a_team_lead_may_survey_only_their_own_unit_and_below(personas, client_for):
    client = client_for("team_lead")
    form = client.get("/en/insights/campaigns/new/").context["form"]
    assert list(form.fields["unit"].queryset) == [personas.team]
    assert client_for("employee").get("/en/insights/campaigns/new/").status_code == 404


def test_the_life_cycle_allows_only_the_listed_transitions_and_appends_history(personas):
    campaign = CampaignFactory(unit=personas.organisation, planned_rounds=2)
    with pytest.raises(services.InsightsError):
        services.campaign_transition(campaign=campaign, to=CampaignStatus.CLOSED, by=personas.hr)
    open_round(campaign, by=personas.hr)
    close_round(campaign, by=personas.hr)
    open_round(campaign, by=personas.hr)
    close_round(campaign, by=personas.hr)
    with pytest.raises(services.InsightsError):
        open_round(campaign, by=personas.hr)  # both planned rounds have run
    services.campaign_transition(campaign=campaign, to=CampaignStatus.ARCHIVED, by=personas.hr)
    events = list(campaign.events.all())
    assert [(e.from_status, e.to_status, e.round_number) for e in events] == [
        ("draft", "open", 1),
        ("open", "closed", 1),
        ("closed", "open", 2),
        ("open", "closed", 2),
        ("closed", "archived", None),
    ]
    assert all(event.by == personas.hr for event in events)
    assert CAMPAIGN_TRANSITIONS[CampaignStatus.ARCHIVED] == frozenset()


def test_thresholds_are_locked_when_the_campaign_opens(personas, client_for):
    campaign = CampaignFactory(unit=personas.organisation)
    open_round(campaign)
    campaign.refresh_from_db()
    assert campaign.thresholds_locked_at is not None
    campaign.min_group = 3
    with pytest.raises(ThresholdsLockedError):
        campaign.save()
    response = client_for("hr").post(
        f"/en/insights/campaigns/{campaign.pk}/edit/", {"min_group": 3}
    )
    assert response.status_code == 409
    campaign.refresh_from_db()
    assert campaign.min_group == 5


def test_opening_snapshots_the_chart_and_invites_everyone_below_the_unit(personas):
    child = UnitFactory(parent=personas.team, code="FPS-ONE-TEAM-SUB")
    grow(child, 2)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    assert [code for code, _path in round_.chart] == ["FPS-ONE-TEAM", "FPS-ONE-TEAM-SUB"]
    invited = Participation.objects.filter(round=round_)
    assert invited.count() == 5  # team lead, line manager, employee and the two below
    assert {p.unit_code for p in invited} == {personas.team.code, child.code}
    # The chart moving later does not move the answers' groups.
    child.name_en = "Renamed"
    child.save()
    round_.refresh_from_db()
    assert round_.chart[1] == ["FPS-ONE-TEAM-SUB", child.path]


def test_invitations_go_out_in_each_persons_language(personas, django_capture_on_commit_callbacks):
    personas.employee.preferred_language = "nl"
    personas.employee.save()
    personas.line_manager.preferred_language = "fr"
    personas.line_manager.save()
    personas.team_lead.preferred_language = "de"
    personas.team_lead.save()
    others = grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team, title="Klimaat")
    with django_capture_on_commit_callbacks(execute=True):
        open_round(campaign)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {
        personas.employee.email,
        personas.line_manager.email,
        personas.team_lead.email,
        *(user.email for user in others),
    }
    assert by_recipient[personas.employee.email].subject == "Je teambevraging: Klimaat"
    assert by_recipient[personas.line_manager.email].subject.startswith("Votre enquête")
    assert by_recipient[personas.team_lead.email].subject.startswith("Ihre Teambefragung")
    assert "/nl/insights/campaigns/" in by_recipient[personas.employee.email].body
    assert by_recipient[personas.employee.email].extra_headers["Content-Language"] == "nl"


def test_reminders_go_only_to_people_who_have_not_answered(
    personas, client_for, django_capture_on_commit_callbacks
):
    others = grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    answer(round_, personas.employee)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("team_lead").post(f"/en/insights/campaigns/{campaign.pk}/remind/")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [personas.team_lead.email, personas.line_manager.email, *(u.email for u in others)]
    )
    assert Participation.objects.get(user=personas.employee).reminded_at is None


def test_rounds_past_their_closing_date_are_closed_by_the_daily_job(personas):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    assert services.close_due_rounds(today=round_.closes_on) == 0
    assert services.close_due_rounds(today=round_.closes_on + datetime.timedelta(days=1)) == 1
    round_.refresh_from_db()
    assert round_.closed_on is not None
    assert Round.objects.get(pk=round_.pk).campaign.status == CampaignStatus.CLOSED


def test_the_life_cycle_buttons_answer_only_the_people_who_run_the_campaign(personas, client_for):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team)
    url = f"/en/insights/campaigns/{campaign.pk}/status/"
    assert client_for("employee").post(url, {"to": "open"}).status_code == 404
    assert client_for("outsider").post(url, {"to": "open"}).status_code == 404
    response = client_for("team_lead").post(url, {"to": "open"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.OPEN
    response = client_for("team_lead").post(url, {"to": "archived"}, follow=True)
    assert "cannot move to that status" in response.content.decode()
    today = timezone.localdate().isoformat()
    assert f"{today}: Draft → Open for answers (round 1)" in response.content.decode()
    assert timezone.localdate() == campaign.rounds.get().opens_on


def test_the_daily_command_closes_due_rounds(personas):
    from django.core.management import call_command

    grow(personas.team, 2)  # a round needs at least five invited people
    a_month_ago = timezone.localdate() - datetime.timedelta(days=30)
    campaign = CampaignFactory(unit=personas.team, opens_on=a_month_ago)
    round_ = open_round(campaign, today=a_month_ago)
    call_command("insights_close_due_rounds")
    round_.refresh_from_db()
    assert round_.closed_on == timezone.localdate()
