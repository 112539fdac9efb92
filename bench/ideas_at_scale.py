# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: the ideas at federal scale, 30,000 ideas in one organisation of 65,000 people.

    python bench/ideas_at_scale.py [--database-url postgres://postgres@127.0.0.1:5432/elan_bench_ideas]
                                   [--ideas 30000] [--people 65000] [--runs 9] [--reuse]

Set-up (not timed): drops and recreates the database, migrates it, runs
``manage.py generate_federal_dataset`` (1,500 units, 65,000 people), puts the twenty services
under one root so that everyone is in one organisation (the widest figures page there can be),
then bulk-inserts ideas over the last year, seven in ten in the units' idea boxes and the rest
in twenty campaigns put to a service each, in Dutch and French, every tenth anonymous: six in
ten answered, the others waiting (some past their deadline), escalated or "not now".
``--reuse`` skips the set-up and uses an earlier run's data.

Timed, on PostgreSQL, through Django's full request stack (test ``Client``, ``force_login``):

* the response figures for an employee: every unit and subtree of the organisation through
  the anonymity guard (about 3,000 groups), worked out afresh and read from the cache;
* posting an idea to a box in Dutch, up to the similar ideas found by full-text search among
  the organisation's box ideas;
* the idea box and the campaign with the most ideas, and the ideas home of the team lead with
  the most ideas waiting for them;
* once, last (it changes the data): the response clock's daily run, with its query count.

Target: each page under 500 ms of server time at p50; the daily run under a minute. Results:
docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import random
import sys
import time
import warnings

from _database import recreate_database  # bench/ is sys.path[0] when a benchmark runs
from _runs import ROOT, manage, timed
from experiments_wall import load, one_root

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_bench_ideas"
CAMPAIGNS = 20
SENTENCES = {
    "nl": [
        (
            "Minder papier bij de aanvragen",
            "De aanvraagformulieren worden nog altijd afgedrukt en ingescand.",
        ),
        (
            "Kortere wachttijden aan het loket",
            "Burgers wachten lang; een afsprakensysteem kan helpen.",
        ),
        ("Vergaderen zonder papier", "Alle stukken op het scherm in plaats van op papier."),
        ("Nieuwe collega's sneller op weg", "Een peter of meter voor elke nieuwe collega."),
        (
            "Lege vergaderzalen vrijgeven",
            "Zalen die gereserveerd zijn maar leeg blijven, komen vrij.",
        ),
    ],
    "fr": [
        ("Moins de papier pour les demandes", "Les formulaires sont encore imprimés puis scannés."),
        ("Des files plus courtes au guichet", "Un système de rendez-vous réduirait l'attente."),
        ("Des réunions sans papier", "Tous les documents à l'écran plutôt qu'imprimés."),
        ("Un parrain pour chaque nouveau collègue", "Accueillir mieux les nouveaux collègues."),
        ("Libérer les salles vides", "Les salles réservées mais vides redeviennent disponibles."),
    ],
}


def setup(options) -> None:
    print("set-up (not timed):")
    started = time.perf_counter()
    recreate_database(options.database_url)
    manage("migrate", "--no-input", "-v", "0")
    print(f"  migrated ({time.perf_counter() - started:.1f} s)")
    started = time.perf_counter()
    output = manage("generate_federal_dataset", "--people", str(options.people))
    print(f"  {output.splitlines()[-1]} (with start-up {time.perf_counter() - started:.1f} s)")


def insert_ideas(count: int, seed: int) -> None:
    """Ideas of the last year, as the services would have left them, in bulk."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from elan.goals.calendar import add_worked_days
    from elan.ideas.constants import OUTCOMES, Status
    from elan.ideas.models import Campaign, Idea
    from elan.organisations.constants import Role
    from elan.organisations.models import RoleAssignment, StaffRecord, Unit

    started = time.perf_counter()
    rng = random.Random(seed)
    today = timezone.localdate()
    units = list(Unit.objects.filter(depth__gte=2).order_by("path"))
    leads = dict(
        RoleAssignment.objects.filter(role=Role.TEAM_LEAD).values_list("unit_id", "user_id")
    )
    people = list(StaffRecord.objects.values_list("user_id", flat=True))
    hr = RoleAssignment.objects.filter(role=Role.HR).values_list("user_id", flat=True).first()
    services = [unit for unit in units if unit.depth == 2][:CAMPAIGNS]
    campaigns = []
    for number, service in enumerate(services):
        campaign = Campaign.objects.create(
            title=f"Campaign {number}",
            question="Where could we spend less time on paper?",
            language="nl",
            unit=service,
            opens_on=today - datetime.timedelta(days=300),
            closes_on=today + datetime.timedelta(days=30),
            created_by_id=hr,
        )
        campaign.owners.add(hr)
        campaigns.append(campaign)
    users = get_user_model().objects
    assert users.exists()
    ideas = []
    for number in range(count):
        language = "nl" if number % 3 else "fr"
        title, body = rng.choice(SENTENCES[language])
        posted = today - datetime.timedelta(days=rng.randrange(0, 365))
        anonymous = number % 10 == 0
        fields = {
            "title": f"{title} ({number})",
            "body": body,
            "language": language,
            "is_anonymous": anonymous,
            "author_id": None if anonymous else rng.choice(people),
            "token_hash": f"{number:064x}" if anonymous else "",
            "posted_on": posted,
        }
        if number % 10 < 3:
            campaign = campaigns[number % len(campaigns)]
            fields.update(campaign=campaign, owner_id=hr)
        else:
            unit = rng.choice(units)
            fields.update(box_unit=unit, owner_id=leads.get(unit.pk, hr))
        due = add_worked_days(posted, 20, ())
        roll = rng.random()
        if roll < 0.6:
            answered = min(today, add_worked_days(posted, rng.randrange(1, 30), ()))
            fields.update(status=rng.choice(OUTCOMES), answered_on=answered, reason="Because.")
            if fields["status"] == Status.NOT_NOW:
                fields["look_again_on"] = today + datetime.timedelta(days=rng.randrange(-5, 90))
        elif roll < 0.9:
            fields.update(status=Status.WAITING)
        else:
            fields.update(status=Status.ESCALATED, escalated_to_id=hr)
        ideas.append(Idea(answer_due=due, **fields))
    Idea.objects.bulk_create(ideas, batch_size=5_000)
    print(f"  {count:,} ideas inserted ({time.perf_counter() - started:.1f} s)")


def subjects() -> dict:
    from django.db.models import Count

    from elan.ideas.models import Campaign
    from elan.organisations.constants import Role
    from elan.organisations.models import RoleAssignment, StaffRecord, Unit

    box = Unit.objects.annotate(n=Count("box_ideas")).order_by("-n", "pk").first()
    campaign = Campaign.objects.annotate(n=Count("ideas")).order_by("-n", "pk").first()
    lead = (
        RoleAssignment.objects.filter(role=Role.TEAM_LEAD, unit=box)
        .values_list("user_id", flat=True)
        .first()
    )
    employee = StaffRecord.objects.filter(unit__depth=5).select_related("user").first().user
    from django.contrib.auth import get_user_model

    chosen = {
        "box": box,
        "campaign": campaign,
        "lead": get_user_model().objects.get(pk=lead),
        "employee": employee,
    }
    print(
        f"  the box of {box.code}: {box.n} ideas; {campaign.title}: {campaign.n} ideas; "
        f"employee {employee.email} in {employee.staff_record.unit.code}"
    )
    return chosen


@contextlib.contextmanager
def counting(connection):
    """The statements sent, whatever the request does to the connection on its way out (a
    request's end may close and reopen it, which empties Django's own query log)."""
    sent: list[str] = []

    def record(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield sent


def measure(chosen: dict, runs: int) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    def client_for(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    employee, lead = client_for(chosen["employee"]), client_for(chosen["lead"])
    box, campaign = chosen["box"], chosen["campaign"]
    cases = [
        ("response figures, worked out afresh", employee, "fresh", "/en/ideas/figures/", None),
        ("response figures, from the cache", employee, "get", "/en/ideas/figures/", None),
        (
            "posting in Dutch: the similar ideas found",
            employee,
            "post",
            f"/nl/ideas/boxes/{box.code}/new/",
            {"title": "Minder papier", "body": "De formulieren niet meer afdrukken."},
        ),
        (
            f"the box with the most ideas ({box.code})",
            employee,
            "get",
            f"/en/ideas/boxes/{box.code}/",
            None,
        ),
        (
            "the campaign with the most ideas",
            employee,
            "get",
            f"/en/ideas/campaigns/{campaign.public_id}/",
            None,
        ),
        ("the ideas home of its team lead", lead, "get", "/en/ideas/", None),
    ]
    print(f"\nload average before timing: {load()}")
    print(
        "\n| page | queries | p50 ms | p95 ms | p50 CPU ms |\n| --- | ---: | ---: | ---: | ---: |"
    )
    for label, client, method, url, data in cases:

        def call(c=client, m=method, u=url, d=data):
            if m == "fresh":  # the record is cached for ten minutes: time its working out
                cache.clear()
                return c.get(u)
            return getattr(c, m)(u, d) if d else getattr(c, m)(u)

        with counting(connection) as queries:
            response = call()
        assert response.status_code == 200, (label, response.status_code)
        if "similar" in label:
            assert b"similar-ideas" in response.content, "no similar idea was found"
        result = timed(call, runs)
        print(
            f"| {label} | {len(queries)} | {result['median']:.0f} | "
            f"{result['p95']:.0f} | {result['cpu']:.0f} |"
        )
    from elan.ideas.services import clock_run

    with counting(connection) as queries:
        started, cpu = time.perf_counter(), time.process_time()
        done = clock_run()
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"\nthe daily clock: {done} in {wall:.1f} s ({cpu:.1f} s CPU), "
        f"{len(queries):,} queries; load {load()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--ideas", type=int, default=30_000)
    parser.add_argument("--people", type=int, default=65_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="use the data of an earlier run")
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
    if not options.reuse:
        setup(options)
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    if not options.reuse:
        one_root()
        insert_ideas(options.ideas, options.seed)
    measure(subjects(), options.runs)


if __name__ == "__main__":
    main()
