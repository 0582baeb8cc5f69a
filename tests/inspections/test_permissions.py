"""Who may do what with an office's inspections, asked of every kind of person (``EVERYONE``
in tests/conftest.py). The member (an officer) leads the inspection."""

from __future__ import annotations

import pytest
from django.utils import timezone

from inspections.models import FactoryInspection, InspectionStatus
from inspections.permissions import (
    may_amend,
    may_approve,
    may_assign_plan,
    may_co_inspect,
    may_edit_draft,
    may_issue_orders,
    may_start_inspection,
)
from offices.models import Role
from tests.builders import ADMINS, MEMBER_OFFICE, add_factory, make_user

MEMBER_STAFF = {"member", "head"}


@pytest.fixture
def factory(db):
    return add_factory("โรงสีข้าวเชียงแสน")


@pytest.fixture
def inspection(factory, member) -> FactoryInspection:
    return FactoryInspection.objects.create(
        factory=factory, lead_inspector=member, inspected_on=timezone.localdate()
    )


def _in(inspection: FactoryInspection, status: str) -> FactoryInspection:
    inspection.status = status
    return inspection


def test_only_the_factorys_office_starts_an_inspection_and_works_on_it(who, factory):
    assert who(lambda u: may_start_inspection(u, factory)) == MEMBER_STAFF
    assert who(lambda u: may_co_inspect(u, factory)) == MEMBER_STAFF
    bangkok = add_factory("โรงงานกรุงเทพ", province="10", district="1001")
    assert who(lambda u: may_start_inspection(u, bangkok)) == set()


def test_its_inspectors_fill_a_draft_or_a_returned_inspection_only(who, inspection):
    assert who(lambda u: may_edit_draft(u, inspection)) == {"member"}
    co = make_user("co", Role.OFFICER, MEMBER_OFFICE)
    inspection.co_inspectors.add(co)
    assert may_edit_draft(co, inspection)
    assert who(lambda u: may_edit_draft(u, _in(inspection, InspectionStatus.RETURNED))) == {
        "member"
    }
    for status in (InspectionStatus.SUBMITTED, InspectionStatus.APPROVED):
        assert who(lambda u, s=status: may_edit_draft(u, _in(inspection, s))) == set()
        assert not may_edit_draft(co, inspection)


def test_only_the_head_of_its_office_approves_a_submitted_inspection(who, inspection):
    assert who(lambda u: may_approve(u, _in(inspection, InspectionStatus.SUBMITTED))) == {"head"}
    for status in (InspectionStatus.DRAFT, InspectionStatus.RETURNED, InspectionStatus.APPROVED):
        assert who(lambda u, s=status: may_approve(u, _in(inspection, s))) == set()


def test_only_the_head_reopens_an_approved_inspection(who, inspection):
    assert who(lambda u: may_amend(u, _in(inspection, InspectionStatus.APPROVED))) == {"head"}
    assert who(lambda u: may_amend(u, _in(inspection, InspectionStatus.SUBMITTED))) == set()


def test_its_inspectors_and_the_head_issue_orders_once_it_is_submitted(who, inspection):
    assert who(lambda u: may_issue_orders(u, _in(inspection, InspectionStatus.DRAFT))) == set()
    for status in (InspectionStatus.SUBMITTED, InspectionStatus.APPROVED):
        assert who(lambda u, s=status: may_issue_orders(u, _in(inspection, s))) == MEMBER_STAFF


def test_only_the_head_divides_the_plan(who, member_office, outsider_office):
    assert who(lambda u: may_assign_plan(u, member_office)) == {"head"}
    assert who(lambda u: may_assign_plan(u, outsider_office)) == {"outsider_head"}


def test_admins_neither_fill_nor_approve_an_offices_inspections(who, inspection):
    submitted = _in(inspection, InspectionStatus.SUBMITTED)
    assert not who(lambda u: may_approve(u, submitted)) & ADMINS
    assert not who(lambda u: may_edit_draft(u, _in(inspection, InspectionStatus.DRAFT))) & ADMINS
