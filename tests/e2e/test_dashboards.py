"""An executive reads the national dashboard on a phone and on a laptop, picks a KPI, clicks a
province on the map and lands on that office's dashboard; an inspector sorts the offices of the
region by a KPI."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from offices.models import Office, Role
from tests.builders import inspect, make_user, risky_factory
from tests.e2e.screens import LAPTOP, PHONE

pytestmark = pytest.mark.e2e


def coverage_world() -> None:
    """Chiang Rai 2 of 3 risky factories inspected (66.7%), Nan 2 of 2 (100%)."""
    officer = make_user("cr_officer", Role.OFFICER, "57")
    chiang_rai = [risky_factory(f"โรงงานเชียงราย {n}") for n in range(3)]
    inspect(chiang_rai[0], officer)
    inspect(chiang_rai[1], officer)
    for n in range(2):
        inspect(risky_factory(f"โรงงานน่าน {n}", province="55"), officer)


def overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def first_rows(page: Page, testid: str, n: int = 2) -> list[str]:
    rows = page.get_by_test_id(testid).locator("tbody tr")
    return [rows.nth(i).get_attribute("data-testid") for i in range(n)]


@pytest.mark.parametrize("screen", ["phone", "laptop"])
def test_the_executive_clicks_a_province_and_lands_on_its_office(
    new_page, login, browser_log, screenshot, screen
):
    make_user("boss", Role.EXECUTIVE, first_name="ผู้บริหาร")
    coverage_world()
    page = new_page(**(PHONE if screen == "phone" else LAPTOP))
    login(page, "boss")
    page.get_by_test_id("home-office-dashboard").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("แดชบอร์ดระดับประเทศ")
    expect(page.get_by_test_id("province-map")).to_be_visible()
    expect(page.get_by_test_id("ranking").locator("tbody tr")).to_have_count(76)
    assert first_rows(page, "ranking") == ["rank-55", "rank-57"]
    assert overflow(page) <= 0
    screenshot(page, f"executive-1-nation-{screen}")

    # Another KPI: the body is swapped in place and the address keeps the choice.
    page.evaluate("window.e2eSamePage = true")
    page.get_by_test_id("kpi-select").select_option("orders_on_time")
    expect(page.get_by_test_id("chosen-kpi")).to_have_text("คำสั่งที่ปฏิบัติตามภายในกำหนด")
    expect(page).to_have_url(re.compile(r"kpi=orders_on_time"))
    assert page.evaluate("window.e2eSamePage") is True
    page.get_by_test_id("kpi-select").select_option("inspection_coverage")
    expect(page.get_by_test_id("chosen-kpi")).to_have_text("ความครอบคลุมการตรวจโรงงานที่มีความเสี่ยง")

    chiang_rai = page.get_by_test_id("province-57")
    expect(chiang_rai.locator("title")).to_have_text("เชียงราย: ร้อยละ 66.7 (2/3)")
    chiang_rai.click()
    expect(page).to_have_url(re.compile(r"/policy/dashboard/offices/57/\?fy=\d{4}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("แดชบอร์ดสำนักงาน")
    expect(page.get_by_text(Office.objects.get(pk="57").name)).to_be_visible()
    expect(page.get_by_test_id("value-inspection_coverage")).to_have_text("66.7")
    assert overflow(page) <= 0
    screenshot(page, f"executive-2-office-{screen}")
    assert browser_log.page_errors == []
    assert browser_log.failed_responses == []


def test_the_inspector_sorts_the_region_by_a_kpi(new_page, login, browser_log):
    inspector = make_user("region_inspector", Role.INSPECTOR, first_name="ผู้ตรวจ")
    inspector.regions.set([Office.objects.get(pk="57").region])
    coverage_world()
    page = new_page(**LAPTOP)
    login(page, "region_inspector")
    page.get_by_test_id("home-office-dashboard").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("แดชบอร์ดเขตตรวจราชการ")
    table = page.get_by_test_id("region-table")
    expect(table.locator("tbody tr")).to_have_count(4)

    page.evaluate("window.e2eSamePage = true")
    page.get_by_test_id("sort-inspection_coverage").click()
    expect(page).to_have_url(re.compile(r"sort=inspection_coverage"))
    expect(table.locator("thead th[aria-sort='descending']")).to_contain_text("ความครอบคลุม")
    assert first_rows(page, "region-table") == ["office-55", "office-57"]
    page.get_by_test_id("sort-inspection_coverage").click()
    expect(page).to_have_url(re.compile(r"sort=-inspection_coverage"))
    expect(
        page.get_by_test_id("region-table").locator("thead th[aria-sort='ascending']")
    ).to_contain_text("ความครอบคลุม")
    assert first_rows(page, "region-table") == ["office-57", "office-55"]
    assert page.evaluate("window.e2eSamePage") is True  # swapped by HTMX, not reloaded

    # A number opens the records behind it.
    page.get_by_test_id("value-57-inspection_coverage").click()
    expect(page.get_by_test_id("record-count")).to_have_text("2")
    assert browser_log.page_errors == []
