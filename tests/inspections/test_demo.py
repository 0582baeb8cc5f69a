"""Demo inspections: plausible, consistent, deterministic, and made again cleanly."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from core.thaidates import current_fiscal_year
from factories.demo import demo_register_create
from factories.models import Factory, FactoryStatus
from inspections.demo import demo_inspections_create, demo_inspections_delete
from inspections.models import (
    Answer,
    Compliance,
    FactoryInspection,
    Finding,
    InspectionPlanEntry,
    InspectionStatus,
    Order,
    OrderStatus,
)
from offices.demo import demo_office_staff_create, demo_people_create


@pytest.fixture
def demo(db):
    demo_people_create()
    demo_office_staff_create()
    demo_register_create(factories=300, seed=7)
    return demo_inspections_create(seed=7)


def snapshot() -> list[tuple]:
    return list(
        FactoryInspection.objects.order_by(
            "factory__registration_number", "inspected_on", "kind", "status"
        ).values_list("factory__registration_number", "inspected_on", "kind", "status")
    )


def test_it_inspects_every_active_risky_factory_in_each_past_fiscal_year(demo):
    fy = current_fiscal_year()
    assert set(demo.by_year) == {fy - 3, fy - 2, fy - 1, fy}
    risky = Factory.objects.risky().active()
    for year in (fy - 3, fy - 2, fy - 1):
        inspected = risky.filter(inspections__fiscal_year=year).distinct().count()
        assert inspected == risky.count()
        statuses = dict(
            FactoryInspection.objects.filter(fiscal_year=year)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        assert statuses[InspectionStatus.APPROVED] > 0.9 * sum(statuses.values())
    assert not FactoryInspection.objects.filter(factory__status=FactoryStatus.REMOVED).exists()
    # The current year is work in progress.
    current = set(FactoryInspection.objects.filter(fiscal_year=fy).values_list("status", flat=True))
    assert InspectionStatus.APPROVED in current and len(current) >= 3


def test_lead_inspectors_are_the_offices_own_staff(demo):
    assert not FactoryInspection.objects.exclude(lead_inspector__office=F("office")).exists()
    assert not FactoryInspection.objects.exclude(office=F("factory__office")).exists()


def test_answers_and_findings_hang_together(demo):
    fy = current_fiscal_year()
    answered = FactoryInspection.objects.filter(
        fiscal_year=fy - 1, status=InspectionStatus.APPROVED
    ).annotate(n=Count("answers"))
    # Every general-checklist item at least, on every approved inspection of last year.
    assert min(i.n for i in answered) >= 10
    assert demo.answers == Answer.objects.count()
    assert Finding.objects.count() == demo.findings > 0
    assert not Finding.objects.exclude(answer__compliance=Compliance.NONCOMPLIANT).exists()
    assert not Finding.objects.filter(inspection__status=InspectionStatus.DRAFT).exists()
    assert not Answer.objects.exclude(inspection__factory__office=F("answered_by__office")).exists()


def test_orders_have_deadlines_and_some_are_overdue(demo):
    assert Order.objects.count() == demo.orders > 0
    assert not Order.objects.filter(deadline__lt=F("issued_on")).exists()
    assert Order.objects.filter(status=OrderStatus.COMPLIED, closed_by_inspection__isnull=False)
    assert Order.objects.filter(status=OrderStatus.OVERDUE).count() == demo.overdue_orders


def test_the_current_plan_is_partly_assigned_to_office_staff(demo):
    entries = InspectionPlanEntry.objects.filter(fiscal_year=current_fiscal_year())
    assert entries.count() == demo.plan_entries > 0
    assert not entries.exclude(assigned_to__office=F("office")).exists()


def test_it_is_deterministic_and_replaces_itself(demo):
    first = snapshot()
    again = demo_inspections_create(seed=7)
    assert snapshot() == first
    assert again.inspections == demo.inspections == FactoryInspection.objects.count()
    assert demo_inspections_delete() == again.inspections
    assert not FactoryInspection.objects.exists() and not Answer.objects.exists()
    assert not InspectionPlanEntry.objects.exists()


def test_seed_demo_makes_a_few_hundred_inspections_at_small_scale_and_runs_again(db):
    out = StringIO()
    call_command("seed_demo", "--factories", "1500", stdout=out)
    first = FactoryInspection.objects.count()
    assert 150 <= first <= 1000, out.getvalue()
    assert "inspections:" in out.getvalue()
    # The MIND pages have something to show: this fiscal year's cards, some with four scores.
    from policy.models import Scorecard

    cards = Scorecard.objects.filter(fiscal_year=current_fiscal_year())
    assert cards.count() >= 1000 and cards.filter(complete=True).exists()
    assert f"MIND scorecards {current_fiscal_year()}:" in out.getvalue()
    # The register filters "inspected this year" on what the demo's approvals say.
    approved = FactoryInspection.objects.filter(
        fiscal_year=current_fiscal_year(), status="approved"
    )
    assert set(
        Factory.objects.filter(last_inspected_fiscal_year=current_fiscal_year()).values_list(
            "pk", flat=True
        )
    ) == set(approved.values_list("factory_id", flat=True))
    call_command("seed_demo", "--factories", "1500", stdout=StringIO())
    assert FactoryInspection.objects.count() == first
