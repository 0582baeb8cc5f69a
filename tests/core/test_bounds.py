"""Dates as typed: ISO is CE whatever its year, a typed year from 2400 is BE, and both are
bounded to what a register can hold."""

from __future__ import annotations

import datetime as dt

from django import forms

from core.forms import BEDateField


class DayForm(forms.Form):
    day = BEDateField(required=False)


def test_an_iso_date_is_never_shifted_by_543_and_9999_is_refused():
    form = DayForm({"day": "9999-12-31"})
    assert not form.is_valid()
    assert "วันที่ต้องไม่เกิน 31/12/2643" in form.errors["day"][0]
    form = DayForm({"day": "2100-12-31"})
    assert form.is_valid()
    assert form.cleaned_data["day"] == dt.date(2100, 12, 31)


def test_a_typed_year_of_2400_is_buddhist_era_and_refused_as_too_early():
    form = DayForm({"day": "01/01/2400"})
    assert not form.is_valid()
    assert "วันที่ต้องไม่ก่อน 01/01/2443" in form.errors["day"][0]
    form = DayForm({"day": "01/01/2443"})
    assert form.is_valid()
    assert form.cleaned_data["day"] == dt.date(1900, 1, 1)


def test_a_refused_date_is_shown_as_typed():
    form = DayForm({"day": "9999-12-31"})
    assert not form.is_valid()
    assert 'value="9999-12-31"' in str(form["day"])
