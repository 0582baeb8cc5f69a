"""Writing a plan to the register: in bulk, in one transaction, with history.

Every change an import makes shows in the factory's history (django-simple-history), with
the person who imported and the file name as the reason. Factory types that the file uses but
the register does not know yet (sub-items) are created first, named after their main type
and marked unconfirmed.

On PostgreSQL the rows go in with COPY and the history is copied from the written rows by one
INSERT … SELECT, because the ORM's per-object work would take most of a minute for a national
register of 70,000 factories. Elsewhere (SQLite for a first look) the ORM's bulk helpers of
django-simple-history do the same work more slowly.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg import sql
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from factories.importer.plan import CHUNK, MAIN_TYPE_NAMES, Plan
from factories.importer.rows import default_flags
from factories.models import Factory, FactoryType, ImportBatch
from factories.reference import type_code

BATCH_SIZE = 1000
REASON_MAX_LENGTH = Factory.history.model._meta.get_field("history_change_reason").max_length
UPDATE_TABLE = "factories_import_update"


@dataclass
class Written:
    created: int = 0
    updated: int = 0
    types_created: int = 0


def _create_types(plan: Plan) -> int:
    if not plan.new_types:
        return 0
    parents = {
        t.code: t
        for t in FactoryType.objects.filter(
            code__in={type_code(number, 0) for number, _item in plan.new_types.values()}
        )
    }
    new = []
    for code, (number, item) in sorted(plan.new_types.items()):
        parent = parents.get(type_code(number, 0))
        if parent is not None:
            name = parent.name
            flags = (parent.wastewater, parent.air_emissions, parent.hazardous_waste)
        else:
            fallback = _("ประเภทโรงงานลำดับที่ %(n)s") % {"n": number}
            name = MAIN_TYPE_NAMES.get(type_code(number, 0), fallback)
            flags = default_flags(number)
        new.append(
            FactoryType(
                code=code,
                number=number,
                item=item,
                name=name,
                name_confirmed=False,
                wastewater=flags[0],
                air_emissions=flags[1],
                hazardous_waste=flags[2],
                note=_("สร้างอัตโนมัติจากการนำเข้าทะเบียนโรงงาน"),
            )
        )
    FactoryType.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def write_plan(plan: Plan, *, batch: ImportBatch) -> Written:
    """Apply the plan's creates and updates; the caller decides whether rejected rows block."""
    reason = (_("นำเข้าจากไฟล์ %(name)s") % {"name": batch.file_name})[:REASON_MAX_LENGTH]
    with transaction.atomic():
        written = Written(types_created=_create_types(plan))
        write = _write_postgres if connection.vendor == "postgresql" else _write_orm
        write(plan, batch=batch, now=timezone.now(), reason=reason, written=written)
    return written


def _write_orm(plan: Plan, *, batch: ImportBatch, now, reason: str, written: Written) -> None:
    user = batch.uploaded_by
    new_factories = []
    for row in plan.creates:
        factory = Factory(**row.values)
        factory.last_import_batch = batch
        new_factories.append(factory)
    if new_factories:
        bulk_create_with_history(
            new_factories,
            Factory,
            batch_size=BATCH_SIZE,
            default_user=user,
            default_change_reason=reason,
            default_date=now,
        )
    written.created = len(new_factories)

    changes = {update.pk: update.fields for update in plan.updates}
    pks = sorted(changes)
    for start in range(0, len(pks), CHUNK):
        chunk = list(Factory.objects.filter(pk__in=pks[start : start + CHUNK]))
        fields: set[str] = set()
        for factory in chunk:
            for name, value in changes[factory.pk].items():
                setattr(factory, name, value)
                fields.add(name)
            factory.last_import_batch = batch
            factory.updated_at = now
        bulk_update_with_history(
            chunk,
            Factory,
            sorted(fields | {"last_import_batch", "updated_at"}),
            batch_size=BATCH_SIZE // 2,
            default_user=user,
            default_change_reason=reason,
            default_date=now,
        )
        written.updated += len(chunk)


def _text(statement: sql.Composable) -> str:
    """A composed statement as the text Django's cursor (and its query log) expects."""
    return statement.as_string(connection.connection)


def _plain(value: object) -> object:
    """Choices members as their values: psycopg would write an enum by name."""
    return value.value if isinstance(value, enum.Enum) else value


def _write_postgres(plan: Plan, *, batch: ImportBatch, now, reason: str, written: Written) -> None:
    table = Factory._meta.db_table
    fields = Factory._meta.concrete_fields
    column_of = {f.attname: f.column for f in fields}
    defaults = {f.attname: _plain(f.get_default()) for f in fields}
    defaults.update(created_at=now, updated_at=now, last_import_batch_id=batch.pk)
    created_ids: list[int] = []
    updated_ids: list[int] = []
    with connection.cursor() as cursor:
        if plan.creates:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(plan.creates)],
            )
            created_ids = [pk for (pk,) in cursor.fetchall()]
            attnames = [f.attname for f in fields]
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(f.column) for f in fields)
            )
            with cursor.cursor.copy(statement) as copy:
                for pk, row in zip(created_ids, plan.creates, strict=True):
                    values = row.values
                    copy.write_row(
                        [pk if a == "id" else values.get(a, defaults[a]) for a in attnames]
                    )
        if plan.updates:
            names = sorted({name for update in plan.updates for name in update.fields})
            columns = [sql.Identifier(column_of[name]) for name in names]
            cursor.execute(
                _text(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(UPDATE_TABLE)))
            )
            cursor.execute(
                _text(
                    sql.SQL("CREATE TEMP TABLE {} AS SELECT id, {} FROM {} WITH NO DATA").format(
                        sql.Identifier(UPDATE_TABLE),
                        sql.SQL(", ").join(columns),
                        sql.Identifier(table),
                    )
                )
            )
            statement = sql.SQL("COPY {} (id, {}) FROM STDIN").format(
                sql.Identifier(UPDATE_TABLE), sql.SQL(", ").join(columns)
            )
            with cursor.cursor.copy(statement) as copy:
                for update in plan.updates:
                    copy.write_row(
                        [update.pk] + [update.fields.get(n, update.current.get(n)) for n in names]
                    )
                    updated_ids.append(update.pk)
            assignments = [sql.SQL("{} = u.{}").format(column, column) for column in columns] + [
                sql.SQL("last_import_batch_id = %s"),
                sql.SQL("updated_at = %s"),
            ]
            cursor.execute(
                _text(
                    sql.SQL("UPDATE {} AS f SET {} FROM {} AS u WHERE f.id = u.id").format(
                        sql.Identifier(table),
                        sql.SQL(", ").join(assignments),
                        sql.Identifier(UPDATE_TABLE),
                    )
                ),
                [batch.pk, now],
            )
            cursor.execute(_text(sql.SQL("DROP TABLE {}").format(sql.Identifier(UPDATE_TABLE))))
        _history_postgres(cursor, created_ids, "+", now=now, reason=reason, batch=batch)
        _history_postgres(cursor, updated_ids, "~", now=now, reason=reason, batch=batch)
    written.created = len(created_ids)
    written.updated = len(updated_ids)


def _history_postgres(cursor, ids: list[int], kind: str, *, now, reason: str, batch) -> None:
    """One history row per written factory, copied from the rows as they now are."""
    if not ids:
        return
    history = Factory.history.model  # type: ignore[attr-defined]
    tracked = [
        sql.Identifier(f.column)
        for f in history._meta.concrete_fields
        if not f.name.startswith("history_")
    ]
    extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    statement = sql.SQL(
        "INSERT INTO {} ({}, {}) SELECT {}, %s, %s, %s, %s FROM {} WHERE id = ANY(%s)"
    ).format(
        sql.Identifier(history._meta.db_table),
        sql.SQL(", ").join(tracked),
        sql.SQL(", ").join(sql.Identifier(c) for c in extra),
        sql.SQL(", ").join(tracked),
        sql.Identifier(Factory._meta.db_table),
    )
    cursor.execute(_text(statement), [now, reason, kind, batch.uploaded_by_id, ids])
