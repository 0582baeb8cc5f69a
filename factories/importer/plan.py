"""What importing a file would do, worked out without writing anything.

Every row is parsed, then matched to the register by its registration number (the new
14-digit number when the row has one, else the old one) with a few bulk queries, and sorted
into create, update (with the fields that change) and unchanged. Lookups are loaded once;
there is no query per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from factories.importer import parsers
from factories.importer.columns import ColumnMap, map_columns
from factories.importer.geography import GeographyResolver
from factories.importer.reading import Table
from factories.importer.rows import (
    DATE_FIELDS,
    Issue,
    ParsedRow,
    RowConverter,
    type_flags_of,
)
from factories.models import RISK_FIELDS, Factory, FactoryType
from factories.reference import MAIN_TYPES, type_code
from offices.models import Office

CHUNK = 2000
PROGRESS_EVERY = 1000


@dataclass
class RowUpdate:
    pk: int
    row: ParsedRow
    fields: dict[str, object]  # field → new value, only those that change
    current: dict[str, object]  # the register's values of every field the file gives


@dataclass
class Plan:
    shape: str
    total_rows: int
    creates: list[ParsedRow] = field(default_factory=list)
    updates: list[RowUpdate] = field(default_factory=list)
    unchanged: list[ParsedRow] = field(default_factory=list)
    rejected: list[ParsedRow] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    new_types: dict[str, tuple[int, int]] = field(default_factory=dict)  # code → (number, item)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [issue for row in self.rejected for issue in row.errors]

    @property
    def has_errors(self) -> bool:
        return bool(self.rejected)


def _compare_fields(rows: Iterable[ParsedRow]) -> list[str]:
    names: set[str] = set()
    for row in rows:
        names.update(row.values)
    return sorted(names)


def _existing(rows: list[ParsedRow], fields: list[str]) -> tuple[dict[str, dict], dict[str, dict]]:
    """Current values of the factories the rows name, by new and by old number."""
    wanted_new = sorted({r.new_number for r in rows if r.new_number})
    wanted_old = sorted({r.old_number for r in rows if r.old_number})
    columns = sorted(
        {"pk", "registration_number", "old_registration_number", "office_id", "risk_overridden"}
        | set(fields)
    )
    by_new: dict[str, dict] = {}
    by_old: dict[str, dict] = {}
    for lookup, wanted in (
        ("registration_number__in", wanted_new),
        ("old_registration_number__in", wanted_old),
    ):
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            for values in Factory.objects.filter(**{lookup: chunk}).values(*columns):
                if values["registration_number"]:
                    by_new[values["registration_number"]] = values
                if values["old_registration_number"]:
                    by_old[values["old_registration_number"]] = values
    return by_new, by_old


def _reject(row: ParsedRow, column: str, value: str, message: str) -> None:
    row.errors.append(Issue(row.row_number, column, value, message))


def _match(
    row: ParsedRow,
    by_new: dict[str, dict],
    by_old: dict[str, dict],
    allowed_offices: set[str] | None,
    columns: ColumnMap,
) -> dict | None:
    """The factory a row updates, or None for a new one; conflicts reject the row."""
    old_column = (
        columns.header("old_registration_number") if "old_registration_number" in columns else ""
    )
    old_column = old_column or (columns.header("registration") if "registration" in columns else "")
    found_new = by_new.get(row.new_number) if row.new_number else None
    found_old = by_old.get(row.old_number) if row.old_number else None
    if found_new and found_old and found_new["pk"] != found_old["pk"]:
        _reject(
            row,
            old_column,
            row.old_number or "",
            _("เลขทะเบียนเดิมนี้เป็นของโรงงานอื่นในระบบ (คนละโรงงานกับเลขทะเบียน 14 หลัก)"),
        )
        return None
    current = found_new or found_old
    if current and row.new_number and current["registration_number"] not in (None, row.new_number):
        _reject(
            row,
            old_column,
            row.old_number or "",
            _("เลขทะเบียนเดิมนี้ผูกกับเลขทะเบียน 14 หลัก %(number)s ในระบบแล้ว")
            % {"number": current["registration_number"]},
        )
        return None
    if current and allowed_offices is not None and current["office_id"] not in allowed_offices:
        _reject(
            row,
            old_column,
            row.new_number or row.old_number or "",
            _("โรงงานเลขทะเบียนนี้อยู่ในความดูแลของสำนักงานอื่น"),
        )
        return None
    return current


def _month_first_columns(table: Table, columns: ColumnMap) -> frozenset[str]:
    """The date fields whose column writes its dates month first (see ``month_first``)."""
    found = set()
    for key in DATE_FIELDS:
        if key in columns:
            index = columns.columns[key][0]
            cells = (values[index] for _number, values in table.rows if index < len(values))
            if parsers.month_first(cells):
                found.add(key)
    return frozenset(found)


def build_plan(
    table: Table,
    *,
    allowed_provinces: set[str] | None,
    office_label: str = "",
    progress: Callable[[int], None] | None = None,
) -> Plan:
    columns = map_columns(table.header)
    types = list(FactoryType.objects.all())
    month_first = _month_first_columns(table, columns)
    converter = RowConverter(
        columns,
        geography=GeographyResolver(),
        type_flags=type_flags_of(types),
        office_codes=set(Office.objects.values_list("pk", flat=True)),
        allowed_provinces=allowed_provinces,
        office_label=office_label,
        month_first=month_first,
    )
    plan = Plan(shape=columns.shape, total_rows=len(table.rows), ignored_columns=columns.ignored)
    # How the file was read, when it was not simply its first row: said before any row's issue.
    plan.warnings.extend(Issue(table.header_row, "", "", note) for note in table.notes)
    plan.warnings.extend(
        Issue(
            table.header_row,
            columns.header(key),
            "",
            _("คอลัมน์นี้เขียนวันที่แบบ เดือน/วัน/ปี (ค.ศ.) จึงอ่านตามนั้น"),
        )
        for key in sorted(month_first)
    )
    parsed: list[ParsedRow] = []
    seen: dict[str, int] = {}
    for count, (row_number, cells) in enumerate(table.rows, start=1):
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
        skip = converter.skip_reason(cells)
        if skip is not None:
            plan.warnings.append(Issue(row_number, "", *skip))
            continue
        row = converter.convert(row_number, cells)
        for number in filter(None, (row.new_number, row.old_number)):
            first = seen.setdefault(number, row.row_number)
            if first != row.row_number:
                _reject(row, "", number, _("เลขทะเบียนซ้ำกับแถวที่ %(row)s") % {"row": first})
        parsed.append(row)

    known_types = {t.code for t in types}
    compare = _compare_fields(parsed)
    by_new, by_old = _existing([r for r in parsed if not r.errors], compare)
    allowed_offices = allowed_provinces  # an office's code is its province's code
    for row in parsed:
        current = None if row.errors else _match(row, by_new, by_old, allowed_offices, columns)
        if row.errors:
            plan.rejected.append(row)
            continue
        plan.warnings.extend(row.warnings)
        if row.type_code and row.type_code.code not in known_types:
            plan.new_types[row.type_code.code] = (row.type_code.number, row.type_code.item)
        if current is None:
            plan.creates.append(row)
            continue
        changes = {
            name: value
            for name, value in row.values.items()
            if current[name] != value and not (current["risk_overridden"] and name in RISK_FIELDS)
        }
        if changes:
            plan.updates.append(RowUpdate(current["pk"], row, changes, current))
        else:
            plan.unchanged.append(row)
    if progress:
        progress(len(table.rows))
    return plan


MAIN_TYPE_NAMES = {type_code(number, 0): name for number, name, _confirmed in MAIN_TYPES}
