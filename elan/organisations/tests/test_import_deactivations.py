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

from elan import checks, env
from elan.accounts.tests.factories import UserFactory
from elan.organisations import importing
from elan.organisations import services as organisation_services
from elan.organisations.constants import ImportStatus, Role
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
    assert result.plan["deactivation_check"] == {
        "count": 2,
        "active": 5,
        "share": 10,
        "percent": 40.0,
        "over_share": True,
        "administrators": 0,
    }

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


def make_administrator(user) -> None:
    organisation_services.role_assign(user=user, role=Role.ADMINISTRATOR)


def test_deactivating_an_administrator_asks_for_the_number_whatever_the_share(settings):
    apply_everyone()
    make_administrator(StaffRecord.objects.get(external_id="P5").user)
    make_administrator(UserFactory(email="other.admin@elan.test"))
    settings.IMPORT_DEACTIVATION_CONFIRM_SHARE = 50
    people = [row for row in f.PEOPLE if row[0] != "P5"]
    parsed, result = planning.preview(f.csv_files(people=people), scope=WHOLE_ORGANISATION)
    check = result.plan["deactivation_check"]
    assert (check["count"], check["administrators"], check["over_share"]) == (1, 1, False)
    with pytest.raises(importing.DeactivationsNotConfirmed):
        applying.apply_plan(parsed=parsed, scope=WHOLE_ORGANISATION)
    assert "P5" in active_external_ids()
    applying.apply_plan(parsed=parsed, scope=WHOLE_ORGANISATION, confirmed_deactivations=1)
    assert "P5" not in active_external_ids()


@pytest.mark.parametrize("confirmed", [None, 1])
def test_an_import_that_would_deactivate_the_last_administrator_is_refused(confirmed):
    apply_everyone()
    make_administrator(StaffRecord.objects.get(external_id="P5").user)
    people = [row for row in f.PEOPLE if row[0] != "P5"]
    parsed, result = planning.preview(f.csv_files(people=people), scope=WHOLE_ORGANISATION)
    assert [problem["code"] for problem in result.problems] == ["deactivates_last_administrator"]
    with pytest.raises(applying.ImportInvalid):
        applying.apply_plan(
            parsed=parsed, scope=WHOLE_ORGANISATION, confirmed_deactivations=confirmed
        )
    assert "P5" in active_external_ids()


def test_an_inactive_administrator_elsewhere_does_not_count_as_the_one_who_stays():
    apply_everyone()
    make_administrator(StaffRecord.objects.get(external_id="P5").user)
    make_administrator(UserFactory(email="gone.admin@elan.test", is_active=False))
    people = [row for row in f.PEOPLE if row[0] != "P5"]
    _parsed, result = planning.preview(f.csv_files(people=people), scope=WHOLE_ORGANISATION)
    assert [problem["code"] for problem in result.problems] == ["deactivates_last_administrator"]


def test_the_share_must_be_a_percentage_at_start_up(settings, monkeypatch):
    monkeypatch.setenv("ELAN_TEST_SHARE", "150")
    monkeypatch.setattr(env, "PROBLEMS", [])
    assert env.env_int("ELAN_TEST_SHARE", 10, minimum=0, maximum=100) == 10
    [problem] = env.PROBLEMS
    assert problem.variable == "ELAN_TEST_SHARE"
    assert problem.message == "must be at most 100, not 150"
    assert checks.import_deactivation_share_is_a_percentage(None) == []
    settings.IMPORT_DEACTIVATION_CONFIRM_SHARE = 150
    [error] = checks.import_deactivation_share_is_a_percentage(None)
    assert error.id == "elan.E008" and error.obj == "IMPORT_DEACTIVATION_CONFIRM_SHARE"


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
    assert "This import deactivates 2 people (28.6%)" in page
    assert "administrator" not in page.split('id="deactivations-heading"')[1].split("</section>")[0]
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


def test_hr_sees_how_many_administrators_the_import_deactivates(client_for, personas, settings):
    make_administrator(UserFactory(email="second.admin@elan.test"))
    settings.IMPORT_DEACTIVATION_CONFIRM_SHARE = 50
    client = client_for("hr")
    units, (name, content) = persona_files(personas)
    lines = [
        line
        for line in content.decode().splitlines()
        if line.split(",")[1] != personas.administrator.email
    ]
    people = (name, ("\r\n".join(lines) + "\r\n").encode())
    uploads = [SimpleUploadedFile(n, c, "text/csv") for n, c in (units, people)]
    response = client.post(reverse("organisations_admin:import"), {"files": uploads})
    page = client.get(response["Location"]).content.decode()
    assert "This import deactivates 1 person (14.3%)" in page
    assert "Among them is 1 administrator." in page
    assert "more than 50%" not in page
    assert 'name="confirm_deactivations"' in page
    run = ImportRun.objects.get()
    apply_url = reverse("organisations_admin:import_apply", kwargs={"run_id": run.pk})
    client.post(apply_url)
    assert User.objects.get(pk=personas.administrator.pk).is_active
    client.post(apply_url, {"confirm_deactivations": "1"})
    assert not User.objects.get(pk=personas.administrator.pk).is_active


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

    def test_the_refusal_names_the_number_the_share_and_the_administrators(self, paths):
        make_administrator(StaffRecord.objects.get(external_id="P4").user)
        make_administrator(UserFactory(email="other.admin@elan.test"))
        with pytest.raises(CommandError) as refused:
            call_command("import_organisation", *paths, "--apply")
        message = str(refused.value)
        assert message.startswith("Nothing was imported.")
        assert "This import deactivates 2 people (40% of 5 active)." in message
        assert "Among them is 1 administrator." in message
        assert message.endswith("Add --confirm-deactivations 2 to apply it.")

    def test_applying_with_the_number_deactivates(self, paths):
        call_command("import_organisation", *paths, "--apply", "--confirm-deactivations", "2")
        assert active_external_ids() == {"P1", "P2", "P3"}
