import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.thaidates import (
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
