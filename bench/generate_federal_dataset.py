# SPDX-License-Identifier: EUPL-1.2
"""Time the federal-scale dataset: 1,500 units and 65,000 people on PostgreSQL.

    python bench/generate_federal_dataset.py [--database-url postgres://postgres@127.0.0.1:5432/elan_bench]

Drops and recreates the database named in the URL, migrates it (not timed), then runs
``manage.py generate_federal_dataset`` and reports its wall time and the resulting counts.
Target: under two minutes (issue 3). Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from _database import recreate_database  # bench/ is sys.path[0] when a benchmark runs

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_bench"


def manage(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "elan.settings.base"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        sys.exit("The benchmark is defined on PostgreSQL.")
    recreate_database(options.database_url)
    manage(options.database_url, "migrate", "--no-input", "-v", "0")
    started = time.perf_counter()
    output = manage(options.database_url, "generate_federal_dataset")
    elapsed = time.perf_counter() - started
    print(output)
    print(f"wall time including start-up: {elapsed:.1f} s (target < 120 s)")
    sys.exit(0 if elapsed < 120 else 1)


if __name__ == "__main__":
    main()
