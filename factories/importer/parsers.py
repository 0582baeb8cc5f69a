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
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core import bounds
from core.thaidates import BE_OFFSET, EN_MONTHS, THAI_MONTHS, THAI_MONTHS_SHORT
from factories.reference import TYPE_NUMBERS, type_code

# "#N/A" is Excel's "not available" (a lookup that found nothing), as a saved CSV writes it.
BLANKS = frozenset({"", "-", "--", "–", "—", "n/a", "N/A", "#N/A", "null", "NULL", "None"})
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, past its fictitious 29 Feb 1900
# CE; a date outside is a typing mistake (the same bounds as the register's date fields)
FIRST_YEAR, LAST_YEAR = bounds.REGISTER_FIRST_DATE.year, bounds.LAST_DATE.year


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the person importing."""


# Characters that are invisible or that PostgreSQL refuses (NUL), as text copied from web pages,
# PDFs and old systems brings them: zero-width spaces and joiners, byte-order marks mid-text,
# and C0 control characters other than the whitespace that ``str.split`` already handles.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f\u200b-\u200d\u2060\ufeff]")
# Thai typed the way it looks rather than the way it is encoded: ำ as nikhahit + sara aa (text
# from PDFs), แ as two sara e. Either makes "ลําปาง" or "เเรงม้า" a different word to a computer.
_THAI_SPELLING = (("\u0e4d\u0e32", "\u0e33"), ("\u0e40\u0e40", "\u0e41"))
_UNCLEAN = re.compile("|".join([_INVISIBLE.pattern, *(typed for typed, _to in _THAI_SPELLING)]))


def clean_text(text: str) -> str:
    """Text without invisible characters, with ำ and แ in their one encoded form."""
    # One search first: nearly every cell has nothing to clean, and a file has millions.
    if not _UNCLEAN.search(text):
        return text
    text = _INVISIBLE.sub("", text)
    for typed, encoded in _THAI_SPELLING:
        text = text.replace(typed, encoded)
    return text


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        # A cell of invisible characters alone is not blank here, but every parser reads it
        # as empty once cleaned; checking here would cost a search per cell of the file.
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
    if _UNCLEAN.search(text):
        text = clean_text(text).strip()
        if text in BLANKS:
            return ""
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return " ".join(text.split())


THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def parse_phone(value: object) -> str:
    """A phone number; the leading 0 that a spreadsheet dropped by taking it for a number is
    put back. Every Thai number is dialled with a 0 first: 9 digits for a fixed line, 10 for a
    mobile, so 8 or 9 digits without it lost their 0."""
    text = parse_text(value)
    if text.isdigit() and len(text) in (8, 9) and not text.startswith("0"):
        return "0" + text
    return text


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
    text = str(value).strip().replace(",", "").replace(" ", "").replace("\u00a0", "")
    if not text.isascii() or not text.isprintable():  # plain digits, as most are, are clean
        text = clean_text(text).translate(THAI_DIGITS)
    if text in BLANKS:
        return None
    return text


def parse_decimal(
    value: object,
    *,
    places: int = 2,
    max_digits: int = 16,
    negative: bool = False,
    maximum: Decimal | None = None,
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
    if maximum is not None and number > maximum:
        raise CellError(_("ตัวเลขมากเกินไป (ไม่เกิน %(max)s)") % {"max": f"{maximum:,f}"})
    return number.quantize(Decimal(1).scaleb(-places))


def parse_int(value: object) -> int | None:
    """A count (workers): ``"6.0"`` → 6; fractions and negatives are errors."""
    number = parse_decimal(value, places=6, max_digits=18)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(_("ต้องเป็นจำนวนเต็ม"))
    if number > bounds.PEOPLE_MAX:
        raise CellError(_("ตัวเลขมากเกินไป (ไม่เกิน %(max)s)") % {"max": f"{bounds.PEOPLE_MAX:,}"})
    return int(number)


def _checked(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CellError(_("วันที่อยู่นอกช่วงที่เป็นไปได้"))
    return day


# A BE date typed into a Gregorian Excel ("10/05/2554") is kept by Excel as the day number of
# the year 2554 CE: 239,021. Such a number, whose year lands in these BE years, is read as BE.
BE_SERIAL_YEARS = (2400, 2700)
_SERIAL_LIMIT = (dt.date(BE_SERIAL_YEARS[1] + 1, 1, 1) - EXCEL_EPOCH).days


def is_be_serial(value: object) -> bool:
    """Whether a cell is an Excel day number that is only a date when read as BE."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        text = value.strip().translate(THAI_DIGITS)
        if not _SERIAL.match(text):
            return False
        value = float(text)
    if not isinstance(value, int | float | Decimal):
        return False
    if not 1 <= value < _SERIAL_LIMIT:
        return False
    year = (EXCEL_EPOCH + dt.timedelta(days=int(value))).year
    return BE_SERIAL_YEARS[0] <= year <= BE_SERIAL_YEARS[1]


def excel_serial_date(serial: float) -> dt.date:
    """Excel's day number: 39797 → 15 Dec 2008 (the same reading as Excel and openpyxl);
    239021 → 10 May 2011, a BE date (2554) that Excel kept as a Gregorian one."""
    if not 1 <= serial < _SERIAL_LIMIT:
        raise CellError(_("วันที่อยู่นอกช่วงที่เป็นไปได้"))
    day = EXCEL_EPOCH + dt.timedelta(days=int(serial))
    if BE_SERIAL_YEARS[0] <= day.year <= BE_SERIAL_YEARS[1]:
        day = _buddhist_era_date(day)
    return _checked(day)


# A day, month and year, and maybe the time Excel adds when it writes a date cell to CSV
# ("24/2/2566 0:00", "5/31/2023 12:00:00 AM"); AM/PM is only ever written by an English
# (month-first) Windows.
_NUMERIC_DATE = re.compile(
    r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})"
    r"(?:\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(AM|PM|น\.?)?)?$",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20230224, as databases export dates
_SERIAL = re.compile(r"^\d{1,6}(?:\.\d+)?$")
_MONTHS = {name: i for i, name in enumerate(THAI_MONTHS, start=1)} | {
    name.replace(".", ""): i for i, name in enumerate(THAI_MONTHS_SHORT, start=1)
}
# 24-Feb-2023 and Oracle's 24-FEB-23: English month names, whose two-digit years are CE.
_EN_MONTHS = {name.lower(): i for i, name in enumerate(EN_MONTHS, start=1)} | {
    name[:3].lower(): i for i, name in enumerate(EN_MONTHS, start=1)
}
_ERA = frozenset({"พศ", "คศ"})  # "24 กุมภาพันธ์ พ.ศ. 2566" once the dots are gone


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


def _buddhist_era_date(day: dt.date) -> dt.date:
    """A real date cell in the year 2566: a BE date typed into a Gregorian Excel."""
    if day.year <= 2400:
        return day
    try:
        return day.replace(year=day.year - BE_OFFSET)
    except ValueError:  # 29 February of a BE year whose CE year has none
        raise CellError(_("วันที่ไม่ถูกต้อง")) from None


def numeric_date_parts(value: object) -> tuple[int, int, bool] | None:
    """The first two numbers of a ``d/m/y`` or ``m/d/y`` cell, and whether it says AM/PM."""
    if not isinstance(value, str):
        return None
    match = _NUMERIC_DATE.match(value.strip().translate(THAI_DIGITS))
    if not match:
        return None
    meridiem = (match.group(4) or "").upper() in {"AM", "PM"}
    return int(match.group(1)), int(match.group(2)), meridiem


def month_first(values: Iterable[object]) -> bool:
    """Whether a column writes its dates month first (m/d/yyyy, an English Windows).

    Thai files write the day first, so only a column that shows it otherwise is read month
    first: some date has a second number above 12 and none has a first number above 12, or
    its times say AM/PM. One column is read in one order, so that 2/3/2023 in a month-first
    column is 3 February even though it could be read either way.
    """
    first_over_12 = second_over_12 = meridiem = False
    for value in values:
        parts = numeric_date_parts(value)
        if parts is None:
            continue
        first, second, am_pm = parts
        first_over_12 |= first > 12
        second_over_12 |= second > 12
        meridiem |= am_pm
    return not first_over_12 and (second_over_12 or meridiem)


def parse_date(value: object, *, month_first: bool = False) -> dt.date | None:
    """A date from an Excel serial number, ``24/02/2566``, ``2023-02-24``, ``24 ก.พ. 2566``,
    ``20230224`` or ``24-Feb-2023``. ``month_first`` is the order of the cell's column (see
    :func:`month_first`); a cell with AM/PM is month first whatever its column."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return _checked(_buddhist_era_date(value.date()))
    if isinstance(value, dt.date):
        return _checked(_buddhist_era_date(value))
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return excel_serial_date(float(value))
    text = clean_text(str(value)).strip().translate(THAI_DIGITS)
    if text in BLANKS:  # a cell of invisible characters only
        return None
    if _SERIAL.match(text):
        return excel_serial_date(float(text))
    if match := _NUMERIC_DATE.match(text):
        first, second, year = (int(part) for part in match.groups()[:3])
        if (match.group(4) or "").upper() in {"AM", "PM"}:
            month_first = True  # only an English Windows writes AM/PM, and it writes m/d/y
        day, month = (second, first) if month_first else (first, second)
        if month_first and year < 100:  # an English Windows writes two-digit CE years
            year += 2000 if year < 50 else 1900
        return _make_date(year, month, day)
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day)
    if match := _COMPACT_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day)
    parts = [p for p in re.split(r"[\s\-/]+", text.replace(".", "")) if p and p not in _ERA]
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
        day, name, year = int(parts[0]), parts[1], int(parts[2])
        if name in _MONTHS:
            return _make_date(year, _MONTHS[name], day)
        if name.lower() in _EN_MONTHS:
            if year < 100:  # as Oracle reads RR: 00–49 this century, 50–99 the last
                year += 2000 if year < 50 else 1900
            return _make_date(year, _EN_MONTHS[name.lower()], day)
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


# How Excel writes a long number to CSV when its cell is "General": 1.02500E+13. Only as many
# digits as the column was wide are kept, so the number can be read only when all 14 are there.
_SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?E\+?\d{1,2}$", re.IGNORECASE)
_TRAILING_ZEROS = re.compile(r"^(\d+)\.0+$")  # 10250000225516.00


def _registration_text(value: object) -> str:
    """A registration cell as text, whether it holds text, an integer or a float."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return parse_code(value).replace(" ", "").replace("-", "")


def _number_digits(text: str) -> str:
    """The digits of a registration number written as text, ``.0`` after it or in Excel's
    scientific notation; raises when Excel rounded it."""
    if match := _TRAILING_ZEROS.match(text):
        return match.group(1)
    if _SCIENTIFIC.match(text):
        number = Decimal(text)
        if number.as_tuple().exponent > 0:  # digits below the last one written are gone
            raise CellError(
                _(
                    "Excel ปัดเลข 14 หลักนี้จนตัวเลขท้าย ๆ หายไป กรุณาเปิดไฟล์ต้นฉบับ"
                    " จัดรูปแบบคอลัมน์นี้เป็นข้อความ (Text) แล้วบันทึกใหม่"
                )
            )
        return str(int(number))
    return text


def parse_new_number(value: object) -> str | None:
    """The 14-digit registration number; spreadsheets may hold it as a float."""
    if is_blank(value):
        return None
    text = _number_digits(_registration_text(value))
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
    """Whether a cell of a column that holds either form has the 14-digit one, including one
    that Excel rounded (which :func:`parse_new_number` then rejects, saying why)."""
    text = _registration_text(value)
    if _SCIENTIFIC.match(text):
        return 10**13 <= Decimal(text) < 10**14
    text = _number_digits(text)
    return len(text) == 14 and text.isdigit()
