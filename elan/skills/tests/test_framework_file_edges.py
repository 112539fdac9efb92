# SPDX-License-Identifier: EUPL-1.2
"""Framework files that parse as JSON or YAML but hold what Elan cannot carry further: a number
longer than Python reads (4,300 digits), and YAML-only values (dates, timestamps, binary, sets),
even in a key Elan does not read. Each is told as a problem of the file, in the back office and
on the command line alike, never a server error or a traceback (framework_files.py)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from elan.skills.framework_files import read_framework_file
from elan.skills.models import Framework
from elan.skills.shipped import CONTENT_DIR

pytestmark = pytest.mark.django_db

URL = "/admin/skills/import/"
SOC = (CONTENT_DIR / "states-of-change.yaml").read_bytes()
LONG_NUMBER = b"9" * 5000

TOO_LONG = [
    pytest.param(b'{"format": ' + LONG_NUMBER + b"}", "framework.json", id="json"),
    pytest.param(b"format: " + LONG_NUMBER + b"\n", "framework.yaml", id="yaml"),
    pytest.param(SOC + b"\nextra: " + LONG_NUMBER + b"\n", "framework.yaml", id="yaml-extra-key"),
]

YAML_ONLY_VALUES = [
    pytest.param("2024-01-01", id="date"),
    pytest.param("2001-12-14t21:59:43.10-05:00", id="timestamp"),
    pytest.param("!!binary aGVsbG8=", id="binary"),
    pytest.param("!!set {a, b}", id="set"),
]


@pytest.mark.parametrize(("content", "name"), TOO_LONG)
def test_a_number_too_long_to_read_is_a_problem_of_the_file(content, name):
    read = read_framework_file(content, name=name)

    assert not read.is_valid
    assert read.problems


@pytest.mark.parametrize(("content", "name"), TOO_LONG)
def test_hr_uploading_a_number_too_long_to_read_is_told_so_not_given_a_server_error(
    client_for, content, name
):
    response = client_for("hr").post(URL, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()


@pytest.mark.parametrize(("content", "name"), TOO_LONG)
def test_the_command_refuses_a_number_too_long_to_read_with_a_message(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError):
        call_command("import_framework", str(path))


@pytest.mark.parametrize("value", YAML_ONLY_VALUES)
def test_hr_uploading_a_yaml_only_value_is_told_where_it_is_and_nothing_is_imported(
    client_for, value
):
    content = SOC + f"\nextra: {value}\n".encode()

    response = client_for("hr").post(URL, {"file": SimpleUploadedFile("soc.yaml", content)})

    assert response.status_code == 400
    assert "extra: this value is a date, binary data or a set" in response.content.decode()
    assert not Framework.objects.filter(slug="states-of-change").exists()


@pytest.mark.parametrize("value", YAML_ONLY_VALUES)
def test_the_command_refuses_a_yaml_only_value_as_the_back_office_does(tmp_path, value):
    path = tmp_path / "soc.yaml"
    path.write_bytes(SOC + f"\nextra: {value}\n".encode())

    with pytest.raises(CommandError):
        call_command("import_framework", str(path))
    assert not Framework.objects.filter(slug="states-of-change").exists()
