"""Template filters for Buddhist-Era dates and fiscal years, available in every template."""

from __future__ import annotations

import datetime as dt

from django import template

from core import thaidates

register = template.Library()


@register.filter
def be_date(value: dt.date | dt.datetime | None) -> str:
    return thaidates.format_be_date(value)


@register.filter
def be_date_long(value: dt.date | dt.datetime | None) -> str:
    return thaidates.format_be_date(value, long=True)


@register.filter
def be_datetime(value: dt.datetime | None) -> str:
    return thaidates.format_be_datetime(value)


@register.filter
def be_numeric(value: dt.date | dt.datetime | None) -> str:
    return thaidates.format_be_numeric(value)


@register.filter
def fiscal_year(value: dt.date | dt.datetime | None) -> int | str:
    return thaidates.fiscal_year_of(value) if value else ""


@register.filter
def be_year_title(value: object) -> object:
    """A bare CE year ("2024", as Django's date hierarchy titles its years) as the BE year;
    any other title unchanged."""
    text = str(value)
    if len(text) == 4 and text.isascii() and text.isdigit():
        return str(thaidates.be_year(int(text)))
    return value
