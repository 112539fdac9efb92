# SPDX-License-Identifier: EUPL-1.2
"""The database's cache table, which every node shares: production's cache without Redis, and
the stand-in while Redis is down (elan/core/cache.py)."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(settings.CACHE_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_move_barrierreport_to_portal")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table, elidable=False)]
