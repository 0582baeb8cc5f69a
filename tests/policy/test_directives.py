"""The directives of the inspection rounds: the tracker, one directive and the progress its
assignee reports, the home panels and the menu.

Chiang Rai (57, region 16) and Phichit (66, region 18) each had a visit in round 1/2567; each
got a directive for the office and one for กยผ.; Chiang Rai one for SME D Bank (ธพว.) too.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.thaidates import format_be_date, format_be_numeric
from offices.models import Office, Role, User
from policy.models import Directive, DirectiveStatus, DirectiveUpdate
from tests.builders import (
    make_directive,
    make_round,
    make_unit_user,
    make_user,
    make_visit,
    report_progress,
    unit,
)
from tests.pages import page_texts

TODAY = timezone.localdate()
LATE = TODAY - dt.timedelta(days=10)
SOON = TODAY + dt.timedelta(days=20)
LATER = TODAY + dt.timedelta(days=90)

CR_OFFICE = "ซ่อมแซมบ้านพักเจ้าหน้าที่เชียงราย"
CR_KYP = "สรุปความต้องการงบประมาณของเชียงราย"
CR_SMED = "ประสานผู้กู้ในเชียงรายเพื่อปรับโครงสร้างหนี้"
PC_OFFICE = "จัดประชุมผู้ประกอบการพิจิตรเรื่อง iSingle Form"
PC_KYP = "จัดทำแผนงบประมาณของพิจิตร"
EVERY_TEXT = (CR_OFFICE, CR_KYP, CR_SMED, PC_OFFICE, PC_KYP)


@pytest.fixture
def unit_kyp(db) -> User:
    return make_unit_user("unit-kyp", "กยผ.", first_name="วิภา")


@pytest.fixture
def unit_smed(db) -> User:
    return make_unit_user("unit-smed", "ธพว.")


@pytest.fixture
def inspector18(db) -> User:
    person = make_user("inspector18", Role.INSPECTOR)
    person.regions.set([Office.objects.get(pk="66").region])
    return person


@pytest.fixture
def head_inspector(db) -> User:
    return make_user("head-inspector", Role.HEAD_INSPECTOR)


@pytest.fixture
def directives(db) -> dict[str, Directive]:
    round_2567 = make_round(2567, 1)
    round_2566 = make_round(2566, 1)
    chiang_rai = make_visit(round_2566, "57")
    phichit = make_visit(round_2567, "66")
    return {
        CR_OFFICE: make_directive(chiang_rai, CR_OFFICE, due_on=LATE),
        CR_KYP: make_directive(chiang_rai, CR_KYP, unit_code="กยผ.", due_on=SOON),
        CR_SMED: make_directive(
            chiang_rai,
            CR_SMED,
            unit_code="ธพว.",
            due_on=LATE,
            status=DirectiveStatus.DONE,
            evidence="หนังสือ ธพว. ที่ 123/2567",
        ),
        PC_OFFICE: make_directive(
            phichit, PC_OFFICE, due_on=LATER, status=DirectiveStatus.IN_PROGRESS
        ),
        PC_KYP: make_directive(phichit, PC_KYP, unit_code="กยผ.", due_on=LATE),
    }


def tracker(client, **params) -> str:
    return client.get(reverse("policy:directives"), params).content.decode()


def shown(body: str) -> set[str]:
    return {text for text in EVERY_TEXT if text in body}


def page_of(directive: Directive) -> str:
    return reverse("policy:directive", kwargs={"pk": directive.pk})


# --- who sees what ---------------------------------------------------------------------------


def test_it_shows_a_unit_its_own_directives_only(client, directives, unit_kyp):
    client.force_login(unit_kyp)
    assert shown(tracker(client)) == {CR_KYP, PC_KYP}
    assert client.get(page_of(directives[PC_KYP])).status_code == 200
    for other in (CR_OFFICE, CR_SMED, PC_OFFICE):
        assert client.get(page_of(directives[other])).status_code == 404


def test_it_shows_an_office_its_own_directives_whoever_must_act(client, directives, head, outsider):
    client.force_login(head)
    assert shown(tracker(client)) == {CR_OFFICE, CR_KYP, CR_SMED}
    assert client.get(page_of(directives[PC_OFFICE])).status_code == 404
    assert client.get(page_of(directives[PC_KYP])).status_code == 404
    client.force_login(outsider)
    assert shown(tracker(client)) == {PC_OFFICE, PC_KYP}
    assert client.get(page_of(directives[CR_OFFICE])).status_code == 404


def test_it_shows_an_inspector_their_regions_directives_only(
    client, directives, inspector, inspector18
):
    client.force_login(inspector)
    assert shown(tracker(client)) == {CR_OFFICE, CR_KYP, CR_SMED}
    assert client.get(page_of(directives[PC_OFFICE])).status_code == 404
    client.force_login(inspector18)
    assert shown(tracker(client)) == {PC_OFFICE, PC_KYP}
    assert client.get(page_of(directives[CR_KYP])).status_code == 404


def test_it_shows_the_head_inspector_and_executives_every_directive(
    client, directives, head_inspector, executive
):
    for person in (head_inspector, executive):
        client.force_login(person)
        assert shown(tracker(client)) == set(EVERY_TEXT)
        assert client.get(page_of(directives[PC_KYP])).status_code == 200


def test_it_sends_a_signed_out_visitor_to_the_login_page(client, directives):
    for url in (
        reverse("policy:directives"),
        reverse("policy:directives") + "?format=xlsx",
        page_of(directives[CR_OFFICE]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    response = client.post(
        page_of(directives[CR_OFFICE]), {"on": format_be_numeric(TODAY), "text": "x"}
    )
    assert response.status_code == 302
    assert not DirectiveUpdate.objects.exists()


# --- the tracker's filters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, set(EVERY_TEXT)),
        ({"assignee": "office"}, {CR_OFFICE, PC_OFFICE}),
        ({"assignee": "unit:กยผ."}, {CR_KYP, PC_KYP}),
        ({"assignee": "unit:ธพว."}, {CR_SMED}),
        ({"status": "done"}, {CR_SMED}),
        ({"status": "in_progress"}, {PC_OFFICE}),
        ({"status": "active"}, {CR_OFFICE, CR_KYP, PC_OFFICE, PC_KYP}),
        ({"due_from": format_be_numeric(TODAY)}, {CR_KYP, PC_OFFICE}),
        ({"due_to": format_be_numeric(TODAY)}, {CR_OFFICE, CR_SMED, PC_KYP}),
        (
            {"due_from": format_be_numeric(TODAY), "due_to": format_be_numeric(SOON)},
            {CR_KYP},
        ),
        ({"round": "2567"}, {PC_OFFICE, PC_KYP}),
        ({"region": "16"}, {CR_OFFICE, CR_KYP, CR_SMED}),
        ({"office": "66"}, {PC_OFFICE, PC_KYP}),
        ({"overdue": "on"}, {CR_OFFICE, PC_KYP}),
        ({"overdue": "on", "assignee": "office"}, {CR_OFFICE}),
    ],
)
def test_each_filter_changes_what_the_tracker_shows(
    client, directives, executive, params, expected
):
    # The test names rounds, regions and units as a person reads them; the form takes their keys.
    params = dict(params)
    if "assignee" in params and params["assignee"].startswith("unit:"):
        params["assignee"] = f"unit-{unit(params['assignee'].removeprefix('unit:')).pk}"
    if "round" in params:
        params["round"] = directives[PC_OFFICE].visit.round_id
    if "region" in params:
        params["region"] = Office.objects.get(pk="57").region_id
    client.force_login(executive)
    assert shown(tracker(client, **params)) == expected


def test_a_unit_narrows_its_directives_by_office_and_region(client, directives, unit_kyp):
    client.force_login(unit_kyp)
    body = tracker(client)
    assert 'name="assignee"' not in body  # their unit's directives are all they see
    assert shown(tracker(client, office="57")) == {CR_KYP}
    region18 = Office.objects.get(pk="66").region_id
    assert shown(tracker(client, region=region18)) == {PC_KYP}


def test_an_office_has_no_office_or_region_filter(client, directives, member):
    client.force_login(member)
    body = tracker(client)
    assert 'name="office"' not in body
    assert 'name="region"' not in body
    assert 'name="assignee"' in body


def test_a_mistyped_date_is_said_and_kept_and_the_rest_still_filters(client, directives, executive):
    client.force_login(executive)
    response = client.get(reverse("policy:directives"), {"due_from": "31/02/2567", "overdue": "on"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "กรุณากรอกวันที่เป็น วว/ดด/ปปปป ปีพุทธศักราช" in body
    assert 'value="31/02/2567"' in body
    assert shown(body) == {CR_OFFICE, PC_KYP}


def test_the_filters_swap_only_the_table_for_htmx(client, directives, executive):
    client.force_login(executive)
    response = client.get(
        reverse("policy:directives"), {"assignee": "office"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="directive-table">')
    assert "<html" not in body
    assert shown(body) == {CR_OFFICE, PC_OFFICE}


def test_it_lists_by_due_date_and_marks_the_overdue_in_words(client, directives, executive):
    client.force_login(executive)
    body = tracker(client, status="active")
    order = sorted((body.index(text), text) for text in (CR_OFFICE, CR_KYP, PC_OFFICE, PC_KYP))
    # Two due before today (by creation), then SOON, then LATER.
    assert [text for _i, text in order] == [CR_OFFICE, PC_KYP, CR_KYP, PC_OFFICE]
    rows = body.split('data-testid="directive-row"')[1:]
    late_rows = [row for row in rows if "เลยกำหนด 10 วัน" in row]
    assert len(late_rows) == 2
    assert all(CR_OFFICE in row or PC_KYP in row for row in late_rows)
    marked = [row for row in body.split("<tr") if "directive-overdue" in row.split(">")[0]]
    assert len(marked) == 2
    # A directive done after its due date is not overdue.
    done_row = next(row for row in tracker(client).split("<tr") if CR_SMED in row)
    assert "เลยกำหนด" not in done_row


def test_it_shows_the_due_date_and_the_latest_progress_in_the_buddhist_era(
    client, directives, executive, unit_kyp
):
    directive = directives[CR_KYP]
    report_progress(directive, unit_kyp, on=TODAY - dt.timedelta(days=40))
    report_progress(directive, unit_kyp, on=TODAY - dt.timedelta(days=3))
    client.force_login(executive)
    row = next(row for row in tracker(client).split("<tr") if CR_KYP in row)
    assert format_be_date(SOON) in row
    assert format_be_date(TODAY - dt.timedelta(days=3)) in row
    assert format_be_date(TODAY - dt.timedelta(days=40)) not in row
    assert "สอจ.เชียงราย" in row
    assert "รอบที่ 1/2566" in row
    assert "กยผ." in row


def test_it_exports_the_filtered_list_as_a_spreadsheet(client, directives, executive):
    directives[PC_KYP].text = '=HYPERLINK("http://x")'
    directives[PC_KYP].save()
    client.force_login(executive)
    response = client.get(reverse("policy:directives"), {"overdue": "on", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "ข้อสั่งการ"
    assert [row[0] for row in rows[1:]] == [CR_OFFICE, '=HYPERLINK("http://x")']
    assert rows[1][1] == "สอจ.เชียงราย"
    assert rows[1][4] == dt.datetime.combine(LATE, dt.time())
    assert rows[1][6] == 10  # days late
    assert rows[2][3].startswith("กยผ.")


def test_the_export_answers_only_what_the_person_sees(client, directives, unit_smed):
    client.force_login(unit_smed)
    response = client.get(reverse("policy:directives"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [CR_SMED]


def _add_directives(visits, count: int, start: int = 0) -> None:
    """``count`` more directives over ``visits``: every other one to กยผ., two in three
    overdue, each with a progress report."""
    for index in range(start, start + count):
        directive = make_directive(
            visits[index % len(visits)],
            f"ข้อสั่งการที่ {index}",
            unit_code="กยผ." if index % 2 else None,
            due_on=LATE if index % 3 else SOON,
        )
        report_progress(directive, None, on=TODAY)


@pytest.mark.parametrize("person", ["executive", "inspector", "head", "unit_kyp"])
def test_the_tracker_runs_the_same_queries_for_5_and_50_directives(
    db, client, request, person, django_assert_num_queries
):
    user = request.getfixturevalue(person)
    round_ = make_round(2568, 1)
    visits = [make_visit(round_, office) for office in ("57", "55", "66")]
    client.force_login(user)
    url = reverse("policy:directives")
    _add_directives(visits, 5)
    client.get(url)  # the session and the menu's counts go to the cache
    few, many = EXPECTED_QUERIES[person]
    with django_assert_num_queries(few):
        first = client.get(url)
    _add_directives(visits, 45, start=5)
    with django_assert_num_queries(many):
        second = client.get(url)
    assert 0 < first.context["page"].paginator.count < second.context["page"].paginator.count
    assert len(second.context["page"]) >= min(second.context["page"].paginator.count, 10)


# units (the assignee filter), rounds, offices and regions (one query), rows, and the count
# where the first page is full (the executive's 150 directives; a page that is not full is its
# own count); an inspector's regions are a subquery of the rows' and the offices'. An office's
# people have no office filter, a unit's no assignee filter but their unit's name in the title.
# For 5 directives a visit, then 50.
EXPECTED_QUERIES = {
    "executive": (4, 5),
    "inspector": (4, 4),
    "head": (3, 3),
    "unit_kyp": (4, 4),
}


# --- one directive and its progress --------------------------------------------------------------


def test_the_page_shows_the_directive_its_visit_and_its_dated_progress(
    client, directives, head, unit_smed
):
    directive = directives[CR_SMED]
    report_progress(directive, unit_smed, on=dt.date(2024, 5, 2), text="ประชุมผู้กู้ 12 ราย")
    client.force_login(head)
    body = client.get(page_of(directive)).content.decode()
    assert CR_SMED in body
    assert "รอบที่ 1/2566" in body
    assert "ธพว. ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย" in body
    assert format_be_date(LATE) in body
    assert "ดำเนินการแล้วเสร็จ" in body
    assert "หนังสือ ธพว. ที่ 123/2567" in body
    assert "2 พ.ค. 2567" in body
    assert "ประชุมผู้กู้ 12 ราย" in body
    # The office sees the bank's directive but does not report for the bank.
    assert 'name="text"' not in body


def test_the_page_links_to_the_visit_for_whoever_sees_the_visit(client, directives, head, unit_kyp):
    directive = directives[CR_KYP]
    visit_url = reverse("policy:visit", kwargs={"pk": directive.visit_id})
    client.force_login(head)
    body = client.get(page_of(directive)).content.decode()
    assert f'<a href="{visit_url}" data-testid="directive-visit-link">' in body
    assert client.get(visit_url).status_code == 200
    # The unit sees its directive, not the visit: its round and office are named, not linked.
    client.force_login(unit_kyp)
    body = client.get(page_of(directive)).content.decode()
    assert "รอบที่ 1/2566 · สอจ.เชียงราย" in body and visit_url not in body
    assert client.get(visit_url).status_code == 404


def test_the_page_marks_an_overdue_directive_in_words(client, directives, member):
    client.force_login(member)
    body = client.get(page_of(directives[CR_OFFICE])).content.decode()
    assert "เลยกำหนด 10 วัน" in body


def test_a_unit_reports_progress_that_changes_the_status_and_shows_dated(
    client, directives, unit_kyp
):
    directive = directives[PC_KYP]
    client.force_login(unit_kyp)
    day = TODAY - dt.timedelta(days=1)
    response = client.post(
        page_of(directive),
        {
            "on": format_be_numeric(day),
            "text": "ส่งแผนงบประมาณให้สำนักงบประมาณแล้ว",
            "status": "in_progress",
        },
        follow=True,
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == page_of(directive)
    assert "บันทึกความคืบหน้าแล้ว" in body
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.IN_PROGRESS
    entry = body.split('data-testid="directive-update"')[1]
    assert format_be_date(day) in entry
    assert "ส่งแผนงบประมาณให้สำนักงบประมาณแล้ว" in entry
    assert "วิภา" in entry
    # The tracker now shows the date of that report and the new status.
    row = next(row for row in tracker(client).split("<tr") if PC_KYP in row)
    assert format_be_date(day) in row
    assert "อยู่ระหว่างดำเนินการ" in row


def test_closing_without_evidence_is_refused_and_nothing_is_written(client, directives, unit_kyp):
    directive = directives[PC_KYP]
    client.force_login(unit_kyp)
    response = client.post(
        page_of(directive),
        {
            "on": format_be_numeric(TODAY),
            "text": "ดำเนินการครบแล้ว",
            "status": "done",
            "evidence": " ",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "กรุณาระบุหลักฐานการดำเนินการก่อนปิดข้อสั่งการ" in body
    assert "ดำเนินการครบแล้ว</textarea>" in body
    assert not DirectiveUpdate.objects.filter(directive=directive).exists()
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.OPEN
    assert directive.closed_on is None


def test_closing_with_evidence_closes_it_on_the_reported_day(client, directives, member):
    directive = directives[CR_OFFICE]
    client.force_login(member)
    day = TODAY - dt.timedelta(days=2)
    client.post(
        page_of(directive),
        {
            "on": format_be_numeric(day),
            "text": "ซ่อมหลังคาบ้านพักเสร็จแล้ว",
            "status": "done",
            "evidence": "รายงานผลการซ่อม เลขที่ ชร 0033/123",
        },
    )
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.DONE
    assert directive.closed_on == day
    body = client.get(page_of(directive)).content.decode()
    assert "รายงานผลการซ่อม เลขที่ ชร 0033/123" in body
    assert "เลยกำหนด" not in body
    assert shown(tracker(client, overdue="on")) == set()


def test_a_cancelled_directive_is_not_reopened_by_a_progress_report(client, directives, member):
    directive = directives[CR_OFFICE]
    directive.status = DirectiveStatus.CANCELLED
    directive.save()
    client.force_login(member)
    body = client.get(page_of(directive)).content.decode()
    assert "ข้อสั่งการนี้ถูกยกเลิกแล้ว จึงไม่รับรายงานความคืบหน้า" in body
    assert 'name="text"' not in body
    # A report sent all the same (an old tab, a second window) is refused, in Thai.
    for status, evidence in (("in_progress", ""), ("open", ""), ("done", "หนังสือแจ้งผล")):
        response = client.post(
            page_of(directive),
            {
                "on": format_be_numeric(TODAY),
                "text": "เริ่มดำเนินการใหม่",
                "status": status,
                "evidence": evidence,
            },
        )
        assert response.status_code == 200
        assert "ข้อสั่งการนี้ถูกยกเลิกแล้ว จึงรายงานความคืบหน้าหรือเปิดข้อสั่งการใหม่ไม่ได้" in (
            response.content.decode()
        )
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.CANCELLED
    assert directive.closed_on is None and directive.evidence == ""
    assert not DirectiveUpdate.objects.filter(directive=directive).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"on": "", "text": "x", "status": "in_progress"}, "กรุณาระบุวันที่รายงาน"),
        ({"on": "32/01/2569", "text": "x", "status": "in_progress"}, "กรุณากรอกวันที่เป็น วว/ดด/ปปปป"),
        ({"on": "TOMORROW", "text": "x", "status": "in_progress"}, "วันที่รายงานต้องไม่เกินวันนี้"),
        ({"on": "TODAY", "text": "", "status": "in_progress"}, "กรุณาระบุความคืบหน้าที่ดำเนินการ"),
        ({"on": "TODAY", "text": "x", "status": "bogus"}, "กรุณาเลือกสถานะจากรายการ"),
    ],
)
def test_bad_progress_is_refused_in_thai_and_nothing_is_written(
    client, directives, member, data, message
):
    days = {"TODAY": TODAY, "TOMORROW": TODAY + dt.timedelta(days=1)}
    data = {**data, "on": format_be_numeric(days[data["on"]]) if data["on"] in days else data["on"]}
    client.force_login(member)
    response = client.post(page_of(directives[CR_OFFICE]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DirectiveUpdate.objects.exists()


def test_only_who_must_act_may_report(client, directives, member, unit_smed, outsider):
    # The office sees the unit's directive but may not report for it; another unit does not
    # even see it.
    client.force_login(member)
    data = {"on": format_be_numeric(TODAY), "text": "x", "status": "in_progress"}
    assert client.post(page_of(directives[CR_KYP]), data).status_code == 403
    client.force_login(unit_smed)
    assert client.post(page_of(directives[CR_KYP]), data).status_code == 404
    client.force_login(outsider)
    assert client.post(page_of(directives[CR_OFFICE]), data).status_code == 404
    assert not DirectiveUpdate.objects.exists()


def test_the_regions_inspector_may_report_too(client, directives, inspector):
    client.force_login(inspector)
    assert 'name="text"' in client.get(page_of(directives[CR_KYP])).content.decode()


# --- home and menu ---------------------------------------------------------------------------


def test_a_units_home_page_lists_its_open_directives_and_the_overdue_count(
    client, directives, unit_kyp
):
    client.force_login(unit_kyp)
    body = client.get(reverse("core:home")).content.decode()
    panel = body.split('data-testid="home-directives"')[1].split("</section>")[0]
    assert "ข้อสั่งการที่มอบหมายให้ กยผ." in panel
    assert "ยังไม่แล้วเสร็จ 2 ข้อ" in panel
    assert "เลยกำหนด 1 ข้อ" in panel
    assert PC_KYP in panel and CR_KYP in panel
    assert panel.index(PC_KYP) < panel.index(CR_KYP)  # the overdue one first


def test_an_offices_home_page_lists_what_the_office_must_do(client, directives, head, outsider):
    # The head lands on the office dashboard; the office's desk keeps the home panels.
    client.force_login(head)
    panel = (
        client.get(reverse("core:desk")).content.decode().split('data-testid="home-directives"')[1]
    )
    panel = panel.split("</section>")[0]
    assert "ข้อสั่งการที่ต้องดำเนินการ" in panel
    assert CR_OFFICE in panel
    assert CR_KYP not in panel  # กยผ. acts on that one
    assert "เลยกำหนด 1 ข้อ" in panel
    client.force_login(outsider)
    panel = (
        client.get(reverse("core:home")).content.decode().split('data-testid="home-directives"')[1]
    )
    assert PC_OFFICE in panel.split("</section>")[0]
    assert "เลยกำหนด" not in panel.split("</section>")[0]


def test_the_home_panel_counts_every_open_directive_and_lists_five(client, unit_smed):
    round_ = make_round(2567, 1)
    visits = [make_visit(round_, office) for office in ("57", "66", "62", "60")]
    for index in range(8):
        make_directive(
            visits[index % 4],
            f"งานของธนาคารข้อ {index}",
            unit_code="ธพว.",
            due_on=LATE if index < 3 else SOON,
            status=DirectiveStatus.DONE if index == 7 else DirectiveStatus.OPEN,
            evidence="หนังสือแจ้งผล" if index == 7 else "",
        )
    client.force_login(unit_smed)
    body = client.get(reverse("core:home")).content.decode()
    panel = body.split('data-testid="home-directives"')[1].split("</section>")[0]
    assert "ยังไม่แล้วเสร็จ 7 ข้อ" in panel
    assert "เลยกำหนด 3 ข้อ" in panel
    assert panel.count("งานของธนาคารข้อ") == 5
    assert "ดูทั้งหมด" in panel
    assert "งานของธนาคารข้อ 7" not in panel


def test_the_home_panel_is_for_offices_and_units_only(client, directives, executive):
    client.force_login(executive)
    assert 'data-testid="home-directives"' not in client.get(reverse("core:home")).content.decode()


def menu(client) -> str:
    body = client.get(reverse("core:home")).content.decode()
    return body.split('data-testid="main-nav"')[1].split("<!-- /main-nav -->")[0]


def test_the_menu_gives_each_role_its_directives_and_visits(
    client, unit_kyp, member, inspector, executive
):
    client.force_login(unit_kyp)
    nav = menu(client)
    assert reverse("policy:directives") in nav
    for absent in ("ทะเบียนโรงงาน", "แผนการตรวจ", "การตรวจราชการของสำนักงาน"):
        assert absent not in nav
    client.force_login(member)
    nav = menu(client)
    assert reverse("policy:directives") in nav
    assert "การตรวจราชการของสำนักงาน" in nav
    for person in (inspector, executive):
        client.force_login(person)
        nav = menu(client)
        assert reverse("policy:directives") in nav
        assert reverse("policy:my_visits") in nav


# --- its history -------------------------------------------------------------------------------


def history_of(directive: Directive) -> str:
    return reverse("policy:directive_history", kwargs={"pk": directive.pk})


def test_the_history_shows_who_reported_what_and_the_status_it_changed(
    client, directives, unit_kyp, member, django_assert_num_queries
):
    directive = directives[PC_KYP]
    client.force_login(unit_kyp)
    day = TODAY - dt.timedelta(days=1)
    for text in ("ส่งแผนงบประมาณแล้ว", "สำนักงบประมาณรับแผนแล้ว"):  # two reports in a minute
        client.post(
            page_of(directive),
            {"on": format_be_numeric(day), "text": text, "status": "in_progress"},
        )
    page = page_texts(client.get(page_of(directive)))
    assert page.texts["history-link"] == "ประวัติการแก้ไข"

    client.get(history_of(directive))  # the menu's counts are cached by the first page
    with django_assert_num_queries(3):  # the directive, its versions, its reports'
        response = client.get(history_of(directive))
    entries = page_texts(response).all("history-entry")
    assert len(entries) == 3
    changed, reported, created = (entry.split(" · ", 1)[1] for entry in entries)
    assert changed.startswith("แก้ไข · บันทึก 2 ครั้ง · วิภา")
    assert "สถานะ: ยังไม่เริ่มดำเนินการ เป็น อยู่ระหว่างดำเนินการ" in changed
    assert reported.startswith("สร้าง · ความคืบหน้า · บันทึก 2 ครั้ง · วิภา")
    assert f"วันที่: – เป็น {format_be_date(day)}" in reported
    assert "ความคืบหน้า: – เป็น ส่งแผนงบประมาณแล้ว" in reported
    assert "ความคืบหน้า: – เป็น สำนักงบประมาณรับแผนแล้ว" in reported
    assert created.startswith("สร้าง · ระบบ")
    assert all(entry.startswith(f"{format_be_date(TODAY)} ") for entry in entries)

    for n in range(30):  # however many reports: the same queries
        report_progress(directive, None, on=day, text=f"รายงานครั้งที่ {n}")
    with django_assert_num_queries(3):
        client.get(history_of(directive))

    client.force_login(member)  # Chiang Rai's officer does not see Phichit's directive
    assert client.get(history_of(directive)).status_code == 404
    client.logout()
    response = client.get(history_of(directive))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
