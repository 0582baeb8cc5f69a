"""What the office head's KPI dashboard shows: each KPI against its target, the open work, the
MIND averages and the inspections approved month by month (``policy.dashboard_views``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from core.models import DIMENSION_CODES, Dimension
from core.thaidates import THAI_MONTHS_SHORT
from factories.models import Complaint
from inspections.models import FactoryInspection, Order
from inspections.models.inspections import OPEN_ORDER_STATUSES
from policy.kpis import CLOSED_COMPLAINT, KPIS, Figure, Kpi, Period, Scope
from policy.models import Scorecard
from policy.targets import STATE_LABELS, state, targets_for


@dataclass(frozen=True)
class KpiRow:
    kpi: Kpi
    figure: Figure
    target: Decimal
    state: str

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def kpi_rows(office_code: str, period: Period) -> list[KpiRow]:
    """Every KPI of the office against its target: one query per KPI and one for the targets."""
    scope = Scope.office(office_code)
    targets = targets_for(period.fiscal_year, [office_code])
    rows = []
    for code, kpi in KPIS.items():
        figure = kpi.figure(scope, period)
        target = targets[(code, str(office_code))]
        rows.append(
            KpiRow(
                kpi,
                figure,
                target,
                state(
                    kpi, figure.value, target, as_of=period.as_of, fiscal_year=period.fiscal_year
                ),
            )
        )
    return rows


def open_work(office_code: str, period: Period) -> dict[str, int]:
    """Risky factories not yet inspected this year, overdue orders, open complaints. 3 queries."""
    scope = Scope.office(office_code)
    today = timezone.localdate()
    return {
        "not_inspected": KPIS["inspection_coverage"].records(scope, period, "missing").count(),
        "overdue_orders": Order.objects.filter(office_id=office_code)
        .filter(status__in=OPEN_ORDER_STATUSES)
        .filter(Q(status="overdue") | Q(deadline__lt=today))
        .count(),
        "open_complaints": Complaint.objects.filter(office_id=office_code)
        .exclude(status__in=CLOSED_COMPLAINT)
        .count(),
    }


def mind_averages(office_code: str, fiscal_year: int) -> dict[str, Any]:
    """The mean of each MIND dimension over the office's scorecards, and the weakest. 2 queries."""
    found = Scorecard.objects.filter(office_id=office_code, fiscal_year=fiscal_year).aggregate(
        **{f"avg_{code}": Avg(code) for code in DIMENSION_CODES}
    )
    rows = [
        {"dimension": d, "average": found[f"avg_{d.code}"]}
        for d in Dimension.objects.order_by("order")
    ]
    scored = [row for row in rows if row["average"] is not None]
    weakest = min(scored, key=lambda row: row["average"])["dimension"] if scored else None
    return {"rows": rows, "weakest": weakest}


def monthly_approved(office_code: str, period: Period) -> list[dict[str, Any]]:
    """Inspections of the fiscal year approved in each of its twelve months. One query."""
    counted = dict(
        FactoryInspection.objects.approved()
        .of_fiscal_year(period.fiscal_year)
        .filter(factory__office_id=office_code)
        .annotate(
            month=TruncMonth(Coalesce("reviewed_at__date", "inspected_on")),
        )
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    by_month = {(m.year, m.month): n for m, n in counted.items() if m is not None}
    rows = []
    year, month = period.start.year, period.start.month
    for _i in range(12):
        rows.append(
            {
                "label": f"{THAI_MONTHS_SHORT[month - 1]} {str(year + 543)[-2:]}",
                "count": by_month.get((year, month), 0),
            }
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return rows
