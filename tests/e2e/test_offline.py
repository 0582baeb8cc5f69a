"""Government networks are often closed: every page works from this server alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_pages_load_nothing_from_outside_and_run_clean(
    page, admin_user, login, browser_log, live_server
):
    login(page, "admin")
    nav = page.get_by_test_id("main-nav")
    nav.get_by_role("link", name="สำนักงานทั้งประเทศ").click()
    table = page.get_by_test_id("office-table")
    expect(table.locator("tbody tr")).to_have_count(76)
    page.get_by_label("เขตตรวจราชการ").select_option(label="เขตตรวจราชการที่ 16")
    expect(table.locator("tbody tr")).to_have_count(4)
    table.get_by_role("link", name="สอจ.แพร่").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("สำนักงานอุตสาหกรรมจังหวัดแพร่")
    page.get_by_role("link", name=re.compile("ปีงบประมาณ")).first.click()
    expect(page.get_by_label("งบประมาณที่ได้รับ (บาท)")).to_be_visible()
    nav.get_by_role("link", name="ผู้ดูแลระบบ").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.go_back()
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("สำนักงานอุตสาหกรรมจังหวัดแพร่")

    # Everything came from the live server: styles, scripts, fonts, icons.
    assert browser_log.requests
    outside = [url for url in browser_log.requests if not url.startswith(live_server.url + "/")]
    assert outside == []
    fonts = [url for url in browser_log.requests if "/static/vendor/sarabun/" in url]
    assert any("sarabun-thai-" in url for url in fonts), fonts
    assert any("/static/vendor/bootstrap-icons/fonts/" in url for url in browser_log.requests)

    # The Thai text is drawn in Sarabun, not a fallback font: its Thai face has loaded (waited
    # for, since a busy machine may still be loading it).
    page.wait_for_function(
        """() => [...document.fonts]
            .filter(f => f.family.replaceAll('"', '') === 'Sarabun' && f.status === 'loaded')
            .filter(f => f.unicodeRange.toUpperCase().includes('U+E01-E5B'))
            .some(f => f.weight === '400')"""
    )
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert body_font.startswith(("Sarabun", '"Sarabun"')), body_font

    # No missing files, no script errors, no content-security-policy refusals.
    missing = [(status, url) for status, url in browser_log.failed_responses]
    assert missing == []
    assert browser_log.page_errors == []
    errors = [text for text, url in browser_log.console_errors]
    assert errors == []
