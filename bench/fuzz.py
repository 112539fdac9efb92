# SPDX-License-Identifier: EUPL-1.2
"""Bad input at scale (issue 21, point 5): the public API and every form, fuzzed.

    python bench/fuzz.py [--form-examples 100] [--api-examples 60] [--minimum 10000]
                         [--database-url postgres://postgres@127.0.0.1:5432/elan_bench_fuzz]
                         [--seed ""]

Runs the fuzz tests of ``tests/test_fuzz_inputs.py`` with many more cases than CI does:

- the API: schemathesis reads the OpenAPI schema django-ninja serves at
  ``/api/insights/openapi.json`` and sends positive and negative cases of every operation to the
  application in-process (its WSGI interface), as a visitor, the employee and HR, with real
  campaigns and units mixed into the drawn values so that cases get past the lookups;
- every form of the platform (``FORM_PAGES``, which a test keeps complete): values made from the
  form's own fields, posted as raw bytes through the page that uses it, as a persona who may,
  each case rolled back so that every case starts from the same data.

Prints a table (form or operation, cases, 4xx, 2xx/3xx, 5xx) and the total; exits non-zero on
any 5xx, on a page that no longer builds its form, or on fewer than ``--minimum`` cases. Without
``--database-url`` the run uses the test settings' database (SQLite in memory); with it, a
PostgreSQL test database named after it (``test_`` + the name), created afresh.
``--seed`` changes every case drawn; the same seed gives the same cases.

Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--form-examples", type=int, default=100, help="cases per form page")
    parser.add_argument(
        "--api-examples", type=int, default=60, help="cases per operation, mode and login"
    )
    parser.add_argument("--minimum", type=int, default=10_000, help="fewer cases in all fails")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", default="")
    options = parser.parse_args()

    os.environ["ELAN_FUZZ_FORM_EXAMPLES"] = str(options.form_examples)
    os.environ["ELAN_FUZZ_API_EXAMPLES"] = str(options.api_examples)
    os.environ["ELAN_FUZZ_SEED"] = options.seed
    os.environ["DJANGO_SETTINGS_MODULE"] = "elan.settings.test"
    if options.database_url:
        os.environ["DATABASE_URL"] = options.database_url
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))

    import pytest

    # The same module the tests import, so that the tally they fill is the one printed here.
    from bench._fuzz import TALLY

    started, cpu = time.perf_counter(), time.process_time()
    code = pytest.main(
        [
            "tests/test_fuzz_inputs.py",
            "-k",
            "values_made_from_its_fields or schemathesis_cases",
            "-p",
            "no:cacheprovider",
            "-q",
            "--tb=no",
            "-W",
            "ignore",
            *(["--create-db"] if options.database_url else []),
        ]
    )
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu

    print()
    print(TALLY.table())
    total = sum(row.cases for row in TALLY.rows.values())
    server_errors = sum(row.server_errors for row in TALLY.rows.values())
    print(
        f"\n{total} cases, {server_errors} server errors, in {wall:.0f} s "
        f"({cpu:.0f} s CPU of this process; the database's is not in it)"
    )
    for failure in TALLY.failures:
        print(f"\n{failure}")
    if total < options.minimum:
        print(f"Fewer cases than --minimum ({options.minimum}).")
        return 1
    return 1 if server_errors or code != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
