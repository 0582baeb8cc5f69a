"""Plausible bounds of the numbers and dates the system keeps, written once.

Every bound here is used three times: as a model validator (a Thai form error that keeps what was
typed), as a database check constraint (nothing out of bounds is stored, whatever writes it) and
by the register importer. Database constraints hold fixed bounds; the validators add the bounds
that move with today (an inspection is not dated next month, a deadline is not decades ahead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from core.thaidates import format_be_numeric

# --- numbers --------------------------------------------------------------------------------

PEOPLE_MAX = 1_000_000  # workers, technicians, staff of one factory or office
HORSEPOWER_MAX = Decimal(10_000_000)
MONEY_MAX = Decimal(10**12) - Decimal("0.01")  # baht: under a million million
AREA_MAX = Decimal(10**10)  # square metres (10,000 km²)
CAPACITY_MAX = Decimal(10**15)
PERCENT_MIN, PERCENT_MAX = Decimal(0), Decimal(100)
LOCATION_ACCURACY_MAX_M = 100_000
# Thailand's extent with a margin: what a factory's or an inspection's coordinates may be.
LAT_MIN, LAT_MAX = Decimal("5.5"), Decimal("20.5")
LNG_MIN, LNG_MAX = Decimal("97.3"), Decimal("105.7")
# A measured checklist answer (mg/L, °C, dB, pH…): finite and of a size a meter shows.
MEASURE_MAX = Decimal(10**9)
PERCENT_UNITS = frozenset({"%", "ร้อยละ", "เปอร์เซ็นต์"})

# --- dates ----------------------------------------------------------------------------------

# The DIW register holds licences from 1900 on (``factories.importer.parsers`` reads 1900–2100).
REGISTER_FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
INSPECTION_FIRST_DATE = dt.date(2000, 1, 1)
INSPECTION_DAYS_AHEAD = 7  # a phone whose clock runs a little ahead; nothing further
DEADLINE_YEARS_AHEAD = 10


def years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _today() -> dt.date:
    return timezone.localdate()


def inspection_last_date() -> dt.date:
    return _today() + dt.timedelta(days=INSPECTION_DAYS_AHEAD)


def deadline_last_date() -> dt.date:
    return years_after(_today(), DEADLINE_YEARS_AHEAD)


def today() -> dt.date:
    return _today()


def _number(value: Decimal | int) -> str:
    if isinstance(value, Decimal):
        value = value.normalize()
        return f"{value:,f}"
    return f"{value:,}"


@deconstructible
class AtLeast:
    """``value >= limit`` with a Thai message naming the limit."""

    def __init__(self, limit: Decimal | int) -> None:
        self.limit = limit

    def __call__(self, value) -> None:
        if value is not None and value < self.limit:
            raise ValidationError(
                _("ต้องไม่น้อยกว่า %(limit)s") % {"limit": _number(self.limit)}, code="min_value"
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, AtLeast) and other.limit == self.limit


@deconstructible
class AtMost:
    """``value <= limit`` with a Thai message naming the limit."""

    def __init__(self, limit: Decimal | int) -> None:
        self.limit = limit

    def __call__(self, value) -> None:
        if value is not None and value > self.limit:
            raise ValidationError(
                _("ต้องไม่เกิน %(limit)s") % {"limit": _number(self.limit)}, code="max_value"
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, AtMost) and other.limit == self.limit


def between(low: Decimal | int, high: Decimal | int) -> list[Callable]:
    return [AtLeast(low), AtMost(high)]


@deconstructible
class DateBetween:
    """A date not before ``first`` and not after ``last`` (a date, or the name of a function
    of this module that gives one today, e.g. ``"deadline_last_date"``)."""

    def __init__(self, first: dt.date, last: dt.date | str) -> None:
        self.first = first
        self.last = last

    def last_date(self) -> dt.date:
        if isinstance(self.last, str):
            return globals()[self.last]()
        return self.last

    def __call__(self, value) -> None:
        if value is None:
            return
        if value < self.first:
            raise ValidationError(
                _("วันที่ต้องไม่ก่อน %(date)s") % {"date": format_be_numeric(self.first)},
                code="date_too_early",
            )
        last = self.last_date()
        if value > last:
            raise ValidationError(
                _("วันที่ต้องไม่เกิน %(date)s") % {"date": format_be_numeric(last)},
                code="date_too_late",
            )

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, DateBetween) and other.first == self.first and other.last == self.last
        )


def register_date() -> list[Callable]:
    """A date of the register: a licence, a certificate, a complaint, a loan."""
    return [DateBetween(REGISTER_FIRST_DATE, LAST_DATE)]


# --- database constraints -------------------------------------------------------------------


def q_between(field: str, low, high, *, nullable: bool = True) -> Q:
    """``field`` between ``low`` and ``high`` (or NULL when ``nullable``)."""
    inside = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    return Q(**{f"{field}__isnull": True}) | inside if nullable else inside


def q_at_most(field: str, high, *, nullable: bool = True) -> Q:
    inside = Q(**{f"{field}__lte": high})
    return Q(**{f"{field}__isnull": True}) | inside if nullable else inside
