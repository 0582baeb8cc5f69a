"""Orders under the Factory Act: issuing s.37 and s.39, follow-ups closing or escalating them,
overdue marking, and the order pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.thaidates import format_be_date
from inspections.models import InspectionPlanEntry, InspectionStatus, Order, OrderCheck, OrderStatus
from inspections.services.review import (
    inspection_amend,
    inspection_approve,
    order_check_record,
    order_issue,
    orders_mark_overdue,
)
from inspections.tasks import mark_overdue_orders
from tests.builders import add_factory, follow_up_of, issue_s37, make_inspection, make_user
from tests.pages import admin_list

TODAY = timezone.localdate


@pytest.fixture
def factory(db):
    return add_factory("โรงสีข้าวเชียงแสน")


@pytest.fixture
def inspection(factory, member):
    return make_inspection(factory, member, severities=("medium", "high"))


# --- issuing --------------------------------------------------------------------------------


def test_it_issues_an_s37_order_with_a_deadline_in_days_and_thai_legal_text(inspection, member):
    order = issue_s37(inspection, member)
    assert order.deadline == TODAY() + dt.timedelta(days=15)
    assert (order.status, order.office_id, order.factory_id) == (
        "open",
        "57",
        inspection.factory_id,
    )
    assert order.issued_by == member
    assert set(order.findings.all()) == set(inspection.findings.all())
    text = order.legal_text
    assert text.startswith("อาศัยอำนาจตามมาตรา 37 แห่งพระราชบัญญัติโรงงาน พ.ศ. 2535")
    assert "ภายใน 15 วัน นับแต่วันที่ได้รับคำสั่ง" in text
    assert "มาตรา 41" in text and "ภายใน 30 วัน" in text
    assert "ไม่เป็นเหตุให้ทุเลาการบังคับตามคำสั่ง" in text
    assert inspection.findings.first().description in text


def test_it_takes_a_deadline_date_or_the_officers_own_text(inspection, member):
    deadline = TODAY() + dt.timedelta(days=40)
    order = order_issue(
        inspection=inspection,
        findings=inspection.findings.all()[:1],
        section="s37",
        deadline=deadline,
        legal_text="ข้อความที่ร่างเอง",
        user=member,
    )
    assert (order.deadline, order.legal_text) == (deadline, "ข้อความที่ร่างเอง")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "ต้องกำหนดระยะเวลา"),
        ({"days": 0}, "มากกว่าศูนย์"),
        ({"deadline": dt.date(2020, 1, 1)}, "ไม่ก่อนวันที่ออกคำสั่ง"),
        ({"days": 5, "deadline": dt.date(2030, 1, 1)}, "อย่างใดอย่างหนึ่ง"),
    ],
)
def test_it_requires_a_sound_deadline(inspection, member, extra, message):
    with pytest.raises(ValidationError, match=message):
        order_issue(
            inspection=inspection,
            findings=inspection.findings.all(),
            section="s37",
            user=member,
            **extra,
        )
    assert not Order.objects.exists()


def test_it_issues_orders_only_from_submitted_or_approved_work(factory, member, head):
    draft = make_inspection(factory, member, status="draft")
    with pytest.raises(ValidationError, match="ส่งการตรวจให้พิจารณาแล้ว"):
        issue_s37(draft, member)
    approved = make_inspection(factory, member, status="approved")
    assert issue_s37(approved, head).issued_by == head


def test_it_lets_the_team_and_the_head_issue_but_no_one_else(
    inspection, member, head, outsider, inspector, executive, db
):

    co = make_user("co", "officer", "57")
    colleague = make_user("colleague", "officer", "57")
    inspection.co_inspectors.add(co)
    for person in (colleague, outsider, inspector, executive):
        with pytest.raises(PermissionDenied):
            issue_s37(inspection, person)
    assert issue_s37(inspection, co).issued_by == co
    assert issue_s37(inspection, head).issued_by == head


def test_it_refuses_findings_of_another_inspection(inspection, factory, member):
    other = make_inspection(factory, member)
    with pytest.raises(ValidationError, match="ต้องมาจากการตรวจนี้"):
        order_issue(
            inspection=inspection, findings=other.findings.all(), section="s37", days=7, user=member
        )
    with pytest.raises(ValidationError, match="อย่างน้อยหนึ่งข้อ"):
        order_issue(inspection=inspection, findings=[], section="s37", days=7, user=member)


def test_it_refuses_s39_without_grounds_and_explains_why(inspection, member):
    with pytest.raises(ValidationError) as refusal:
        order_issue(
            inspection=inspection,
            findings=inspection.findings.all(),
            section="s39",
            days=30,
            user=member,
        )
    assert "มาตรา 39" in refusal.value.messages[0]
    assert "ข้อบกพร่องร้ายแรง" in refusal.value.messages[0]
    # An s.37 order still within its deadline is no ground either.
    issue_s37(inspection, member)
    with pytest.raises(ValidationError):
        order_issue(
            inspection=inspection,
            findings=inspection.findings.all(),
            section="s39",
            days=30,
            user=member,
        )


def test_it_allows_s39_on_a_critical_finding(factory, member):
    critical = make_inspection(factory, member, severities=("critical",))
    order = order_issue(
        inspection=critical,
        findings=critical.findings.all(),
        section="s39",
        days=30,
        user=member,
        stop_scope="เฉพาะหม้อไอน้ำเครื่องที่ 2",
    )
    assert order.legal_text.startswith("อาศัยอำนาจตามมาตรา 39")
    assert "หยุดประกอบกิจการโรงงานชั่วคราว (เฉพาะหม้อไอน้ำเครื่องที่ 2)" in order.legal_text
    assert "มาตรา 41" in order.legal_text


def test_it_allows_s39_when_an_s37_order_was_not_complied_with_in_time(factory, inspection, member):
    earlier = make_inspection(factory, member, inspected_on=TODAY() - dt.timedelta(days=60))
    late = issue_s37(earlier, member, issued_on=TODAY() - dt.timedelta(days=60), days=30)
    assert late.is_overdue
    order = order_issue(
        inspection=inspection,
        findings=inspection.findings.all(),
        section="s39",
        days=30,
        user=member,
    )
    assert order.section == "s39"


# --- follow-ups -----------------------------------------------------------------------------


def test_it_closes_a_complied_order_when_the_follow_up_is_approved(
    factory, inspection, member, head
):
    order = issue_s37(inspection, member)
    follow_up = follow_up_of(factory, member)
    order_check_record(inspection=follow_up, order=order, complied=True, note="ติดตั้งระบบบำบัดแล้ว")
    follow_up.status = InspectionStatus.SUBMITTED
    follow_up.save()
    order.refresh_from_db()
    assert order.status == "open"  # nothing changes before the head approves
    inspection_approve(inspection=follow_up, user=head)
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLIED
    assert order.closed_on == TODAY()
    assert order.closed_by_inspection == follow_up


def test_it_escalates_an_ignored_s37_order_and_links_the_s39_order(
    factory, inspection, member, head
):
    order = issue_s37(inspection, member)
    follow_up = follow_up_of(factory, member)
    with pytest.raises(ValidationError, match="ยังไม่ได้แก้ไข"):
        order_check_record(inspection=follow_up, order=order, complied=False, note="")
    order_check_record(inspection=follow_up, order=order, complied=False, note="ยังปล่อยน้ำเสีย")
    follow_up.status = InspectionStatus.SUBMITTED
    follow_up.save()
    inspection_approve(inspection=follow_up, user=head)
    order.refresh_from_db()
    assert (order.status, order.closed_on) == (OrderStatus.ESCALATED, None)
    stop = order_issue(
        inspection=follow_up, findings=[], section="s39", days=30, user=head, escalates=order
    )
    order.refresh_from_db()
    assert order.escalated_to == stop
    assert set(stop.findings.all()) == set(order.findings.all())
    with pytest.raises(ValidationError, match="ยกระดับไปแล้ว"):
        order_issue(
            inspection=follow_up, findings=[], section="s39", days=30, user=head, escalates=order
        )


def test_it_records_checks_only_within_an_open_follow_up_of_the_same_factory(
    factory, inspection, member, head, outsider
):
    order = issue_s37(inspection, member)
    routine = make_inspection(factory, member, status="draft")
    with pytest.raises(ValidationError, match="ตรวจติดตามคำสั่ง"):
        order_check_record(inspection=routine, order=order, complied=True, note="")
    elsewhere = follow_up_of(add_factory("ไร่ชาเชียงราย"), member)
    with pytest.raises(ValidationError, match="ไม่ใช่คำสั่งของโรงงานที่ตรวจ"):
        order_check_record(inspection=elsewhere, order=order, complied=True, note="")
    submitted = follow_up_of(factory, member, status=InspectionStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="แก้ไขผลการติดตามไม่ได้"):
        order_check_record(inspection=submitted, order=order, complied=True, note="")
    follow_up = follow_up_of(factory, member)
    with pytest.raises(PermissionDenied):
        order_check_record(inspection=follow_up, order=order, complied=True, note="", user=outsider)
    order_check_record(inspection=follow_up, order=order, complied=False, note="ยังไม่แก้")
    order_check_record(inspection=follow_up, order=order, complied=True, note="")  # corrected
    assert OrderCheck.objects.get(order=order, inspection=follow_up).complied
    order.status = OrderStatus.COMPLIED
    order.save()
    with pytest.raises(ValidationError, match="ปิดแล้ว"):
        order_check_record(inspection=follow_up, order=order, complied=True, note="")


def test_it_reopens_what_an_amended_follow_up_closed(factory, inspection, member, head):
    order = issue_s37(inspection, member)
    follow_up = follow_up_of(factory, member)
    order_check_record(inspection=follow_up, order=order, complied=True, note="")
    follow_up.status = InspectionStatus.SUBMITTED
    follow_up.save()
    inspection_approve(inspection=follow_up, user=head)
    inspection_amend(inspection=follow_up, user=head, reason="ภาพไม่ใช่โรงงานนี้")
    order.refresh_from_db()
    assert (order.status, order.closed_on, order.closed_by_inspection) == ("open", None, None)


# --- overdue --------------------------------------------------------------------------------


def test_it_marks_open_orders_past_their_deadline_overdue(factory, inspection, member):
    past = TODAY() - dt.timedelta(days=40)
    late = issue_s37(inspection, member, issued_on=past, days=30)
    due_today = issue_s37(inspection, member, issued_on=TODAY() - dt.timedelta(days=10), days=10)
    complied = issue_s37(inspection, member, issued_on=past, days=5)
    complied.status = OrderStatus.COMPLIED
    complied.save()
    assert orders_mark_overdue() == 1
    assert orders_mark_overdue() == 0
    statuses = dict(Order.objects.values_list("pk", "status"))
    assert statuses == {late.pk: "overdue", due_today.pk: "open", complied.pk: "complied"}
    assert late.history.latest().status == "overdue"  # the change is in the audit trail


def test_it_runs_overdue_marking_as_a_task(inspection, member):
    issue_s37(inspection, member, issued_on=TODAY() - dt.timedelta(days=20), days=3)
    assert mark_overdue_orders.delay().get() == 1


# --- pages ----------------------------------------------------------------------------------


def test_it_lists_the_offices_orders_with_filters(
    client, factory, inspection, member, outsider, inspector, executive
):
    late = issue_s37(inspection, member, issued_on=TODAY() - dt.timedelta(days=40), days=30)
    fresh = issue_s37(inspection, member)
    critical = make_inspection(factory, member, severities=("critical",))
    stop = order_issue(
        inspection=critical, findings=critical.findings.all(), section="s39", days=30, user=member
    )
    url = reverse("inspections:orders")
    client.force_login(member)
    response = client.get(url)
    assert list(response.context["page"]) == [late, fresh, stop]
    assert list(client.get(url, {"section": "s39"}).context["page"]) == [stop]
    assert list(client.get(url, {"overdue": "on"}).context["page"]) == [late]
    assert list(client.get(url, {"status": "complied"}).context["page"]) == []
    assert "เลยกำหนด" in response.content.decode()
    htmx = client.get(url, {"section": "s37"}, headers={"HX-Request": "true"})
    assert htmx.templates[0].name == "inspections/_order_table.html"
    for person, count in ((outsider, 0), (inspector, 3), (executive, 3)):
        client.force_login(person)
        assert client.get(url).context["page"].paginator.count == count


def test_it_keeps_the_order_list_to_a_fixed_number_of_queries(client, factory, member):
    client.force_login(member)
    url = reverse("inspections:orders")
    issue_s37(make_inspection(factory, member), member)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        issue_s37(make_inspection(add_factory("ไร่ชา"), member), member)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["page"].paginator.count == 6
    # one page of rows, not full, which is its own count (session and person are cached)
    assert len(many) == len(few) == 1


def test_it_shows_an_order_in_scope_only(
    client, inspection, member, outsider, inspector, executive
):
    order = issue_s37(inspection, member)
    url = reverse("inspections:order", kwargs={"pk": order.pk})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    for person in (member, inspector, executive):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert "มาตรา 41" in response.content.decode()


def test_it_issues_an_order_from_the_form(
    client, inspection, member, outsider, inspector, executive
):
    url = reverse("inspections:order_create", kwargs={"pk": inspection.pk})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    for person in (inspector, executive):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"section": "s37", "days": 15}).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 200
    findings = [f.pk for f in inspection.findings.all()]
    response = client.post(url, {"section": "s39", "findings": findings, "days": 15})
    assert "มาตรา 39 ได้เมื่อการตรวจนี้พบข้อบกพร่องร้ายแรง" in response.content.decode()
    response = client.post(
        url, {"section": "s37", "findings": findings, "days": "", "deadline": ""}
    )
    assert "ต้องกำหนดระยะเวลา" in response.content.decode()
    response = client.post(url, {"section": "s37", "findings": findings, "days": 15})
    order = Order.objects.get()
    assert response.url == reverse("inspections:order", kwargs={"pk": order.pk})
    assert order.deadline == TODAY() + dt.timedelta(days=15)
    response = client.post(
        url, {"section": "s37", "findings": findings[:1], "deadline": f"31/12/{TODAY().year + 545}"}
    )
    assert Order.objects.latest("pk").deadline == dt.date(TODAY().year + 2, 12, 31)


def test_it_records_follow_ups_from_the_page(
    client, factory, inspection, member, head, outsider, inspector
):
    order = issue_s37(inspection, member)
    follow_up = follow_up_of(factory, member)
    url = reverse("inspections:follow_up", kwargs={"pk": follow_up.pk})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    for person in (inspector, head):
        client.force_login(person)
        assert client.get(url).status_code == 200
        assert client.post(url, {"order": order.pk, "complied": "yes"}).status_code == 403
    client.force_login(member)
    response = client.get(url)
    assert [row[0] for row in response.context["rows"]] == [order]
    response = client.post(url, {"order": order.pk, "complied": "no", "note": ""}, follow=True)
    assert "กรุณาบันทึกสิ่งที่โรงงานยังไม่ได้แก้ไข" in response.content.decode()
    client.post(url, {"order": order.pk, "complied": "yes", "note": "แก้แล้ว"})
    assert OrderCheck.objects.get().complied
    routine = reverse("inspections:follow_up", kwargs={"pk": inspection.pk})
    assert client.get(routine).status_code == 403


def test_it_offers_an_s39_order_on_an_ignored_s37_order(client, factory, inspection, member, head):
    order = issue_s37(inspection, member)
    follow_up = follow_up_of(factory, member)
    order_check_record(inspection=follow_up, order=order, complied=False, note="ยังไม่แก้")
    follow_up.status = InspectionStatus.SUBMITTED
    follow_up.save()
    client.force_login(head)
    response = client.post(reverse("inspections:approve", kwargs={"pk": follow_up.pk}), follow=True)
    assert "พิจารณาออกคำสั่งตามมาตรา 39" in response.content.decode()
    page = client.get(reverse("inspections:order", kwargs={"pk": order.pk}))
    assert page.context["escalate_from"] == follow_up
    create = reverse("inspections:order_create", kwargs={"pk": follow_up.pk})
    response = client.post(create, {"section": "s39", "days": 30, "escalates": order.pk})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.escalated_to.section == "s39"


def test_it_shows_inspections_and_open_orders_on_the_factory_page(
    client, factory, inspection, member, outsider
):
    order = issue_s37(inspection, member, issued_on=TODAY() - dt.timedelta(days=40), days=30)
    url = reverse("factories:detail", kwargs={"pk": factory.pk})
    client.force_login(member)
    response = client.get(url)
    assert response.context["inspections"] == [inspection]
    assert response.context["open_orders"] == [order]
    html = response.content.decode()
    assert "เลยกำหนด" in html and reverse("inspections:order", kwargs={"pk": order.pk}) in html
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        issue_s37(make_inspection(factory, member), member)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["open_orders"]) == 5
    assert len(many) == len(few)


def test_it_manages_inspections_orders_and_the_plan_in_admin(client, admin_user, factory, member):
    inspection = make_inspection(factory, member, inspected_on=dt.date(2024, 2, 24))
    order = issue_s37(inspection, member)
    follow_up = follow_up_of(factory, member)
    order_check_record(inspection=follow_up, order=order, complied=True, note="แก้ไขแล้ว")
    InspectionPlanEntry.objects.create(
        office_id="57", fiscal_year=2567, factory=factory, assigned_to=member, planned_month=3
    )
    mill = "โรงสีข้าวเชียงแสน (3-9-1/6057)"
    s37 = "มาตรา 37 สั่งให้แก้ไขหรือปรับปรุงภายในเวลาที่กำหนด"
    # Each list, row by row and cell by cell (None: today's dates, which the test cannot know).
    lists = {
        "factoryinspection": [
            [mill, "สอจ.เชียงราย", None, "ตรวจติดตามคำสั่ง", "ฉบับร่าง", "สมชาย"],
            [
                mill,
                "สอจ.เชียงราย",
                "24 กุมภาพันธ์ 2567",
                "ตรวจตามแผนประจำปี",
                "ส่งให้อุตสาหกรรมจังหวัดพิจารณา",
                "สมชาย",
            ],
        ],
        "order": [[mill, "สอจ.เชียงราย", s37, "-", None, None, "อยู่ระหว่างดำเนินการ"]],
        "ordercheck": [[f"{s37} — {mill}", f"{mill} — {format_be_date(TODAY())}", "ใช่", None]],
        "inspectionplanentry": [[mill, "สอจ.เชียงราย", "2567", "-", "สมชาย", "3"]],
    }
    client.force_login(admin_user)
    for name, expected in lists.items():
        rows, _filters = admin_list(client.get(reverse(f"admin:inspections_{name}_changelist")))
        shown = [
            [cell if want is not None else None for cell, want in zip(row, wants, strict=True)]
            for row, wants in zip(rows, expected, strict=True)
        ]
        assert shown == expected, name
    body = client.get(reverse("admin:inspections_order_change", args=[order.pk])).content.decode()
    assert f"<h2>{s37} — {mill}</h2>" in body
    assert "อาศัยอำนาจตามมาตรา 37 แห่งพระราชบัญญัติโรงงาน พ.ศ. 2535" in body  # its legal text
    body = client.get(
        reverse("admin:inspections_factoryinspection_change", args=[inspection.pk])
    ).content.decode()
    assert f"<h2>{mill} — 24 ก.พ. 2567</h2>" in body  # the inspection, dated in BE
    assert inspection.findings.get().description in body  # its findings, inline
