"""A head reports the office's facts for the fiscal year, in the browser."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from core.thaidates import current_fiscal_year
from offices.models import OfficeYear

pytestmark = pytest.mark.e2e


def test_head_reports_the_yearly_facts_and_fixes_a_mistake(page, head, member_office, login):
    fiscal_year = current_fiscal_year()
    login(page, "head")
    page.get_by_test_id("main-nav").get_by_role("link", name="สำนักงานของฉัน").click()
    expect(page.get_by_text("ยังไม่มีการรายงานข้อมูล")).to_be_visible()

    page.get_by_role("link", name=f"รายงานข้อมูลปีงบประมาณ {fiscal_year}").click()
    expect(page).to_have_url(re.compile(rf"/offices/57/years/{fiscal_year}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"รายงานข้อมูลสำนักงาน · ปีงบประมาณ {fiscal_year}"
    )
    staff = page.get_by_label("จำนวนเจ้าหน้าที่ (คน)")
    received = page.get_by_label("งบประมาณที่ได้รับ (บาท)")
    spent = page.get_by_label("งบประมาณที่ใช้ไป (บาท)")
    problems = page.get_by_label("ปัญหาและอุปสรรค")
    # Money fields are text boxes with a decimal keypad, so the commas people type get through.
    expect(received).to_have_attribute("inputmode", "decimal")

    staff.fill("12")
    received.fill("1,250,000")
    spent.fill("1,300,000")
    page.get_by_label("สภาพบ้านพักเจ้าหน้าที่").select_option(label="ต้องซ่อมแซม")
    problems.fill("บุคลากรไม่เพียงพอ\nรถราชการเก่า")
    page.get_by_role("button", name="บันทึก").click()

    # Refused, in Thai, with everything typed still there.
    expect(page.get_by_role("alert")).to_contain_text("กรุณาแก้ไขข้อมูลที่มีเครื่องหมายแจ้งเตือน")
    expect(page.get_by_text("งบประมาณที่ใช้ไปต้องไม่เกินงบประมาณที่ได้รับ")).to_be_visible()
    expect(spent).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(staff).to_have_value("12")
    expect(received).to_have_value("1,250,000")
    expect(spent).to_have_value("1,300,000")
    expect(page.get_by_label("สภาพบ้านพักเจ้าหน้าที่")).to_have_value("repair")
    expect(problems).to_have_value("บุคลากรไม่เพียงพอ\nรถราชการเก่า")
    assert not OfficeYear.objects.exists()

    spent.fill("980,500.50")
    page.get_by_role("button", name="บันทึก").click()

    expect(page).to_have_url(re.compile(r"/offices/57/$"))
    expect(page.get_by_role("alert")).to_contain_text(f"บันทึกข้อมูลปีงบประมาณ {fiscal_year} แล้ว")
    row = page.get_by_role("row").filter(has_text=str(fiscal_year))
    expect(row.get_by_role("cell")).to_have_text(
        [
            str(fiscal_year),
            "12",
            "1,250,000.00",
            "980,500.50 (78.4%)",
            "ต้องซ่อมแซม",
            re.compile("บุคลากรไม่เพียงพอ"),
        ]
    )
    expect(row.get_by_role("listitem")).to_have_text(["บุคลากรไม่เพียงพอ", "รถราชการเก่า"])
    expect(page.get_by_role("link", name=f"แก้ไขข้อมูลปีงบประมาณ {fiscal_year}")).to_be_visible()

    year = OfficeYear.objects.get(office=member_office, fiscal_year=fiscal_year)
    assert (year.staff_count, year.budget_received, year.budget_spent) == (
        12,
        Decimal("1250000"),
        Decimal("980500.50"),
    )
