"""The ministry's inspection rounds as an inspector, an office and another region see them: the
round overview, planning a visit, its frozen figures, the office's report, the meeting's record
and its directives."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.thaidates import current_fiscal_year, fiscal_year_range
from offices.models import MinistryUnit, Office, Role
from policy import rounds
from policy.models import (
    Directive,
    DirectiveStatus,
    FigureSnapshot,
    InspectionRound,
    RoundTopic,
    Visit,
    VisitTopic,
)
from tests.builders import inspect, make_user, risky_factory

PHICHIT, CHIANG_RAI = "66", "57"


@pytest.fixture
def this_round(db) -> InspectionRound:
    """Round 1 of this fiscal year with three topics, the first measured by coverage."""
    year = current_fiscal_year()
    start, end = fiscal_year_range(year)
    round_ = InspectionRound.objects.create(
        fiscal_year=year, number=1, starts_on=start, ends_on=end
    )
    RoundTopic.objects.create(
        round=round_, order=1, title="ตรวจกำกับโรงงานเสี่ยงให้ครบ", kpi_code="inspection_coverage"
    )
    RoundTopic.objects.create(round=round_, order=2, title="การจัดการกากอุตสาหกรรม")
    RoundTopic.objects.create(
        round=round_, order=3, title="อุตสาหกรรมสีเขียว", kpi_code="gi_certified"
    )
    return round_


@pytest.fixture
def inspector18(db):
    user = make_user("inspector18", Role.INSPECTOR, first_name="วิมล")
    user.regions.set([Office.objects.get(pk=PHICHIT).region])
    return user


@pytest.fixture
def inspector16(db):
    user = make_user("inspector16", Role.INSPECTOR)
    user.regions.set([Office.objects.get(pk=CHIANG_RAI).region])
    return user


@pytest.fixture
def head_phichit(db):
    return make_user("head.phichit", Role.HEAD, PHICHIT, first_name="สมปอง")


@pytest.fixture
def head_chiangrai(db):
    return make_user("head.chiangrai", Role.HEAD, CHIANG_RAI)


@pytest.fixture
def unit_kyp(db):
    return make_user("unit.kyp", Role.UNIT, unit=MinistryUnit.objects.get(code="กยผ."))


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


def phichit_coverage(inspector) -> None:
    """Three risky factories in Phichit, one inspected and approved this year: 33.3%."""
    first = risky_factory("โรงงานพิจิตร 1", province=PHICHIT)
    risky_factory("โรงงานพิจิตร 2", province=PHICHIT)
    risky_factory("โรงงานพิจิตร 3", province=PHICHIT)
    officer = make_user("officer.phichit", Role.OFFICER, PHICHIT)
    inspect(first, officer, on=fiscal_year_range(current_fiscal_year())[0])
    return officer


def plan(client, round_, user, today, **fields):
    client.force_login(user)
    data = {
        "day": (today + dt.timedelta(days=2)).strftime("%d/%m/") + str(today.year + 543),
        "time": "13:30",
        "mode": "online",
        "meeting_link": "https://zoom.us/j/2567015001",
        "lead_kind": "head_inspector",
        "lead_name": "นายวิษณุ ทับเที่ยง",
        "office_people": "นายสมปอง หวังรุ่งวิชัยศรี อุตสาหกรรมจังหวัดพิจิตร",
        "other_agencies": "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 3",
        "figures_as_of": "",
        **fields,
    }
    url = reverse("policy:visit_plan", kwargs={"pk": round_.pk, "code": PHICHIT})
    return client.post(url, data)


def visit_for_phichit(round_, inspector18, today) -> Visit:
    return rounds.visit_save(
        visit=Visit(
            round=round_,
            office_id=PHICHIT,
            starts_at=timezone.now(),
            mode="online",
            meeting_link="https://zoom.us/j/1",
            lead_kind="head_inspector",
        ),
        user=inspector18,
        figures_as_of=today,
    )


def test_an_inspector_plans_an_online_visit_whose_figures_are_frozen_until_refreshed(
    client, this_round, inspector18, today
):
    officer = phichit_coverage(inspector18)
    response = plan(client, this_round, inspector18, today)
    visit = Visit.objects.get(round=this_round, office_id=PHICHIT)
    assert response.status_code == 302 and response.url == visit.get_absolute_url()
    assert visit.topic_reports.count() == 3
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "https://zoom.us/j/2567015001" in page
    assert "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 3" in page
    # The same count by hand in SQL: risky factories of the office, those approved this year.
    with connection.cursor() as cursor:
        cursor.execute(
            "select count(*) from factories_factory where office_id = %s and wastewater_risk",
            [PHICHIT],
        )
        (risky,) = cursor.fetchone()
    assert risky == 3
    assert "ร้อยละ 33.3" in page and "(1 / 3)" in page

    # Another inspection approved after the figures were taken does not move them ...
    second = Office.objects.get(pk=PHICHIT).factories.get(name="โรงงานพิจิตร 2")
    inspect(second, officer, on=today)
    assert "ร้อยละ 33.3" in client.get(visit.get_absolute_url()).content.decode()
    # ... until an inspector takes them again, explicitly, and the refresh is recorded.
    as_of = today.strftime("%d/%m/") + str(today.year + 543)
    response = client.post(
        reverse("policy:visit_figures", kwargs={"pk": visit.pk}), {"as_of": as_of}
    )
    assert response.status_code == 302
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "ร้อยละ 66.7" in page and "(2 / 3)" in page
    snapshots = list(FigureSnapshot.objects.filter(visit=visit).order_by("taken_at"))
    assert [s.is_refresh for s in snapshots] == [False, True]
    assert snapshots[0].figures["inspection_coverage"]["numerator"] == 1
    assert snapshots[1].figures["inspection_coverage"]["numerator"] == 2


def test_planning_refuses_bad_input_in_thai_and_keeps_what_was_typed(
    client, this_round, inspector18, today
):
    response = plan(
        client, this_round, inspector18, today, day="31/02/2500", meeting_link="", time="25:99"
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "กรุณากรอกวันที่เป็น วว/ดด/ปปปป" in page
    assert "กรุณากรอกเวลาเป็น ชม:นาที" in page
    assert "การตรวจผ่านระบบออนไลน์ต้องมีลิงก์การประชุม" in page
    assert "นายสมปอง หวังรุ่งวิชัยศรี" in page  # what was typed is still there
    assert not Visit.objects.exists()
    # A date outside the round's fiscal year.
    response = plan(client, this_round, inspector18, today, day="01/01/2560")
    assert response.status_code == 422
    assert f"ต้องอยู่ในปีงบประมาณ {this_round.fiscal_year}" in response.content.decode()
    assert not Visit.objects.exists()


def test_the_office_reports_each_topic_and_the_meeting_records_findings_and_directives(
    client, this_round, inspector18, head_phichit, today
):
    visit = visit_for_phichit(this_round, inspector18, today)
    report = visit.topic_reports.get(topic__order=2)
    # The office's head writes its report, saved as typed.
    client.force_login(head_phichit)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert 'data-testid="office-report"' in page and 'data-testid="findings"' not in page
    # The head is asked for the office's facts of the round's year, which the visit shows.
    facts = reverse(
        "offices:year_edit", kwargs={"code": PHICHIT, "fiscal_year": this_round.fiscal_year}
    )
    assert f'href="{facts}"' in page
    url = reverse("policy:topic_report", kwargs={"pk": visit.pk, "report_pk": report.pk})
    response = client.post(
        url, {"office_report": "กำกับกากอุตสาหกรรม 42 โรงงาน"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "บันทึกแล้ว" in response.content.decode()
    # The office cannot write the ministry's findings.
    outcome = reverse("policy:topic_outcome", kwargs={"pk": visit.pk, "report_pk": report.pk})
    assert client.post(outcome, {"findings": "x"}).status_code == 404

    client.force_login(inspector18)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert "กำกับกากอุตสาหกรรม 42 โรงงาน" in page
    assert "สำนักงานรายงานแล้ว 1/3 ประเด็น" in page
    response = client.post(
        outcome,
        {"findings": "ยังมีโรงงานที่ไม่ส่งรายงานกาก", "recommendations": "ประชาสัมพันธ์ประกาศใหม่"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.findings == "ยังมีโรงงานที่ไม่ส่งรายงานกาก"
    assert report.office_report == "กำกับกากอุตสาหกรรม 42 โรงงาน"

    # Three directives for three assignees: the office, กยผ. and SME D Bank.
    add = reverse("policy:visit_directive", kwargs={"pk": visit.pk})
    due = (today + dt.timedelta(days=30)).strftime("%d/%m/") + str(today.year + 543)
    for text, unit in (
        ("ตรวจกำกับโรงงานเสี่ยงให้ครบร้อยละ 100", ""),
        ("จัดสรรงบซ่อมแซมบ้านพัก", str(MinistryUnit.objects.get(code="กยผ.").pk)),
        ("ติดตามผู้กู้ป้องกัน NPL", str(MinistryUnit.objects.get(code="ธพว.").pk)),
    ):
        response = client.post(
            add, {"text": text, "unit": unit, "due_on": due}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        assert text in response.content.decode()
    assignees = sorted(
        (d.unit.code if d.unit else "office") for d in Directive.objects.filter(visit=visit)
    )
    assert assignees == ["office", "กยผ.", "ธพว."]
    # A directive without text is refused, in Thai, with the due date kept.
    response = client.post(add, {"text": " ", "due_on": due}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "กรุณากรอกข้อสั่งการ" in response.content.decode() and due in response.content.decode()
    assert Directive.objects.filter(visit=visit).count() == 3


def test_an_overdue_directive_stands_out_on_the_visit_and_the_overview(
    client, this_round, inspector18, today
):
    visit = visit_for_phichit(this_round, inspector18, today)
    Directive.objects.create(visit=visit, text="ส่งแผนปฏิบัติการ", due_on=today - dt.timedelta(days=1))
    Directive.objects.create(visit=visit, text="ยังไม่ถึงกำหนด", due_on=today + dt.timedelta(days=5))
    Directive.objects.create(
        visit=visit,
        text="เสร็จแล้ว",
        due_on=today - dt.timedelta(days=9),
        status=DirectiveStatus.DONE,
        closed_on=today - dt.timedelta(days=10),
    )
    client.force_login(inspector18)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert page.count("list-group-item-danger") == 1
    overview = client.get(reverse("policy:round", kwargs={"pk": this_round.pk})).content.decode()
    row = overview.split(f'data-office="{PHICHIT}"')[1].split("</tr>")[0]
    assert "1 เกินกำหนด" in row
    assert ">2</td>" in row  # two open: the overdue one and the one not yet due


def test_the_overview_lists_the_inspectors_offices_filtered_by_region(
    client, this_round, inspector18, today, django_assert_num_queries
):
    other_region = Office.objects.get(pk="25").region  # Prachinburi, region 3
    inspector18.regions.add(other_region)
    visit_for_phichit(this_round, inspector18, today)
    client.force_login(inspector18)
    url = reverse("policy:round", kwargs={"pk": this_round.pk})
    page = client.get(url).content.decode()
    assert "สอจ.พิจิตร" in page and "สอจ.ปราจีนบุรี" in page and "สอจ.เชียงราย" not in page
    assert f'href="/policy/rounds/{this_round.pk}/offices/25/plan/"' in page
    only_3 = client.get(url, {"region": other_region.pk}).content.decode()
    assert "สอจ.ปราจีนบุรี" in only_3 and "สอจ.พิจิตร" not in only_3


def _overview_queries(client, round_, user, django_assert_num_queries, n: int) -> None:
    client.force_login(user)
    url = reverse("policy:round", kwargs={"pk": round_.pk})
    client.get(url)  # sessions and the like, once
    with django_assert_num_queries(n):
        assert client.get(url).status_code == 200


# The page's six, and the person's latest summary report, PDF and XLSX, for their buttons.
OVERVIEW_QUERIES = 8


def test_the_overview_costs_the_same_queries_with_one_visit_or_all_76(
    client, this_round, today, django_assert_num_queries
):
    boss = make_user("boss", Role.HEAD_INSPECTOR)
    visit = rounds.visit_save(
        visit=Visit(round=this_round, office_id=PHICHIT, starts_at=timezone.now()),
        user=boss,
        figures_as_of=today,
    )
    Directive.objects.create(visit=visit, text="ก", due_on=today - dt.timedelta(days=1))
    _overview_queries(client, this_round, boss, django_assert_num_queries, OVERVIEW_QUERIES)
    for office in Office.objects.exclude(pk=PHICHIT):
        made = Visit.objects.create(round=this_round, office=office, starts_at=timezone.now())
        VisitTopic.objects.bulk_create(
            VisitTopic(visit=made, topic=topic) for topic in this_round.topics.all()
        )
        Directive.objects.create(visit=made, text="ข", due_on=today)
    _overview_queries(client, this_round, boss, django_assert_num_queries, OVERVIEW_QUERIES)


def test_the_visit_page_costs_the_same_queries_however_many_directives(
    client, this_round, inspector18, today, django_assert_num_queries
):
    visit = visit_for_phichit(this_round, inspector18, today)
    client.force_login(inspector18)
    url = visit.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(9) as first:  # 8, and the report button's latest report
        client.get(url)
    for n in range(10):
        Directive.objects.create(visit=visit, text=f"ข้อ {n}", unit=MinistryUnit.objects.first())
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url)


@pytest.mark.parametrize("name", ["inspector16", "head_chiangrai", "unit_kyp", "member"])
def test_another_region_another_office_and_a_unit_get_404_for_all_of_the_visit(
    client, request, this_round, inspector18, today, name
):
    visit = visit_for_phichit(this_round, inspector18, today)
    report = visit.topic_reports.first()
    client.force_login(request.getfixturevalue(name))
    for method, url_name, kwargs in (
        ("get", "policy:visit", {"pk": visit.pk}),
        ("get", "policy:visit_edit", {"pk": visit.pk}),
        ("post", "policy:visit_record", {"pk": visit.pk}),
        ("post", "policy:visit_figures", {"pk": visit.pk}),
        ("post", "policy:visit_directive", {"pk": visit.pk}),
        ("post", "policy:topic_report", {"pk": visit.pk, "report_pk": report.pk}),
        ("post", "policy:topic_outcome", {"pk": visit.pk, "report_pk": report.pk}),
        ("get", "policy:visit_plan", {"pk": this_round.pk, "code": PHICHIT}),
    ):
        response = getattr(client, method)(reverse(url_name, kwargs=kwargs), {"text": "x"})
        assert response.status_code == 404, url_name
    assert not Directive.objects.exists()


@pytest.mark.parametrize("name", ["head_chiangrai", "unit_kyp", "member"])
def test_the_rounds_pages_are_the_ministrys(client, request, this_round, name):
    client.force_login(request.getfixturevalue(name))
    assert client.get(reverse("policy:rounds")).status_code == 404
    assert client.get(reverse("policy:round", kwargs={"pk": this_round.pk})).status_code == 404


def test_anonymous_is_sent_to_log_in(client, this_round):
    for url in (reverse("policy:rounds"), reverse("policy:round", kwargs={"pk": this_round.pk})):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.url


def test_the_round_list_counts_visits_and_overdue_directives(
    client, this_round, inspector18, today, django_assert_num_queries
):
    visit = visit_for_phichit(this_round, inspector18, today)
    Directive.objects.create(visit=visit, text="ก", due_on=today - dt.timedelta(days=3))
    client.force_login(inspector18)
    client.get(reverse("policy:rounds"))
    with django_assert_num_queries(2):
        page = client.get(reverse("policy:rounds")).content.decode()
    row = page.split(str(this_round))[1].split("</tr>")[0]
    assert 'badge text-bg-danger">1<' in row


def test_a_figures_date_outside_the_year_is_refused_and_nothing_changes(
    client, this_round, inspector18, today
):
    visit = visit_for_phichit(this_round, inspector18, today)
    client.force_login(inspector18)
    response = client.post(
        reverse("policy:visit_figures", kwargs={"pk": visit.pk}), {"as_of": "01/01/2560"}
    )
    assert response.status_code == 422
    assert f"ต้องอยู่ในปีงบประมาณ {this_round.fiscal_year}" in response.content.decode()
    assert FigureSnapshot.objects.filter(visit=visit).count() == 1
