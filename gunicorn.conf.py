# SPDX-License-Identifier: EUPL-1.2
"""gunicorn's settings for Elan, read from the working directory (README, "Running it for real").

A request that waits on the database gives up after DATABASE_CONNECT_TIMEOUT_SECONDS to connect
and DATABASE_STATEMENT_TIMEOUT_SECONDS per statement, and answers 503 with Retry-After. The worker
timeout must stay well above both, or gunicorn kills the worker first and the person gets a
dropped connection instead of a page that says what happened (docs/security.md).
"""

import os


def _seconds(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"{name} must be a whole number of seconds, not {value!r}.") from None


wsgi_app = "elan.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _seconds("GUNICORN_WORKERS", 4)
timeout = _seconds("GUNICORN_TIMEOUT_SECONDS", 60)
graceful_timeout = 30
# Keep-alive behind the load balancer, shorter than its own idle timeout.
keepalive = 5

_statement_timeout = _seconds("DATABASE_STATEMENT_TIMEOUT_SECONDS", 10)
if _statement_timeout == 0:
    raise SystemExit(
        "DATABASE_STATEMENT_TIMEOUT_SECONDS=0 turns the statement timeout off, which is for a "
        "one-off command such as a long migration; the web server needs one."
    )
_database_budget = _seconds("DATABASE_CONNECT_TIMEOUT_SECONDS", 5) + _statement_timeout
if timeout <= _database_budget:
    raise SystemExit(
        f"GUNICORN_TIMEOUT_SECONDS ({timeout}) must be longer than the database's connect and "
        f"statement timeouts together ({_database_budget}), so that a slow database answers 503 "
        "instead of a killed worker."
    )

# gunicorn's control socket defaults to one path per user, so two gunicorns of one account on a
# host (two nodes, a test cluster, an upgrade beside the running release) would fight over it;
# Elan has no use for it.
control_socket_disable = True
