"""An admin in the browser: the admin's date widgets speak Thai and still save a date."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from core.thaidates import THAI_MONTHS, be_year
from factories.models import Complaint
from tests.builders import numbered_factory

pytestmark = pytest.mark.e2e


def test_an_admin_picks_a_date_with_the_thai_calendar_and_saves(
    page, admin_user, login, browser_log
):
    factory = numbered_factory("10250000000009", "25", factory_type_id="10500")
    complaint = Complaint.objects.create(
        office_id="25",
        factory=factory,
        received_on=dt.date(2024, 3, 1),
        channel="phone",
        category="dust",
        description="ฝุ่นจากการคัดแยก",
    )
    login(page, "admin")
    page.goto(reverse("admin:factories_complaint_change", args=[complaint.pk]))
    received = page.locator("#id_received_on")
    expect(received).to_have_value("01/03/2024")  # what the widget reads and writes

    # The calendar beside the field, drawn by the admin's script, in Thai.
    page.locator(".field-received_on a[id^=calendarlink]").click()
    calendar = page.locator("#calendarbox0")
    expect(calendar).to_be_visible()
    expect(calendar.locator("caption")).to_contain_text("มีนาคม")
    expect(calendar.locator("th").first).to_contain_text("อา")
    expect(calendar.get_by_role("link", name="วันนี้")).to_be_visible()
    calendar.get_by_role("link", name="15", exact=True).click()
    expect(calendar).to_be_hidden()
    expect(received).to_have_value("15/03/2024")

    # The "today" shortcut of the due date, then save.
    page.locator(".field-due_on .datetimeshortcuts").get_by_role("link", name="วันนี้").click()
    page.get_by_role("button", name="บันทึก", exact=True).click()

    expect(page.locator(".messagelist")).to_have_text(
        re.compile(r"แก้ไขเรื่องร้องเรียน “ฝุ่นละออง — 15 มี\.ค\. 2567” เรียบร้อยแล้ว")
    )
    complaint.refresh_from_db()
    today = timezone.localdate()
    assert (complaint.received_on, complaint.due_on) == (dt.date(2024, 3, 15), today)
    row = page.locator("#result_list tbody tr").first
    expect(row).to_contain_text("15 มีนาคม 2567")
    expect(row).to_contain_text(f"{today.day} {THAI_MONTHS[today.month - 1]} {be_year(today.year)}")
    assert browser_log.page_errors == []
    assert browser_log.console_errors == []
