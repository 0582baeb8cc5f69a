"""No page scrolls sideways, on a phone or on the 1366-pixel laptops that offices use."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from core.models import Notification
from inspections.models import Order, OrderSection
from tests.builders import add_factory, make_inspection
from tests.e2e.screens import LAPTOP

pytestmark = pytest.mark.e2e

SMALL_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
PAGES = ["/", "/factories/", "/inspections/plan/", "/offices/"]


def overflow(page) -> int:
    """How far the page reaches past the window's right edge, in CSS pixels."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("size", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("person", ["head", "inspector", "executive", "admin_user"])
def test_no_page_scrolls_sideways(new_page, login, request, person, size, language):
    user = request.getfixturevalue(person)
    user.first_name, user.last_name = "ประภาพรรณ", "ศรีสุวรรณวงศ์"  # a long Thai name, as many are
    user.save()
    page = new_page(**(LAPTOP if size == "laptop" else SMALL_PHONE))
    login(page, user.username)
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    wide = {}
    for path in PAGES:
        page.goto(path)
        if overflow(page) > 0:
            wide[path] = overflow(page)
    assert wide == {}


@pytest.mark.parametrize("language", ["th", "en"])
def test_the_menu_s_counts_fit_a_laptop(new_page, login, head, member, language):
    """A head with work waiting: the counts beside the menu do not push it past 1366 px."""
    head.first_name, head.last_name = "ประภาพรรณ", "ศรีสุวรรณวงศ์"
    head.save()
    factory = add_factory("โรงงานรอพิจารณา")
    for _ in range(12):
        inspection = make_inspection(factory, member)
    Order.objects.create(
        factory=factory,
        office_id=factory.office_id,
        inspection=inspection,
        section=OrderSection.S37,
        legal_text="ให้แก้ไขระบบบำบัดน้ำเสีย",
        issued_on=dt.date(2024, 1, 15),
        deadline=dt.date(2024, 3, 15),
    )
    Notification.objects.bulk_create(
        Notification(recipient=head, kind="order", subject_key=f"order:{i}", threshold="7d")
        for i in range(120)
    )
    page = new_page(**LAPTOP)
    login(page, head.username)
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    expect(page.get_by_test_id("menu-badge").first).to_have_text(re.compile(r"^12"))
    expect(page.get_by_test_id("unread-count")).to_have_text(re.compile(r"^120"))
    for path in PAGES:
        page.goto(path)
        expect(page.get_by_test_id("unread-count")).to_be_visible()  # loaded after the page
        assert overflow(page) <= 0, path
