"""Buddhist-Era dates and the Thai fiscal year.

Thai government work counts years in the Buddhist Era (BE = CE + 543) and budgets by fiscal
year: 1 October to 30 September, named by the BE year in which it ends
(FY 2567 = 1 Oct 2023 – 30 Sep 2024).
"""

from __future__ import annotations

import datetime as dt

from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language

BE_OFFSET = 543
FISCAL_YEAR_START_MONTH = 10

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def _as_local_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _thai_language() -> bool:
    return (get_language() or "th").startswith("th")


def format_be_date(value: dt.date | dt.datetime | None, *, long: bool = False) -> str:
    """``24 ก.พ. 2566``, or with ``long`` ``24 กุมภาพันธ์ 2566``.

    In English the month is English but the year stays Buddhist Era, as on Thai documents
    (``24 Feb 2566``), so that a number read in one language means the same in the other.
    """
    if not value:
        return ""
    day = _as_local_date(value)
    if _thai_language():
        months = THAI_MONTHS if long else THAI_MONTHS_SHORT
        month = months[day.month - 1]
    else:
        month = EN_MONTHS[day.month - 1]
        month = month if long else month[:3]
    return f"{day.day} {month} {be_year(day.year)}"


def format_be_datetime(value: dt.datetime | None) -> str:
    """``24 ก.พ. 2566 13:05 น.`` in the local time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    suffix = " น." if _thai_language() else ""
    return f"{format_be_date(local)} {local:%H:%M}{suffix}"


def format_be_datetime_range(start: dt.datetime, end: dt.datetime) -> str:
    """``2 ธ.ค. 2569 10:02–10:09 น.`` within one local day; across midnight both ends in full,
    ``1 ธ.ค. 2569 23:58 น. – 2 ธ.ค. 2569 00:03 น.``."""
    first, last = sorted((start, end))
    first_local = timezone.localtime(first) if timezone.is_aware(first) else first
    last_local = timezone.localtime(last) if timezone.is_aware(last) else last
    if first_local.date() != last_local.date():
        return f"{format_be_datetime(first)} – {format_be_datetime(last)}"
    suffix = " น." if _thai_language() else ""
    return f"{format_be_date(first_local)} {first_local:%H:%M}–{last_local:%H:%M}{suffix}"


def format_be_numeric(value: dt.date | dt.datetime | None) -> str:
    """``24/02/2566``, the short form printed on Thai government pages."""
    if value is None:
        return ""
    day = _as_local_date(value)
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


# The named formats of a date a person reads: Django's admin (list columns, read-only fields, the
# object history), simple-history's list and any ``{{ date }}`` or ``|date:"DATE_FORMAT"`` in a
# template. They print the year in the Buddhist Era. Input formats (DATE_INPUT_FORMATS, what the
# admin's date widgets fill in and parse) and explicit formats such as ``|date:"Y-m-d"``, ``c`` or
# ``U`` are for machines and stay in the Common Era.
BE_NAMED_FORMATS = frozenset(
    {
        "DATE_FORMAT",
        "DATETIME_FORMAT",
        "SHORT_DATE_FORMAT",
        "SHORT_DATETIME_FORMAT",
        "YEAR_MONTH_FORMAT",
    }
)


def buddhist_era_format(format_string: str, year: int) -> str:
    """A Django date format with its year characters (``Y``, ``y``) replaced by the BE year:
    ``"j F Y"`` for 2026 → ``"j F 2569"``. Escaped characters (``\\Y``) stay as they are."""
    be = str(be_year(year))
    result: list[str] = []
    escaped = False
    for char in format_string:
        if escaped:
            result.append(char)
            escaped = False
        elif char == "\\":
            result.append(char)
            escaped = True
        elif char == "Y":
            result.append(be)
        elif char == "y":
            result.append(be[-2:])
        else:
            result.append(char)
    return "".join(result)


_django_date_format = formats.date_format


def date_format(
    value: dt.date | dt.datetime, format: str | None = None, use_l10n: bool | None = None
) -> str:
    """``django.utils.formats.date_format`` printing the named human formats in the BE."""
    name = format or "DATE_FORMAT"
    if name not in BE_NAMED_FORMATS or not isinstance(value, dt.date):
        return _django_date_format(value, format, use_l10n)
    format_string = formats.get_format(name, use_l10n=use_l10n)
    return dateformat.format(value, buddhist_era_format(format_string, value.year))


def install_buddhist_era_date_formats() -> None:
    """Route Django's date formatting through ``date_format`` above, in the one place every
    human date goes through: ``formats.localize`` (templates, the admin's columns and read-only
    fields) and the ``date`` filter both call ``formats.date_format`` by its module name."""
    formats.date_format = date_format


def fiscal_year_of(value: dt.date | dt.datetime) -> int:
    """The BE fiscal year a date falls in: 30 Sep 2024 → 2567, 1 Oct 2024 → 2568."""
    day = _as_local_date(value)
    year = day.year + 1 if day.month >= FISCAL_YEAR_START_MONTH else day.year
    return be_year(year)


def fiscal_year_range(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a BE fiscal year: 2567 → (2023-10-01, 2024-09-30)."""
    end_year = ce_year(fiscal_year)
    return dt.date(end_year - 1, FISCAL_YEAR_START_MONTH, 1), dt.date(end_year, 9, 30)


def current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())
