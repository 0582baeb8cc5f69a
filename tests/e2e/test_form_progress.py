"""On a phone, the 20-item form says how far it has got, jumps to the next item not answered and
keeps the submit at hand; through a dropped connection too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from inspections.models import Answer
from offices.models import Role
from tests.builders import answer_everything, make_user, risky_factory, start
from tests.e2e.screens import LAPTOP, PHONE

pytestmark = pytest.mark.e2e

PENDING = "ยังไม่ได้ส่ง — จะส่งเมื่อกลับมาออนไลน์"


@pytest.fixture
def officer(db):
    return make_user("cr_officer", Role.OFFICER, "57", first_name="ปรีชา")


@pytest.fixture
def inspection(officer):
    return start(risky_factory("โรงงานแป้งมันเชียงของ"), officer)


def test_an_officer_sees_the_progress_and_jumps_to_unanswered_items_on_a_phone(
    new_page, login, officer, inspection, browser_log, screenshot
):
    assert inspection.checklist_versions.count() == 2  # general and wastewater: 20 items
    page = new_page(**PHONE)
    login(page, "cr_officer")
    page.goto(f"/inspections/{inspection.pk}/form/")

    def item(code):
        return page.get_by_test_id(f"item-{code}")

    bar = page.get_by_test_id("form-progress")
    count = bar.get_by_test_id("progress-text")
    jump = bar.get_by_role("button", name="ข้อถัดไปที่ยังไม่ตอบ")
    submit = page.get_by_test_id("submit-inspection")
    expect(count).to_have_text("ตอบแล้ว 0 / 20 ข้อ")
    expect(bar.get_by_role("progressbar")).to_have_attribute("value", "0")
    # The submit is on the first screen, whole, without scrolling.
    assert page.evaluate("window.scrollY") == 0
    expect(submit).to_be_in_viewport(ratio=1)
    screenshot(page, "form-progress-phone")

    # The jump goes to the first item; answering moves the count at once.
    jump.click()
    expect(item("GEN-01").locator("input[value=yes]")).to_be_focused()
    expect(item("GEN-01")).to_be_in_viewport()
    item("GEN-01").locator("label.btn", has_text=re.compile("^ใช่$")).click()
    expect(count).to_have_text("ตอบแล้ว 1 / 20 ข้อ")
    expect(item("GEN-01").get_by_test_id("save-state")).to_contain_text("บันทึกแล้ว")
    item("GEN-02").get_by_role("textbox").first.fill("150")
    expect(count).to_have_text("ตอบแล้ว 2 / 20 ข้อ")
    expect(item("GEN-02").get_by_test_id("save-state")).to_contain_text("บันทึกแล้ว")
    jump.click()
    expect(item("GEN-03").locator("input[value=yes]")).to_be_focused()

    # Offline, an answer counts as soon as it is chosen; it is sent when the signal is back.
    page.context.set_offline(True)
    item("GEN-03").locator("label.btn", has_text=re.compile("^ใช่$")).click()
    expect(count).to_have_text("ตอบแล้ว 3 / 20 ข้อ")
    expect(item("GEN-03").get_by_test_id("save-state")).to_have_text(PENDING)
    page.context.set_offline(False)
    expect(item("GEN-03").get_by_test_id("save-state")).to_contain_text("บันทึกแล้ว")
    assert Answer.objects.get(item__code="GEN-03").value == "yes"

    # Emptied, an answer no longer counts; nor does a value the item cannot take, once the
    # server has refused it.
    with page.expect_response(re.compile(r"/answers/\d+/$")):
        item("GEN-02").get_by_role("textbox").first.fill("")
        expect(count).to_have_text("ตอบแล้ว 2 / 20 ข้อ")
    assert Answer.objects.get(item__code="GEN-02").value == ""
    item("GEN-02").get_by_role("textbox").first.fill("มาก")
    expect(item("GEN-02").get_by_test_id("save-state")).to_contain_text("กรุณากรอกเป็นตัวเลข")
    expect(count).to_have_text("ตอบแล้ว 2 / 20 ข้อ")

    # Halfway down the form the submit is still on the screen, and still checks everything.
    item("WW-11").scroll_into_view_if_needed()
    expect(submit).to_be_in_viewport(ratio=1)
    submit.click()
    expect(page.get_by_test_id("missing")).to_contain_text("ยังส่งไม่ได้ เหลืออีก 18 รายการ")
    expect(count).to_have_text("ตอบแล้ว 2 / 20 ข้อ")

    # Reopened with everything answered but one: the server counts 19, and the jump from the
    # last item goes round to the one left.
    answer_everything(inspection, officer)
    Answer.objects.filter(inspection=inspection, item__code="GEN-04").delete()
    page.goto(f"/inspections/{inspection.pk}/form/")
    expect(count).to_have_text("ตอบแล้ว 19 / 20 ข้อ")
    item("WW-17").get_by_label("ไม่เกี่ยวข้อง / ไม่ได้ตรวจวัด").focus()
    jump.click()
    expect(item("GEN-04").get_by_role("textbox").first).to_be_focused()
    expect(item("GEN-04")).to_be_in_viewport()
    item("GEN-04").get_by_role("textbox").first.fill("42")
    expect(count).to_have_text("ตอบแล้ว 20 / 20 ข้อ")
    expect(jump).to_be_disabled()
    expect(item("GEN-04").get_by_test_id("save-state")).to_contain_text("บันทึกแล้ว")
    submit.click()
    expect(page.get_by_test_id("inspection-status")).to_have_text("ส่งให้อุตสาหกรรมจังหวัดพิจารณา")

    assert browser_log.page_errors == []
    errors = [
        text
        for text, url in browser_log.console_errors
        if not text.startswith(("htmx:sendError", "htmx:afterRequest"))
        and "ERR_INTERNET_DISCONNECTED" not in text
        and "422" not in text
    ]
    assert errors == []


def test_the_progress_bar_fits_a_laptop(new_page, login, inspection):
    page = new_page(**LAPTOP)
    login(page, "cr_officer")
    page.goto(f"/inspections/{inspection.pk}/form/")
    bar = page.get_by_test_id("form-progress")
    expect(bar.get_by_test_id("progress-text")).to_have_text("ตอบแล้ว 0 / 20 ข้อ")
    expect(page.get_by_test_id("submit-inspection")).to_be_in_viewport(ratio=1)
    height = bar.evaluate("(el) => el.getBoundingClientRect().height")
    assert height < 80, height  # one line on a laptop
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
