"""Filling an inspection, the services: which checklists apply, start, answers, photos, submit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.models import (
    Answer,
    Compliance,
    FactoryInspection,
    InspectionKind,
    InspectionStatus,
)
from inspections.services.form import (
    AnswerConflict,
    SubmitRefused,
    applicable_checklists,
    inspection_missing,
    inspection_photo_add,
    inspection_submit,
    photo_content_type,
)
from tests.builders import (
    answer,
    answer_everything,
    item,
    png_upload,
    risky_factory,
    start,
    tiny_png,
)


def codes(versions) -> list[str]:
    return [v.template.code for v in versions]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_it_picks_the_checklists_by_the_risk_flags(db):
    plain = risky_factory("โรงงานทั่วไป", wastewater_risk=False)
    assert codes(applicable_checklists(plain, InspectionKind.ROUTINE)) == ["general"]
    wet = risky_factory("โรงงานน้ำเสีย")
    assert codes(applicable_checklists(wet, InspectionKind.ROUTINE)) == ["general", "wastewater"]
    smoky = risky_factory("โรงงานหม้อน้ำ", wastewater_risk=False, air_risk=True)
    # Boilers follow the air flag: the register has no boiler flag of its own.
    assert set(codes(applicable_checklists(smoky, InspectionKind.ROUTINE))) == {
        "general",
        "air",
        "boiler-safety",
    }
    waste = risky_factory("โรงงานกาก", wastewater_risk=False, hazardous_waste_risk=True)
    assert set(codes(applicable_checklists(waste, InspectionKind.ROUTINE))) == {
        "general",
        "industrial-waste",
    }


def test_it_adds_the_checklists_of_the_kind_of_visit(db):
    plain = risky_factory("โรงงานทั่วไป", wastewater_risk=False)
    assert codes(applicable_checklists(plain, InspectionKind.GREEN_INDUSTRY)) == [
        "general",
        "green-industry",
    ]
    assert codes(applicable_checklists(plain, InspectionKind.COMPLAINT)) == ["general", "complaint"]
    assert codes(applicable_checklists(plain, InspectionKind.FOLLOW_UP)) == ["general"]


def test_it_leaves_out_inactive_templates(db):
    wet = risky_factory()
    item("WW-11").section.version.template.__class__.objects.filter(code="wastewater").update(
        is_active=False
    )
    assert codes(applicable_checklists(wet, InspectionKind.ROUTINE)) == ["general"]


def test_it_starts_a_draft_led_by_the_officer_with_co_inspectors(member, head):
    factory = risky_factory()
    inspection = start(factory, member, co_inspectors=[head])
    assert inspection.status == InspectionStatus.DRAFT
    assert inspection.office_id == "57" and inspection.fiscal_year == 2567
    assert inspection.lead_inspector == member
    assert list(inspection.co_inspectors.all()) == [head]
    assert sorted(codes(inspection.checklist_versions.all())) == ["general", "wastewater"]


def test_it_lets_only_the_factorys_office_start(member, outsider, inspector, executive):
    factory = risky_factory()
    for person in (outsider, inspector, executive):
        with pytest.raises(PermissionDenied):
            start(factory, person)
    with pytest.raises(ValidationError):
        start(factory, member, co_inspectors=[outsider])
    assert not FactoryInspection.objects.exists()


def test_it_saves_an_answer_and_judges_it(member):
    inspection = start(risky_factory(), member)
    saved = answer(inspection, "WW-11", "18.5", member)
    assert (saved.version, saved.compliance, saved.answered_by) == (1, Compliance.COMPLIANT, member)
    saved = answer(inspection, "WW-11", "1,200", member, note="น้ำขุ่น")
    assert (saved.version, saved.compliance, saved.note) == (2, Compliance.NONCOMPLIANT, "น้ำขุ่น")
    with pytest.raises(ValidationError):
        answer(inspection, "WW-11", "สูงมาก", member)
    with pytest.raises(ValidationError):
        answer(inspection, "WW-01", "maybe", member)


def test_it_refuses_to_overwrite_a_newer_answer(member, head):
    inspection = start(risky_factory(), member, co_inspectors=[head])
    answer(inspection, "WW-01", "yes", member)  # version 1, seen by both
    answer(inspection, "WW-01", "no", head, note="ระบบไม่เดิน", version=1)  # version 2
    with pytest.raises(AnswerConflict) as conflict:
        answer(inspection, "WW-01", "yes", member, version=1)
    assert conflict.value.answer.answered_by == head
    stored = Answer.objects.get(inspection=inspection, item=item("WW-01"))
    assert (stored.value, stored.version, stored.answered_by) == ("no", 2, head)
    # A first answer made by someone else in between is a conflict too.
    answer(inspection, "WW-02", "yes", head)
    with pytest.raises(AnswerConflict):
        answer(inspection, "WW-02", "no", member, version=0)


def test_it_refuses_answers_from_those_who_may_not_edit(member, head):
    inspection = start(risky_factory(), member)
    with pytest.raises(PermissionDenied):
        answer(inspection, "WW-01", "yes", head)  # the head is neither lead nor co-inspector
    with pytest.raises(ValidationError):  # an item of a checklist this inspection does not use
        answer(inspection, "AIR-01", "yes", member)


def test_it_recognises_photos_by_their_content():
    assert photo_content_type(tiny_png()) == "image/png"
    assert photo_content_type(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert photo_content_type(b"RIFF\x24\x00\x00\x00WEBPVP8 ") == "image/webp"
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    assert photo_content_type(heic) == "image/heic"
    iphone = b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1msf1heic"
    assert photo_content_type(iphone) == "image/heic"
    assert photo_content_type(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42") is None
    assert photo_content_type(b"%PDF-1.7\n") is None
    assert photo_content_type(b"") is None


def test_it_stores_a_checked_photo_with_its_type_and_size(member):
    inspection = start(risky_factory(), member)
    photo = inspection_photo_add(
        inspection=inspection, upload=png_upload("../../etc/x.jpg"), caption=" ป้าย ", user=member
    )
    assert (photo.content_type, photo.size, photo.caption) == ("image/png", len(tiny_png()), "ป้าย")
    assert photo.image.name.endswith(".png") and "etc" not in photo.image.name
    assert photo.answer is None
    # A photo item counts as answered once a photo is attached to it.
    photo = inspection_photo_add(
        inspection=inspection, upload=png_upload(), caption="", user=member, item=item("WW-17")
    )
    assert photo.answer.compliance == Compliance.RECORDED and photo.answer.version == 1


def test_it_refuses_what_is_not_a_photo_or_too_large(member):
    inspection = start(risky_factory(), member)
    pdf = SimpleUploadedFile("photo.jpg", b"%PDF-1.7\n%\xe2\xe3", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="ไม่ใช่ภาพถ่าย"):
        inspection_photo_add(inspection=inspection, upload=pdf, caption="", user=member)
    big = SimpleUploadedFile("big.png", tiny_png() + b"\x00" * (10 * 1024 * 1024), "image/png")
    with pytest.raises(ValidationError, match="10 MB"):
        inspection_photo_add(inspection=inspection, upload=big, caption="", user=member)
    assert not inspection.photos.exists()


def test_it_refuses_to_submit_with_answers_missing(member):
    inspection = start(risky_factory(), member)
    answer(inspection, "WW-01", "yes", member)
    with pytest.raises(SubmitRefused) as refused:
        inspection_submit(inspection=inspection, user=member, summary="ยังไม่ครบ")
    missing_codes = [m.item.code for m in refused.value.missing]
    assert "WW-01" not in missing_codes and "WW-11" in missing_codes and "GEN-01" in missing_codes
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DRAFT and not inspection.findings.exists()
    assert inspection.summary == "ยังไม่ครบ"  # what was typed is kept


def test_it_asks_for_the_note_and_photo_a_noncompliance_needs(member):
    inspection = start(risky_factory(), member)
    answer_everything(inspection, member, {"WW-03": "yes"})  # untreated discharge found
    reasons = [(m.item.code, m.reason) for m in inspection_missing(inspection)]
    assert reasons == [
        ("WW-03", "ไม่เป็นไปตามกฎหมาย ต้องบันทึกรายละเอียด"),
        ("WW-03", "ไม่เป็นไปตามกฎหมาย ต้องแนบภาพถ่าย"),
    ]
    answer(inspection, "WW-03", "yes", member, note="ท่อลัดหลังโรงงาน")
    inspection_photo_add(
        inspection=inspection, upload=png_upload(), caption="ท่อ", user=member, item=item("WW-03")
    )
    assert inspection_missing(inspection) == []


def test_it_submits_with_one_finding_per_noncompliant_answer(member):
    inspection = start(risky_factory(), member)
    answer_everything(inspection, member, {"WW-11": "45", "WW-02": "no"})
    answer(inspection, "WW-02", "no", member, note="ไม่มีบันทึก ทส.1")
    answer(inspection, "WW-11", "45", member, note="บ่อสุดท้าย")
    findings = inspection_submit(inspection=inspection, user=member, summary="พบ BOD เกิน")
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SUBMITTED and inspection.submitted_at
    assert inspection.summary == "พบ BOD เกิน"
    by_code = {f.answer.item.code: f for f in findings}
    assert set(by_code) == {"WW-11", "WW-02"}
    assert by_code["WW-11"].description == "บีโอดี (BOD): 45 mg/L — บ่อสุดท้าย"
    assert by_code["WW-11"].severity == "high"
    assert "น้ำทิ้ง" in by_code["WW-11"].legal_reference
    assert by_code["WW-02"].description.endswith("ไม่ใช่ — ไม่มีบันทึก ทส.1")
    # Submitted: no longer editable.
    with pytest.raises(PermissionDenied):
        answer(inspection, "WW-11", "10", member)
