"""The shell every page shares: signing in, the Thai menu and date, phones, 404, language."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from core.thaidates import be_year, current_fiscal_year, format_be_date
from tests.e2e.screens import PHONE

pytestmark = pytest.mark.e2e


def thai_today() -> str:
    with translation.override("th"):
        return format_be_date(timezone.localdate(), long=True)


def test_officer_signs_in_and_sees_thai_menu_and_buddhist_era_date(page, member, login, screenshot):
    page.goto("/")
    # Every page but the login page needs a signed-in person.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.locator("html")).to_have_attribute("lang", "th")

    login(page, "member")

    expect(page.get_by_role("heading", level=1)).to_have_text("สวัสดี สมชาย")
    expect(page.get_by_text("เจ้าหน้าที่สำนักงาน · สำนักงานอุตสาหกรรมจังหวัดเชียงราย")).to_be_visible()
    nav = page.get_by_test_id("main-nav")
    # Other items join the menu as the apps grow; these must be there, in this order.
    expect(nav.get_by_role("link").nth(0)).to_have_text("หน้าหลัก")
    expect(nav.get_by_role("link").nth(1)).to_have_text("สำนักงานของฉัน")
    expect(nav.get_by_role("link", name="สำนักงานทั้งประเทศ")).to_have_count(0)
    expect(nav.get_by_role("link", name="สำนักงานในเขต")).to_have_count(0)
    expect(nav.get_by_role("link", name="ผู้ดูแลระบบ")).to_have_count(0)
    expect(nav.get_by_role("link", name="หน้าหลัก")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("today")).to_have_text(
        f"{thai_today()} · ปีงบประมาณ {current_fiscal_year()}"
    )
    expect(page).to_have_title(re.compile("^หน้าหลัก"))
    screenshot(page, "home-desktop")


def test_officer_on_a_phone_opens_the_menu_and_reaches_their_office(
    new_page, member, login, screenshot
):
    page = new_page(**PHONE)
    page.goto("/accounts/login/")
    screenshot(page, "login-phone")
    assert_no_horizontal_scroll(page)

    login(page, "member")
    assert_no_horizontal_scroll(page)
    my_office = page.get_by_role("link", name="สำนักงานของฉัน")
    expect(my_office).to_be_hidden()

    page.get_by_role("button", name="เปิดเมนู").tap()
    expect(my_office).to_be_visible()
    my_office.tap()

    expect(page).to_have_url(re.compile(r"/offices/57/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("สำนักงานอุตสาหกรรมจังหวัดเชียงราย")
    assert_no_horizontal_scroll(page)


def assert_no_horizontal_scroll(page) -> None:
    widths = page.evaluate(
        "({scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], f"the page scrolls sideways: {widths}"


def test_officer_gets_the_thai_not_found_page_for_another_office(page, member, outsider, login):
    login(page, "member")

    response = page.goto("/offices/66/")

    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("ไม่พบหน้าที่ต้องการ")
    expect(page.get_by_text("อยู่นอกขอบเขตที่ท่านเข้าถึงได้")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("พิจิตร")
    # Still inside the site's shell, with a way back.
    expect(page.get_by_test_id("main-nav")).to_be_visible()
    page.get_by_role("link", name="กลับหน้าหลัก").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_switching_to_english_keeps_the_buddhist_era_year(page, member, login):
    login(page, "member")
    year = str(be_year(timezone.localdate().year))

    page.get_by_role("contentinfo").get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_test_id("today")).to_contain_text(year)
    expect(page.get_by_test_id("today")).to_contain_text(str(current_fiscal_year()))

    # The choice sticks across pages, and Thai is one click away.
    page.goto("/offices/57/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("contentinfo").get_by_role("button", name="ไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page).to_have_url(re.compile(r"/offices/57/$"))
    expect(page.get_by_test_id("today")).to_have_text(
        f"{thai_today()} · ปีงบประมาณ {current_fiscal_year()}"
    )
