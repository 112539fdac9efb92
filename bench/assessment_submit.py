# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: taking and submitting self-assessments under load, next to a bare Django view.

    python bench/assessment_submit.py [--database-url postgres://…/elan_bench_assessments]
                                      [--port 8200] [--workers 4] [--clients 8] [--seconds 30]

Set-up (not timed): recreates the PostgreSQL database, migrates it, loads the shipped frameworks
and instrument, creates one user per virtual client slot with a logged-in session, and starts
gunicorn (sync workers) on the port, with the same middleware stack as a deployment.

Timed, over HTTP on loopback, each for ``--seconds``:

1. ``bare``: GET of a view that returns "ok", through the full middleware (session, CSRF,
   locale, CSP, axes), as a logged-in person: the floor of the stack.
2. the self-assessment, as people take it: POST the start form (a new token), POST steps 1–3
   (six answers each, saved), POST step 4 with ``action=submit`` (saved, scored, submitted).
   Latency is reported per kind of request; "submit" is the scoring one.

Clients are Python threads with one keep-alive connection each, so the client shares the CPU with
the server: on a small machine the absolute figures are pessimistic, the comparison is fair. After
the run, the database is checked: exactly one submitted assessment per 302 answer to a submit.
Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from _database import recreate_database  # bench/ is sys.path[0] when a benchmark runs

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).resolve().parent / "assessment_submit_site"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_bench_assessments"
PASSWORD = "bench-password-not-secret"


def django_setup() -> None:
    sys.path[:0] = [str(ROOT), str(SITE)]
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_assessment_settings"
    import django

    django.setup()


def prepare(users: int) -> tuple[list[dict], dict[int, list[str]]]:
    """Users with sessions, and the item codes of each step."""
    from django.core.management import call_command
    from django.test import Client

    from elan.accounts.tests.factories import UserFactory
    from elan.assessments.selectors import items_on_step, step_count
    from elan.assessments.shipped import load_shipped_instruments

    call_command("migrate", verbosity=0)
    instrument = load_shipped_instruments()[0]
    steps = {
        step: [item.code for item in items_on_step(instrument, step)]
        for step in range(1, step_count(instrument) + 1)
    }
    people = []
    for number in range(users):
        user = UserFactory(email=f"bench{number}@elan.test", password=PASSWORD)
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        people.append({"id": user.pk, "session": client.cookies["sessionid"].value})
    return people, steps


class Session:
    """One virtual person on one keep-alive connection."""

    def __init__(self, port: int, person: dict) -> None:
        self.port = port
        self.cookies = {"sessionid": person["session"]}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.csrf = ""

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", text

    def fetch_csrf(self) -> None:
        status, _location, page = self.request("GET", "/en/assessments/")
        assert status == 200, status
        self.csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def run_clients(clients: int, seconds: float, work) -> tuple[dict[str, list[float]], float, int]:
    """Run ``work(index, record)`` in ``clients`` threads until the time is up."""
    stop = time.perf_counter() + seconds
    samples: dict[str, list[float]] = {}
    errors = [0]
    lock = threading.Lock()

    def record(kind: str, started: float) -> None:
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            samples.setdefault(kind, []).append(elapsed)

    def loop(index: int) -> None:
        while time.perf_counter() < stop:
            try:
                work(index, record)
            except Exception:  # counted, reported, and the run goes on
                with lock:
                    errors[0] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, time.perf_counter() - started, errors[0]


def summarise(name: str, samples: list[float], wall: float) -> str:
    return (
        f"| {name} | {len(samples):,} | {statistics.median(samples):.1f} | "
        f"{percentile(samples, 0.95):.1f} | {percentile(samples, 0.99):.1f} | "
        f"{len(samples) / wall:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.port in (8000, 8100):
        sys.exit("Ports 8000 and 8100 belong to other people's servers; choose another.")
    os.environ["DATABASE_URL"] = args.database_url

    print("Setting up (not timed)…", flush=True)
    recreate_database(args.database_url)
    django_setup()
    people, steps = prepare(users=args.clients)

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_assessment_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(SITE)]),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "elan.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        env=environment,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        for _ in range(120):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
                probe.request("GET", "/en/bench/bare/")
                probe.getresponse().read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            sys.exit("gunicorn did not answer")

        sessions = [Session(args.port, person) for person in people]
        for session in sessions:
            session.fetch_csrf()
        rng = random.Random(args.seed)

        def bare(index: int, record) -> None:
            started = time.perf_counter()
            status, _location, _body = sessions[index].request("GET", "/en/bench/bare/")
            assert status == 200
            record("bare view (GET)", started)

        submitted_redirects = [0]
        count_lock = threading.Lock()

        def assessment(index: int, record) -> None:
            session = sessions[index]
            started = time.perf_counter()
            status, location, _ = session.request(
                "POST",
                "/en/assessments/",
                {"csrfmiddlewaretoken": session.csrf, "token": str(uuid.uuid4())},
            )
            assert status == 302 and "/step/" in location, (status, location)
            record("start (POST)", started)
            step_path = location.rsplit("/step/", 1)[0]
            last = max(steps)
            for step, codes in steps.items():
                answers = {code: rng.randint(1, 5) for code in codes}
                answers["csrfmiddlewaretoken"] = session.csrf
                answers["action"] = "submit" if step == last else "next"
                started = time.perf_counter()
                status, location, _ = session.request("POST", f"{step_path}/step/{step}/", answers)
                assert status == 302, (status, location)
                if step == last:
                    assert location.endswith("/assessments/profile/"), location
                    record("submit and score (POST)", started)
                    with count_lock:
                        submitted_redirects[0] += 1
                else:
                    record("save a step (POST)", started)

        rows = []
        for name, work in (("bare", bare), ("assessment", assessment)):
            print(
                f"Running {name} for {args.seconds:.0f} s with {args.clients} clients…", flush=True
            )
            samples, wall, errors = run_clients(args.clients, args.seconds, work)
            for kind, values in samples.items():
                rows.append(summarise(kind, values, wall))
            if errors:
                rows.append(f"| {name}: errors | {errors} | | | | |")

        from elan.assessments.models import Assessment

        recorded = Assessment.objects.filter(status="submitted").count()
        load = os.getloadavg()
        print()
        print(
            f"PostgreSQL, gunicorn {args.workers} sync workers, {args.clients} clients, "
            f"{args.seconds:.0f} s per scenario, load average {load[0]:.1f} after the run"
        )
        print()
        print("| request | count | p50 ms | p95 ms | p99 ms | requests/s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for row in rows:
            print(row)
        print()
        print(
            f"Submitted assessments in the database: {recorded:,}; "
            f"302 answers to a submit: {submitted_redirects[0]:,}"
        )
        assert recorded == submitted_redirects[0], "a submission was lost or recorded twice"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
