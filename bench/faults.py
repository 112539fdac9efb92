# SPDX-License-Identifier: EUPL-1.2
"""Fault figures of issue 21: the database, the cache and the mail server down, with the real parts.

    .venv/bin/python bench/faults.py [--database-url postgres://postgres@127.0.0.1:5432/elan_load]
        [--before 20] [--outage 15] [--after 20]

One cluster from tests/cluster.py (two gunicorn nodes with the production settings, nginx with
TLS and deploy/nginx/elan-proxy.conf, a Redis of its own), on the load benchmark's database
(``elan_load``, bench/load/run.py) or, when it is missing, a database ``elan_faults`` migrated
here. Three scenarios, each printed as a table; the script exits 1 if any expectation fails.

PostgreSQL stopped. The nodes reach PostgreSQL through a TCP forwarder in this script, because
the machine's PostgreSQL serves other people's work and must not be stopped. "Stopped" is the
forwarder closing its listening socket and resetting every open connection, so that the nodes
get what a stopped server gives them: connections reset, new ones refused. "Back" is the same
port listening again. A person creates experiment cards through both nodes, one after the other,
before, during and after the cut, which falls wherever a request happens to be; every answer is
kept, and afterwards every acknowledged card (302) is looked for in the database.

Redis stopped. A person logs in through each node and creates a card; five wrong passwords for
another account from one address lock it (429); ``/health/`` reports the cache; Redis starts
again and the nodes are polled until ``/health/`` says the cache is back, with no restart.

The mail server down. Delivery goes to SMTP on a port where nothing listens; three password
reset requests put three e-mails in the outbox; the task worker's delivery fails and leaves them
waiting with a later attempt time; ``run_scheduler --once`` (the scheduler's every-minute job)
fails again with a longer wait. Then a small SMTP server of this script listens on that port,
the e-mails' attempt time is moved to now (rather than waiting the real two minutes) and
``run_scheduler --once`` delivers; run again, it sends nothing more.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import html
import json
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from tests.cluster import VENV_BIN, Answer, Browser, Cluster, free_port  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_load"
FALLBACK_NAME = "elan_faults"
PASSWORD = "faults-bench-2026-horse"
HEADING = "Elan is temporarily unavailable"
# What a stack trace or a leaked exception would put in a page.
LEAK = re.compile(r"Traceback|OperationalError|InterfaceError|DatabaseError|psycopg|File \"/")
EXPERIMENT_NEW = "/en/experiments/new/"
RESET = "/en/accounts/password/reset/"


# --- The database link that can be cut ---------------------------------------------------------


class Forwarder:
    """A TCP forwarder to PostgreSQL on a loop of its own, so that the cut can fall mid-request."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.cut_at: float | None = None
        self.back_at: float | None = None
        self._server: asyncio.base_events.Server | None = None
        self._sockets: set[socket.socket] = set()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.run(self._listen())

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(30)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", self.port, reuse_address=True
        )

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        pair = [writer.get_extra_info("socket"), upstream_writer.get_extra_info("socket")]
        self._sockets.update(pair)
        try:
            await asyncio.gather(
                self._pipe(reader, upstream_writer), self._pipe(upstream_reader, writer)
            )
        finally:
            self._sockets.difference_update(pair)

    @staticmethod
    async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    def _cut(self) -> None:
        """As a server that stops: nothing listens, and every open connection is reset."""
        assert self._server is not None
        self._server.close()
        for sock in list(self._sockets):
            with contextlib.suppress(OSError):
                # Linger 0: the close sends a reset, as a killed server's kernel does.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.shutdown(socket.SHUT_RDWR)
        self._sockets.clear()
        self.cut_at = time.monotonic()

    async def _restore(self) -> None:
        await self._listen()
        self.back_at = time.monotonic()

    def schedule_outage(self, after: float, duration: float) -> None:
        self.loop.call_soon_threadsafe(self.loop.call_later, after, self._cut)
        self.loop.call_soon_threadsafe(
            self.loop.call_later,
            after + duration,
            lambda: asyncio.ensure_future(self._restore(), loop=self.loop),
        )


# --- The mail server that comes back -----------------------------------------------------------


class TinySMTP:
    """Just enough SMTP for Django's backend: each message kept with its envelope."""

    def __init__(self, loop: asyncio.AbstractEventLoop, port: int) -> None:
        self.port = port
        self.messages: list[tuple[str, list[str], bytes]] = []
        self._loop = loop

    def start(self) -> None:
        asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._session, "127.0.0.1", self.port, reuse_address=True),
            self._loop,
        ).result(10)

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def say(line: str) -> None:
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        sender, recipients = "", []
        await say("220 faults.test ESMTP")
        while line := await reader.readline():
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                await say("250 faults.test")
            elif verb == "MAIL":
                sender, recipients = command.partition(":")[2].strip(" <>"), []
                await say("250 OK")
            elif verb == "RCPT":
                recipients.append(command.partition(":")[2].strip(" <>"))
                await say("250 OK")
            elif verb == "DATA":
                await say("354 End with <CRLF>.<CRLF>")
                lines = []
                while (data := await reader.readline()) not in (b".\r\n", b""):
                    # The client doubles a leading dot (RFC 5321, 4.5.2); the message has one.
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.messages.append((sender, recipients, b"".join(lines)))
                await say("250 OK queued")
            elif verb == "QUIT":
                await say("221 Bye")
                break
            else:
                await say("250 OK")
        writer.close()

    def received_by(self, address: str) -> int:
        return sum(address in recipients for _, recipients, _ in self.messages)


# --- A browser ---------------------------------------------------------------------------------


def logged_in(answer: Answer) -> bool:
    return answer.status == 302 and "/accounts/login/" not in answer.location


def health(cluster: Cluster, node: int) -> tuple[int, dict]:
    answer = Browser(cluster, "127.0.0.40").request(node, "GET", "/health/")
    try:
        return answer.status, json.loads(answer.body)
    except ValueError:
        return answer.status, {"body": answer.body[:80]}


# --- Expectations and tables -------------------------------------------------------------------


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def expect(self, condition: bool, what: str) -> bool:
        print(f"  [{'ok' if condition else 'FAILED'}] {what}", flush=True)
        if not condition:
            self.failures.append(what)
        return condition


def table(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(name) for name, _ in rows)
    print(f"\n{title}\n")
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"| {'-' * width} | --- |")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    print(flush=True)


def translated_heading(language: str) -> str:
    catalogue = (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").read_text()
    found = re.search(rf'msgid "{re.escape(HEADING)}"\nmsgstr "([^"]+)"', catalogue)
    assert found, f"no {language} translation of {HEADING!r}"
    return found.group(1)


# --- Set-up ------------------------------------------------------------------------------------


def choose_database(url: str) -> str:
    """The load benchmark's database when it exists, else one of ours, migrated either way."""
    import psycopg

    parsed = urlparse(url)
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (parsed.path.lstrip("/"),)
        ).fetchone()
        if not exists:
            url = parsed._replace(path=f"/{FALLBACK_NAME}").geturl()
            if not connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (FALLBACK_NAME,)
            ).fetchone():
                connection.execute(f'CREATE DATABASE "{FALLBACK_NAME}"')
    print(f"Migrating {urlparse(url).path.lstrip('/')} (new migrations only)…", flush=True)
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "elan.settings.base"},
        check=True,
    )
    return url


def setup_django(url: str) -> None:
    """This script's own connection goes straight to PostgreSQL, past the forwarder."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "elan.settings.base"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def make_person(email: str) -> None:
    from django.contrib.auth import get_user_model

    person, _ = get_user_model().objects.get_or_create(email=email)
    person.first_name, person.last_name, person.preferred_language = "Fault", "Bench", "en"
    person.set_password(PASSWORD)
    person.save()


# --- Scenario: PostgreSQL stopped --------------------------------------------------------------


@dataclass
class Write:
    node: int
    title: str
    sent: float
    received: float
    answer: Answer


def database_scenario(
    cluster: Cluster, forwarder: Forwarder, email: str, args: argparse.Namespace, checks: Checks
) -> None:
    from elan.experiments.models import Experiment

    print("\n== PostgreSQL stopped ==", flush=True)
    browser = Browser(cluster, "127.0.0.41")
    checks.expect(logged_in(browser.log_in(0, email, PASSWORD)), "the writer logs in (node 0)")
    browser.request(1, "GET", EXPERIMENT_NEW)
    writes: list[Write] = []
    probes: dict[str, Answer] = {}
    outage_health: dict[int, tuple[int, dict]] = {}
    probes_done_at = 0.0
    start = time.monotonic()
    forwarder.schedule_outage(args.before, args.outage)
    stamp = int(time.time())
    number = 0
    while forwarder.back_at is None or time.monotonic() < forwarder.back_at + args.after:
        node = number % 2
        title = f"Fault bench {stamp} card {number}"
        sent = time.monotonic()
        answer = browser.request(node, "POST", EXPERIMENT_NEW, {"title": title})
        writes.append(Write(node, title, sent, time.monotonic(), answer))
        number += 1
        if (
            not probes
            and forwarder.cut_at is not None
            and forwarder.back_at is None
            and time.monotonic() > forwarder.cut_at + 1
        ):
            # Once, inside the outage: the page in two other languages, and the probe.
            probes["nl"] = browser.request(0, "GET", "/nl/experiments/new/")
            probes["fr"] = browser.request(1, "GET", "/fr/experiments/new/")
            outage_health = {i: health(cluster, i) for i in (0, 1)}
            probes_done_at = time.monotonic()
        if forwarder.back_at is None and time.monotonic() - start > args.before + args.outage + 60:
            break
    cut, back = forwarder.cut_at or 0.0, forwarder.back_at or float("inf")
    probes_inside = bool(probes) and probes_done_at < back
    after_health = {i: health(cluster, i) for i in (0, 1)}

    before = [w for w in writes if w.received < cut]
    during = [w for w in writes if w.sent >= cut and w.received <= back]
    after = [w for w in writes if w.sent >= back]
    straddling = [w for w in writes if w not in before and w not in during and w not in after]
    acknowledged = [w for w in writes if logged_in(w.answer)]
    refused = [w for w in writes if w.answer.status == 503]
    found = set(
        Experiment.objects.filter(title__in=[w.title for w in writes]).values_list(
            "title", flat=True
        )
    )
    lost = [w.title for w in acknowledged if w.title not in found]
    saved_despite_503 = [w.title for w in refused if w.title in found]
    leaks = [w for w in writes if LEAK.search(w.answer.body)] + [
        a for a in probes.values() if LEAK.search(a.body)
    ]
    recovery: dict[int, float | None] = {}
    for node in (0, 1):
        first = next((w for w in after if w.node == node and logged_in(w.answer)), None)
        recovery[node] = first.received - back if first else None

    def statuses(group: list[Write]) -> str:
        counts: dict[int, int] = {}
        for w in group:
            counts[w.answer.status] = counts.get(w.answer.status, 0) + 1
        return ", ".join(f"{status}×{n}" for status, n in sorted(counts.items())) or "none"

    nl, fr = translated_heading("nl"), translated_heading("fr")
    with_retry = sum(
        bool(w.answer.headers and w.answer.headers.get("Retry-After")) for w in refused
    )
    retry_value = (
        f"Retry-After: {refused[0].answer.headers.get('Retry-After')} s"
        if refused and refused[0].answer.headers
        else "-"
    )
    with_heading = sum(HEADING in html.unescape(w.answer.body) for w in refused)
    table(
        "PostgreSQL stopped (the forwarder cut) while one person creates cards through both nodes",
        [
            ("outage (cut → back)", f"{back - cut:.1f} s"),
            ("writes before the cut", f"{len(before)}: {statuses(before)}"),
            ("writes during the outage", f"{len(during)}: {statuses(during)}"),
            ("writes across the cut or the return", f"{len(straddling)}: {statuses(straddling)}"),
            ("writes after the return", f"{len(after)}: {statuses(after)}"),
            ("503 with Retry-After", f"{with_retry} of {len(refused)} ({retry_value})"),
            ("503 page, English heading", f"{with_heading} of {len(refused)}"),
            ("503 page at /nl/", _probe_text(probes.get("nl"), nl)),
            ("503 page at /fr/", _probe_text(probes.get("fr"), fr)),
            ("bodies with a traceback or exception name", str(len(leaks))),
            (
                "/health/ during the outage (node 0, node 1)",
                "; ".join(f"{s} {json.dumps(b)}" for s, b in outage_health.values()) or "not asked",
            ),
            (
                "/health/ after (node 0, node 1)",
                "; ".join(f"{s} {json.dumps(b)}" for s, b in after_health.values()),
            ),
            *(
                (
                    f"node {node}: back → first card saved",
                    f"{seconds:.2f} s" if seconds is not None else "never",
                )
                for node, seconds in recovery.items()
            ),
            (
                "slowest answer during the outage",
                f"{max((w.answer.seconds for w in during), default=0):.2f} s",
            ),
            (
                "acknowledged (302) / found in the database",
                f"{len(acknowledged)} / {len(acknowledged) - len(lost)}",
            ),
            ("acknowledged writes lost", str(len(lost))),
            (
                "answered 503 but saved anyway",
                f"{len(saved_despite_503)}"
                + "".join(
                    f"; node {w.node}, sent {w.sent - cut:+.2f} s,"
                    f" answered {w.received - cut:+.2f} s from the cut"
                    for w in refused
                    if w.title in saved_despite_503
                ),
            ),
        ],
    )
    checks.expect(forwarder.cut_at is not None and forwarder.back_at is not None, "outage made")
    checks.expect(bool(before) and all(logged_in(w.answer) for w in before), "all 302 before")
    checks.expect(
        bool(during) and all(w.answer.status == 503 for w in during),
        "every write inside the outage answered 503",
    )
    checks.expect(
        all(w.answer.status in (302, 503) for w in writes), "no other status (no 500, no 502)"
    )
    checks.expect(
        all(w.answer.headers and w.answer.headers.get("Retry-After") for w in refused),
        "every 503 has Retry-After",
    )
    checks.expect(
        all(HEADING in html.unescape(w.answer.body) for w in refused),
        "every 503 is the 'temporarily unavailable' page",
    )
    checks.expect(probes_inside, "the language probes and /health/ ran inside the outage")
    for language, expected in (("nl", nl), ("fr", fr)):
        answer = probes.get(language)
        checks.expect(
            answer is not None
            and answer.status == 503
            and bool(answer.headers and answer.headers.get("Retry-After"))
            and expected in html.unescape(answer.body),
            f"/{language}/ answers 503 with Retry-After and {expected!r}",
        )
    checks.expect(not leaks, "no page shows a traceback or an exception name")
    checks.expect(
        len(outage_health) == 2
        and all(
            status == 503 and body.get("status") == "unavailable"
            for status, body in outage_health.values()
        ),
        "/health/ answers 503, unavailable, during the outage",
    )
    checks.expect(
        all(
            status == 200 and body.get("database") == "ok" for status, body in after_health.values()
        ),
        "/health/ answers 200, database ok, after",
    )
    checks.expect(
        all(seconds is not None for seconds in recovery.values()),
        "both nodes save cards again after the return, without a restart",
    )
    for node in (0, 1):
        later = [
            w
            for w in after
            if w.node == node and recovery[node] is not None and w.received - back > recovery[node]
        ]
        checks.expect(
            all(logged_in(w.answer) for w in later), f"node {node}: every write after its first 302"
        )
    checks.expect(not lost, f"no acknowledged write lost ({len(acknowledged)} acknowledged)")


def _probe_text(answer: Answer | None, expected: str) -> str:
    if answer is None:
        return "not asked"
    retry = answer.headers.get("Retry-After") if answer.headers else None
    shown = expected in html.unescape(answer.body)
    text = f"“{expected}”" if shown else "NOT translated"
    return f"{answer.status}, Retry-After {retry}, {text}"


# --- Scenario: Redis stopped -------------------------------------------------------------------


def redis_scenario(cluster: Cluster, emails: dict[str, str], checks: Checks) -> None:
    from axes.models import AccessAttempt

    from elan.experiments.models import Experiment

    print("\n== Redis stopped ==", flush=True)
    cluster.stop_redis()
    stamp = int(time.time())
    logins, cards = {}, {}
    for node, source in ((0, "127.0.0.42"), (1, "127.0.0.43")):
        browser = Browser(cluster, source)
        logins[node] = browser.log_in(node, emails["cache"], PASSWORD)
        browser.request(node, "GET", EXPERIMENT_NEW)
        title = f"Fault bench {stamp} without Redis via node {node}"
        cards[node] = (title, browser.request(node, "POST", EXPERIMENT_NEW, {"title": title}))
    saved = Experiment.objects.filter(title__in=[t for t, _ in cards.values()]).count()
    attacker = Browser(cluster, "127.0.0.44")
    wrong = [attacker.log_in(node, emails["locked"], "wrong").status for node in (0, 1, 0, 1, 0)]
    right = attacker.log_in(1, emails["locked"], PASSWORD)
    attempts = list(
        AccessAttempt.objects.filter(username__iexact=emails["locked"]).values_list(
            "failures_since_start", flat=True
        )
    )
    down_health = {i: health(cluster, i) for i in (0, 1)}
    cluster.start_redis()
    started = time.monotonic()
    back: dict[int, float] = {}
    while len(back) < 2 and time.monotonic() - started < 30:
        for node in (0, 1):
            if node not in back and health(cluster, node)[1].get("cache") == "ok":
                back[node] = time.monotonic() - started
        time.sleep(0.25)
    after_login = Browser(cluster, "127.0.0.45").log_in(1, emails["cache"], PASSWORD)

    table(
        "Redis stopped",
        [
            *((f"login via node {n} (Redis down)", str(a.status)) for n, a in logins.items()),
            *(
                (f"card via node {n} (Redis down)", str(answer.status))
                for n, (_, answer) in cards.items()
            ),
            ("cards found in the database", f"{saved} of 2"),
            ("5 wrong passwords, nodes 0 1 0 1 0", " ".join(str(s) for s in wrong)),
            ("then the right password (node 1)", str(right.status)),
            ("lockout rows in the database (failures)", ", ".join(map(str, attempts)) or "none"),
            *(
                (f"/health/ node {n} (Redis down)", f"{s} {json.dumps(b)}")
                for n, (s, b) in down_health.items()
            ),
            *(
                (
                    f"node {n}: Redis started → /health/ cache ok",
                    f"{back[n]:.2f} s" if n in back else "not within 30 s",
                )
                for n in (0, 1)
            ),
            ("login after Redis is back (node 1)", str(after_login.status)),
        ],
    )
    checks.expect(all(logged_in(a) for a in logins.values()), "logins through both nodes work")
    checks.expect(
        all(logged_in(answer) for _, answer in cards.values()) and saved == 2,
        "cards created through both nodes are saved",
    )
    checks.expect(wrong == [200, 200, 200, 200, 429], "the fifth wrong password locks (429)")
    checks.expect(right.status == 429, "the locked account stays locked with the right password")
    checks.expect(attempts == [5], "the lockout is counted in the database (5 failures)")
    checks.expect(
        all(
            s == 200 and b.get("cache") == "unavailable" and b.get("database") == "ok"
            for s, b in down_health.values()
        ),
        "/health/ says cache unavailable with 200",
    )
    checks.expect(len(back) == 2 and max(back.values()) <= 10, "/health/ says cache ok within 10 s")
    checks.expect(logged_in(after_login), "login works after Redis is back")


# --- Scenario: the mail server down ------------------------------------------------------------


def hold_other_jobs(started) -> None:
    """Let ``run_scheduler --once`` run the e-mail delivery only.

    The load database holds 65,000 people: the daily jobs would run for minutes and could send
    e-mails of their own. Their current runs are claimed as done (and removed at the end); the
    delivery's claim for this minute is freed, since each ``--once`` here stands for the
    scheduler's next minute.
    """
    from django.utils import timezone

    from elan.core.models import ScheduledRun
    from elan.core.scheduling import JOBS

    now = timezone.now()
    # This period's runs and the next: a run may start after a five-minute boundary.
    moments = (now, now + datetime.timedelta(minutes=2))
    for job, due_at in {(job, job.due_at(moment)) for job in JOBS for moment in moments}:
        if job.name == "deliver_emails":
            ScheduledRun.objects.filter(job=job.name, due_at=due_at).delete()
            continue
        ScheduledRun.objects.get_or_create(
            job=job.name,
            due_at=due_at,
            defaults={
                "started_at": started,
                "finished_at": started,
                "outcome": ScheduledRun.Outcome.DONE,
                "error": "faults-bench",
            },
        )


def run_scheduler_once(cluster: Cluster, started) -> tuple[float, str]:
    hold_other_jobs(started)
    began = time.monotonic()
    result = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "run_scheduler", "--once", "-v", "2"],
        cwd=ROOT,
        env=cluster.env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = (result.stdout + result.stderr).strip().replace("\n", "; ")
    return time.monotonic() - began, output


def mail_scenario(
    cluster: Cluster,
    forwarder: Forwarder,
    smtp_port: int,
    emails: list[str],
    started,
    checks: Checks,
) -> None:
    from django.db.models import Max
    from django.utils import timezone

    from elan.core.models import OutgoingEmail

    print("\n== The mail server down ==", flush=True)
    first_id = (OutgoingEmail.objects.aggregate(Max("pk"))["pk__max"] or 0) + 1

    def mine():
        # A new query each time: a queryset read once keeps its first answer.
        return OutgoingEmail.objects.filter(pk__gte=first_id).order_by("pk")

    def snapshot() -> list[tuple[str, int, str, float]]:
        now = timezone.now()
        return [
            (row.status, row.attempts, row.last_error, (row.next_attempt_at - now).total_seconds())
            for row in mine()
        ]

    cluster.start_task_worker()
    resets = []
    for index, address in enumerate(emails):
        browser = Browser(cluster, f"127.0.0.{51 + index}")
        node = index % 2
        browser.request(node, "GET", RESET)
        resets.append(browser.request(node, "POST", RESET, {"email": address}).status)
    # The worker starts (Django and OR-Tools imported on two busy cores), then runs the tasks.
    waited = time.monotonic()
    while time.monotonic() - waited < 180:
        rows = snapshot()
        if len(rows) >= len(emails) and all(attempts >= 1 for _, attempts, _, _ in rows):
            break
        time.sleep(1)
    worker_seconds = time.monotonic() - waited
    after_worker = snapshot()
    # The scheduler's retry with the server still down: a refusing server is tried once per
    # delivery, so the first e-mail due is tried again and the others wait for the next run.
    mine().update(next_attempt_at=timezone.now())
    seconds_down, output_down = run_scheduler_once(cluster, started)
    after_retry = snapshot()
    server = TinySMTP(forwarder.loop, smtp_port)
    server.start()
    mine().update(next_attempt_at=timezone.now())
    seconds_up, output_up = run_scheduler_once(cluster, started)
    received_once = {address: server.received_by(address) for address in emails}
    after_up = snapshot()
    seconds_again, output_again = run_scheduler_once(cluster, started)
    received_twice = {address: server.received_by(address) for address in emails}
    final = snapshot()

    def describe(rows: list[tuple[str, int, str, float]]) -> str:
        return "; ".join(
            f"{status}, attempts {attempts}, {error or '-'}"
            + (f", next in {wait / 60:+.1f} min" if status == "pending" else "")
            for status, attempts, error, wait in rows
        )

    table(
        "The mail server down: three password reset e-mails",
        [
            ("reset requests (nodes 0 1 0)", " ".join(map(str, resets))),
            (
                f"outbox after the worker's delivery (server down, {worker_seconds:.0f} s)",
                describe(after_worker),
            ),
            (f"scheduler --once, server down ({seconds_down:.0f} s)", output_down or "(quiet)"),
            ("outbox after the scheduler's retry", describe(after_retry)),
            (f"scheduler --once, server up ({seconds_up:.0f} s)", output_up or "(quiet)"),
            ("outbox after it", describe(after_up)),
            ("messages received per address", ", ".join(map(str, received_once.values()))),
            (f"scheduler --once again ({seconds_again:.0f} s)", output_again or "(quiet)"),
            (
                "messages received per address after it",
                ", ".join(map(str, received_twice.values())),
            ),
            ("messages the server received in all", str(len(server.messages))),
            ("outbox at the end", describe(final)),
        ],
    )
    checks.expect(resets == [302] * len(emails), "every reset request answered 302")
    checks.expect(
        len(after_worker) == len(emails)
        and all(s == "pending" and a >= 1 and 0 < w <= 60 for s, a, _, w in after_worker),
        "with the server down, each e-mail waits (pending, attempts ≥ 1, next within 1 min)",
    )
    retried = [row for row in after_retry if row[1] == 2]
    checks.expect(
        len(retried) == 1
        and 60 < retried[0][3] <= 120
        and all(s == "pending" for s, _, _, _ in after_retry),
        "the scheduler's retry fails again and waits longer (2 min), nothing lost",
    )
    checks.expect(all(n == 1 for n in received_once.values()), "each e-mail received exactly once")
    checks.expect(
        received_twice == received_once and len(server.messages) == len(emails),
        "delivery again sends nothing more",
    )
    checks.expect(all(s == "sent" for s, _, _, _ in final), "every e-mail marked sent")


# --- Clean-up ----------------------------------------------------------------------------------


def clean_up(emails: list[str], started) -> None:
    """Leave the shared load database as it was: our people, their cards, lockouts and runs."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth import get_user_model
    from django_tasks_db.models import DBTaskResult

    from elan.core.models import OutgoingEmail, ScheduledRun
    from elan.experiments.models import Experiment

    steps = [
        # The owner is set to null when a person goes; the cards would stay behind.
        lambda: Experiment.objects.filter(owner__email__in=emails).delete(),
        lambda: get_user_model().objects.filter(email__in=emails).delete(),
        *(
            lambda model=model: model.objects.filter(username__in=emails).delete()
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        ),
        lambda: OutgoingEmail.objects.filter(created_at__gte=started).delete(),
        lambda: ScheduledRun.objects.filter(started_at__gte=started).delete(),
        lambda: DBTaskResult.objects.filter(enqueued_at__gte=started).delete(),
    ]
    for step in steps:
        try:
            step()
        except Exception as error:  # a clean-up failure must not hide the figures
            print(f"Clean-up step failed: {type(error).__name__}: {error}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--before", type=float, default=20.0, help="seconds of writes before")
    parser.add_argument("--outage", type=float, default=15.0, help="seconds without PostgreSQL")
    parser.add_argument("--after", type=float, default=20.0, help="seconds of writes after")
    args = parser.parse_args()

    url = choose_database(args.database_url)
    setup_django(url)
    from django.utils import timezone

    started = timezone.now()
    stamp = int(time.time())
    emails = {
        name: f"faults.{stamp}.{name}@elan.test"
        for name in ("writer", "cache", "locked", "mail0", "mail1", "mail2")
    }
    for address in emails.values():
        make_person(address)

    parsed = urlparse(url)
    forwarder = Forwarder((parsed.hostname or "127.0.0.1", parsed.port or 5432))
    through_forwarder = parsed._replace(netloc=f"{parsed.username}@127.0.0.1:{forwarder.port}")
    smtp_port = free_port()
    checks = Checks()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}, database {parsed.path.lstrip('/')} through the "
        f"forwarder on port {forwarder.port}, SMTP on port {smtp_port}, load "
        f"{os.getloadavg()[0]:.1f}. Starting the cluster…",
        flush=True,
    )
    began = time.monotonic()
    # Kept after the run: the nodes' own account of each failure, for the record.
    log_dir = ROOT / "var" / "faults" / time.strftime("%Y%m%d-%H%M%S")
    try:
        with Cluster(
            database_url=through_forwarder.geturl(),
            extra_env={
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp_port),
                "EMAIL_TIMEOUT_SECONDS": "2",
            },
            log_dir=log_dir,
        ) as cluster:
            print(f"Cluster up in {time.monotonic() - began:.0f} s; logs in {log_dir}.", flush=True)
            try:
                database_scenario(cluster, forwarder, emails["writer"], args, checks)
                redis_scenario(cluster, emails, checks)
                mail_scenario(
                    cluster,
                    forwarder,
                    smtp_port,
                    [emails[f"mail{i}"] for i in range(3)],
                    started,
                    checks,
                )
            finally:
                if checks.failures:
                    print(cluster.logs(lines=60), flush=True)
    finally:
        clean_up(list(emails.values()), started)
    print(
        f"\nLoad average at the end {os.getloadavg()[0]:.1f}; {len(checks.failures)} failed "
        f"expectation(s){': ' + '; '.join(checks.failures) if checks.failures else ''}.",
        flush=True,
    )
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
