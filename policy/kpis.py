"""The registry of KPIs (ตัวชี้วัด) that the dashboards and the inspection rounds read.

Each KPI is a share (ร้อยละ): a numerator out of a denominator, both counted in the database for
a :class:`Scope` (the nation, inspection regions or one office), a fiscal year and a date "as of"
within it (:class:`Period`). The rule of each KPI is written once, as two conditions on one
queryset (the records behind the denominator, and among them those behind the numerator), so
that the figure, the figure of every office and the list behind either number cannot disagree:

- :meth:`Kpi.by_office` — one grouped query giving a row per office of the scope (plus one to
  list the offices of the nation when the caller does not pass them);
- :meth:`Kpi.figure` — the same query, its rows added up for the whole scope;
- :meth:`Kpi.records` — the queryset behind the numerator, the denominator, or the "missing"
  records (in the denominator, not in the numerator).

The KPIs counted over the same table (:attr:`Kpi.base`: the factories of the scope, for five of
them) are read together by :func:`figures` and :func:`figures_by_office`: one grouped query
with a pair of filtered counts per KPI, instead of one pass over the table for each.

The SQL of a KPI for a scope and period is compiled once per process (:func:`counting_sql`):
for one office, building the ORM expressions took longer than running them. The figures
themselves are read afresh on every call.

"As of" means at the end of that day. What cannot be dated is taken as it stands now (a
factory's register status and risk flags, a scorecard); each rule says so.

The nation is every office: factories without an office (Bangkok's, kept by DIW itself) are not
in any figure, so the offices' rows add up to the nation's.

Each definition keeps a default target; the targets set per fiscal year and office, and whether a
figure is on track against them, are ``policy.targets`` (``targets_for``, ``state``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, lru_cache

from django.core.exceptions import EmptyResultSet, PermissionDenied
from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least, TruncDate
from django.db.models.lookups import GreaterThan, In, LessThanOrEqual
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.thaidates import current_fiscal_year, fiscal_year_of, fiscal_year_range
from factories.models import (
    RISKY,
    Complaint,
    ComplaintStatus,
    Factory,
    FactoryYear,
    GreenIndustryCertificate,
    Loan,
    LoanFollowUp,
    LoanStatus,
)
from inspections.models import FactoryInspection, Order, OrderStatus
from offices.models import Office
from policy.models import Scorecard

HistoricalComplaint = Complaint.history.model  # type: ignore[attr-defined]
PERCENT = _("ร้อยละ")
CLOSED_COMPLAINT = (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)
TROUBLED_LOAN = (LoanStatus.WATCH, LoanStatus.NPL)
# A date after every real one: a record never closed compares as closed "too late".
NEVER = dt.date(9999, 12, 31)

NATION, REGIONS, OFFICE = "nation", "regions", "office"
RECORD_SETS = ("numerator", "denominator", "missing")


# --- Scope and period -------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose figures: the nation (every office), one or more inspection regions, or one office.

    Build one with :meth:`nation`, :meth:`region`, :meth:`regions`, :meth:`office` or, for what a
    person sees by default, :meth:`for_user`; :meth:`check` refuses a scope the person may not see.
    """

    kind: str
    region_ids: tuple[int, ...] = ()
    office_code: str = ""
    # The offices of the regions, listed once when the scope is made: filtering on the codes
    # themselves lets PostgreSQL estimate and use the factories' office index.
    region_offices: tuple[str, ...] = ()

    @classmethod
    def nation(cls) -> Scope:
        return cls(NATION)

    @classmethod
    def region(cls, region_id: int) -> Scope:
        """One inspection region. One query (its offices)."""
        return cls.regions([region_id])

    @classmethod
    def regions(cls, region_ids: Iterable[int]) -> Scope:
        """Some inspection regions (an inspector's). One query (their offices)."""
        ids = tuple(sorted({int(pk) for pk in region_ids}))
        offices = Office.objects.filter(region_id__in=ids).order_by("pk")
        return cls(
            REGIONS, region_ids=ids, region_offices=tuple(offices.values_list("pk", flat=True))
        )

    @classmethod
    def office(cls, code: str) -> Scope:
        return cls(OFFICE, office_code=str(code))

    @classmethod
    def for_user(cls, user) -> Scope:
        """The widest scope ``user`` may see (``core.access``): the nation for executives and
        admins, the regions of an inspector, the office of its staff."""
        if not (user.is_authenticated and user.is_active):
            raise PermissionDenied
        if user.sees_all_offices:
            return cls.nation()
        if user.is_office_staff and user.office_id:
            return cls.office(user.office_id)
        if user.is_inspector:
            return cls.regions(user.regions.values_list("pk", flat=True))
        raise PermissionDenied

    def office_list(self) -> list[str]:
        """The offices of the scope in province code order; a query only for the nation."""
        if self.kind == NATION:
            return list(Office.objects.order_by("pk").values_list("pk", flat=True))
        if self.kind == OFFICE:
            return [self.office_code]
        return list(self.region_offices)

    def q(self, office_field: str = "office") -> Q:
        """A filter for rows of the scope by their office (``office_field``: the lookup to it)."""
        if self.kind == NATION:
            return Q(**{f"{office_field}__isnull": False})
        if self.kind == OFFICE:
            return Q(**{f"{office_field}_id": self.office_code})
        return Q(**{f"{office_field}_id__in": list(self.region_offices)})

    def allows(self, user) -> bool:
        """Whether ``user`` may see the figures of this scope. One query at most."""
        if not (user.is_authenticated and user.is_active):
            return False
        if user.sees_all_offices:
            return True
        if self.kind == NATION:
            return False
        if self.kind == OFFICE:
            return Office.objects.visible_to(user).filter(pk=self.office_code).exists()
        if not (user.is_inspector and self.region_ids):
            return False
        mine = user.regions.filter(pk__in=self.region_ids).count()
        return mine == len(self.region_ids)

    def check(self, user) -> Scope:
        if not self.allows(user):
            raise PermissionDenied
        return self


@dataclass(frozen=True)
class Period:
    """A fiscal year (BE) and the day within it at whose end the figures are taken."""

    fiscal_year: int
    as_of: dt.date

    def __post_init__(self) -> None:
        if fiscal_year_of(self.as_of) != self.fiscal_year:
            raise ValueError(f"{self.as_of} is not in fiscal year {self.fiscal_year}")

    @classmethod
    def of(cls, fiscal_year: int | None = None, as_of: dt.date | None = None) -> Period:
        """The period of ``fiscal_year`` (this one by default) as of ``as_of``; without a date,
        today when the year is running, its last day when it is over, its first when to come."""
        if fiscal_year is None:
            fiscal_year = fiscal_year_of(as_of) if as_of else current_fiscal_year()
        if as_of is None:
            start, end = fiscal_year_range(fiscal_year)
            as_of = min(max(timezone.localdate(), start), end)
        return cls(fiscal_year, as_of)

    @property
    def start(self) -> dt.date:
        return fiscal_year_range(self.fiscal_year)[0]

    @property
    def end(self) -> dt.date:
        return fiscal_year_range(self.fiscal_year)[1]

    @property
    def cutoff(self) -> dt.datetime:
        """The first instant after ``as_of`` in local time: moments before it happened by then."""
        midnight = dt.datetime.combine(self.as_of + dt.timedelta(days=1), dt.time.min)
        return timezone.make_aware(midnight)


@dataclass(frozen=True)
class Figure:
    """A KPI's numerator and denominator for one scope (``office_id`` set on by-office rows)."""

    kpi: Kpi
    numerator: int
    denominator: int
    office_id: str | None = None

    @cached_property
    def value(self) -> Decimal | None:
        """The share in percent, one decimal; None when there is nothing to count. (Worked out
        once: a dashboard reads it several times per figure.)"""
        if not self.denominator:
            return None
        share = Decimal(self.numerator * 100) / Decimal(self.denominator)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def missing(self) -> int:
        return self.denominator - self.numerator


# --- The KPI definition -----------------------------------------------------------------------


class Kpi:
    """A KPI: its code, Thai name, unit, direction and default target, and its rule as
    :meth:`denominator` (the records counted) and :meth:`numerator` (a condition on them).

    Subclasses keep the numerator condition free of NULL (it is negated for "missing").
    """

    code: str = ""
    name: Promise | str = ""
    unit: Promise | str = PERCENT
    higher_is_better: bool = True
    default_target: Decimal = Decimal(100)
    office_field: str = "office"
    # KPIs with the same non-empty ``base`` count among the same records (``base_records``),
    # each with its own condition (``within``): :func:`figures` reads them in one query.
    base: str = ""

    def denominator(self, scope: Scope, period: Period) -> QuerySet:
        records = self.base_records(scope, period)
        within = self.within(period)
        return records if within is None else records.filter(within)

    def base_records(self, scope: Scope, period: Period) -> QuerySet:
        raise NotImplementedError

    def within(self, period: Period) -> Q | None:
        """The denominator's condition on ``base_records`` (None: all of them)."""
        return None

    def numerator(self, period: Period) -> Q:
        raise NotImplementedError

    def _counts(self, period: Period) -> dict[str, Count]:
        return {
            "den": Count("pk"),
            "num": Count("pk", filter=self.numerator(period)),
        }

    def counting(self, scope: Scope, period: Period) -> QuerySet:
        """The query of the figures: numerator and denominator of each office of the scope."""
        field = f"{self.office_field}_id"
        return (
            self.denominator(scope, period)
            .order_by()
            .values(field)
            .annotate(**self._counts(period))
            .values_list(field, "num", "den")
        )

    def _counted(self, scope: Scope, period: Period) -> dict[str, tuple[int, int]]:
        compiled = counting_sql(self, scope, period)
        if compiled is None:  # a scope without offices
            return {}
        with connection.cursor() as cursor:
            cursor.execute(*compiled)
            return {office: (num, den) for office, num, den in cursor.fetchall()}

    def figure(self, scope: Scope, period: Period) -> Figure:
        """The figure of the whole scope: the sum of its offices' figures. One query."""
        counted = self._counted(scope, period).values()
        return Figure(self, sum(num for num, _d in counted), sum(den for _n, den in counted))

    def by_office(
        self, scope: Scope, period: Period, office_ids: Sequence[str] | None = None
    ) -> list[Figure]:
        """A figure for each office of the scope (offices with nothing to count included), in
        the order of ``office_ids`` (province code order when not given). One grouped query, and
        for the nation one more to list the offices when ``office_ids`` is None."""
        if office_ids is None:
            office_ids = scope.office_list()
        found = self._counted(scope, period)
        return [Figure(self, *found.get(office, (0, 0)), office_id=office) for office in office_ids]

    def records(self, scope: Scope, period: Period, which: str = "numerator") -> QuerySet:
        """The records behind the numerator, the denominator, or the "missing" ones (counted in
        the denominator but not in the numerator: the risky factories not inspected, say)."""
        records = self.denominator(scope, period)
        if which == "denominator":
            return records
        if which == "numerator":
            return records.filter(self.numerator(period))
        if which == "missing":
            return records.filter(~self.numerator(period))
        raise ValueError(f"records: which must be one of {RECORD_SETS}, not {which!r}")

    def __repr__(self) -> str:
        return f"<Kpi {self.code}>"

    def __reduce__(self):
        # Kept in a cache and read back, a KPI is the registry's own instance again.
        return (get, (self.code,))


@lru_cache(maxsize=2048)
def counting_sql(kpi: Kpi, scope: Scope, period: Period) -> tuple[str, tuple] | None:
    """The SQL and parameters of ``kpi.counting``, compiled once per process for each scope and
    period: building the ORM expressions costs more than running the query for one office."""
    try:
        sql, params = kpi.counting(scope, period).query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, tuple(params)


def _factories(scope: Scope) -> QuerySet[Factory]:
    return Factory.objects.active().filter(scope.q())


class FactoryKpi(Kpi):
    """A KPI counted among the active factories of the scope (now: a factory's register status
    has no dates)."""

    base = "factory"

    def base_records(self, scope: Scope, period: Period) -> QuerySet[Factory]:
        return _factories(scope)


def _gi_certificates_on(day: dt.date) -> QuerySet[GreenIndustryCertificate]:
    """The certificates of a factory (``OuterRef("pk")``) in force on ``day``: issued on or
    before it, expiring on or after it (or never)."""
    return GreenIndustryCertificate.objects.filter(
        factory=OuterRef("pk"), issued_on__lte=day
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))


def _gi_in_force(day: dt.date) -> Q:
    return Q(Exists(_gi_certificates_on(day)))


def _gi_level_on(day: dt.date) -> Subquery:
    """The highest Green Industry level of a factory (``OuterRef("pk")``) in force on ``day``."""
    in_force = (
        _gi_certificates_on(day)
        .order_by()
        .values("factory")
        .annotate(level=Max("level"))
        .values("level")
    )
    return Subquery(in_force, output_field=IntegerField())


class InspectionCoverage(FactoryKpi):
    """ความครอบคลุมการตรวจโรงงานที่มีความเสี่ยง — coverage of risky factories by inspection.

    Denominator: the active factories of the scope (not removed from the register) flagged for
    wastewater, air emissions or hazardous waste — the factories the plan must cover
    (``FactoryQuerySet.active().risky()``, as of the register now: flags have no dates).
    Numerator: those with an inspection of the fiscal year that the head had approved by the end
    of ``as_of``: status approved and ``reviewed_at`` on or before that day (an inspection without
    ``reviewed_at`` counts from its ``inspected_on``). An inspection reopened for amendment and
    approved again counts from its new approval. The same rule as the plan's coverage
    (``inspections.selectors.plan_counts``) when ``as_of`` is today.
    """

    code = "inspection_coverage"
    name = _("ความครอบคลุมการตรวจโรงงานที่มีความเสี่ยง")
    default_target = Decimal(100)

    def within(self, period: Period) -> Q:
        return RISKY

    def numerator(self, period: Period) -> Q:
        approved = (
            FactoryInspection.objects.approved()
            .of_fiscal_year(period.fiscal_year)
            .filter(factory=OuterRef("pk"))
            .filter(
                Q(reviewed_at__lt=period.cutoff)
                | Q(reviewed_at__isnull=True, inspected_on__lte=period.as_of)
            )
        )
        return Q(Exists(approved))


class GreenIndustryCertified(FactoryKpi):
    """โรงงานที่ได้รับการรับรองอุตสาหกรรมสีเขียว — share of factories Green Industry certified.

    Denominator: the active factories of the scope. Numerator: those holding, on ``as_of``, a
    certificate in force — issued on or before that day and expiring on or after it (or with no
    expiry date). A certificate that expired the day before does not count.
    """

    code = "gi_certified"
    name = _("โรงงานที่ได้รับการรับรองอุตสาหกรรมสีเขียว")
    default_target = Decimal(90)

    def numerator(self, period: Period) -> Q:
        return _gi_in_force(period.as_of)


class GreenIndustryLevelUp(FactoryKpi):
    """โรงงานที่ยกระดับอุตสาหกรรมสีเขียว — share of certified factories moving up a level.

    Denominator: the active factories of the scope that held a certificate in force on the last
    day before the fiscal year (30 September). Numerator: those whose highest level in force on
    ``as_of`` is above their highest level on that day. A factory whose certificate lapsed
    stays in the denominator, not in the numerator.
    """

    code = "gi_level_up"
    name = _("โรงงานที่ยกระดับอุตสาหกรรมสีเขียว")
    default_target = Decimal(10)

    def within(self, period: Period) -> Q:
        return _gi_in_force(period.start - dt.timedelta(days=1))

    def numerator(self, period: Period) -> Q:
        before = period.start - dt.timedelta(days=1)
        now = Coalesce(_gi_level_on(period.as_of), Value(0))
        return Q(GreaterThan(now, Coalesce(_gi_level_on(before), Value(0))))


class IIndustryRegistered(FactoryKpi):
    """โรงงานที่ลงทะเบียน I-Industry — share of factories registered in I-Industry.

    Denominator: the active factories of the scope. Numerator: those whose I-Industry
    registration date (``i_industry_registered_on``) is on or before ``as_of``.
    """

    code = "i_industry"
    name = _("โรงงานที่ลงทะเบียน I-Industry")
    default_target = Decimal(100)

    def numerator(self, period: Period) -> Q:
        return Q(i_industry_registered_on__lte=period.as_of)


class ISingleFormFiled(FactoryKpi):
    """โรงงานที่ยื่นแบบ iSingle Form — share of factories that filed the year's iSingle Form.

    Denominator: the active factories of the scope. Numerator: those whose filing for the fiscal
    year (``FactoryYear.isingle_form_filed_on``) is dated on or before ``as_of``.
    """

    code = "isingle_filed"
    name = _("โรงงานที่ยื่นแบบ iSingle Form")
    default_target = Decimal(100)

    def numerator(self, period: Period) -> Q:
        filed = FactoryYear.objects.filter(
            factory=OuterRef("pk"),
            fiscal_year=period.fiscal_year,
            isingle_form_filed_on__lte=period.as_of,
        )
        return Q(Exists(filed))


def complaint_closed_on() -> Coalesce:
    """The day a complaint (the outer row) was first resolved or closed, from its history; for one
    resolved or closed with no such history (made in bulk), the day it was last changed; for one
    never closed, a day after every real one (so it is never "closed by" any day)."""
    first_closed = (
        HistoricalComplaint.objects.filter(id=OuterRef("pk"), status__in=CLOSED_COMPLAINT)
        .order_by("history_date")
        .values(day=TruncDate("history_date"))[:1]
    )
    return Coalesce(
        Subquery(first_closed, output_field=DateField()),
        Case(When(status__in=CLOSED_COMPLAINT, then=TruncDate("updated_at"))),
        Value(NEVER),
        output_field=DateField(),
    )


class ComplaintsOnTime(Kpi):
    """เรื่องร้องเรียนที่ดำเนินการแล้วเสร็จภายในกำหนด — complaints closed by their due date.

    Denominator: the complaints the scope's offices received in the fiscal year up to ``as_of``
    whose due date (``due_on``) has come by ``as_of``, and those closed by ``as_of`` even if not
    yet due. Numerator: those resolved or closed on or before both ``as_of`` and their due date
    (a complaint with no due date cannot be late once closed). The closing day is the first
    change to resolved/closed in the complaint's history; a closed complaint without that history
    counts from its last change (``updated_at``). A complaint not due yet and still open is in
    neither number.
    """

    code = "complaints_on_time"
    name = _("เรื่องร้องเรียนที่ดำเนินการแล้วเสร็จภายในกำหนด")
    default_target = Decimal(100)

    def denominator(self, scope: Scope, period: Period) -> QuerySet[Complaint]:
        as_of = Value(period.as_of)
        return (
            Complaint.objects.filter(scope.q())
            .filter(received_on__range=(period.start, period.as_of))
            # Due by then, or closed by then: the earlier of the two is on or before as_of.
            .filter(
                LessThanOrEqual(
                    Least(complaint_closed_on(), Coalesce("due_on", Value(NEVER))), as_of
                )
            )
        )

    def numerator(self, period: Period) -> Q:
        # Closed on or before both as_of and the due date (when there is one).
        as_of = Value(period.as_of)
        return Q(LessThanOrEqual(complaint_closed_on(), Least(as_of, Coalesce("due_on", as_of))))


class OrdersOnTime(Kpi):
    """คำสั่งที่ปฏิบัติตามภายในกำหนด — orders under the Factory Act complied with by their deadline.

    Denominator: the orders of the scope's offices whose deadline falls in the fiscal year on or
    before ``as_of`` (cancelled orders left out). Numerator: those complied with (status complied)
    and closed on or before their deadline — the day recorded in ``closed_on`` by the approved
    follow-up inspection that found them complied (``closed_by_inspection``'s inspection date
    when ``closed_on`` is empty).
    """

    code = "orders_on_time"
    name = _("คำสั่งที่ปฏิบัติตามภายในกำหนด")
    default_target = Decimal(100)

    def denominator(self, scope: Scope, period: Period) -> QuerySet[Order]:
        return (
            Order.objects.filter(scope.q())
            .filter(deadline__range=(period.start, period.as_of))
            .exclude(status=OrderStatus.CANCELLED)
        )

    def numerator(self, period: Period) -> Q:
        complied_on = Coalesce(
            "closed_on",
            "closed_by_inspection__inspected_on",
            Value(NEVER),
            output_field=DateField(),
        )
        return Q(status=OrderStatus.COMPLIED) & Q(LessThanOrEqual(complied_on, F("deadline")))


class LoansInTrouble(Kpi):
    """สินเชื่อที่อยู่ในสถานะเฝ้าระวังหรือ NPL — loans on watch or non-performing (lower is better).

    Denominator: the loans the scope's offices follow that run on ``as_of``: approved on or before
    it and maturing on or after it (or with no maturity date). Numerator: those whose status on
    ``as_of`` was watch or NPL. The status on a day is the status after the loan's last
    follow-up on or before it (``LoanFollowUp.status_after``, the status history); a loan not
    followed up by then counts with its current status, the only other one recorded.
    """

    code = "loans_in_trouble"
    name = _("สินเชื่อที่อยู่ในสถานะเฝ้าระวังหรือ NPL")
    higher_is_better = False
    default_target = Decimal(5)

    def denominator(self, scope: Scope, period: Period) -> QuerySet[Loan]:
        return (
            Loan.objects.filter(scope.q())
            .filter(approved_on__lte=period.as_of)
            .filter(Q(maturity_on__isnull=True) | Q(maturity_on__gte=period.as_of))
        )

    def numerator(self, period: Period) -> Q:
        last_follow_up = (
            LoanFollowUp.objects.filter(loan=OuterRef("pk"), followed_on__lte=period.as_of)
            .order_by("-followed_on", "-pk")
            .values("status_after")[:1]
        )
        status_then = Coalesce(Subquery(last_follow_up), F("status"))
        return Q(In(status_then, list(TROUBLED_LOAN)))


class MindBalanced(Kpi):
    """โรงงานที่สมดุลครบทั้งสี่มิติ MIND — share of factories balanced on the four dimensions.

    Denominator: the MIND scorecards of the fiscal year of the scope's active factories.
    Numerator: those balanced (every dimension scored and at its threshold). Scorecards are kept
    as last computed, without history: ``as_of`` does not change this figure.
    """

    code = "mind_balanced"
    name = _("โรงงานที่สมดุลครบทั้งสี่มิติ MIND")
    default_target = Decimal(50)

    def denominator(self, scope: Scope, period: Period) -> QuerySet[Scorecard]:
        return (
            Scorecard.objects.filter(scope.q())
            .filter(fiscal_year=period.fiscal_year)
            .filter(factory__in=Factory.objects.active().values("pk"))
        )

    def numerator(self, period: Period) -> Q:
        return Q(balanced=True)


# --- The registry -----------------------------------------------------------------------------

KPIS: dict[str, Kpi] = {
    kpi.code: kpi
    for kpi in (
        InspectionCoverage(),
        GreenIndustryCertified(),
        GreenIndustryLevelUp(),
        IIndustryRegistered(),
        ISingleFormFiled(),
        ComplaintsOnTime(),
        OrdersOnTime(),
        LoansInTrouble(),
        MindBalanced(),
    )
}


def get(code: str) -> Kpi:
    try:
        return KPIS[code]
    except KeyError:
        raise LookupError(f"no KPI {code!r}") from None


def groups(codes: Iterable[str] | None = None) -> list[tuple[Kpi, ...]]:
    """The KPIs (all, or ``codes``) in the groups read by one query each: those of one
    :attr:`Kpi.base` together, every other KPI alone; in registry order."""
    found: dict[str, list[Kpi]] = {}
    for code in codes or KPIS:
        kpi = get(code)
        found.setdefault(kpi.base or f"kpi:{kpi.code}", []).append(kpi)
    return [tuple(group) for group in found.values()]


def group_counting(kpis: tuple[Kpi, ...], scope: Scope, period: Period) -> QuerySet:
    """One grouped query over the group's base records: for each office, a numerator and a
    denominator per KPI (``num0, den0, num1, den1…``), each a count filtered by the KPI's
    conditions. A group of one is the KPI's own :meth:`Kpi.counting`."""
    if len(kpis) == 1:
        return kpis[0].counting(scope, period)
    first = kpis[0]
    field = f"{first.office_field}_id"
    counts: dict[str, Count] = {}
    for n, kpi in enumerate(kpis):
        within, numerator = kpi.within(period), kpi.numerator(period)
        counts[f"num{n}"] = Count("pk", filter=numerator if within is None else within & numerator)
        counts[f"den{n}"] = Count("pk") if within is None else Count("pk", filter=within)
    return (
        first.base_records(scope, period)
        .order_by()
        .values(field)
        .annotate(**counts)
        .values_list(field, *counts)
    )


@lru_cache(maxsize=2048)
def group_sql(kpis: tuple[Kpi, ...], scope: Scope, period: Period) -> tuple[str, tuple] | None:
    """The SQL of :func:`group_counting`, compiled once per process (as :func:`counting_sql`)."""
    try:
        sql, params = group_counting(kpis, scope, period).query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, tuple(params)


def _counted_groups(
    scope: Scope, period: Period, codes: Iterable[str] | None
) -> dict[str, dict[str, tuple[int, int]]]:
    """For each KPI code, {office: (numerator, denominator)}: one query per group."""
    counted: dict[str, dict[str, tuple[int, int]]] = {}
    for group in groups(codes):
        for kpi in group:
            counted[kpi.code] = {}
        compiled = group_sql(group, scope, period)
        if compiled is None:  # a scope without offices
            continue
        with connection.cursor() as cursor:
            cursor.execute(*compiled)
            for office, *numbers in cursor.fetchall():
                for n, kpi in enumerate(group):
                    counted[kpi.code][office] = (numbers[2 * n], numbers[2 * n + 1])
    return counted


def figures(scope: Scope, period: Period, codes: Iterable[str] | None = None) -> list[Figure]:
    """The figure of each KPI (all, or ``codes``) for one scope: one query per group
    (:func:`groups`: five queries for the nine KPIs)."""
    codes = list(codes or KPIS)
    counted = _counted_groups(scope, period, codes)
    return [
        Figure(
            get(code),
            sum(num for num, _d in counted[code].values()),
            sum(den for _n, den in counted[code].values()),
        )
        for code in codes
    ]


def figures_by_office(
    scope: Scope,
    period: Period,
    codes: Iterable[str] | None = None,
    office_ids: Sequence[str] | None = None,
) -> dict[str, list[Figure]]:
    """For each KPI (all, or ``codes``), a figure per office of the scope (offices with nothing
    to count included, in the order of ``office_ids``, province code order when not given): one
    grouped query per group of KPIs (:func:`groups`), and for the nation one to list the offices
    when ``office_ids`` is not given."""
    codes = list(codes or KPIS)
    if office_ids is None:
        office_ids = scope.office_list()
    counted = _counted_groups(scope, period, codes)
    return {
        code: [
            Figure(get(code), *counted[code].get(office, (0, 0)), office_id=office)
            for office in office_ids
        ]
        for code in codes
    }
