"""The office head's KPI dashboard: the KPI figures against their targets, the records behind a
number, the XLSX of the table, the fiscal-year selector, its query count and who may see it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.thaidates import current_fiscal_year
from factories.models import Complaint
from policy.dashboards import figures_changed
from policy.models import DirectiveStatus
from tests.builders import (
    in_current_year,
    inspect,
    make_directive,
    make_round,
    make_user,
    make_visit,
    risky_factory,
)
from tests.pages import page_texts

pytestmark = pytest.mark.django_db


def dashboard(code: str = "57", **query: str) -> str:
    url = reverse("policy:office_dashboard", kwargs={"code": code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def head(db):
    return make_user("head-57", "head", "57")


@pytest.fixture
def world(head):
    """Three risky factories of Chiang Rai, two of them inspected (approved) this year, and one
    of Phichit inspected too: coverage 2 of 3 for Chiang Rai."""
    officer = make_user("officer-57", "officer", "57")
    factories = [risky_factory(f"โรงงานเสี่ยง {n}") for n in range(3)]
    inspect(factories[0], officer)
    inspect(factories[1], officer)
    inspect(risky_factory("โรงงานพิจิตร", province="66"), officer)
    return factories


def test_head_sees_each_kpi_against_its_target(client, head, world):
    client.force_login(head)
    texts = page_texts(client.get(dashboard())).texts
    # By hand: 2 of the 3 risky factories inspected = 66.7%.
    assert texts["value-inspection_coverage"] == "66.7"
    assert texts["numerator-inspection_coverage"] == "2"
    assert texts["denominator-inspection_coverage"] == "3"
    assert texts["not-inspected"] == "1"
    # No factory registered in I-Industry: 0% against 100% is behind.
    assert texts["value-i_industry"] == "0.0"
    assert texts["state-i_industry"] == "ต่ำกว่าเป้า"
    assert texts["state-mind_balanced"] == "ไม่มีข้อมูล"
    assert texts["dashboard-year"] == f"ปีงบประมาณ {current_fiscal_year()}"


def test_a_state_is_told_by_its_colour_too(client, head, world):
    client.force_login(head)
    body = client.get(dashboard()).content.decode()
    assert 'class="badge text-bg-danger" data-testid="state-i_industry">ต่ำกว่าเป้า' in body
    assert 'class="badge text-bg-secondary" data-testid="state-mind_balanced">ไม่มีข้อมูล' in body


def test_a_number_links_to_the_records_behind_it(client, head, world):
    client.force_login(head)
    url = reverse("policy:kpi_records", kwargs={"code": "57", "kpi_code": "inspection_coverage"})
    page = page_texts(client.get(f"{url}?fy={current_fiscal_year()}&which=missing"))
    (missing,) = page.all("record")
    assert "โรงงานเสี่ยง 2" in missing
    numerator = page_texts(client.get(f"{url}?which=numerator"))
    assert numerator.texts["record-count"] == "2"
    assert not any("พิจิตร" in text for text in numerator.all("record"))


def test_the_kpi_table_downloads_as_xlsx(client, head, world):
    client.force_login(head)
    response = client.get(dashboard(format="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    _name, value, numerator, denominator, target, _direction, _state = rows[
        "ความครอบคลุมการตรวจโรงงานที่มีความเสี่ยง"
    ]
    assert (value, numerator, denominator, target) == (66.7, 2, 3, 100)
    assert rows["โรงงานที่ลงทะเบียน I-Industry"][6] == "ต่ำกว่าเป้า"


def test_each_panel_of_the_dashboard_is_a_sheet_of_its_xlsx(client, head, world):
    make_directive(make_visit(make_round(), "57"), "ส่งรายงานผลการตรวจ", due_on=dt.date(2024, 2, 1))
    client.force_login(head)
    book = load_workbook(io.BytesIO(client.get(dashboard(format="xlsx")).content))
    assert book.sheetnames == ["ตัวชี้วัด", "งานค้าง", "ข้อสั่งการ", "MIND", "รายเดือน"]
    work = {row[0]: row[1] for row in book["งานค้าง"].iter_rows(min_row=2, values_only=True)}
    assert work["โรงงานเสี่ยงที่ยังไม่ได้ตรวจ"] == 1
    directives = list(book["ข้อสั่งการ"].iter_rows(min_row=2, values_only=True))
    assert directives == [
        ("ส่งรายงานผลการตรวจ", "รอบที่ 1/2567", dt.datetime(2024, 2, 1), "ยังไม่เริ่มดำเนินการ", "ใช่")
    ]
    months = list(book["รายเดือน"].iter_rows(min_row=2, values_only=True))
    assert len(months) == 12 and months[0][0].startswith("ต.ค.")
    assert sum(count for _label, count in months) == 2


def test_the_fiscal_year_selector_shows_another_year(client, head, world):
    client.force_login(head)
    last_year = current_fiscal_year() - 1
    texts = page_texts(client.get(dashboard(fy=str(last_year)))).texts
    assert texts["dashboard-year"] == f"ปีงบประมาณ {last_year}"
    assert texts["numerator-inspection_coverage"] == "0"
    # Through HTMX only the body comes back, for the same year.
    body = client.get(dashboard(fy=str(last_year)), headers={"HX-Request": "true"})
    assert b"<html" not in body.content
    assert page_texts(body).texts["dashboard-year"] == f"ปีงบประมาณ {last_year}"


# The head, with their own office, is kept in the cache (offices.backends). Counted afresh: the
# KPIs in five groups (the factories' five in one), the targets, the overdue orders, the open
# complaints, the MIND averages and dimensions, the months, the open directives. Kept (the next
# five minutes, until a write): no query at all. The menu's counts are cached: each measure
# follows a warm-up.
COUNTED, KEPT = 12, 0


def test_the_dashboard_reads_a_fixed_number_of_queries(
    client, head, world, django_assert_num_queries
):
    client.force_login(head)
    client.get(dashboard())  # warm the session and the compiled KPI queries
    figures_changed()
    with django_assert_num_queries(COUNTED):
        client.get(dashboard())
    with django_assert_num_queries(KEPT):
        client.get(dashboard())
    officer = make_user("officer-more", "officer", "57")
    for n in range(5):
        inspect(risky_factory(f"โรงงานเพิ่ม {n}"), officer)
    client.get(dashboard())
    figures_changed()
    with django_assert_num_queries(COUNTED):
        client.get(dashboard())


def test_who_may_see_the_dashboard(client, head, world):
    other = make_user("head-66", "head", "66")
    client.force_login(other)
    assert client.get(dashboard()).status_code == 404
    url = reverse("policy:kpi_records", kwargs={"code": "57", "kpi_code": "i_industry"})
    assert client.get(url).status_code == 404
    client.force_login(make_user("boss", "executive"))
    assert client.get(dashboard()).status_code == 200
    client.logout()
    response = client.get(dashboard())
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_head_lands_on_the_dashboard_and_keeps_the_desk(client, head):
    client.force_login(head)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == dashboard()
    # The office's other panels are one click away, and the desk links back.
    page = page_texts(client.get(dashboard()))
    assert page.texts["my-desk"] == "งานของฉัน"
    desk = client.get(reverse("core:desk"))
    assert "แดชบอร์ดสำนักงาน" in page_texts(desk).texts["home-office-dashboard"]
    assert dashboard().encode() in desk.content
    assert "home-office-work" in page_texts(desk).texts
    client.force_login(make_user("officer-57", "officer", "57"))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "home-office-dashboard" not in page_texts(response).texts


def test_open_complaints_open_their_list(client, head, world):
    Complaint.objects.create(
        office_id="57",
        factory=world[0],
        received_on=in_current_year(),
        channel="phone",
        category="smell",
        description="กลิ่นเหม็นตอนกลางคืน",
    )
    client.force_login(head)
    page = client.get(dashboard())
    texts = page_texts(page).texts
    assert texts["open-complaints"] == "1"
    listed = client.get(reverse("factories:complaints") + "?office=57&status=open")
    assert listed.status_code == 200
    assert world[0].name in listed.content.decode()
    link = reverse("factories:complaints") + "?office=57&status=open"
    assert f'href="{link}"'.encode() in page.content


def test_the_head_sees_the_offices_open_directives_the_overdue_standing_out(client, head, world):
    round_ = make_round()
    visit = make_visit(round_, "57")
    today = timezone.localdate()
    late = make_directive(visit, "ส่งรายงานผลการตรวจโรงงานเสี่ยง", due_on=today - dt.timedelta(days=3))
    make_directive(visit, "จัดประชุมผู้ประกอบการ", due_on=today + dt.timedelta(days=10))
    make_directive(visit, "เร่งรัดสินเชื่อ", unit_code="ธพว.")  # a unit must act, not the office
    make_directive(visit, "ปรับปรุงฐานข้อมูล", status=DirectiveStatus.DONE)
    make_directive(make_visit(round_, "66"), "ข้อสั่งการของพิจิตร")
    client.force_login(head)
    response = client.get(dashboard())
    found = page_texts(response).texts
    panel = found["home-directives"]
    # The earliest due first; the unit's, the done one and another office's are not there.
    assert panel.index("ส่งรายงานผลการตรวจโรงงานเสี่ยง") < panel.index("จัดประชุมผู้ประกอบการ")
    for absent in ("เร่งรัดสินเชื่อ", "ปรับปรุงฐานข้อมูล", "ข้อสั่งการของพิจิตร"):
        assert absent not in panel
    assert "รอบที่ 1/2567" in panel and "เลยกำหนด 3 วัน" in panel
    assert found["home-directives-open"] == "ยังไม่แล้วเสร็จ 2 ข้อ"
    assert found["home-directives-overdue"] == "เลยกำหนด 1 ข้อ"
    body = response.content.decode()
    link = reverse("policy:directive", kwargs={"pk": late.pk})
    assert f'<a href="{link}">ส่งรายงานผลการตรวจโรงงานเสี่ยง</a>' in body
    # The counts open the tracker at this office's directives, whoever reads the dashboard.
    tracker = reverse("policy:directives")
    assert f'href="{tracker}?office=57&amp;assignee=office&amp;overdue=on"' in body


def test_a_directive_closed_leaves_the_dashboard_at_its_next_read(client, head, world):
    directive = make_directive(make_visit(make_round(), "57"), "ส่งรายงานผลการตรวจ")
    client.force_login(head)
    assert "ส่งรายงานผลการตรวจ" in client.get(dashboard()).content.decode()
    directive.status = DirectiveStatus.DONE
    directive.closed_on = timezone.localdate()
    directive.save()
    body = client.get(dashboard()).content.decode()
    assert "ส่งรายงานผลการตรวจ" not in body and "ไม่มีข้อสั่งการที่ค้างอยู่" in body
