import datetime as dt
from decimal import Decimal

import pytest
from django import forms

from core.forms import AmountField, BEDateField


class SampleForm(forms.Form):
    day = BEDateField(required=False)
    amount = AmountField(required=False, max_digits=14, decimal_places=2)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("24/02/2566", dt.date(2023, 2, 24)),
        ("24-2-2566", dt.date(2023, 2, 24)),
        ("1.10.2567", dt.date(2024, 10, 1)),
        ("29/02/2567", dt.date(2024, 2, 29)),
        ("2023-02-24", dt.date(2023, 2, 24)),
        ("", None),
    ],
)
def test_it_reads_dates_as_thai_offices_type_them(typed, day):
    form = SampleForm({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == day


@pytest.mark.parametrize("typed", ["29/02/2566", "31/04/2567", "tomorrow", "24/02/66"])
def test_it_refuses_impossible_dates_in_thai(typed):
    form = SampleForm({"day": typed})
    assert not form.is_valid()
    assert "ปีพุทธศักราช" in form.errors["day"][0]


def test_it_shows_dates_in_the_buddhist_era():
    html = str(SampleForm(initial={"day": dt.date(2023, 2, 24)})["day"])
    assert 'value="24/02/2566"' in html


def test_it_reads_amounts_with_commas():
    form = SampleForm({"amount": "1,250,000.50"})
    assert form.is_valid()
    assert form.cleaned_data["amount"] == Decimal("1250000.50")
