"""The orders list and the fiscal-year plan as Excel files, with their filters and scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from inspections.models import FactoryInspection, InspectionStatus, Order, OrderSection
from tests.builders import add_factory, risky_factory


def sheet_rows(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def orders(member, outsider):
    made = []
    for person, code, place in ((member, "57", "เชียงราย"), (outsider, "66", "พิจิตร")):
        factory = add_factory(f"โรงสี{place}", province=code)
        inspection = FactoryInspection.objects.create(
            factory=factory,
            lead_inspector=person,
            status=InspectionStatus.APPROVED,
            inspected_on=dt.date(2024, 1, 10),
        )
        for section in (OrderSection.S37, OrderSection.S39):
            made.append(
                Order.objects.create(
                    factory=factory,
                    office_id=code,
                    inspection=inspection,
                    section=section,
                    number=f"{place}-{section}",
                    legal_text="ให้แก้ไข",
                    issued_on=dt.date(2024, 1, 15),
                    deadline=dt.date(2024, 3, 15),
                )
            )
    return made


def test_it_exports_the_orders_as_filtered(client, member, orders):
    client.force_login(member)
    page = client.get(reverse("inspections:orders"), {"section": "s39"}).content.decode()
    assert f"{reverse('inspections:orders_export')}?section=s39" in page
    rows = sheet_rows(client.get(reverse("inspections:orders_export"), {"section": "s39"}))
    assert rows[0][:4] == ["สำนักงาน", "โรงงาน", "เลขทะเบียน", "ตามมาตรา"]
    assert [row[4] for row in rows[1:]] == ["เชียงราย-s39"]
    assert rows[1][6].date() == dt.date(2024, 3, 15)


def test_it_keeps_another_offices_orders_out_of_the_export(client, outsider, orders):
    client.force_login(outsider)
    rows = sheet_rows(client.get(reverse("inspections:orders_export")))
    assert sorted(row[4] for row in rows[1:]) == ["พิจิตร-s37", "พิจิตร-s39"]
    assert client.get(reverse("inspections:orders_export"), {"office": "57"}).status_code == 404
    client.logout()
    response = client.get(reverse("inspections:orders_export"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_exports_the_offices_plan(client, member, outsider):
    risky_factory("บ่อบำบัดเชียงราย")
    risky_factory("บ่อบำบัดพิจิตร", province="66")
    client.force_login(member)
    page = client.get(reverse("inspections:plan")).content.decode()
    assert reverse("inspections:plan_export") in page
    rows = sheet_rows(client.get(reverse("inspections:plan_export")))
    assert [row[0] for row in rows[1:]] == ["บ่อบำบัดเชียงราย"]
    assert rows[1][3] == "ใช่"  # wastewater
    assert client.get(reverse("inspections:plan_export"), {"office": "66"}).status_code == 404
    client.logout()
    response = client.get(reverse("inspections:plan_export"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
