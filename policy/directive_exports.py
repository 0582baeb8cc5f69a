"""The directives tracker's list as a spreadsheet, written as a stream so a national list fits."""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.spreadsheets import row_cells
from policy.models import Directive


def assignee_label(directive: Directive) -> str:
    """Who must act: the unit's code and name, or the office."""
    if directive.unit_id is None:
        return directive.visit.office.short_name
    return f"{directive.unit.code} {directive.unit.name}"


def directives_xlsx(directives: QuerySet[Directive], out: IO[bytes], *, today: dt.date) -> int:
    """Write ``directives`` (as the tracker reads them, with ``last_progress_on``) to ``out``;
    returns the row count."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("ข้อสั่งการ"))
    headers = [
        _("ข้อสั่งการ"),
        _("สำนักงาน"),
        _("รอบการตรวจราชการ"),
        _("ผู้รับผิดชอบ"),
        _("กำหนดเสร็จ"),
        _("สถานะ"),
        _("เลยกำหนด (วัน)"),
        _("ความคืบหน้าล่าสุด"),
        _("ปิดเมื่อ"),
        _("หลักฐานการดำเนินการ"),
    ]
    sheet.append(row_cells(sheet, headers, bold=True))
    count = 0
    for directive in directives.iterator(chunk_size=2000):
        late = (
            (today - directive.due_on).days
            if directive.is_overdue(today) and directive.due_on
            else None
        )
        sheet.append(
            row_cells(
                sheet,
                [
                    directive.text,
                    directive.visit.office.short_name,
                    str(directive.visit.round),
                    assignee_label(directive),
                    directive.due_on,
                    directive.get_status_display(),
                    late,
                    directive.last_progress_on,
                    directive.closed_on,
                    directive.evidence,
                ],
            )
        )
        count += 1
    book.save(out)
    return count
