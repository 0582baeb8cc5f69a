"""Checklist items point at the MIND dimensions in core (same table: state only)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_dimensions_in_core'),
        ('inspections', '0003_inspection_numbers_and_dates_bounded'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='checklistitem',
                    name='dimensions',
                    field=models.ManyToManyField(blank=True, related_name='checklist_items', to='core.dimension', verbose_name='มิติ MIND'),
                ),
            ],
            database_operations=[],
        ),
    ]
