# SPDX-License-Identifier: EUPL-1.2
# Barrier reports moved here from core with the site's shell (docs/adr/0013-layers-and-checks.md).
# The table stays where core created it: this migration only tells Django that the model now
# belongs to this app; core's 0003 forgets it there, and 0002 here renames the table.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("core", "0002_barrierreport_reporter_and_delivery"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BarrierReport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                        ("page_url", models.CharField(max_length=500, verbose_name="page")),
                        ("description", models.TextField(verbose_name="what went wrong")),
                        ("contact_email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail address for our answer")),
                        ("language", models.CharField(max_length=8, verbose_name="language")),
                        ("resolved_at", models.DateTimeField(blank=True, null=True, verbose_name="resolved at")),
                        ("notification_sent_at", models.DateTimeField(blank=True, null=True, verbose_name="e-mail sent at")),
                        ("notification_attempts", models.PositiveSmallIntegerField(default=0, verbose_name="e-mail attempts")),
                        ("notification_last_error", models.CharField(blank=True, max_length=300, verbose_name="last e-mail error")),
                        ("reporter", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="reported by (account)")),
                    ],
                    options={
                        "verbose_name": "accessibility barrier report",
                        "verbose_name_plural": "accessibility barrier reports",
                        "ordering": ["-created_at"],
                        "db_table": "core_barrierreport",
                        "indexes": [
                            models.Index(condition=models.Q(("notification_sent_at__isnull", True)), fields=["created_at"], name="barrier_report_unsent"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
