# SPDX-License-Identifier: EUPL-1.2
"""What the PostgreSQL benchmarks share: a fresh, empty database for each run."""

from __future__ import annotations

from urllib.parse import urlparse


def recreate_database(url: str) -> None:
    """Drop the database named in ``url`` and create it empty.

    FORCE ends a connection left behind by an interrupted earlier run, which would otherwise
    block the drop.
    """
    import psycopg  # only the PostgreSQL benchmarks need it

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin_url = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
