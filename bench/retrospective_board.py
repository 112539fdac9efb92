# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: a retrospective board at its limit, 300 cards, read and voted on by its team.

    python bench/retrospective_board.py [--database-url postgres://postgres@127.0.0.1:5432/elan_bench_retro]
                                        [--members 40] [--runs 15]

Set-up (not timed): recreates and migrates the database, then builds one team of ``--members``
people (a large team: most are under twelve) with a team lead, and one board at its limit of
300 cards in the four Ls, a third of them anonymous, 40 groups of three cards, every member's
ten dots placed, and 20 actions agreed into the team's standing plan; and 60 older boards of the
team, for the index.

Timed, on PostgreSQL, through Django's full request stack (test ``Client``, ``force_login``):

* the board while the team votes, as a member (own dots only) and while actions are agreed, as
  the team lead (every card's total, the groups sorted, the action form with the team as
  owners);
* a member placing a dot and taking it back (two POSTs, each with the board's row locked);
* the retrospectives index of the team lead, with the 61 boards.

Target: each page under 500 ms of server time at p50 (docs/performance.md).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import warnings

from _database import recreate_database  # bench/ is sys.path[0] when a benchmark runs
from _runs import ROOT, manage, timed
from experiments_wall import load

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_bench_retro"


def build(members: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from elan.insights.services import team_action_add
    from elan.organisations import services as organisation_services
    from elan.organisations.constants import Role
    from elan.organisations.models import StaffRecord, Unit
    from elan.retrospectives.constants import CARDS_MAX, DOTS_MAX, BoardFormat, BoardStatus
    from elan.retrospectives.models import BoardAction, Card, CardGroup, Vote
    from elan.retrospectives.services import board_create, board_move

    unit = Unit.add_root(code="BENCH", name_en="Bench team")
    people = []
    for number in range(members):
        user = get_user_model().objects.create_user(
            email=f"member{number}@bench.test",
            password=None,
            first_name="Member",
            last_name=f"{number}",
        )
        StaffRecord.objects.create(user=user, unit=unit, external_id=f"BENCH-{number}")
        people.append(user)
    lead = people[0]
    organisation_services.role_assign(user=lead, role=Role.TEAM_LEAD, unit=unit)
    today = timezone.localdate()
    for number in range(60):
        board_create(
            unit=unit,
            by=lead,
            title=f"Sprint {number}",
            format=BoardFormat.START_STOP_CONTINUE,
            dots_per_person=3,
            held_on=today - datetime.timedelta(days=14 * (number + 1)),
        )
    board = board_create(
        unit=unit, by=lead, title="Quarter", format=BoardFormat.FOUR_LS, dots_per_person=DOTS_MAX
    )
    columns = list(board.columns.all())
    cards = Card.objects.bulk_create(
        Card(
            board=board,
            column=columns[number % len(columns)],
            text=f"Card {number}: what the team should hear, in a sentence or two.",
            language="nl",
            author=None if number % 3 == 0 else people[number % members],
        )
        for number in range(CARDS_MAX)
    )
    for number in range(40):
        group = CardGroup.objects.create(board=board, title=f"Group {number}")
        Card.objects.filter(pk__in=[card.pk for card in cards[number * 3 : number * 3 + 3]]).update(
            group=group
        )
    Vote.objects.bulk_create(
        Vote(card=cards[(member * 7 + dot * 13) % CARDS_MAX], voter=people[member])
        for member in range(members)
        for dot in range(DOTS_MAX)
    )
    board = board_move(board=board, by=lead, to=BoardStatus.VOTING)
    acting = board_create(
        unit=unit, by=lead, title="Acting", format=BoardFormat.FOUR_LS, dots_per_person=DOTS_MAX
    )
    board_move(board=acting, by=lead, to=BoardStatus.VOTING)
    board_move(board=acting, by=lead, to=BoardStatus.ACTING)
    acting_columns = list(acting.columns.all())
    acting_cards = Card.objects.bulk_create(
        Card(
            board=acting,
            column=acting_columns[number % len(acting_columns)],
            text=f"Card {number}",
            language="fr",
            author=None if number % 3 == 0 else people[number % members],
        )
        for number in range(CARDS_MAX)
    )
    Vote.objects.bulk_create(
        Vote(card=acting_cards[(member * 7 + dot * 13) % CARDS_MAX], voter=people[member])
        for member in range(members)
        for dot in range(DOTS_MAX)
    )
    for number in range(20):
        action = team_action_add(
            unit_code=unit.code,
            by=lead,
            title=f"Action {number}",
            owner=people[number % members],
            due_on=today + datetime.timedelta(days=7 + number),
        )
        BoardAction.objects.create(board=acting, action=action)
    return board, acting, people


def measure(board, acting, people, runs: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from elan.retrospectives.models import Card, Vote

    def client_for(user):
        client = Client()
        client.force_login(user)
        return client

    member, lead = client_for(people[5]), client_for(people[0])
    board_url = reverse("retrospectives:board", kwargs={"pk": board.pk})
    acting_url = reverse("retrospectives:board", kwargs={"pk": acting.pk})
    index_url = reverse("retrospectives:index")
    # A card without this member's dot, so that the toggle places one and takes it back.
    card = Card.objects.filter(board=board).exclude(votes__voter=people[5]).first()
    vote_url = reverse("retrospectives:vote", kwargs={"pk": card.pk})
    voter = client_for(people[5])
    # The member has spent their ten dots: take one back first, so that a dot can be placed.
    Vote.objects.filter(voter=people[5], card__board=board).first().delete()

    def get(client, url):
        def call():
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        return call

    def toggle():
        assert voter.post(vote_url).status_code == 302
        assert Vote.objects.filter(card=card, voter=people[5]).exists(), "the dot was refused"
        assert voter.post(vote_url).status_code == 302

    for label, call in (
        ("board while voting, a member (300 cards, own dots)", get(member, board_url)),
        ("board agreeing actions, the team lead (totals, 20 actions)", get(lead, acting_url)),
        ("a dot placed and taken back (2 POSTs)", toggle),
        ("index of the team lead (61 boards)", get(lead, index_url)),
    ):
        result = timed(call, runs)
        print(
            f"  {label}: p50 {result['median']:.0f} ms, p95 {result['p95']:.0f} ms, "
            f"CPU {result['cpu']:.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--members", type=int, default=40)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        sys.exit("The benchmark is defined on PostgreSQL.")
    os.environ.update(
        {
            "DATABASE_URL": options.database_url,
            "DJANGO_SETTINGS_MODULE": "elan.settings.test",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    print(f"load average at the start: {load()}")
    recreate_database(options.database_url)
    manage("migrate", "--no-input", "-v", "0")
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    board, acting, people = build(options.members)
    measure(board, acting, people, options.runs)
    print(f"load average at the end: {load()}")


if __name__ == "__main__":
    main()
