# SPDX-License-Identifier: EUPL-1.2
"""What the request benchmarks share: running a management command, and timing a call."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=os.environ,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def timed(function, runs: int, *, percentile: int = 95) -> dict:
    """Wall time, and the CPU time of this process (Django's share; PostgreSQL's is not in it).

    On a shared machine the wall time swells with other jobs' load; the CPU time does not.
    Returns the median, the given percentile (as ``p95``, ``p90``, …), the minimum and the
    median CPU time, in milliseconds.
    """
    function()  # warm-up: connections, template and query caches
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    walls.sort()
    return {
        "median": statistics.median(walls),
        f"p{percentile}": walls[max(0, round(percentile / 100 * len(walls)) - 1)],
        "min": walls[0],
        "cpu": statistics.median(cpus),
    }
