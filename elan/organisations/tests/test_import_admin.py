# SPDX-License-Identifier: EUPL-1.2
"""The import in the back office: who may reach it, and upload → preview → apply.

The back office lives under /admin/, outside the language prefix, so the persona matrix does
not walk it; these tests decide who reaches each of its pages instead.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from elan.organisations.constants import ImportStatus
from elan.organisations.models import ImportRun, StaffRecord
from elan.organisations.tests import import_files as f
from elan.organisations.wagtail_hooks import register_import_menu_item

PEOPLE_HEADER = [c for c in f.PEOPLE_HEADER if c != "roles"]


def persona_files(personas, *, newcomer_email="new.colleague@elan.test", language="nl"):
    """The personas' own service as HR's export would list it, plus one newcomer."""
    units = [
        ["FPS-ONE", "", "FOD Een", "SPF Un", "FÖD Eins", "FPS One"],
        ["FPS-ONE-TEAM", "FPS-ONE", "Team Een", "Équipe Un", "Team Eins", "Team One"],
    ]
    people = []
    records = StaffRecord.objects.filter(unit__code__startswith="FPS-ONE").select_related(
        "user", "unit", "line_manager__staff_record"
    )
    for record in records.order_by("external_id"):
        manager = record.line_manager.staff_record.external_id if record.line_manager else ""
        people.append(
            [
                record.external_id,
                record.user.email,
                record.user.first_name,
                record.user.last_name,
                record.user.preferred_language,
                record.unit.code,
                manager,
                record.grade,
                record.job_title,
            ]
        )
    people.append(["NEW-1", newcomer_email, "Nina", "Nieuw", language, "FPS-ONE-TEAM", "", "C", ""])
    return f.csv_files(units=units, people=people, people_header=PEOPLE_HEADER)


def upload(client, files):
    uploads = [SimpleUploadedFile(name, content, "text/csv") for name, content in files]
    return client.post(reverse("organisations_admin:import"), {"files": uploads})


@pytest.fixture
def import_url():
    return reverse("organisations_admin:import")


def test_a_visitor_is_sent_to_the_login_page(client_for, import_url):
    response = client_for("visitor").get(import_url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["employee", "line_manager", "team_lead", "outsider"])
def test_people_without_back_office_access_are_turned_away(client_for, import_url, persona):
    # Someone logged in without back-office access gets the site's 403 page, not the login page
    # (which sent them back here, round and round): the import page itself is never shown.
    client = client_for(persona)
    response = client.get(import_url)
    assert response.status_code == 403
    assert upload(client, f.csv_files()).status_code == 403
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("persona", ["content_editor", "moderator"])
def test_editors_and_moderators_reach_the_back_office_but_not_the_import(
    client_for, import_url, persona
):
    response = client_for(persona).get(import_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert upload(client_for(persona), f.csv_files()).status_code == 302
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("persona", ["hr", "administrator"])
def test_hr_and_administrators_reach_the_import(client_for, import_url, persona):
    response = client_for(persona).get(import_url)
    assert response.status_code == 200
    assert b'name="files"' in response.content


@pytest.mark.parametrize(
    ("persona", "shown"),
    [("hr", True), ("administrator", True), ("content_editor", False), ("moderator", False)],
)
def test_the_menu_item_shows_only_to_those_who_may_import(rf, personas, persona, shown):
    request = rf.get("/admin/")
    request.user = personas.get(persona)
    assert register_import_menu_item().is_shown(request) is shown


def test_hr_reads_the_problems_of_a_file_with_their_line_and_column(client_for, personas):
    client = client_for("hr")
    files = persona_files(personas, newcomer_email="not-an-address")
    with translation.override("en"):
        response = upload(client, files)
        run = ImportRun.objects.get()
        assert response["Location"] == reverse(
            "organisations_admin:import_preview", kwargs={"run_id": run.pk}
        )
        page = client.get(response["Location"]).content.decode()

    assert "The file has 1 problem. Nothing was imported." in page
    assert "“not-an-address” is not a valid e-mail address." in page
    assert "<td>9</td>" in page and "<td>email</td>" in page
    assert "Apply the import" not in page
    assert not StaffRecord.objects.filter(external_id="NEW-1").exists()


def test_the_problems_are_shown_in_the_language_of_the_reader(client_for, personas):
    client = client_for("hr")
    upload(client, persona_files(personas, newcomer_email="not-an-address"))
    run = ImportRun.objects.get()
    url = reverse("organisations_admin:import_preview", kwargs={"run_id": run.pk})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "is geen geldig e-mailadres" in page


def test_hr_previews_then_applies_a_correct_file(client_for, personas):
    client = client_for("hr")
    response = upload(client, persona_files(personas))
    preview = client.get(response["Location"]).content.decode()
    assert "People to add" in preview and "NEW-1" in preview
    assert not StaffRecord.objects.filter(external_id="NEW-1").exists()

    run = ImportRun.objects.get()
    response = client.post(reverse("organisations_admin:import_apply", kwargs={"run_id": run.pk}))
    run.refresh_from_db()
    assert run.status == ImportStatus.APPLIED
    assert StaffRecord.objects.get(external_id="NEW-1").unit == personas.team
    page = client.get(response["Location"]).content.decode()
    assert "What changed" in page


def test_hr_can_discard_a_preview(client_for, personas):
    client = client_for("hr")
    upload(client, persona_files(personas))
    run = ImportRun.objects.get()
    client.post(reverse("organisations_admin:import_discard", kwargs={"run_id": run.pk}))
    run.refresh_from_db()
    assert run.status == ImportStatus.DISCARDED
    assert not StaffRecord.objects.filter(external_id="NEW-1").exists()


def test_applying_needs_a_post(client_for, personas):
    client = client_for("hr")
    upload(client, persona_files(personas))
    run = ImportRun.objects.get()
    url = reverse("organisations_admin:import_apply", kwargs={"run_id": run.pk})
    assert client.get(url).status_code == 405


def test_an_import_run_is_visible_only_to_the_person_who_uploaded_it(client_for, personas):
    upload(client_for("hr"), persona_files(personas))
    run = ImportRun.objects.get()
    administrator = client_for("administrator")
    for name in ("import_preview", "import_apply", "import_discard"):
        url = reverse(f"organisations_admin:{name}", kwargs={"run_id": run.pk})
        method = administrator.get if name == "import_preview" else administrator.post
        # Not found (Django's locale middleware first tries the path under /en/, also not found).
        assert method(url, follow=True).status_code == 404
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEWED


def test_an_upload_without_files_re_renders_with_a_message(client_for):
    response = client_for("hr").post(reverse("organisations_admin:import"), {})
    assert response.status_code == 200
    assert b"Choose the file or files to import." in response.content
