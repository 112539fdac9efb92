# SPDX-License-Identifier: EUPL-1.2
"""Who took part is protected like what was answered: no output says whether someone in a group
below the minimum answered, and no response rate says who did not."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from elan.insights.tests.conftest import grow
from elan.insights.tests.factories import CampaignFactory, answer, close_round, invited, open_round
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role
from elan.organisations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def campaign_where(personas, solo_user, *, solo_answers: bool):
    """Everyone in the two teams answers the same; the one person of SOLO answers or not."""
    campaign = CampaignFactory(unit=personas.organisation, title="Climate")
    round_ = open_round(campaign)
    for user in sorted(invited(round_), key=lambda u: u.pk):
        unit = user.staff_record.unit.code
        if unit in (personas.team.code, "TEAM-TWO") or (user == solo_user and solo_answers):
            answer(round_, user, value=4, comment="Same remark.")
    close_round(campaign)
    return campaign


def page_text(client: Client, url: str, campaign) -> str:
    response = client.get(url)
    if response["Content-Type"].startswith("text/html"):
        body = response.content.decode()
        body = body[body.index("<main") : body.index("</main>")]
        # What changes on every request anyway: the form token and the script nonce.
        body = re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', r'\1=""', body)
    elif "spreadsheet" in response["Content-Type"]:
        workbook = load_workbook(io.BytesIO(response.content))
        body = repr([list(row) for row in workbook.active.iter_rows(values_only=True)])
    else:
        body = response.content.decode()
    body = body.replace(f"/campaigns/{campaign.pk}/", "/campaigns/PK/")
    return f"{response.status_code} {body}"


def outputs_about(client: Client, campaign, code: str) -> dict[str, str]:
    """Every output that names the unit: pages, exports and the API, both scopes, every filter."""
    base, api = f"/en/insights/campaigns/{campaign.pk}", f"/api/insights/campaigns/{campaign.pk}"
    urls = []
    for scope in ("unit", "subtree"):
        urls += [
            f"{base}/units/{code}/?scope={scope}",
            f"{base}/units/{code}/trends/?scope={scope}",
            f"{base}/units/{code}/comments/?scope={scope}",
            f"{base}/export.csv?root={code}&depth=all&scope={scope}",
            f"{base}/export.xlsx?root={code}&depth=all&scope={scope}",
            f"{api}/units/{code}?scope={scope}",
            f"{api}/units/{code}/trend?scope={scope}",
            f"{api}/units/{code}/comments?scope={scope}",
        ]
        for language in ("", "language:en", "language:nl", "grade_band:B"):
            urls.append(f"{base}/units/{code}/?scope={scope}&filter={language}")
            urls.append(f"{api}/units/{code}?scope={scope}&filter={language}")
    outputs = {
        url.replace(str(campaign.pk), "PK"): page_text(client, url, campaign) for url in urls
    }
    heatmap = client.get(f"{api}/heatmap?depth=64").json()
    outputs["heatmap rows"] = repr([row for row in heatmap["rows"] if row["unit"] == code])
    export = client.get(f"{base}/export.csv?depth=all").content.decode()
    outputs["export rows"] = repr(
        [row for row in csv.DictReader(io.StringIO(export)) if row["unit_code"] == code]
    )
    return outputs


def test_no_output_about_a_unit_below_the_minimum_says_whether_its_one_person_answered(
    personas, sibling
):
    """A unit of one person next to two teams of six: HR during the team-first period and after
    it, and the person themselves, get the very same pages, exports and API answers whether they
    answered or not. (Before, HR read "not shared yet" where someone had answered and "too few"
    where nobody had.)"""
    grow(personas.team, 3)
    grow(personas.organisation, 1)
    sibling("TEAM-TWO", 6)
    solo_unit = UnitFactory(parent=personas.organisation, code="SOLO", name_en="Solo")
    solo_user = grow(solo_unit, 1)[0]
    organisation_services.role_assign(user=solo_user, role=Role.TEAM_LEAD, unit=solo_unit)
    answered = campaign_where(personas, solo_user, solo_answers=True)
    silent = campaign_where(personas, solo_user, solo_answers=False)
    closed_on = answered.rounds.get().closed_on
    for days in (0, 20):
        moment = datetime.datetime.combine(
            closed_on + datetime.timedelta(days=days), datetime.time(12)
        )
        with time_machine.travel(moment, tick=False):
            for viewer in (personas.hr, solo_user):
                client = Client()
                client.force_login(viewer, backend="django.contrib.auth.backends.ModelBackend")
                seen = outputs_about(client, answered, "SOLO")
                assert seen == outputs_about(client, silent, "SOLO"), (days, viewer)
                assert "not_shared_yet" not in seen["heatmap rows"]


def test_a_response_rate_never_tells_which_language_group_did_not_take_part(personas, client_for):
    """A team of seven with one French speaker who does not answer: 6 of 7 for the team next to
    6 of 6 for the Dutch speakers would name them. The French speaker's language is not stored,
    and so neither is "Dutch" for the others, whatever the export or the API is asked."""
    for user in (personas.team_lead, personas.line_manager, personas.employee):
        user.preferred_language = "nl"
        user.save(update_fields=["preferred_language"])
    grow(personas.team, 3, preferred_language="nl")
    french = grow(personas.team, 1, preferred_language="fr")[0]
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for user in invited(round_):
        if user != french:
            answer(round_, user)
    close_round(campaign)
    client = client_for("team_lead")
    api = f"/api/insights/campaigns/{campaign.pk}/units/{personas.team.code}"
    team = client.get(api).json()
    assert team["status"] == "released" and team["figure"]["n"] == 6
    assert team["figure"]["figures"]["rate"] == pytest.approx(6 / 7, abs=0.001)
    for value in ("nl", "fr"):
        row = client.get(f"{api}?filter=language:{value}").json()
        assert row["status"] == "suppressed" and "n" not in row["figure"]
        export = client.get(
            f"/en/insights/campaigns/{campaign.pk}/export.csv"
            f"?root={personas.team.code}&scope=unit&filter=language:{value}"
        ).content.decode()
        record = next(csv.DictReader(io.StringIO(export)))
        assert record["n"].startswith("[") and record["rate"].startswith("[")
