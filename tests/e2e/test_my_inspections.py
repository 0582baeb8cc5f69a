"""An officer reads "my inspections" on a phone: each inspection a card whose name takes at most
two lines, with its status badge whole and its date in the Buddhist Era; nothing sideways."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from core.thaidates import current_fiscal_year, format_be_date
from inspections.models import InspectionPlanEntry, InspectionStatus
from offices.models import Role
from tests.builders import RISKY, add_factory, in_current_year, inspect, make_user
from tests.e2e.screens import LAPTOP, PHONE

pytestmark = pytest.mark.e2e

LONG_NAME = (
    "บริษัท อุตสาหกรรมแปรรูปผลิตภัณฑ์การเกษตรและอาหารแช่แข็งเพื่อการส่งออกเชียงรายรุ่งเรือง"
    "พัฒนา จำกัด (มหาชน) สาขาอำเภอแม่สาย"
)

# For every name and badge of the page's two lists: how many lines the name takes, and whether
# the badge lies whole inside the window.
MEASURE = """() => {
  const lines = (el) =>
    el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight);
  const inside = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth
      && el.scrollWidth <= Math.ceil(box.width);
  };
  return {
    names: [...document.querySelectorAll("[data-testid=factory-name]")].map((el) => lines(el)),
    badges: [...document.querySelectorAll("[data-testid=status-badge]")].map((el) => inside(el)),
    wide: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


@pytest.fixture
def officer_work(db):
    officer = make_user("cr_officer", Role.OFFICER, "57", first_name="ปรีชา")
    long = add_factory(LONG_NAME, type_code=RISKY)
    short = add_factory("โรงสีข้าวเชียงแสน", type_code=RISKY)
    returned = add_factory("โรงน้ำแข็งแม่สาย" * 3, type_code=RISKY)
    due = add_factory(LONG_NAME + " โรงงานที่ 2", type_code=RISKY)
    InspectionPlanEntry.objects.create(
        office_id="57", fiscal_year=current_fiscal_year(), factory=due, assigned_to=officer
    )
    on = in_current_year()
    inspect(long, officer, InspectionStatus.SUBMITTED, on=on)
    inspect(short, officer, InspectionStatus.DRAFT, on=on - dt.timedelta(days=1))
    inspect(returned, officer, InspectionStatus.RETURNED, on=on - dt.timedelta(days=2))
    return on


def test_my_inspections_reads_as_cards_on_a_phone(new_page, login, officer_work, screenshot):
    page = new_page(**PHONE)
    login(page, "cr_officer")
    page.goto("/inspections/mine/")
    table = page.get_by_test_id("inspection-table")
    expect(table.get_by_test_id("inspection-row")).to_have_count(3)
    page.evaluate("document.fonts.ready.then(() => true)")
    screenshot(page, "my-inspections-phone")

    card = table.get_by_test_id("inspection-row").filter(has_text="บริษัท อุตสาหกรรมแปรรูป")
    expect(card.get_by_test_id("status-badge")).to_have_text("ส่งให้อุตสาหกรรมจังหวัดพิจารณา")
    expect(card).to_contain_text(format_be_date(officer_work))  # e.g. 4 ต.ค. 2568

    measured = page.evaluate(MEASURE)
    # Three inspections and one planned factory; the long names are cut at two lines.
    assert len(measured["names"]) == 4
    assert max(measured["names"]) <= 2.05, measured["names"]
    assert measured["names"][0] > 1.5  # the long name does take its two lines
    assert measured["badges"] == [True] * 4
    assert measured["wide"] <= 0
    # The whole name is still there, for a long press or a pointer.
    expect(card.get_by_test_id("factory-name")).to_have_attribute("title", LONG_NAME)


def test_my_inspections_stays_a_table_on_a_laptop(new_page, login, officer_work):
    page = new_page(**LAPTOP)
    login(page, "cr_officer")
    page.goto("/inspections/mine/")
    table = page.get_by_test_id("inspection-table")
    expect(table.get_by_role("columnheader", name="สถานะ")).to_be_visible()
    measured = page.evaluate(MEASURE)
    assert max(measured["names"]) <= 2.05
    assert measured["badges"] == [True] * 4
    assert measured["wide"] <= 0
