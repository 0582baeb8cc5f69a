"""A factory's MIND scorecard follows its facts: whichever fact changes, from whatever page, the
card is computed again once the change commits (``factories.events.factory_facts_changed``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from factories.events import factory_facts_changed
from factories.models import (
    Complaint,
    FactoryYear,
    GreenIndustryCertificate,
    Loan,
    LoanStatus,
)
from inspections.models import Order, OrderStatus
from inspections.services.review import inspection_amend, orders_mark_overdue
from policy.models import Scorecard
from policy.services import scorecard_compute
from tests.builders import IN_RUBRIC_YEAR, RUBRIC_YEAR, STRONG_THREE, make_user


@pytest.fixture
def card(rubric, factory, inspect) -> Scorecard:
    """The factory's FY 2567 card, computed once from a strong inspection and no certificate."""
    inspect(factory, STRONG_THREE)
    return scorecard_compute(factory=factory, fiscal_year=RUBRIC_YEAR)


def fresh(card: Scorecard) -> Scorecard:
    return Scorecard.objects.get(pk=card.pk)


def green_points(card: Scorecard) -> str | None:
    entry = next(
        e
        for e in card.explanation
        if e["dimension"] == "environment" and e["source"] == "green_industry"
    )
    return entry["points"]


def an_order(factory, *, status: str = OrderStatus.OPEN, deadline=dt.date(2024, 4, 20)) -> Order:
    return Order.objects.create(
        factory=factory,
        office=factory.office,
        inspection=factory.inspections.first(),
        section="s37",
        legal_text="ให้ปรับปรุงระบบบำบัดน้ำเสียภายใน 30 วัน",
        issued_on=dt.date(2024, 3, 20),
        deadline=deadline,
        status=status,
        issued_by=make_user("order-officer", "officer", "57"),
    )


def test_a_certificate_added_on_the_factory_page_shows_on_the_scorecard(
    client, member, factory, card, django_capture_on_commit_callbacks
):
    before = green_points(card)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("factories:certificate_create", args=[factory.pk]),
            {"level": "5", "issued_on": "15/01/2566", "certificate_number": "GI-5-001"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    after = fresh(card)
    assert green_points(after) != before and Decimal(green_points(after)) == Decimal(100)
    # And the scorecard page reads the new environment score, not the stale one.
    page = client.get(reverse("policy:scorecard", args=[factory.pk, RUBRIC_YEAR]))
    assert page.status_code == 200
    assert after.environment != card.environment
    assert f"{after.environment:.0f}" in page.content.decode()


def test_a_certificate_deleted_leaves_the_card_without_it(
    factory, card, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = GreenIndustryCertificate.objects.create(
            factory=factory, level=5, issued_on=dt.date(2023, 1, 1)
        )
    with_certificate = green_points(fresh(card))
    with django_capture_on_commit_callbacks(execute=True):
        certificate.delete()
    assert green_points(fresh(card)) != with_certificate


def test_a_complaint_received_lowers_the_community_score(
    factory, card, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Complaint.objects.create(
            office=factory.office,
            factory=factory,
            received_on=IN_RUBRIC_YEAR,
            channel="phone",
            category="smell",
            description="กลิ่นเหม็นจากโรงงานรบกวนชุมชน",
            due_on=IN_RUBRIC_YEAR + dt.timedelta(days=30),
        )
    assert fresh(card).community < card.community


def test_an_order_issued_lowers_the_scores(factory, card, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        an_order(factory)
    assert fresh(card).environment < card.environment


def test_an_order_marked_overdue_overnight_lowers_the_scores_again(
    factory, card, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        an_order(factory, deadline=dt.date(2024, 4, 20))
    while_open = fresh(card).environment
    with django_capture_on_commit_callbacks(execute=True):
        assert orders_mark_overdue() == 1
    assert fresh(card).environment < while_open


def test_an_approved_inspection_reopened_for_correction_no_longer_counts(
    head, factory, card, django_capture_on_commit_callbacks
):
    inspection = factory.inspections.get()
    with django_capture_on_commit_callbacks(execute=True):
        inspection_amend(inspection=inspection, user=head, reason="ค่าที่วัดบันทึกผิดหน่วย")
    after = fresh(card)
    assert card.business is not None and after.business is None  # no approved answers left


def test_a_loan_moving_to_watch_lowers_the_business_score(
    factory, card, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        loan = Loan.objects.create(
            office=factory.office,
            factory=factory,
            borrower_name="บริษัท โรงสีข้าวเชียงแสน จำกัด",
            fund_name="กองทุนพัฒนาเอสเอ็มอีตามแนวประชารัฐ",
            amount=Decimal("500000"),
            approved_on=IN_RUBRIC_YEAR,
        )
    while_normal = fresh(card).business
    assert while_normal == card.business  # a loan repaid on time costs nothing
    with django_capture_on_commit_callbacks(execute=True):
        loan.status = LoanStatus.WATCH
        loan.save()
    assert fresh(card).business < while_normal


def test_an_isingle_form_filed_raises_the_business_score(
    factory, card, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        FactoryYear.objects.create(
            factory=factory, fiscal_year=RUBRIC_YEAR, isingle_form_filed_on=IN_RUBRIC_YEAR
        )
    assert fresh(card).business > card.business


def test_every_write_of_a_fact_is_announced_once_per_transaction_to_any_listener(
    factory, card, django_capture_on_commit_callbacks
):
    heard: list[frozenset[int]] = []

    def listen(sender, factory_ids, **kwargs):
        heard.append(factory_ids)

    factory_facts_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            GreenIndustryCertificate.objects.create(
                factory=factory, level=2, issued_on=dt.date(2023, 1, 1)
            )
            an_order(factory)
    finally:
        factory_facts_changed.disconnect(listen)
    assert heard == [frozenset({factory.pk}), frozenset({factory.pk})]


def test_nothing_is_announced_when_the_change_is_rolled_back(
    factory, card, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                an_order(factory)
                raise RuntimeError("the save failed half-way")
        except RuntimeError:
            pass
    assert callbacks == []
    assert fresh(card).environment == card.environment
