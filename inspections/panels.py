"""What the inspections app shows on the register's factory page (``core.panels`` places
``factory.actions`` and ``factory.side``)."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Q, Sum, When, Window
from django.http import HttpRequest
from django.utils import timezone

from core import panels
from core.thaidates import current_fiscal_year
from factories.models import Factory
from inspections.models import FactoryInspection, InspectionStatus, Order
from inspections.permissions import may_start_inspection
from inspections.selectors import my_open_inspections, my_planned_factories
from offices.permissions import is_head_of, is_member_of

WORK_SHOWN = 5

INSPECTIONS_SHOWN = 10


def start_inspection(request: HttpRequest, *, factory: Factory) -> dict | None:
    """The "start an inspection" button, first on the page, for the factory's own office."""
    return {} if may_start_inspection(request.user, factory) else None


def inspections_and_orders(request: HttpRequest, *, factory: Factory) -> dict:
    """The latest inspections and the open orders, in two queries whatever their number. The
    factory page has already scoped the factory to the person, and its inspections and orders
    belong to its office, so no further scoping is needed."""
    inspections = list(
        FactoryInspection.objects.filter(factory=factory)
        .only("pk", "inspected_on", "kind", "status", "factory_id", "office_id")
        .order_by("-inspected_on", "-pk")[: INSPECTIONS_SHOWN + 1]
    )
    return {
        "inspections": inspections[:INSPECTIONS_SHOWN],
        "more_inspections": len(inspections) > INSPECTIONS_SHOWN,
        "open_orders": list(
            Order.objects.filter(factory=factory)
            .still_open()
            .only("pk", "section", "status", "deadline", "number", "factory_id")
            .order_by("deadline", "pk")
        ),
    }


def fiscal_month(month: int) -> int:
    """A month's place in the fiscal year: October 0 … September 11."""
    return (month + 2) % 12


def my_work(request: HttpRequest) -> dict | None:
    """The officer's day on the home page: planned factories due this month or late, their own
    drafts and returned inspections, and their orders past the deadline that need a follow-up.
    Counted in the database and five of each shown: four queries, whatever the number of rows
    (a head of a large office may hold hundreds of open inspections). The planned factories'
    counts are window sums over all of them, taken before the first five are cut, as
    ``policy.selectors.directives_to_act_on`` counts directives."""
    user = request.user
    if not is_member_of(user, user.office_id):
        return None
    today = timezone.localdate()
    this_month = fiscal_month(today.month)
    months_so_far = [m for m in range(1, 13) if fiscal_month(m) <= this_month]
    due_now = Case(When(planned_month=today.month, then=1), default=0, output_field=IntegerField())
    # In fiscal-year order, so the months already past (the late ones) come first.
    planned = list(
        my_planned_factories(user=user, fiscal_year=current_fiscal_year(), with_state=False)
        .filter(planned_month__in=months_so_far)
        .annotate(planned_total=Window(Count("pk")), due_total=Window(Sum(due_now)))[:WORK_SHOWN]
    )
    for entry in planned:
        entry.is_late = entry.planned_month != today.month
    planned_total, due = (planned[0].planned_total, planned[0].due_total) if planned else (0, 0)
    # Counted apart from the five shown: a window over every open inspection would join each
    # to its factory before the five are cut (seen: 1,132 open ones of a head, 8.1 ms against
    # 4.8 ms for the two queries).
    open_counts = my_open_inspections(user=user).aggregate(
        all=Count("pk"), submitted=Count("pk", filter=Q(status=InspectionStatus.SUBMITTED))
    )
    to_finish = my_open_inspections(
        user=user, statuses=(InspectionStatus.DRAFT, InspectionStatus.RETURNED)
    )[:WORK_SHOWN]
    follow_ups = list(
        Order.objects.filter(office_id=user.office_id, issued_by=user, deadline__lt=today)
        .still_open()
        .select_related("factory")
        .order_by("deadline", "pk")[: WORK_SHOWN + 1]
    )
    return {
        "planned": planned,
        "late_count": planned_total - due,
        "due_count": due,
        "to_finish": list(to_finish),
        "to_finish_count": open_counts["all"] - open_counts["submitted"],
        "submitted_count": open_counts["submitted"],
        "follow_ups": follow_ups[:WORK_SHOWN],
        "more_follow_ups": len(follow_ups) > WORK_SHOWN,
        "today": today,
    }


def office_work(request: HttpRequest) -> dict | None:
    """The office head's figures on the home page: what waits for their review, the office's
    orders past their deadline, and the risky factories not yet inspected this fiscal year."""
    user = request.user
    if not is_head_of(user, user.office_id):
        return None
    today = timezone.localdate()
    fiscal_year = current_fiscal_year()
    return {
        "waiting_review": FactoryInspection.objects.filter(
            office_id=user.office_id, status=InspectionStatus.SUBMITTED
        ).count(),
        "orders_overdue": Order.objects.filter(office_id=user.office_id, deadline__lt=today)
        .still_open()
        .count(),
        "risky_not_inspected": Factory.objects.filter(office_id=user.office_id)
        .active()
        .risky()
        .exclude(last_inspected_fiscal_year=fiscal_year)
        .count(),
        "fiscal_year": fiscal_year,
    }


def register() -> None:
    panels.register(
        "home",
        name="office-work",
        order=10,
        template="inspections/panels/home_office.html",
        context=office_work,
    )
    panels.register(
        "home",
        name="my-work",
        order=20,
        template="inspections/panels/home_work.html",
        context=my_work,
    )
    panels.register(
        "factory.actions",
        name="start-inspection",
        order=10,
        template="inspections/panels/factory_start.html",
        context=start_inspection,
    )
    panels.register(
        "factory.side",
        name="inspections-and-orders",
        order=10,
        template="inspections/panels/factory_inspections.html",
        context=inspections_and_orders,
    )
