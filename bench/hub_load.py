# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: knowledge hub pages and search under load on PostgreSQL, next to a bare view.

    python bench/hub_load.py [--database-url postgres://…/elan_bench_hub] [--port 8101]
                             [--workers 3] [--connections 8] [--seconds 15] [--skip-setup]

Set-up (not timed): recreates the PostgreSQL database, migrates it, loads the shipped hub
content (the same loader as ``load_hub_content``) and starts gunicorn (sync workers) on the
port with the base settings and DEBUG off: the same middleware stack (sessions, CSRF, locale,
CSP, axes) as a deployment, over HTTP on loopback.

Timed, each for ``--seconds`` after a short warm-up, with wrk (``apt-get install -y wrk``),
anonymous GETs as a visitor reads the hub:

- ``bare``: a view that returns "ok" through the full middleware: the floor of the stack; and
  the accessibility statement, a plain template page with the site's header and footer;
- the hub home, a section listing, a principle page with its linked items, a case shown in
  German as the English fallback: as visitors get them (from the page cache, checked against
  the hub's content version on every request), and two of them built afresh (a query string
  bypasses the cache);
- the navigator with an intention, and full-text searches (PostgreSQL
  ``websearch_to_tsquery`` with the language's configuration, ranked, with ``ts_headline``
  highlights for the page of results shown), with and without a filter.

Prints p50, p95, p99 and requests per second per URL; results go to docs/performance.md.
wrk and gunicorn share the machine's CPUs, so absolute figures are pessimistic on a small
machine; the comparison with the bare view in the same run is the fair one.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _database import recreate_database  # bench/ is sys.path[0] when a benchmark runs

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).resolve().parent / "hub_load_site"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_bench_hub"

TARGETS = [
    ("bare view (floor)", "/en/bench/bare/"),
    ("plain template page (accessibility)", "/en/accessibility/"),
    ("hub home (nl)", "/nl/hub/"),
    ("section listing (en, reading)", "/en/hub/reading/"),
    ("principle page (fr)", "/fr/hub/principles/learning-network/"),
    ("case, German fallback to English", "/de/hub/cases/innovation-fellowships/"),
    # A query string bypasses the visitors' page cache: the cost of building the page.
    ("principle page (fr), uncached", "/fr/hub/principles/learning-network/?uncached"),
    ("case, German fallback, uncached", "/de/hub/cases/innovation-fellowships/?uncached"),
    ("navigator with an intention (nl)", "/nl/hub/navigator/?intention=test-an-idea"),
    ("search (fr, 'innovation')", "/fr/hub/search/?q=innovation"),
    ("search (nl, word + type filter)", "/nl/hub/search/?q=kruisbestuiving&kind=principle"),
    ("search (de, with English fallbacks)", "/de/hub/search/?q=mentor"),
]

WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d, '
    .. '"p50": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration, errors, summary.errors.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def set_up(url: str) -> None:
    recreate_database(url)
    environment = {**os.environ, "DATABASE_URL": url}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "manage.py", "load_hub_content"],
        cwd=ROOT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(f"Hub content loaded in {time.monotonic() - started:.1f} s (not part of the figures).")


def start_gunicorn(url: str, port: int, workers: int) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench_hub_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(SITE)]),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "elan.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/bench/bare/") as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer within a minute")


def check_pages(port: int) -> None:
    """Every target answers 200 before it is measured; a broken page is no benchmark."""
    for label, path in TARGETS:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
            assert response.status == 200, f"{label}: {response.status}"


def run_wrk(url: str, *, seconds: int, connections: int, threads: int, script: str) -> dict:
    output = subprocess.run(
        [
            "wrk",
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            "--timeout=10s",
            f"--script={script}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1_000_000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--skip-setup", action="store_true", help="reuse the loaded database")
    args = parser.parse_args()

    if not args.skip_setup:
        set_up(args.database_url)
    server = start_gunicorn(args.database_url, args.port, args.workers)
    try:
        check_pages(args.port)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_REPORT)
        rows = []
        for label, path in TARGETS:
            url = f"http://127.0.0.1:{args.port}{path}"
            run_wrk(
                url,
                seconds=3,
                connections=args.connections,
                threads=args.threads,
                script=script.name,
            )
            result = run_wrk(
                url,
                seconds=args.seconds,
                connections=args.connections,
                threads=args.threads,
                script=script.name,
            )
            rows.append((label, result))
            print(
                f"{label:<40} p50 {result['p50'] / 1000:7.1f} ms  p95 {result['p95'] / 1000:7.1f}"
                f" ms  p99 {result['p99'] / 1000:7.1f} ms  {result['rps']:7.1f} req/s"
                f"  errors {result['errors'] + result['non2xx']}",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    print()
    print("| request | p50 (ms) | p95 (ms) | p99 (ms) | requests/s | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, result in rows:
        print(
            f"| {label} | {result['p50'] / 1000:.1f} | {result['p95'] / 1000:.1f} | "
            f"{result['p99'] / 1000:.1f} | {result['rps']:.0f} | "
            f"{result['errors'] + result['non2xx']} |"
        )
    print(f"\nLoad average after the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs.")


if __name__ == "__main__":
    main()
