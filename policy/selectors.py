"""Reads of the policy app: the rubric in force and the facts that scoring needs.

``scoring_facts`` gathers the facts of a batch of factories in a fixed number of queries
(answers, item dimensions, certificates, complaints, orders), whatever the batch size, so a
national recompute costs queries per batch, not per factory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    When,
    Window,
)
from django.utils import timezone

from core.models import Dimension
from core.thaidates import fiscal_year_range
from factories.models import Complaint, FactoryYear, GreenIndustryCertificate, Loan
from inspections.models import Answer, ChecklistItem, InspectionStatus, Order, OrderStatus
from policy.models import Directive, Rubric, RubricSource, RubricStatus
from policy.scoring import (
    SCORED,
    AnswerFact,
    CertificateFact,
    ComplaintFact,
    FactoryFacts,
    LoanFact,
    OrderFact,
    RubricSpec,
    RuleSpec,
)

ITEM_SOURCES = (
    RubricSource.LOCAL_EMPLOYMENT,
    RubricSource.LOCAL_PURCHASING,
    RubricSource.COMMUNITY_ACTIVITIES,
)
# Orders from earlier years still weigh while they are not closed.
UNFINISHED_ORDERS = (OrderStatus.OPEN, OrderStatus.OVERDUE, OrderStatus.ESCALATED)


def rubric_in_force(*, fiscal_year: int) -> Rubric | None:
    """The published rubric of a fiscal year, with its rules."""
    return (
        Rubric.objects.filter(fiscal_year=fiscal_year, status=RubricStatus.PUBLISHED)
        .prefetch_related("rules")
        .first()
    )


def rubric_spec(rubric: Rubric) -> RubricSpec:
    return RubricSpec(
        id=rubric.pk,
        fiscal_year=rubric.fiscal_year,
        thresholds=dict(rubric.thresholds),
        overall_margin=rubric.overall_margin,
        rules=tuple(
            RuleSpec(r.dimension_id, r.source, r.weight, dict(r.params)) for r in rubric.rules.all()
        ),
    )


def dimension_order() -> list[str]:
    return list(Dimension.objects.order_by("order").values_list("code", flat=True))


def item_dimensions() -> dict[int, tuple[str, ...]]:
    """Every checklist item's MIND dimensions, in one query (items are a few hundred)."""
    found: dict[int, list[str]] = defaultdict(list)
    through = ChecklistItem.dimensions.through.objects.values_list(
        "checklistitem_id", "dimension_id"
    )
    for item_id, code in through:
        found[item_id].append(code)
    return {item_id: tuple(codes) for item_id, codes in found.items()}


def scoring_facts(
    *,
    factory_ids: Sequence[int],
    fiscal_year: int,
    spec: RubricSpec,
    dimensions_of_item: dict[int, tuple[str, ...]],
) -> dict[int, FactoryFacts]:
    """The facts of each factory in ``factory_ids`` for one fiscal year: six queries."""
    start, end = fiscal_year_range(fiscal_year)
    facts = {pk: FactoryFacts(factory_id=pk) for pk in factory_ids}
    item_codes = {
        str(rule.params.get("item_code"))
        for rule in spec.rules
        if rule.source in ITEM_SOURCES and rule.params.get("item_code")
    }
    answers = (
        Answer.objects.filter(
            inspection__factory_id__in=factory_ids,
            inspection__fiscal_year=fiscal_year,
            inspection__status=InspectionStatus.APPROVED,
        )
        .filter(Q(compliance__in=SCORED) | Q(item__code__in=item_codes))
        .values_list(
            "id",
            "inspection_id",
            "inspection__factory_id",
            "inspection__inspected_on",
            "item_id",
            "item__code",
            "item__text",
            "item__severity",
            "value",
            "compliance",
        )
        .order_by()
    )
    for (
        pk,
        inspection_id,
        factory_id,
        day,
        item_id,
        code,
        text,
        severity,
        value,
        result,
    ) in answers.iterator(chunk_size=5000):
        facts[factory_id].answers.append(
            AnswerFact(
                pk,
                inspection_id,
                day,
                code,
                text,
                severity,
                value,
                result,
                dimensions_of_item.get(item_id, ()),
            )
        )
    certificates = GreenIndustryCertificate.objects.filter(
        factory_id__in=factory_ids, issued_on__lte=end
    ).values_list("factory_id", "id", "level", "issued_on", "expires_on", "certificate_number")
    for factory_id, pk, level, issued, expires, number in certificates.order_by():
        facts[factory_id].certificates.append(CertificateFact(pk, level, issued, expires, number))
    complaints = Complaint.objects.filter(
        factory_id__in=factory_ids, received_on__range=(start, end)
    ).order_by("received_on", "pk")
    for complaint in complaints.only("id", "factory_id", "received_on", "status", "category"):
        facts[complaint.factory_id].complaints.append(
            ComplaintFact(
                complaint.pk,
                complaint.received_on,
                complaint.status,
                complaint.category,
                f"{complaint.get_category_display()} ({complaint.get_status_display()})",
            )
        )
    orders = (
        Order.objects.filter(factory_id__in=factory_ids, issued_on__lte=end)
        .filter(Q(issued_on__gte=start) | Q(status__in=UNFINISHED_ORDERS))
        .order_by("issued_on", "pk")
        .only("id", "factory_id", "section", "status", "issued_on", "number")
    )
    for order in orders:
        number = f" {order.number}" if order.number else ""
        facts[order.factory_id].orders.append(
            OrderFact(
                order.pk,
                order.section,
                order.status,
                order.issued_on,
                f"{order.get_section_display()}{number} ({order.get_status_display()})",
            )
        )
    loans = (
        Loan.objects.filter(factory_id__in=factory_ids, approved_on__lte=end)
        .filter(Q(maturity_on__isnull=True) | Q(maturity_on__gte=start))
        .order_by("approved_on", "pk")
        .only("id", "factory_id", "status", "approved_on", "fund_name")
    )
    for loan in loans:
        facts[loan.factory_id].loans.append(
            LoanFact(
                loan.pk,
                loan.status,
                loan.approved_on,
                f"{loan.fund_name} ({loan.get_status_display()})",
            )
        )
    filed = FactoryYear.objects.filter(
        factory_id__in=factory_ids, fiscal_year=fiscal_year, isingle_form_filed_on__isnull=False
    ).values_list("factory_id", "isingle_form_filed_on")
    for factory_id, filed_on in filed.order_by():
        facts[factory_id].isingle_filed_on = filed_on
    return facts


# --- directives to act on ----------------------------------------------------------------------

DIRECTIVES_SHOWN = 5


def directives_to_act_on(directives: QuerySet[Directive]) -> dict:
    """How many of ``directives`` are open and overdue, and the first few by due date, in one
    query: the counts are window sums over every open row, taken before the first few are cut."""
    today = timezone.localdate()
    overdue = Case(When(Directive.overdue_q(today), then=1), default=0, output_field=IntegerField())
    shown = list(
        directives.open()
        .select_related("visit__office", "visit__round")
        .only(
            "pk",
            "text",
            "due_on",
            "status",
            "visit__office__short_name",
            "visit__round__fiscal_year",
            "visit__round__number",
            "visit__round__kind",
        )
        .annotate(open_total=Window(Count("pk")), overdue_total=Window(Sum(overdue)))
        .order_by(F("due_on").asc(nulls_last=True), "pk")[:DIRECTIVES_SHOWN]
    )
    for directive in shown:
        directive.days_late = (today - directive.due_on).days if directive.is_overdue(today) else 0
    open_count = shown[0].open_total if shown else 0
    return {
        "open_count": open_count,
        "overdue_count": shown[0].overdue_total if shown else 0,
        "directives": shown,
        "more": open_count > len(shown),
    }
