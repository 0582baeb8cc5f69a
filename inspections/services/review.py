"""The head's review of an inspection, orders under the Factory Act, and follow-ups.

An inspection goes draft → submitted → approved, or back to returned with the head's comment;
an approved inspection is read-only and is corrected only through an amendment that the head
starts with a reason (simple_history keeps every earlier state). Orders are issued from an
inspection's findings: s.37 to fix within a time, s.39 to stop temporarily, which the Act allows
only when the danger is serious or an s.37 order was ignored. A follow-up inspection records,
per open order, whether the factory complied; approving it closes or escalates those orders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core import bounds
from core.thaidates import format_be_date
from factories.events import announce_factory_facts_changed
from inspections.models import (
    FactoryInspection,
    Finding,
    InspectionKind,
    InspectionStatus,
    Order,
    OrderCheck,
    OrderSection,
    OrderStatus,
    Severity,
)
from inspections.models.inspections import OPEN_ORDER_STATUSES
from inspections.permissions import (
    ORDER_STATUSES,
    may_amend,
    may_approve,
    may_edit_draft,
    may_issue_orders,
)
from inspections.services.facts import factories_last_inspected_refresh

# --- review ---------------------------------------------------------------------------------


def _locked(inspection: FactoryInspection) -> FactoryInspection:
    """The inspection re-read under a row lock, so two heads' clicks cannot both pass."""
    return FactoryInspection.objects.select_for_update().get(pk=inspection.pk)


def _require_review(inspection: FactoryInspection, user, verb: str) -> None:
    if inspection.status != InspectionStatus.SUBMITTED:
        raise ValidationError(
            _("%(verb)sได้เฉพาะการตรวจที่ส่งให้อุตสาหกรรมจังหวัดพิจารณาแล้วเท่านั้น") % {"verb": verb}
        )
    if not may_approve(user, inspection):
        raise PermissionDenied(_("เฉพาะอุตสาหกรรมจังหวัดของสำนักงานที่ตรวจเท่านั้นที่พิจารณาการตรวจนี้ได้"))


@transaction.atomic
def inspection_approve(
    *, inspection: FactoryInspection, user, comment: str = ""
) -> FactoryInspection:
    """Approve a submitted inspection; a follow-up's checked orders are closed or escalated."""
    inspection = _locked(inspection)
    _require_review(inspection, user, _("อนุมัติ"))
    inspection.status = InspectionStatus.APPROVED
    inspection.reviewed_at = timezone.now()
    inspection.reviewed_by = user
    inspection.review_comment = comment.strip()
    inspection.save()
    if inspection.kind == InspectionKind.FOLLOW_UP:
        _orders_settle(inspection=inspection)
    # (The factory's last inspected year follows from the save: ``inspections.apps``.)
    # Approved answers are facts the factory's scores are read from.
    announce_factory_facts_changed([inspection.factory_id], fiscal_years=[inspection.fiscal_year])
    return inspection


@transaction.atomic
def inspection_return(*, inspection: FactoryInspection, user, comment: str) -> FactoryInspection:
    """Send a submitted inspection back to its inspectors with what to correct."""
    inspection = _locked(inspection)
    _require_review(inspection, user, _("ส่งกลับ"))
    if not (comment or "").strip():
        raise ValidationError(_("กรุณาระบุสิ่งที่ต้องแก้ไขก่อนส่งกลับ"))
    inspection.status = InspectionStatus.RETURNED
    inspection.reviewed_at = timezone.now()
    inspection.reviewed_by = user
    inspection.review_comment = comment.strip()
    inspection.save()
    return inspection


@transaction.atomic
def inspection_amend(*, inspection: FactoryInspection, user, reason: str) -> FactoryInspection:
    """Reopen an approved inspection for correction; its earlier state stays in the history.

    Orders that this inspection closed or escalated as a follow-up open again: approving the
    corrected inspection settles them anew from its (possibly changed) checks.
    """
    inspection = _locked(inspection)
    if inspection.status != InspectionStatus.APPROVED:
        raise ValidationError(_("แก้ไขหลังอนุมัติได้เฉพาะการตรวจที่อนุมัติแล้วเท่านั้น"))
    if not may_amend(user, inspection):
        raise PermissionDenied(_("เฉพาะอุตสาหกรรมจังหวัดของสำนักงานที่ตรวจเท่านั้นที่เปิดแก้ไขการตรวจนี้ได้"))
    if not (reason or "").strip():
        raise ValidationError(_("กรุณาระบุเหตุผลที่ต้องแก้ไขการตรวจที่อนุมัติแล้ว"))
    inspection.status = InspectionStatus.RETURNED
    inspection.amendment_count += 1
    inspection.reviewed_at = timezone.now()
    inspection.reviewed_by = user
    inspection.review_comment = reason.strip()
    inspection.save()
    _orders_reopen(inspection=inspection)
    factories_last_inspected_refresh([inspection.factory_id])
    announce_factory_facts_changed([inspection.factory_id], fiscal_years=[inspection.fiscal_year])
    return inspection


# --- orders ---------------------------------------------------------------------------------


def s39_grounds(*, inspection: FactoryInspection) -> bool:
    """Whether the Act allows a temporary stop: a critical finding in this inspection, or an
    s.37 order of the factory that was not complied with in time."""
    if inspection.findings.filter(severity=Severity.CRITICAL).exists():
        return True
    today = timezone.localdate()
    ignored = (
        Q(status__in=(OrderStatus.OVERDUE, OrderStatus.ESCALATED))
        | Q(status=OrderStatus.OPEN, deadline__lt=today)
        | Q(status__in=OPEN_ORDER_STATUSES, checks__complied=False)
    )
    return (
        Order.objects.filter(factory_id=inspection.factory_id, section=OrderSection.S37)
        .filter(ignored)
        .exists()
    )


def order_default_text(
    *,
    inspection: FactoryInspection,
    findings: Iterable[Finding],
    section: str,
    days: int | None,
    deadline: dt.date,
    stop_scope: str = "",
) -> str:
    """The order's wording from the section's template, always in Thai as it is served."""
    factory = inspection.factory
    with translation.override("th"):
        lines = "\n".join(
            f"{number}. {finding.description}"
            + (f" ({finding.legal_reference})" if finding.legal_reference else "")
            for number, finding in enumerate(findings, start=1)
        )
        period = (
            _("ภายใน %(days)s วัน นับแต่วันที่ได้รับคำสั่ง (ภายในวันที่ %(date)s)")
            % {"days": days, "date": format_be_date(deadline, long=True)}
            if days
            else _("ภายในวันที่ %(date)s") % {"date": format_be_date(deadline, long=True)}
        )
        facts = {
            "factory": factory.name,
            "number": factory.display_number or "-",
            "inspected": format_be_date(inspection.inspected_on, long=True),
            "findings": lines,
            "period": period,
            "scope": stop_scope.strip() or _("ทั้งหมด"),
        }
        if section == OrderSection.S37:
            body = (
                _(
                    "อาศัยอำนาจตามมาตรา 37 แห่งพระราชบัญญัติโรงงาน พ.ศ. 2535 และที่แก้ไขเพิ่มเติม "
                    "จากการตรวจโรงงาน %(factory)s ทะเบียนเลขที่ %(number)s เมื่อวันที่ %(inspected)s "
                    "พนักงานเจ้าหน้าที่พบว่าการประกอบกิจการโรงงานไม่เป็นไปตามกฎหมาย ดังนี้\n"
                    "%(findings)s\n"
                    "จึงให้ผู้ประกอบกิจการโรงงานระงับการกระทำที่ฝ่าฝืน และแก้ไขปรับปรุงให้ถูกต้อง "
                    "%(period)s หากไม่ปฏิบัติตามคำสั่งนี้ "
                    "อาจถูกสั่งให้หยุดประกอบกิจการตามมาตรา 39 และมีโทษตามกฎหมาย"
                )
                % facts
            )
        else:
            body = (
                _(
                    "อาศัยอำนาจตามมาตรา 39 แห่งพระราชบัญญัติโรงงาน พ.ศ. 2535 และที่แก้ไขเพิ่มเติม "
                    "จากการตรวจโรงงาน %(factory)s ทะเบียนเลขที่ %(number)s เมื่อวันที่ %(inspected)s "
                    "พนักงานเจ้าหน้าที่พบว่า\n%(findings)s\n"
                    "จึงให้ผู้ประกอบกิจการโรงงานหยุดประกอบกิจการโรงงานชั่วคราว (%(scope)s) "
                    "และแก้ไขปรับปรุงให้ถูกต้อง %(period)s "
                    "จะประกอบกิจการต่อได้เมื่อพนักงานเจ้าหน้าที่ตรวจแล้วว่าได้แก้ไขถูกต้อง"
                )
                % facts
            )
        appeal = _(
            "ให้ปิดประกาศคำสั่งนี้ไว้ในที่เปิดเผยและเห็นได้ง่าย ณ โรงงาน "
            "ทั้งนี้ ผู้ได้รับคำสั่งมีสิทธิอุทธรณ์คำสั่งนี้ต่อรัฐมนตรีตามมาตรา 41 "
            "ภายใน 30 วัน นับแต่วันที่ได้รับคำสั่ง "
            "การอุทธรณ์ไม่เป็นเหตุให้ทุเลาการบังคับตามคำสั่ง"
        )
        return f"{body}\n{appeal}"


@transaction.atomic
def order_issue(
    *,
    inspection: FactoryInspection,
    findings: Iterable[Finding],
    section: str,
    days: int | None = None,
    deadline: dt.date | None = None,
    legal_text: str | None = None,
    user,
    issued_on: dt.date | None = None,
    number: str = "",
    stop_scope: str = "",
    escalates: Order | None = None,
) -> Order:
    """Issue an s.37 or s.39 order from an inspection's findings.

    ``days`` counts from ``issued_on`` (today by default); ``deadline`` gives the date instead.
    ``escalates`` is an earlier s.37 order that this s.39 order follows up (``escalated_to``).
    """
    if section not in OrderSection.values:
        raise ValidationError(_("กรุณาเลือกมาตราของคำสั่ง"))
    if not may_issue_orders(user, inspection):
        if inspection.status not in ORDER_STATUSES:
            raise ValidationError(_("ออกคำสั่งได้เมื่อส่งการตรวจให้พิจารณาแล้วหรืออนุมัติแล้วเท่านั้น"))
        raise PermissionDenied(_("เฉพาะผู้ตรวจของการตรวจนี้หรืออุตสาหกรรมจังหวัดเท่านั้นที่ออกคำสั่งได้"))
    findings = list(findings)
    if escalates is not None:
        if escalates.factory_id != inspection.factory_id or escalates.section != OrderSection.S37:
            raise ValidationError(_("ยกระดับได้เฉพาะคำสั่งตามมาตรา 37 ของโรงงานเดียวกัน"))
        if escalates.escalated_to_id:
            raise ValidationError(_("คำสั่งนี้ได้รับการยกระดับไปแล้ว"))
        if section != OrderSection.S39:
            raise ValidationError(_("คำสั่งที่ยกระดับจากมาตรา 37 ต้องเป็นคำสั่งตามมาตรา 39"))
        if not findings:
            findings = list(escalates.findings.all())
    own = {finding.pk for finding in inspection.findings.all()}
    allowed = own | ({f.pk for f in escalates.findings.all()} if escalates else set())
    if not findings:
        raise ValidationError(_("กรุณาเลือกข้อบกพร่องที่ออกคำสั่งอย่างน้อยหนึ่งข้อ"))
    if any(finding.pk not in allowed for finding in findings):
        raise ValidationError(_("ข้อบกพร่องที่เลือกต้องมาจากการตรวจนี้"))
    if section == OrderSection.S39 and not s39_grounds(inspection=inspection):
        raise ValidationError(
            _(
                "ออกคำสั่งหยุดประกอบกิจการชั่วคราวตามมาตรา 39 ได้เมื่อการตรวจนี้พบข้อบกพร่องร้ายแรง "
                "หรือโรงงานไม่ปฏิบัติตามคำสั่งตามมาตรา 37 ภายในกำหนดเท่านั้น "
                "กรณีอื่นให้ออกคำสั่งตามมาตรา 37 ให้แก้ไขภายในเวลาที่กำหนดก่อน"
            )
        )
    issued_on = issued_on or timezone.localdate()
    if days is not None and deadline is not None:
        raise ValidationError(_("กรุณากำหนดระยะเวลาเป็นจำนวนวันหรือวันที่อย่างใดอย่างหนึ่ง"))
    if days is not None:
        if days < 1:
            raise ValidationError(_("จำนวนวันที่ให้แก้ไขต้องมากกว่าศูนย์"))
        deadline = issued_on + dt.timedelta(days=days)
    if deadline is None:
        raise ValidationError(_("คำสั่งต้องกำหนดระยะเวลาให้แก้ไข เป็นจำนวนวันหรือวันที่ครบกำหนด"))
    if deadline < issued_on:
        raise ValidationError(_("กำหนดแล้วเสร็จต้องไม่ก่อนวันที่ออกคำสั่ง"))
    bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, "deadline_last_date")(deadline)
    text = (legal_text or "").strip() or order_default_text(
        inspection=inspection,
        findings=findings,
        section=section,
        days=days,
        deadline=deadline,
        stop_scope=stop_scope,
    )
    order = Order.objects.create(
        factory_id=inspection.factory_id,
        office_id=inspection.office_id,
        inspection=inspection,
        section=section,
        number=number.strip(),
        legal_text=text,
        issued_on=issued_on,
        deadline=deadline,
        issued_by=user,
    )
    order.findings.set(findings)
    if escalates is not None:
        escalates.escalated_to = order
        if escalates.status in OPEN_ORDER_STATUSES:
            escalates.status = OrderStatus.ESCALATED
        escalates.save(update_fields=["escalated_to", "status"])
    return order


def orders_mark_overdue() -> int:
    """Mark open orders whose deadline has passed as overdue; returns how many changed."""
    today = timezone.localdate()
    with transaction.atomic():
        orders = list(
            Order.objects.select_for_update()
            .filter(status=OrderStatus.OPEN, deadline__lt=today)
            .only("pk", "status", "factory_id")
        )
        for order in orders:
            order.status = OrderStatus.OVERDUE
        if orders:
            bulk_update_with_history(orders, Order, ["status"], batch_size=500)
            announce_factory_facts_changed({order.factory_id for order in orders})
    return len(orders)


# --- follow-ups -----------------------------------------------------------------------------


@transaction.atomic
def order_check_record(
    *,
    inspection: FactoryInspection,
    order: Order,
    complied: bool,
    note: str = "",
    user=None,
) -> OrderCheck:
    """Record (or correct) what a follow-up inspection found about one open order."""
    if inspection.kind != InspectionKind.FOLLOW_UP:
        raise ValidationError(_("บันทึกผลการติดตามคำสั่งได้ในการตรวจประเภทตรวจติดตามคำสั่งเท่านั้น"))
    if order.factory_id != inspection.factory_id or order.office_id != inspection.office_id:
        raise ValidationError(_("คำสั่งนี้ไม่ใช่คำสั่งของโรงงานที่ตรวจ"))
    if not inspection.is_editable:
        raise ValidationError(_("การตรวจนี้ส่งพิจารณาหรืออนุมัติแล้ว จึงแก้ไขผลการติดตามไม่ได้"))
    if user is not None and not may_edit_draft(user, inspection):
        raise PermissionDenied(_("เฉพาะผู้ตรวจของการตรวจนี้เท่านั้นที่บันทึกผลการติดตามได้"))
    if order.status not in OPEN_ORDER_STATUSES:
        raise ValidationError(_("คำสั่งนี้ปิดแล้ว ไม่ต้องติดตาม"))
    if order.inspection_id == inspection.pk:
        raise ValidationError(_("การตรวจที่ออกคำสั่งไม่ใช่การตรวจติดตามของคำสั่งนั้น"))
    if not complied and not (note or "").strip():
        raise ValidationError(_("กรุณาบันทึกสิ่งที่โรงงานยังไม่ได้แก้ไข"))
    check, _created = OrderCheck.objects.update_or_create(
        order=order,
        inspection=inspection,
        defaults={"complied": complied, "note": (note or "").strip()},
    )
    return check


def _orders_settle(*, inspection: FactoryInspection) -> None:
    """Close each order this follow-up found complied with; escalate each it found ignored."""
    today = timezone.localdate()
    checks = OrderCheck.objects.filter(
        inspection=inspection, order__status__in=OPEN_ORDER_STATUSES
    ).select_related("order")
    for check in checks:
        order = check.order
        if check.complied:
            order.status = OrderStatus.COMPLIED
            order.closed_on = today
            order.closed_by_inspection = inspection
        else:
            # An s.37 order left undone opens the way to s.39; the page offers to issue it.
            order.status = OrderStatus.ESCALATED
        order.save(update_fields=["status", "closed_on", "closed_by_inspection"])


def _orders_reopen(*, inspection: FactoryInspection) -> None:
    """Undo what an amended follow-up settled, unless an s.39 order already followed."""
    today = timezone.localdate()
    settled = Order.objects.filter(
        Q(closed_by_inspection=inspection)
        | Q(
            status=OrderStatus.ESCALATED,
            escalated_to__isnull=True,
            checks__inspection=inspection,
            checks__complied=False,
        )
    ).distinct()
    for order in settled:
        order.status = OrderStatus.OVERDUE if order.deadline < today else OrderStatus.OPEN
        order.closed_on = None
        order.closed_by_inspection = None
        order.save(update_fields=["status", "closed_on", "closed_by_inspection"])


def escalation_pending(order: Order) -> bool:
    """An s.37 order found ignored that has no s.39 order yet: the page offers one."""
    return (
        order.section == OrderSection.S37
        and order.status == OrderStatus.ESCALATED
        and order.escalated_to_id is None
    )
