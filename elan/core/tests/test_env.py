# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from elan import env


@pytest.fixture(autouse=True)
def fresh_problems(monkeypatch):
    monkeypatch.setattr(env, "PROBLEMS", [])


@pytest.mark.parametrize(
    "word, expected", [("true", True), ("On", True), ("0", False), ("no", False)]
)
def test_a_boolean_accepts_the_usual_words(monkeypatch, word, expected):
    monkeypatch.setenv("ELAN_FLAG", word)
    assert env.env_bool("ELAN_FLAG", not expected) is expected
    assert env.PROBLEMS == []


def test_a_boolean_that_is_not_one_is_reported_with_its_name(monkeypatch):
    monkeypatch.setenv("ELAN_FLAG", "maybe")
    assert env.env_bool("ELAN_FLAG", False) is False
    assert env.PROBLEMS[0].variable == "ELAN_FLAG"
    assert "maybe" in env.PROBLEMS[0].message


def test_a_number_below_its_minimum_is_reported(monkeypatch):
    monkeypatch.setenv("ELAN_MIN", "2")
    assert env.env_int("ELAN_MIN", 5, minimum=3) == 5
    assert env.PROBLEMS[0].variable == "ELAN_MIN"


def test_a_secret_is_read_from_the_file_its_name_file_points_to(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("ELAN_SECRET_FILE", str(secret))
    assert env.env_secret("ELAN_SECRET") == "from-a-file"


def test_a_required_secret_that_is_missing_is_reported(monkeypatch):
    monkeypatch.delenv("ELAN_SECRET", raising=False)
    monkeypatch.delenv("ELAN_SECRET_FILE", raising=False)
    env.env_secret("ELAN_SECRET")
    assert env.PROBLEMS[0].variable == "ELAN_SECRET"


def test_a_list_is_split_on_commas_without_empty_items(monkeypatch):
    monkeypatch.setenv("ELAN_HOSTS", "a.example, b.example,,")
    assert env.env_list("ELAN_HOSTS", []) == ["a.example", "b.example"]
