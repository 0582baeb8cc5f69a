"""Every factory-register queryset goes through the one scoping rule of core.access."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from factories.models import (
    Complaint,
    Factory,
    FactoryYear,
    GreenIndustryCertificate,
    ImportBatch,
    Loan,
    LoanFollowUp,
)
from tests.builders import numbered_factory


@pytest.fixture
def register(db) -> dict[str, Factory]:
    """A factory in Chiang Rai (the member's office, region 16), one in Nan (same region),
    one in Phichit (the outsider's, region 18) and one in Bangkok (no office)."""
    return {
        "57": numbered_factory("10570000000001", "57"),
        "55": numbered_factory("10550000000001", "55"),
        "66": numbered_factory("10660000000001", "66"),
        "10": numbered_factory("3-63(1)-45/39", "10"),
    }


def _offices(queryset) -> set[str | None]:
    return set(queryset.values_list("office_id", flat=True))


def test_office_staff_see_their_offices_factories(register, member, head):
    assert _offices(Factory.objects.visible_to(member)) == {"57"}
    assert _offices(Factory.objects.visible_to(head)) == {"57"}


def test_an_outsider_sees_none_of_the_members_factories(register, outsider):
    assert _offices(Factory.objects.visible_to(outsider)) == {"66"}
    assert not Factory.objects.visible_to(outsider).filter(office_id="57").exists()


def test_an_inspector_sees_the_factories_of_their_region(register, inspector):
    assert _offices(Factory.objects.visible_to(inspector)) == {"57", "55"}


def test_executives_and_admins_see_every_factory_even_bangkoks(register, executive, admin_user):
    assert Factory.objects.visible_to(executive).count() == 4
    assert Factory.objects.visible_to(admin_user).count() == 4
    assert register["10"].office_id is None


def test_anonymous_and_inactive_people_see_nothing(register, member):
    from django.contrib.auth.models import AnonymousUser

    assert not Factory.objects.visible_to(AnonymousUser()).exists()
    member.is_active = False
    assert not Factory.objects.visible_to(member).exists()


def test_rows_about_factories_follow_the_same_rule(
    register, member, outsider, inspector, executive, admin_user
):
    for office, factory in register.items():
        if office == "10":
            continue
        GreenIndustryCertificate.objects.create(
            factory=factory, level=2, issued_on=dt.date(2024, 1, 15)
        )
        FactoryYear.objects.create(factory=factory, fiscal_year=2567)
        Complaint.objects.create(
            office_id=office,
            factory=factory,
            received_on=dt.date(2024, 3, 1),
            channel="line",
            category="smell",
            description="กลิ่นเหม็นตอนกลางคืน",
        )
        loan = Loan.objects.create(
            office_id=office,
            factory=factory,
            borrower_name=factory.name,
            fund_name="กองทุนพัฒนาเอสเอ็มอีตามแนวประชารัฐ",
            amount=Decimal("1500000"),
            approved_on=dt.date(2023, 6, 1),
        )
        LoanFollowUp.objects.create(
            loan=loan, followed_on=dt.date(2024, 2, 1), note="ชำระตรงงวด", status_after="normal"
        )
        ImportBatch.objects.create(office_id=office, file_name="a.csv", file_sha256="0" * 64)
    expected = {
        member: {"57"},
        outsider: {"66"},
        inspector: {"57", "55"},
        executive: {"57", "55", "66"},
        admin_user: {"57", "55", "66"},
    }
    for user, offices in expected.items():
        assert _offices(Complaint.objects.visible_to(user)) == offices
        assert _offices(Loan.objects.visible_to(user)) == offices
        assert (
            set(LoanFollowUp.objects.visible_to(user).values_list("loan__office_id", flat=True))
            == offices
        )
        assert _offices(ImportBatch.objects.visible_to(user)) == offices
        assert (
            set(
                GreenIndustryCertificate.objects.visible_to(user).values_list(
                    "factory__office_id", flat=True
                )
            )
            == offices
        )
        assert (
            set(FactoryYear.objects.visible_to(user).values_list("factory__office_id", flat=True))
            == offices
        )
