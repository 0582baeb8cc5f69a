"""The head plans the year, an officer's approved inspection scores the factory on the four MIND
dimensions with its reasons, and another office sees none of it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.thaidates import current_fiscal_year
from inspections.models import (
    Answer,
    ChecklistItem,
    FactoryInspection,
    InspectionPlanEntry,
    InspectionStatus,
    VersionStatus,
)
from inspections.services.form import applicable_checklists
from inspections.services.review import inspection_approve
from offices.models import Office, Role
from tests.builders import make_user, risky_factory
from tests.e2e.screens import PHONE

pytestmark = pytest.mark.e2e


def approved_inspection(factory, lead, head) -> FactoryInspection:
    """Every item of the applicable checklists answered, compliant but one, then approved."""
    inspection = FactoryInspection.objects.create(
        factory=factory,
        lead_inspector=lead,
        status=InspectionStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    versions = applicable_checklists(factory, inspection.kind)
    inspection.checklist_versions.set(versions)
    numbers = {"GEN-05": "80", "GEN-11": "40", "WW-11": "35"}
    for item in ChecklistItem.objects.filter(section__version__in=versions):
        if item.kind == "yes_no":
            value = "yes" if item.compliant_when_yes else "no"
        elif item.code in numbers:
            value = numbers[item.code]
        elif item.kind == "number":
            value = "1"
        else:
            value = "na"
        Answer.objects.create(inspection=inspection, item=item, value=value, note="ตรวจแล้ว")
    inspection_approve(inspection=inspection, user=head)
    return inspection


def test_plan_assign_inspect_score_and_keep_it_within_the_office(new_page, login):
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="ปรีชา", last_name="ตรวจดี")
    head = make_user("cr_head", Role.HEAD, "57", first_name="กฤษณา")
    make_user("pc_officer", Role.OFFICER, "66", first_name="พิจิตร")
    factory = risky_factory("โรงงานแป้งมันเชียงของ")
    fiscal_year = current_fiscal_year()

    # The head opens the year's plan: the wastewater factory is on it, due, and is assigned.
    page = new_page()
    login(page, "cr_head")
    page.get_by_test_id("main-nav").get_by_role("link", name="แผนการตรวจ").click()
    row = page.get_by_test_id("plan-table").locator("tbody tr", has_text=factory.name)
    expect(row).to_have_attribute("data-state", "due")
    row.get_by_role("checkbox").check()
    page.get_by_label("มอบหมายโรงงานที่เลือกให้").select_option(str(officer.pk))
    page.get_by_role("button", name="มอบหมาย").click()
    expect(
        page.get_by_test_id("plan-table").locator("tbody tr", has_text=factory.name)
    ).to_contain_text("ปรีชา ตรวจดี")
    assert (
        InspectionPlanEntry.objects.get(factory=factory, fiscal_year=fiscal_year).assigned_to
        == officer
    )

    # The officer finds it in "my inspections" on a phone.
    phone = new_page(**PHONE)
    login(phone, "cr_officer")
    phone.goto("/inspections/mine/")
    expect(phone.get_by_test_id("planned-table")).to_contain_text(factory.name)

    # Once the inspection is approved, the factory's scorecard shows four dimensions with reasons.
    inspection = approved_inspection(factory, officer, head)
    phone.goto(f"/policy/factories/{factory.pk}/{fiscal_year}/")
    for code in ("business", "community", "environment", "income"):
        expect(phone.get_by_test_id(f"dimension-{code}")).to_be_visible()
    explanation = phone.get_by_test_id("explanation")
    expect(explanation).to_contain_text("บีโอดี (BOD)")  # the non-compliant answer behind a score
    expect(phone.get_by_test_id("balanced")).to_be_visible()
    assert phone.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    # The plan now counts it as done.
    page.reload()
    expect(
        page.get_by_test_id("plan-table").locator("tbody tr", has_text=factory.name)
    ).to_have_attribute("data-state", "done")

    # Another office sees none of it.
    other = new_page()
    login(other, "pc_officer")
    for url in (
        f"/factories/{factory.pk}/",
        f"/inspections/{inspection.pk}/",
        f"/policy/factories/{factory.pk}/{fiscal_year}/",
        "/inspections/plan/?office=57",
    ):
        response = other.goto(url)
        assert response.status == 404, url
        expect(other.get_by_role("heading", level=1)).to_have_text("ไม่พบหน้าที่ต้องการ")
    other.goto("/inspections/plan/")
    expect(other.get_by_test_id("plan-table")).not_to_contain_text(factory.name)
    assert ChecklistItem.objects.filter(section__version__status=VersionStatus.PUBLISHED).exists()


def test_an_inspector_opens_an_offices_plan_from_the_filter(new_page, login):
    make_user("region_inspector", Role.INSPECTOR).regions.set([Office.objects.get(pk="57").region])
    factory = risky_factory("โรงงานแป้งมันเชียงของ")
    page = new_page()
    login(page, "region_inspector")
    page.goto("/inspections/plan/")
    expect(page.get_by_test_id("plan-table")).to_have_count(0)  # no office chosen yet
    page.get_by_label("สำนักงาน").select_option("57")
    page.get_by_role("button", name="ค้นหา").click()
    expect(
        page.get_by_test_id("plan-table").locator("tbody tr", has_text=factory.name)
    ).to_have_count(1)
