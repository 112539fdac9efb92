# SPDX-License-Identifier: EUPL-1.2
"""Instrument quality is read from stored steps, never computed live from the answers."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_invitation_rater_details_erased_at_close"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="QualitySnapshot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("self", "Self-assessments"),
                            ("360", "360 feedback"),
                            ("survey", "Surveys"),
                        ],
                        max_length=8,
                        verbose_name="source",
                    ),
                ),
                ("instrument_key", models.CharField(max_length=120, verbose_name="instrument")),
                ("taken_at", models.DateTimeField(verbose_name="taken at")),
                ("covers_until", models.DateTimeField(verbose_name="answers taken in up to")),
                (
                    "min_step",
                    models.PositiveSmallIntegerField(verbose_name="minimum of new people per step"),
                ),
                ("n", models.PositiveIntegerField(verbose_name="complete answer sets")),
                (
                    "step_n",
                    models.PositiveIntegerField(
                        verbose_name="complete answer sets added by this step"
                    ),
                ),
                ("moments", models.JSONField(default=dict, verbose_name="moments per scale")),
                (
                    "added_rounds",
                    models.JSONField(default=list, verbose_name="survey rounds added by this step"),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="organisations.unit",
                        verbose_name="organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "instrument quality snapshot",
                "verbose_name_plural": "instrument quality snapshots",
                "ordering": ["source", "instrument_key", "organisation", "-taken_at", "-pk"],
                "indexes": [
                    models.Index(
                        fields=["source", "instrument_key", "organisation", "-taken_at"],
                        name="feedback_quality_latest",
                    )
                ],
            },
        ),
    ]
