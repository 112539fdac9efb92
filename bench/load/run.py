# SPDX-License-Identifier: EUPL-1.2
"""Load benchmark: the survey peak against two nodes behind the proxy, on PostgreSQL.

    .venv/bin/python bench/load/run.py [--database-url postgres://postgres@127.0.0.1:5432/elan_load]
        [--nodes 2] [--web-workers 2] [--steps 2,4,6,8,12,16,24,32] [--step-seconds 90]
        [--hold-minutes 30] [--hold-users N] [--no-hold] [--no-steps] [--prepare-only]

Set-up, once (reused while the database exists): a PostgreSQL database ``elan_load``, migrated,
the federal dataset (``manage.py generate_federal_dataset``: 1,500 units, 65,000 people sharing
one password), the shipped hub content, frameworks and self-assessment, the services under one
root and a climate survey open for the whole organisation (65,000 invitations, no e-mail sent).
``--rebuild`` starts it again from an empty database.

The run: a cluster from tests/cluster.py (gunicorn nodes with the production settings plus a bare
view, nginx with TLS and deploy/nginx/elan-proxy.conf, a Redis of its own), then locust
(``.venv-load``, ``make load-venv``) headless against the proxy with the journey of
bench/load/locustfile.py: the e-mail link, the login, the climate survey, the self-assessment and
two hub pages, each simulated person once; beside them, at a few requests per second, the bare
view anonymous and logged in. First a step load (one locust run per step) until the breaking
point: p95 of the journey's requests over ``--p95-limit-ms`` or errors over ``--error-limit``;
then a hold at the last step below it (or ``--hold-users``) for ``--hold-minutes``.

Written to ``var/load/<time>/`` (and printed): per request name the requests per second, p50,
p95, p99, errors, and p50 as a multiple of the anonymous bare view's; the load average during
each run; and the CPU seconds each part of the stack spent per completed journey (the gunicorn
nodes, PostgreSQL's backends for this database, nginx, Redis, locust), which is what
docs/capacity.md divides by to size a deployment: unlike wall times, CPU seconds do not swell
when other jobs share the machine.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from _database import recreate_database  # noqa: E402 (bench/ holds the shared helpers)

from tests.cluster import Cluster  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_load"
LOCUST = ROOT / ".venv-load" / "bin" / "locust"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
CAMPAIGN_TITLE = "Load benchmark: federal climate"
PASSWORD = "federal-bench-2026"  # the dataset's, bench/generate_federal_dataset.py
BARE_NAME = "bare view (anonymous)"
# What serves a request; locust, the load generator, is counted apart.
SERVER_PARTS = ("gunicorn", "postgresql", "nginx", "redis-server")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- Preparing the database ------------------------------------------------------------------


def _database_ready(url: str) -> bool:
    import psycopg

    parsed = urlparse(url)
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (parsed.path.lstrip("/"),)
        ).fetchone()
    if not exists:
        return False
    with psycopg.connect(url) as connection:
        try:
            row = connection.execute(
                "SELECT 1 FROM insights_campaign WHERE titles->>'en' = %s", (CAMPAIGN_TITLE,)
            ).fetchone()
        except psycopg.Error:
            return False
    return row is not None


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "elan.settings.base"
    # Loading the hub logs every page it publishes.
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def prepare(url: str, *, rebuild: bool) -> None:
    """The federal dataset with an open climate survey, built once and reused."""
    if not rebuild and _database_ready(url):
        print("Reusing the prepared database (migrating it to the code's models).", flush=True)
        _setup_django(url)
        from django.core.management import call_command

        call_command("migrate", "--no-input", "-v", "0")
        _ensure_round_open()
        return
    print("Preparing the database (once; about ten minutes on two busy cores)…", flush=True)
    recreate_database(url)
    _setup_django(url)
    from django.core.management import call_command

    for step, command in (
        ("migrate", ["migrate", "--no-input", "-v", "0"]),
        ("federal dataset", ["generate_federal_dataset"]),
        ("hub content", ["load_hub_content"]),
        ("frameworks and self-assessment", ["load_instruments"]),
    ):
        started = time.monotonic()
        with open(os.devnull, "w") as quiet:
            call_command(*command, stdout=quiet)
        print(f"  {step}: {time.monotonic() - started:.0f} s", flush=True)
    _open_climate_survey()


def _open_climate_survey() -> None:
    """One campaign for the whole organisation, as HR opens it, without the 65,000 e-mails."""
    from django.db import connection
    from django.utils import timezone

    from elan.accounts.models import User
    from elan.insights import services
    from elan.organisations import services as organisation_services
    from elan.organisations.constants import Role
    from elan.organisations.models import Unit

    started = time.monotonic()
    root = Unit.objects.filter(code="BE-FED").first()
    if root is None:
        root = Unit.add_root(
            code="BE-FED", name_en="Federal administration", name_nl="Federale overheid"
        )
        for service in list(Unit.objects.filter(depth=1).exclude(pk=root.pk).order_by("path")):
            service.refresh_from_db()
            root.refresh_from_db()
            service.move(root, pos="sorted-child")
        root.refresh_from_db()
    hr, created = User.objects.get_or_create(email="load.hr@federal.elan.example")
    if created:
        organisation_services.role_assign(user=hr, role=Role.HR, unit=None)
    today = timezone.localdate()
    campaign = services.campaign_create(
        by=hr,
        unit=root,
        titles={"en": CAMPAIGN_TITLE, "nl": CAMPAIGN_TITLE, "fr": CAMPAIGN_TITLE},
        instrument="climate",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=60),
    )
    services.campaign_transition(campaign=campaign, to="open", by=hr, today=today, notify=False)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  climate survey open: {time.monotonic() - started:.0f} s", flush=True)


def _ensure_round_open() -> None:
    from django.utils import timezone

    from elan.insights.models import Campaign

    campaign = Campaign.objects.filter(titles__en=CAMPAIGN_TITLE).order_by("-pk").first()
    round_ = campaign.rounds.order_by("-number").first() if campaign else None
    if round_ is None or not round_.opens_on <= timezone.localdate() <= round_.closes_on:
        print("The earlier climate survey has closed; opening another.", flush=True)
        _open_climate_survey()


def people_to_invite(seed: int) -> tuple[int, list[tuple[str, str]]]:
    """The open campaign, and the invited people who have not answered it yet.

    Only people without a role: administrators, HR, editors and moderators must log in with a
    second factor (docs/access.md), and most of the people a survey reaches have none.
    """
    from django.db import connection

    from elan.insights.models import Campaign

    campaign = Campaign.objects.filter(titles__en=CAMPAIGN_TITLE).order_by("-pk").first()
    round_ = campaign.rounds.order_by("-number").first()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT u.email, u.preferred_language
            FROM insights_participation p JOIN accounts_user u ON u.id = p.user_id
            WHERE p.round_id = %s AND p.responded_on IS NULL AND u.is_active
              AND NOT EXISTS (SELECT 1 FROM organisations_roleassignment r WHERE r.user_id = u.id)
            ORDER BY u.id
            """,
            [round_.pk],
        )
        people = [(email, language or "nl") for email, language in cursor.fetchall()]
    connection.close()
    random.Random(seed).shuffle(people)
    return campaign.pk, people


# --- Measuring ------------------------------------------------------------------------------


@dataclass
class CpuSampler:
    """CPU seconds spent by each part of the stack, sampled while locust runs.

    Every process that descends from this driver (gunicorn, nginx, Redis, locust) and every
    PostgreSQL backend connected to the benchmark's database, read from /proc. A process seen
    for the first time counts from then; one that ends keeps its last reading.
    """

    database_url: str
    first: dict[int, tuple[str, float]] = field(default_factory=dict)
    last: dict[int, float] = field(default_factory=dict)
    loads: list[float] = field(default_factory=list)

    def sample(self) -> None:
        self.loads.append(os.getloadavg()[0])
        for pid, part in [*self._descendants(), *self._database_backends()]:
            cpu = _cpu_seconds(pid)
            if cpu is None:
                continue
            self.first.setdefault(pid, (part, cpu))
            self.last[pid] = cpu

    def totals(self) -> dict[str, float]:
        spent: dict[str, float] = {}
        for pid, (part, cpu) in self.first.items():
            spent[part] = spent.get(part, 0.0) + self.last[pid] - cpu
        return spent

    def _descendants(self) -> list[tuple[int, str]]:
        children: dict[int, list[int]] = {}
        commands: dict[int, str] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
                command = Path(f"/proc/{entry.name}/cmdline").read_bytes()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
            commands[int(entry.name)] = command.replace(b"\0", b" ").decode(errors="replace")
        found, stack = [], list(children.get(os.getpid(), []))
        while stack:
            pid = stack.pop()
            stack.extend(children.get(pid, []))
            command = commands.get(pid, "")
            for part in ("gunicorn", "nginx", "redis-server", "locust", "db_worker"):
                if part in command:
                    found.append((pid, part))
                    break
        return found

    def _database_backends(self) -> list[tuple[int, str]]:
        import psycopg

        name = urlparse(self.database_url).path.lstrip("/")
        admin_url = urlparse(self.database_url)._replace(path="/postgres").geturl()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            ).fetchall()
        return [(pid, "postgresql") for (pid,) in rows]


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime, the 14th and 15th fields of /proc/<pid>/stat.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@dataclass
class RunResult:
    label: str
    users: int
    seconds: float
    rows: list[dict[str, str]]
    cpu: dict[str, float]
    loads: list[float]
    # The request count of every journey that reached its end.
    completed: list[int]

    def row(self, name: str) -> dict[str, str] | None:
        return next((row for row in self.rows if row["Name"] == name), None)

    @property
    def journey_rows(self) -> list[dict[str, str]]:
        return [r for r in self.rows if r["Name"] != "Aggregated" and "bare view" not in r["Name"]]

    @property
    def journey_requests(self) -> int:
        return sum(int(r["Request Count"]) for r in self.journey_rows)

    @property
    def journey_failures(self) -> int:
        return sum(int(r["Failure Count"]) for r in self.journey_rows)

    @property
    def error_rate(self) -> float:
        return self.journey_failures / max(1, self.journey_requests)

    @property
    def journeys(self) -> int:
        return len(self.completed)

    @property
    def requests_per_journey(self) -> float:
        return sum(self.completed) / len(self.completed) if self.completed else 0.0

    @property
    def journey_equivalents(self) -> float:
        """Requests divided by a whole journey's: the journeys under way when the run started
        or stopped count for the part they did, so a short step costs no more per journey."""
        per_journey = self.requests_per_journey
        return self.journey_requests / per_journey if per_journey else 0.0

    @property
    def server_cpu(self) -> float:
        return sum(self.cpu.get(part, 0.0) for part in SERVER_PARTS)

    @property
    def cpu_per_journey(self) -> float:
        equivalents = self.journey_equivalents
        return self.server_cpu / equivalents if equivalents else 0.0

    def journey_p95(self, samples: dict[str, list[tuple[float, int]]]) -> float:
        """p95 over every request of the journeys (not the bare view), from locust's own
        response-time histogram, weighting each request name by its count."""
        merged: list[tuple[float, int]] = []
        for row in self.journey_rows:
            for value, count in samples.get(row["Name"], []):
                merged.append((value, count))
        merged.sort()
        total = sum(count for _, count in merged)
        if not total:
            return 0.0
        running = 0
        for value, count in merged:
            running += count
            if running >= 0.95 * total:
                return value
        return merged[-1][0]


def run_locust(
    cluster: Cluster,
    *,
    label: str,
    users: int,
    seconds: int,
    out: Path,
    campaign: int,
    people_file: Path,
    offset: int,
    think: str,
    database_url: str,
) -> tuple[RunResult, dict[str, list[tuple[float, int]]], int]:
    prefix = out / label
    environment = {
        **{name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ},
        "LOAD_CA_FILE": str(cluster.ca_file),
        "LOAD_CAMPAIGN": str(campaign),
        "LOAD_PEOPLE_FILE": str(people_file),
        "LOAD_PEOPLE_OFFSET": str(offset),
        "LOAD_PASSWORD": PASSWORD,
        "LOAD_THINK_SECONDS": think,
        "LOAD_HISTOGRAM_FILE": f"{prefix}_histogram.json",
    }
    # Two users at a few requests a second for the bare views, the rest walk the journey.
    command = [
        str(LOCUST),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        cluster.proxy_url,
        "--users",
        str(users + 2),
        "--spawn-rate",
        str(max(1, users // 5 + 2)),
        "--run-time",
        f"{seconds}s",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    sampler = CpuSampler(database_url)
    with open(f"{prefix}_locust.log", "w") as log:
        started = time.monotonic()
        locust = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)
        while locust.poll() is None:
            sampler.sample()
            time.sleep(5)
        sampler.sample()
        elapsed = time.monotonic() - started
    if locust.returncode != 0:
        sys.exit(f"locust failed ({locust.returncode}); see {prefix}_locust.log")
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    left = json.loads(Path(f"{prefix}_histogram.json").read_text())
    result = RunResult(
        label, users, elapsed, rows, sampler.totals(), sampler.loads, left["completed_journeys"]
    )
    return result, left["samples"], left["people_used"]


# --- Reporting ------------------------------------------------------------------------------


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def table(result: RunResult, run_seconds: float) -> str:
    bare = result.row(BARE_NAME)
    bare_p50 = _number(bare["50%"]) if bare else 0.0
    lines = [
        "| request | requests | requests/s | p50 ms | p95 ms | p99 ms | errors | p50 / bare |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in result.rows:
        count = int(row["Request Count"])
        ratio = _number(row["50%"]) / bare_p50 if bare_p50 else 0.0
        name = "all requests" if row["Name"] == "Aggregated" else row["Name"]
        lines.append(
            f"| {name} | {count:,} | {count / run_seconds:.2f} | {row['50%']} | "
            f"{row['95%']} | {row['99%']} | {row['Failure Count']} | {ratio:.1f} |"
        )
    return "\n".join(lines)


def summary(result: RunResult, run_seconds: float, p95: float) -> str:
    cpu = result.cpu
    loads = result.loads or [0.0]
    per_journey = result.journey_equivalents or 1.0
    return "\n".join(
        [
            f"{result.users} journey users for {run_seconds:.0f} s: {result.journeys:,} journeys "
            f"completed, {result.requests_per_journey:.1f} requests each; "
            f"{result.journey_requests:,} journey requests "
            f"({result.journey_requests / run_seconds:.1f}/s, "
            f"{result.journey_equivalents / run_seconds * 60:.1f} journeys a minute), "
            f"p95 {p95:.0f} ms, errors {result.journey_failures} ({result.error_rate:.3%}).",
            f"Load average (1 min) during the run: min {min(loads):.1f}, "
            f"mean {sum(loads) / len(loads):.1f}, max {max(loads):.1f} on {os.cpu_count()} CPUs.",
            "CPU seconds spent: "
            + ", ".join(f"{part} {seconds:.0f}" for part, seconds in sorted(cpu.items()))
            + f"; serving (gunicorn, PostgreSQL, nginx, Redis) {result.server_cpu:.0f} s, "
            f"{result.server_cpu / result.seconds:.2f} of the {os.cpu_count()} cores, "
            f"{result.cpu_per_journey:.2f} CPU s per journey (gunicorn "
            f"{cpu.get('gunicorn', 0.0) / per_journey:.2f}, PostgreSQL "
            f"{cpu.get('postgresql', 0.0) / per_journey:.2f}, nginx "
            f"{cpu.get('nginx', 0.0) / per_journey:.3f}, Redis "
            f"{cpu.get('redis-server', 0.0) / per_journey:.3f}).",
        ]
    )


# --- The run --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--rebuild", action="store_true", help="prepare the database afresh")
    parser.add_argument("--prepare-only", action="store_true")
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument(
        "--web-workers",
        type=int,
        default=2,
        help="gunicorn sync workers per node (2 × 2 nodes: see bench/load/README.md)",
    )
    parser.add_argument("--steps", default="2,4,6,8,12,16,24,32", help="journey users per step")
    parser.add_argument("--step-seconds", type=int, default=90)
    parser.add_argument("--no-steps", action="store_true", help="only the hold")
    parser.add_argument("--hold-minutes", type=float, default=30)
    parser.add_argument("--hold-users", type=int, help="default: the last step below the limits")
    parser.add_argument("--no-hold", action="store_true")
    parser.add_argument("--p95-limit-ms", type=float, default=2000)
    parser.add_argument("--error-limit", type=float, default=0.001)
    parser.add_argument(
        "--think", default="0.5,1.5", help="seconds between two pages of a person, min,max"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, help="default: var/load/<date and time>")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("The load benchmark is defined on PostgreSQL.")
    if not LOCUST.exists():
        sys.exit("locust is missing: make load-venv")

    prepare(args.database_url, rebuild=args.rebuild)
    if args.prepare_only:
        return
    campaign, people = people_to_invite(args.seed)
    out = args.out or ROOT / "var" / "load" / f"{datetime.datetime.now(datetime.UTC):%Y%m%d-%H%M%S}"
    out.mkdir(parents=True, exist_ok=True)
    people_file = out / "people.json"
    people_file.write_text(json.dumps(people))
    print(f"{len(people):,} invited people have not answered yet; results in {out}", flush=True)

    extra_env = {
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        # Every simulated person logs in from 127.0.0.1; a building behind one address is what
        # the limit is for, and the run would measure the limit instead of the site.
        "LOGIN_RATE_LIMIT_PER_ADDRESS": "1000000/m/ip",
        "LOG_LEVEL": "WARNING",
    }
    report: list[str] = [
        f"# Load run {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"`{' '.join(['.venv/bin/python', 'bench/load/run.py', *sys.argv[1:]])}`",
        "",
        f"{args.nodes} nodes × {args.web_workers} gunicorn sync workers, nginx (TLS), Redis, "
        f"PostgreSQL; {os.cpu_count()} CPUs shared with the load generator and other jobs; "
        f"think time {args.think} s between pages.",
    ]
    offset = 0
    with Cluster(
        database_url=args.database_url,
        nodes=args.nodes,
        web_workers=args.web_workers,
        extra_env=extra_env,
        log_dir=out / "logs",
    ) as cluster:
        print(f"Cluster up: {cluster.proxy_url}", flush=True)
        hold_users = args.hold_users
        if not args.no_steps:
            report += ["", "## Step load", ""]
            report += [
                "| journey users | journeys/min | journey requests/s | p95 ms | errors | "
                "load avg | cores serving | serving CPU s per journey |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            ]
            details: list[str] = []
            breaking = None
            for users in [int(step) for step in args.steps.split(",")]:
                result, samples, used = run_locust(
                    cluster,
                    label=f"step-{users:03d}",
                    users=users,
                    seconds=args.step_seconds,
                    out=out,
                    campaign=campaign,
                    people_file=people_file,
                    offset=offset,
                    think=args.think,
                    database_url=args.database_url,
                )
                offset += used
                p95 = result.journey_p95(samples)
                loads = result.loads or [0.0]
                report.append(
                    f"| {users} | {result.journey_equivalents / args.step_seconds * 60:.1f} | "
                    f"{result.journey_requests / args.step_seconds:.1f} | {p95:.0f} | "
                    f"{result.error_rate:.2%} | {sum(loads) / len(loads):.1f} | "
                    f"{result.server_cpu / result.seconds:.2f} | {result.cpu_per_journey:.2f} |"
                )
                details += [
                    "",
                    f"### {users} journey users",
                    "",
                    summary(result, args.step_seconds, p95),
                    "",
                    table(result, args.step_seconds),
                ]
                print(report[-1], flush=True)
                if p95 > args.p95_limit_ms or result.error_rate > args.error_limit:
                    breaking = users
                    break
                hold_users = users if args.hold_users is None else args.hold_users
            steps = args.steps.split(",")
            report += [
                "",
                f"Breaking point: {breaking} journey users"
                if breaking
                else f"No breaking point up to {steps[-1]} journey users",
                f"(p95 over {args.p95_limit_ms:.0f} ms or errors over {args.error_limit:.2%}).",
            ]
            report += details
        if not args.no_hold and hold_users:
            seconds = int(args.hold_minutes * 60)
            print(f"Holding {hold_users} journey users for {seconds} s…", flush=True)
            result, samples, _used = run_locust(
                cluster,
                label="hold",
                users=hold_users,
                seconds=seconds,
                out=out,
                campaign=campaign,
                people_file=people_file,
                offset=offset,
                think=args.think,
                database_url=args.database_url,
            )
            p95 = result.journey_p95(samples)
            report += [
                "",
                f"## Hold: {hold_users} journey users for {args.hold_minutes:g} minutes",
                "",
                summary(result, seconds, p95),
                "",
                table(result, seconds),
            ]
    text = "\n".join(report) + "\n"
    (out / "report.md").write_text(text)
    print()
    print(text)


if __name__ == "__main__":
    main()
