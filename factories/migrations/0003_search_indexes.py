"""Trigram indexes behind the register's search box.

The factory list and the inspection plan find factories by any part of their name, operator or
old-style number (``icontains``, which PostgreSQL runs as ``UPPER(col) LIKE UPPER('%…%')``) and
by the start of the 14-digit number. Without an index every search reads all 70,000 factories of
a national register (seen: 67 ms for one query, twice per page); with these a rare name is found
in under a millisecond, and PostgreSQL still reads the table when most rows match ("บริษัท").
``pg_trgm`` is a trusted extension of PostgreSQL's contrib, so the database owner may create it.
SQLite searches its small demo databases well enough, so this migration only acts on PostgreSQL.
"""

from django.db import migrations

INDEXES = {
    "factory_name_trgm": "ON factories_factory USING gin (UPPER(name::text) gin_trgm_ops)",
    "factory_operator_trgm": (
        "ON factories_factory USING gin (UPPER(operator_name::text) gin_trgm_ops)"
    ),
    "factory_old_number_trgm": (
        "ON factories_factory USING gin (UPPER(old_registration_number::text) gin_trgm_ops)"
    ),
    "factory_number_trgm": "ON factories_factory USING gin (registration_number gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, body in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} {body}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("factories", "0002_thai_order_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
