"""The home page as an officer and a head open it in the morning: their work first, scoped to
their office, in a fixed number of queries; the factory page puts "start an inspection" first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.thaidates import current_fiscal_year
from factories.models import Factory, FactoryStatus, FactoryType
from inspections.models import (
    FactoryInspection,
    InspectionPlanEntry,
    InspectionStatus,
    Order,
    OrderSection,
)
from tests.pages import page_texts


def factory(name: str, province: str = "57", **fields) -> Factory:
    return Factory.objects.create(
        old_registration_number=f"3-9-{Factory.objects.count() + 1}/60{province}",
        name=name,
        province_id=province,
        district_id=f"{province}01",
        factory_type=FactoryType.objects.get(pk="00900"),
        class_number=3,
        status=FactoryStatus.OPERATING,
        **fields,
    )


def month_shifted(months: int) -> int:
    """The calendar month ``months`` from this one (negative: earlier)."""
    return (timezone.localdate().month - 1 + months) % 12 + 1


def earlier_month_this_fiscal_year() -> int | None:
    """A month already past in this fiscal year, or None in October (the year's first)."""
    today = timezone.localdate()
    return None if today.month == 10 else month_shifted(-1)


def plan(f: Factory, user, month: int | None) -> InspectionPlanEntry:
    return InspectionPlanEntry.objects.create(
        office_id=f.office_id,
        fiscal_year=current_fiscal_year(),
        factory=f,
        assigned_to=user,
        planned_month=month,
    )


def an_order(f: Factory, user, *, deadline: dt.date) -> Order:
    inspection = FactoryInspection.objects.create(
        factory=f,
        lead_inspector=user,
        status=InspectionStatus.APPROVED,
        inspected_on=timezone.localdate() - dt.timedelta(days=40),
    )
    return Order.objects.create(
        factory=f,
        office_id=f.office_id,
        inspection=inspection,
        section=OrderSection.S37,
        legal_text="ให้ปรับปรุงระบบบำบัดน้ำเสีย",
        issued_on=timezone.localdate() - dt.timedelta(days=40),
        deadline=deadline,
        issued_by=user,
    )


@pytest.fixture
def workday(db, member, outsider):
    """The member's day: one factory due this month, one late (unless it is October), one for
    next month, a draft and a returned inspection, an overdue order; the outsider's the same."""
    today = timezone.localdate()
    made = {
        "due": factory("โรงสีข้าวเชียงแสน"),
        "late": factory("โรงน้ำแข็งแม่สาย"),
        "later": factory("ไร่ชาเชียงราย"),
        "draft": factory("โรงงานน้ำตาลเชียงราย"),
        "returned": factory("โรงงานอาหารสัตว์แม่จัน"),
        "ordered": factory("โรงงานฟอกย้อมพาน"),
        "elsewhere": factory("โรงสีพิจิตร", province="66"),
    }
    plan(made["due"], member, today.month)
    late_month = earlier_month_this_fiscal_year()
    plan(made["late"], member, late_month)
    if today.month != 9:  # September is the fiscal year's last month: no "later" in it
        plan(made["later"], member, month_shifted(1))
    FactoryInspection.objects.create(
        factory=made["draft"], lead_inspector=member, inspected_on=today
    )
    FactoryInspection.objects.create(
        factory=made["returned"],
        lead_inspector=member,
        inspected_on=today,
        status=InspectionStatus.RETURNED,
    )
    an_order(made["ordered"], member, deadline=today - dt.timedelta(days=1))
    plan(made["elsewhere"], outsider, today.month)
    an_order(made["elsewhere"], outsider, deadline=today - dt.timedelta(days=1))
    made["late_month"] = late_month
    return made


def test_an_officer_sees_the_day_s_work_first_and_nothing_of_another_office(
    client, member, workday
):
    client.force_login(member)
    body = client.get(reverse("core:home")).content.decode()
    work = body[body.index('data-testid="home-my-work"') :]
    assert "โรงสีข้าวเชียงแสน" in work  # planned this month
    assert ("โรงน้ำแข็งแม่สาย" in work) == (workday["late_month"] is not None)  # late
    assert "ไร่ชาเชียงราย" not in work  # next month: not today's work
    assert "โรงงานน้ำตาลเชียงราย" in work and "โรงงานอาหารสัตว์แม่จัน" in work
    assert "ส่งกลับแก้ไข" in work or "ส่งกลับ" in work  # the returned one says so
    assert "โรงงานฟอกย้อมพาน" in work  # its order's deadline passed: a follow-up is due
    assert "โรงสีพิจิตร" not in body
    assert reverse("inspections:start", kwargs={"factory_pk": workday["due"].pk}) in work


def test_the_officer_home_page_costs_the_same_queries_with_more_work(
    client, member, workday, django_assert_max_num_queries
):
    client.force_login(member)
    client.get(reverse("core:home"))
    # planned entries with their counts; open inspections counted, drafts and returned ones;
    # follow-ups; office card; the office's directives to act on (policy); the session and the
    # person are cached
    with django_assert_max_num_queries(6) as first:
        client.get(reverse("core:home"))
    for i in range(4):
        plan(factory(f"โรงงานเพิ่ม {i}"), member, timezone.localdate().month)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(reverse("core:home"))
    assert response.content.decode().count('data-testid="planned-entry"') == 5  # at most five


def test_the_officer_sees_how_much_work_there_is_beyond_the_five_shown(client, member, workday):
    today = timezone.localdate()
    for i in range(6):
        plan(factory(f"โรงงานเดือนนี้ {i}"), member, today.month)
    for i in range(2):
        FactoryInspection.objects.create(
            factory=factory(f"โรงงานส่งแล้ว {i}"),
            lead_inspector=member,
            inspected_on=today,
            status=InspectionStatus.SUBMITTED,
        )
    client.force_login(member)
    response = client.get(reverse("core:home"))
    texts = page_texts(response).texts
    assert texts["due-count"] == "เดือนนี้ 7 แห่ง"
    assert texts.get("late-count") == (
        "เลยเดือนที่วางแผน 1 แห่ง" if workday["late_month"] is not None else None
    )
    assert texts["to-finish-count"] == "2"  # the draft and the returned one
    assert texts["submitted-count"] == "ส่งแล้วรออนุมัติ 2 รายการ"
    work = response.content.decode().split('data-testid="work-to-finish"')[1].split("</ul>")[0]
    # Only what is left to do is listed: the submitted ones wait for the head.
    assert "โรงงานน้ำตาลเชียงราย" in work and "โรงงานอาหารสัตว์แม่จัน" in work
    assert "โรงงานส่งแล้ว" not in work
    assert response.content.decode().count('data-testid="planned-entry"') == 5


def test_a_head_sees_what_waits_for_them_with_links_to_the_lists(client, head, member, workday):
    FactoryInspection.objects.create(
        factory=workday["due"],
        lead_inspector=member,
        inspected_on=timezone.localdate(),
        status=InspectionStatus.SUBMITTED,
    )
    client.force_login(head)
    # The head lands on the office dashboard; the panels wait on the desk.
    body = client.get(reverse("core:desk")).content.decode()
    office = body[body.index('data-testid="home-office-work"') :]

    def figure(testid: str) -> str:
        card = office[office.index(f'data-testid="{testid}"') :]
        return card[card.index('class="display-6">') + len('class="display-6">') :].split("<")[0]

    assert figure("waiting-review") == "1"
    assert figure("orders-overdue") == "1"  # the outsider's office's order is not counted
    # The number opens the register's list behind it, which holds as many factories.
    listed = client.get(f"{reverse('factories:list')}?risk=any&inspected=no")
    assert figure("risky-not-inspected") == str(listed.context["page"].paginator.count)
    assert int(figure("risky-not-inspected")) >= 1
    assert "?risk=any&amp;inspected=no" in office
    assert reverse("inspections:review_queue") in office
    assert f"{reverse('inspections:orders')}?status=overdue" in office


def test_people_outside_offices_get_no_work_panel(client, inspector, executive, workday):
    for person in (inspector, executive):
        client.force_login(person)
        body = client.get(reverse("core:home")).content.decode()
        assert 'data-testid="home-my-work"' not in body
        assert 'data-testid="home-office-work"' not in body
        assert "โรงสีข้าวเชียงแสน" not in body


def test_the_factory_page_offers_to_start_an_inspection_before_anything_else(
    client, member, inspector, workday
):
    url = reverse("factories:detail", args=[workday["due"].pk])
    client.force_login(member)
    body = client.get(url).content.decode()
    start = body.index('data-testid="start-inspection"')
    assert start < body.index("ข้อมูลโรงงาน") < body.index("ใบรับรองอุตสาหกรรมสีเขียว")
    client.force_login(inspector)
    assert 'data-testid="start-inspection"' not in client.get(url).content.decode()
