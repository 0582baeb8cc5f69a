"""Reads of the inspection work reused by pages and reports: the fiscal year's plan of an
office, and an officer's own work.

The plan is computed, not stored: a factory is on an office's plan for a fiscal year when it is
active and risky (the 100% target of seed 001), has an open complaint, has an open or overdue
order, or was put on the plan by the head (an ``InspectionPlanEntry``). Only an *approved*
inspection of that fiscal year makes a factory done: submitted work still waits for the head,
and a returned one is being corrected. Every figure comes from one query with ``Exists``
subqueries, so a page costs the same whatever the size of the office.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate, Mod
from django.utils.translation import gettext_lazy as _

from core.thaisort import thai_collation
from factories.models import RISKY, Complaint, Factory, FactoryStatus
from inspections.models import (
    OPEN_ORDER_STATUSES,
    FactoryInspection,
    InspectionPlanEntry,
    InspectionStatus,
    Order,
)
from offices.models import OFFICE_ROLES, Office, User


class PlanState:
    """Where a factory on the plan stands in the fiscal year."""

    DONE = "done"  # an approved inspection of the fiscal year
    SUBMITTED = "submitted"  # submitted, waiting for the head's approval
    IN_PROGRESS = "in_progress"  # a draft or a returned inspection
    DUE = "due"  # nothing yet

    choices = [
        (DUE, _("ยังไม่ได้ตรวจ")),
        (IN_PROGRESS, _("กำลังตรวจ")),
        (SUBMITTED, _("รออนุมัติ")),
        (DONE, _("ตรวจแล้ว")),
    ]


class PlanReason:
    RISK = "risk"
    COMPLAINT = "complaint"
    ORDER = "order"
    ADDED = "added"

    choices = [
        (RISK, _("โรงงานที่มีความเสี่ยง")),
        (COMPLAINT, _("มีเรื่องร้องเรียนค้างอยู่")),
        (ORDER, _("มีคำสั่งที่ยังไม่ปิด")),
        (ADDED, _("อุตสาหกรรมจังหวัดเพิ่มในแผน")),
    ]


@dataclass(frozen=True)
class PlanFilters:
    """What a person asked the plan page for; every field optional."""

    reason: str = ""
    state: str = ""
    assigned: str = ""  # a user id, "none" for unassigned, "" for all
    q: str = ""


@dataclass(frozen=True)
class PlanCounts:
    total: int = 0
    done: int = 0
    submitted: int = 0
    in_progress: int = 0
    due: int = 0
    risky: int = 0
    risky_done: int = 0
    assigned: int = 0

    @property
    def coverage_percent(self) -> float | None:
        """Share of the risky factories with an approved inspection: the 100% target."""
        if not self.risky:
            return None
        return round(self.risky_done * 100 / self.risky, 1)

    @property
    def done_percent(self) -> float | None:
        return round(self.done * 100 / self.total, 1) if self.total else None


# How far a factory's inspections of a fiscal year have gone: the furthest one decides.
STATE_RANKS = (
    (InspectionStatus.APPROVED, 3, PlanState.DONE),
    (InspectionStatus.SUBMITTED, 2, PlanState.SUBMITTED),
    (InspectionStatus.RETURNED, 1, PlanState.IN_PROGRESS),
    (InspectionStatus.DRAFT, 1, PlanState.IN_PROGRESS),
)


def plan_state(fiscal_year: int, factory_ref: str = "pk") -> Coalesce:
    """A factory's :class:`PlanState` in ``fiscal_year``, from one index lookup of its
    inspections of the year (a single subquery, so filtering and counting on it stay cheap)."""
    furthest = (
        FactoryInspection.objects.filter(factory=OuterRef(factory_ref), fiscal_year=fiscal_year)
        .annotate(
            rank=Case(
                *[When(status=status, then=Value(rank)) for status, rank, _s in STATE_RANKS],
                default=Value(0),
                output_field=IntegerField(),
            ),
            plan_state=Case(
                *[When(status=status, then=Value(state)) for status, _r, state in STATE_RANKS],
                default=Value(PlanState.DUE),
                output_field=CharField(),
            ),
        )
        .order_by("-rank")
        .values("plan_state")[:1]
    )
    return Coalesce(Subquery(furthest, output_field=CharField()), Value(PlanState.DUE))


def _plan_entry(fiscal_year: int) -> QuerySet[InspectionPlanEntry]:
    return InspectionPlanEntry.objects.filter(factory=OuterRef("pk"), fiscal_year=fiscal_year)


def plan_for_office(*, office: Office | str, fiscal_year: int) -> QuerySet[Factory]:
    """The factories of ``office`` that must be inspected in ``fiscal_year``, each annotated:

    - ``on_risk``, ``on_complaint``, ``on_order``, ``on_entry``: why it is on the plan;
    - ``state``: one of :class:`PlanState`;
    - ``assigned_to_id``: who will inspect it (from ``InspectionPlanEntry``), or None;
    - ``latest_inspection_id``: the newest inspection of the fiscal year, or None.

    In Thai order of the factory name. One query, whatever the number of factories.
    """
    office_id = office.pk if isinstance(office, Office) else office
    active = ~Q(status=FactoryStatus.REMOVED)
    factories = Factory.objects.filter(office_id=office_id).annotate(
        on_risk=Case(
            When(active & RISKY, then=Value(True)), default=False, output_field=BooleanField()
        ),
        on_complaint=Exists(Complaint.objects.open().filter(factory=OuterRef("pk"))),
        on_order=Exists(
            Order.objects.filter(factory=OuterRef("pk"), status__in=OPEN_ORDER_STATUSES)
        ),
        on_entry=Exists(_plan_entry(fiscal_year)),
    )
    factories = factories.filter(
        Q(on_risk=True) | Q(on_complaint=True) | Q(on_order=True) | Q(on_entry=True)
    )
    return factories.annotate(
        state=plan_state(fiscal_year),
        assigned_to_id=Subquery(_plan_entry(fiscal_year).values("assigned_to")[:1]),
        latest_inspection_id=Subquery(
            FactoryInspection.objects.filter(factory=OuterRef("pk"), fiscal_year=fiscal_year)
            .order_by("-inspected_on", "-pk")
            .values("pk")[:1],
            output_field=IntegerField(),
        ),
    ).order_by(Collate("name", thai_collation()), "pk")


def plan_filter(plan: QuerySet[Factory], filters: PlanFilters) -> QuerySet[Factory]:
    """Narrow a plan from :func:`plan_for_office` by reason, state, assignee and text."""
    reason_fields = {
        PlanReason.RISK: "on_risk",
        PlanReason.COMPLAINT: "on_complaint",
        PlanReason.ORDER: "on_order",
        PlanReason.ADDED: "on_entry",
    }
    if filters.reason in reason_fields:
        plan = plan.filter(**{reason_fields[filters.reason]: True})
    if filters.state in {value for value, _label in PlanState.choices}:
        plan = plan.filter(state=filters.state)
    if filters.assigned == "none":
        plan = plan.filter(assigned_to_id__isnull=True)
    elif filters.assigned.isascii() and filters.assigned.isdecimal():
        plan = plan.filter(assigned_to_id=int(filters.assigned))
    if filters.q:
        q = filters.q
        plan = plan.filter(
            Q(name__icontains=q)
            | Q(operator_name__icontains=q)
            | Q(registration_number__startswith=q)
            | Q(old_registration_number__icontains=q)
        )
    return plan


def plan_counts(plan: QuerySet[Factory]) -> PlanCounts:
    """The plan's figures in one query (grouped by state, risk and assignment): total, by
    state, and the coverage of risky factories."""
    groups = (
        plan.order_by()
        .annotate(
            is_assigned=Case(
                When(assigned_to_id__isnull=False, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .values("state", "on_risk", "is_assigned")
        .annotate(n=Count("pk"))
    )
    figures: dict[str, int] = defaultdict(int)
    for group in groups:
        n = group["n"]
        figures["total"] += n
        figures[group["state"]] += n
        if group["on_risk"]:
            figures["risky"] += n
            if group["state"] == PlanState.DONE:
                figures["risky_done"] += n
        if group["is_assigned"]:
            figures["assigned"] += n
    return PlanCounts(
        total=figures["total"],
        done=figures[PlanState.DONE],
        submitted=figures[PlanState.SUBMITTED],
        in_progress=figures[PlanState.IN_PROGRESS],
        due=figures[PlanState.DUE],
        risky=figures["risky"],
        risky_done=figures["risky_done"],
        assigned=figures["assigned"],
    )


def office_staff(office: Office | str) -> QuerySet[User]:
    """The active officers and head of an office: the people a plan entry may name."""
    office_id = office.pk if isinstance(office, Office) else office
    return User.objects.filter(office_id=office_id, role__in=OFFICE_ROLES, is_active=True).order_by(
        "role", "first_name", "pk"
    )


def my_planned_factories(*, user, fiscal_year: int) -> QuerySet[InspectionPlanEntry]:
    """The plan entries assigned to ``user`` for ``fiscal_year`` whose factory is not done yet,
    each with ``state`` (due / in progress / submitted) and the newest inspection's id."""
    entries = InspectionPlanEntry.objects.filter(
        assigned_to=user, fiscal_year=fiscal_year, office_id=user.office_id
    )

    return (
        entries.annotate(state=plan_state(fiscal_year, "factory_id"))
        .exclude(state=PlanState.DONE)
        .annotate(
            latest_inspection_id=Subquery(
                FactoryInspection.objects.filter(
                    factory=OuterRef("factory_id"), fiscal_year=fiscal_year
                )
                .order_by("-inspected_on", "-pk")
                .values("pk")[:1],
                output_field=IntegerField(),
            ),
        )
        .select_related("factory", "factory__district")
        # Planned month in fiscal order (October first), unplanned last, then by name.
        .order_by(
            (Mod(F("planned_month") + 2, 12)).asc(nulls_last=True),
            Collate("factory__name", thai_collation()),
            "pk",
        )
    )


def my_open_inspections(*, user) -> QuerySet[FactoryInspection]:
    """Inspections that ``user`` leads or joins and that are not approved yet, newest first."""
    joined = FactoryInspection.co_inspectors.through.objects.filter(user_id=user.pk).values(
        "factoryinspection_id"
    )
    return (
        FactoryInspection.objects.visible_to(user)
        .filter(Q(lead_inspector=user) | Q(pk__in=joined))
        .filter(
            status__in=[
                InspectionStatus.DRAFT,
                InspectionStatus.RETURNED,
                InspectionStatus.SUBMITTED,
            ]
        )
        .select_related("factory")
        .order_by("-inspected_on", "-pk")
    )
