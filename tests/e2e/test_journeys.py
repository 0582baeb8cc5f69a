"""The working day of the office's two people, on a phone and on a laptop, with a screenshot of
each step (``E2E_SCREENSHOTS``; CI keeps them under ``var/e2e/screenshots``) and axe-core's check
of the pages the other tests do not open: the officer goes from the plan to a submitted
inspection with its answers and a photo; the head goes from the office dashboard to the review,
approves and issues an order on the finding.

The ministry inspector's round visit (``test_round_visit.py``) and the executive's map
(``test_dashboards.py``) are the same kind of journey, at the same two sizes."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from core.thaidates import current_fiscal_year
from inspections.models import ChecklistItem, FactoryInspection, InspectionPlanEntry, Order
from offices.models import Role
from tests.builders import answer, answered_inspection, make_user, risky_factory, tiny_png
from tests.e2e.accessibility import assert_accessible
from tests.e2e.screens import LAPTOP, PHONE

pytestmark = pytest.mark.e2e

SIZES = {"phone": PHONE, "laptop": LAPTOP}
# What the officer answers in the browser; the rest of the 20 items are answered beforehand.
IN_THE_BROWSER = {"GEN-01", "WW-11", "WW-17"}


def menu(page: Page, name: str | re.Pattern) -> None:
    """Open ``name`` from the main menu, unfolding it first on a narrow screen."""
    toggle = page.get_by_role("button", name="เปิดเมนู")
    if toggle.is_visible():
        toggle.click()
    page.get_by_test_id("main-nav").get_by_role("link", name=name, exact=True).click()


def overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("size", list(SIZES))
def test_the_officer_goes_from_the_plan_to_a_submitted_inspection(
    new_page, login, settings, tmp_path, size, browser_log, screenshot
):
    settings.MEDIA_ROOT = tmp_path / "media"
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="ปรีชา")
    factory = risky_factory("โรงงานแป้งมันเชียงของ")
    InspectionPlanEntry.objects.create(
        office_id="57",
        fiscal_year=current_fiscal_year(),
        factory=factory,
        assigned_to=officer,
        planned_month=timezone.localdate().month,
    )
    page = new_page(**SIZES[size])
    login(page, "cr_officer")

    # The plan lists the factory, not yet inspected; its row starts the inspection.
    menu(page, "แผนการตรวจ")
    row = page.get_by_test_id("plan-table").locator("tbody tr", has_text=factory.name)
    expect(row).to_contain_text("ปรีชา")
    screenshot(page, f"officer-1-plan-{size}")
    row.get_by_role("link", name="เริ่มตรวจ").click()
    expect(page.get_by_test_id("checklists")).to_contain_text("น้ำเสียและน้ำทิ้ง")
    assert_accessible(page)
    page.get_by_role("button", name="เริ่มการตรวจ").click()
    expect(page.get_by_text("เริ่มการตรวจแล้ว")).to_be_visible()

    # Most items were answered earlier in the visit; the last three are answered now.
    inspection = FactoryInspection.objects.get()
    items = ChecklistItem.objects.filter(section__version__in=inspection.checklist_versions.all())
    for it in items.exclude(code__in=IN_THE_BROWSER):
        if it.kind == "yes_no":
            answer(inspection, it.code, "yes" if it.compliant_when_yes else "no", officer)
        else:
            answer(
                inspection,
                it.code,
                str(it.limit_max or 10) if it.kind == "number" else "na",
                officer,
            )
    page.reload()
    expect(page.get_by_test_id("item-GEN-01")).to_be_visible()

    general = page.get_by_test_id("item-GEN-01")
    general.locator("label.btn", has_text=re.compile("^ใช่$")).click()
    expect(general.get_by_test_id("save-state")).to_contain_text("บันทึกแล้ว")
    bod = page.get_by_test_id("item-WW-11")
    bod.get_by_role("textbox").first.fill("35")
    expect(bod.get_by_test_id("compliance")).to_have_text("ไม่เป็นไปตามกฎหมาย")
    bod.get_by_label("รายละเอียด WW-11").fill("เก็บตัวอย่างจากบ่อสุดท้ายก่อนระบาย")
    expect(bod.get_by_test_id("save-state")).to_contain_text("บันทึกแล้ว")
    photo = tmp_path / "sampling-point.png"
    photo.write_bytes(tiny_png())
    sampling = page.get_by_test_id("item-WW-17")
    sampling.get_by_label(re.compile("ภาพถ่าย \\(JPEG")).set_input_files(str(photo))
    sampling.get_by_label("คำอธิบายภาพ").fill("จุดเก็บตัวอย่างน้ำทิ้ง")
    sampling.get_by_role("button", name="แนบภาพ").click()
    expect(sampling.get_by_role("img", name="จุดเก็บตัวอย่างน้ำทิ้ง")).to_be_visible()
    expect(sampling.get_by_test_id("save-state")).to_contain_text("บันทึกแล้ว")
    assert overflow(page) <= 0
    screenshot(page, f"officer-2-form-{size}")

    page.get_by_label("สรุปผลการตรวจ", exact=True).fill("ค่า BOD เกินมาตรฐาน ให้ปรับปรุงระบบบำบัด")
    page.get_by_test_id("submit-inspection").click()
    expect(page.get_by_test_id("inspection-status")).to_have_text("ส่งให้อุตสาหกรรมจังหวัดพิจารณา")
    expect(page.get_by_test_id("findings")).to_contain_text("ข้อบกพร่องที่พบ 1 ข้อ")
    expect(page.get_by_test_id("answer-WW-17").get_by_role("img")).to_be_visible()
    assert_accessible(page)
    assert overflow(page) <= 0
    screenshot(page, f"officer-3-submitted-{size}")
    assert browser_log.page_errors == []
    assert browser_log.failed_responses == []


@pytest.mark.parametrize("size", list(SIZES))
def test_the_head_reviews_approves_and_orders_from_the_dashboard(
    new_page, login, settings, tmp_path, size, browser_log, screenshot
):
    settings.MEDIA_ROOT = tmp_path / "media"
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="ปรีชา")
    make_user("cr_head", Role.HEAD, "57", first_name="กฤษณา")
    inspection = answered_inspection(officer)  # BOD over its limit: one finding
    page = new_page(**SIZES[size])
    login(page, "cr_head")

    # The head's home is the office dashboard; the menu counts what waits for review.
    expect(page.get_by_role("heading", level=1)).to_have_text("แดชบอร์ดสำนักงาน")
    assert overflow(page) <= 0
    screenshot(page, f"head-1-dashboard-{size}")
    menu(page, re.compile("^รอพิจารณา 1"))
    queue = page.get_by_test_id("review-queue")
    expect(queue).to_contain_text("โรงงานแป้งมันเชียงของ")
    queue.get_by_role("link", name="พิจารณา").click()
    expect(page.get_by_test_id("answer-counts")).to_contain_text("ไม่เป็นไปตามกฎหมาย 1 ข้อ")
    screenshot(page, f"head-2-review-{size}")

    page.get_by_role("button", name="อนุมัติ").click()
    expect(page.get_by_text("อนุมัติผลการตรวจแล้ว")).to_be_visible()
    expect(page.get_by_test_id("queue-count")).to_contain_text("รอพิจารณา 0 รายการ")

    # Back on the approved inspection, an s.37 order on the finding: fix within 30 days.
    page.goto(f"/inspections/{inspection.pk}/review/")
    expect(page.get_by_test_id("inspection-status")).to_have_text("อนุมัติแล้ว")
    assert_accessible(page)
    page.get_by_role("link", name="ออกคำสั่ง").click()
    page.get_by_label(re.compile("มาตรา 37 สั่งให้แก้ไข")).check()
    page.get_by_label(re.compile("บีโอดี")).check()
    page.get_by_label("ระยะเวลาให้แก้ไข (วัน นับแต่วันที่ได้รับคำสั่ง)").fill("30")
    assert_accessible(page)
    screenshot(page, f"head-3-order-form-{size}")
    page.get_by_role("button", name="ออกคำสั่ง").click()
    expect(page.get_by_text("ออกคำสั่งแล้ว")).to_be_visible()
    expect(page.get_by_test_id("legal-text")).to_contain_text("ภายใน 30 วัน นับแต่วันที่ได้รับคำสั่ง")
    assert overflow(page) <= 0
    screenshot(page, f"head-4-order-{size}")
    order = Order.objects.get()
    assert order.inspection == inspection
    assert list(order.findings.values_list("answer__item__code", flat=True)) == ["WW-11"]
    assert browser_log.page_errors == []
    assert browser_log.failed_responses == []
