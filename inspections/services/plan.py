"""Assigning the factories of an office's fiscal-year plan to its officers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from factories.models import Factory
from inspections.models import InspectionPlanEntry
from inspections.permissions import may_assign_plan
from inspections.selectors import office_staff
from offices.models import Office, User


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
