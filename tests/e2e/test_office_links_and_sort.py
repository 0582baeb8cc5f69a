"""A ministry inspector and an executive sort the office list by its columns, open an office,
and follow its page to that office's plan, register, orders, complaints and MIND summary."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from core.thaidates import current_fiscal_year
from offices.models import Office, Role
from tests.builders import make_offices_data, make_region16_years, make_user
from tests.e2e.screens import LAPTOP

pytestmark = pytest.mark.e2e


def office_names(page: Page) -> list[str]:
    return page.get_by_test_id("office-table").locator("tbody tr td:first-child").all_inner_texts()


def header(page: Page, name: str):
    return page.get_by_test_id("office-table").locator("thead th", has_text=name)


@pytest.mark.parametrize(
    ("role", "menu"), [(Role.INSPECTOR, "สำนักงานในเขต"), (Role.EXECUTIVE, "สำนักงานทั้งประเทศ")]
)
def test_sort_the_offices_then_follow_an_office_to_its_work(
    new_page, login, browser_log, screenshot, role, menu
):
    reader = make_user("reader", role, first_name="ผู้อ่าน")
    if role == Role.INSPECTOR:
        reader.regions.set([Office.objects.get(pk="57").region])
    officer = make_user("cr_officer", Role.OFFICER, "57")
    make_offices_data(officer)
    make_region16_years()
    fiscal_year = current_fiscal_year()

    page = new_page(**LAPTOP)
    login(page, "reader")
    page.get_by_test_id("main-nav").get_by_role("link", name=menu).click()
    expect(page).to_have_url(re.compile(r"/offices/$"))
    page.get_by_label("เขตตรวจราชการ").select_option(label=Office.objects.get(pk="57").region.name)
    # An inspector of this one region sees its four offices before the filter answers: wait
    # for the filtered table, whose address carries the region.
    expect(page).to_have_url(re.compile(r"[?&]region=16\b"))
    expect(page.get_by_test_id("office-table").locator("tbody tr")).to_have_count(4)
    # Names first, in Thai dictionary order (เชียงราย under ช, แพร่ under พ).
    expect(header(page, "สำนักงาน").first).to_have_attribute("aria-sort", "ascending")
    assert office_names(page) == ["สอจ.เชียงราย", "สอจ.น่าน", "สอจ.พะเยา", "สอจ.แพร่"]

    page.evaluate("window.e2eSamePage = true")
    header(page, "เจ้าหน้าที่ (คน)").get_by_role("link").click()
    expect(header(page, "เจ้าหน้าที่ (คน)")).to_have_attribute("aria-sort", "ascending")
    expect(page.get_by_test_id("office-table").locator("tbody tr").first).to_contain_text("สอจ.น่าน")
    assert office_names(page) == ["สอจ.น่าน", "สอจ.พะเยา", "สอจ.เชียงราย", "สอจ.แพร่"]
    header(page, "เจ้าหน้าที่ (คน)").get_by_role("link").click()
    expect(header(page, "เจ้าหน้าที่ (คน)")).to_have_attribute("aria-sort", "descending")
    expect(page.get_by_test_id("office-table").locator("tbody tr").first).to_contain_text(
        "สอจ.เชียงราย"
    )
    assert office_names(page) == ["สอจ.เชียงราย", "สอจ.พะเยา", "สอจ.น่าน", "สอจ.แพร่"]
    expect(header(page, "สำนักงาน").first).to_have_attribute("aria-sort", "none")
    expect(page).to_have_url(re.compile(r"[?&]sort=-staff\b"))
    expect(page).to_have_url(re.compile(r"[?&]region=16\b"))  # the filter stayed
    assert page.evaluate("window.e2eSamePage") is True  # sorted without a reload

    # A filter changed after sorting keeps the sort, whether sent by HTMX or by the button.
    page.get_by_label("ปีงบประมาณ").fill(str(fiscal_year - 1))
    page.get_by_label("ปีงบประมาณ").dispatch_event("change")
    expect(page.get_by_test_id("office-table").locator("caption")).to_contain_text(
        f"ข้อมูลปีงบประมาณ {fiscal_year - 1}"
    )
    expect(header(page, "เจ้าหน้าที่ (คน)")).to_have_attribute("aria-sort", "descending")
    expect(page).to_have_url(re.compile(r"[?&]sort=-staff\b"))
    assert page.evaluate("window.e2eSamePage") is True
    page.get_by_label("ปีงบประมาณ").fill(str(fiscal_year))
    page.get_by_label("ค้นหา").fill("สอจ.")
    page.get_by_role("button", name="แสดง").click()
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(header(page, "เจ้าหน้าที่ (คน)")).to_have_attribute("aria-sort", "descending")
    assert office_names(page) == ["สอจ.เชียงราย", "สอจ.พะเยา", "สอจ.น่าน", "สอจ.แพร่"]
    page.evaluate("window.e2eSamePage = true")
    header(page, "เบิกจ่าย").get_by_role("link").click()
    expect(header(page, "เบิกจ่าย")).to_have_attribute("aria-sort", "ascending")
    assert office_names(page)[:2] == ["สอจ.เชียงราย", "สอจ.น่าน"]
    assert page.evaluate("window.e2eSamePage") is True
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"office-list-sorted-{role}")

    # The office's page leads to its own work.
    page.get_by_test_id("office-table").get_by_role("link", name="สอจ.เชียงราย").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("สำนักงานอุตสาหกรรมจังหวัดเชียงราย")
    links = page.get_by_test_id("office-links")
    screenshot(page, f"office-page-{role}")

    links.get_by_role("link", name=f"แผนการตรวจปีงบประมาณ {fiscal_year}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("สอจ.เชียงราย")
    expect(page.get_by_test_id("plan-table")).to_contain_text("บ่อขยะเชียงราย")
    expect(page.get_by_test_id("plan-table")).not_to_contain_text("บ่อขยะน่าน")
    page.go_back()

    links.get_by_role("link", name="ทะเบียนโรงงาน").click()
    expect(page).to_have_url(re.compile(r"/factories/\?office=57$"))
    expect(page.locator("main")).to_contain_text("บ่อขยะเชียงราย")
    expect(page.locator("main")).not_to_contain_text("บ่อขยะน่าน")
    page.go_back()

    links.get_by_role("link", name="คำสั่งตาม พ.ร.บ.โรงงาน").click()
    expect(page.get_by_test_id("list-office")).to_have_text("สอจ.เชียงราย")
    expect(page.get_by_test_id("order-table")).to_contain_text("คำสั่งเชียงราย")
    expect(page.get_by_test_id("order-table")).not_to_contain_text("คำสั่งน่าน")
    # Its own filters keep the office.
    page.get_by_label("มาตรา").select_option("s37")
    expect(page).to_have_url(re.compile(r"section=s37"))
    expect(page).to_have_url(re.compile(r"office=57"))
    expect(page.get_by_test_id("order-table")).to_contain_text("คำสั่งเชียงราย")
    expect(page.get_by_test_id("order-table")).not_to_contain_text("คำสั่งน่าน")
    page.goto("/offices/57/")

    links.get_by_role("link", name="เรื่องร้องเรียน").click()
    expect(page.get_by_test_id("list-office")).to_have_text("สอจ.เชียงราย")
    expect(page.locator("main")).to_contain_text("กลิ่นเหม็นจากเชียงราย")
    expect(page.locator("main")).not_to_contain_text("กลิ่นเหม็นจากน่าน")
    page.go_back()

    links.get_by_role("link", name=f"ภาพรวม MIND ปีงบประมาณ {fiscal_year}").click()
    expect(page.locator("main")).to_contain_text("สำนักงานอุตสาหกรรมจังหวัดเชียงราย")
    expect(page.get_by_test_id("counts")).to_contain_text("1")
    assert not browser_log.failed_responses and not browser_log.page_errors
