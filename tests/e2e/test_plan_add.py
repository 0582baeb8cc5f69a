"""The head of an office finds a factory without risk flags (a complaint came in about it) and
puts it on the year's plan with the reason and an officer, without leaving the browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from core.thaidates import current_fiscal_year
from inspections.models import InspectionPlanEntry
from offices.models import Role
from tests.builders import add_factory, make_user
from tests.e2e.keyboard import type_on_thai_keyboard
from tests.e2e.screens import LAPTOP

pytestmark = pytest.mark.e2e


def test_the_head_adds_a_factory_without_risk_to_the_plan(new_page, login, browser_log, screenshot):
    make_user("cr_head", Role.HEAD, "57", first_name="กฤษณา")
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="ปรีชา", last_name="ตรวจดี")
    ice = add_factory("โรงน้ำแข็งแม่สาย", type_code="01900")  # no risk flags: not on the plan
    add_factory("บ่อขยะดอยหลวง", type_code="10500")  # risky: on the plan already
    add_factory("โรงน้ำแข็งพิจิตร", province="66", type_code="01900")  # another office's
    fiscal_year = current_fiscal_year()

    page = new_page(**LAPTOP)
    login(page, "cr_head")
    page.get_by_test_id("main-nav").get_by_role("link", name="แผนการตรวจ").click()
    table = page.get_by_test_id("plan-table")
    expect(table).to_contain_text("บ่อขยะดอยหลวง")
    expect(table).not_to_contain_text("โรงน้ำแข็งแม่สาย")

    page.get_by_role("link", name="เพิ่มโรงงานเข้าแผน").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("เพิ่มโรงงานเข้าแผน")
    page.evaluate("window.e2eSamePage = true")
    type_on_thai_keyboard(page.get_by_label("ค้นหาโรงงานของสำนักงาน"), "น้ำแข็ง")
    candidates = page.get_by_test_id("plan-candidates")
    expect(candidates).to_contain_text("โรงน้ำแข็งแม่สาย")
    expect(candidates).to_contain_text("ไม่มีความเสี่ยง")
    expect(candidates).not_to_contain_text("โรงน้ำแข็งพิจิตร")
    assert page.evaluate("window.e2eSamePage") is True  # the results came without a reload

    candidates.get_by_label(re.compile("โรงน้ำแข็งแม่สาย")).check()
    page.get_by_label("เรื่องร้องเรียน", exact=True).check()
    page.get_by_label("รายละเอียด").fill("ร้องเรียนเสียงดังกลางคืน ทางไลน์")
    page.get_by_label("ผู้รับผิดชอบ").select_option(label="ปรีชา ตรวจดี")
    screenshot(page, "plan-add")
    page.get_by_role("button", name="เพิ่มในแผน").click()

    expect(page).to_have_url(re.compile(r"/inspections/plan/\?"))
    expect(page.get_by_role("alert").filter(has_text="เพิ่ม โรงน้ำแข็งแม่สาย ในแผน")).to_be_visible()
    row = page.get_by_test_id("plan-table").locator("tbody tr", has_text="โรงน้ำแข็งแม่สาย")
    expect(row).to_have_attribute("data-state", "due")
    expect(row).to_contain_text("เพิ่มในแผน: เรื่องร้องเรียน")
    expect(row).to_contain_text("ร้องเรียนเสียงดังกลางคืน")
    expect(row).to_contain_text("ปรีชา ตรวจดี")
    screenshot(page, "plan-added")
    entry = InspectionPlanEntry.objects.get(factory=ice, fiscal_year=fiscal_year)
    assert (entry.reason, entry.assigned_to) == ("complaint", officer)

    # Adding it again is refused in Thai, and what was typed stays.
    page.goto(f"/inspections/plan/add/?year={fiscal_year}&find=แม่สาย")
    expect(page.get_by_test_id("plan-candidates")).to_contain_text("อยู่ในแผนแล้ว")
    expect(page.get_by_test_id("plan-candidates").get_by_role("radio")).to_be_disabled()

    # Without the whole plan: the head's full plan still lists the risky factory too.
    page.goto("/inspections/plan/")
    expect(page.get_by_test_id("plan-table")).to_contain_text("บ่อขยะดอยหลวง")
    expect(page.get_by_test_id("plan-table")).to_contain_text("โรงน้ำแข็งแม่สาย")
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert not browser_log.failed_responses and not browser_log.page_errors
