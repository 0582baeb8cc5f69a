"""An officer's morning on a phone: the home page says what to inspect today, and the factory
page opens with "start the inspection" on the first screen."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.thaidates import current_fiscal_year
from factories.models import Factory, FactoryStatus, FactoryType
from inspections.models import InspectionPlanEntry
from offices.models import Role
from tests.builders import make_user
from tests.e2e.screens import PHONE

pytestmark = pytest.mark.e2e


def test_an_officer_goes_from_today_s_work_to_a_started_inspection_on_a_phone(new_page, login):
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="ปรีชา")
    factory = Factory.objects.create(
        old_registration_number="3-9-1/6057",
        name="โรงงานแป้งมันเชียงของ",
        province_id="57",
        district_id="5701",
        factory_type=FactoryType.objects.get(pk="00900"),
        class_number=3,
        status=FactoryStatus.OPERATING,
        wastewater_risk=True,
    )
    InspectionPlanEntry.objects.create(
        office_id="57",
        fiscal_year=current_fiscal_year(),
        factory=factory,
        assigned_to=officer,
        planned_month=timezone.localdate().month,
    )
    page = new_page(**PHONE)
    login(page, "cr_officer")

    work = page.get_by_test_id("home-my-work")
    expect(work).to_contain_text("โรงงานแป้งมันเชียงของ")
    work.get_by_role("link", name="โรงงานแป้งมันเชียงของ").click()

    start = page.get_by_test_id("start-inspection")
    expect(start).to_be_visible()
    box = start.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["viewport"]["height"]
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    start.click()
    expect(page.get_by_test_id("checklists")).to_contain_text("น้ำเสียและน้ำทิ้ง")
