"""The head's work on an office's fiscal-year plan: adding a factory to it by hand, and
assigning its factories to the officers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.thaidates import current_fiscal_year
from factories.models import Factory, FactoryStatus
from inspections.models import InspectionPlanEntry, PlanEntryReason
from inspections.permissions import may_assign_plan
from inspections.selectors import office_staff, plan_for_office
from offices.models import Office, User

NOTE_MAX_LENGTH = InspectionPlanEntry._meta.get_field("note").max_length


@transaction.atomic
def plan_assign(
    *,
    office: Office,
    fiscal_year: int,
    factory_ids: list[int],
    assigned_to: User | None,
    by: User,
) -> int:
    """Assign (or, with ``assigned_to=None``, unassign) factories of ``office`` for
    ``fiscal_year``, recording an ``InspectionPlanEntry`` per factory. Factories of other
    offices in ``factory_ids`` are ignored. Returns how many entries were written."""
    if not may_assign_plan(by, office):
        raise PermissionDenied(_("เฉพาะอุตสาหกรรมจังหวัดของสำนักงานนี้เท่านั้นที่มอบหมายงานตรวจได้"))
    if assigned_to is not None and not office_staff(office).filter(pk=assigned_to.pk).exists():
        raise ValidationError(_("มอบหมายได้เฉพาะเจ้าหน้าที่ของสำนักงานนี้"))
    ids = list(
        Factory.objects.filter(office=office, pk__in=factory_ids).values_list("pk", flat=True)
    )
    entries = [
        InspectionPlanEntry(
            office=office, fiscal_year=fiscal_year, factory_id=pk, assigned_to=assigned_to
        )
        for pk in ids
    ]
    InspectionPlanEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["fiscal_year", "factory"],
        update_fields=["assigned_to"],
    )
    return len(entries)


def plan_open_years() -> list[int]:
    """The fiscal years whose plan still takes new factories: this one and the next."""
    current = current_fiscal_year()
    return [current, current + 1]


def plan_add_factory(
    *,
    office: Office,
    fiscal_year: int,
    factory: Factory,
    reason: str,
    note: str = "",
    assigned_to: User | None = None,
    by: User,
) -> InspectionPlanEntry:
    """Put ``factory`` of ``office`` on the plan of ``fiscal_year`` by hand, whatever its risk
    (after a complaint, to follow an order up, …), with why and, if known, who inspects it.

    Raises ``PermissionDenied`` unless ``by`` heads the office, and ``ValidationError`` (with
    the field at fault) for a factory already on that plan, one of another office or removed
    from the register, a closed year, an unknown reason, "other" without a note, or an assignee
    who is not of the office."""
    if not may_assign_plan(by, office):
        raise PermissionDenied(_("เฉพาะอุตสาหกรรมจังหวัดของสำนักงานนี้เท่านั้นที่เพิ่มโรงงานในแผนได้"))
    note = note.strip()
    errors: dict[str, str] = {}
    if factory.office_id != office.pk:
        errors["factory"] = _("ไม่พบโรงงานนี้ในทะเบียนของสำนักงาน")
    elif factory.status == FactoryStatus.REMOVED:
        errors["factory"] = _("โรงงานนี้ถูกจำหน่ายออกจากทะเบียนแล้ว จึงเพิ่มในแผนไม่ได้")
    if fiscal_year not in plan_open_years():
        errors["year"] = _("เพิ่มโรงงานได้เฉพาะแผนของปีงบประมาณนี้หรือปีถัดไป")
    if reason not in PlanEntryReason.values:
        errors["reason"] = _("กรุณาเลือกเหตุที่เพิ่มโรงงานในแผน")
    elif reason == PlanEntryReason.OTHER and not note:
        errors["note"] = _("กรุณาระบุรายละเอียดเมื่อเลือกเหตุอื่น ๆ")
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = _("รายละเอียดยาวได้ไม่เกิน %(n)s ตัวอักษร") % {"n": NOTE_MAX_LENGTH}
    if assigned_to is not None and not office_staff(office).filter(pk=assigned_to.pk).exists():
        errors["assigned_to"] = _("มอบหมายได้เฉพาะเจ้าหน้าที่ของสำนักงานนี้")
    if errors:
        raise ValidationError(errors)
    already = _("โรงงานนี้อยู่ในแผนของปีงบประมาณนี้แล้ว")
    # A risky factory, or one with an open complaint or order, is on the plan without an entry.
    if plan_for_office(office=office, fiscal_year=fiscal_year).filter(pk=factory.pk).exists():
        raise ValidationError({"factory": already})
    try:
        with transaction.atomic():
            return InspectionPlanEntry.objects.create(
                office=office,
                fiscal_year=fiscal_year,
                factory=factory,
                reason=reason,
                note=note,
                assigned_to=assigned_to,
            )
    except IntegrityError:  # added by someone else a moment ago
        raise ValidationError({"factory": already}) from None
