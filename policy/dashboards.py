"""What the KPI dashboards show (``policy.dashboard_views``): the office head's (each KPI against
its target, the open work, the MIND averages, the inspections approved month by month), the
inspector's region (its offices side by side) and the executives' nation (every office ranked).

**Freshness.** The figures of a dashboard are counted in the database once, then kept in the
cache for at most :data:`FRESH_SECONDS` (five minutes), with the HTML drawn from them. The office
dashboard counts again at once after a write to its office's figures: a factory's facts changing
(``factories.events``: an approval, a certificate, a complaint, an order, a loan, an iSingle
Form), one of its factories, scorecards or round directives saved or deleted each start a new
*generation* of the office (:func:`office_figures_changed`), whose kept figures are then never
read. The region and
national tables, whose figures take the longest to count and change with every write anywhere,
are counted again when their five minutes are up. A target saved or deleted starts a new
generation of every dashboard (:func:`figures_changed`). Writes that send no signal (bulk
imports) show within the five minutes everywhere.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.core.cache import cache
from django.db.models import Avg, Count, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import get_language

from core.models import DIMENSION_CODES, Dimension
from core.thaidates import THAI_MONTHS_SHORT
from factories.models import Complaint
from inspections.models import FactoryInspection, Order
from inspections.models.inspections import OPEN_ORDER_STATUSES
from policy import kpis
from policy.kpis import KPIS, Figure, Kpi, Period, Scope
from policy.models import Directive, Scorecard
from policy.selectors import directives_to_act_on
from policy.targets import STATE_BADGES, STATE_LABELS, state, targets_for

FRESH_SECONDS = 5 * 60
GENERATION_KEY = "policy:dashboards:generation"
# Part of every key: raise it when what is kept changes shape, so that a new release never
# reads what an older one kept.
KEPT_SHAPE = 6

T = TypeVar("T")


# --- freshness --------------------------------------------------------------------------------


def _office_key(office_code: str) -> str:
    return f"{GENERATION_KEY}:office:{office_code}"


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there yet (or evicted): any new value starts a new generation
        cache.set(key, int(timezone.now().timestamp() * 1000), None)


def figures_changed(*args: Any, **kwargs: Any) -> None:
    """Every dashboard counts again on its next request (a target changed)."""
    _bump(GENERATION_KEY)


def offices_changed(office_codes: Iterable[str | None]) -> None:
    """The dashboards of these offices count again on their next request."""
    for code in set(office_codes):
        if code:
            _bump(_office_key(code))


def office_figures_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Receiver of the saves and deletes of rows with an office (a factory, a scorecard)."""
    offices_changed([instance.office_id])


def directive_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Receiver of the saves and deletes of round directives: their visit's office counts again."""
    from policy.models import Visit

    offices_changed(Visit.objects.filter(pk=instance.visit_id).values_list("office_id", flat=True))


def facts_changed(sender: Any, *, factory_ids: frozenset[int], **kwargs: Any) -> None:
    """Receiver of ``factories.events.factory_facts_changed``, sent after commit. One query."""
    from factories.models import Factory

    offices_changed(Factory.objects.filter(pk__in=factory_ids).values_list("office_id", flat=True))


@dataclass(frozen=True)
class Kept(Generic[T]):
    """Figures kept in the cache: when they were counted (read at once, cheaply) and the figures
    themselves (``value()``, read, or counted, on first use only)."""

    counted_at: float
    value: Callable[[], T]


def fresh(
    name: str, parts: Iterable[object], compute: Callable[[], T], *, office: str | None = None
) -> Kept[T]:
    """``compute()``, kept in the cache for :data:`FRESH_SECONDS` under ``name`` and ``parts``
    in the current generation (of every dashboard, and of ``office`` when given). Two cache
    reads (the generations, the time of counting) until the figures are used."""
    keys = [GENERATION_KEY] + ([_office_key(office)] if office else [])
    generations = cache.get_many(keys)
    key = ":".join(
        [
            "policy:dashboards",
            str(KEPT_SHAPE),
            *(str(generations.get(k, 0)) for k in keys),
            name,
            *(str(p) for p in parts),
        ]
    )
    counted_at = cache.get(f"{key}:at")
    if counted_at is None:
        value, counted_at = compute(), time.time()
        cache.set_many({key: value, f"{key}:at": counted_at}, FRESH_SECONDS)
        return Kept(counted_at, lambda: value)

    @functools.cache
    def load() -> T:
        found = cache.get(key)
        if found is None:  # evicted before its time: count again
            found = compute()
            cache.set(key, found, FRESH_SECONDS)
        return found

    return Kept(counted_at, load)


# --- one office -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiRow:
    kpi: Kpi
    figure: Figure
    target: Decimal
    state: str

    @property
    def state_label(self) -> str:
        return _state_label(self.state, get_language())

    @property
    def state_badge(self) -> str:
        return STATE_BADGES[self.state]


@functools.lru_cache(maxsize=64)
def _state_label(state: str, language: str | None) -> str:
    """A state's label in ``language``, looked up once: a table shows one in every cell."""
    return str(STATE_LABELS[state])


def _row(kpi: Kpi, figure: Figure, target: Decimal, period: Period) -> KpiRow:
    judged = state(kpi, figure.value, target, as_of=period.as_of, fiscal_year=period.fiscal_year)
    return KpiRow(kpi, figure, target, judged)


@dataclass(frozen=True)
class OfficeFigures:
    """Everything the office dashboard counts, as kept in the cache."""

    counted: dict[str, tuple[int, int]]  # KPI code: (numerator, denominator)
    targets: dict[str, Decimal]
    overdue_orders: int
    open_complaints: int
    mind: list[tuple[str, str, Decimal | None]]  # dimension code, name, average
    months: dict[tuple[int, int], int]  # (year, month): inspections approved
    directives: dict[str, Any]  # policy.selectors.directives_to_act_on


def _office_figures(office_code: str, period: Period) -> OfficeFigures:
    """Ten queries: the KPIs in five groups, the targets, the overdue orders, the open
    complaints, the MIND averages with their dimensions, the months, the directives the office
    must act on (the first few, and how many are open and overdue)."""
    scope = Scope.office(office_code)
    figures = kpis.figures(scope, period)
    targets = targets_for(period.fiscal_year, [office_code])
    return OfficeFigures(
        counted={f.kpi.code: (f.numerator, f.denominator) for f in figures},
        targets={code: targets[(code, str(office_code))] for code in KPIS},
        overdue_orders=overdue_orders(office_code).count(),
        open_complaints=Complaint.objects.filter(office_id=office_code).open().count(),
        mind=mind_averages(office_code, period.fiscal_year),
        months=monthly_approved(office_code, period),
        directives=directives_to_act_on(Directive.objects.for_office_to_act(office_code)),
    )


def office_figures(office_code: str, period: Period) -> Kept[OfficeFigures]:
    """The office's figures, fresh within :data:`FRESH_SECONDS` (see the module's docstring)."""
    return fresh(
        "office",
        (office_code, period.fiscal_year, period.as_of),
        lambda: _office_figures(office_code, period),
        office=office_code,
    )


def kpi_rows(found: OfficeFigures, period: Period) -> list[KpiRow]:
    """Every KPI of the office against its target, in registry order."""
    return [
        _row(kpi, Figure(kpi, *found.counted[code]), found.targets[code], period)
        for code, kpi in KPIS.items()
    ]


def overdue_orders(office_code: str):
    """The office's orders still open past their deadline (or marked overdue)."""
    return (
        Order.objects.filter(office_id=office_code)
        .filter(status__in=OPEN_ORDER_STATUSES)
        .filter(Q(status="overdue") | Q(deadline__lt=timezone.localdate()))
    )


def open_work(rows: Sequence[KpiRow], found: OfficeFigures) -> dict[str, int]:
    """Risky factories not yet inspected this year (the coverage KPI's missing ones), overdue
    orders, open complaints."""
    coverage = next(row.figure for row in rows if row.kpi.code == "inspection_coverage")
    return {
        "not_inspected": coverage.missing,
        "overdue_orders": found.overdue_orders,
        "open_complaints": found.open_complaints,
    }


def mind_averages(office_code: str, fiscal_year: int) -> list[tuple[str, str, Decimal | None]]:
    """The mean of each MIND dimension over the office's scorecards. 2 queries."""
    found = Scorecard.objects.filter(office_id=office_code, fiscal_year=fiscal_year).aggregate(
        **{f"avg_{code}": Avg(code) for code in DIMENSION_CODES}
    )
    return [
        (d.code, d.name, found[f"avg_{d.code}"])
        for d in Dimension.objects.order_by("order").only("code", "name")
    ]


def mind_summary(averages: list[tuple[str, str, Decimal | None]]) -> dict[str, Any]:
    """The averages as the page shows them, and the weakest dimension (None: nothing scored)."""
    rows = [{"code": code, "name": name, "average": avg} for code, name, avg in averages]
    scored = [row for row in rows if row["average"] is not None]
    weakest = min(scored, key=lambda row: row["average"]) if scored else None
    return {"rows": rows, "weakest": weakest}


def monthly_approved(office_code: str, period: Period) -> dict[tuple[int, int], int]:
    """Inspections of the fiscal year approved in each month, by (year, month). One query."""
    counted = (
        FactoryInspection.objects.approved()
        .of_fiscal_year(period.fiscal_year)
        .filter(factory__office_id=office_code)
        .annotate(month=TruncMonth(Coalesce("reviewed_at__date", "inspected_on")))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    return {(m.year, m.month): n for m, n in counted if m is not None}


def month_rows(period: Period, counted: dict[tuple[int, int], int]) -> list[dict[str, Any]]:
    """The twelve months of the fiscal year, October first, with their counts."""
    rows = []
    year, month = period.start.year, period.start.month
    for _i in range(12):
        rows.append(
            {
                "label": f"{THAI_MONTHS_SHORT[month - 1]} {str(year + 543)[-2:]}",
                "count": counted.get((year, month), 0),
            }
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return rows


# --- many offices: the region and the nation ----------------------------------------------------


@dataclass(frozen=True)
class OfficeRow:
    """One office's line of a region or national table: a :class:`KpiRow` per KPI."""

    office_id: str
    cells: dict[str, KpiRow]

    def value(self, code: str) -> Decimal | None:
        return self.cells[code].figure.value


def _table(scope: Scope, period: Period, office_ids: list[str] | None) -> list[OfficeRow]:
    """Six queries: the KPIs of every office in five groups, and the targets (and one to list
    the offices of the scope when ``office_ids`` is None)."""
    if office_ids is None:
        office_ids = scope.office_list()
    by_office = kpis.figures_by_office(scope, period, office_ids=office_ids)
    targets = targets_for(period.fiscal_year, office_ids)
    rows = []
    for n, office in enumerate(office_ids):
        cells = {}
        for code, kpi in KPIS.items():
            figure = by_office[code][n]
            cells[code] = _row(kpi, figure, targets[(code, office)], period)
        rows.append(OfficeRow(office, cells))
    return rows


def office_table(
    scope: Scope, period: Period, office_ids: list[str] | None = None
) -> Kept[list[OfficeRow]]:
    """A row per office of ``office_ids`` (in that order; the scope's offices in province code
    order when not given), fresh within :data:`FRESH_SECONDS`."""
    key = (scope.kind, ",".join(map(str, scope.region_ids)), period.fiscal_year, period.as_of)
    return fresh("offices", key, lambda: _table(scope, period, office_ids))


def region_table(region_id: int, period: Period) -> Kept[list[OfficeRow]]:
    """A row per office of the inspection region, in province code order, fresh within
    :data:`FRESH_SECONDS`; the region's offices are listed only when its figures are counted."""

    def count() -> list[OfficeRow]:
        scope = Scope.region(region_id)
        return _table(scope, period, list(scope.region_offices))

    key = (kpis.REGIONS, str(region_id), period.fiscal_year, period.as_of)
    return fresh("offices", key, count)


def fragment_key(counted_at: float, *parts: object) -> str:
    """The key under which a page keeps the HTML it drew from figures counted at
    ``counted_at`` (the template's ``{% cache %}``, for :data:`FRESH_SECONDS`): figures counted
    again make a new key, so the HTML is never older than the figures."""
    return ":".join([repr(counted_at), *(str(p) for p in parts)])


def sorted_rows(rows: list[OfficeRow], code: str, *, descending: bool) -> list[OfficeRow]:
    """``rows`` by the value of KPI ``code`` (ties in the order given); offices without a
    figure last either way."""
    counted = [row for row in rows if row.value(code) is not None]
    empty = [row for row in rows if row.value(code) is None]
    counted.sort(key=lambda row: row.value(code), reverse=descending)
    return counted + empty


def ranked(rows: list[OfficeRow], code: str) -> list[OfficeRow]:
    """Best first: highest first when higher is better, lowest first otherwise."""
    return sorted_rows(rows, code, descending=KPIS[code].higher_is_better)


# --- colour steps of the map ------------------------------------------------------------------

# Light to dark (ColorBrewer YlGnBu, five classes): the darker, the better.
STEP_COLOURS = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
NO_DATA_COLOUR = "#d9d9d9"
# Bangkok: no provincial office (DIW keeps its factories), so no figure of its own.
NO_OFFICE = "#f4f4f4"


@dataclass(frozen=True)
class Step:
    low: Decimal
    high: Decimal
    colour: str


def colour_steps(values: Iterable[Decimal | None], kpi: Kpi) -> list[Step]:
    """Five equal steps between the lowest and the highest value, in the order the legend reads
    (worst to best); none when no office has a figure."""
    known = [v for v in values if v is not None]
    if not known:
        return []
    low, high = min(known), max(known)
    width = (high - low) / len(STEP_COLOURS)
    edges = [(low + width * n).quantize(Decimal("0.1")) for n in range(len(STEP_COLOURS))] + [high]
    steps = [
        Step(edges[n], edges[n + 1], STEP_COLOURS[n if kpi.higher_is_better else -1 - n])
        for n in range(len(STEP_COLOURS))
    ]
    if width == 0:  # every office alike: one step
        return [Step(low, high, STEP_COLOURS[-1])]
    return steps if kpi.higher_is_better else steps[::-1]


def colour_of(value: Decimal | None, steps: Sequence[Step]) -> str:
    if value is None or not steps:
        return NO_DATA_COLOUR
    for step in steps:
        if step.low <= value <= step.high:
            return step.colour
    return steps[-1].colour
