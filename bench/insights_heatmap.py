# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: the organisation-wide climate heatmap, anonymity guard on, at federal scale.

    python bench/insights_heatmap.py [--database-url postgres://postgres@127.0.0.1:5432/elan_bench_insights]
                                     [--responses 50000] [--runs 15] [--reuse [--reclose]]
                                     [--instrument climate|skills]

Set-up (not timed): drops and recreates the database, migrates it, runs
``manage.py generate_federal_dataset`` (1,500 units, 65,000 people), puts the twenty services
under one root, opens a climate campaign for the whole organisation (65,000 invitations) and
bulk-inserts 50,000 anonymous responses (950,000 scored answers) with unit-level variation.
``--reuse`` skips all of that and uses the data of an earlier run.

Timed, on PostgreSQL:

* closing the round: the guard over every group anyone could see (every unit and subtree, each
  split by language and level) plus the figures of the released groups, stored once;
* the heatmap as HR for the whole organisation sees it, through Django's full request stack
  (middleware, view, template or JSON): the top level, all 1,501 rows, the JSON API, the CSV;
* the raw SQL aggregates a guard-less heatmap would run instead: per unit, and rolled up per
  subtree.

``--instrument skills`` runs the same with the skills survey (24 statements, six skill measures)
instead of the climate survey (19 statements, eight measures).

Target: the organisation-wide heatmap under 500 ms of server time. Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
import uuid

from _database import recreate_database  # bench/ is sys.path[0] when a benchmark runs
from _runs import ROOT, manage, timed

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_bench_insights"
TITLES = {"climate": "Federal climate 2026", "skills": "Federal innovation skills 2026"}


def build(responses: int, seed: int, instrument: str = "climate"):
    """The federal chart under one root, a campaign and its answers (not timed)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from elan.accounts.tests.factories import UserFactory
    from elan.insights import services
    from elan.insights.instruments import instrument_for
    from elan.insights.models import Answer, Invitee, Participation, Response
    from elan.organisations import services as organisation_services
    from elan.organisations.constants import Role
    from elan.organisations.models import Unit

    rng = random.Random(seed)
    started = time.perf_counter()
    root = Unit.add_root(
        code="BE-FED", name_en="Federal administration", name_nl="Federale overheid"
    )
    for service in list(Unit.objects.filter(depth=1).exclude(pk=root.pk).order_by("path")):
        service.refresh_from_db()
        root.refresh_from_db()
        service.move(root, pos="sorted-child")
    root.refresh_from_db()
    print(
        f"  chart under one root: {Unit.objects.count():,} units "
        f"({time.perf_counter() - started:.1f} s)"
    )

    hr = UserFactory(email="bench.hr@federal.elan.example")
    organisation_services.role_assign(user=hr, role=Role.HR, unit=None)
    today = timezone.localdate()
    opened = today - datetime.timedelta(days=40)
    campaign = services.campaign_create(
        by=hr,
        unit=root,
        titles={"en": TITLES[instrument]},
        instrument=instrument,
        opens_on=opened,
        closes_on=opened + datetime.timedelta(days=20),
    )
    started = time.perf_counter()
    # 65,000 invitations would go out by e-mail; the benchmark is about the heatmap.
    services.campaign_transition(campaign=campaign, to="open", by=hr, today=opened, notify=False)
    round_ = campaign.rounds.get()
    print(
        f"  round opened, {round_.participations.count():,} invitations "
        f"({time.perf_counter() - started:.1f} s)"
    )

    started = time.perf_counter()
    # Each answer carries the stored (coarsened) keys of an invited person; which participation
    # is marked as answered is drawn separately, as nothing links the two.
    invitees = list(
        Invitee.objects.filter(round=round_).values_list("unit_code", "language", "grade_band")
    )
    participations = list(
        Participation.objects.filter(round=round_).order_by("pk").values_list("pk", flat=True)
    )
    count = min(responses, len(invitees))
    chosen = list(zip(rng.sample(participations, count), rng.sample(invitees, count), strict=True))
    # Each unit gets its own climate, so the heatmap has something to show.
    unit_mood = {}
    items = instrument_for(instrument).items
    batch = 2_000
    for start in range(0, len(chosen), batch):
        rows, answers, marked = [], [], []
        for pk, (code, language, grade) in chosen[start : start + batch]:
            mood = unit_mood.setdefault(code, rng.uniform(2.2, 4.4))
            response = Response(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                round=round_,
                unit_code=code,
                language=language,
                grade_band=grade,
                answered_on=opened + datetime.timedelta(days=rng.randint(0, 20)),
                comment="Meer tijd om te verbeteren." if rng.random() < 0.15 else "",
            )
            rows.append(response)
            marked.append(pk)
            for item in items:
                value = min(5, max(1, round(rng.gauss(mood, 0.9))))
                score = 6 - value if item.reverse else value
                answers.append(
                    Answer(
                        id=uuid.UUID(int=rng.getrandbits(128), version=4),
                        response=response,
                        item=item.code,
                        measure=item.measure,
                        value=value,
                        score=float(score),
                    )
                )
        with transaction.atomic():
            Response.objects.bulk_create(rows)
            Answer.objects.bulk_create(answers, batch_size=10_000)
            Participation.objects.filter(pk__in=marked).update(responded_on=opened)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"  {len(chosen):,} responses, {len(chosen) * len(items):,} answers inserted "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return campaign, hr


def measure(campaign, hr, runs: int) -> None:
    from django.db import connection
    from django.test import Client

    from elan.insights import services, tasks
    from elan.insights.models import GroupResult, Response
    from elan.insights.publishing import publish_campaign
    from elan.insights.services import scrub_storage_order

    round_ = campaign.rounds.get()
    if round_.closed_on is None:
        # The storage scrub is a background task in production; it is timed on its own below.
        class _Deferred:
            @staticmethod
            def enqueue(**kwargs):
                return None

        real_scrub, tasks.scrub_round_storage = tasks.scrub_round_storage, _Deferred
        started = time.perf_counter()
        services.campaign_transition(
            campaign=campaign,
            to="closed",
            by=hr,
            today=round_.opens_on + datetime.timedelta(days=20),
        )
        closing = (time.perf_counter() - started) * 1000
        tasks.scrub_round_storage = real_scrub
        print(f"\nclosing the round (guard over every group, figures, stored): {closing:,.0f} ms")
        started = time.perf_counter()
        scrub_storage_order(round_id=round_.pk)
        print(
            f"storage scrub, a background task after closing: "
            f"{(time.perf_counter() - started) * 1000:,.0f} ms"
        )
    round_.refresh_from_db()
    results = GroupResult.objects.filter(round=round_)
    print(
        f"  groups decided: {results.count():,} "
        f"({results.filter(released=True).count():,} released, "
        f"{results.filter(released=False).count():,} hidden); "
        f"{Response.objects.filter(round=round_).count():,} responses"
    )
    GroupResult.objects.filter(round=round_).delete()
    started, cpu = time.perf_counter(), time.process_time()
    publish_campaign(campaign=campaign)
    publish = {
        "median": (time.perf_counter() - started) * 1000,
        "cpu": (time.process_time() - cpu) * 1000,
    }
    print(
        f"  publishing alone again (guard + figures from the raw rows + storing): "
        f"{publish['median']:,.0f} ms (Django CPU {publish['cpu']:,.0f} ms)"
    )

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(hr, backend="django.contrib.auth.backends.ModelBackend")
    base = f"/en/insights/campaigns/{campaign.pk}"

    def get(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return run

    rows_all = get(f"{base}/heatmap/?depth=all")().content.count(b'<th scope="row" class="heatmap')
    print(f"\nheatmap as HR for the whole organisation, {runs} runs each (server time, ms):")
    print(f"  rows in the full heatmap: {rows_all:,}")
    for label, url in (
        ("page, top level (21 rows)", f"{base}/heatmap/"),
        ("page, every unit (1,501 rows, SVG of the first 100)", f"{base}/heatmap/?depth=all"),
        ("JSON API, every unit", f"/api/insights/campaigns/{campaign.pk}/heatmap?depth=64"),
        ("CSV export, every unit", f"{base}/export.csv?depth=all"),
        ("page, every unit, filtered by language", f"{base}/heatmap/?depth=all&filter=language:fr"),
    ):
        result = timed(get(url), runs)
        print(
            f"  {label:<55} median {result['median']:7.1f}  p95 {result['p95']:7.1f}"
            f"  (Django CPU {result['cpu']:6.1f})"
        )

    leaf_sql = """
        SELECT r.unit_code, a.measure, AVG(a.score), COUNT(*)
        FROM insights_answer a JOIN insights_response r ON r.id = a.response_id
        WHERE r.round_id = %s GROUP BY r.unit_code, a.measure
    """
    # The same roll-up a guard-less heatmap needs: leaf sums first, then every unit's subtree.
    rollup_sql = """
        WITH leaf AS (
            SELECT s.path AS unit_path, a.measure, SUM(a.score) AS total, COUNT(*) AS answers
            FROM insights_answer a JOIN insights_response r ON r.id = a.response_id
            JOIN organisations_unit s ON s.code = r.unit_code
            WHERE r.round_id = %s GROUP BY s.path, a.measure
        )
        SELECT u.code, leaf.measure, SUM(leaf.total) / SUM(leaf.answers)
        FROM organisations_unit u JOIN leaf ON leaf.unit_path LIKE u.path || '%%'
        GROUP BY u.code, leaf.measure
    """

    def sql(statement):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(statement, [round_.pk])
                return cursor.fetchall()

        return run

    print("\nraw SQL aggregates without any guard (ms):")
    for label, statement in (
        ("per unit (leaf groups only)", leaf_sql),
        ("rolled up per subtree (every unit)", rollup_sql),
    ):
        result = timed(sql(statement), max(3, runs // 3))
        print(f"  {label:<55} median {result['median']:7.1f}  p95 {result['p95']:7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--instrument", choices=sorted(TITLES), default="climate")
    parser.add_argument("--reuse", action="store_true", help="use the data of an earlier run")
    parser.add_argument(
        "--reclose", action="store_true", help="with --reuse: reopen the round and time closing"
    )
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        sys.exit("The benchmark is defined on PostgreSQL.")
    os.environ.update(
        {
            "DATABASE_URL": options.database_url,
            "DJANGO_SETTINGS_MODULE": "elan.settings.test",  # plain static files, fast hashing
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
    )
    if not options.reuse:
        print("set-up (not timed):")
        recreate_database(options.database_url)
        manage("migrate", "--no-input", "-v", "0")
        print("  " + manage("generate_federal_dataset").splitlines()[-1])
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from elan.insights.models import Campaign

    if options.reuse:
        campaign = Campaign.objects.get(titles__en=TITLES[options.instrument])
        hr = get_user_model().objects.get(email="bench.hr@federal.elan.example")
        if options.reclose:
            from elan.insights.models import GroupResult

            GroupResult.objects.filter(round__campaign=campaign).delete()
            campaign.rounds.update(closed_on=None)
            Campaign.objects.filter(pk=campaign.pk).update(status="open")
            campaign.refresh_from_db()
    else:
        campaign, hr = build(options.responses, options.seed, options.instrument)
    measure(campaign, hr, options.runs)


if __name__ == "__main__":
    main()
