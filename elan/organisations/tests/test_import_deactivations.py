# SPDX-License-Identifier: EUPL-1.2
"""An import that deactivates many people needs the number typed (issue 15, point 5).

A partial export looks exactly like a mass departure. Above ``IMPORT_DEACTIVATION_CONFIRM_SHARE``
percent of the active people in the import's part of the chart, the back office and the command
line apply only once the importer gives the number of people who leave.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from elan.organisations import importing
from elan.organisations.constants import ImportStatus
from elan.organisations.importing import applying, planning
from elan.organisations.importing.planning import WHOLE_ORGANISATION
from elan.organisations.models import ImportRun, StaffRecord
from elan.organisations.tests import import_files as f
from elan.organisations.tests.test_import_admin import persona_files

pytestmark = pytest.mark.django_db
User = get_user_model()

WITHOUT_TEAM_B = [row for row in f.PEOPLE if row[5] != "ORG-B"]  # P4 and P5 leave: 2 of 5


def apply_everyone() -> None:
    parsed, result = planning.preview(f.csv_files(), scope=WHOLE_ORGANISATION)
    applying.apply_plan(
        parsed=parsed, scope=WHOLE_ORGANISATION, expected_fingerprint=result.fingerprint
    )


def active_external_ids() -> set[str]:
    return set(
        StaffRecord.objects.filter(user__is_active=True).values_list("external_id", flat=True)
    )


def test_an_import_deactivating_more_than_the_share_needs_the_number():
    apply_everyone()
    parsed, result = planning.preview(f.csv_files(people=WITHOUT_TEAM_B), scope=WHOLE_ORGANISATION)
    assert result.plan["deactivation_check"] == {"count": 2, "active": 5, "share": 10}

    for confirmed in (None, 1, 3):
        with pytest.raises(importing.DeactivationsNotConfirmed):
            applying.apply_plan(
                parsed=parsed,
                scope=WHOLE_ORGANISATION,
                expected_fingerprint=result.fingerprint,
                confirmed_deactivations=confirmed,
            )
        assert active_external_ids() == {"P1", "P2", "P3", "P4", "P5"}

    applying.apply_plan(
        parsed=parsed,
        scope=WHOLE_ORGANISATION,
        expected_fingerprint=result.fingerprint,
        confirmed_deactivations=2,
    )
    assert active_external_ids() == {"P1", "P2", "P3"}


def test_an_import_within_the_share_applies_without_the_number():
    people = [
        [f"Q{n}", f"q{n}@org.example", "Q", str(n), "nl", "ORG", "", "B", "", ""] for n in range(10)
    ]
    parsed, result = planning.preview(
        f.csv_files(units=f.UNITS[:1], people=people), scope=WHOLE_ORGANISATION
    )
    applying.apply_plan(parsed=parsed, scope=WHOLE_ORGANISATION)
    # One of ten is 10 %, not more than the share.
    parsed, result = planning.preview(
        f.csv_files(units=f.UNITS[:1], people=people[1:]), scope=WHOLE_ORGANISATION
    )
    assert result.plan["deactivation_check"] is None
    applying.apply_plan(parsed=parsed, scope=WHOLE_ORGANISATION)
    assert not User.objects.get(email="q0@org.example").is_active


def test_the_share_is_a_setting(settings):
    apply_everyone()
    settings.IMPORT_DEACTIVATION_CONFIRM_SHARE = 40
    _parsed, result = planning.preview(f.csv_files(people=WITHOUT_TEAM_B), scope=WHOLE_ORGANISATION)
    assert result.plan["deactivation_check"] is None
    settings.IMPORT_DEACTIVATION_CONFIRM_SHARE = 0
    people = [row for row in f.PEOPLE if row[0] != "P5"]
    _parsed, result = planning.preview(f.csv_files(people=people), scope=WHOLE_ORGANISATION)
    assert result.plan["deactivation_check"]["count"] == 1


# --- The back office ----------------------------------------------------------------------------
@pytest.fixture
def partial_run(client_for, personas):
    """HR's preview of an export that leaves out the employee and the line manager (2 of 7)."""
    client = client_for("hr")
    units, (name, content) = persona_files(personas)
    leaving = (personas.employee.email, personas.line_manager.email)
    lines = [line for line in content.decode().splitlines() if line.split(",")[1] not in leaving]
    people = (name, ("\r\n".join(lines) + "\r\n").encode())
    uploads = [SimpleUploadedFile(n, c, "text/csv") for n, c in (units, people)]
    response = client.post(reverse("organisations_admin:import"), {"files": uploads})
    return client, ImportRun.objects.get(), response["Location"]


def test_hr_is_asked_to_type_the_number_of_people_an_import_deactivates(partial_run):
    client, run, url = partial_run
    page = client.get(url).content.decode()
    assert "This import deactivates 2 people" in page
    assert "That is 2 of the 7 active people" in page and "more than 10%" in page
    assert 'name="confirm_deactivations"' in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type the number of people this import deactivates."),
        ("3", "This import deactivates 2 people, not 3."),
        ("two", "Enter a whole number."),
    ],
)
def test_a_missing_or_wrong_number_applies_nothing_and_says_why(
    partial_run, personas, typed, message
):
    client, run, _url = partial_run
    apply_url = reverse("organisations_admin:import_apply", kwargs={"run_id": run.pk})
    response = client.post(apply_url, {"confirm_deactivations": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'name="confirm_deactivations"' in page
    if typed:
        assert f'value="{typed}"' in page  # what HR typed comes back
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEWED
    assert User.objects.get(pk=personas.employee.pk).is_active


def test_the_import_applies_once_hr_types_the_right_number(partial_run, personas):
    client, run, _url = partial_run
    apply_url = reverse("organisations_admin:import_apply", kwargs={"run_id": run.pk})
    client.post(apply_url)
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEWED

    client.post(apply_url, {"confirm_deactivations": "2"})
    run.refresh_from_db()
    assert run.status == ImportStatus.APPLIED
    assert not User.objects.get(pk=personas.employee.pk).is_active


# --- The command line ---------------------------------------------------------------------------
class TestCommandLine:
    @pytest.fixture
    def paths(self, tmp_path):
        apply_everyone()
        paths = []
        for name, content in f.csv_files(people=WITHOUT_TEAM_B):
            path = tmp_path / name
            path.write_bytes(content)
            paths.append(str(path))
        return paths

    def test_the_preview_says_which_flag_applies_it(self, paths, capsys):
        call_command("import_organisation", *paths)
        assert "--confirm-deactivations 2" in capsys.readouterr().out

    @pytest.mark.parametrize("flag", [[], ["--confirm-deactivations", "5"]])
    def test_applying_without_the_right_number_writes_nothing(self, paths, flag):
        with pytest.raises(CommandError, match="--confirm-deactivations 2"):
            call_command("import_organisation", *paths, "--apply", *flag)
        assert active_external_ids() == {"P1", "P2", "P3", "P4", "P5"}

    def test_applying_with_the_number_deactivates(self, paths):
        call_command("import_organisation", *paths, "--apply", "--confirm-deactivations", "2")
        assert active_external_ids() == {"P1", "P2", "P3"}
