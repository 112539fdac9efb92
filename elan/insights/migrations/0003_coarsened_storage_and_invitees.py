# SPDX-License-Identifier: EUPL-1.2
"""Answers are stored under unit codes and coarsened keys; invited people get a pseudonymous row.

Existing rounds are converted in place: each round's coarsening is worked out from its
participations (or, once those were deleted after their retention period, from its responses,
which only makes it stricter), the responses' keys are replaced by the stored ones, and the
invited people are written to ``Invitee`` under the campaign's pseudonyms.
"""

import hashlib
import hmac
import secrets

from django.db import migrations, models

TREE_STEP = 4


def _pseudonym(key: str, user_id: int) -> int:
    digest = hmac.new(bytes.fromhex(key), str(user_id).encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def forwards(apps, schema_editor):
    from elan.core.anonymity.coarsening import coarsen_keys

    Campaign = apps.get_model("insights", "Campaign")
    Invitee = apps.get_model("insights", "Invitee")
    Participation = apps.get_model("insights", "Participation")
    Response = apps.get_model("insights", "Response")
    for campaign in Campaign.objects.filter(rounds__isnull=False).distinct():
        if not campaign.population_key:
            campaign.population_key = secrets.token_hex(32)
            Campaign.objects.filter(pk=campaign.pk).update(population_key=campaign.population_key)
        for round_ in campaign.rounds.all():
            code_of = {path: code for code, path in round_.chart}
            if not code_of:
                continue
            root = min(round_.chart, key=lambda pair: len(pair[1]))[0]
            parent_of = {code: code_of.get(path[:-TREE_STEP]) for code, path in round_.chart}
            invited = list(
                Participation.objects.filter(round=round_).values_list(
                    "pk", "user_id", "unit_path", "language", "grade_band"
                )
            )
            answered = list(
                Response.objects.filter(round=round_).values_list(
                    "pk", "unit_path", "language", "grade_band"
                )
            )

            def precise(path, language, grade):
                return (code_of.get(path, root), (language or "", grade or ""))

            population = [precise(*row[2:]) for row in invited]
            response_keys = [precise(*row[1:]) for row in answered]
            if not set(response_keys) <= set(population):
                population = response_keys
            coarsening = coarsen_keys(population, parent_of, campaign.min_group)
            round_.pooled_units = sorted(coarsening.pooled)
            round_.partial_units = sorted(coarsening.partial)
            round_.save(update_fields=["pooled_units", "partial_units"])
            participations = []
            invitees = []
            for pk, user_id, path, language, grade in invited:
                key = precise(path, language, grade)
                participations.append(Participation(pk=pk, unit_code=key[0]))
                stored = coarsening.stored.get(key)
                if stored is None:
                    continue
                invitees.append(
                    Invitee(
                        round=round_,
                        pseudonym=_pseudonym(campaign.population_key, user_id),
                        unit_code=stored[0],
                        language=stored[1][0],
                        grade_band=stored[1][1],
                    )
                )
            Participation.objects.bulk_update(participations, ["unit_code"], batch_size=2000)
            invitees.sort(key=lambda invitee: invitee.pseudonym)
            Invitee.objects.bulk_create(invitees, batch_size=2000)
            responses = []
            for (pk, *_rest), key in zip(answered, response_keys, strict=True):
                unit_code, (language, grade) = coarsening.stored[key]
                responses.append(
                    Response(pk=pk, unit_code=unit_code, language=language, grade_band=grade)
                )
            Response.objects.bulk_update(
                responses, ["unit_code", "language", "grade_band"], batch_size=2000
            )


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0002_campaign_skills_instrument"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="population_key",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="round",
            name="pooled_units",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.AddField(
            model_name="round",
            name="partial_units",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.CreateModel(
            name="Invitee",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("pseudonym", models.BigIntegerField()),
                ("unit_code", models.CharField(max_length=64)),
                ("language", models.CharField(blank=True, max_length=8)),
                ("grade_band", models.CharField(blank=True, max_length=2)),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="invitees",
                        to="insights.round",
                    ),
                ),
            ],
            options={
                "verbose_name": "invited person (pseudonymous)",
                "verbose_name_plural": "invited people (pseudonymous)",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "pseudonym"), name="one_invitee_per_round"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="participation",
            name="unit_code",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="response",
            name="unit_code",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="response",
            name="insights_re_round_i_e1e028_idx",
        ),
        migrations.AddIndex(
            model_name="response",
            index=models.Index(
                fields=["round", "unit_code"], name="insights_re_round_i_29c31e_idx"
            ),
        ),
        migrations.RemoveField(model_name="participation", name="unit_path"),
        migrations.RemoveField(model_name="participation", name="language"),
        migrations.RemoveField(model_name="participation", name="grade_band"),
        migrations.RemoveField(model_name="response", name="unit_path"),
        migrations.RemoveField(model_name="round", name="responding_units"),
    ]
