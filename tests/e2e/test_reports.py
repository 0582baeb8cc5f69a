"""An officer asks for an order letter on the order's page, watches it being made, downloads
it, and finds it again under "my reports"; the Head Inspector downloads a round's summary of
the region chosen on its overview, and a visit's report from the visit's page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from offices.models import Role
from tests.builders import answered_inspection, issue_s37, make_round, make_user, make_visit
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


def test_the_head_inspector_downloads_a_rounds_summary_of_the_region_chosen(
    new_page, login, settings, tmp_path, browser_log
):
    settings.MEDIA_ROOT = tmp_path
    make_user("head_inspector", Role.HEAD_INSPECTOR)
    round_ = make_round(2567, 1)
    make_visit(round_, "66", reported=1)
    make_visit(round_, "57")

    page = new_page()
    login(page, "head_inspector")
    page.goto(f"/policy/rounds/{round_.pk}/")
    # The region chosen swaps the table, and the summary's buttons with it.
    page.get_by_label("เขตตรวจราชการ").select_option(label="เขตตรวจราชการที่ 18")
    expect(page.get_by_test_id("round-overview")).not_to_contain_text("สอจ.เชียงราย")
    box = page.get_by_test_id("report-round_summary_xlsx")
    box.get_by_role("button", name="สรุปผลการตรวจราชการ Excel").click()
    link = box.get_by_test_id("report-download")
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    assert download_info.value.suggested_filename.endswith("-region-18.xlsx")
    book = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    offices = [row[1] for row in book["สรุปรายสำนักงาน"].iter_rows(min_row=2, values_only=True)]
    assert "สำนักงานอุตสาหกรรมจังหวัดพิจิตร" in offices
    assert "สำนักงานอุตสาหกรรมจังหวัดเชียงราย" not in offices

    # The visit's own report, from the visit's page.
    page.get_by_role("link", name="สอจ.พิจิตร").click()
    box = page.get_by_test_id("report-visit_report")
    box.get_by_role("button", name="รายงานการตรวจราชการ PDF").click()
    link = box.get_by_test_id("report-download")
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    text = pdf_text(Path(download_info.value.path()).read_bytes())
    assert squeezed("สำนักงานอุตสาหกรรมจังหวัดพิจิตร") in text
    assert squeezed("รอบที่ 1/2567") in text
    assert not browser_log.page_errors and not browser_log.failed_responses
