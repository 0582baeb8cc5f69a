"""Rules and scorecards point at the MIND dimensions in core; policy's own model is gone from
the state, not from the database (the table is core's now)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_dimensions_in_core'),
        ('inspections', '0004_dimensions_in_core'),
        ('policy', '0003_scorecard_scores_bounded'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='rubricrule',
                    name='dimension',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rules', to='core.dimension', verbose_name='มิติ'),
                ),
                migrations.AlterField(
                    model_name='scorecard',
                    name='weakest_dimension',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.dimension', verbose_name='มิติที่อ่อนที่สุด'),
                ),
                migrations.DeleteModel(
                    name='Dimension',
                ),
            ],
            database_operations=[],
        ),
    ]
