"""An inspector narrows the list of the offices in their region."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from offices.models import Office
from tests.e2e.keyboard import type_on_thai_keyboard

pytestmark = pytest.mark.e2e


def test_inspector_searches_the_offices_of_the_region_without_a_reload(page, inspector, login):
    in_region = list(Office.objects.visible_to(inspector))
    assert len(in_region) > 1 and Office.objects.count() > len(in_region)
    login(page, "inspector")

    nav = page.get_by_test_id("main-nav")
    expect(nav.get_by_role("link").first).to_have_text("หน้าหลัก")
    expect(nav.get_by_role("link", name="สำนักงานทั้งประเทศ")).to_have_count(0)
    expect(nav.get_by_role("link", name="ผู้ดูแลระบบ")).to_have_count(0)
    nav.get_by_role("link", name="สำนักงานในเขต").click()
    expect(page).to_have_url(re.compile(r"/offices/$"))
    table = page.get_by_test_id("office-table")
    offices = table.locator("tbody tr")
    expect(offices).to_have_count(len(in_region))
    expect(table.locator("caption")).to_contain_text(f"{len(in_region)} สำนักงาน")
    expect(table).not_to_contain_text("สอจ.พิจิตร")

    # A mark on the window survives only if the page is not loaded again.
    page.evaluate("window.e2eSamePage = true")
    search = page.get_by_label("ค้นหา")
    type_on_thai_keyboard(search, "เชียงราย")

    expect(offices).to_have_count(1)
    expect(offices.first.get_by_role("link")).to_have_text("สอจ.เชียงราย")
    expect(table.locator("caption")).to_contain_text("1 สำนักงาน")
    expect(page).to_have_url(re.compile(r"[?&]q=%E0%B9%80%E0%B8%8A"))  # pushed: ?q=เช…
    assert page.evaluate("window.e2eSamePage") is True

    search.fill("")
    type_on_thai_keyboard(search, "ไม่มีจังหวัดนี้")
    expect(table).to_contain_text("ไม่พบสำนักงานตามเงื่อนไขที่เลือก")

    search.fill("")
    type_on_thai_keyboard(search, " ")
    expect(offices).to_have_count(len(in_region))
    assert page.evaluate("window.e2eSamePage") is True
    # The list opens each office.
    offices.get_by_role("link", name="สอจ.น่าน").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("สำนักงานอุตสาหกรรมจังหวัดน่าน")


def test_search_follows_text_that_arrives_without_key_events(page, inspector, login):
    login(page, "inspector")
    page.goto("/offices/")
    offices = page.get_by_test_id("office-table").locator("tbody tr")
    expect(offices).not_to_have_count(1)

    page.get_by_label("ค้นหา").fill("เชียงราย")  # as a paste or an IME does: input, no keys

    expect(offices).to_have_count(1)
