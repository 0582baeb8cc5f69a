"""Parsers for the cells of a DIW register file.

Each takes what a CSV or XLSX cell holds (text, a number, a date or nothing) and returns a
Python value, or raises :class:`CellError` with the reason in Thai. A dash or an empty cell is
"nothing" everywhere. Numbers may carry thousands separators; dates come as Excel serial
numbers, ``24/02/2566`` (Buddhist Era) or ISO. Numbers, dates, codes and registration numbers
may be typed in Thai digits (``๒๔/๐๒/๒๕๖๖``); names and addresses are kept as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core.thaidates import BE_OFFSET, THAI_MONTHS, THAI_MONTHS_SHORT
from factories.reference import TYPE_NUMBERS, type_code

BLANKS = frozenset({"", "-", "--", "–", "—", "n/a", "N/A", "null", "NULL", "None"})
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, past its fictitious 29 Feb 1900
FIRST_YEAR, LAST_YEAR = 1900, 2100  # CE; a date outside is a typing mistake


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the person importing."""


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() in BLANKS
    return False


def parse_text(value: object) -> str:
    """Text of a cell; whole numbers that a spreadsheet stored as floats lose their ``.0``."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return " ".join(text.split())


THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def parse_code(value: object) -> str:
    """Text of a cell that holds a number, a date or a code, in Arabic digits."""
    return parse_text(value).translate(THAI_DIGITS)


def parse_digits(value: object) -> str:
    """A code made of digits (postal code, ISIC) whatever the cell type; '' when blank."""
    text = parse_code(value)
    return text.replace(" ", "").replace("-", "")


def _number_text(value: object) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("ต้องเป็นตัวเลข"))
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = (str(value).strip().replace(",", "").replace(" ", "").replace("\u00a0", "")).translate(
        THAI_DIGITS
    )
    if text in BLANKS:
        return None
    return text


def parse_decimal(
    value: object, *, places: int = 2, max_digits: int = 16, negative: bool = False
) -> Decimal | None:
    """``"1,234.5"`` → ``Decimal("1234.50")``, rounded to the places the column keeps."""
    text = _number_text(value)
    if text is None:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("ต้องเป็นตัวเลข")) from None
    if not number.is_finite():
        raise CellError(_("ต้องเป็นตัวเลข"))
    if number < 0 and not negative:
        raise CellError(_("ต้องไม่ติดลบ"))
    if number.adjusted() >= max_digits - places:
        raise CellError(_("ตัวเลขมากเกินไป"))
    return number.quantize(Decimal(1).scaleb(-places))


def parse_int(value: object) -> int | None:
    """A count (workers): ``"6.0"`` → 6; fractions and negatives are errors."""
    number = parse_decimal(value, places=6, max_digits=18)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(_("ต้องเป็นจำนวนเต็ม"))
    if number > 10_000_000:
        raise CellError(_("ตัวเลขมากเกินไป"))
    return int(number)


def _checked(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CellError(_("วันที่อยู่นอกช่วงที่เป็นไปได้"))
    return day


def excel_serial_date(serial: float) -> dt.date:
    """Excel's day number: 39797 → 15 Dec 2008 (the same reading as Excel and openpyxl)."""
    if not 1 <= serial < 100_000:
        raise CellError(_("วันที่อยู่นอกช่วงที่เป็นไปได้"))
    return _checked(EXCEL_EPOCH + dt.timedelta(days=int(serial)))


_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_SERIAL = re.compile(r"^\d{1,5}(?:\.\d+)?$")
_MONTHS = {name: i for i, name in enumerate(THAI_MONTHS, start=1)} | {
    name.replace(".", ""): i for i, name in enumerate(THAI_MONTHS_SHORT, start=1)
}


def _year_ce(year: int) -> int:
    """Four-digit years above 2400 are Buddhist Era; two-digit years are BE 25xx."""
    if year < 100:
        year += 2500
    return year - BE_OFFSET if year > 2400 else year


def _make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return _checked(dt.date(_year_ce(year), month, day))
    except ValueError:
        raise CellError(_("วันที่ไม่ถูกต้อง")) from None


def parse_date(value: object) -> dt.date | None:
    """A date from an Excel serial number, ``24/02/2566``, ``2023-02-24`` or ``24 ก.พ. 2566``."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return _checked(value.date())
    if isinstance(value, dt.date):
        return _checked(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return excel_serial_date(float(value))
    text = str(value).strip().translate(THAI_DIGITS)
    if _SERIAL.match(text):
        return excel_serial_date(float(text))
    if match := _NUMERIC_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
        return _make_date(year, month, day)
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day)
    parts = text.replace(".", "").split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit() and parts[1] in _MONTHS:
        return _make_date(int(parts[2]), _MONTHS[parts[1]], int(parts[0]))
    raise CellError(_("อ่านวันที่ไม่ได้ (ใช้ วว/ดด/ปปปป เช่น 24/02/2566)"))


def parse_class(value: object) -> int | None:
    """จำพวก 1, 2 or 3, written ``3``, ``3.0`` or ``จำพวกที่ 3``."""
    text = parse_code(value)
    if not text:
        return None
    digits = text.removeprefix("จำพวกที่").removeprefix("จำพวก").strip()
    if digits in {"1", "2", "3"}:
        return int(digits)
    raise CellError(_("จำพวกโรงงานต้องเป็น 1, 2 หรือ 3"))


def parse_status(value: object) -> int | None:
    """The register's status flag: 0 licensed, 1 operating, 2 removed, 3 stopped."""
    text = parse_code(value)
    if not text:
        return None
    if text in {"0", "1", "2", "3"}:
        return int(text)
    raise CellError(_("สถานะโรงงานต้องเป็น 0, 1, 2 หรือ 3"))


@dataclass(frozen=True)
class TypeCode:
    code: str
    number: int
    item: int


_TYPE_LABEL = re.compile(r"^(\d{1,3})(?:\((\d{1,2})\))?$")


def parse_type_code(value: object) -> TypeCode | None:
    """``"00906"``, ``906`` (a spreadsheet dropped the zeros) or ``"9(6)"`` → type 9 item 6."""
    text = parse_code(value).replace(" ", "")
    if not text:
        return None
    if text.isdigit() and len(text) <= 5:
        code = text.zfill(5)
        number, item = int(code[:3]), int(code[3:])
    elif (match := _TYPE_LABEL.match(text)) and "(" in text:
        number, item = int(match.group(1)), int(match.group(2))
    else:
        raise CellError(_("รหัสประเภทโรงงานต้องเป็นตัวเลข 5 หลัก เช่น 00906"))
    if number not in TYPE_NUMBERS:
        raise CellError(_("ไม่มีประเภทโรงงานลำดับที่ %(number)s (มี 1 ถึง 107)") % {"number": number})
    return TypeCode(type_code(number, item), number, item)


def parse_new_number(value: object) -> str | None:
    """The 14-digit registration number; spreadsheets may hold it as a float."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = parse_code(value).replace(" ", "").replace("-", "")
    if len(text) == 14 and text.isdigit():
        return text
    raise CellError(_("เลขทะเบียนโรงงานแบบใหม่ต้องเป็นตัวเลข 14 หลัก"))


@dataclass(frozen=True)
class OldNumber:
    """What an old-style number says: ``จ3-9(6)-100/51ปจ`` is prefix จ, class 3, type 9
    item 6, running number 100, year 2551, province ปจ. Parts that cannot be read are None;
    the raw text is always kept."""

    raw: str
    prefix: str = ""
    class_number: int | None = None
    type_number: int | None = None
    item: int = 0
    running: int | None = None
    year_be: int | None = None
    province_abbr: str = ""

    @property
    def parsed(self) -> bool:
        return self.type_number is not None

    @property
    def type_code(self) -> str | None:
        if self.type_number is None or self.type_number not in TYPE_NUMBERS:
            return None
        return type_code(self.type_number, self.item)


_OLD_NUMBER = re.compile(
    r"^(?P<prefix>[^\d]*?)(?P<cls>\d)-(?P<type>\d{1,3})(?:\((?P<item>\d{1,2})\))?"
    r"-(?P<running>\d+)/(?P<year>\d{2}|\d{4})(?P<province>[^\d]*)$"
)
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-"})


def normalize_old_number(value: object) -> str:
    """The form an old number is stored and matched in: no spaces, plain dashes."""
    return "".join(parse_code(value).translate(_DASHES).split())


def parse_old_number(value: object) -> OldNumber | None:
    raw = normalize_old_number(value)
    if not raw:
        return None
    match = _OLD_NUMBER.match(raw)
    if not match:
        return OldNumber(raw=raw)
    year = int(match["year"])
    cls = int(match["cls"])
    return OldNumber(
        raw=raw,
        prefix=match["prefix"],
        class_number=cls if cls in (1, 2, 3) else None,
        type_number=int(match["type"]),
        item=int(match["item"] or 0),
        running=int(match["running"]),
        year_be=year + 2500 if year < 100 else year,
        province_abbr=match["province"],
    )


def looks_like_new_number(value: object) -> bool:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = parse_code(value).replace(" ", "").replace("-", "")
    return len(text) == 14 and text.isdigit()
