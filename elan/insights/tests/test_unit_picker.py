# SPDX-License-Identifier: EUPL-1.2
"""Choosing the campaign's unit among many: a search within the tree, not a flat drop-down
(issue 15, point 2). The picker is elan.organisations.widgets; the campaign form uses it."""

from __future__ import annotations

import re

import pytest

from elan.insights.models import Campaign
from elan.insights.tests.factories import CampaignFactory
from elan.organisations.models import Unit
from elan.organisations.tests.factories import UnitFactory
from elan.organisations.widgets import MAX_RESULTS, search_units

pytestmark = pytest.mark.django_db

NEW = "/en/insights/campaigns/new/"


def campaign_post(unit, **changes) -> dict:
    data = {
        "title_en": "Climate 2027",
        "description_en": "Kept description",
        "instrument": "climate",
        "unit": unit,
        "opens_on": "2026-12-01",
        "closes_on": "2026-12-15",
        "planned_rounds": 1,
        "round_interval_days": 90,
        "min_group": 5,
        "min_comments": 10,
    }
    data.update(changes)
    return data


def listed_units(content: str) -> list[str]:
    """The names of the units offered as radio buttons, in their order."""
    return re.findall(r'<span class="unit-picker__name">([^<]*)</span>', content)


def test_hr_finds_a_unit_by_part_of_its_name_and_sees_the_units_above_it(personas, client_for):
    UnitFactory(parent=personas.team, code="FPS-ONE-LAB", name_en="Innovation lab")
    response = client_for("hr").post(NEW, campaign_post("", unit__query="lab", unit__search="1"))
    content = response.content.decode()
    assert response.status_code == 200
    assert listed_units(content) == ["Innovation lab"]
    assert "FPS One › Team One" in content  # its trail in the tree
    assert "1 unit matches “lab”." in content


def test_a_search_step_saves_nothing_shows_no_error_and_keeps_what_was_typed(personas, client_for):
    response = client_for("hr").post(
        NEW, campaign_post("", title_en="Half typed", unit__query="team", unit__search="1")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert not Campaign.objects.exists()
    assert "error-summary" not in content and 'aria-invalid="true"' not in content
    assert 'value="Half typed"' in content and "Kept description" in content
    assert 'value="team"' in content
    assert listed_units(content) == ["Team One"]


def test_the_words_of_a_search_may_name_the_units_above_and_ignore_accents(personas, client_for):
    directorate = UnitFactory(parent=personas.organisation, code="FPS-ONE-DG", name_en="Finances")
    UnitFactory(parent=directorate, code="FPS-ONE-DG-ICT", name_en="ICT")
    UnitFactory(parent=personas.organisation, code="FPS-ONE-ICT", name_en="ICT")
    UnitFactory(parent=personas.organisation, code="FPS-ONE-ECOLE", name_en="École d'été")
    units = Unit.objects.all()
    found = search_units(units, query="finances ict")
    assert [(o.code, o.trail) for o in found.options] == [
        ("FPS-ONE-DG-ICT", ("FPS One", "Finances"))
    ]
    # A word of the tree alone does not list every unit below it: one word names the unit.
    assert [o.code for o in search_units(units, query="finances").options] == ["FPS-ONE-DG"]
    assert [o.code for o in search_units(units, query="ecole ETE").options] == ["FPS-ONE-ECOLE"]
    # Names in every language and the code are searched.
    assert [o.code for o in search_units(units, query="eenheid fps-one-ict").options] == [
        "FPS-ONE-ICT"
    ]


def test_among_many_units_the_picker_asks_for_a_search_and_lists_a_readable_number(
    personas, client_for
):
    for number in range(MAX_RESULTS + 5):
        UnitFactory(parent=personas.organisation, code=f"FPS-ONE-S{number:03d}")
    client = client_for("hr")
    content = client.get(NEW).content.decode()
    assert listed_units(content) == []
    assert f"You may choose among {MAX_RESULTS + 7} units." in content
    content = client.post(NEW, campaign_post("", unit__query="fps-one-s", unit__search="1"))
    content = content.content.decode()
    assert len(listed_units(content)) == MAX_RESULTS
    assert f"{MAX_RESULTS + 5} units match “fps-one-s”; the first {MAX_RESULTS} are listed." in (
        content
    )


def test_the_search_costs_two_queries_whatever_the_size_of_the_chart(
    personas, django_assert_num_queries
):
    for number in range(30):
        UnitFactory(parent=personas.team, code=f"FPS-ONE-TEAM-{number:02d}")
    units = Unit.objects.filter(path__startswith=personas.team.path)
    with django_assert_num_queries(2):  # the units in scope, and the units above them
        found = search_units(units, query="team")
    assert found.total == 31 and found.options[1].trail == ("FPS One", "Team One")


def test_a_team_lead_is_offered_their_own_unit_and_below_only(personas, client_for):
    UnitFactory(parent=personas.team, code="FPS-ONE-TEAM-SUB", name_en="Sub team")
    content = client_for("team_lead").get(NEW).content.decode()
    assert listed_units(content) == ["Team One", "Sub team"]
    response = client_for("team_lead").post(
        NEW, campaign_post("", unit__query="fps", unit__search="1")
    )
    assert listed_units(response.content.decode()) == ["Team One", "Sub team"]


def test_a_unit_outside_the_persons_scope_is_refused_with_the_input_kept(personas, client_for):
    response = client_for("team_lead").post(
        NEW, campaign_post(personas.organisation.pk, unit__query="one")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert not Campaign.objects.exists()
    assert "That unit is not one you may choose here." in content
    assert 'href="#id_unit"' in content and 'id="id_unit"' in content  # the summary's link
    assert 'value="Climate 2027"' in content and 'value="one"' in content


@pytest.mark.parametrize("junk", ["999999", "abc", "-1", "9" * 40])
def test_an_unknown_unit_is_refused_with_a_message_not_an_error_page(personas, client_for, junk):
    response = client_for("hr").post(NEW, campaign_post(junk))
    assert response.status_code == 200
    assert "We could not find that unit." in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_missing_unit_says_how_to_choose_one(personas, client_for):
    response = client_for("hr").post(NEW, campaign_post(""))
    assert "Choose a unit: search for it by name or code" in response.content.decode()


def test_the_chosen_unit_stays_chosen_when_a_search_does_not_find_it(personas, client_for):
    campaign = CampaignFactory(unit=personas.team)
    client = client_for("hr")
    content = client.get(f"/en/insights/campaigns/{campaign.pk}/edit/").content.decode()
    assert re.search(rf'value="{personas.team.pk}" id="id_unit_\d+" checked', content)
    content = client.post(
        f"/en/insights/campaigns/{campaign.pk}/edit/",
        campaign_post(personas.team.pk, unit__query="nothing like it", unit__search="1"),
    ).content.decode()
    assert listed_units(content) == ["Team One"]
    assert "No unit you may choose matches “nothing like it”." in content
    response = client.post(NEW, campaign_post(personas.team.pk))
    assert response.status_code == 302
    assert Campaign.objects.latest("pk").unit == personas.team


def test_the_picker_filters_in_place_from_a_static_script_and_works_without_it(
    personas, client_for
):
    content = client_for("hr").get(NEW).content.decode()
    assert re.search(r'<script src="[^"]*organisations/unit-picker\.js" defer>', content)
    # No inline script; the search button is an ordinary submit button of the form.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", content)
    assert 'name="unit__search"' in content and 'type="submit"' in content
    assert '<select name="unit"' not in content
