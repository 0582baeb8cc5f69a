"""The inspections' reports, registered with the report engine (``core.reports``): the
inspection report and the letter of an order under s.37 or s.39. Both are Thai documents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import reports
from core.pdf import photo_data_uri, render_pdf
from core.thaidates import format_be_date
from inspections.models import FactoryInspection, InspectionPhoto, Order, OrderSection
from inspections.selectors import inspection_answer_groups, inspection_general_photos

# Images WeasyPrint draws; an HEIC photo is named in the report but not drawn.
DRAWN = {"image/jpeg", "image/png", "image/webp", "image/gif"}

ORDER_SUBJECT = {
    OrderSection.S37: gettext_lazy("คำสั่งให้ระงับการกระทำที่ฝ่าฝืนและแก้ไขปรับปรุงโรงงาน (มาตรา 37)"),
    OrderSection.S39: gettext_lazy("คำสั่งให้หยุดประกอบกิจการโรงงานชั่วคราว (มาตรา 39)"),
}
# What each section of the Factory Act (พ.ร.บ.โรงงาน พ.ศ. 2535) empowers, and the appeal.
SECTION_TEXT = {
    OrderSection.S37: gettext_lazy(
        "มาตรา 37 แห่งพระราชบัญญัติโรงงาน พ.ศ. 2535 ให้อำนาจพนักงานเจ้าหน้าที่สั่งให้ผู้ประกอบกิจการโรงงาน"
        "ระงับการกระทำที่ฝ่าฝืน แก้ไข เปลี่ยนแปลง หรือปรับปรุง ภายในระยะเวลาที่กำหนด"
    ),
    OrderSection.S39: gettext_lazy(
        "มาตรา 39 แห่งพระราชบัญญัติโรงงาน พ.ศ. 2535 ให้อำนาจสั่งให้ผู้ประกอบกิจการโรงงานหยุดประกอบกิจการ"
        "โรงงานทั้งหมดหรือบางส่วนเป็นการชั่วคราว เมื่อไม่ปฏิบัติตามคำสั่งตามมาตรา 37 หรือการประกอบกิจการ"
        "อาจก่อให้เกิดอันตรายร้ายแรง"
    ),
}
APPEAL_TEXT = gettext_lazy(
    "ผู้ได้รับคำสั่งมีสิทธิอุทธรณ์คำสั่งต่อรัฐมนตรีตามมาตรา 41 ภายในสามสิบวันนับแต่วันที่ได้รับคำสั่ง"
    " การอุทธรณ์ไม่เป็นเหตุทุเลาการบังคับตามคำสั่ง"
)


def _photo(photo: InspectionPhoto) -> dict[str, Any]:
    uri = ""
    if photo.content_type in DRAWN:
        try:
            uri = photo_data_uri(photo.image.path)
        except (NotImplementedError, ValueError):
            uri = ""
    return {"photo": photo, "uri": uri}


# --- the inspection report ---------------------------------------------------------------------


def _find_inspection(user, pk: int) -> FactoryInspection:
    return get_object_or_404(FactoryInspection.objects.visible_to(user), pk=pk)


def inspection_report_pdf(pk: int, params: Mapping[str, Any]) -> bytes:
    inspection = FactoryInspection.objects.select_related(
        "factory__factory_type",
        "factory__province",
        "factory__district",
        "factory__subdistrict",
        "office",
        "lead_inspector",
        "reviewed_by",
    ).get(pk=pk)
    groups = inspection_answer_groups(inspection)
    for group in groups:
        for block in group.sections:
            for row in block.rows:
                row.drawn = [_photo(p) for p in row.photos]  # type: ignore[attr-defined]
    orders = list(
        inspection.orders.select_related("issued_by")
        .prefetch_related("findings")
        .order_by("issued_on", "pk")
    )
    context = {
        "inspection": inspection,
        "factory": inspection.factory,
        "co_inspectors": list(inspection.co_inspectors.all()),
        "groups": groups,
        "general_photos": [_photo(p) for p in inspection_general_photos(inspection)],
        "findings": list(inspection.findings.select_related("answer__item")),
        "orders": [{"order": o, "section_text": SECTION_TEXT.get(o.section, "")} for o in orders],
        "appeal_text": APPEAL_TEXT,
    }
    return render_pdf("inspections/reports/inspection.html", context)


def _inspection_filename(inspection: FactoryInspection, params: Mapping[str, Any]) -> str:
    return f"inspection-{inspection.pk}-{inspection.inspected_on:%Y%m%d}.pdf"


def _inspection_title(inspection: FactoryInspection, params: Mapping[str, Any]) -> str:
    return _("รายงานผลการตรวจ %(factory)s วันที่ %(date)s") % {
        "factory": inspection.factory.display_name,
        "date": format_be_date(inspection.inspected_on),
    }


# --- the order letter --------------------------------------------------------------------------


def _find_order(user, pk: int) -> Order:
    return get_object_or_404(Order.objects.visible_to(user), pk=pk)


def order_letter_pdf(pk: int, params: Mapping[str, Any]) -> bytes:
    order = Order.objects.select_related(
        "factory__province", "factory__district", "factory__subdistrict", "office", "issued_by"
    ).get(pk=pk)
    context = {
        "order": order,
        "factory": order.factory,
        "office": order.office,
        "subject": ORDER_SUBJECT.get(order.section, order.get_section_display()),
        "paragraphs": [line for line in order.legal_text.splitlines() if line.strip()],
        "findings": list(order.findings.all()),
        "thai": bool(params.get("thai_digits")),
    }
    return render_pdf("inspections/reports/order_letter.html", context)


def _order_params(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"thai_digits": data.get("thai_digits") in ("1", "on", "true", True)}


def _order_filename(order: Order, params: Mapping[str, Any]) -> str:
    return f"order-{order.section}-{order.pk}.pdf"


def _order_title(order: Order, params: Mapping[str, Any]) -> str:
    title = _("หนังสือคำสั่ง%(section)s %(factory)s") % {
        "section": order.get_section_display(),
        "factory": order.factory.display_name,
    }
    return title + (_(" (เลขไทย)") if params.get("thai_digits") else "")


def register() -> None:
    reports.register(
        reports.ReportKind(
            code="inspection_report",
            title=gettext_lazy("รายงานผลการตรวจโรงงาน"),
            model="inspections.factoryinspection",
            find=_find_inspection,
            build=inspection_report_pdf,
            filename=_inspection_filename,
            describe=_inspection_title,
            office_of=lambda inspection: inspection.office_id,
        )
    )
    reports.register(
        reports.ReportKind(
            code="order_letter",
            title=gettext_lazy("หนังสือคำสั่ง"),
            model="inspections.order",
            find=_find_order,
            build=order_letter_pdf,
            filename=_order_filename,
            describe=_order_title,
            office_of=lambda order: order.office_id,
            params_from=_order_params,
        )
    )
