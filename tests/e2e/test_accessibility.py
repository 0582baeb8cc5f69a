"""Every main page, as the person who uses it, on a phone and on a laptop: axe-core finds no
serious or critical accessibility problem (labels, contrast, ids, landmarks, tables, ARIA…)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from core.models import Notification, ReportRequest, ReportStatus
from core.thaidates import current_fiscal_year
from factories.models import Factory, Loan, LoanStatus
from inspections.models import InspectionPlanEntry, InspectionStatus
from offices.models import Office, Role
from tests.builders import (
    add_factory,
    answered_inspection,
    issue_s37,
    make_directive,
    make_inspection,
    make_offices_data,
    make_round,
    make_unit_user,
    make_user,
    make_visit,
    risky_factory,
    start,
)
from tests.e2e.accessibility import assert_accessible, serious_violations
from tests.e2e.screens import LAPTOP, PHONE

pytestmark = pytest.mark.e2e

SIZES = {"phone": PHONE, "laptop": LAPTOP}


@dataclass
class World:
    factory: int
    scored: int
    draft: int
    submitted: int
    order: int
    loan: int
    round: int
    visit: int
    directive: int


def build_world() -> World:
    """Chiang Rai (57) with its officer and head, an inspector of its region, SME D Bank's
    officer, an executive and an admin; a factory in the plan, an inspection being filled in,
    one waiting for review, an order, a complaint, a loan, a round visit with a directive to the
    bank, a report and a notification."""
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="ปรีชา")
    head = make_user("cr_head", Role.HEAD, "57", first_name="กฤษณา")
    inspector = make_user("inspector16", Role.INSPECTOR, first_name="วิมล")
    inspector.regions.set([Office.objects.get(pk="57").region])
    make_user("boss", Role.EXECUTIVE, first_name="ผู้บริหาร")
    make_unit_user("smed", "ธพว.", first_name="สมใจ")
    make_user("root", Role.ADMIN, is_staff=True, is_superuser=True, first_name="ผู้ดูแล")

    make_offices_data(officer)  # a complaint, an order and a MIND scorecard in 57 and 55
    factory = risky_factory("โรงงานแป้งมันเชียงของ")
    InspectionPlanEntry.objects.create(
        office_id="57",
        fiscal_year=current_fiscal_year(),
        factory=factory,
        assigned_to=officer,
        planned_month=timezone.localdate().month,
    )
    draft = start(add_factory("โรงสีข้าวเชียงแสน"), officer)
    submitted = answered_inspection(officer)
    approved = make_inspection(
        add_factory("โรงน้ำแข็งแม่สาย"), officer, status=InspectionStatus.APPROVED
    )
    order = issue_s37(approved, head)
    loan = Loan.objects.create(
        office_id="57",
        borrower_name="บริษัท ข้าวดี จำกัด",
        factory=factory,
        fund_name="กองทุนพัฒนาเอสเอ็มอี",
        amount=2_500_000,
        approved_on=dt.date(2024, 1, 10),
        status=LoanStatus.WATCH,
    )
    round_ = make_round(current_fiscal_year())
    visit = make_visit(round_, "57", reported=1)
    directive = make_directive(visit, unit_code="ธพว.")
    ReportRequest.objects.create(
        kind="factory_list",
        subject_key="office:57",
        title="ทะเบียนโรงงาน สอจ.เชียงราย",
        requested_by=officer,
        office_id="57",
        status=ReportStatus.FAILED,
        error="ไม่สามารถสร้างไฟล์ได้",
    )
    Notification.objects.create(
        recipient=officer,
        kind="order_deadline",
        subject_key=f"order:{order.pk}",
        threshold="7",
        title="คำสั่งใกล้ครบกำหนด",
        message="คำสั่งมาตรา 37 ครบกำหนดใน 7 วัน",
        url=f"/inspections/orders/{order.pk}/",
    )
    return World(
        factory=factory.pk,
        scored=Factory.objects.get(name="บ่อขยะเชียงราย").pk,
        draft=draft.pk,
        submitted=submitted.pk,
        order=order.pk,
        loan=loan.pk,
        round=round_.pk,
        visit=visit.pk,
        directive=directive.pk,
    )


@dataclass
class Audit:
    """What axe found on each page, gathered so that one run names every problem."""

    problems: dict[str, list[str]] = field(default_factory=dict)

    def check(self, page: Page, name: str, url: str | None = None) -> None:
        if url is not None:
            response = page.goto(url)
            assert response is not None and response.ok, f"{name}: {url} answered {response}"
        # Loaded, and whatever HTMX fetched on load (the bell's count) swapped in.
        page.wait_for_load_state("load")
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
        found = serious_violations(page)
        if found:
            self.problems[f"{name} ({page.url})"] = found

    def report(self) -> str:
        return "\n".join(
            f"{name}:\n  " + "\n  ".join(found) for name, found in self.problems.items()
        )


@pytest.mark.parametrize("size", list(SIZES))
def test_every_main_page_has_no_serious_accessibility_problem(
    new_page, login, settings, tmp_path, size, browser_log
):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    audit = Audit()

    def person(username: str | None = None) -> Page:
        page = new_page(**SIZES[size])
        if username:
            login(page, username)
        return page

    anonymous = person()
    audit.check(anonymous, "login", "/accounts/login/")
    anonymous.get_by_label("ชื่อผู้ใช้").fill("cr_officer")
    anonymous.get_by_label("รหัสผ่าน").fill("not-the-password")
    anonymous.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(anonymous.get_by_role("alert")).to_be_visible()
    audit.check(anonymous, "login refused")

    officer = person("cr_officer")
    for name, url in (
        ("home", "/"),
        ("factory list", "/factories/"),
        ("factory page", f"/factories/{world.factory}/"),
        ("factory form", f"/factories/{world.factory}/edit/"),
        ("inspection form", f"/inspections/{world.draft}/form/"),
        ("my inspections", "/inspections/mine/"),
        ("plan", "/inspections/plan/"),
        ("orders", "/inspections/orders/"),
        ("order", f"/inspections/orders/{world.order}/"),
        ("complaints", "/factories/complaints/"),
        ("complaint form", "/factories/complaints/add/"),
        ("loans", "/factories/loans/"),
        ("loan", f"/factories/loans/{world.loan}/"),
        ("loan form", "/factories/loans/add/"),
        ("office list", "/offices/"),
        ("office page", "/offices/57/"),
        ("MIND overview", "/policy/"),
        ("MIND scorecard", f"/policy/factories/{world.scored}/{current_fiscal_year()}/"),
        ("office's visits", "/policy/visits/"),
        ("my reports", "/reports/"),
        ("notifications", "/notifications/"),
        ("notification settings", "/notifications/settings/"),
    ):
        audit.check(officer, f"officer: {name}", url)

    # The menu unfolded, its "follow-up" list open.
    toggle = officer.get_by_role("button", name="เปิดเมนู")
    if toggle.is_visible():
        toggle.click()
    officer.get_by_test_id("main-nav").get_by_role("button", name="ติดตาม").click()
    expect(officer.get_by_role("link", name="เรื่องร้องเรียน")).to_be_visible()
    audit.check(officer, "officer: menu open")
    # Forms sent with what is missing: the errors as they are shown.
    officer.goto("/factories/complaints/add/")
    officer.get_by_role("button", name="บันทึก").click()
    expect(officer.locator(".invalid-feedback").first).to_be_visible()
    audit.check(officer, "officer: complaint form with errors")
    officer.goto(f"/inspections/{world.draft}/form/")
    officer.get_by_test_id("submit-inspection").click()
    expect(officer.get_by_test_id("missing")).to_be_visible()
    audit.check(officer, "officer: inspection refused")

    head = person("cr_head")
    audit.check(head, "head: office dashboard")  # the head's home
    for name, url in (
        ("desk", "/desk/"),
        ("review list", "/inspections/review/"),
        ("review page", f"/inspections/{world.submitted}/review/"),
        ("plan to assign", "/inspections/plan/"),
        ("visit report", f"/policy/visits/{world.visit}/"),
    ):
        audit.check(head, f"head: {name}", url)

    inspector = person("inspector16")
    for name, url in (
        ("regions", "/policy/dashboard/regions/"),
        ("region dashboard", "/policy/dashboard/regions/16/"),
        ("KPI records", "/policy/dashboard/offices/57/kpis/inspection_coverage/"),
        ("rounds", "/policy/rounds/"),
        ("round overview", f"/policy/rounds/{world.round}/"),
        ("visit page", f"/policy/visits/{world.visit}/"),
        ("directives tracker", "/policy/directives/"),
        ("directive", f"/policy/directives/{world.directive}/"),
    ):
        audit.check(inspector, f"inspector: {name}", url)

    unit = person("smed")
    audit.check(unit, "unit: directive to report on", f"/policy/directives/{world.directive}/")

    executive = person("boss")
    audit.check(executive, "executive: national dashboard", "/policy/dashboard/nation/")
    expect(executive.get_by_test_id("province-map")).to_be_visible()

    admin = person("root")
    audit.check(admin, "admin: admin index", "/admin/")
    audit.check(admin, "admin: factories", "/admin/factories/factory/")

    assert not audit.problems, audit.report()
    assert browser_log.page_errors == []


def test_the_check_names_serious_problems_and_leaves_out_lesser_ones(page):
    page.set_content(
        '<html lang="th"><head><title>ทดสอบ</title></head><body><main><h1>ทดสอบ</h1>'
        '<input type="text" name="q">'  # no label: critical
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'  # no text alternative: critical
        "<h4>ข้ามระดับหัวข้อ</h4>"  # heading levels skipped: only moderate
        "</main></body></html>"
    )
    found = serious_violations(page)
    assert [line.split(" ", 1)[0] for line in found] == ["image-alt", "label"]
    assert found[1] == "label (critical): Form elements must have labels — input"
    with pytest.raises(AssertionError, match="2 serious accessibility problems"):
        assert_accessible(page)
