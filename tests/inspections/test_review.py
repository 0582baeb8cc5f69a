"""The head's review: approve, return with a comment, amend an approved inspection; the queue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections.models import (
    InspectionStatus,
)
from inspections.services.form import inspection_photo_add
from inspections.services.review import inspection_amend, inspection_approve, inspection_return
from tests.builders import (
    add_factory,
    answer_everything,
    answered_inspection,
    make_inspection,
    png_upload,
    risky_factory,
    start,
)
from tests.builders import answer as save_answer
from tests.builders import item as checklist_item
from tests.pages import page_texts


@pytest.fixture
def factory(db):
    return add_factory("โรงสีข้าวเชียงแสน")


@pytest.fixture
def submitted(factory, member):
    return make_inspection(factory, member)


# --- services -------------------------------------------------------------------------------


def test_it_lets_the_head_approve_a_submitted_inspection(submitted, head):
    inspection_approve(inspection=submitted, user=head, comment="เรียบร้อย")
    submitted.refresh_from_db()
    assert submitted.status == InspectionStatus.APPROVED
    assert submitted.reviewed_by == head and submitted.reviewed_at is not None
    assert submitted.review_comment == "เรียบร้อย"


@pytest.mark.parametrize("status", ["draft", "returned", "approved"])
def test_it_approves_only_submitted_inspections(factory, member, head, status):
    inspection = make_inspection(factory, member, status=status)
    with pytest.raises(ValidationError, match="ส่งให้อุตสาหกรรมจังหวัดพิจารณาแล้ว"):
        inspection_approve(inspection=inspection, user=head)
    inspection.refresh_from_db()
    assert inspection.status == status


def test_it_refuses_review_by_anyone_but_the_offices_head(
    submitted, member, outsider_head, inspector, executive
):
    for person in (member, outsider_head, inspector, executive):
        with pytest.raises(PermissionDenied):
            inspection_approve(inspection=submitted, user=person)
        with pytest.raises(PermissionDenied):
            inspection_return(inspection=submitted, user=person, comment="แก้ไข")
    submitted.refresh_from_db()
    assert submitted.status == InspectionStatus.SUBMITTED


def test_it_needs_a_comment_to_return(submitted, head):
    for comment in ("", "   "):
        with pytest.raises(ValidationError, match="กรุณาระบุสิ่งที่ต้องแก้ไข"):
            inspection_return(inspection=submitted, user=head, comment=comment)
    inspection_return(inspection=submitted, user=head, comment="ค่า BOD ไม่มีผลแล็บแนบ")
    submitted.refresh_from_db()
    assert submitted.status == InspectionStatus.RETURNED
    assert submitted.review_comment == "ค่า BOD ไม่มีผลแล็บแนบ"
    assert submitted.is_editable


def test_it_amends_only_approved_inspections_and_keeps_history(submitted, head, member):
    with pytest.raises(ValidationError, match="อนุมัติแล้วเท่านั้น"):
        inspection_amend(inspection=submitted, user=head, reason="แก้ชื่อ")
    inspection_approve(inspection=submitted, user=head)
    with pytest.raises(PermissionDenied):
        inspection_amend(inspection=submitted, user=member, reason="แก้ชื่อ")
    with pytest.raises(ValidationError, match="เหตุผล"):
        inspection_amend(inspection=submitted, user=head, reason=" ")
    inspection_amend(inspection=submitted, user=head, reason="พิมพ์ค่าแรงม้าผิด")
    submitted.refresh_from_db()
    assert submitted.status == InspectionStatus.RETURNED
    assert submitted.amendment_count == 1
    assert submitted.review_comment == "พิมพ์ค่าแรงม้าผิด"
    statuses = [h.status for h in submitted.history.order_by("history_date", "history_id")]
    assert statuses == ["submitted", "approved", "returned"]


# --- pages ----------------------------------------------------------------------------------


def test_it_shows_the_head_their_queue_oldest_first_with_finding_counts(
    client, head, member, factory
):
    now = timezone.now()
    newer = make_inspection(factory, member, submitted_at=now)
    older = make_inspection(
        factory, member, severities=("critical", "low"), submitted_at=now - dt.timedelta(days=3)
    )
    make_inspection(factory, member, status="draft")
    make_inspection(add_factory("โรงสีพิจิตร", province="66"), member)
    client.force_login(head)
    response = client.get(reverse("inspections:review_queue"))
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert rows == [older, newer]
    assert (rows[0].finding_count, rows[0].critical_count) == (2, 1)
    assert ">พิจารณา</a>" in response.content.decode()


def test_it_keeps_the_queue_to_a_fixed_number_of_queries(client, head, member, factory):
    client.force_login(head)
    make_inspection(factory, member)
    url = reverse("inspections:review_queue")
    client.get(url)  # warm the session and the content types
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(6):
        make_inspection(factory, member, severities=("low", "high"))
    client.get(url)  # the writes cleared the menu's counts for the head: counted again once
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["page"]) == 7
    # one page of rows, not full, which is its own count (session and person are cached)
    assert len(many) == len(few) == 1


def test_it_scopes_the_queue(client, submitted, outsider, inspector, executive, member):
    for person, expected in ((outsider, []), (inspector, [submitted]), (executive, [submitted])):
        client.force_login(person)
        response = client.get(reverse("inspections:review_queue"))
        assert response.status_code == 200
        assert list(response.context["page"]) == expected
    client.force_login(member)
    response = client.get(reverse("inspections:review_queue"))
    assert list(response.context["page"]) == [submitted]
    page = response.content.decode()
    assert ">ดู</a>" in page and ">พิจารณา</a>" not in page  # an officer reads, the head decides


def test_it_shows_the_review_page_in_scope_only(
    client, submitted, head, member, outsider, inspector, executive
):
    url = reverse("inspections:review", kwargs={"pk": submitted.pk})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    for person in (member, inspector, executive):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert not response.context["can_review"]
        assert "อนุมัติ</button>" not in response.content.decode()
    client.force_login(head)
    response = client.get(url)
    assert response.context["can_review"]
    assert "อนุมัติ</button>" in response.content.decode()


def test_it_lets_only_the_head_approve_or_return_by_post(
    client, submitted, head, member, inspector, executive, outsider_head
):
    approve = reverse("inspections:approve", kwargs={"pk": submitted.pk})
    give_back = reverse("inspections:return", kwargs={"pk": submitted.pk})
    for person in (member, inspector, executive):
        client.force_login(person)
        assert client.post(approve).status_code == 403
        assert client.post(give_back, {"comment": "x"}).status_code == 403
    client.force_login(outsider_head)
    assert client.post(approve).status_code == 404
    client.force_login(head)
    assert client.get(approve).status_code == 405
    response = client.post(give_back, {"comment": ""}, follow=True)
    assert "กรุณาระบุสิ่งที่ต้องแก้ไขก่อนส่งกลับ" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == InspectionStatus.SUBMITTED
    response = client.post(approve, {"comment": ""})
    assert response.status_code == 302
    assert response.url == reverse("inspections:review_queue")
    submitted.refresh_from_db()
    assert submitted.status == InspectionStatus.APPROVED
    # A second click finds it already decided and says so, without a 403.
    response = client.post(approve, follow=True)
    assert "ส่งให้อุตสาหกรรมจังหวัดพิจารณาแล้วเท่านั้น" in response.content.decode()


def test_it_lets_the_head_reopen_an_approved_inspection_with_a_reason(
    client, submitted, head, member, inspector
):
    inspection_approve(inspection=submitted, user=head)
    url = reverse("inspections:amend", kwargs={"pk": submitted.pk})
    for person in (member, inspector):
        client.force_login(person)
        assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(head)
    page = client.get(reverse("inspections:review", kwargs={"pk": submitted.pk}))
    assert page.context["can_amend"]
    response = client.post(url, {"reason": "แก้จำนวนคนงาน"}, follow=True)
    assert "เปิดการตรวจให้แก้ไขแล้ว" in response.content.decode()
    submitted.refresh_from_db()
    assert (submitted.status, submitted.amendment_count) == ("returned", 1)


# --- the answers on the review page -----------------------------------------------------------


@pytest.fixture
def answered(member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return answered_inspection(member)


def test_it_shows_the_head_every_answer_with_its_photos_on_the_review_page(client, answered, head):
    client.force_login(head)
    response = client.get(reverse("inspections:review", kwargs={"pk": answered.pk}))
    assert response.status_code == 200
    page = page_texts(response)
    assert page.texts["answer-counts"] == "ตอบแล้ว 20 / 20 ข้อ · ไม่เป็นไปตามกฎหมาย 1 ข้อ"
    # The non-compliant answer is named first, then read in full in its section.
    assert page.texts["noncompliant-first"] == "ข้อที่ไม่เป็นไปตามกฎหมาย: WW-11"
    bod = page.texts["answer-WW-11"]
    assert bod.startswith("WW-11 บีโอดี (BOD) ไม่เป็นไปตามกฎหมาย")
    assert "คำตอบ: 35 mg/L (ค่ามาตรฐาน ≤ 20 mg/L) · สมชาย" in bod
    assert "รายละเอียด: เก็บตัวอย่างจากบ่อสุดท้าย" in bod
    assert "อ้างอิง: ประกาศกระทรวงอุตสาหกรรม เรื่อง กำหนดคุณลักษณะของน้ำทิ้ง" in bod
    assert "จุดเก็บตัวอย่างน้ำทิ้ง" in bod  # the photo's caption
    assert page.texts["answer-WW-01"].startswith("WW-01")
    assert "เป็นไปตามกฎหมาย คำตอบ: ใช่" in page.texts["answer-WW-01"]
    assert "คำตอบ: ไม่เกี่ยวข้อง" in page.texts["answer-WW-17"]
    assert sum(key.startswith("answer-") and key[7:8].isupper() for key in page.texts) == 20
    # The thumbnail is served through the photo view, which checks who asks.
    photo = answered.photos.get()
    photo_url = reverse("inspections:photo", kwargs={"pk": photo.pk})
    assert page.images == [photo_url]
    served = client.get(photo_url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"


def test_it_keeps_the_answers_from_another_offices_head(client, answered, outsider_head):
    client.force_login(outsider_head)
    assert client.get(reverse("inspections:review", kwargs={"pk": answered.pk})).status_code == 404
    photo_url = reverse("inspections:photo", kwargs={"pk": answered.photos.get().pk})
    assert client.get(photo_url).status_code == 404


def test_it_builds_the_review_page_in_a_fixed_number_of_queries(
    client, head, member, settings, tmp_path, django_assert_num_queries
):
    settings.MEDIA_ROOT = tmp_path
    inspection = start(risky_factory(), member)
    save_answer(inspection, "WW-01", "no", member, note="ไม่มีระบบบำบัด")
    url = reverse("inspections:review", kwargs={"pk": inspection.pk})
    client.force_login(head)
    client.get(url)  # warm the session and the content types
    # inspection, findings + their orders, versions, sections + items, answers + photos,
    # general photos, orders, checks, history
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.context["counts"].answered == 1
    answer_everything(inspection, member, {"WW-01": "no", "WW-11": "35"})
    for code in ("WW-01", "WW-11", "GEN-01"):
        inspection_photo_add(
            inspection=inspection,
            upload=png_upload(),
            caption="",
            user=member,
            item=checklist_item(code),
        )
    inspection_photo_add(inspection=inspection, upload=png_upload(), caption="", user=member)
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.context["counts"].answered == 20
    assert len(page_texts(response).images) == 4
