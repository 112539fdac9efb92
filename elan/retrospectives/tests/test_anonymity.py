# SPDX-License-Identifier: EUPL-1.2
"""An anonymous card names nobody: after it is added through the page, no new or changed row
holds its author's id, name or address, no log line mentions them, and no new row keeps a time
at all, so that not even the moment ties the card to whoever was logged in then."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.urls import reverse

from elan.ideas.tests.test_anonymity import _snapshot, _user_columns
from elan.retrospectives.models import Card
from elan.retrospectives.tests.factories import BoardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def added(personas, client_for, caplog):
    """The employee adds an anonymous card to her team's board, in Dutch."""
    board = BoardFactory(unit=personas.team, facilitator=personas.team_lead)
    client = client_for("employee")
    client.get(reverse("retrospectives:board", kwargs={"pk": board.pk}))
    before = _snapshot()
    caplog.set_level(logging.DEBUG)
    response = client.post(
        reverse("retrospectives:card_add", kwargs={"pk": board.pk}).replace("/en/", "/nl/"),
        {"column": board.columns.first().pk, "text": "Te veel vergaderingen", "anonymous": "on"},
    )
    return {
        "response": response,
        "before": before,
        "after": _snapshot(),
        "logs": [record.getMessage() for record in caplog.records],
        "card": Card.objects.get(text="Te veel vergaderingen"),
    }


def _traces(person) -> list[str]:
    return [person.email, person.first_name, person.last_name, person.get_full_name()]


def test_the_anonymous_card_is_on_the_board_without_an_author(added):
    assert added["response"].status_code == 302
    assert added["card"].author_id is None


def test_no_new_or_changed_row_holds_the_authors_id_name_or_address(added, personas):
    author = personas.employee
    changed = {key: row for key, row in added["after"].items() if added["before"].get(key) != row}
    assert ("retrospectives.Card", added["card"].pk) in changed
    for (label, _pk), row in changed.items():
        for column in _user_columns(label):
            assert row[column] != author.pk, f"{label}.{column} names the author"
        for value in row.values():
            for trace in _traces(author):
                assert trace not in str(value), f"{label} holds {trace!r}"


def test_no_new_row_keeps_a_time_or_a_date(added):
    before = added["before"]
    for (label, _pk), row in added["after"].items():
        if (label, _pk) in before or label == "sessions.Session":
            continue
        for value in row.values():
            assert not isinstance(value, datetime.date), f"{label} keeps {value}"


def test_no_log_line_names_the_author(added, personas):
    for line in added["logs"]:
        for trace in _traces(personas.employee):
            assert trace not in line


def test_the_personal_data_download_does_not_hold_the_anonymous_card(added, personas):
    from elan.retrospectives.personal_data import export_retrospectives

    assert "Te veel vergaderingen" not in str(export_retrospectives(personas.employee))


def test_a_cards_key_is_random_so_the_board_does_not_show_the_order_cards_came_in(added):
    assert added["card"].pk.version == 4
