"""What the register keeps of a factory's inspections: the fiscal year it was last inspected.

``Factory.last_inspected_fiscal_year`` lets the register filter "inspected this year" without
reaching up into inspections. It is worked out again from the approved inspections, never
counted up and down, so that whichever way an inspection leaves or enters "approved" (approval,
reopening for correction, a delete in admin, the demo) one call puts it right.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Max, OuterRef, Subquery

from factories.models import Factory
from inspections.models import FactoryInspection, InspectionStatus


def factories_last_inspected_refresh(factory_ids: Iterable[int] | None = None) -> int:
    """Set each factory's last inspected fiscal year from its approved inspections, in one
    UPDATE; ``None`` means every factory. Returns how many factories were written."""
    latest = (
        FactoryInspection.objects.filter(factory=OuterRef("pk"), status=InspectionStatus.APPROVED)
        .order_by()
        .values("factory")
        .annotate(year=Max("fiscal_year"))
        .values("year")
    )
    factories = Factory.objects.all()
    if factory_ids is not None:
        factories = factories.filter(pk__in=list(factory_ids))
    return factories.update(last_inspected_fiscal_year=Subquery(latest))
