"""A round visit as its people live it: the inspector plans Phichit's online visit, the office's
head reports on a topic from a phone, and in the meeting the inspector records findings and a
directive to SME D Bank, all saved as they type; the inspector on a phone, then on a laptop."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.thaidates import current_fiscal_year, fiscal_year_range
from offices.models import Office, Role
from policy.models import Directive, InspectionRound, RoundTopic, Visit, VisitTopic
from tests.builders import make_user
from tests.e2e.accessibility import assert_accessible
from tests.e2e.screens import LAPTOP, PHONE

pytestmark = pytest.mark.e2e

SIZES = {"phone": PHONE, "laptop": LAPTOP}


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


@pytest.mark.parametrize("size", list(SIZES))
def test_the_inspector_plans_the_office_reports_and_the_meeting_records(
    new_page, login, size, screenshot
):
    year = current_fiscal_year()
    start, end = fiscal_year_range(year)
    round_ = InspectionRound.objects.create(
        fiscal_year=year, number=1, starts_on=start, ends_on=end
    )
    RoundTopic.objects.create(
        round=round_,
        order=1,
        title="ตรวจกำกับโรงงานเสี่ยงให้ครบร้อยละ 100",
        kpi_code="inspection_coverage",
    )
    RoundTopic.objects.create(round=round_, order=2, title="การติดตามผู้กู้เงินกองทุน ป้องกัน NPL")
    inspector = make_user("inspector18", Role.INSPECTOR, first_name="วิมล")
    inspector.regions.set([Office.objects.get(pk="66").region])
    make_user("head.phichit", Role.HEAD, "66", first_name="สมปอง")
    today = timezone.localdate()

    # The inspector finds Phichit in the round and plans an online visit.
    ministry = new_page(**SIZES[size])
    login(ministry, "inspector18")
    ministry.goto(f"/policy/rounds/{round_.pk}/")
    row = ministry.get_by_test_id("round-overview").locator('tr[data-office="66"]')
    expect(row).to_be_visible()
    screenshot(ministry, f"inspector-1-round-{size}")
    row.get_by_role("link", name="เตรียมการตรวจ").click()
    assert_accessible(ministry)
    ministry.get_by_label("วันที่ตรวจราชการ").fill(_be(min(today + dt.timedelta(days=1), end)))
    ministry.get_by_label("เวลา").fill("13:30")
    ministry.get_by_label("รูปแบบ").select_option(label="ผ่านระบบออนไลน์")
    ministry.get_by_role("button", name="บันทึกและดึงตัวเลขจากระบบ").click()
    # Online without a link is refused, and what was typed stays.
    expect(ministry.get_by_text("การตรวจผ่านระบบออนไลน์ต้องมีลิงก์การประชุม")).to_be_visible()
    expect(ministry.get_by_label("เวลา")).to_have_value("13:30")
    ministry.get_by_label("ลิงก์การประชุมออนไลน์").fill("https://zoom.us/j/2567015001")
    ministry.get_by_role("button", name="บันทึกและดึงตัวเลขจากระบบ").click()
    expect(ministry.get_by_test_id("meeting-link")).to_be_visible()
    expect(ministry.get_by_test_id("figures-as-of")).to_contain_text("ข้อมูล ณ วันที่")
    screenshot(ministry, f"inspector-2-visit-{size}")
    visit = Visit.objects.get(round=round_, office_id="66")

    # The head reports on the loans topic from a phone; it is saved as typed.
    office = new_page(**PHONE)
    login(office, "head.phichit")
    office.goto(f"/policy/visits/{visit.pk}/")
    topic = office.locator('[data-topic="2"]')
    topic.get_by_test_id("office-report").fill("ติดตามผู้กู้ 12 ราย อยู่ในสถานะเฝ้าระวัง 2 ราย")
    expect(topic.get_by_test_id("save-state")).to_contain_text("บันทึกแล้ว")
    expect(office.get_by_test_id("findings")).to_have_count(0)

    # In the meeting the inspector sees the report, writes the findings and a directive.
    ministry.reload()
    topic = ministry.locator('[data-topic="2"]')
    expect(topic).to_contain_text("ติดตามผู้กู้ 12 ราย")
    expect(ministry.get_by_test_id("topics-reported")).to_contain_text("1/2")
    topic.get_by_test_id("findings").fill("ผู้กู้ 2 รายมีความเสี่ยงเป็นหนี้เสีย")
    expect(topic.get_by_test_id("save-state")).to_contain_text("บันทึกแล้ว")
    form = ministry.get_by_test_id("directive-form")
    form.get_by_label("ข้อสั่งการ").fill("ประสานผู้กู้ที่อยู่ในสถานะเฝ้าระวังเพื่อปรับโครงสร้างหนี้")
    form.get_by_label("ผู้รับผิดชอบ").select_option(label="ธพว.")
    form.get_by_label("กำหนดเสร็จ").fill(_be(today + dt.timedelta(days=30)))
    form.get_by_role("button", name="บันทึกข้อสั่งการ").click()
    expect(ministry.get_by_test_id("visit-directives")).to_contain_text("ปรับโครงสร้างหนี้")
    expect(ministry.get_by_test_id("visit-directives")).to_contain_text("ธพว.")
    assert ministry.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(ministry, f"inspector-3-findings-and-directive-{size}")

    assert VisitTopic.objects.get(visit=visit, topic__order=2).findings == (
        "ผู้กู้ 2 รายมีความเสี่ยงเป็นหนี้เสีย"
    )
    assert Directive.objects.get(visit=visit).unit.code == "ธพว."
