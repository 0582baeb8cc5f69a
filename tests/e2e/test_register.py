"""An officer brings the DIW register in and keeps it, in the browser."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from factories.models import Factory, GreenIndustryCertificate
from offices.models import Role
from tests.builders import SAMPLE, make_user, numbered_factory
from tests.e2e.screens import PHONE

pytestmark = pytest.mark.e2e


def test_an_officer_imports_the_register_and_files_a_certificate_on_a_phone(
    new_page, login, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    make_user("pj_officer", Role.OFFICER, "25", first_name="วิภา")
    page = new_page()
    login(page, "pj_officer")
    nav = page.get_by_test_id("main-nav")
    nav.get_by_role("link", name="ทะเบียนโรงงาน").click()
    expect(page.get_by_test_id("factory-count")).to_have_text("พบ 0 โรงงาน")

    page.get_by_role("link", name="นำเข้าทะเบียน").click()
    page.get_by_label("ไฟล์ทะเบียนโรงงาน (.xlsx หรือ .csv)").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="ตรวจไฟล์").click()
    expect(page.get_by_text("ไฟล์นี้ถูกต้องทุกแถว จะสร้างใหม่ 40 โรงงาน")).to_be_visible()
    assert not Factory.objects.exists()  # the preview writes nothing
    page.get_by_test_id("confirm-import").click()
    expect(page.get_by_test_id("import-progress")).to_contain_text("นำเข้าเสร็จ", timeout=20_000)
    assert Factory.objects.filter(office_id="25").count() == 40

    # Search the register, as typed on a Thai keyboard or pasted.
    page.goto("/factories/")
    page.get_by_label("ค้นหา").fill("วังท่าช้าง")
    expect(page.get_by_test_id("factory-count")).to_have_text("พบ 1 โรงงาน")
    # The export takes what the list shows, though the search changed it without a page load.
    found = page.get_by_test_id("factory-table").get_by_role("link", name=re.compile("วังท่าช้าง"))
    export = page.get_by_test_id("export")
    export.get_by_role("button", name="ส่งออก Excel").click()
    # The worker writes the sheet; its link appears beside the button.
    link = export.get_by_test_id("report-download")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [found.inner_text()]
    found.click()
    factory_url = page.url

    # On a phone at the factory gate: record the Green Industry certificate seen on the wall.
    phone = new_page(**PHONE)
    login(phone, "pj_officer")
    phone.goto(factory_url)
    phone.get_by_role("link", name="เพิ่ม").first.click()
    phone.get_by_label("ระดับ").select_option("2")
    phone.get_by_label("วันที่ออกใบรับรอง").fill("10/01/2567")
    phone.get_by_label("วันหมดอายุ").fill("10/01/2566")  # a slip: before the issue date
    phone.get_by_role("button", name="บันทึก").click()
    expect(phone.get_by_text("วันหมดอายุต้องอยู่หลังวันที่ออกใบรับรอง")).to_be_visible()
    expect(phone.get_by_label("วันที่ออกใบรับรอง")).to_have_value("10/01/2567")
    phone.get_by_label("วันหมดอายุ").fill("09/01/2570")
    phone.get_by_role("button", name="บันทึก").click()
    expect(phone.get_by_text("บันทึกใบรับรองอุตสาหกรรมสีเขียวแล้ว")).to_be_visible()
    expect(phone.get_by_text("ระดับ 2 ปฏิบัติการสีเขียว")).to_be_visible()
    assert phone.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert GreenIndustryCertificate.objects.get().expires_on.year == 2027


def test_on_a_phone_the_list_comes_first_and_the_filters_fold_away(new_page, login):
    make_user("pj_phone", Role.OFFICER, "25", first_name="ปราจีน")
    for i in range(3):
        numbered_factory(f"3-9-{i}/60ปจ", "25", name=f"โรงสีข้าวกบินทร์ {i}", class_number=3)
    numbered_factory("2-19-1/60ปจ", "25", name="โรงน้ำแข็งศรีมหาโพธิ", class_number=2)
    phone = new_page(**PHONE)
    login(phone, "pj_phone")
    phone.goto("/factories/")
    expect(phone.get_by_test_id("factory-count")).to_have_text("พบ 4 โรงงาน")
    expect(phone.get_by_label("ค้นหา")).to_be_visible()
    expect(phone.get_by_label("จำพวก")).to_be_hidden()
    table = phone.get_by_test_id("factory-table")
    expect(table.get_by_role("link", name="โรงน้ำแข็งศรีมหาโพธิ")).to_be_in_viewport()
    assert phone.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert phone.evaluate(
        "document.querySelector('.table-responsive').scrollWidth"
        " <= document.querySelector('.table-responsive').clientWidth"
    )

    phone.get_by_test_id("filters-toggle").click()
    phone.get_by_label("จำพวก").select_option(label="จำพวกที่ 2")
    expect(phone.get_by_test_id("factory-count")).to_have_text("พบ 1 โรงงาน")
    # Opened again from the address (a shared link, a reload): the filters show, counted.
    phone.reload()
    expect(phone.get_by_label("จำพวก")).to_be_visible()
    expect(phone.get_by_label("จำพวก")).to_have_value("2")
    expect(phone.get_by_test_id("filters-toggle")).to_contain_text("1")


def test_on_a_wide_screen_every_filter_shows_without_a_button(new_page, login):
    make_user("pj_desk", Role.OFFICER, "25", first_name="ปราจีน")
    page = new_page()
    login(page, "pj_desk")
    page.goto("/factories/")
    expect(page.get_by_label("จำพวก")).to_be_visible()
    expect(page.get_by_label("เรียงตาม")).to_be_visible()
    expect(page.get_by_test_id("filters-toggle")).to_be_hidden()
