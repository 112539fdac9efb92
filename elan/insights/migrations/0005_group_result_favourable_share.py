# SPDX-License-Identifier: EUPL-1.2
# The share of favourable answers per measure, stored with each published group like its means.
#
# Groups published before this field existed keep an empty share: it is computed only when a
# round closes, from the answers of the released groups, and reports show a dash for it.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0004_history_as_event_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="groupresult",
            name="favourable",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="share of favourable answers"
            ),
        ),
    ]
