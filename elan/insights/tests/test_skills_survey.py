# SPDX-License-Identifier: EUPL-1.2
"""The skills survey: the self-assessment's statements asked anonymously of a unit, and the
skills heatmap built from it, end to end through the pages, the exports and the API."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.utils import translation
from openpyxl import load_workbook

from elan.assessments.models import Item as BankItem
from elan.assessments.practices import EXPERIMENTS, PRACTICES
from elan.assessments.selectors import INSTRUMENT_SLUG
from elan.assessments.shipped import load_shipped_instruments
from elan.core.vocabulary import InnovationSkill
from elan.insights.constants import InstrumentCode
from elan.insights.instruments import SKILLS, SKILLS_SOURCE_VERSIONS, _skills_instrument
from elan.insights.models import Answer, Campaign
from elan.insights.suggestions import suggestions_for
from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import (
    CampaignFactory,
    answer,
    close_round,
    invited,
    open_round,
)
from elan.insights.tests.oracle import (
    Collected,
    assert_no_combination_isolates_a_small_group,
    raw_rows,
)
from elan.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

HIDDEN = "hidden: too few people"
SKILL_CODES = [skill.value for skill in InnovationSkill]
# Every statement answered 4: three statements per skill count 4, the reversed one counts 2.
MEAN_OF_FOURS = 3.5


def api(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.json()


def skills_campaign(personas, *, team_size: int, answering: int, unit=None, comments: int = 0):
    """A skills survey on ``unit`` (the organisation by default); the personas' team grows to
    ``team_size`` and ``answering`` of its people answer, every statement with 4. Five people
    sit at the top of the organisation (enough to be stored on their own)."""
    grow(personas.team, team_size - 3)
    grow(personas.organisation, 1)
    campaign = CampaignFactory(unit=unit or personas.organisation, skills=True)
    round_ = open_round(campaign)
    team = sorted(
        (u for u in invited(round_) if u.staff_record.unit_id == personas.team.pk),
        key=lambda user: user.pk,
    )
    for index, user in enumerate(team[:answering]):
        answer(round_, user, value=4, comment=f"Skill remark {index}" if index < comments else "")
    close_round(campaign)
    return campaign


def comparable(cell: str) -> object:
    try:
        return float(cell)
    except ValueError:
        return cell


def after_team_first(campaign: Campaign):
    """A clock past the team-first period, when results have gone up the line anyway."""
    closed_on = campaign.rounds.get(number=1).closed_on
    return time_machine.travel(closed_on + datetime.timedelta(days=15), tick=False)


# --- the instrument ------------------------------------------------------------------------


def test_the_skills_survey_asks_the_self_assessment_statements_for_the_six_opsi_skills():
    load_shipped_instruments()
    bank = list(
        BankItem.objects.filter(instrument__slug=INSTRUMENT_SLUG).select_related("subscale")
    )
    assert SKILLS.code == InstrumentCode.SKILLS
    assert list(SKILLS.measure_codes()) == SKILL_CODES
    assert [item.code for item in SKILLS.items] == [item.code for item in bank]
    for ours, theirs in zip(SKILLS.items, bank, strict=True):
        assert ours.measure == theirs.subscale.competency.slug
        assert ours.reverse == theirs.reverse
        for language in ("nl", "fr", "de", "en"):
            with translation.override(language):
                assert str(ours.text) == theirs.text[language]
    # Each skill has statements worded both ways, so that agreeing with everything is no score.
    for skill in SKILL_CODES:
        keyed = {item.reverse for item in SKILLS.items if item.measure == skill}
        assert keyed == {True, False}, skill


def test_a_new_version_of_the_statements_must_be_decided_in_insights_before_it_is_asked():
    from django.core.exceptions import ImproperlyConfigured

    from elan.insights.instruments import _skills_source

    document = _skills_source()
    assert document["version"] in SKILLS_SOURCE_VERSIONS
    with pytest.raises(ImproperlyConfigured):
        _skills_instrument({**document, "version": "9.9"})


def test_answers_are_scored_one_to_five_with_reversed_statements_keyed_back():
    answers = {item.code: "5" for item in SKILLS.items}
    rows = SKILLS.score_answers(answers)
    assert len(rows) == len(SKILLS.items)
    for (code, measure, value, score), item in zip(rows, SKILLS.items, strict=True):
        assert (code, measure, value) == (item.code, item.measure, 5)
        assert score == (1.0 if item.reverse else 5.0)
    with pytest.raises(ValueError):
        SKILLS.score_answers({**answers, SKILLS.items[0].code: "6"})


# --- creating and answering ------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "unit"), [("hr", "organisation"), ("team_lead", "team")])
def test_hr_and_a_team_lead_can_choose_the_skills_survey_for_a_campaign(
    personas, client_for, persona, unit
):
    client = client_for(persona)
    form = client.get("/en/insights/campaigns/new/").context["form"]
    assert ("skills", "Innovation skills in the team") in [
        (value, str(label)) for value, label in form.fields["instrument"].choices
    ]
    response = client.post(
        "/en/insights/campaigns/new/",
        {
            "title_en": "Skills 2027",
            "instrument": "skills",
            "unit": getattr(personas, unit).pk,
            "opens_on": "2026-12-01",
            "closes_on": "2026-12-15",
            "planned_rounds": 2,
            "round_interval_days": 90,
            "min_group": 5,
            "min_comments": 10,
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert (campaign.instrument, campaign.instrument_version) == ("skills", SKILLS.version)


def test_a_respondent_answers_the_skills_survey_in_dutch_on_the_like_me_scale(personas, client_for):
    grow(personas.team, 2)  # a round needs at least five invited people
    campaign = CampaignFactory(unit=personas.team, skills=True)
    open_round(campaign)
    client = client_for("employee")
    url = f"/nl/insights/campaigns/{campaign.pk}/answer/"
    page = client.get(url).content.decode()
    bank = SKILLS.items[0]
    with translation.override("nl"):
        assert str(bank.text) in page
        assert str(SKILLS.anchors[0][1]) == "Helemaal niet zoals ik"
        assert "Helemaal niet zoals ik" in page and "Helemaal zoals ik" in page
        missing = str(SKILLS.scale_required)
    response = client.post(url, {"comment": ""})
    assert response.status_code == 200
    assert missing in response.content.decode() and missing != "Choose how much this is like you."
    answers = {item.code: "2" for item in SKILLS.items}
    response = client.post(url, {**answers, "comment": ""})
    assert response.status_code == 302
    scores = sorted(Answer.objects.values_list("measure", "score"))
    assert {measure for measure, _score in scores} == set(SKILL_CODES)
    assert sum(1 for _measure, score in scores if score == 4.0) == 6  # one reversed per skill


# --- the skills heatmap ----------------------------------------------------------------------


@pytest.mark.parametrize(("answering", "shown"), [(4, False), (5, True), (6, True)])
def test_skills_heatmap_cells_show_only_from_five_respondents(
    personas, client_for, answering, shown
):
    campaign = skills_campaign(personas, team_size=8, answering=answering)
    team = personas.team.code
    lead = client_for("team_lead")
    page = lead.get(f"/en/insights/campaigns/{campaign.pk}/heatmap/").content.decode()
    body = api(lead, f"/api/insights/campaigns/{campaign.pk}/heatmap?depth=3")
    export = lead.get(f"/en/insights/campaigns/{campaign.pk}/export.csv?root={team}")
    record = next(csv.DictReader(io.StringIO(export.content.decode())))
    row = next(r for r in body["rows"] if r["unit"] == team)
    assert "Iteration" in page and "Insurgency" in page and "not at all like me" in page
    if shown:
        assert row["status"] == "released" and row["figure"]["n"] == answering
        assert row["figure"]["figures"]["iteration"] == pytest.approx(MEAN_OF_FOURS)
        assert record["n"] == str(answering)
        assert all(float(record[code]) == pytest.approx(MEAN_OF_FOURS) for code in SKILL_CODES)
        assert HIDDEN not in page and "3.5" in page
    else:
        assert row["status"] == "suppressed" and "n" not in row["figure"]
        assert "figures" not in row["figure"]
        assert all(record[code] == f"[{HIDDEN}]" for code in ("n", "rate", *SKILL_CODES))
        assert HIDDEN in page and "3.5" not in page


def test_the_skills_heatmap_rolls_up_over_the_whole_chart_or_a_subtree(personas, client_for):
    """Two teams of five under the organisation: HR sees each team and the roll-up of ten; a
    subtree view starts from one team; the same rows come out of the CSV and the workbook."""
    second = UnitFactory(parent=personas.organisation, code="FPS-ONE-B", name_en="Team Two")
    grow(second, 5)
    grow(personas.team, 2)
    grow(personas.organisation, 1)
    campaign = CampaignFactory(unit=personas.organisation, skills=True)
    round_ = open_round(campaign)
    answering = [
        u for u in invited(round_) if u.staff_record.unit_id in (personas.team.pk, second.pk)
    ]
    for user in answering:
        answer(round_, user, value=4)
    close_round(campaign)
    base = f"/en/insights/campaigns/{campaign.pk}"
    with after_team_first(campaign):
        hr = client_for("hr")  # logged in after the clock moved: sessions expire
        whole = api(hr, f"/api/insights/campaigns/{campaign.pk}/heatmap?depth=3")
        by_unit = {row["unit"]: row for row in whole["rows"]}
        assert whole["root"] == personas.organisation.code
        assert by_unit[personas.organisation.code]["figure"]["n"] == 10  # the roll-up
        assert by_unit[personas.team.code]["figure"]["n"] == 5
        assert by_unit["FPS-ONE-B"]["figure"]["n"] == 5
        page = hr.get(f"{base}/heatmap/?depth=all").content.decode()
        assert "Team Two" in page and "Team One" in page and "FPS One" in page
        subtree = api(hr, f"/api/insights/campaigns/{campaign.pk}/heatmap?root=FPS-ONE-B")
        assert [row["unit"] for row in subtree["rows"]] == ["FPS-ONE-B"]
        query = "?root=FPS-ONE&depth=all"
        text = hr.get(f"{base}/export.csv{query}").content.decode()
        workbook = load_workbook(io.BytesIO(hr.get(f"{base}/export.xlsx{query}").content))
    rows = [
        [("" if c is None else str(c)) for c in row]
        for row in workbook.active.iter_rows(values_only=True)
    ]
    # A workbook keeps numbers as numbers: a rate of 1.0 reads back as 1.
    assert [[comparable(c) for c in row] for row in rows] == [
        [comparable(c) for c in row] for row in csv.reader(io.StringIO(text))
    ]
    # The means, then each mean's share of favourable answers.
    assert rows[0][8:14] == SKILL_CODES
    assert rows[0][14:] == [f"favourable:{code}" for code in SKILL_CODES]
    assert [row[1] for row in rows[1:]] == ["FPS-ONE", "FPS-ONE-B", "FPS-ONE-TEAM"]


def test_up_the_line_the_skills_heatmap_waits_for_the_team_first_period(personas, client_for):
    campaign = skills_campaign(personas, team_size=6, answering=6)
    url = f"/api/insights/campaigns/{campaign.pk}/heatmap?depth=3"
    team_row = next(r for r in api(client_for("hr"), url)["rows"] if r["unit"] == "FPS-ONE-TEAM")
    assert team_row["status"] == "not_shared_yet" and team_row["figure"] is None
    with after_team_first(campaign):
        rows = api(client_for("hr"), url)["rows"]
    assert next(r for r in rows if r["unit"] == "FPS-ONE-TEAM")["status"] == "released"
    assert client_for("outsider").get(url).status_code == 403


def test_skills_trends_and_comments_pass_the_same_guard(personas, client_for):
    campaign = skills_campaign(personas, team_size=11, answering=11, unit=None, comments=10)
    round_ = open_round(campaign)
    team = [u for u in invited(round_) if u.staff_record.unit_id == personas.team.pk]
    for user in team[:4]:
        answer(round_, user, value=5)
    close_round(campaign)
    lead = client_for("team_lead")
    code = personas.team.code
    trends = lead.get(f"/en/insights/campaigns/{campaign.pk}/units/{code}/trends/")
    content = trends.content.decode()
    assert "Data literacy" in content and HIDDEN in content  # round 2 had four answers
    comments = api(lead, f"/api/insights/campaigns/{campaign.pk}/units/{code}/comments?round=1")
    assert comments["group"]["status"] == "released"
    assert sorted(comments["comments"]) == sorted(f"Skill remark {i}" for i in range(10))


def test_no_combination_of_skills_figures_isolates_fewer_than_five_people(personas):
    """Three teams of 5, 5 and 3 under the organisation: the attacker's requests (every report,
    filter and scope, through the API and the CSV) as HR, a team lead and a member, and its
    oracle finds no cell of 1 to 4 people, nor a comment among 1 to 9 respondents."""
    from django.test import Client

    from elan.insights.tests.test_attacker import look, requests_to_make

    small = UnitFactory(parent=personas.organisation, code="FPS-ONE-S", name_en="Small")
    second = UnitFactory(parent=personas.organisation, code="FPS-ONE-B", name_en="Team Two")
    grow(small, 3)
    grow(second, 5)
    grow(personas.team, 2)
    campaign = CampaignFactory(unit=personas.organisation, skills=True)
    round_ = open_round(campaign)
    answered = (personas.team.pk, second.pk, small.pk)
    for index, user in enumerate(invited(round_)):
        if user.staff_record.unit_id in answered:
            answer(round_, user, value=1 + index % 5, comment="A remark." if index % 2 else "")
    close_round(campaign)
    units = [personas.organisation, personas.team, second, small]
    collected = Collected.empty()
    with after_team_first(campaign):
        for user in (personas.hr, personas.team_lead, personas.employee):
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            look(client, requests_to_make(campaign, units), collected)
    assert collected.scores, "the attacker must have received figures"
    path_of = {(r.number, code): path for r in campaign.rounds.all() for code, path in r.chart}
    assert_no_combination_isolates_a_small_group(
        collected, raw_rows(campaign), path_of, min_group=5, min_comments=10
    )


# --- action plans ----------------------------------------------------------------------------


def test_weak_skills_suggest_hub_items_for_that_skill(monkeypatch):
    from elan.knowledge import selectors as hub

    class Item:
        title = "Prototype in an afternoon"
        url = "/en/hub/prototype-in-an-afternoon/"

    calls = []

    def fake(**kwargs):
        calls.append(kwargs)
        return [Item()]

    monkeypatch.setattr(hub, "hub_items_for", fake)
    found = suggestions_for(measures=["iteration"], instrument=SKILLS, language="fr")
    assert calls == [{"skill": "iteration", "language": "fr", "limit": 2}]
    assert found[0].from_hub and found[0].url == "/en/hub/prototype-in-an-afternoon/"
    assert [s.title for s in found[1:]] == [PRACTICES["iteration"], EXPERIMENTS["iteration"]]


def test_a_team_plans_actions_for_its_weakest_skills_from_the_skills_own_advice(
    personas, client_for
):
    grow(personas.team, 3)
    campaign = CampaignFactory(unit=personas.team, skills=True)
    round_ = open_round(campaign)
    for user in invited(round_):
        answers = {
            item.code: ("2" if item.measure == "storytelling" else "4") for item in SKILLS.items
        }
        answers.update(
            {i.code: "4" for i in SKILLS.items if i.measure == "storytelling" and i.reverse}
        )
        from elan.insights import services

        services.response_submit(
            round_id=round_.pk, user=user, answers=answers, comment="", today=round_.opens_on
        )
    close_round(campaign)
    client = client_for("team_lead")
    url = f"/en/insights/campaigns/{campaign.pk}/units/{personas.team.code}/actions/"
    response = client.get(url)
    assert [m.code for m in response.context["weakest"]][0] == "storytelling"
    content = response.content.decode()
    with translation.override("en"):
        assert str(PRACTICES["storytelling"]).split(",")[0] in content
    suggestion = next(
        key
        for key, s in response.context["form"].suggestions.items()
        if s.measure == "storytelling"
    )
    response = client.post(url, {"suggestion": suggestion, "owner": personas.employee.pk})
    assert response.status_code == 302
    action = campaign.rounds.get().action_plans.get().actions.get()
    assert action.measure == "storytelling" and action.owner == personas.employee
