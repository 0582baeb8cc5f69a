"""An office's register sorted by operator, read in Thai order from an index of its own.

Sorted by operator, an office's page 20 walked the national operator index and dropped the
other offices' factories on the way (10,936 rows read for the 1,000 before the page, 16 ms at
national scale); ``factory_office_name_th`` already serves the list sorted by name. PostgreSQL
only, as ``0002_thai_order_indexes``.
"""

from django.db import migrations

NAME = "factory_office_operator_th"
BODY = 'ON factories_factory (office_id, operator_name COLLATE "th-TH-x-icu", id)'


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} {BODY}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("factories", "0008_office_status_index_last_inspected")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
