"""The inspection report, the order letter and the MIND scorecard as PDFs: what they say (read
back with pypdf), the fonts they are set in, and that their first page shows something."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from core.thaidates import format_be_date
from inspections.models import InspectionPhoto
from inspections.reports import inspection_report_pdf, order_letter_pdf
from policy.models import Scorecard
from policy.reports import scorecard_pdf
from tests.builders import answered_inspection, issue_s37, item, make_offices_data
from tests.pdfs import assert_set_in_sarabun, first_page_ink, pdf_text, squeezed


@pytest.fixture
def inspection_with_order(member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    inspection = answered_inspection(member)
    inspection.refresh_from_db()
    order = issue_s37(inspection, member, days=15)
    return inspection, order


def test_it_reads_the_inspection_report_back_as_the_inspection_was_recorded(
    inspection_with_order,
):
    inspection, order = inspection_with_order
    text = pdf_text(inspection_report_pdf(inspection.pk, {}))
    for expected in (
        "รายงานผลการตรวจโรงงาน",
        "โรงงานแป้งมันเชียงของ",
        "24 กุมภาพันธ์ 2567",  # the day of the inspection in the Buddhist Era
        "สมชาย",  # the lead inspector
        item("WW-11").text,
        item("WW-11").legal_reference,
        "เก็บตัวอย่างจากบ่อสุดท้าย",  # the note of the answer
        "จุดเก็บตัวอย่างน้ำทิ้ง",  # the photo's caption
        "มาตรา 37 สั่งให้แก้ไขหรือปรับปรุงภายในเวลาที่กำหนด",
        "อาศัยอำนาจตามมาตรา 37 แห่งพระราชบัญญัติโรงงาน พ.ศ. 2535",
        "อุทธรณ์คำสั่งต่อรัฐมนตรีตามมาตรา 41",
        format_be_date(order.deadline, long=True),
        "ลงชื่อ",
    ):
        assert squeezed(expected) in text, expected


def test_it_sets_the_inspection_report_in_sarabun_and_draws_its_first_page(
    inspection_with_order,
):
    inspection, _order = inspection_with_order
    content = inspection_report_pdf(inspection.pk, {})
    assert content.startswith(b"%PDF")
    assert_set_in_sarabun(content, signs=True)
    assert first_page_ink(content) > 0.01


def test_it_lays_the_order_out_as_an_official_letter(inspection_with_order):
    _inspection, order = inspection_with_order
    content = order_letter_pdf(order.pk, {})
    text = pdf_text(content)
    for expected in (
        "ที่",
        "เรื่อง",
        "คำสั่งให้ระงับการกระทำที่ฝ่าฝืนและแก้ไขปรับปรุงโรงงาน (มาตรา 37)",
        "เรียน",
        "ผู้ประกอบกิจการโรงงาน",
        "โรงงานแป้งมันเชียงของ",
        "ส่วนราชการ",
        order.office.name,
        format_be_date(order.issued_on, long=True),
        "มาตรา 41",
        "ขอแสดงความนับถือ",
    ):
        assert squeezed(expected) in text, expected
    assert_set_in_sarabun(content)
    assert first_page_ink(content) > 0.01


def test_it_writes_the_letter_in_thai_digits_when_asked(inspection_with_order):
    _inspection, order = inspection_with_order
    issued = format_be_date(order.issued_on, long=True)
    thai = pdf_text(order_letter_pdf(order.pk, {"thai_digits": True}))
    arabic = pdf_text(order_letter_pdf(order.pk, {"thai_digits": False}))
    as_thai = issued.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert squeezed(as_thai) in thai and squeezed(issued) not in thai
    assert squeezed(issued) in arabic
    assert squeezed("มาตรา ๓๗") in thai


def test_it_writes_a_factorys_mind_scorecard(member):
    make_offices_data(member)
    card = Scorecard.objects.get(factory__name="บ่อขยะเชียงราย")
    content = scorecard_pdf(card.pk, {})
    text = pdf_text(content)
    for expected in (
        "ผลการประเมินตามนโยบาย MIND",
        "บ่อขยะเชียงราย",
        f"ปีงบประมาณ {card.fiscal_year}",
        "คะแนนรายมิติ",
    ):
        assert squeezed(expected) in text, expected
    assert_set_in_sarabun(content)
    assert first_page_ink(content) > 0.01
    # The time it was computed, in the Buddhist Era.
    assert squeezed(str(card.computed_at.astimezone().year + 543)) in text


def test_it_names_a_photo_it_cannot_draw(inspection_with_order, member):
    inspection, _order = inspection_with_order
    InspectionPhoto.objects.create(
        inspection=inspection,
        image=ContentFile(b"\x00\x00\x00\x18ftypheic", name="gate.heic"),
        content_type="image/heic",
        size=12,
        caption="ประตูโรงงานด้านทิศเหนือ",
        uploaded_by=member,
    )
    text = pdf_text(inspection_report_pdf(inspection.pk, {}))
    assert squeezed("(ภาพชนิดนี้แสดงในรายงานไม่ได้ ดูได้ในระบบ) ประตูโรงงานด้านทิศเหนือ") in text
