"""The complaints and loans lists as Excel files: the rows the list shows, with its filters,
and nothing of another office."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from factories.models import Complaint, ComplaintStatus, Loan, LoanStatus
from tests.builders import add_factory


def sheet_rows(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def records(db):
    for code, place in (("57", "เชียงราย"), ("66", "พิจิตร")):
        factory = add_factory(f"โรงสี{place}", province=code)
        for status in (ComplaintStatus.OPEN, ComplaintStatus.RESOLVED):
            Complaint.objects.create(
                office_id=code,
                factory=factory,
                received_on=dt.date(2024, 5, 1),
                channel="phone",
                category="smell",
                description=f"กลิ่นจาก{place} {status}",
                complainant_name="นายผู้ร้อง ลับมาก",
                status=status,
                outcome="ปรับปรุงแล้ว" if status == ComplaintStatus.RESOLVED else "",
            )
        for status in (LoanStatus.NORMAL, LoanStatus.NPL):
            Loan.objects.create(
                office_id=code,
                factory=factory,
                borrower_name=f"ผู้กู้{place} {status}",
                fund_name="กองทุนพัฒนาเอสเอ็มอีตามแนวประชารัฐ",
                amount=Decimal("1500000"),
                approved_on=dt.date(2023, 6, 1),
                status=status,
            )


def test_it_exports_the_complaints_as_filtered_without_the_complainant(client, member, records):
    client.force_login(member)
    page = client.get(reverse("factories:complaints"), {"status": "open"}).content.decode()
    assert f"{reverse('factories:complaints_export')}?status=open" in page
    rows = sheet_rows(client.get(reverse("factories:complaints_export"), {"status": "open"}))
    assert rows[0][:3] == ["วันที่รับเรื่อง", "สำนักงาน", "โรงงาน"]
    assert [row[5] for row in rows[1:]] == ["กลิ่นจากเชียงราย open"]
    assert rows[1][0].date() == dt.date(2024, 5, 1)
    assert not any("ลับมาก" in str(value) for row in rows for value in row)


def test_it_exports_the_loans_as_filtered(client, member, records):
    client.force_login(member)
    rows = sheet_rows(client.get(reverse("factories:loans_export"), {"status": "npl"}))
    assert [row[1] for row in rows[1:]] == ["ผู้กู้เชียงราย npl"]
    assert rows[1][5] == 1500000
    everything = sheet_rows(client.get(reverse("factories:loans_export")))
    assert sorted(row[1] for row in everything[1:]) == ["ผู้กู้เชียงราย normal", "ผู้กู้เชียงราย npl"]


def test_it_hides_another_offices_records_and_asks_to_log_in(client, member, outsider, records):
    client.force_login(outsider)
    rows = sheet_rows(client.get(reverse("factories:complaints_export")))
    assert all("พิจิตร" in row[5] for row in rows[1:]) and len(rows) == 3
    other = client.get(reverse("factories:complaints_export"), {"office": "57"})
    assert other.status_code == 404
    client.logout()
    for name in ("factories:complaints_export", "factories:loans_export"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
