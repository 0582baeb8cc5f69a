"""An officer asks for an order letter on the order's page, watches it being made, downloads
it, and finds it again under "my reports"."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from offices.models import Role
from tests.builders import answered_inspection, issue_s37, make_user
from tests.pdfs import pdf_text, squeezed

pytestmark = pytest.mark.e2e


def test_an_officer_asks_for_the_order_letter_and_downloads_it(
    new_page, login, settings, tmp_path, browser_log
):
    settings.MEDIA_ROOT = tmp_path
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="สมชาย")
    inspection = answered_inspection(officer)
    inspection.refresh_from_db()
    order = issue_s37(inspection, officer)

    page = new_page()
    login(page, "cr_officer")
    page.goto(f"/inspections/orders/{order.pk}/")
    box = page.get_by_test_id("report-order_letter")
    box.get_by_label("ใช้เลขไทย").check()
    box.get_by_role("button", name="หนังสือคำสั่ง PDF").click()
    # The status is polled until the worker has made the letter.
    link = box.get_by_test_id("report-download")
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"order-s37-{order.pk}.pdf"
    text = pdf_text(Path(download.path()).read_bytes())
    assert squeezed("โรงงานแป้งมันเชียงของ") in text and squeezed("มาตรา ๓๗") in text

    page.get_by_role("button", name="ติดตาม").click()
    page.get_by_role("link", name="รายงานของฉัน").click()
    rows = page.get_by_test_id("report-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("หนังสือคำสั่งมาตรา 37")
    expect(rows.first).to_contain_text("(เลขไทย)")
    expect(rows.first.get_by_test_id("report-download")).to_be_visible()
    assert not browser_log.page_errors and not browser_log.failed_responses
