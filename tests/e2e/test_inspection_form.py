"""An officer fills an inspection on a phone at the factory gate, through a dropped connection."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from inspections.models import Answer, ChecklistItem, FactoryInspection, InspectionStatus
from offices.models import Role
from tests.builders import make_user, risky_factory, tiny_png
from tests.e2e.screens import PHONE

pytestmark = pytest.mark.e2e

PENDING = "ยังไม่ได้ส่ง — จะส่งเมื่อกลับมาออนไลน์"
NUMBERS = {"GEN-02": "150", "GEN-04": "42", "GEN-05": "80", "GEN-11": "35", "WW-11": "35"}
NUMBERS |= {"WW-12": "80", "WW-13": "20", "WW-14": "900"}


def test_an_officer_fills_and_submits_an_inspection_on_a_phone_through_a_dropped_connection(
    new_page, login, settings, tmp_path, browser_log
):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_user("cr_officer", Role.OFFICER, "57", first_name="ปรีชา")
    factory = risky_factory("โรงงานแป้งมันเชียงของ")
    page = new_page(**PHONE)
    login(page, "cr_officer")

    page.goto(f"/factories/{factory.pk}/")
    page.get_by_role("link", name="เริ่มการตรวจ").click()
    expect(page.get_by_test_id("checklists")).to_contain_text("น้ำเสียและน้ำทิ้ง")
    page.get_by_role("button", name="เริ่มการตรวจ").click()
    expect(page.get_by_text("เริ่มการตรวจแล้ว")).to_be_visible()
    inspection = FactoryInspection.objects.get()

    def item(code):
        return page.get_by_test_id(f"item-{code}")

    def state(code):
        return item(code).get_by_test_id("save-state")

    # Every yes/no item answered by a tap, the measurements typed.
    items = ChecklistItem.objects.filter(
        section__version__in=inspection.checklist_versions.all()
    ).order_by("pk")
    for it in items:
        if it.kind == "yes_no":
            good = "ใช่" if it.compliant_when_yes else "ไม่ใช่"
            item(it.code).locator("label.btn", has_text=re.compile(f"^{good}$")).click()
            expect(state(it.code)).to_contain_text("บันทึกแล้ว")
        elif it.code in NUMBERS:
            item(it.code).get_by_role("textbox").first.fill(NUMBERS[it.code])
            expect(state(it.code)).to_contain_text("บันทึกแล้ว")
    # BOD 35 mg/L is over the limit of 20: a red badge at once, and the note is asked for.
    bod = item("WW-11")
    expect(bod.get_by_test_id("compliance")).to_have_text("ไม่เป็นไปตามกฎหมาย")
    expect(bod.get_by_test_id("needs-note")).to_be_visible()
    bod.get_by_label("รายละเอียด WW-11").fill("เก็บตัวอย่างจากบ่อสุดท้ายก่อนระบาย")
    expect(bod.get_by_test_id("needs-note")).to_be_hidden()

    # The signal drops: the answer is kept on the phone and said to be not yet sent.
    page.context.set_offline(True)
    item("WW-15").get_by_role("textbox").first.fill("7.2")
    expect(state("WW-15")).to_have_text(PENDING)
    assert not Answer.objects.filter(item__code="WW-15").exists()
    page.context.set_offline(False)
    expect(state("WW-15")).to_contain_text("บันทึกแล้ว")
    assert Answer.objects.get(item__code="WW-15").value == "7.2"

    # A request that never arrives (a closed tab, a proxy error): typed, then the page reloaded.
    page.route(re.compile(r"/answers/\d+/$"), lambda route: route.abort())
    item("WW-16").get_by_role("textbox").first.fill("3")
    expect(state("WW-16")).to_have_text(PENDING)
    page.unroute(re.compile(r"/answers/\d+/$"))
    page.reload()
    # Put back into its field and sent on load; everything answered before is still there.
    expect(item("WW-16").get_by_role("textbox").first).to_have_value("3")
    expect(state("WW-16")).to_contain_text("บันทึกแล้ว")
    expect(item("WW-15").get_by_role("textbox").first).to_have_value("7.2")
    expect(item("WW-11").get_by_role("textbox").first).to_have_value("35")
    expect(item("WW-11").get_by_label("รายละเอียด WW-11")).to_have_value(
        "เก็บตัวอย่างจากบ่อสุดท้ายก่อนระบาย"
    )
    expect(item("WW-01").locator("input[value=yes]")).to_be_checked()
    assert Answer.objects.get(item__code="WW-16").value == "3"

    # A photo of the sampling point, taken for the photo item.
    photo = tmp_path / "sampling-point.png"
    photo.write_bytes(tiny_png())
    sampling = item("WW-17")
    sampling.get_by_label(re.compile("ภาพถ่าย \\(JPEG")).set_input_files(str(photo))
    sampling.get_by_label("คำอธิบายภาพ").fill("จุดเก็บตัวอย่างน้ำทิ้ง")
    sampling.get_by_role("button", name="แนบภาพ").click()
    expect(sampling.get_by_role("img", name="จุดเก็บตัวอย่างน้ำทิ้ง")).to_be_visible()
    expect(state("WW-17")).to_contain_text("บันทึกแล้ว")

    page.get_by_label("สรุปผลการตรวจ", exact=True).fill("ค่า BOD เกินมาตรฐาน ให้ปรับปรุงระบบบำบัด")
    page.get_by_test_id("submit-inspection").click()
    expect(page.get_by_test_id("inspection-status")).to_have_text("ส่งให้อุตสาหกรรมจังหวัดพิจารณา")
    findings = page.get_by_test_id("findings")
    expect(findings).to_contain_text("ข้อบกพร่องที่พบ 1 ข้อ")
    expect(findings).to_contain_text("บีโอดี (BOD): 35 mg/L — เก็บตัวอย่างจากบ่อสุดท้ายก่อนระบาย")
    expect(page.get_by_test_id("answer-WW-17").get_by_role("img")).to_be_visible()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SUBMITTED
    assert inspection.summary.startswith("ค่า BOD เกิน")

    assert browser_log.page_errors == []
    # The only errors are those of the requests the test itself cut off (and HTMX's report
    # of them).
    errors = [
        (text, url)
        for text, url in browser_log.console_errors
        if "/answers/" not in url and not text.startswith(("htmx:sendError", "htmx:afterRequest"))
    ]
    assert errors == []
    assert browser_log.failed_responses == []
