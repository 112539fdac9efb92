# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: ending one person's sessions among a federal working day's worth of sessions.

    python bench/accounts_sessions.py [--database-url postgres://postgres@127.0.0.1:5432/elan_bench_accounts]
                                      [--people 30000] [--runs 7]

Set-up (not timed): recreates the PostgreSQL database, migrates it, creates ``--people`` accounts
with one open session each, written through the real session store (signed, encoded data).

Timed, p50 over ``--runs``, wall and process CPU time:

1. ``before``: what ``sessions_end_for`` did until the session table recorded whose a session is:
   read every unexpired session, decode it, delete the ones of the person.
2. ``after``: ``elan.accounts.services.sessions_end_for``, one indexed delete.
3. an import that deactivates 500 people, with the ``after`` way (``user_deactivate`` each).

Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _database import recreate_database  # bench/ is sys.path[0] when a benchmark runs

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/elan_bench_accounts"


def timed(function) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()

    recreate_database(options.database_url)
    env = {**os.environ, "DATABASE_URL": options.database_url}
    env["DJANGO_SETTINGS_MODULE"] = "elan.settings.base"
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True)

    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db import transaction
    from django.utils import timezone

    from elan.accounts import services
    from elan.accounts.models import Session, User
    from elan.accounts.sessions import SessionStore

    hash_ = "!unusable"
    users = User.objects.bulk_create(
        User(email=f"person{n}@bench.test", password=hash_) for n in range(options.people)
    )
    expiry = timezone.now() + timezone.timedelta(hours=10)
    store = SessionStore()
    rows = []
    for number, user in enumerate(users):
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: "x" * 64,
            "elan_session_started": 0,
            "elan_session_seen": 0,
        }
        rows.append(
            Session(
                session_key=f"bench{number:035d}",
                session_data=store.encode(data),
                expire_date=expiry,
                user_id=user.pk,
            )
        )
    Session.objects.bulk_create(rows, batch_size=5000)

    def before(user) -> int:
        ended = 0
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if session.get_decoded().get(SESSION_KEY) == str(user.pk):
                ended += 1
        return ended

    def measure(name: str, function, targets) -> None:
        walls, cpus = [], []
        for target in targets:
            with transaction.atomic():
                wall, cpu, ended = timed(functools.partial(function, target))
                assert ended == 1, f"{name} found {ended} sessions"
                transaction.set_rollback(True)
            walls.append(wall)
            cpus.append(cpu)
        print(
            f"{name:<8} p50 wall {statistics.median(walls) * 1000:8.1f} ms"
            f"   p50 CPU {statistics.median(cpus) * 1000:8.1f} ms"
        )

    targets = users[:: max(1, len(users) // options.runs)][: options.runs]
    print(f"{options.people:,} accounts, one open session each; {options.runs} runs")
    measure("before", before, targets)
    measure("after", lambda user: services.sessions_end_for(user=user), targets)

    def deactivate_leavers() -> None:
        for user in users[:500]:
            services.user_deactivate(user=user)
            # Inside the rolled-back transaction the on-commit hook never fires; call it here.
            services.sessions_end_for(user=user)

    with transaction.atomic():
        wall, cpu, _ = timed(deactivate_leavers)
        transaction.set_rollback(True)
    print(f"500 deactivations with their sessions: wall {wall:.2f} s, CPU {cpu:.2f} s")


if __name__ == "__main__":
    main()
