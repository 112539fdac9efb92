# SPDX-License-Identifier: EUPL-1.2
"""A campaign's title and description in each language (issue 15, point 2): HR or a team lead
writes them per language, at least one title; each reader and each invitation gets its own
language, else English, else any language written."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from elan.insights.models import Campaign
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, open_round

NEW = "/en/insights/campaigns/new/"


def campaign_post(unit, **texts) -> dict:
    return {
        "instrument": "climate",
        "unit": unit.pk,
        "opens_on": "2026-12-01",
        "closes_on": "2026-12-15",
        "planned_rounds": 1,
        "round_interval_days": 90,
        "min_group": 5,
        "min_comments": 10,
        **texts,
    }


@pytest.mark.django_db
def test_hr_writes_the_title_and_description_in_several_languages(personas, client_for):
    response = client_for("hr").post(
        NEW,
        campaign_post(
            personas.organisation,
            title_nl="Teamklimaat 2027",
            title_fr="  Climat d'équipe 2027 ",
            description_nl="Hoe gaat het in je team?",
        ),
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    # Only the languages written are kept, trimmed.
    assert campaign.titles == {"nl": "Teamklimaat 2027", "fr": "Climat d'équipe 2027"}
    assert campaign.descriptions == {"nl": "Hoe gaat het in je team?"}


@pytest.mark.django_db
def test_a_campaign_without_a_title_in_any_language_is_refused_with_the_input_kept(
    personas, client_for
):
    response = client_for("hr").post(
        NEW, campaign_post(personas.organisation, title_nl="   ", description_fr="Gardé")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert not Campaign.objects.exists()
    assert "Give the campaign a title in at least one language." in content
    assert "error-summary" in content and "Gardé" in content


@pytest.mark.django_db
def test_the_form_puts_the_readers_language_first_and_marks_each_inputs_language(
    personas, client_for
):
    content = client_for("hr").get("/fr/insights/campaigns/new/").content.decode()
    assert content.index('name="title_fr"') < content.index('name="title_nl"')
    assert '<input type="text" name="title_fr" lang="fr"' in content
    assert '<textarea name="description_de" cols="40" rows="3" lang="de"' in content


@pytest.mark.django_db
def test_each_reader_sees_their_language_else_english_else_any_language_written(
    personas, client_for
):
    campaign = CampaignFactory(
        unit=personas.team,
        titles={"nl": "Teamklimaat", "fr": "Climat d'équipe"},
        descriptions={"en": "How is your team doing?"},
    )
    client = client_for("team_lead")
    dutch = client.get(f"/nl/insights/campaigns/{campaign.pk}/").content.decode()
    assert "<h1>Teamklimaat</h1>" in dutch
    # No German title, and no English one: the first language written, marked as such.
    german = client.get(f"/de/insights/campaigns/{campaign.pk}/").content.decode()
    assert '<h1><span lang="nl">Teamklimaat</span></h1>' in german
    assert '<div class="campaign-description" lang="en"><p>How is your team doing?</p>' in german
    with translation.override("fr"):
        assert campaign.title == "Climat d'équipe"
    campaign.titles["en"] = "Team climate"
    with translation.override("de"):
        assert campaign.title == "Team climate"
        assert campaign.localized_title.is_fallback


@pytest.mark.django_db
def test_the_detail_page_says_which_languages_are_not_written(personas, client_for):
    campaign = CampaignFactory(unit=personas.team, titles={"nl": "Teamklimaat", "en": "Climate"})
    content = client_for("team_lead").get(f"/en/insights/campaigns/{campaign.pk}/").content
    assert "Not written in French, German" in content.decode()


@pytest.mark.django_db
def test_changing_a_draft_shows_and_keeps_each_languages_text(personas, client_for):
    campaign = CampaignFactory(
        unit=personas.team, titles={"fr": "Climat"}, descriptions={"fr": "Pourquoi"}
    )
    client = client_for("hr")
    url = f"/en/insights/campaigns/{campaign.pk}/edit/"
    form = client.get(url).context["form"]
    assert form.initial["title_fr"] == "Climat" and form.initial["description_fr"] == "Pourquoi"
    response = client.post(
        url, campaign_post(personas.team, title_fr="Climat", title_de="Klima", description_fr="")
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.titles == {"fr": "Climat", "de": "Klima"}
    assert campaign.descriptions == {}


@pytest.mark.django_db
def test_the_survey_page_shows_the_title_and_description_in_the_respondents_language(
    personas, client_for
):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(
        unit=personas.team,
        titles={"nl": "Teamklimaat", "en": "Team climate"},
        descriptions={"nl": "Vijf minuten, anoniem.", "en": "Five minutes."},
    )
    open_round(campaign)
    content = client_for("employee").get(f"/nl/insights/campaigns/{campaign.pk}/answer/")
    content = content.content.decode()
    assert "<h1>Teamklimaat</h1>" in content and "Vijf minuten, anoniem." in content
    assert "Five minutes." not in content


@pytest.mark.django_db
def test_invitations_carry_the_title_and_description_in_the_invitees_language(
    personas, django_capture_on_commit_callbacks
):
    personas.employee.preferred_language = "nl"
    personas.employee.save()
    personas.team_lead.preferred_language = "de"
    personas.team_lead.save()
    personas.line_manager.preferred_language = "fr"
    personas.line_manager.save()
    grow(personas.team, 2)
    campaign = CampaignFactory(
        unit=personas.team,
        titles={"nl": "Teamklimaat", "fr": "Climat d'équipe", "en": "Team climate"},
        descriptions={"nl": "Vijf minuten.", "en": "Five minutes."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        open_round(campaign)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    dutch = by_recipient[personas.employee.email]
    assert dutch.subject == "Je teambevraging: Teamklimaat"
    assert "Vijf minuten." in dutch.body and "Five minutes." not in dutch.body
    french = by_recipient[personas.line_manager.email]
    assert french.subject.endswith(" Climat d'équipe")  # a subject is plain text: not escaped
    # French has a title but no description: the description falls back to English.
    assert "Five minutes." in french.body
    german = by_recipient[personas.team_lead.email]
    assert german.subject.endswith(": Team climate") and "Five minutes." in german.body


@pytest.mark.django_db(transaction=True)
def test_the_migration_puts_an_existing_title_into_english_only():
    executor = MigrationExecutor(connection)
    before = executor.loader.get_migration("insights", "0006_campaign_texts_per_language")
    before = [dep for dep in before.dependencies if dep[0] == "insights"]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Unit = old_apps.get_model("organisations", "Unit")
    unit = Unit.objects.create(code="OLD", path="0001", depth=1, name_en="Old unit")
    OldCampaign = old_apps.get_model("insights", "Campaign")
    OldCampaign.objects.create(
        title="Klimaat 2025", unit=unit, opens_on="2025-01-01", closes_on="2025-01-15"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    campaign = Campaign.objects.get()
    assert campaign.titles == {"en": "Klimaat 2025"}
    assert campaign.descriptions == {}
