# SPDX-License-Identifier: EUPL-1.2
"""The organiser's pages: HR creates and edits a programme of their scope, runs and reviews the
matching, takes a pair out, publishes, and downloads the pairs; nobody else reaches any of it."""

from __future__ import annotations

import csv
import io
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils.html import escape

from elan.network import explain, services
from elan.network.constants import Department, MatchStatus, Mode, ProgrammeStatus, Role
from elan.network.models import Match, Programme
from elan.network.tests.factories import ProgrammeFactory, join, profile_for
from elan.organisations import services as organisation_services
from elan.organisations.constants import Role as ChartRole
from elan.organisations.tests.factories import UnitFactory, person_in

pytestmark = pytest.mark.django_db


def mentor_in(unit, *, strengths=("storytelling",), languages=("en",), capacity=1, **fields):
    person = person_in(unit, **fields)
    profile_for(
        person, strengths=list(strengths), languages=list(languages), mentor=True, capacity=capacity
    )
    return person


def mentee_in(unit, *, wishes=("storytelling",), languages=("en",), **fields):
    person = person_in(unit, **fields)
    profile_for(person, wishes=list(wishes), languages=list(languages))
    return person


def url(name: str, programme, *extra) -> str:
    return reverse(f"network:{name}", args=[programme.public_id, *extra])


def form_data(personas, **changes) -> dict:
    data = {
        "title": "Across the walls",
        "description": "Meet someone two buildings away.",
        "scope": personas.organisation.code,
        "starts_on": "2030-01-10",
        "ends_on": "2030-06-30",
        "mode": Mode.ORGANISER,
        "department_rule": Department.PREFERRED,
        "shared_language": "on",
        "grade_gap_min": "",
        "grade_gap_max": "",
        "wish_required": "on",
        "honour_preferences": "on",
        "answer_days": "5",
    }
    data.update(changes)
    return data


@pytest.fixture
def cohort(personas):
    """An open programme over the personas' organisation: a mentor in another department who
    can help with storytelling, a mentee of the team who wishes it, and a mentee who speaks
    only French, whom no mentor can take."""
    elsewhere = UnitFactory(parent=personas.organisation, code="FPS-ONE-ELSE", name_en="Elsewhere")
    programme = ProgrammeFactory(
        open=True, scope=personas.organisation, organiser=personas.hr, title="Across walls"
    )
    mentor = mentor_in(elsewhere, first_name="Anna", last_name="Aerts", email="anna@elan.test")
    mentee = mentee_in(personas.team, first_name="Bert", last_name="Bos", email="bert@elan.test")
    stranded = mentee_in(
        personas.team,
        languages=("fr",),
        first_name="Chloé",
        last_name="Claes",
        email="chloe@elan.test",
    )
    join(programme, mentor, Role.MENTOR)
    join(programme, mentee)
    join(programme, stranded)
    return SimpleNamespace(
        programme=programme, mentor=mentor, mentee=mentee, stranded=stranded, elsewhere=elsewhere
    )


@pytest.fixture
def foreign_hr(personas):
    """HR of the other organisation: an HR role, but not over the personas' organisation."""
    organisation_services.role_assign(
        user=personas.outsider, role=ChartRole.HR, unit=personas.other_organisation
    )
    return personas.outsider


# --- creating and editing -----------------------------------------------------------------------


def test_hr_creates_a_draft_programme_for_a_unit_they_cover(personas, client_for):
    client = client_for("hr")

    response = client.post(reverse("network:programme_new"), form_data(personas))

    programme = Programme.objects.get(title="Across the walls")
    assert response.status_code == 302
    assert response.url == url("programme_manage", programme)
    assert programme.organiser == personas.hr
    assert programme.scope == personas.organisation
    assert programme.status == ProgrammeStatus.DRAFT


def test_a_programme_that_ends_before_it_starts_is_refused_with_the_input_kept(
    personas, client_for
):
    client = client_for("hr")

    response = client.post(
        reverse("network:programme_new"),
        form_data(personas, title="Backwards programme", ends_on="2029-12-31"),
    )

    assert response.status_code == 200
    assert "The programme must end after the day it starts." in response.content.decode()
    assert 'value="Backwards programme"' in response.content.decode()
    assert not Programme.objects.filter(title="Backwards programme").exists()


def test_hr_may_choose_only_a_unit_their_hr_role_covers(personas, client_for):
    client = client_for("hr")

    page = client.get(reverse("network:programme_new")).content.decode()
    response = client.post(
        reverse("network:programme_new"),
        form_data(personas, scope=personas.other_organisation.code),
    )

    assert personas.team.code in page
    assert personas.other_organisation.code not in page
    assert "Your HR role does not cover that unit." in response.content.decode()
    assert not Programme.objects.exists()


def test_hr_sees_their_programmes_with_mentees_mentors_and_matched(personas, cohort, client_for):
    services.programme_match(programme=cohort.programme, by=personas.hr)
    ProgrammeFactory(scope=personas.other_organisation, title="Someone else's programme")

    page = client_for("hr").get(reverse("network:programmes")).content.decode()

    assert "Across walls" in page
    assert "Someone else&#x27;s programme" not in page
    row = page[page.index("Across walls") :].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[-3:]] == ["2", "1", "1"]


def test_an_edit_from_a_stale_version_is_refused_with_the_input_kept(personas, cohort, client_for):
    programme = cohort.programme
    stale = programme.version
    services.programme_update(programme=programme, by=personas.hr, version=stale, title="Theirs")

    response = client_for("hr").post(
        url("programme_edit", programme),
        form_data(personas, title="Mine", version=str(stale)),
    )

    page = response.content.decode()
    programme.refresh_from_db()
    assert response.status_code == 200
    assert programme.title == "Theirs"
    assert "Someone else changed this programme while you were editing it." in page
    assert 'value="Mine"' in page
    # The form now carries the current version: saving again is a knowing choice.
    assert f'name="version" value="{programme.version}"' in page


def test_the_rules_are_locked_once_the_pairs_are_published(personas, cohort, client_for):
    programme = cohort.programme
    services.programme_match(programme=programme, by=personas.hr)
    services.programme_publish(programme=programme, by=personas.hr)
    programme.refresh_from_db()
    client = client_for("hr")

    page = client.get(url("programme_edit", programme)).content.decode()
    response = client.post(
        url("programme_edit", programme),
        {
            **form_data(personas, title="Renamed", department_rule=Department.REQUIRED),
            "version": str(programme.version),
            "starts_on": programme.starts_on.isoformat(),
            "ends_on": programme.ends_on.isoformat(),
        },
    )

    programme.refresh_from_db()
    assert 'id="rules-locked"' in page
    radios = re.findall(r'<input[^>]*name="department_rule"[^>]*>', page)
    assert radios and all("disabled" in tag for tag in radios)
    assert "disabled" not in re.search(r'<input[^>]*name="title"[^>]*>', page).group(0)
    assert "disabled" not in re.search(r'<input[^>]*name="ends_on"[^>]*>', page).group(0)
    assert response.status_code == 302
    assert programme.title == "Renamed"
    assert programme.department_rule == Department.PREFERRED


# --- who reaches the organiser's pages ----------------------------------------------------------


PROGRAMME_PAGES = (
    ("programme_edit", "get"),
    ("programme_manage", "get"),
    ("programme_move", "post"),
    ("programme_match", "post"),
    ("programme_publish", "post"),
    ("programme_figures", "get"),
    ("programme_export", "get"),
)


@pytest.mark.parametrize("persona", ["employee", "team_lead", "content_editor", "outsider"])
def test_only_hr_reaches_the_programme_list_and_the_new_programme_form(persona, client_for):
    client = client_for(persona)

    assert client.get(reverse("network:programmes")).status_code == 403
    assert client.get(reverse("network:programme_new")).status_code == 403


def test_a_visitor_is_sent_to_log_in(personas, cohort, client_for):
    client = client_for("visitor")

    for name, method in PROGRAMME_PAGES:
        response = getattr(client, method)(url(name, cohort.programme))
        assert response.status_code == 302, name
        assert "login" in response.url


@pytest.mark.parametrize("persona", ["employee", "content_editor"])
def test_a_colleague_who_does_not_run_a_draft_programme_finds_nothing(
    personas, persona, client_for
):
    programme = ProgrammeFactory(scope=personas.organisation, organiser=personas.hr)
    client = client_for(persona)

    for name, method in PROGRAMME_PAGES:
        assert getattr(client, method)(url(name, programme)).status_code == 404, name
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.DRAFT


def test_hr_of_another_organisation_finds_nothing_of_this_one(
    personas, cohort, foreign_hr, client_for
):
    client = client_for("outsider")
    match = services.programme_match(programme=cohort.programme, by=personas.hr)
    proposed = Match.objects.get(programme=cohort.programme)

    assert client.get(reverse("network:programmes")).status_code == 200
    assert "Across walls" not in client.get(reverse("network:programmes")).content.decode()
    for name, method in PROGRAMME_PAGES:
        assert getattr(client, method)(url(name, cohort.programme)).status_code == 404, name
    withdraw = client.post(url("proposal_withdraw", cohort.programme, proposed.public_id))
    assert withdraw.status_code == 404
    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.PROPOSED
    assert len(match.pairs) == 1


def test_a_participant_may_see_the_programme_but_not_run_it(personas, cohort, client):
    client.force_login(cohort.mentee)

    for name, method in PROGRAMME_PAGES:
        assert getattr(client, method)(url(name, cohort.programme)).status_code == 403, name


# --- the overview: matching, review, publishing -------------------------------------------------


def test_the_matching_shows_each_proposed_pair_with_its_explanation(personas, cohort, client_for):
    client = client_for("hr")

    response = client.post(url("programme_match", cohort.programme), follow=True)

    page = response.content.decode()
    match = Match.objects.get(programme=cohort.programme)
    assert match.status == MatchStatus.PROPOSED
    assert escape(explain.pair_sentence(match=match, reader=personas.hr)) in page
    assert "Anna Aerts can help Bert Bos with" in page
    assert "1 of 2 mentees matched, 1 across departments." in page
    assert "Publish 1 pair" in page


def test_an_unmatched_mentee_is_shown_with_why_and_what_would_change(personas, cohort, client_for):
    services.programme_match(programme=cohort.programme, by=personas.hr)

    page = client_for("hr").get(url("programme_manage", cohort.programme)).content.decode()

    unmatched = page[page.index('id="unmatched-list"') :]
    assert "Chloé Claes" in unmatched
    assert "No mentor with a free place shares a working language with this mentee." in unmatched
    assert "1 mentor speaks English" in unmatched


def test_the_organiser_takes_a_proposed_pair_out(personas, cohort, client_for):
    services.programme_match(programme=cohort.programme, by=personas.hr)
    match = Match.objects.get(programme=cohort.programme)

    response = client_for("hr").post(
        url("proposal_withdraw", cohort.programme, match.public_id), follow=True
    )

    match.refresh_from_db()
    assert match.status == MatchStatus.WITHDRAWN
    assert "is taken out" in response.content.decode()
    assert 'id="proposed-pairs"' not in response.content.decode()


def test_a_pair_of_another_programme_is_not_found_here(personas, cohort, client_for):
    other = ProgrammeFactory(open=True, scope=personas.organisation, organiser=personas.hr)
    services.programme_match(programme=cohort.programme, by=personas.hr)
    match = Match.objects.get(programme=cohort.programme)

    response = client_for("hr").post(url("proposal_withdraw", other, match.public_id))

    match.refresh_from_db()
    assert response.status_code == 404
    assert match.status == MatchStatus.PROPOSED


def test_publishing_asks_first_then_offers_the_pairs_and_runs_the_programme(
    personas, cohort, client_for
):
    services.programme_match(programme=cohort.programme, by=personas.hr)
    client = client_for("hr")

    confirm = client.get(url("programme_publish", cohort.programme)).content.decode()
    response = client.post(url("programme_publish", cohort.programme), {"pairs": "1"})

    cohort.programme.refresh_from_db()
    assert "Publish 1 pair: both people get an e-mail" in confirm
    assert response.status_code == 302
    assert cohort.programme.status == ProgrammeStatus.RUNNING
    assert set(Match.objects.values_list("status", flat=True)) == {MatchStatus.OFFERED}


def test_publishing_after_the_pairs_changed_asks_for_a_new_review(personas, cohort, client_for):
    services.programme_match(programme=cohort.programme, by=personas.hr)

    response = client_for("hr").post(
        url("programme_publish", cohort.programme), {"pairs": "7"}, follow=True
    )

    cohort.programme.refresh_from_db()
    assert "The proposed pairs changed since you looked at them." in response.content.decode()
    assert cohort.programme.status == ProgrammeStatus.OPEN


def test_a_move_the_programme_cannot_make_is_a_message_not_an_error(personas, cohort, client_for):
    client = client_for("hr")

    refused = client.post(url("programme_move", cohort.programme), {"to": "running"}, follow=True)
    closed = client.post(url("programme_move", cohort.programme), {"to": "closed"}, follow=True)

    cohort.programme.refresh_from_db()
    assert "Publish the reviewed pairs to start the programme." in refused.content.decode()
    assert "The programme is closed" in closed.content.decode()
    assert cohort.programme.status == ProgrammeStatus.CLOSED


def test_a_programme_where_mentees_choose_lists_the_requests_without_matching_buttons(
    personas, cohort, client_for
):
    Programme.objects.filter(pk=cohort.programme.pk).update(mode=Mode.CHOICE)
    cohort.programme.refresh_from_db()
    mentee = cohort.programme.participants.get(user=cohort.mentee)
    mentor = cohort.programme.participants.get(user=cohort.mentor)
    services.match_request(mentee=mentee, mentor=mentor)

    page = client_for("hr").get(url("programme_manage", cohort.programme)).content.decode()

    assert 'id="run-matching"' not in page
    assert 'id="publish-link"' not in page
    requests = page[page.index('id="request-list"') :]
    assert "Bert Bos" in requests
    assert "Waiting for answers" in requests


# --- the CSV ----------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_lists_each_pair_and_each_mentee_still_waiting_with_why(
    personas, cohort, client_for
):
    services.programme_match(programme=cohort.programme, by=personas.hr)
    match = Match.objects.get(programme=cohort.programme)

    response = client_for("hr").get(url("programme_export", cohort.programme))

    rows = _csv(response)
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:5] == ["Mentee", "Mentee's unit", "Mentor", "Mentor's unit", "Status"]
    pair = rows[1]
    assert pair[:6] == [
        "Bert Bos",
        "Team One",
        "Anna Aerts",
        "Elsewhere",
        "Proposed, not yet published",
        "yes",
    ]
    assert pair[6] == str(match.fit)
    assert pair[7] == explain.pair_sentence(match=match, reader=personas.hr)
    waiting = rows[2]
    assert waiting[0] == "Chloé Claes"
    assert waiting[4] == "No mentor yet"
    assert waiting[7].startswith("No mentor with a free place shares a working language")
    assert len(rows) == 3


def test_the_csv_writes_a_name_that_looks_like_a_formula_as_text(personas, cohort, client_for):
    cohort.mentee.first_name = "=HYPERLINK(1)"
    cohort.mentee.last_name = ""
    cohort.mentee.save()
    services.programme_match(programme=cohort.programme, by=personas.hr)

    rows = _csv(client_for("hr").get(url("programme_export", cohort.programme)))

    assert rows[1][0] == "'=HYPERLINK(1)"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_organisers_page_and_csv_read_as_much_for_many_pairs_as_for_one(
    personas, cohort, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("hr")

    def queries(name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(name, cohort.programme)).status_code == 200
        return len(captured)

    services.programme_match(programme=cohort.programme, by=personas.hr)
    one = {name: queries(name) for name in ("programme_manage", "programme_export")}
    for number in range(4):
        join(
            cohort.programme, mentor_in(cohort.elsewhere, email=f"m{number}@elan.test"), Role.MENTOR
        )
        join(cohort.programme, mentee_in(personas.team, email=f"e{number}@elan.test"))
    services.programme_match(programme=cohort.programme, by=personas.hr)
    proposed = Match.objects.filter(programme=cohort.programme, status=MatchStatus.PROPOSED)
    assert proposed.count() == 5

    assert {name: queries(name) for name in one} == one
