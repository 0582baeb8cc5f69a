"""A ministry unit's officer follows up its directives on a phone: the tracker, the overdue ones
only, one directive, and a progress report (closing it needs its evidence)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.thaidates import format_be_date, format_be_numeric
from policy.models import Directive, DirectiveStatus
from tests.builders import make_directive, make_round, make_unit_user, make_visit
from tests.e2e.screens import PHONE

pytestmark = pytest.mark.e2e

LATE_TEXT = "จัดทำข้อเสนองบประมาณซ่อมแซมบ้านพักเจ้าหน้าที่ สอจ.พิจิตร"
ON_TIME_TEXT = "สรุปความต้องการงบประมาณของ สอจ.เชียงราย"


@pytest.fixture
def unit_directives(db) -> Directive:
    today = timezone.localdate()
    make_unit_user("unit-kyp", "กยผ.", first_name="วิภา")
    round_ = make_round(2567, 1)
    make_directive(
        make_visit(round_, "57"),
        ON_TIME_TEXT,
        unit_code="กยผ.",
        due_on=today + dt.timedelta(days=20),
    )
    late = make_directive(
        make_visit(round_, "66"),
        LATE_TEXT,
        unit_code="กยผ.",
        due_on=today - dt.timedelta(days=12),
    )
    make_directive(
        make_visit(round_, "62"), "งานของสำนักงานเอง", due_on=today - dt.timedelta(days=3)
    )
    return late


def test_a_unit_reports_progress_on_an_overdue_directive_from_a_phone(
    new_page, login, unit_directives, screenshot
):
    page = new_page(**PHONE)
    login(page, "unit-kyp")
    # Home shows the unit's directives first; the menu leads to the tracker.
    expect(page.get_by_test_id("home-directives")).to_contain_text("เลยกำหนด 1 ข้อ")
    page.get_by_role("button", name="เปิดเมนู").click()
    page.get_by_role("link", name="ข้อสั่งการ", exact=True).click()
    rows = page.get_by_test_id("directive-row")
    expect(rows).to_have_count(2)
    expect(page.get_by_text("งานของสำนักงานเอง")).to_have_count(0)

    page.get_by_test_id("filters-toggle").click()
    page.get_by_label("เฉพาะที่เลยกำหนด").check()
    expect(page.get_by_test_id("directive-count")).to_contain_text("พบ 1 ข้อสั่งการ")
    expect(page).to_have_url(re.compile(r"overdue=on"))
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_test_id("overdue-badge")).to_have_text("เลยกำหนด 12 วัน")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, "directives-phone")

    rows.first.get_by_role("link", name=LATE_TEXT).click()
    expect(page.get_by_test_id("directive-text")).to_have_text(LATE_TEXT)
    expect(page.get_by_test_id("directive-due")).to_have_text(
        format_be_date(unit_directives.due_on)
    )

    # Closing without evidence is refused, and what was typed stays.
    today = timezone.localdate()
    page.get_by_label("วันที่รายงาน").fill(format_be_numeric(today))
    page.get_by_label("ความคืบหน้า").fill("เสนอของบประมาณประจำปีแล้ว")
    page.get_by_label("สถานะหลังรายงาน").select_option(DirectiveStatus.DONE)
    page.get_by_role("button", name="บันทึกความคืบหน้า").click()
    expect(page.get_by_text("กรุณาระบุหลักฐานการดำเนินการก่อนปิดข้อสั่งการ")).to_be_visible()
    expect(page.get_by_label("ความคืบหน้า")).to_have_value("เสนอของบประมาณประจำปีแล้ว")
    unit_directives.refresh_from_db()
    assert unit_directives.status == DirectiveStatus.OPEN

    page.get_by_label("หลักฐานการดำเนินการ").fill("หนังสือ กยผ. ที่ อก 0205/1234")
    page.get_by_role("button", name="บันทึกความคืบหน้า").click()
    expect(page.get_by_text("บันทึกความคืบหน้าแล้ว")).to_be_visible()
    expect(page.get_by_test_id("directive-status")).to_have_text("ดำเนินการแล้วเสร็จ")
    expect(page.get_by_test_id("overdue-badge")).to_have_count(0)
    update = page.get_by_test_id("directive-update").first
    expect(update.get_by_test_id("update-date")).to_have_text(format_be_date(today))
    expect(update).to_contain_text("เสนอของบประมาณประจำปีแล้ว")
    expect(page.get_by_test_id("directive-evidence")).to_have_text("หนังสือ กยผ. ที่ อก 0205/1234")
    screenshot(page, "directive-phone")
    unit_directives.refresh_from_db()
    assert unit_directives.status == DirectiveStatus.DONE
    assert unit_directives.closed_on == today
