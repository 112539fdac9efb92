# SPDX-License-Identifier: EUPL-1.2
"""Rater lists are reviewed before they go out; raters are keyed across an owner's rounds;
answers carry random keys and no answer time.

- A round starts as a draft (``status`` default); rounds already open or closed stay as they are.
- ``Invitation.answered_at`` goes: nothing may order the invitations by when they were used.
- ``RaterAnswer`` gets a random UUID key instead of an increasing id. A primary key cannot change
  type in place on PostgreSQL, so the answers move to a new table, written in the order of their
  new keys (the old table's order was the order they came in).
- Rounds not closed yet get their owner's rater-key secret and their colleagues' rater keys.
  Their raters who are not colleagues and have not answered yet move to the attributed group
  "outside the organisation": they had been told they would be anonymous among colleagues,
  which no longer holds. Closed rounds have no keys: each of their raters counts as someone new
  (docs/adr/0011-360-rounds-guarded-together.md).
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ANONYMOUS = ("peer", "direct_report", "other")


def copy_answers_in_key_order(apps, schema_editor):
    Legacy = apps.get_model("feedback", "LegacyRaterAnswer")
    RaterAnswer = apps.get_model("feedback", "RaterAnswer")
    rows = [
        RaterAnswer(id=uuid.uuid4(), response_id=response_id, item_id=item_id, value=value)
        for response_id, item_id, value in Legacy.objects.values_list(
            "response_id", "item_id", "value"
        ).iterator()
    ]
    rows.sort(key=lambda row: str(row.id))
    RaterAnswer.objects.bulk_create(rows, batch_size=2000)


def key_the_raters_of_rounds_not_closed(apps, schema_editor):
    from elan.feedback import tokens

    FeedbackRound = apps.get_model("feedback", "FeedbackRound")
    Invitation = apps.get_model("feedback", "Invitation")
    StaffRecord = apps.get_model("organisations", "StaffRecord")
    secrets_of: dict[int, bytes] = {}
    for round_ in FeedbackRound.objects.exclude(status="closed").order_by("created_at", "pk"):
        secret = secrets_of.setdefault(round_.owner_id, tokens.new_rater_secret())
        round_.rater_secret, round_.rater_secret_wrap = tokens.wrap_rater_secret(
            secret, round_.public_id
        )
        round_.rater_secret_id = tokens.rater_secret_id(secret)
        round_.save(update_fields=["rater_secret", "rater_secret_wrap", "rater_secret_id"])
        colleagues = set(
            StaffRecord.objects.filter(
                user__feedback_invitations__round=round_, user__is_active=True
            ).values_list("user_id", flat=True)
        )
        for invitation in Invitation.objects.filter(round=round_):
            if invitation.user_id in colleagues:
                invitation.rater_key = tokens.rater_key(secret, invitation.user_id)
                invitation.save(update_fields=["rater_key"])
            elif invitation.relationship in ANONYMOUS and not invitation.answered:
                invitation.relationship = "external"
                invitation.user_id = None
                invitation.save(update_fields=["relationship", "user"])


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0003_quality_snapshot"),
        ("organisations", "0001_initial"),
        ("assessments", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # --- answers: a random key, in a new table written in key order ---------------------
        migrations.RemoveConstraint(
            model_name="rateranswer",
            name="feedback_one_answer_per_item",
        ),
        migrations.RenameModel(old_name="RaterAnswer", new_name="LegacyRaterAnswer"),
        migrations.AlterField(
            model_name="legacyrateranswer",
            name="item",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="assessments.item",
            ),
        ),
        migrations.AlterField(
            model_name="legacyrateranswer",
            name="response",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="feedback.raterresponse",
            ),
        ),
        migrations.CreateModel(
            name="RaterAnswer",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("value", models.PositiveSmallIntegerField(verbose_name="answer")),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="rater_answers",
                        to="assessments.item",
                        verbose_name="item",
                    ),
                ),
                (
                    "response",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="feedback.raterresponse",
                        verbose_name="response",
                    ),
                ),
            ],
            options={
                "verbose_name": "360 answer",
                "verbose_name_plural": "360 answers",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("response", "item"), name="feedback_one_answer_per_item"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_answers_in_key_order, migrations.RunPython.noop),
        migrations.DeleteModel(name="LegacyRaterAnswer"),
        # --- invitations: no answer time, a rater key, one per person ------------------------
        migrations.AlterModelOptions(
            name="invitation",
            options={
                "ordering": ["pk"],
                "verbose_name": "rater invitation",
                "verbose_name_plural": "rater invitations",
            },
        ),
        migrations.RemoveField(model_name="invitation", name="answered_at"),
        migrations.AddField(
            model_name="invitation",
            name="rater_key",
            field=models.CharField(blank=True, max_length=64, verbose_name="rater key"),
        ),
        migrations.AlterField(
            model_name="invitation",
            name="invited_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="invited at"),
        ),
        migrations.AlterField(
            model_name="invitation",
            name="relationship",
            field=models.CharField(
                choices=[
                    ("manager", "Line manager"),
                    ("peer", "Peer"),
                    ("direct_report", "Direct report"),
                    ("other", "Other colleague"),
                    ("external", "Someone outside the organisation"),
                ],
                max_length=16,
                verbose_name="relationship",
            ),
        ),
        migrations.AlterField(
            model_name="raterresponse",
            name="relationship",
            field=models.CharField(
                choices=[
                    ("manager", "Line manager"),
                    ("peer", "Peer"),
                    ("direct_report", "Direct report"),
                    ("other", "Other colleague"),
                    ("external", "Someone outside the organisation"),
                ],
                max_length=16,
                verbose_name="rater group",
            ),
        ),
        # --- rounds: a draft and a review first; the owner's rater-key secret ----------------
        migrations.AddField(
            model_name="feedbackround",
            name="rater_secret",
            field=models.CharField(
                blank=True, max_length=64, verbose_name="wrapped rater-key secret"
            ),
        ),
        migrations.AddField(
            model_name="feedbackround",
            name="rater_secret_id",
            field=models.CharField(blank=True, max_length=16, verbose_name="rater-key secret id"),
        ),
        migrations.AddField(
            model_name="feedbackround",
            name="rater_secret_wrap",
            field=models.CharField(blank=True, max_length=16, verbose_name="wrapping key"),
        ),
        migrations.AlterField(
            model_name="feedbackround",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Choosing raters"),
                    ("in_review", "Rater list awaiting review"),
                    ("open", "Open for answers"),
                    ("closed", "Closed"),
                ],
                default="draft",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="roundevent",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="roundevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("opened", "Started"),
                    ("invited", "Rater added"),
                    ("rater_removed", "Rater removed"),
                    ("submitted_for_review", "Rater list sent for review"),
                    ("approved", "Rater list approved, invitations sent"),
                    ("sent_back", "Rater list sent back"),
                    ("review_skipped", "Invitations sent without a review"),
                    ("reminded", "Reminders sent"),
                    ("closed", "Closed"),
                    ("shared", "Report shared"),
                    ("share_revoked", "Sharing ended"),
                    ("rater_details_erased", "Raters' addresses and times erased"),
                ],
                max_length=24,
                verbose_name="what happened",
            ),
        ),
        migrations.RunPython(key_the_raters_of_rounds_not_closed, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("rater_key", ""), _negated=True),
                fields=("round", "rater_key"),
                name="feedback_one_invitation_per_person",
            ),
        ),
    ]
