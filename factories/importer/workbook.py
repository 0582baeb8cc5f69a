"""Reading an uploaded workbook without letting it take the reader down.

A workbook is a zip of XML parts, and a small one can claim a great deal: a 1.5 KB file with
one value in A1 and one in XFD1048576 makes calamine allocate a dense range of 17 billion cells
(the process aborts, it cannot even raise), and 700 KB of zip can hold 200 MB of XML. So before
any reader sees a workbook, :func:`check_workbook` looks at it as plain bytes:

- the sizes the zip declares, added up, against :data:`MAX_XML_BYTES`; each part is then read
  at most that far, whatever it declared;
- the number of sheets.

Then :func:`read_sheets` hands the file to calamine in a child process with an address-space
limit and a time limit, so that a workbook too big to read costs a child, not the worker, and
ends as a Thai message on the batch. When the child fails, each worksheet's real extent is
found by walking its ``<row>`` and ``<c>`` tags in the order a reader places them (a cell
without a reference goes right of the one before), counting only cells that hold something
(Excel keeps formatted empty cells far out, and calamine skips them too), so that the message
names the far cell to delete.

A national register (70,000 rows × 30 columns, 119 MB of sheet XML) needs 2.1 million cells
and 120 MB; the limits leave room for five such files in one.
"""

from __future__ import annotations

import pickle
import re
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from django.utils.translation import gettext as _

MAX_XML_BYTES = 600 * 1024 * 1024  # what the workbook's parts may hold once unpacked
MAX_CELLS = 12_000_000  # rows × columns of one sheet's used area
MAX_SHEETS = 200
CHILD_MEMORY_BYTES = 3 * 1024**3  # address space of the reading process
CHILD_SECONDS = 180  # CPU and wall-clock time of the reading process
CHUNK = 4 * 1024 * 1024
PROJECT_DIR = Path(__file__).resolve().parents[2]

# A <row> or <c> tag, with an optional namespace prefix (the Open XML SDK writes <x:c>). <col>,
# <cols>, <cfRule> and the like do not match: the name must end right after "c" or "row".
TAG = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?(row|c)(?=[\s/>])([^>]*?)(/?)>")
CELL_REF = re.compile(rb'\br\s*=\s*["\']\$?([A-Za-z]{1,4})\$?([0-9]{1,8})["\']')
ROW_REF = re.compile(rb'\br\s*=\s*["\']([0-9]{1,8})["\']')
WORKSHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)


class WorkbookError(Exception):
    """The workbook cannot be read; the message is in Thai and tells the officer what to do."""


@dataclass
class SheetExtent:
    part: str
    rows: int = 0
    columns: int = 0

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def column_number(letters: bytes | str) -> int:
    """'A' → 1, 'XFD' → 16384."""
    number = 0
    for letter in letters.upper() if isinstance(letters, str) else letters.upper().decode():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _too_big() -> WorkbookError:
    return WorkbookError(
        _(
            "ไฟล์ Excel นี้เมื่อแตกออกมีขนาดเกิน %(mb)s MB ซึ่งใหญ่เกินทะเบียนโรงงานทั้งประเทศหลายเท่า"
            " กรุณาเปิดไฟล์แล้วบันทึกใหม่ (Save As) เป็น .xlsx หรือ CSV UTF-8 แล้วอัปโหลดอีกครั้ง"
        )
        % {"mb": MAX_XML_BYTES // (1024 * 1024)}
    )


def _corrupt() -> WorkbookError:
    return WorkbookError(_("อ่านไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ .xlsx"))


def sheet_extent(stream, part: str, budget: int) -> tuple[SheetExtent, int]:
    """The used area of one worksheet's XML, read from ``stream`` at most ``budget`` bytes far;
    returns the extent and the bytes read."""
    extent = SheetExtent(part)
    row = col = 0
    used = 0
    tail = b""
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        used += len(chunk)
        if used > budget:
            raise _too_big()
        text = tail + chunk
        # A tag cut by the chunk's end is read with the next chunk.
        cut = text.rfind(b"<")
        if cut != -1 and text.find(b">", cut) == -1:
            text, tail = text[:cut], text[cut:]
            if len(tail) > 64 * 1024:  # a tag that long is not a spreadsheet's
                raise _corrupt()
        else:
            tail = b""
        for match in TAG.finditer(text):
            name, attributes, empty = match.groups()
            if name == b"row":
                ref = ROW_REF.search(attributes)
                row = int(ref.group(1)) if ref else row + 1
                col = 0
                continue
            ref = CELL_REF.search(attributes)
            if ref:
                col = column_number(ref.group(1))
                row = int(ref.group(2))
            else:
                col += 1
            if not empty:  # a cell with a value, a formula or inline text
                extent.rows = max(extent.rows, row)
                extent.columns = max(extent.columns, col)
    return extent, used


def check_archive(data: bytes) -> zipfile.ZipFile:
    """The workbook as a zip, refused when the sizes it declares are too large or it holds more
    sheets than a register file would. Cheap: nothing is unpacked."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _corrupt() from None
    if sum(part.file_size for part in parts) > MAX_XML_BYTES:
        raise _too_big()
    if sum(1 for part in parts if WORKSHEET_PART.match(part.filename)) > MAX_SHEETS:
        raise WorkbookError(
            _(
                "ไฟล์ Excel นี้มีแผ่นงานเกิน %(n)s แผ่น มากเกินกว่าจะเป็นทะเบียนโรงงาน"
                " กรุณาเก็บไว้เฉพาะแผ่นงานทะเบียน"
            )
            % {"n": MAX_SHEETS}
        )
    return archive


def sheet_extents(data: bytes) -> list[SheetExtent]:
    """The used area of each worksheet, read from the XML itself (each part read no further
    than what the whole workbook may hold, whatever the zip declared)."""
    archive = check_archive(data)
    extents = []
    budget = MAX_XML_BYTES
    with archive:
        for part in archive.infolist():
            if not WORKSHEET_PART.match(part.filename):
                continue
            try:
                with archive.open(part) as stream:
                    extent, used = sheet_extent(stream, part.filename, budget)
            except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
                raise _corrupt() from None
            except RuntimeError:  # an encrypted part
                raise WorkbookError(
                    _("ไฟล์ Excel นี้ตั้งรหัสผ่านไว้ กรุณาเอารหัสผ่านออกแล้วอัปโหลดใหม่")
                ) from None
            budget -= used
            extents.append(extent)
    return extents


def _too_many_cells(extent: SheetExtent) -> WorkbookError:
    return WorkbookError(
        _(
            "แผ่นงานในไฟล์นี้มีข้อมูลไปถึงเซลล์ %(cell)s (%(columns)s คอลัมน์ × %(rows)s แถว)"
            " ใหญ่เกินกว่าที่ระบบอ่านได้ มักเกิดจากข้อมูลหลงอยู่ไกลจากตาราง"
            " กรุณาลบแถวและคอลัมน์ที่เกินตารางทะเบียนแล้วบันทึกใหม่"
        )
        % {
            "cell": f"{column_letters(extent.columns)}{extent.rows}",
            "columns": f"{extent.columns:,}",
            "rows": f"{extent.rows:,}",
        }
    )


def explain_failure(data: bytes) -> WorkbookError:
    """Why reading the workbook failed, as precisely as its XML tells."""
    try:
        extents = sheet_extents(data)
    except WorkbookError as error:
        return error
    for extent in extents:
        if extent.cells > MAX_CELLS:
            return _too_many_cells(extent)
    return WorkbookError(
        _(
            "ไฟล์ Excel นี้ใช้หน่วยความจำหรือเวลาเกินกว่าที่ระบบอ่านได้"
            " กรุณาเปิดไฟล์แล้วบันทึกใหม่เป็น .xlsx หรือ CSV UTF-8 แล้วอัปโหลดอีกครั้ง"
        )
    )


# --- the reading process -------------------------------------------------------------------


def _limit_this_process(memory: int, seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def read_sheets(data: bytes) -> list[tuple[str, list[list[object]]]]:
    """Every sheet of a checked workbook as (name, rows of cell values), each sheet from A1.

    Read by calamine in a child process under a memory and a time limit: a workbook that
    claims a far cell makes calamine abort on the allocation, which ends the child only. The
    sheets' XML is walked (slow: 7 s for a national register) only then, to say why."""
    check_archive(data).close()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "factories.importer.workbook",
                str(CHILD_MEMORY_BYTES),
                str(CHILD_SECONDS),
            ],
            input=data,
            capture_output=True,
            timeout=CHILD_SECONDS + 10,
            cwd=PROJECT_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise WorkbookError(
            _("อ่านไฟล์ Excel นานเกิน %(s)s วินาที กรุณาบันทึกเป็น CSV UTF-8 แล้วอัปโหลดใหม่")
            % {"s": CHILD_SECONDS}
        ) from None
    if done.returncode != 0 or not done.stdout:
        raise explain_failure(data)
    outcome, payload = pickle.loads(done.stdout)  # written by _child below, not by the upload
    if outcome == "password":
        raise WorkbookError(_("ไฟล์ Excel นี้ตั้งรหัสผ่านไว้ กรุณาเอารหัสผ่านออกแล้วอัปโหลดใหม่"))
    if outcome != "ok":
        raise _corrupt()
    return payload


def _child() -> None:  # pragma: no cover - runs in the reading process
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    _limit_this_process(int(sys.argv[1]), int(sys.argv[2]))
    data = sys.stdin.buffer.read()
    try:
        with CalamineWorkbook.from_filelike(BytesIO(data)) as workbook:
            sheets = [
                (name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
                for name in workbook.sheet_names
            ]
        result: tuple[str, object] = ("ok", sheets)
    except PasswordError:
        result = ("password", None)
    except (CalamineError, ValueError, OSError):
        result = ("corrupt", None)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":  # pragma: no cover
    _child()
