"""MIND scoring: four dimensions from approved answers and factory facts, the weakest shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from factories.models import Complaint, FactoryYear, GreenIndustryCertificate, Loan, LoanStatus
from inspections.models import InspectionStatus, Order
from policy.models import Scorecard
from policy.scoring import overall_of
from policy.services import NoRubric, scorecard_compute
from tests.builders import IN_RUBRIC_YEAR, RUBRIC_YEAR, STRONG_THREE, make_user


def compute(factory) -> Scorecard:
    return scorecard_compute(factory=factory, fiscal_year=RUBRIC_YEAR)


def contribution(card: Scorecard, dimension: str, source: str) -> dict:
    return next(
        e for e in card.explanation if e["dimension"] == dimension and e["source"] == source
    )


def test_it_leaves_a_dimension_without_data_as_no_data_and_the_factory_unbalanced(
    rubric, factory, inspect
):
    GreenIndustryCertificate.objects.create(factory=factory, level=5, issued_on=dt.date(2023, 1, 1))
    FactoryYear.objects.create(
        factory=factory, fiscal_year=RUBRIC_YEAR, isingle_form_filed_on=IN_RUBRIC_YEAR
    )
    inspect(factory, STRONG_THREE)
    card = compute(factory)
    assert card.business == card.community == Decimal("100.00")
    assert card.environment == Decimal("100.00")
    assert card.income is None  # not 0, not 100
    assert card.complete is False and card.balanced is False
    assert card.overall is None  # three strong dimensions do not stand in for the fourth
    assert card.weakest_dimension_id == "income" and card.weakest_score is None


def test_it_does_not_let_three_strong_dimensions_inflate_a_weak_fourth(rubric, factory, inspect):
    GreenIndustryCertificate.objects.create(factory=factory, level=5, issued_on=dt.date(2023, 1, 1))
    inspect(factory, STRONG_THREE | {"GEN-05": "8", "GEN-11": "5"})
    card = compute(factory)
    # GEN-05: 8% of 80% = 10 points (weight 2); GEN-11: 5% of 50% = 10 points (weight 1).
    assert card.income == Decimal("10.00")
    assert card.weakest_dimension_id == "income" and card.weakest_score == Decimal("10.00")
    # The mean would be 77.5; the overall stops at the weakest + the margin of 10.
    assert card.overall == Decimal("20.00")
    assert card.complete is True and card.balanced is False


def test_it_marks_a_factory_balanced_only_when_every_dimension_reaches_its_threshold(
    rubric, factory, inspect
):
    GreenIndustryCertificate.objects.create(factory=factory, level=3, issued_on=dt.date(2023, 1, 1))
    inspect(factory, STRONG_THREE | {"GEN-05": "60", "GEN-11": "40"})
    card = compute(factory)
    # 60/80 → 75 ×2, 40/50 → 80 ×1 → 76.67
    assert card.income == Decimal("76.67")
    # environment: compliance 100 ×3, GI level 3 = 70 ×2, no complaints 100, no orders 100
    assert card.environment == Decimal("91.43")  # (300 + 140 + 100 + 100) / 7
    assert card.balanced is True
    assert card.overall == overall_of(
        [card.business, card.community, card.environment, card.income], Decimal(10)
    )


def test_it_weighs_the_green_industry_certificate_in_force_at_the_year_end(
    rubric, factory, inspect
):
    inspect(factory, {"WW-01": "yes"})
    card = compute(factory)
    gi = contribution(card, "environment", "green_industry")
    assert (gi["raw"], gi["points"]) == ("0.00", "0.00")
    # Compliance 100 ×3, GI 0 ×2, complaints 100, orders 100 → 500 / 7
    assert card.environment == Decimal("71.43")

    GreenIndustryCertificate.objects.create(
        factory=factory, level=4, issued_on=dt.date(2020, 1, 1), expires_on=dt.date(2024, 6, 1)
    )  # expired before 30 Sep 2024
    GreenIndustryCertificate.objects.create(factory=factory, level=2, issued_on=dt.date(2024, 2, 1))
    card = compute(factory)
    gi = contribution(card, "environment", "green_industry")
    assert (gi["raw"], gi["points"]) == ("2.00", "55.00")
    assert gi["facts"][0]["label"] == "GI 2"
    assert card.environment == Decimal("87.14")


def test_it_lowers_community_and_environment_for_complaints_unresolved_weighing_more(
    rubric, factory, inspect, member_office
):
    inspect(factory, STRONG_THREE)
    before = compute(factory)
    for status, outcome in (("open", ""), ("resolved", "ติดตั้งระบบดูดฝุ่นแล้ว")):
        Complaint.objects.create(
            office=member_office,
            factory=factory,
            received_on=dt.date(2024, 2, 1),
            channel="phone",
            category="dust",
            description="ฝุ่นจากโรงสี",
            status=status,
            outcome=outcome,
        )
    Complaint.objects.create(  # the year before: not counted
        office=member_office,
        factory=factory,
        received_on=dt.date(2023, 9, 1),
        channel="phone",
        category="noise",
        description="เสียงดัง",
    )
    card = compute(factory)
    complaints = contribution(card, "community", "complaints")
    # open weighs 2, resolved 1: 3 units × 20 points lost
    assert (complaints["raw"], complaints["points"]) == ("3.00", "40.00")
    assert len(complaints["facts"]) == 2
    assert card.community < before.community
    assert card.environment < before.environment


def test_it_lowers_scores_for_open_overdue_and_escalated_orders(rubric, factory, inspect):
    inspection = inspect(factory, STRONG_THREE)
    before = compute(factory)
    officer = make_user("order-officer", "officer", "57")
    for status in ("overdue", "complied"):
        Order.objects.create(
            factory=factory,
            office=factory.office,
            inspection=inspection,
            section="s37",
            legal_text="ให้ปรับปรุงระบบบำบัดน้ำเสียภายใน 30 วัน",
            issued_on=dt.date(2024, 3, 20),
            deadline=dt.date(2024, 4, 20),
            status=status,
            issued_by=officer,
        )
    card = compute(factory)
    orders = contribution(card, "environment", "orders")
    assert (orders["raw"], orders["points"]) == ("2.00", "50.00")  # overdue ×2, complied ×0
    assert card.environment < before.environment
    assert card.community < before.community
    assert card.business < before.business


def test_it_scores_local_employment_and_purchasing_from_the_latest_approved_answer(
    rubric, factory, inspect
):
    inspect(factory, {"GEN-05": "40"}, on=dt.date(2023, 11, 1))
    inspect(factory, {"GEN-05": "90"}, on=dt.date(2024, 5, 1))
    inspect(factory, {"GEN-05": "0"}, on=dt.date(2024, 6, 1), status=InspectionStatus.SUBMITTED)
    card = compute(factory)
    employment = contribution(card, "income", "local_employment")
    assert (employment["raw"], employment["points"]) == ("90.00", "100.00")
    assert employment["facts"][0]["value"] == "90"
    assert card.income == Decimal("100.00")  # purchasing not answered: no data, not counted


def test_it_counts_only_approved_inspections_of_the_fiscal_year(rubric, factory, inspect):
    inspect(factory, {"GEN-01": "no"}, status=InspectionStatus.SUBMITTED)
    inspect(factory, {"GEN-01": "no"}, on=dt.date(2023, 9, 30))  # FY 2566
    card = compute(factory)
    assert card.business is None


def test_it_weighs_a_critical_noncompliance_more_than_a_low_one(rubric, factory, inspect):
    inspect(factory, {"BS-01": "no", "GEN-12": "yes", "BS-02": "yes"})
    card = compute(factory)
    compliance = contribution(card, "community", "compliance")
    assert compliance["points"] != "50.00"
    assert Decimal(compliance["points"]) < 50
    assert {f["label"].split()[0] for f in compliance["facts"]} == {"BS-01", "BS-02"}


def test_it_explains_every_answer_behind_a_score(rubric, factory, inspect):
    inspection = inspect(factory, STRONG_THREE)
    card = compute(factory)
    answer_ids = {
        f["id"] for e in card.explanation for f in e["facts"] if f.get("kind") == "answer"
    }
    assert answer_ids == set(inspection.answers.values_list("id", flat=True))
    for entry in card.explanation:
        assert {"dimension", "source", "weight", "raw", "points", "facts"} <= set(entry)


def test_it_refuses_a_year_without_a_published_rubric(factory):
    with pytest.raises(NoRubric):
        scorecard_compute(factory=factory, fiscal_year=2550)


def test_it_keeps_one_scorecard_per_factory_and_year(rubric, factory, inspect):
    inspect(factory, STRONG_THREE)
    first = compute(factory)
    second = compute(factory)
    assert first.pk == second.pk
    assert Scorecard.objects.filter(factory=factory).count() == 1


def test_it_scores_the_year_s_isingle_form_and_loans_in_trouble_in_business(
    rubric, factory, inspect
):
    inspect(factory, STRONG_THREE)
    not_filed = compute(factory)
    isingle = contribution(not_filed, "business", "isingle_form")
    assert (isingle["raw"], isingle["points"]) == ("0.00", "0.00")
    FactoryYear.objects.create(
        factory=factory, fiscal_year=RUBRIC_YEAR, isingle_form_filed_on=IN_RUBRIC_YEAR
    )
    FactoryYear.objects.create(
        factory=factory, fiscal_year=RUBRIC_YEAR - 1
    )  # another year: not this one
    filed = compute(factory)
    assert contribution(filed, "business", "isingle_form")["points"] == "100.00"
    assert filed.business > not_filed.business

    def loan(status: str, approved_on: dt.date, maturity_on: dt.date | None = None) -> Loan:
        return Loan.objects.create(
            office=factory.office,
            factory=factory,
            borrower_name="บริษัท โรงสีข้าวเชียงแสน จำกัด",
            fund_name="กองทุนฟื้นฟู",
            amount=Decimal("300000"),
            approved_on=approved_on,
            maturity_on=maturity_on,
            status=status,
        )

    loan(LoanStatus.NORMAL, IN_RUBRIC_YEAR)
    loan(LoanStatus.WATCH, dt.date(2022, 5, 1))  # older, still running
    loan(LoanStatus.NPL, dt.date(2020, 1, 1), maturity_on=dt.date(2022, 1, 1))  # matured before
    card = compute(factory)
    loans = contribution(card, "business", "loans")
    assert (loans["raw"], loans["points"]) == ("1.00", "60.00")  # watch ×1, 40 points each
    assert len(loans["facts"]) == 2
    assert card.business < filed.business
