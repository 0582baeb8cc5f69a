"""Reading a register file into a header and rows, whatever its format and encoding.

CSV files come in UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode text")
or, when saved by Thai Windows, TIS-620 / cp874: UTF-8 is tried first because a cp874 file is
almost never valid UTF-8, while any byte string decodes as cp874. XLSX files are read with
calamine (a compiled reader, eleven times faster than openpyxl on a national register:
3.3 s against 36.7 s for 70,000 rows), every sheet from cell A1 so that row numbers are the
ones Excel shows, after :mod:`factories.importer.workbook` has checked the file's real size
and in a process of its own under a memory and time limit.

The header is the first row that ``header_test`` accepts among the first rows of the file, so
a title such as "ทะเบียนโรงงาน จังหวัดปราจีนบุรี" above the table is passed over; in a
workbook, the first sheet that has such a row is read (a cover or summary sheet before it is
passed over too). Without a row that passes, the first non-empty row is the header, and the
column check that follows says what is missing.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from django.utils.translation import gettext as _

from factories.importer.parsers import clean_text
from factories.importer.workbook import WorkbookError, read_sheets

Row = tuple[int, list[object]]  # (row number as the spreadsheet shows it, cell values)
HeaderTest = Callable[[list[str]], bool]
HEADER_SEARCH_ROWS = 20  # non-empty rows looked at for the header
REPLACEMENT = "\ufffd"  # what a byte that is not UTF-8 is read as
# Letters read fine for each broken one, at least, in a UTF-8 file with a few broken letters.
# A cp874 file read as UTF-8 has far fewer fine than broken (0.27 per broken for the 40-row
# sample, 0.007 for a 5,000-row file), so the two are far apart.
UTF8_LETTERS_PER_BROKEN = 10


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
    accepted: bool = True  # whether the header passed the header test


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ImportFileError(_("อ่านไฟล์ไม่ได้: ไฟล์ UTF-16 เสียหาย")) from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a few broken letters (a text cut in the middle of a Thai letter by a
    # tool that counts bytes, a download cut short) is still UTF-8: read as cp874 it would be
    # garbage throughout.
    text = data.decode("utf-8-sig", errors="replace")
    broken = text.count(REPLACEMENT)
    letters = len(text) - len(text.encode("ascii", "ignore")) - broken  # non-ASCII, read fine
    if data.startswith(codecs.BOM_UTF8) or letters >= UTF8_LETTERS_PER_BROKEN * broken:
        return text, "utf-8"
    try:
        return data.decode("cp874"), "cp874"
    except UnicodeDecodeError:
        raise ImportFileError(
            _("อ่านไฟล์ไม่ได้: ไม่ใช่ UTF-8 หรือ TIS-620 กรุณาบันทึกเป็น CSV UTF-8 หรือ XLSX")
        ) from None


def _blank_row(values: list[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _clean_header(values: list[object]) -> list[str]:
    # A wrapped header cell ("เลขทะเบียน\nโรงงาน") is shown on one line in the report.
    return [" ".join(clean_text("" if v is None else str(v)).split()) for v in values]


def _table(
    numbered: Iterable[tuple[int, list[object]]], header_test: HeaderTest | None
) -> Table | None:
    """The header and the rows below it; None when there is no non-empty row at all."""
    filled = ((number, values) for number, values in numbered if not _blank_row(values))
    first = list(islice(filled, HEADER_SEARCH_ROWS))
    if not first:
        return None
    found = next(
        (
            index
            for index, (_number, values) in enumerate(first)
            if header_test is None or header_test(_clean_header(values))
        ),
        None,
    )
    at = found or 0
    number, values = first[at]
    table = Table(
        header=_clean_header(values),
        header_row=number,
        rows=first[at + 1 :] + list(filled),
        accepted=found is not None,
    )
    if at:
        table.notes.append(
            _("ข้าม %(count)s แถวแรกที่เป็นชื่อเรื่อง หัวตารางอยู่ที่แถว %(row)s") % {"count": at, "row": number}
        )
    return table


def read_csv(data: bytes, header_test: HeaderTest | None = None) -> Table:
    text, encoding = decode(data)
    # The delimiter that splits some line of the file's start the most: a title line above
    # the table may have none.
    lines = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    delimiter = max((",", ";", "\t"), key=lambda d: max(line.count(d) for line in lines))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Rows are numbered as a spreadsheet shows them: a quoted cell with line breaks is one row.
    table = _table(_csv_rows(reader), header_test)
    if table is None:
        raise ImportFileError(_("ไฟล์ว่าง ไม่พบแถวหัวตาราง"))
    _check_quotes(table, delimiter)
    table.encoding = encoding
    if REPLACEMENT in text:
        _note_broken_letters(table)
    return table


def _csv_rows(reader) -> Iterable[tuple[int, list[object]]]:
    """The reader's rows, numbered; a row the csv module cannot read fails the file with its
    number instead of an exception nobody can act on."""
    number = 0
    while True:
        number += 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # In practice a quote opened and never closed, so that the rest of the file
            # became one cell larger than the csv module's limit (131,072 characters).
            raise ImportFileError(
                _(
                    'อ่านไฟล์ CSV ไม่ได้ตั้งแต่แถวที่ %(row)s: มีเครื่องหมายคำพูด (") ที่ไม่ได้ปิด'
                    " หรือข้อความในช่องยาวเกินไป กรุณาแก้ไฟล์แล้วอัปโหลดใหม่"
                )
                % {"row": number}
            ) from None
        yield number, values


def _check_quotes(table: Table, delimiter: str) -> None:
    """Fail a file in which a quote opened and was never closed: the rows that follow it are in
    one cell, which shows as a line of that cell with about as many delimiters as a row."""
    enough = max(3, (len(table.header) - 1) // 2)
    for number, values in table.rows:
        for value in values:
            if not isinstance(value, str) or ("\n" not in value and "\r" not in value):
                continue
            if any(line.count(delimiter) >= enough for line in value.splitlines()[1:]):
                raise ImportFileError(
                    _(
                        'เครื่องหมายคำพูด (") ในแถวที่ %(row)s ไม่ได้ปิด ข้อมูลหลายแถวจึงรวมอยู่ในช่องเดียว'
                        " กรุณาแก้ไฟล์แล้วอัปโหลดใหม่"
                    )
                    % {"row": number}
                )


def _note_broken_letters(table: Table) -> None:
    rows = [
        number
        for number, values in table.rows
        if any(isinstance(v, str) and REPLACEMENT in v for v in values)
    ]
    shown = ", ".join(str(number) for number in rows[:10]) + (" …" if len(rows) > 10 else "")
    table.notes.append(
        _(
            "ไฟล์มีตัวอักษรที่ไม่ใช่ UTF-8 ที่ถูกต้อง (แสดงเป็น �) ในแถว %(rows)s"
            " ระบบอ่านส่วนที่เหลือตามปกติ กรุณาตรวจข้อความในแถวเหล่านี้"
        )
        % {"rows": shown}
    )


def read_xlsx(data: bytes, header_test: HeaderTest | None = None) -> Table:
    try:
        sheets = read_sheets(data)
    except WorkbookError as error:
        raise ImportFileError(str(error)) from None
    first: Table | None = None
    found: Table | None = None
    others: list[str] = []  # sheets after the one read that hold a register table too
    for name, cells in sheets:
        table = _table(enumerate(cells, start=1), header_test)
        if table is None:
            continue
        table.format = "xlsx"
        if table.accepted and found is not None:
            others.append(name)
        elif table.accepted:
            if first is not None:
                table.notes.append(_("อ่านจากแผ่นงาน “%(sheet)s”") % {"sheet": name})
            found = table
        first = first or table
    if found is not None:
        # A register split into a sheet per district: importing the first sheet alone, and
        # quietly, would leave the rest of the province out.
        if others:
            found.notes.append(
                _(
                    "นำเข้าเฉพาะแผ่นงานแรกที่มีตารางทะเบียนโรงงาน แผ่นงาน %(sheets)s มีตารางด้วยแต่ไม่ได้นำเข้า"
                    " กรุณาแยกเป็นไฟล์ละแผ่นงาน หรือรวมไว้ในแผ่นงานเดียว"
                )
                % {"sheets": ", ".join(f"“{sheet}”" for sheet in others)}
            )
        return found
    if first is None:
        raise ImportFileError(_("ไฟล์ว่าง ไม่พบแถวหัวตาราง"))
    return first


def read_table(data: bytes, header_test: HeaderTest | None = None) -> Table:
    """A CSV or XLSX file's table; the format is told by the file's first bytes, not its name."""
    if data[:4] == b"PK\x03\x04":
        return read_xlsx(data, header_test)
    if data[:4] == b"\xd0\xcf\x11\xe0":  # the old binary Excel format
        raise ImportFileError(_("ไม่รองรับไฟล์ .xls แบบเก่า กรุณาบันทึกเป็น .xlsx หรือ CSV"))
    return read_csv(data, header_test)
