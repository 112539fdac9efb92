# SPDX-License-Identifier: EUPL-1.2
"""A GIN index on the search vector, on PostgreSQL only (SQLite has no tsvector)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS knowledge_hubsearchentry_vector_gin "
            "ON knowledge_hubsearchentry USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS knowledge_hubsearchentry_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
