import datetime as dt

import pytest
from django.forms import DateField
from django.template import Context, Template
from django.utils import formats, translation
from hypothesis import given
from hypothesis import strategies as st

from core.thaidates import (
    buddhist_era_format,
    fiscal_year_of,
    fiscal_year_range,
    format_be_date,
    format_be_datetime,
    format_be_numeric,
)


@pytest.mark.parametrize(
    ("day", "short", "long"),
    [
        (dt.date(2023, 2, 24), "24 ก.พ. 2566", "24 กุมภาพันธ์ 2566"),
        (dt.date(2023, 12, 31), "31 ธ.ค. 2566", "31 ธันวาคม 2566"),
        (dt.date(2024, 1, 1), "1 ม.ค. 2567", "1 มกราคม 2567"),
        (dt.date(2024, 2, 29), "29 ก.พ. 2567", "29 กุมภาพันธ์ 2567"),
    ],
)
def test_it_writes_dates_in_the_buddhist_era(day, short, long):
    with translation.override("th"):
        assert format_be_date(day) == short
        assert format_be_date(day, long=True) == long


def test_it_keeps_the_buddhist_year_in_english():
    with translation.override("en"):
        assert format_be_date(dt.date(2023, 2, 24)) == "24 Feb 2566"
        assert format_be_date(dt.date(2023, 2, 24), long=True) == "24 February 2566"


def test_it_writes_the_numeric_form():
    assert format_be_numeric(dt.date(2023, 2, 24)) == "24/02/2566"


def test_it_shows_datetimes_in_bangkok_time():
    # 23:30 UTC on 30 Sep is already 1 Oct in Bangkok: the fiscal year changes too.
    moment = dt.datetime(2024, 9, 30, 23, 30, tzinfo=dt.UTC)
    with translation.override("th"):
        assert format_be_datetime(moment) == "1 ต.ค. 2567 06:30 น."
    assert fiscal_year_of(moment) == 2568


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (dt.date(2023, 9, 30), 2566),
        (dt.date(2023, 10, 1), 2567),
        (dt.date(2023, 12, 31), 2567),
        (dt.date(2024, 1, 1), 2567),
        (dt.date(2024, 2, 29), 2567),
        (dt.date(2024, 9, 30), 2567),
        (dt.date(2024, 10, 1), 2568),
    ],
)
def test_it_names_the_fiscal_year_by_the_be_year_it_ends_in(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year


def test_it_gives_the_range_of_a_fiscal_year():
    assert fiscal_year_range(2567) == (dt.date(2023, 10, 1), dt.date(2024, 9, 30))
    # FY 2568 ends in 2025 and FY 2571 spans the leap day of 2028.
    assert fiscal_year_range(2571) == (dt.date(2027, 10, 1), dt.date(2028, 9, 30))


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)))
def test_it_puts_every_date_inside_the_range_of_its_fiscal_year(day):
    first, last = fiscal_year_range(fiscal_year_of(day))
    assert first <= day <= last
    assert (last - first).days + 1 in (365, 366)


def test_it_offers_template_filters_everywhere():
    template = Template(
        "{{ d|be_date }}|{{ d|be_date_long }}|{{ d|fiscal_year }}|{{ d|be_numeric }}"
    )
    with translation.override("th"):
        out = template.render(Context({"d": dt.date(2023, 10, 1)}))
    assert out == "1 ต.ค. 2566|1 ตุลาคม 2566|2567|01/10/2566"


def test_it_renders_nothing_for_a_missing_date():
    assert Template("[{{ d|be_date }}]").render(Context({"d": None})) == "[]"


# Django's own date formatting: the human formats in the Buddhist Era, the machine ones not


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_django_prints_the_human_date_formats_in_the_buddhist_era():
    day = dt.date(2026, 12, 2)
    moment = dt.datetime(2026, 12, 2, 11, 56, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    with translation.override("th"):
        assert formats.localize(day) == "2 ธันวาคม 2569"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "2 ธ.ค. 2569"
        assert formats.date_format(day, "YEAR_MONTH_FORMAT") == "ธันวาคม 2569"
        assert _render("{{ day }}", day=day) == "2 ธันวาคม 2569"
        assert _render('{{ day|date:"DATE_FORMAT" }}', day=day) == "2 ธันวาคม 2569"
        assert _render('{{ at|date:"DATETIME_FORMAT" }}', at=moment) == "2 ธันวาคม 2569, 11:56"
        assert _render('{{ at|date:"SHORT_DATETIME_FORMAT" }}', at=moment) == "2 ธ.ค. 2569, 11:56"
    with translation.override("en"):
        assert formats.localize(day) == "Dec. 2, 2569"


def test_django_keeps_machine_and_input_formats_in_the_common_era():
    day = dt.date(2026, 12, 2)
    with translation.override("th"):
        assert _render('{{ day|date:"Y-m-d" }}', day=day) == "2026-12-02"
        assert _render('{{ day|date:"c" }}', day=day) == "2026-12-02"
        assert formats.localize_input(day) == "02/12/2026"  # what the admin's date widget shows
        assert DateField().clean("02/12/2026") == day
        assert DateField().clean("2026-12-02") == day


@pytest.mark.parametrize(
    ("django_format", "year", "expected"),
    [
        ("j F Y", 2026, "j F 2569"),
        ("j M y", 2026, "j M 69"),
        (r"\Y: Y", 2024, r"\Y: 2567"),
        ("G:i", 2026, "G:i"),
    ],
)
def test_it_puts_the_be_year_into_a_django_format(django_format, year, expected):
    assert buddhist_era_format(django_format, year) == expected
