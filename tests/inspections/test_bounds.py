"""Numbers and dates of inspections and orders are bounded: a refused answer is not saved and the
officer reads why in Thai."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from inspections.models import Answer, FactoryInspection
from inspections.services.form import inspection_start
from inspections.services.review import order_issue
from tests.builders import answer, item, make_inspection, risky_factory, start


def starting_on(day: dt.date, user) -> FactoryInspection:
    return inspection_start(factory=risky_factory(), user=user, kind="routine", inspected_on=day)


@pytest.mark.parametrize("typed", ["1e30", "100.5", "-1", "150"])
def test_a_percentage_answer_out_of_0_to_100_is_refused_in_thai(member, typed):
    inspection = start(risky_factory(), member)
    assert item("GEN-05").unit == "%"
    with pytest.raises(ValidationError) as refused:
        answer(inspection, "GEN-05", typed, member)
    assert "ค่าร้อยละต้องอยู่ระหว่าง 0 ถึง 100" in refused.value.messages[0]
    assert not Answer.objects.filter(inspection=inspection, item=item("GEN-05")).exists()
    assert answer(inspection, "GEN-05", "100", member).value == "100"


@pytest.mark.parametrize("typed", ["1e30", "inf", "nan", "-1e12"])
def test_a_measured_answer_of_no_plausible_size_is_refused(member, typed):
    inspection = start(risky_factory(), member)
    with pytest.raises(ValidationError):
        answer(inspection, "WW-11", typed, member)
    assert not Answer.objects.filter(inspection=inspection).exists()


def test_the_autosave_endpoint_refuses_1e30_on_a_percentage_in_thai(client, member):
    inspection = start(risky_factory(), member)
    client.force_login(member)
    it = item("GEN-05")
    url = reverse("inspections:answer", kwargs={"pk": inspection.pk, "item_pk": it.pk})
    response = client.post(url, {"value": "1e30", "note": "", "version": "0"})
    assert response.status_code >= 400
    assert "ค่าร้อยละต้องอยู่ระหว่าง 0 ถึง 100" in response.content.decode()
    assert not Answer.objects.filter(inspection=inspection, item=it).exists()


def test_an_inspection_dated_0001_01_01_is_refused(member):
    with pytest.raises(ValidationError) as refused:
        starting_on(dt.date(1, 1, 1), member)
    assert "วันที่ต้องไม่ก่อน 01/01/2543" in refused.value.messages[0]
    assert not FactoryInspection.objects.exists()


def test_an_inspection_dated_next_month_is_refused(member):
    with pytest.raises(ValidationError):
        starting_on(dt.date.today() + dt.timedelta(days=40), member)


def test_an_order_deadline_of_9999_12_31_is_refused(member):
    inspection = make_inspection(risky_factory(), member, severities=("medium", "high"))
    with pytest.raises(ValidationError) as refused:
        order_issue(
            inspection=inspection,
            findings=inspection.findings.all()[:1],
            section="s37",
            deadline=dt.date(9999, 12, 31),
            user=member,
        )
    assert "วันที่ต้องไม่เกิน" in refused.value.messages[0]
    assert not inspection.orders.exists()


def test_the_table_refuses_out_of_bound_dates_and_locations(member):
    inspection = start(risky_factory(), member)
    rows = FactoryInspection.objects.filter(pk=inspection.pk)
    for values in (
        {"inspected_on": dt.date(1, 1, 1)},
        {"location_accuracy_m": 200_000},
        {"latitude": 40, "longitude": 100},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            rows.update(**values)
