"""Spreadsheet exports of the orders list and the fiscal-year plan, with the lists' filters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.spreadsheets import row_cells
from inspections.models import Order


def _write(out: IO[bytes], title: str, headers: list[str], rows: Iterable[list]) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(row_cells(sheet, headers, bold=True))
    count = 0
    for row in rows:
        sheet.append(row_cells(sheet, row))
        count += 1
    book.save(out)
    return count


def orders_xlsx(orders: QuerySet[Order], out: IO[bytes]) -> int:
    """The orders as listed (their factory, office and inspection selected)."""
    headers = [
        _("สำนักงาน"),
        _("โรงงาน"),
        _("เลขทะเบียน"),
        _("ตามมาตรา"),
        _("เลขที่คำสั่ง"),
        _("วันที่ออกคำสั่ง"),
        _("กำหนดแล้วเสร็จ"),
        _("สถานะ"),
        _("วันที่ปิดคำสั่ง"),
        _("วันที่ตรวจ"),
    ]
    rows = (
        [
            o.office.short_name,
            o.factory.display_name,
            o.factory.display_number,
            o.get_section_display(),
            o.number,
            o.issued_on,
            o.deadline,
            o.get_status_display(),
            o.closed_on,
            o.inspection.inspected_on if o.inspection_id else None,
        ]
        for o in orders.iterator(chunk_size=2000)
    )
    return _write(out, _("คำสั่ง"), headers, rows)


def plan_xlsx(rows: Iterable, out: IO[bytes], *, people: dict, states: dict, reasons: dict) -> int:
    """The plan's rows (factories annotated by ``plan_for_office``)."""
    yes = _("ใช่")
    headers = [
        _("โรงงาน"),
        _("ผู้ประกอบการ"),
        _("เลขทะเบียน"),
        _("น้ำเสีย"),
        _("อากาศ"),
        _("ของเสียอันตราย"),
        _("เหตุที่อยู่ในแผน"),
        _("ผู้รับผิดชอบ"),
        _("สถานะ"),
    ]
    lines = (
        [
            f.display_name,
            f.operator_name,
            f.display_number,
            yes if f.wastewater_risk else "",
            yes if f.air_risk else "",
            yes if f.hazardous_waste_risk else "",
            reasons.get(f.entry_reason, ""),
            str(people[f.assigned_to_id]) if f.assigned_to_id in people else "",
            states.get(f.state, ""),
        ]
        for f in rows
    )
    return _write(out, _("แผนการตรวจ"), headers, lines)
