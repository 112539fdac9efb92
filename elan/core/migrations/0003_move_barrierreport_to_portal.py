# SPDX-License-Identifier: EUPL-1.2
# Barrier reports belong to the site's shell (elan.portal) now. Only Django's idea of the model
# moves: the table and its rows stay, and portal's 0001 takes the model over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_barrierreport_reporter_and_delivery"),
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="BarrierReport")],
            database_operations=[],
        ),
    ]
