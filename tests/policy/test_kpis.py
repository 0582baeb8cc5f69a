"""The KPI registry: each rule on a small hand-made data set, the by-office rows, the records
behind each number, the scopes people may see, and the queries the figures cost."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from factories.models import (
    Complaint,
    Factory,
    FactoryStatus,
    FactoryYear,
    GreenIndustryCertificate,
    Loan,
    LoanFollowUp,
)
from inspections.models import FactoryInspection, InspectionStatus, Order, OrderStatus
from inspections.selectors import plan_counts, plan_for_office
from offices.models import Office
from policy import kpis
from policy.kpis import KPIS, Period, Scope
from policy.models import Scorecard
from policy.services import rubric_default_create
from policy.targets import state, target_for
from tests.builders import MEMBER_OFFICE, OUTSIDER_OFFICE, add_factory, make_user

YEAR = 2567  # 1 Oct 2023 – 30 Sep 2024
AS_OF = dt.date(2024, 3, 31)
PERIOD = Period(YEAR, AS_OF)
YEAR_END = Period(YEAR, dt.date(2024, 9, 30))
MEMBER = Scope.office(MEMBER_OFFICE)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def at(day: str, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment of ``day`` in Thai time."""
    return timezone.make_aware(dt.datetime.combine(d(day), dt.time(hour, minute)))


def factory(name: str, province: str = MEMBER_OFFICE, *, risky: bool = False, **fields) -> Factory:
    if risky:
        fields.update(risk_overridden=True, risk_override_reason="ทดสอบ", wastewater_risk=True)
    else:
        fields.update(risk_overridden=True, risk_override_reason="ทดสอบ")
    return add_factory(name, province=province, **fields)


def removed(name: str, province: str = MEMBER_OFFICE, **fields) -> Factory:
    return factory(name, province, status=FactoryStatus.REMOVED, **fields)


@pytest.fixture
def officer(db):
    return make_user("kpi-officer", "officer", MEMBER_OFFICE)


def inspection(
    officer,
    of: Factory,
    on: str,
    *,
    status: str = InspectionStatus.APPROVED,
    reviewed: dt.datetime | str | None = "same day",
) -> FactoryInspection:
    reviewed_at = at(on, 16) if reviewed == "same day" else reviewed
    return FactoryInspection.objects.create(
        factory=of,
        inspected_on=d(on),
        lead_inspector=officer,
        status=status,
        reviewed_at=reviewed_at,
    )


def figure(code: str, scope: Scope = MEMBER, period: Period = PERIOD) -> tuple[int, int]:
    found = kpis.get(code).figure(scope, period)
    return found.numerator, found.denominator


def names(code: str, which: str, scope: Scope = MEMBER, period: Period = PERIOD) -> set[str]:
    records = kpis.get(code).records(scope, period, which)
    return {str(getattr(record, "name", "") or record.pk) for record in records}


@pytest.fixture
def sibling_office(member_office) -> Office:
    """Another office of the member's inspection region."""
    return Office.objects.filter(region=member_office.region).exclude(pk=MEMBER_OFFICE).first()


# --- Inspection coverage ----------------------------------------------------------------------


@pytest.fixture
def coverage_data(officer):
    rows = {
        "approved": factory("ตรวจแล้ว", risky=True),
        "late": factory("อนุมัติหลังวันที่ดู", risky=True),
        "submitted": factory("รออนุมัติ", risky=True),
        "last_year": factory("ตรวจปีก่อน", risky=True),
        "no_review_date": factory("ไม่มีวันพิจารณา", risky=True),
        "evening": factory("อนุมัติค่ำวันที่ดู", risky=True),
        "removed": removed("เลิกกิจการ", risky=True),
        "safe": factory("ไม่เสี่ยง"),
        "phichit": factory("โรงงานพิจิตร", OUTSIDER_OFFICE, risky=True),
    }
    inspection(officer, rows["approved"], "2024-03-01")
    inspection(officer, rows["late"], "2024-03-20", reviewed=at("2024-04-01", 0, 10))
    inspection(officer, rows["submitted"], "2024-03-01", status=InspectionStatus.SUBMITTED)
    inspection(officer, rows["last_year"], "2023-09-30")
    inspection(officer, rows["no_review_date"], "2023-10-01", reviewed=None)
    inspection(officer, rows["evening"], "2024-03-31", reviewed=at("2024-03-31", 23, 50))
    inspection(officer, rows["removed"], "2024-03-01")
    inspection(officer, rows["safe"], "2024-03-01")
    inspection(officer, rows["phichit"], "2024-03-01")
    return rows


def test_coverage_counts_risky_active_factories_approved_by_as_of(coverage_data):
    assert figure("inspection_coverage") == (3, 6)
    assert names("inspection_coverage", "numerator") == {
        "ตรวจแล้ว",
        "ไม่มีวันพิจารณา",
        "อนุมัติค่ำวันที่ดู",
    }
    assert names("inspection_coverage", "missing") == {"อนุมัติหลังวันที่ดู", "รออนุมัติ", "ตรวจปีก่อน"}
    assert kpis.get("inspection_coverage").figure(MEMBER, PERIOD).value == Decimal("50.0")


def test_coverage_later_in_the_year_counts_the_later_approval(coverage_data):
    assert figure("inspection_coverage", period=YEAR_END) == (4, 6)


def test_coverage_30_september_belongs_to_the_year_it_ends(coverage_data):
    previous = Period(2566, d("2023-09-30"))
    assert figure("inspection_coverage", period=previous) == (1, 6)
    assert names("inspection_coverage", "numerator", period=previous) == {"ตรวจปีก่อน"}
    first_day = Period(YEAR, d("2023-10-01"))
    assert names("inspection_coverage", "numerator", period=first_day) == {"ไม่มีวันพิจารณา"}


def test_coverage_of_the_nation_and_regions(coverage_data, member_office, outsider_office):
    assert figure("inspection_coverage", Scope.nation()) == (4, 7)
    assert figure("inspection_coverage", Scope.region(member_office.region_id)) == (3, 6)
    assert figure("inspection_coverage", Scope.region(outsider_office.region_id)) == (1, 1)


def test_coverage_is_the_plan_coverage_of_today(officer):
    """The plan page's coverage figure and the KPI follow the same rule."""
    today = timezone.localdate()
    done = factory("ตรวจวันนี้", risky=True)
    factory("ยังไม่ตรวจ", risky=True)
    factory("ยังไม่ตรวจเหมือนกัน", risky=True)
    FactoryInspection.objects.create(
        factory=done,
        inspected_on=today,
        lead_inspector=officer,
        status=InspectionStatus.APPROVED,
        reviewed_at=timezone.now(),
    )
    period = Period.of()
    counts = plan_counts(plan_for_office(office=MEMBER_OFFICE, fiscal_year=period.fiscal_year))
    found = kpis.get("inspection_coverage").figure(MEMBER, period)
    assert (found.numerator, found.denominator) == (counts.risky_done, counts.risky) == (1, 3)
    assert float(found.value) == counts.coverage_percent == 33.3


# --- Green Industry ---------------------------------------------------------------------------


def certificate(of: Factory, level: int, issued: str, expires: str | None = None) -> None:
    GreenIndustryCertificate.objects.create(
        factory=of, level=level, issued_on=d(issued), expires_on=d(expires) if expires else None
    )


@pytest.fixture
def green_data(db):
    rows = {
        name: factory(name)
        for name in (
            "ใบรับรองมีผล",
            "หมดอายุวันก่อน",
            "หมดอายุวันที่ดู",
            "ออกหลังวันที่ดู",
            "ไม่มีวันหมดอายุ",
            "ไม่มีใบรับรอง",
        )
    }
    certificate(rows["ใบรับรองมีผล"], 2, "2023-01-01", "2026-01-01")
    certificate(rows["หมดอายุวันก่อน"], 3, "2021-03-31", "2024-03-30")
    certificate(rows["หมดอายุวันที่ดู"], 1, "2021-03-31", "2024-03-31")
    certificate(rows["ออกหลังวันที่ดู"], 1, "2024-04-01", "2027-04-01")
    certificate(rows["ไม่มีวันหมดอายุ"], 4, "2020-05-05")
    certificate(removed("เลิกแล้วแต่มีใบรับรอง"), 2, "2023-01-01")
    certificate(factory("พิจิตรมีใบรับรอง", OUTSIDER_OFFICE), 2, "2023-01-01")
    return rows


def test_green_industry_counts_certificates_in_force_on_as_of(green_data):
    assert figure("gi_certified") == (3, 6)
    assert names("gi_certified", "numerator") == {"ใบรับรองมีผล", "หมดอายุวันที่ดู", "ไม่มีวันหมดอายุ"}
    assert figure("gi_certified", period=YEAR_END) == (3, 6)  # one expired, one issued since


@pytest.fixture
def level_data(db):
    up = factory("ขึ้นระดับ")
    certificate(up, 1, "2022-01-01", "2025-01-01")
    certificate(up, 2, "2024-01-15", "2027-01-15")
    stays = factory("คงระดับ")
    certificate(stays, 2, "2022-01-01", "2025-01-01")
    lapsed = factory("ใบรับรองหมดอายุ")
    certificate(lapsed, 3, "2021-02-01", "2024-02-01")
    new = factory("เพิ่งได้รับรอง")
    certificate(new, 1, "2024-01-10")
    lower = factory("ได้ใบใหม่ระดับต่ำกว่า")
    certificate(lower, 2, "2022-01-01", "2025-01-01")
    certificate(lower, 1, "2024-02-01")
    after = factory("ขึ้นระดับหลังวันที่ดู")
    certificate(after, 1, "2022-01-01")
    certificate(after, 3, "2024-05-01")
    certificate(removed("เลิกแล้วขึ้นระดับ"), 1, "2022-01-01")


def test_level_up_counts_factories_certified_before_the_year_that_rose(level_data):
    assert figure("gi_level_up") == (1, 5)
    assert names("gi_level_up", "numerator") == {"ขึ้นระดับ"}
    assert names("gi_level_up", "missing") == {
        "คงระดับ",
        "ใบรับรองหมดอายุ",
        "ได้ใบใหม่ระดับต่ำกว่า",
        "ขึ้นระดับหลังวันที่ดู",
    }
    assert figure("gi_level_up", period=YEAR_END) == (2, 5)


# --- I-Industry and iSingle Form --------------------------------------------------------------


def test_i_industry_counts_registrations_by_as_of(db):
    factory("ลงทะเบียนวันที่ดู", i_industry_registered_on=d("2024-03-31"))
    factory("ลงทะเบียนหลังวันที่ดู", i_industry_registered_on=d("2024-04-01"))
    factory("ลงทะเบียนนานแล้ว", i_industry_registered_on=d("2019-01-01"))
    factory("ยังไม่ลงทะเบียน")
    removed("เลิกแล้ว", i_industry_registered_on=d("2019-01-01"))
    factory("พิจิตร", OUTSIDER_OFFICE, i_industry_registered_on=d("2019-01-01"))
    assert figure("i_industry") == (2, 4)
    assert names("i_industry", "missing") == {"ลงทะเบียนหลังวันที่ดู", "ยังไม่ลงทะเบียน"}
    assert figure("i_industry", Scope.nation()) == (3, 5)


def test_isingle_form_counts_the_fiscal_years_filing_by_as_of(db):
    def filed(name: str, year: int, on: str | None, province: str = MEMBER_OFFICE) -> None:
        FactoryYear.objects.create(
            factory=factory(name, province),
            fiscal_year=year,
            isingle_form_filed_on=d(on) if on else None,
        )

    filed("ยื่นแล้ว", YEAR, "2024-03-31")
    filed("ยื่นหลังวันที่ดู", YEAR, "2024-05-01")
    filed("ยื่นของปีก่อน", 2566, "2023-09-30")
    filed("มีข้อมูลแต่ยังไม่ยื่น", YEAR, None)
    factory("ไม่มีข้อมูลรายปี")
    filed("พิจิตรยื่นแล้ว", YEAR, "2024-01-01", OUTSIDER_OFFICE)
    assert figure("isingle_filed") == (1, 5)
    assert names("isingle_filed", "numerator") == {"ยื่นแล้ว"}
    assert figure("isingle_filed", period=YEAR_END) == (2, 5)


# --- Complaints ---------------------------------------------------------------------------------


def complaint(
    received: str, due: str | None, closed: str | None = None, office: str = MEMBER_OFFICE
) -> Complaint:
    """A complaint, resolved on ``closed`` (its history says so) when given."""
    made = Complaint.objects.create(
        office_id=office,
        received_on=d(received),
        due_on=d(due) if due else None,
        channel="phone",
        category="smell",
        description=f"{received} {due} {closed}",
    )
    if closed:
        made.status = "resolved"
        made.outcome = "แก้ไขแล้ว"
        made.save()
        Complaint.history.filter(id=made.pk, status="resolved").update(history_date=at(closed))
    return made


@pytest.fixture
def complaint_data(db):
    rows = {
        "on_time": complaint("2024-01-01", "2024-01-31", "2024-01-20"),
        "late": complaint("2024-01-01", "2024-01-31", "2024-02-10"),
        "overdue": complaint("2024-01-01", "2024-01-31"),
        "not_due": complaint("2024-03-20", "2024-04-19"),
        "early": complaint("2024-03-20", "2024-04-19", "2024-03-25"),
        "closed_after": complaint("2024-03-20", "2024-04-19", "2024-04-05"),
        "last_year": complaint("2023-09-30", "2023-10-30", "2023-10-05"),
        "after_as_of": complaint("2024-04-01", "2024-05-01", "2024-04-02"),
        "no_due_date": complaint("2024-02-01", None, "2024-03-01"),
        "phichit": complaint("2024-01-01", "2024-01-31", "2024-01-20", OUTSIDER_OFFICE),
    }
    # A complaint resolved without history (made in bulk): its last change is its closing day.
    (bulk,) = Complaint.objects.bulk_create(
        [
            Complaint(
                office_id=MEMBER_OFFICE,
                received_on=d("2024-01-05"),
                due_on=d("2024-02-04"),
                channel="phone",
                category="noise",
                description="bulk",
                status="closed",
                outcome="ยุติเรื่อง",
            )
        ]
    )
    Complaint.objects.filter(pk=bulk.pk).update(updated_at=at("2024-01-15"))
    rows["bulk"] = Complaint.objects.get(pk=bulk.pk)
    return rows


def test_complaints_on_time(complaint_data):
    rows = complaint_data
    found = kpis.get("complaints_on_time").records(MEMBER, PERIOD, "numerator")
    assert set(found.values_list("pk", flat=True)) == {
        rows[k].pk for k in ("on_time", "early", "no_due_date", "bulk")
    }
    missing = kpis.get("complaints_on_time").records(MEMBER, PERIOD, "missing")
    assert set(missing.values_list("pk", flat=True)) == {rows["late"].pk, rows["overdue"].pk}
    assert figure("complaints_on_time") == (4, 6)


def test_complaints_at_the_end_of_the_year(complaint_data):
    # By 30 Sep the April complaints are due (one never closed) or closed in time.
    assert figure("complaints_on_time", period=YEAR_END) == (6, 9)


# --- Orders -------------------------------------------------------------------------------------


@pytest.fixture
def order_data(officer):
    here = factory("โรงงานมีคำสั่ง")
    there = factory("พิจิตรมีคำสั่ง", OUTSIDER_OFFICE)
    source = inspection(officer, here, "2023-06-01")
    follow_up = inspection(officer, here, "2024-01-20")
    there_source = inspection(officer, there, "2023-06-01")

    def order(deadline: str, status: str = OrderStatus.OPEN, closed: str | None = None, **extra):
        of = extra.pop("of", here)
        return Order.objects.create(
            factory=of,
            office_id=of.office_id,
            inspection=extra.pop("inspection", source),
            section="s37",
            legal_text="ให้แก้ไข",
            issued_on=d("2023-06-01"),
            deadline=d(deadline),
            status=status,
            closed_on=d(closed) if closed else None,
            **extra,
        )

    return {
        "on_time": order("2024-02-01", OrderStatus.COMPLIED, "2024-01-25"),
        "late": order("2024-02-01", OrderStatus.COMPLIED, "2024-02-05"),
        "overdue": order("2024-02-01", OrderStatus.OVERDUE),
        "escalated": order("2024-02-01", OrderStatus.ESCALATED),
        "cancelled": order("2024-02-01", OrderStatus.CANCELLED, "2024-01-10"),
        "due_as_of": order("2024-03-31", OrderStatus.COMPLIED, "2024-03-31"),
        "due_later": order("2024-04-01", OrderStatus.COMPLIED, "2024-03-01"),
        "last_year": order("2023-09-30", OrderStatus.COMPLIED, "2023-09-01"),
        "by_follow_up": order("2024-02-01", OrderStatus.COMPLIED, closed_by_inspection=follow_up),
        "phichit": order(
            "2024-02-01", OrderStatus.COMPLIED, "2024-01-01", of=there, inspection=there_source
        ),
    }


def test_orders_complied_by_their_deadline(order_data):
    kpi = kpis.get("orders_on_time")
    numerator = set(kpi.records(MEMBER, PERIOD, "numerator").values_list("pk", flat=True))
    assert numerator == {order_data[k].pk for k in ("on_time", "due_as_of", "by_follow_up")}
    missing = set(kpi.records(MEMBER, PERIOD, "missing").values_list("pk", flat=True))
    assert missing == {order_data[k].pk for k in ("late", "overdue", "escalated")}
    assert figure("orders_on_time") == (3, 6)
    assert figure("orders_on_time", period=YEAR_END) == (4, 7)
    assert figure("orders_on_time", Scope.nation()) == (4, 7)


# --- Loans --------------------------------------------------------------------------------------


@pytest.fixture
def loan_data(officer):
    def loan(name: str, status: str = "normal", office: str = MEMBER_OFFICE, **dates) -> Loan:
        return Loan.objects.create(
            office_id=office,
            borrower_name=name,
            fund_name="กองทุนพัฒนา SME",
            amount=Decimal(500_000),
            approved_on=d(dates.get("approved", "2023-01-01")),
            maturity_on=d(dates.get("maturity", "2028-01-01")),
            status=status,
        )

    def follow_up(of: Loan, on: str, status_after: str) -> None:
        LoanFollowUp.objects.create(
            loan=of, followed_on=d(on), note="ติดตาม", status_after=status_after
        )

    loan("ปกติ")
    loan("เฝ้าระวังไม่เคยติดตาม", "watch")
    npl = loan("NPL ติดตามแล้ว", "npl")
    follow_up(npl, "2024-02-01", "npl")
    recovered = loan("เฝ้าระวังแล้วกลับมาปกติ", "normal")
    follow_up(recovered, "2024-02-01", "watch")
    follow_up(recovered, "2024-05-01", "normal")
    later = loan("ติดตามครั้งแรกหลังวันที่ดู", "npl")
    follow_up(later, "2024-04-10", "npl")
    loan("ครบกำหนดวันก่อน", "watch", maturity="2024-03-30")
    loan("ครบกำหนดวันที่ดู", "normal", maturity="2024-03-31")
    loan("อนุมัติหลังวันที่ดู", "watch", approved="2024-04-01")
    loan("พิจิตรเฝ้าระวัง", "watch", OUTSIDER_OFFICE)


def test_loans_in_trouble_by_the_status_on_as_of(loan_data):
    kpi = kpis.get("loans_in_trouble")
    troubled = {loan.borrower_name for loan in kpi.records(MEMBER, PERIOD, "numerator")}
    assert troubled == {
        "เฝ้าระวังไม่เคยติดตาม",
        "NPL ติดตามแล้ว",
        "เฝ้าระวังแล้วกลับมาปกติ",
        "ติดตามครั้งแรกหลังวันที่ดู",
    }
    assert figure("loans_in_trouble") == (4, 6)
    assert kpi.higher_is_better is False
    found = kpi.figure(MEMBER, PERIOD)
    assert found.value == Decimal("66.7")
    target = target_for("loans_in_trouble", PERIOD.fiscal_year)
    assert state(kpi, found.value, target, as_of=PERIOD.as_of, fiscal_year=PERIOD.fiscal_year) == (
        "behind"  # two in three loans in trouble, against a ceiling of 5%
    )
    # By 30 Sep the recovered loan is normal again and the April loan runs too.
    assert figure("loans_in_trouble", period=YEAR_END) == (4, 6)


# --- MIND ---------------------------------------------------------------------------------------


def test_mind_balanced_share_of_the_years_scorecards(db):
    rubric = rubric_default_create(fiscal_year=YEAR)
    previous = rubric_default_create(fiscal_year=2566)

    def card(of: Factory, balanced: bool, year: int = YEAR) -> None:
        Scorecard.objects.create(
            factory=of,
            office_id=of.office_id,
            fiscal_year=year,
            rubric=rubric if year == YEAR else previous,
            balanced=balanced,
            complete=balanced,
            computed_at=timezone.now(),
        )

    card(factory("สมดุล"), True)
    card(factory("ไม่สมดุล"), False)
    card(removed("เลิกแล้ว"), True)
    card(factory("สมดุลปีก่อน"), True, 2566)
    card(factory("พิจิตรสมดุล", OUTSIDER_OFFICE), True)
    assert figure("mind_balanced") == (1, 2)
    assert names("mind_balanced", "missing") == {
        str(Scorecard.objects.get(factory__name="ไม่สมดุล").pk)
    }
    assert figure("mind_balanced", Scope.nation()) == (2, 3)


# --- Every KPI: nothing to count, by office, records, queries -----------------------------------


@pytest.fixture
def world(coverage_data, green_data, level_data, complaint_data, order_data, loan_data):
    """Data for every KPI in the member's office and the outsider's."""


@pytest.mark.parametrize("code", list(KPIS))
def test_nothing_to_count_gives_no_value(db, code):
    found = kpis.get(code).figure(MEMBER, PERIOD)
    assert (found.numerator, found.denominator, found.value) == (0, 0, None)


@pytest.mark.parametrize("code", list(KPIS))
def test_by_office_rows_are_the_offices_figures(world, code, sibling_office):
    kpi = kpis.get(code)
    rows = kpi.by_office(Scope.nation(), PERIOD)
    assert [row.office_id for row in rows] == list(
        Office.objects.order_by("pk").values_list("pk", flat=True)
    )
    by_code = {row.office_id: row for row in rows}
    for office in (MEMBER_OFFICE, OUTSIDER_OFFICE, sibling_office.pk):
        alone = kpi.figure(Scope.office(office), PERIOD)
        assert (by_code[office].numerator, by_code[office].denominator) == (
            alone.numerator,
            alone.denominator,
        )
    nation = kpi.figure(Scope.nation(), PERIOD)
    assert sum(row.numerator for row in rows) == nation.numerator
    assert sum(row.denominator for row in rows) == nation.denominator
    assert by_code[sibling_office.pk].value is None


@pytest.mark.parametrize("code", list(KPIS))
def test_records_match_the_numbers(world, code):
    kpi = kpis.get(code)
    found = kpi.figure(MEMBER, PERIOD)
    assert kpi.records(MEMBER, PERIOD, "numerator").count() == found.numerator
    assert kpi.records(MEMBER, PERIOD, "denominator").count() == found.denominator
    assert kpi.records(MEMBER, PERIOD, "missing").count() == found.missing
    with pytest.raises(ValueError):
        kpi.records(MEMBER, PERIOD, "everything")


def test_region_by_office_lists_only_the_regions_offices(
    world, member_office, sibling_office, django_assert_num_queries
):
    with django_assert_num_queries(1):
        region = Scope.region(member_office.region_id)
    with django_assert_num_queries(1):
        rows = kpis.get("inspection_coverage").by_office(region, PERIOD)
    offices = {row.office_id for row in rows}
    assert {MEMBER_OFFICE, sibling_office.pk} <= offices
    assert OUTSIDER_OFFICE not in offices
    assert offices == set(
        Office.objects.filter(region=member_office.region).values_list("pk", flat=True)
    )


def more_of_everything(officer, provinces: list[str]) -> None:
    """The same kinds of records again in more offices, to show the query count stays put."""
    for province in provinces:
        for n in range(3):
            made = factory(f"เพิ่ม {province} {n}", province, risky=True)
            inspection(officer, made, "2024-02-01")
            certificate(made, 2, "2022-01-01")
            certificate(made, 3, "2024-01-01")
            complaint("2024-01-01", "2024-01-31", "2024-01-10", office=province)


@pytest.mark.parametrize("code", list(KPIS))
def test_queries_stay_the_same_with_more_offices_and_factories(
    world, officer, code, django_assert_num_queries
):
    kpi = kpis.get(code)
    with django_assert_num_queries(1):
        kpi.figure(Scope.nation(), PERIOD)
    with django_assert_num_queries(2):
        kpi.by_office(Scope.nation(), PERIOD)
    more_of_everything(officer, ["50", "30", "20", "34"])
    with django_assert_num_queries(1):
        kpi.figure(Scope.nation(), PERIOD)
    with django_assert_num_queries(2):
        kpi.by_office(Scope.nation(), PERIOD)


def test_a_dashboard_of_every_kpi_by_office_costs_one_query_per_table_and_one(
    world, django_assert_num_queries
):
    # The five KPIs counted among the factories share one query; complaints, orders, loans and
    # scorecards one each; and one to list the nation's offices.
    assert [len(group) for group in kpis.groups()] == [5, 1, 1, 1, 1]
    with django_assert_num_queries(1 + 5):
        table = kpis.figures_by_office(Scope.nation(), PERIOD)
    assert list(table) == list(KPIS)
    with django_assert_num_queries(5):
        kpis.figures_by_office(MEMBER, PERIOD)
    with django_assert_num_queries(5):
        kpis.figures(MEMBER, PERIOD)


def test_figures_read_together_are_each_kpis_own(world, officer):
    more_of_everything(officer, ["50", "30"])
    together = kpis.figures_by_office(Scope.nation(), PERIOD)
    for code, kpi in KPIS.items():
        alone = kpi.by_office(Scope.nation(), PERIOD)
        assert [(f.office_id, f.numerator, f.denominator) for f in together[code]] == [
            (f.office_id, f.numerator, f.denominator) for f in alone
        ], code
    for figure in kpis.figures(MEMBER, PERIOD):
        alone = figure.kpi.figure(MEMBER, PERIOD)
        assert (figure.numerator, figure.denominator) == (alone.numerator, alone.denominator)
    # Not every figure is zero: the comparison means something.
    assert any(f.numerator for f in together["inspection_coverage"])
    assert any(f.numerator for f in together["gi_level_up"])


# --- Raw SQL --------------------------------------------------------------------------------------


def raw(sql: str, params: list) -> dict[str, tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {office: (num, den) for office, num, den in cursor.fetchall()}


def by_office(code: str) -> dict[str, tuple[int, int]]:
    rows = kpis.get(code).by_office(Scope.nation(), PERIOD)
    return {row.office_id: (row.numerator, row.denominator) for row in rows if row.denominator}


def test_figures_match_hand_written_sql(world, officer, is_postgres):
    if not is_postgres:
        pytest.skip("the SQL is PostgreSQL's")
    more_of_everything(officer, ["50", "30"])
    cutoff = PERIOD.cutoff
    coverage = raw(
        """
        SELECT f.office_id,
               COUNT(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM inspections_factoryinspection i
                   WHERE i.factory_id = f.id AND i.fiscal_year = %s AND i.status = 'approved'
                     AND (i.reviewed_at < %s OR (i.reviewed_at IS NULL AND i.inspected_on <= %s)))),
               COUNT(*)
        FROM factories_factory f
        WHERE f.office_id IS NOT NULL AND f.status <> 2
          AND (f.wastewater_risk OR f.air_risk OR f.hazardous_waste_risk)
        GROUP BY f.office_id
        """,
        [YEAR, cutoff, AS_OF],
    )
    assert coverage == by_office("inspection_coverage")
    assert coverage[MEMBER_OFFICE] == (3, 6)
    certified = raw(
        """
        SELECT f.office_id,
               COUNT(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM factories_greenindustrycertificate c
                   WHERE c.factory_id = f.id AND c.issued_on <= %s
                     AND (c.expires_on IS NULL OR c.expires_on >= %s))),
               COUNT(*)
        FROM factories_factory f
        WHERE f.office_id IS NOT NULL AND f.status <> 2
        GROUP BY f.office_id
        """,
        [AS_OF, AS_OF],
    )
    assert certified == by_office("gi_certified")
    orders = raw(
        """
        SELECT o.office_id,
               COUNT(*) FILTER (WHERE o.status = 'complied'
                   AND COALESCE(o.closed_on, i.inspected_on) <= o.deadline),
               COUNT(*)
        FROM inspections_order o
        LEFT JOIN inspections_factoryinspection i ON i.id = o.closed_by_inspection_id
        WHERE o.deadline BETWEEN %s AND %s AND o.status <> 'cancelled'
        GROUP BY o.office_id
        """,
        [PERIOD.start, AS_OF],
    )
    assert orders == by_office("orders_on_time")


# --- Scope and period ---------------------------------------------------------------------------


def test_scope_for_each_person(member, head, inspector, executive, admin_user, member_office):
    assert Scope.for_user(member) == Scope.office(MEMBER_OFFICE)
    assert Scope.for_user(head) == Scope.office(MEMBER_OFFICE)
    assert Scope.for_user(inspector) == Scope.region(member_office.region_id)
    assert Scope.for_user(executive) == Scope.nation()
    assert Scope.for_user(admin_user) == Scope.nation()


def test_scopes_a_person_may_not_see_are_refused(
    member, inspector, executive, member_office, outsider_office
):
    assert Scope.office(MEMBER_OFFICE).check(member)
    for scope in (
        Scope.office(OUTSIDER_OFFICE),
        Scope.nation(),
        Scope.region(member_office.region_id),
    ):
        with pytest.raises(PermissionDenied):
            scope.check(member)
    assert Scope.region(member_office.region_id).allows(inspector)
    assert Scope.office(MEMBER_OFFICE).allows(inspector)
    assert not Scope.office(OUTSIDER_OFFICE).allows(inspector)
    assert not Scope.region(outsider_office.region_id).allows(inspector)
    assert not Scope.regions([member_office.region_id, outsider_office.region_id]).allows(inspector)
    assert not Scope.nation().allows(inspector)
    assert Scope.nation().allows(executive)
    assert Scope.office(OUTSIDER_OFFICE).allows(executive)


def test_period_as_of_must_fall_in_the_fiscal_year():
    with pytest.raises(ValueError):
        Period(YEAR, d("2024-10-01"))
    assert Period.of(2568, d("2024-10-01")).start == d("2024-10-01")
    assert Period.of(2566).as_of == d("2023-09-30")
    assert Period.of(as_of=d("2024-09-30")).fiscal_year == YEAR


def test_every_kpi_says_what_it_is():
    for code, kpi in KPIS.items():
        assert kpi.code == code
        assert str(kpi.name) and str(kpi.unit) == "ร้อยละ"
        assert kpi.default_target >= 0
        assert kpi.__doc__ and "Denominator" in kpi.__doc__ and "Numerator" in kpi.__doc__
    assert KPIS["inspection_coverage"].default_target == 100
    assert KPIS["gi_certified"].default_target == 90
    with pytest.raises(LookupError):
        kpis.get("nothing")


# --- The command ----------------------------------------------------------------------------------


def test_kpi_figures_command_prints_every_kpi_with_its_cost(world):
    out = StringIO()
    call_command(
        "kpi_figures",
        "--fiscal-year",
        str(YEAR),
        "--as-of",
        "2024-03-31",
        "--runs",
        "1",
        stdout=out,
    )
    lines = {line.split()[0]: line.split() for line in out.getvalue().splitlines()[3:-2]}
    assert list(lines) == list(KPIS)
    # num, den, value and the query count of the by-office figures (offices listed beforehand).
    assert lines["inspection_coverage"][1:4] == ["4", "7", "57.1"]
    assert lines["loans_in_trouble"][4] == "≤5"
    assert all(row[-1] == "1" for row in lines.values())


def test_kpi_figures_command_for_an_office_refuses_a_date_outside_the_year(world):
    out = StringIO()
    call_command("kpi_figures", "--office", MEMBER_OFFICE, "--as-of", "2024-03-31", stdout=out)
    assert "office 57" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("kpi_figures", "--fiscal-year", "2568", "--as-of", "2024-03-31")
    with pytest.raises(CommandError):
        call_command("kpi_figures", "--only", "nothing")


def test_compiled_sql_is_reused_but_figures_follow_the_data(coverage_data, officer):
    kpi = kpis.get("inspection_coverage")
    assert kpi.figure(MEMBER, PERIOD).numerator == 3
    inspection(officer, coverage_data["submitted"], "2024-03-02")
    assert kpi.figure(MEMBER, PERIOD).numerator == 4
    assert kpis.counting_sql.cache_info().hits >= 1
