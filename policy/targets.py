"""The targets of the KPIs, and whether a figure is on track against its target.

Every caller reads targets here. A KPI's target for a fiscal year and an office is, in order:

1. the office's own target for that year (``KpiTarget`` with the office), else
2. the national default for that year (``KpiTarget`` without an office), else
3. the registry's ``default_target`` (``policy.kpis``).

:func:`targets_for` answers for many offices in one query (a dashboard); :func:`target_for` is
the same rule for one KPI and one office (or the nation).

:func:`state` says, in words an office head reads at a glance, where a figure stands:

- **ไม่มีข้อมูล** (``no_data``): there is no figure (nothing to count yet).
- When higher is better, the figure is compared with what should have been reached by the
  day of the figure (the *expected* value). For the KPIs that start again from zero every
  1 October and grow through the year (:data:`GROWING_KPIS`: inspection coverage, moving up a
  Green Industry level, the iSingle Form), that is the target times the share of the fiscal
  year gone by (half-way through the year, half of the target); for the others, the target
  itself. **ตามเป้า** (``on_track``) when the figure is at or above the expected value;
  **เสี่ยง** (``at_risk``) when it is below by no more than :data:`AT_RISK_POINTS` points;
  **ต่ำกว่าเป้า** (``behind``) when further below.
- When lower is better (loans on watch or NPL), the target is a ceiling all year round:
  on track at or below it; at risk above it by no more than :data:`AT_RISK_POINTS` points or
  by the target itself, whichever is smaller (a 5% ceiling is at risk up to 10%); behind
  beyond that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.thaidates import fiscal_year_range
from policy.kpis import KPIS, Kpi, get
from policy.models import KpiTarget

ON_TRACK, AT_RISK, BEHIND, NO_DATA = "on_track", "at_risk", "behind", "no_data"
STATE_LABELS = {
    ON_TRACK: _("ตามเป้า"),
    AT_RISK: _("เสี่ยง"),
    BEHIND: _("ต่ำกว่าเป้า"),
    NO_DATA: _("ไม่มีข้อมูล"),
}
# The colour of each state's badge on the dashboards (Bootstrap's classes).
STATE_BADGES = {
    ON_TRACK: "text-bg-success",
    AT_RISK: "text-bg-warning",
    BEHIND: "text-bg-danger",
    NO_DATA: "text-bg-secondary",
}
AT_RISK_POINTS = Decimal(10)
# KPIs whose numerator starts from zero each fiscal year and grows as the year goes on.
GROWING_KPIS = frozenset({"inspection_coverage", "gi_level_up", "isingle_filed"})
TENTH = Decimal("0.1")

TargetKey = tuple[str, str | None]


def targets_for(fiscal_year: int, office_ids: Iterable[str]) -> dict[TargetKey, Decimal]:
    """The target of every KPI for the nation (key ``(code, None)``) and for each office of
    ``office_ids`` (key ``(code, office_id)``) in ``fiscal_year``. One query."""
    office_ids = list(dict.fromkeys(str(pk) for pk in office_ids))
    rows = KpiTarget.objects.filter(fiscal_year=fiscal_year).filter(
        Q(office__isnull=True) | Q(office_id__in=office_ids)
    )
    stored = {
        (kpi, office): value for kpi, office, value in rows.values_list("kpi", "office_id", "value")
    }
    targets: dict[TargetKey, Decimal] = {}
    for code, kpi in KPIS.items():
        national = stored.get((code, None), kpi.default_target)
        targets[(code, None)] = national
        for office_id in office_ids:
            targets[(code, office_id)] = stored.get((code, office_id), national)
    return targets


def target_for(kpi_code: str, fiscal_year: int, office_id: str | None = None) -> Decimal:
    """The target of one KPI in ``fiscal_year`` for an office (its own, else the year's
    national default, else the registry's) or, without an office, the nation. One query."""
    get(kpi_code)  # an unknown code is a mistake, not a default
    offices = [] if office_id is None else [office_id]
    return targets_for(fiscal_year, offices)[
        (kpi_code, None if office_id is None else str(office_id))
    ]


def year_elapsed(fiscal_year: int, as_of: dt.date) -> Decimal:
    """The share (0–1) of the fiscal year gone by at the end of ``as_of``."""
    start, end = fiscal_year_range(fiscal_year)
    if as_of < start:
        return Decimal(0)
    if as_of >= end:
        return Decimal(1)
    return Decimal((as_of - start).days + 1) / Decimal((end - start).days + 1)


def expected(kpi: Kpi, target: Decimal, *, as_of: dt.date, fiscal_year: int) -> Decimal:
    """What the figure should be by ``as_of``: the target, pro rata for a growing KPI."""
    if kpi.higher_is_better and kpi.code in GROWING_KPIS:
        target = target * year_elapsed(fiscal_year, as_of)
    return Decimal(target).quantize(TENTH, rounding=ROUND_HALF_UP)


def state(
    kpi: Kpi, value: Decimal | None, target: Decimal, *, as_of: dt.date, fiscal_year: int
) -> str:
    """``on_track``, ``at_risk``, ``behind`` or ``no_data``: the rule in the module's docstring."""
    if value is None:
        return NO_DATA
    value = Decimal(value)
    if kpi.higher_is_better:
        goal = expected(kpi, target, as_of=as_of, fiscal_year=fiscal_year)
        if value >= goal:
            return ON_TRACK
        return AT_RISK if value >= goal - AT_RISK_POINTS else BEHIND
    ceiling = Decimal(target)
    if value <= ceiling:
        return ON_TRACK
    return AT_RISK if value <= ceiling + min(AT_RISK_POINTS, ceiling) else BEHIND
