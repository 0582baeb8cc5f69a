"""The reports of the inspection rounds: a visit's report (PDF) and a round's summary across its
offices (PDF and XLSX), read back as a person reads them, asked for from the visit page and the
round overview, and hidden from whoever does not oversee what they cover.

Phichit (66, region 18) had an online visit in round 1 of this fiscal year: three risky
factories, one inspected (33.3 %), the office's facts of the year, its report on topic 2, the
meeting's findings, and two directives, one of them overdue.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.models import ReportRequest, ReportStatus
from core.reports import report_request_create
from core.spreadsheets import BE_DATE_FORMAT
from core.thaidates import current_fiscal_year, fiscal_year_range, format_be_date
from offices.models import HousingCondition, Office, OfficeYear, Role, User
from policy import rounds
from policy.models import DirectiveStatus, InspectionRound, Visit
from policy.reports import round_summary_pdf, round_summary_xlsx, visit_report_pdf
from tests.builders import (
    inspect,
    make_directive,
    make_round,
    make_unit_user,
    make_user,
    make_visit,
    risky_factory,
)
from tests.pdfs import assert_set_in_sarabun, first_page_ink, pdf_text, squeezed

PHICHIT, CHIANG_RAI = "66", "57"
REGION_18 = {"60", "61", "62", "66"}  # นครสวรรค์ อุทัยธานี กำแพงเพชร พิจิตร
TOPICS = (
    ("ตรวจกำกับโรงงานเสี่ยงให้ครบ", "inspection_coverage"),
    ("การจัดการกากอุตสาหกรรม", ""),
    ("อุตสาหกรรมสีเขียว", "gi_certified"),
)
OFFICE_DIRECTIVE = "ตรวจกำกับโรงงานเสี่ยงที่เหลือให้ครบภายในไตรมาสนี้"
UNIT_DIRECTIVE = "จัดสรรงบซ่อมแซมบ้านพักเจ้าหน้าที่พิจิตร"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def this_round(db) -> InspectionRound:
    year = current_fiscal_year()
    start, end = fiscal_year_range(year)
    return make_round(year, 1, topics=TOPICS, starts_on=start, ends_on=end)


@pytest.fixture
def inspector18(db) -> User:
    user = make_user("inspector18", Role.INSPECTOR, first_name="วิมล")
    user.regions.set([Office.objects.get(pk=PHICHIT).region])
    return user


@pytest.fixture
def inspector16(db) -> User:
    user = make_user("inspector16", Role.INSPECTOR)
    user.regions.set([Office.objects.get(pk=CHIANG_RAI).region])
    return user


@pytest.fixture
def head_phichit(db) -> User:
    return make_user("head.phichit", Role.HEAD, PHICHIT)


@pytest.fixture
def head_chiangrai(db) -> User:
    return make_user("head.chiangrai", Role.HEAD, CHIANG_RAI)


@pytest.fixture
def unit_kyp(db) -> User:
    return make_unit_user("unit-kyp", "กยผ.")


@pytest.fixture
def head_inspector(db) -> User:
    return make_user("head-inspector", Role.HEAD_INSPECTOR)


@pytest.fixture
def visit(this_round, inspector18, today) -> Visit:
    first = risky_factory("โรงงานพิจิตร 1", province=PHICHIT)
    risky_factory("โรงงานพิจิตร 2", province=PHICHIT)
    risky_factory("โรงงานพิจิตร 3", province=PHICHIT)
    inspect(first, make_user("officer.phichit", Role.OFFICER, PHICHIT), on=this_round.starts_on)
    visit = rounds.visit_save(
        visit=Visit(
            round=this_round,
            office_id=PHICHIT,
            starts_at=timezone.make_aware(dt.datetime.combine(today, dt.time(13, 30))),
            mode="online",
            meeting_link="https://zoom.us/j/2567015001",
            lead_kind="head_inspector",
            lead_name="นายวิษณุ ทับเที่ยง",
            ministry_team="นางสาวอรุณี ตรวจการ\nนายประเสริฐ งานดี",
            office_people="นายสมปอง หวังรุ่งวิชัยศรี อุตสาหกรรมจังหวัดพิจิตร",
            other_agencies="ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 3",
        ),
        user=inspector18,
        figures_as_of=today,
    )
    OfficeYear.objects.create(
        office_id=PHICHIT,
        fiscal_year=this_round.fiscal_year,
        staff_count=24,
        budget_received=Decimal("1200000"),
        budget_spent=Decimal("300000"),
        housing_condition=HousingCondition.NEEDS_REPAIR,
        problems="รถตรวจการมีไม่พอ\nอัตรากำลังวิศวกรไม่ครบ",
    )
    waste = visit.topic_reports.get(topic__order=2)
    waste.office_report = "กำกับกากอุตสาหกรรม 42 โรงงาน"
    waste.findings = "ยังมีโรงงานที่ไม่ส่งรายงานกาก"
    waste.recommendations = "ประชาสัมพันธ์ประกาศกระทรวงฉบับใหม่"
    waste.save()
    make_directive(visit, OFFICE_DIRECTIVE, due_on=today - dt.timedelta(days=3))
    make_directive(visit, UNIT_DIRECTIVE, unit_code="กยผ.", due_on=today + dt.timedelta(days=30))
    return visit


def request_url(kind: str, pk: int) -> str:
    return reverse("core:report_request", kwargs={"kind": kind, "pk": pk})


def ask(client, user, kind: str, pk: int, capture, **data) -> ReportRequest:
    """Ask for the report as the page's button does and let the worker build it."""
    client.force_login(user)
    with capture(execute=True):
        response = client.post(request_url(kind, pk), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    report = ReportRequest.objects.filter(requested_by=user, kind=kind).latest("pk")
    assert report.status == ReportStatus.DONE, report.error
    return report


def download(client, report: ReportRequest):
    return client.get(reverse("core:report_download", kwargs={"pk": report.pk}))


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


# --- the visit's report ---------------------------------------------------------------------------


def test_the_visit_report_reads_back_as_the_visit_was_recorded(visit, today):
    content = visit_report_pdf(visit.pk, {})
    text = pdf_text(content)
    for expected in (
        "รายงานผลการตรวจราชการ",
        "สำนักงานอุตสาหกรรมจังหวัดพิจิตร",
        f"การตรวจราชการ รอบที่ 1/{visit.round.fiscal_year}",
        f"{format_be_date(visit.starts_at, long=True)} เวลา 13:30 น.",
        "ผ่านระบบออนไลน์",
        "หัวหน้าผู้ตรวจราชการกระทรวง: นายวิษณุ ทับเที่ยง",
        "นางสาวอรุณี ตรวจการ",
        "นายสมปอง หวังรุ่งวิชัยศรี อุตสาหกรรมจังหวัดพิจิตร",
        "ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 3",
        # The office's year.
        "24 คน",
        "1,200,000 บาท",
        "300,000 บาท (ร้อยละ 25.0)",
        "ต้องซ่อมแซม",
        "รถตรวจการมีไม่พอ",
        # Every topic in order, with its frozen figure as of its date.
        f"ข้อมูล ณ วันที่ {format_be_date(today, long=True)}",
        "1. ตรวจกำกับโรงงานเสี่ยงให้ครบ",
        "ร้อยละ 33.3 (1 / 3)",
        "2. การจัดการกากอุตสาหกรรม",
        "กำกับกากอุตสาหกรรม 42 โรงงาน",
        "ยังมีโรงงานที่ไม่ส่งรายงานกาก",
        "ประชาสัมพันธ์ประกาศกระทรวงฉบับใหม่",
        "3. อุตสาหกรรมสีเขียว",
        # The directives: text, assignee, due date and status.
        "ข้อสั่งการ (2 ข้อ)",
        OFFICE_DIRECTIVE,
        format_be_date(today - dt.timedelta(days=3)),
        "ยังไม่เริ่มดำเนินการ (เกินกำหนด)",
        UNIT_DIRECTIVE,
        "กยผ.",
        format_be_date(today + dt.timedelta(days=30)),
        "ลงชื่อ",
    ):
        assert squeezed(expected) in text, expected
    # The topics come in their order.
    assert text.index(squeezed("1. ตรวจกำกับ")) < text.index(squeezed("2. การจัดการ"))
    assert text.index(squeezed("2. การจัดการ")) < text.index(squeezed("3. อุตสาหกรรมสีเขียว"))


def test_the_visit_report_is_set_in_sarabun_and_draws_its_first_page(visit):
    content = visit_report_pdf(visit.pk, {})
    assert content.startswith(b"%PDF")
    assert_set_in_sarabun(content)
    assert first_page_ink(content) > 0.01


def test_the_visit_report_says_what_the_office_has_not_reported(this_round, today):
    bare = make_visit(this_round, CHIANG_RAI, status="planned")
    text = pdf_text(visit_report_pdf(bare.pk, {}))
    assert squeezed("สำนักงานยังไม่ได้รายงานข้อมูลของปีงบประมาณนี้") in text
    assert squeezed("สำนักงานยังไม่ได้รายงาน") in text
    assert squeezed("ยังไม่ได้ดึงตัวเลขจากระบบ") in text
    assert squeezed("ไม่มีข้อสั่งการ") in text


def test_the_visit_page_asks_for_its_report_and_hands_it_to_the_office(
    client, visit, head_phichit, django_capture_on_commit_callbacks
):
    client.force_login(head_phichit)
    page = client.get(visit.get_absolute_url()).content.decode()
    assert request_url("visit_report", visit.pk) in page
    assert "รายงานการตรวจราชการ PDF" in page
    report = ask(client, head_phichit, "visit_report", visit.pk, django_capture_on_commit_callbacks)
    assert report.office_id == PHICHIT
    assert report.title.startswith(f"รายงานการตรวจราชการ สอจ.พิจิตร รอบที่ 1/{visit.round.fiscal_year}")
    # The page now shows the report's link, and the link gives the PDF.
    page = client.get(visit.get_absolute_url()).content.decode()
    assert reverse("core:report_download", kwargs={"pk": report.pk}) in page
    response = download(client, report)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    assert squeezed(OFFICE_DIRECTIVE) in text


@pytest.mark.parametrize("name", ["inspector16", "head_chiangrai", "unit_kyp"])
def test_another_region_another_office_and_a_unit_get_404_for_the_visit_report(
    client, request, visit, inspector18, name, django_capture_on_commit_callbacks
):
    done = ask(client, inspector18, "visit_report", visit.pk, django_capture_on_commit_callbacks)
    client.force_login(request.getfixturevalue(name))
    assert client.post(request_url("visit_report", visit.pk)).status_code == 404
    assert download(client, done).status_code == 404
    assert client.get(reverse("core:report_status", kwargs={"pk": done.pk})).status_code == 404
    assert ReportRequest.objects.count() == 1


# --- the round's summary ------------------------------------------------------------------------


@pytest.fixture
def summary_round(this_round, visit, today) -> InspectionRound:
    """Besides Phichit, Chiang Rai's visit is planned, and นครสวรรค์ (region 18) has none."""
    make_visit(this_round, CHIANG_RAI, status="planned", on=today + dt.timedelta(days=7))
    return this_round


def test_the_round_summary_pdf_lists_every_office_with_its_visit_and_figures(
    summary_round, visit, today
):
    content = round_summary_pdf(summary_round.pk, {"regions": None})
    text = pdf_text(content)
    for expected in (
        f"สรุปผลการตรวจราชการ รอบที่ 1/{summary_round.fiscal_year}",
        "ทุกสำนักงาน",
        "สำนักงาน 76 แห่ง · นัดหมายแล้ว 2 · ตรวจแล้ว 0 · ข้อสั่งการค้าง 2 · เกินกำหนด 1",
        "1. ตรวจกำกับโรงงานเสี่ยงให้ครบ",
        "2. การจัดการกากอุตสาหกรรม",
        "3. อุตสาหกรรมสีเขียว",
        "สอจ.พิจิตร",
        "สอจ.เชียงราย",
        "สอจ.นครสวรรค์",
        "ตัวเลขรายประเด็น (ร้อยละ)",
        "ประเด็น 1",
        "ประเด็น 3",
        format_be_date(visit.starts_at),
        format_be_date(today + dt.timedelta(days=7)),
        "ยังไม่นัดหมาย",
    ):
        assert squeezed(expected) in text, expected
    assert squeezed("ประเด็น 2") not in text  # a topic without a KPI has no figure column
    # Phichit's row: planned on its day, 1 of 3 topics reported, 2 directives open, 1
    # overdue, and its coverage as frozen.
    row = text.split(squeezed("สอจ.พิจิตร"))[1][:80]
    assert row.startswith(squeezed("18 นัดหมายแล้ว")), row
    # Topic 3: no factory is green yet, 0 of the 3.
    assert squeezed("1/3 2 1 33.3 1/3 0.0 0/3") in row, row
    assert_set_in_sarabun(content)
    assert first_page_ink(content) > 0.01


def _rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_round_summary_spreadsheet_has_a_row_per_office_and_every_directive(
    summary_round, visit, today
):
    book = workbook(round_summary_xlsx(summary_round.pk, {"regions": None}))
    assert book.sheetnames == ["สรุปรายสำนักงาน", "ข้อสั่งการ"]
    offices = book["สรุปรายสำนักงาน"]
    rows = _rows(offices)
    assert rows[0][:11] == [
        "รหัสจังหวัด",
        "สำนักงาน",
        "เขตตรวจราชการ",
        "สถานะการตรวจ",
        "วันที่ตรวจ",
        "รูปแบบ",
        "ประเด็นที่รายงานแล้ว",
        "ประเด็นทั้งหมด",
        "ข้อสั่งการค้าง",
        "ข้อสั่งการเกินกำหนด",
        "ตัวเลข ณ วันที่",
    ]
    assert rows[0][11:] == [
        "ประเด็นที่ 1 ร้อยละ",
        "ประเด็นที่ 1 ผลงาน",
        "ประเด็นที่ 1 ฐาน",
        "ประเด็นที่ 3 ร้อยละ",
        "ประเด็นที่ 3 ผลงาน",
        "ประเด็นที่ 3 ฐาน",
    ]
    assert len(rows) == 1 + 76
    by_code = {row[0]: row for row in rows[1:]}
    phichit = by_code[PHICHIT]
    assert phichit[1:4] == ["สำนักงานอุตสาหกรรมจังหวัดพิจิตร", 18, "นัดหมายแล้ว"]
    assert phichit[4].date() == today and phichit[5] == "ผ่านระบบออนไลน์"
    assert phichit[6:10] == [1, 3, 2, 1]
    assert phichit[10].date() == today
    assert phichit[11:14] == [33.3, 1, 3]
    assert by_code["60"][3] == "ยังไม่นัดหมาย" and by_code["60"][4] is None
    # Dates are real dates shown in the Buddhist Era.
    row_number = [row[0] for row in rows].index(PHICHIT) + 1
    assert offices.cell(row=row_number, column=5).number_format == BE_DATE_FORMAT

    directives = _rows(book["ข้อสั่งการ"])
    assert directives[0] == [
        "สำนักงาน",
        "เขตตรวจราชการ",
        "ประเด็น",
        "ข้อสั่งการ",
        "ผู้รับผิดชอบ",
        "กำหนดเสร็จ",
        "สถานะ",
        "เกินกำหนด",
        "ปิดเมื่อ",
        "หลักฐานการดำเนินการ",
    ]
    by_text = {row[3]: row for row in directives[1:]}
    assert set(by_text) == {OFFICE_DIRECTIVE, UNIT_DIRECTIVE}
    late = by_text[OFFICE_DIRECTIVE]
    assert late[:2] == ["สำนักงานอุตสาหกรรมจังหวัดพิจิตร", 18]
    assert late[4] == "สอจ.พิจิตร"
    assert late[5].date() == today - dt.timedelta(days=3)
    assert late[6:8] == ["ยังไม่เริ่มดำเนินการ", "เกินกำหนด"]
    assert by_text[UNIT_DIRECTIVE][4].startswith("กยผ. ")
    assert by_text[UNIT_DIRECTIVE][7] is None


def test_the_overview_asks_for_a_summary_of_the_inspectors_own_region(
    client, summary_round, inspector18, django_capture_on_commit_callbacks
):
    client.force_login(inspector18)
    page = client.get(reverse("policy:round", kwargs={"pk": summary_round.pk})).content.decode()
    assert request_url("round_summary_pdf", summary_round.pk) in page
    assert request_url("round_summary_xlsx", summary_round.pk) in page
    report = ask(
        client,
        inspector18,
        "round_summary_xlsx",
        summary_round.pk,
        django_capture_on_commit_callbacks,
    )
    region = Office.objects.get(pk=PHICHIT).region_id
    assert report.params == {"regions": [region]}
    assert "เขตตรวจราชการที่ 18" in report.title
    assert report.filename == f"round-{summary_round.fiscal_year}-1-summary-region-18.xlsx"
    response = download(client, report)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = workbook(b"".join(response.streaming_content))
    codes = {row[0] for row in _rows(book["สรุปรายสำนักงาน"])[1:]}
    assert codes == REGION_18  # no Chiang Rai, region 16
    pdf = ask(
        client,
        inspector18,
        "round_summary_pdf",
        summary_round.pk,
        django_capture_on_commit_callbacks,
    )
    text = pdf_text(b"".join(download(client, pdf).streaming_content))
    assert squeezed("สอจ.พิจิตร") in text and squeezed("สอจ.นครสวรรค์") in text
    assert squeezed("สอจ.เชียงราย") not in text


def test_the_summary_follows_the_overviews_region_filter(
    client, summary_round, head_inspector, django_capture_on_commit_callbacks
):
    region = Office.objects.get(pk=PHICHIT).region_id
    client.force_login(head_inspector)
    url = reverse("policy:round", kwargs={"pk": summary_round.pk})
    filtered = client.get(url, {"region": region}, headers={"HX-Request": "true"})
    assert f'<input type="hidden" name="region" value="{region}">' in filtered.content.decode()
    report = ask(
        client,
        head_inspector,
        "round_summary_xlsx",
        summary_round.pk,
        django_capture_on_commit_callbacks,
        region=str(region),
    )
    assert report.params == {"regions": [region]}
    book = workbook(b"".join(download(client, report).streaming_content))
    assert {row[0] for row in _rows(book["สรุปรายสำนักงาน"])[1:]} == REGION_18
    # Without the filter, the whole nation.
    national = ask(
        client,
        head_inspector,
        "round_summary_xlsx",
        summary_round.pk,
        django_capture_on_commit_callbacks,
    )
    assert national.params == {"regions": None}
    assert national.filename.endswith("-all.xlsx")


def test_another_regions_inspector_gets_404_for_a_summary_of_a_region_not_theirs(
    client, summary_round, inspector18, inspector16, django_capture_on_commit_callbacks
):
    done = ask(
        client,
        inspector18,
        "round_summary_pdf",
        summary_round.pk,
        django_capture_on_commit_callbacks,
    )
    client.force_login(inspector16)
    assert download(client, done).status_code == 404
    assert client.get(reverse("core:report_status", kwargs={"pk": done.pk})).status_code == 404
    assert client.post(reverse("core:report_retry", kwargs={"pk": done.pk})).status_code == 404
    # Their own summary covers their own region only.
    own = report_request_create(user=inspector16, kind="round_summary_pdf", pk=summary_round.pk)
    assert own.params == {"regions": [Office.objects.get(pk=CHIANG_RAI).region_id]}
    # A region asked for that is not theirs gives no office of it.
    other = report_request_create(
        user=inspector16,
        kind="round_summary_xlsx",
        pk=summary_round.pk,
        data={"region": str(Office.objects.get(pk=PHICHIT).region_id)},
    )
    assert other.params == {"regions": []}


@pytest.mark.parametrize("name", ["head_chiangrai", "head_phichit", "unit_kyp"])
def test_an_office_or_a_unit_gets_404_for_the_round_summary(
    client, request, summary_round, head_inspector, name, django_capture_on_commit_callbacks
):
    done = ask(
        client,
        head_inspector,
        "round_summary_xlsx",
        summary_round.pk,
        django_capture_on_commit_callbacks,
    )
    client.force_login(request.getfixturevalue(name))
    for kind in ("round_summary_pdf", "round_summary_xlsx"):
        assert client.post(request_url(kind, summary_round.pk)).status_code == 404
    assert download(client, done).status_code == 404
    assert ReportRequest.objects.count() == 1


def test_a_summary_of_the_nation_is_the_head_inspectors_not_an_inspectors(
    client, summary_round, head_inspector, inspector18, django_capture_on_commit_callbacks
):
    done = ask(
        client,
        head_inspector,
        "round_summary_pdf",
        summary_round.pk,
        django_capture_on_commit_callbacks,
    )
    client.force_login(inspector18)
    assert download(client, done).status_code == 404


def test_a_closed_directive_reads_as_closed_in_the_summary(summary_round, visit, today):
    directive = visit.directives.get(text=OFFICE_DIRECTIVE)
    directive.status = DirectiveStatus.DONE
    directive.closed_on = today
    directive.evidence = "รายงานผลการตรวจ 3 โรงงาน"
    directive.save()
    book = workbook(round_summary_xlsx(summary_round.pk, {"regions": None}))
    row = next(r for r in _rows(book["ข้อสั่งการ"]) if r[3] == OFFICE_DIRECTIVE)
    assert row[6:8] == ["ดำเนินการแล้วเสร็จ", None]
    assert row[8].date() == today and row[9] == "รายงานผลการตรวจ 3 โรงงาน"
    phichit = next(r for r in _rows(book["สรุปรายสำนักงาน"]) if r[0] == PHICHIT)
    assert phichit[8:10] == [1, 0]
