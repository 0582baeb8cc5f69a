"""Reading a register file into a header and rows, whatever its format and encoding.

CSV files come in UTF-8 (with or without a byte-order mark) or, when saved by Thai Windows,
TIS-620 / cp874: UTF-8 is tried first because a cp874 file is almost never valid UTF-8, while
any byte string decodes as cp874. XLSX files are read with openpyxl in read-only mode, first
worksheet, the first non-empty row being the header.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

Row = tuple[int, list[object]]  # (row number as the spreadsheet shows it, cell values)


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is in Thai."""


@dataclass
class Table:
    header: list[str]
    header_row: int
    rows: list[Row]
    encoding: str = ""
    format: str = "csv"
    notes: list[str] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874"), "cp874"
    except UnicodeDecodeError:
        raise ImportFileError(
            _("อ่านไฟล์ไม่ได้: ไม่ใช่ UTF-8 หรือ TIS-620 กรุณาบันทึกเป็น CSV UTF-8 หรือ XLSX")
        ) from None


def _blank_row(values: list[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _clean_header(values: list[object]) -> list[str]:
    return [("" if v is None else str(v)).replace("\ufeff", "").strip() for v in values]


def read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_row = 0
    rows: list[Row] = []
    # Rows are numbered as a spreadsheet shows them: a quoted cell with line breaks is one row.
    for number, values in enumerate(reader, start=1):
        if header is None:
            if _blank_row(values):
                continue
            header, header_row = _clean_header(values), number
            continue
        if not _blank_row(values):
            rows.append((number, list(values)))
    if header is None:
        raise ImportFileError(_("ไฟล์ว่าง ไม่พบแถวหัวตาราง"))
    return Table(header=header, header_row=header_row, rows=rows, encoding=encoding)


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError(_("อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ .xlsx")) from None
    try:
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        header_row = 0
        rows: list[Row] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            if header is None:
                if _blank_row(cells):
                    continue
                header, header_row = _clean_header(cells), number
                continue
            if not _blank_row(cells):
                rows.append((number, cells))
    finally:
        workbook.close()
    if header is None:
        raise ImportFileError(_("ไฟล์ว่าง ไม่พบแถวหัวตาราง"))
    return Table(header=header, header_row=header_row, rows=rows, format="xlsx")


def read_table(data: bytes) -> Table:
    """A CSV or XLSX file's table; the format is told by the file's first bytes, not its name."""
    if data[:4] == b"PK\x03\x04":
        return read_xlsx(data)
    if data[:4] == b"\xd0\xcf\x11\xe0":  # the old binary Excel format
        raise ImportFileError(_("ไม่รองรับไฟล์ .xls แบบเก่า กรุณาบันทึกเป็น .xlsx หรือ CSV"))
    return read_csv(data)
