"""The head returns an inspection once, then approves it; an order is issued on its finding and
a follow-up inspection closes it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspections.models import InspectionKind, InspectionStatus, Order, OrderStatus
from offices.models import Role
from tests.builders import add_factory, answered_inspection, make_inspection, make_user
from tests.e2e.screens import LAPTOP, PHONE

pytestmark = pytest.mark.e2e


def _resubmit(inspection) -> None:
    """What the officer's submit does to the status (the form itself is tested elsewhere)."""
    inspection.status = InspectionStatus.SUBMITTED
    inspection.submitted_at = timezone.now()
    inspection.save()


def test_the_head_returns_then_approves_and_a_follow_up_closes_the_order(new_page, login):
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="สมชาย")
    make_user("cr_head", Role.HEAD, "57", first_name="กฤษณา")
    factory = add_factory("โรงสีข้าวเชียงแสน")
    inspection = make_inspection(factory, officer, severities=("high",))
    finding = inspection.findings.get()

    # The head finds it in the queue and returns it with a comment.
    head = new_page()
    login(head, "cr_head")
    head.goto("/inspections/review/")
    queue = head.get_by_test_id("review-queue")
    expect(queue).to_contain_text("โรงสีข้าวเชียงแสน")
    queue.get_by_role("link", name="พิจารณา").click()
    head.get_by_role("button", name="ส่งกลับให้แก้ไข").click()
    expect(head.get_by_text("กรุณาระบุสิ่งที่ต้องแก้ไขก่อนส่งกลับ")).to_be_visible()
    head.get_by_label("ความเห็น / สิ่งที่ต้องแก้ไข").fill("แนบผลวิเคราะห์น้ำทิ้งจากห้องปฏิบัติการ")
    head.get_by_role("button", name="ส่งกลับให้แก้ไข").click()
    expect(head.get_by_text("ส่งการตรวจกลับให้ผู้ตรวจแก้ไขแล้ว")).to_be_visible()
    expect(head.get_by_test_id("queue-count")).to_contain_text("รอพิจารณา 0 รายการ")
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.RETURNED

    # The officer corrects and submits again; the head approves.
    _resubmit(inspection)
    head.reload()
    head.get_by_test_id("review-queue").get_by_role("link", name="พิจารณา").click()
    head.get_by_role("button", name="อนุมัติ").click()
    expect(head.get_by_text("อนุมัติผลการตรวจแล้ว")).to_be_visible()
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.APPROVED

    # On a phone, the officer issues an s.37 order on the finding: fix within 15 days.
    phone = new_page(**PHONE)
    login(phone, "cr_officer")
    phone.goto(f"/inspections/{inspection.pk}/review/")
    expect(phone.get_by_test_id("inspection-status")).to_have_text("อนุมัติแล้ว")
    phone.get_by_role("link", name="ออกคำสั่ง").click()
    phone.get_by_label(re.compile("มาตรา 37 สั่งให้แก้ไข")).check()
    phone.get_by_label(re.compile(re.escape(finding.description[:20]))).check()
    phone.get_by_label("ระยะเวลาให้แก้ไข (วัน นับแต่วันที่ได้รับคำสั่ง)").fill("15")
    phone.get_by_role("button", name="ออกคำสั่ง").click()
    expect(phone.get_by_text("ออกคำสั่งแล้ว")).to_be_visible()
    expect(phone.get_by_test_id("legal-text")).to_contain_text("ภายใน 15 วัน นับแต่วันที่ได้รับคำสั่ง")
    expect(phone.get_by_test_id("legal-text")).to_contain_text("มาตรา 41")
    order = Order.objects.get()
    assert order.deadline == timezone.localdate() + dt.timedelta(days=15)
    assert phone.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")

    # A follow-up inspection finds it done.
    follow_up = make_inspection(factory, officer, kind=InspectionKind.FOLLOW_UP, status="draft")
    phone.goto(f"/inspections/{follow_up.pk}/follow-up/")
    card = phone.get_by_test_id("follow-up-order")
    card.get_by_label("ปฏิบัติตามแล้ว").check()
    card.get_by_label("บันทึก", exact=True).fill("ติดตั้งบ่อบำบัดเพิ่มแล้ว")
    card.get_by_role("button", name="บันทึกผล").click()
    expect(phone.get_by_text("บันทึกผลการติดตามคำสั่งแล้ว")).to_be_visible()
    _resubmit(follow_up)

    # Once the head approves the follow-up, the order shows closed.
    head.goto(f"/inspections/{follow_up.pk}/review/")
    head.get_by_role("button", name="อนุมัติ").click()
    expect(head.get_by_text("อนุมัติผลการตรวจแล้ว")).to_be_visible()
    head.goto(f"/inspections/orders/{order.pk}/")
    expect(head.get_by_test_id("order-status")).to_contain_text("ปฏิบัติตามคำสั่งแล้ว")
    expect(head.get_by_test_id("order-closed")).to_be_visible()
    expect(head.get_by_test_id("order-checks")).to_contain_text("ติดตั้งบ่อบำบัดเพิ่มแล้ว")
    order.refresh_from_db()
    assert (order.status, order.closed_by_inspection) == (OrderStatus.COMPLIED, follow_up)

    # The factory's page lists the inspections and no open order.
    head.goto(f"/factories/{factory.pk}/")
    expect(head.get_by_test_id("factory-open-orders")).to_contain_text("ไม่มีคำสั่งที่ยังไม่ปิด")
    expect(head.get_by_test_id("factory-inspections")).to_contain_text("ตรวจติดตามคำสั่ง")

    # Another office sees none of it.
    make_user("pc_officer", Role.OFFICER, "66")
    other = new_page()
    login(other, "pc_officer")
    response = other.goto(f"/inspections/orders/{order.pk}/")
    assert response.status == 404


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_the_head_reads_every_answer_and_its_photo_on_the_review_page(
    new_page, login, settings, tmp_path, size, browser_log, screenshot
):
    settings.MEDIA_ROOT = tmp_path / "media"
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="สมชาย")
    make_user("cr_head", Role.HEAD, "57", first_name="กฤษณา")
    make_user("pc_head", Role.HEAD, "66", first_name="พิจิตรา")
    inspection = answered_inspection(officer)

    page = new_page(**(PHONE if size == "phone" else LAPTOP))
    login(page, "cr_head")
    page.goto("/inspections/review/")
    page.get_by_test_id("review-queue").get_by_role("link", name="พิจารณา").click()
    answers = page.get_by_test_id("review-answers")
    expect(answers.get_by_test_id("answer-counts")).to_have_text(
        "ตอบแล้ว 20 / 20 ข้อ · ไม่เป็นไปตามกฎหมาย 1 ข้อ"
    )
    # The non-compliant item is named at the top and opens its answer, marked in red.
    answers.get_by_test_id("noncompliant-first").get_by_role("link", name="WW-11").click()
    bod = answers.get_by_test_id("answer-WW-11")
    expect(bod).to_be_in_viewport()
    expect(bod).to_have_class(re.compile("list-group-item-danger"))
    expect(bod.get_by_test_id("answer-value")).to_contain_text("35 mg/L (ค่ามาตรฐาน ≤ 20 mg/L)")
    expect(bod.get_by_test_id("answer-note")).to_have_text("รายละเอียด: เก็บตัวอย่างจากบ่อสุดท้าย")
    thumbnail = bod.get_by_role("img", name="จุดเก็บตัวอย่างน้ำทิ้ง")
    expect(thumbnail).to_be_visible()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle()
    )
    expect(answers.get_by_test_id("answer-GEN-01")).to_contain_text("เป็นไปตามกฎหมาย")
    screenshot(page, f"review-answers-{size}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert browser_log.failed_responses == []

    # Another office's head finds nothing there.
    other = new_page()
    login(other, "pc_head")
    assert other.goto(f"/inspections/{inspection.pk}/review/").status == 404
