"""What the inspection pages post is read through forms and written by the services, in one
transaction: bad input is told in Thai (never a server error), keeps what was typed, and
writes nothing."""

from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.urls import reverse

from inspections.models import Answer, FactoryInspection, InspectionStatus, OrderCheck
from inspections.services.form import inspection_location_save
from tests.builders import (
    add_factory,
    follow_up_of,
    issue_s37,
    make_inspection,
    post_answer,
    risky_factory,
    start,
    url,
)

LONG_SUMMARY = "พบการระบายน้ำเสียโดยไม่ผ่านระบบบำบัด " * 600  # over 20,000 characters


@pytest.fixture
def inspection(member):
    return start(risky_factory(), member)


def test_an_answer_too_long_is_refused_in_thai_and_not_kept(client, member, inspection):
    client.force_login(member)
    response = post_answer(client, inspection, "WW-01", "ใช่" * 1001)
    assert response.status_code == 422
    assert "บันทึกไม่สำเร็จ — คำตอบยาวเกิน 2000 ตัวอักษร กรุณาย่อให้สั้นลง" in response.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.parametrize("version", ["abc", "²", "-1"])
def test_a_page_with_a_broken_version_is_asked_to_reload(client, member, inspection, version):
    client.force_login(member)
    response = post_answer(client, inspection, "WW-01", "yes", version=version)
    assert response.status_code == 422
    assert "ข้อมูลของหน้านี้ไม่ครบ กรุณาโหลดหน้านี้ใหม่" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_summary_too_long_is_refused_in_thai_and_the_stored_one_stays(client, member, inspection):
    client.force_login(member)
    client.post(url("summary", inspection), {"summary": "เรียบร้อย"})
    response = client.post(url("summary", inspection), {"summary": LONG_SUMMARY})
    assert response.status_code == 422
    assert "สรุปผลการตรวจยาวเกิน 20000 ตัวอักษร" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.summary == "เรียบร้อย"


def test_a_submit_with_a_summary_too_long_shows_it_again_and_submits_nothing(
    client, member, inspection
):
    client.force_login(member)
    response = client.post(url("submit", inspection), {"summary": LONG_SUMMARY})
    assert response.status_code == 422
    html = response.content.decode()
    assert "สรุปผลการตรวจยาวเกิน 20000 ตัวอักษร" in html
    assert LONG_SUMMARY.strip() in html  # what was typed, still in the text box
    inspection.refresh_from_db()
    assert (inspection.status, inspection.summary) == (InspectionStatus.DRAFT, "")


def test_the_location_is_written_with_the_inspection_or_not_at_all(member, inspection, monkeypatch):
    before = FactoryInspection.objects.get(pk=inspection.pk).updated_at

    def disk_full(self, *args, **kwargs):
        raise DatabaseError("could not extend file")

    monkeypatch.setattr(FactoryInspection, "save", disk_full)
    with pytest.raises(DatabaseError):
        inspection_location_save(
            inspection=inspection, user=member, latitude="19.91", longitude="99.84"
        )
    monkeypatch.undo()
    stored = FactoryInspection.objects.get(pk=inspection.pk)
    assert (stored.latitude, stored.updated_at) == (None, before)


def test_a_location_outside_thailand_is_told_in_thai(client, member, inspection):
    client.force_login(member)
    response = client.post(url("location", inspection), {"latitude": "48.85", "longitude": "2.35"})
    assert response.status_code == 422
    assert "ตำแหน่งที่ได้รับไม่ถูกต้อง กรุณาลองอีกครั้ง" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.latitude is None


def test_a_follow_up_check_without_a_verdict_keeps_the_note_typed(client, member):
    factory = add_factory("โรงสีข้าวเชียงแสน")
    order = issue_s37(make_inspection(factory, member), member)
    follow_up = follow_up_of(factory, member)
    client.force_login(member)
    page = reverse("inspections:follow_up", kwargs={"pk": follow_up.pk})
    note = "ติดตั้งบ่อดักไขมันแล้ว รอผลตรวจน้ำ"
    for verdict in ({}, {"complied": "maybe"}):
        response = client.post(page, {"order": order.pk, "note": note, **verdict})
        assert response.status_code == 422
        html = response.content.decode()
        assert "กรุณาเลือกว่าปฏิบัติตามคำสั่งแล้วหรือยัง" in html
        assert f">{note}</textarea>" in html
    # Refused by the service: what was chosen and typed stays too.
    response = client.post(page, {"order": order.pk, "complied": "no", "note": " "})
    assert response.status_code == 422
    assert "กรุณาบันทึกสิ่งที่โรงงานยังไม่ได้แก้ไข" in response.content.decode()
    assert f'value="no" id="c{order.pk}-no" checked' in response.content.decode()
    assert not OrderCheck.objects.exists()
