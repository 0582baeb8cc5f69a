"""Indexes that let PostgreSQL read factories in Thai order instead of sorting them.

The factory list orders by ``name COLLATE "th-TH-x-icu"``; without a matching index every page
of a national list sorts 70,000 names. SQLite has no ICU collation to index on and sorts its
small demo databases well enough, so this migration only acts on PostgreSQL.
"""

from django.db import migrations

INDEXES = {
    "factory_name_th": 'ON factories_factory (name COLLATE "th-TH-x-icu", id)',
    "factory_office_name_th": 'ON factories_factory (office_id, name COLLATE "th-TH-x-icu", id)',
    "factory_operator_th": 'ON factories_factory (operator_name COLLATE "th-TH-x-icu", id)',
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, body in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {body}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("factories", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
