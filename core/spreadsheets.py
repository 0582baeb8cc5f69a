"""Writing spreadsheets that people open in Excel: every exported and reported XLSX goes
through :func:`row_cells`, so that what a user typed can never run as a formula there.

openpyxl writes any text that starts with ``=`` as a live formula: a factory named
``=HYPERLINK("http://…","คลิก")`` or an imported cell ``=cmd|' /C calc'!A0`` would run when the
file is opened. Every value is therefore written as what it is (a number as a number, a date as
a date), and every text as text, whatever its first character.

Dates are real dates, so that Excel sorts and filters them, shown in the Buddhist Era by the
number format ``[$-107041E]``: Thai (041E) and the Thai Buddhist calendar (07).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

BE_DATE_FORMAT = "[$-107041E]dd/mm/yyyy"
BE_DATETIME_FORMAT = "[$-107041E]dd/mm/yyyy hh:mm"
FONT = "Sarabun"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def row_cells(
    sheet: WriteOnlyWorksheet, values: Iterable[object], *, bold: bool = False
) -> list[WriteOnlyCell]:
    """The cells of one row: numbers and dates typed, text always text."""
    cells = []
    font = Font(bold=True, name=FONT) if bold else None
    for value in values:
        if isinstance(value, Decimal):
            value = float(value)
        elif isinstance(value, datetime.datetime) and value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)  # Excel has no time zones
        elif value is not None and not isinstance(value, (int, float, datetime.date)):
            value = str(value)
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never "f", whatever the text starts with
        elif isinstance(value, datetime.datetime):
            cell.number_format = BE_DATETIME_FORMAT
        elif isinstance(value, datetime.date):
            cell.number_format = BE_DATE_FORMAT
        if font is not None:
            cell.font = font
        cells.append(cell)
    return cells
