# SPDX-License-Identifier: EUPL-1.2
# The barrier reports' table takes this app's name, and so does their content type: the
# back office's log entries and the permission rows point at the content type, and follow it.

from django.db import migrations


def move_content_type(apps, schema_editor, *, source="core", target="portal"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    # A fresh database has no content types yet (they are made after migrating); one that
    # already has the target's keeps it.
    if content_types.filter(app_label=target, model="barrierreport").exists():
        return
    content_types.filter(app_label=source, model="barrierreport").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="portal", target="core")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="barrierreport", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
