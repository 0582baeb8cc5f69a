"""Buddhist-Era dates and the Thai fiscal year.

Thai government work counts years in the Buddhist Era (BE = CE + 543) and budgets by fiscal
year: 1 October to 30 September, named by the BE year in which it ends
(FY 2567 = 1 Oct 2023 – 30 Sep 2024).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
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


def format_be_numeric(value: dt.date | dt.datetime | None) -> str:
    """``24/02/2566``, the short form printed on Thai government pages."""
    if value is None:
        return ""
    day = _as_local_date(value)
    return f"{day.day:02d}/{day.month:02d}/{be_year(day.year)}"


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
