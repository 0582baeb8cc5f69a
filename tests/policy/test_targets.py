"""KPI targets: the fallback order, the state of a figure against its target, the admin, and the
page where executives and admins set them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.thaidates import format_be_date
from offices.models import Office
from policy import kpis
from policy.models import KpiTarget
from policy.permissions import may_set_targets
from policy.services import national_targets_save
from policy.targets import (
    AT_RISK,
    BEHIND,
    NO_DATA,
    ON_TRACK,
    state,
    target_for,
    targets_for,
)
from tests.builders import MEMBER_OFFICE, OUTSIDER_OFFICE
from tests.pages import admin_list, page_texts

pytestmark = pytest.mark.django_db

YEAR = 2569
COVERAGE = kpis.get("inspection_coverage")  # grows through the year, target 100
GI = kpis.get("gi_certified")  # a share of the register, target 90
LOANS = kpis.get("loans_in_trouble")  # lower is better, target 5
FIRST_DAY, LAST_DAY = dt.date(2025, 10, 1), dt.date(2026, 9, 30)  # FY 2569
HALF_WAY = dt.date(2026, 4, 1)  # day 183 of 365


def targets_url(year: int = YEAR) -> str:
    return reverse("policy:targets", kwargs={"fiscal_year": year})


def national(code: str, value: str, year: int = YEAR) -> KpiTarget:
    return KpiTarget.objects.create(kpi=code, fiscal_year=year, value=Decimal(value))


def override(
    code: str, value: str, office: str = MEMBER_OFFICE, year: int = YEAR, note: str = ""
) -> KpiTarget:
    return KpiTarget.objects.create(
        kpi=code, fiscal_year=year, office_id=office, value=Decimal(value), note=note
    )


# --- the fallback order -----------------------------------------------------------------------


def test_a_kpi_without_targets_uses_the_registrys_default(db):
    assert target_for("gi_certified", YEAR, MEMBER_OFFICE) == Decimal(90)
    assert target_for("gi_certified", YEAR) == Decimal(90)


def test_the_years_national_default_replaces_the_registrys(db):
    national("gi_certified", "80")
    national("gi_certified", "70", year=YEAR - 1)
    assert target_for("gi_certified", YEAR, MEMBER_OFFICE) == Decimal(80)
    assert target_for("gi_certified", YEAR) == Decimal(80)
    assert target_for("gi_certified", YEAR - 1) == Decimal(70)
    assert target_for("gi_certified", YEAR + 1) == Decimal(90)


def test_an_offices_own_target_replaces_the_national_default_for_that_office_only(db):
    national("gi_certified", "80")
    override("gi_certified", "60")
    assert target_for("gi_certified", YEAR, MEMBER_OFFICE) == Decimal(60)
    assert target_for("gi_certified", YEAR, OUTSIDER_OFFICE) == Decimal(80)
    assert target_for("gi_certified", YEAR) == Decimal(80)
    # Without a national default, the office's own still wins over the registry's.
    override("i_industry", "95")
    assert target_for("i_industry", YEAR, MEMBER_OFFICE) == Decimal(95)
    assert target_for("i_industry", YEAR, OUTSIDER_OFFICE) == Decimal(100)


def test_an_unknown_kpi_is_refused(db):
    with pytest.raises(LookupError):
        target_for("no_such_kpi", YEAR)


def test_the_targets_of_every_office_take_one_query(db, django_assert_num_queries):
    national("gi_certified", "80")
    override("gi_certified", "60")
    override("loans_in_trouble", "3", office=OUTSIDER_OFFICE)
    offices = list(Office.objects.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        found = targets_for(YEAR, offices)
    assert len(found) == len(kpis.KPIS) * (len(offices) + 1)
    assert found[("gi_certified", MEMBER_OFFICE)] == Decimal(60)
    assert found[("gi_certified", OUTSIDER_OFFICE)] == Decimal(80)
    assert found[("gi_certified", None)] == Decimal(80)
    assert found[("loans_in_trouble", OUTSIDER_OFFICE)] == Decimal(3)
    assert found[("loans_in_trouble", MEMBER_OFFICE)] == Decimal(5)
    assert found[("mind_balanced", "50")] == Decimal(50)


# --- the state of a figure --------------------------------------------------------------------


def at(kpi, value, target, day=LAST_DAY) -> str:
    value = None if value is None else Decimal(value)
    return state(kpi, value, Decimal(target), as_of=day, fiscal_year=YEAR)


def test_exactly_on_target_is_on_track():
    assert at(GI, "90", "90") == ON_TRACK
    assert at(LOANS, "5", "5") == ON_TRACK


def test_up_to_ten_points_short_is_at_risk_and_beyond_is_behind():
    assert at(GI, "89.9", "90") == AT_RISK
    assert at(GI, "80", "90") == AT_RISK
    assert at(GI, "79.9", "90") == BEHIND


def test_a_kpi_that_grows_through_the_year_is_measured_against_the_share_gone_by():
    # Half-way (183 of 365 days): 50.1% coverage expected of a 100% target.
    assert at(COVERAGE, "50.1", "100", HALF_WAY) == ON_TRACK
    assert at(COVERAGE, "50", "100", HALF_WAY) == AT_RISK
    assert at(COVERAGE, "40.1", "100", HALF_WAY) == AT_RISK
    assert at(COVERAGE, "40", "100", HALF_WAY) == BEHIND
    # On the first day, nothing is expected yet; on the last, the whole target.
    assert at(COVERAGE, "0.3", "100", FIRST_DAY) == ON_TRACK
    assert at(COVERAGE, "99.9", "100", LAST_DAY) == AT_RISK
    # A share of the register is expected in full all year round.
    assert at(GI, "85", "90", HALF_WAY) == AT_RISK


def test_lower_is_better_is_at_risk_up_to_the_smaller_of_ten_points_and_the_target():
    assert at(LOANS, "4", "5", HALF_WAY) == ON_TRACK
    assert at(LOANS, "5.1", "5") == AT_RISK
    assert at(LOANS, "10", "5") == AT_RISK
    assert at(LOANS, "10.1", "5") == BEHIND
    assert at(LOANS, "30", "20") == AT_RISK
    assert at(LOANS, "30.1", "20") == BEHIND
    assert at(LOANS, "0", "0") == ON_TRACK
    assert at(LOANS, "0.1", "0") == BEHIND


def test_no_figure_is_no_data():
    assert at(GI, None, "90") == NO_DATA
    assert at(LOANS, None, "5") == NO_DATA


# --- the unique constraint and the bounds -----------------------------------------------------


def test_a_second_national_target_for_the_same_kpi_and_year_is_refused_in_thai(db):
    national("gi_certified", "80")
    with pytest.raises(ValidationError) as refused:
        KpiTarget(kpi="gi_certified", fiscal_year=YEAR, value=Decimal(70)).full_clean()
    assert "ตัวชี้วัดนี้มีค่าเป้าหมายระดับประเทศของปีงบประมาณนี้แล้ว" in refused.value.messages
    # Another year, or an office's own, is fine.
    KpiTarget(kpi="gi_certified", fiscal_year=YEAR + 1, value=Decimal(70)).full_clean()
    KpiTarget(
        kpi="gi_certified", fiscal_year=YEAR, office_id=MEMBER_OFFICE, value=Decimal(70)
    ).full_clean()


def test_a_second_target_of_an_office_is_refused_in_thai(db):
    override("gi_certified", "80")
    with pytest.raises(ValidationError) as refused:
        KpiTarget(
            kpi="gi_certified", fiscal_year=YEAR, office_id=MEMBER_OFFICE, value=Decimal(70)
        ).full_clean()
    assert "สำนักงานนี้มีค่าเป้าหมายของตัวชี้วัดนี้ในปีงบประมาณนี้แล้ว" in refused.value.messages


def test_the_database_refuses_duplicates_and_values_out_of_bounds(db):
    from django.db import IntegrityError, transaction

    national("gi_certified", "80")
    with pytest.raises(IntegrityError), transaction.atomic():
        national("gi_certified", "70")
    with pytest.raises(IntegrityError), transaction.atomic():
        national("i_industry", "100.01")
    with pytest.raises(IntegrityError), transaction.atomic():
        national("i_industry", "90", year=2400)


def test_targets_keep_their_history(db):
    target = national("gi_certified", "80")
    target.value = Decimal(85)
    target.save()
    assert [h.value for h in target.history.order_by("history_date")] == [80, 85]


# --- the admin --------------------------------------------------------------------------------


def test_the_admin_lists_targets_with_thai_headers_and_filters(client, admin_user):
    national("gi_certified", "80")
    override("loans_in_trouble", "3")
    client.force_login(admin_user)
    response = client.get(reverse("admin:policy_kpitarget_changelist"))
    assert response.status_code == 200
    rows, filters = admin_list(response)
    page = response.content.decode()
    for header in ("ตัวชี้วัด", "ใช้กับ", "ทิศทาง", "ค่าเป้าหมาย (ร้อยละ)"):
        assert header in page
    assert filters[:3] == ["โดย ปีงบประมาณ (พ.ศ.)", "โดย ตัวชี้วัด", "โดย ระดับ"]
    cells = {" | ".join(row) for row in rows}
    assert any("โรงงานที่ได้รับการรับรองอุตสาหกรรมสีเขียว" in c and "ระดับประเทศ" in c for c in cells)
    assert any("สินเชื่อ" in c and "ยิ่งต่ำยิ่งดี" in c for c in cells)
    only_offices = client.get(reverse("admin:policy_kpitarget_changelist") + "?level=office")
    assert len(admin_list(only_offices)[0]) == 1
    searched = client.get(reverse("admin:policy_kpitarget_changelist") + "?q=เชียงราย")
    assert len(admin_list(searched)[0]) == 1


def test_the_admin_refuses_a_duplicate_in_thai(client, admin_user):
    national("gi_certified", "80")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:policy_kpitarget_add"),
        {"kpi": "gi_certified", "fiscal_year": YEAR, "office": "", "value": "70", "note": ""},
    )
    assert response.status_code == 200
    assert "ตัวชี้วัดนี้มีค่าเป้าหมายระดับประเทศของปีงบประมาณนี้แล้ว" in response.content.decode()
    assert KpiTarget.objects.get().value == 80


# --- who may set targets ----------------------------------------------------------------------


def test_only_executives_and_admins_may_set_targets(who):
    assert who(may_set_targets) == {"executive", "admin_user", "role_admin"}


@pytest.mark.parametrize("person", ["member", "head", "outsider", "inspector"])
def test_everyone_else_gets_403_and_changes_nothing(client, request, person):
    client.force_login(request.getfixturevalue(person))
    assert client.get(targets_url()).status_code == 403
    posted = client.post(targets_url(), {"action": "national", "national_gi_certified": "10"})
    assert posted.status_code == 403
    assert not KpiTarget.objects.exists()


def test_the_service_refuses_them_too(member):
    with pytest.raises(PermissionDenied):
        national_targets_save(fiscal_year=YEAR, values={"gi_certified": Decimal(1)}, user=member)
    assert not KpiTarget.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(targets_url())
    assert response.status_code == 302 and "/login" in response["Location"]
    assert client.post(targets_url(), {"action": "national"}).status_code == 302
    assert not KpiTarget.objects.exists()


def test_the_mind_index_links_to_the_targets_for_those_who_set_them(client, executive, inspector):
    client.force_login(executive)
    assert "kpi-targets-link" in page_texts(client.get(reverse("policy:index"))).texts
    client.force_login(inspector)
    assert "kpi-targets-link" not in page_texts(client.get(reverse("policy:index"))).texts


def test_an_unknown_year_is_not_found(client, executive):
    client.force_login(executive)
    assert client.get(targets_url(1999)).status_code == 404


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["executive", "admin_user"])
def test_the_page_lists_every_kpi_with_its_national_target_and_overrides(client, request, person):
    national("gi_certified", "80")
    override("gi_certified", "60", note="นิคมใหม่")
    client.force_login(request.getfixturevalue(person))
    response = client.get(targets_url())
    assert response.status_code == 200
    texts = page_texts(response).texts
    assert all(f"target-{code}" in texts for code in kpis.KPIS)
    gi = texts["target-gi_certified"]
    assert "ยิ่งสูงยิ่งดี" in gi and "เชียงราย" in gi and "60" in gi and "นิคมใหม่" in gi
    assert 'value="80"' in response.content.decode()
    loans = texts["target-loans_in_trouble"]
    assert "ยิ่งต่ำยิ่งดี" in loans and "ใช้ค่าตั้งต้น 5" in loans and "ไม่มี" in loans


def test_setting_national_targets_saves_them_and_an_empty_box_goes_back_to_the_default(
    client, executive
):
    national("i_industry", "95")
    client.force_login(executive)
    response = client.post(
        targets_url(),
        {"action": "national", "national_gi_certified": "85.5", "national_i_industry": ""},
        follow=True,
    )
    assert "บันทึกค่าเป้าหมายระดับประเทศแล้ว" in response.content.decode()
    assert target_for("gi_certified", YEAR) == Decimal("85.5")
    assert target_for("i_industry", YEAR) == Decimal(100)
    assert KpiTarget.objects.get().history.get().history_user == executive


def test_bad_national_input_keeps_what_was_typed_and_saves_nothing(client, executive):
    national("i_industry", "95")
    client.force_login(executive)
    response = client.post(
        targets_url(),
        {
            "action": "national",
            "national_gi_certified": "85",
            "national_i_industry": "",
            "national_loans_in_trouble": "120",
            "national_mind_balanced": "ห้าสิบ",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "ยังไม่ได้บันทึก" in page
    assert "ต้องไม่เกิน 100" in page
    assert "กรุณากรอกค่าเป้าหมายเป็นตัวเลข 0–100" in page
    assert 'value="120"' in page and 'value="ห้าสิบ"' in page and 'value="85"' in page
    assert list(KpiTarget.objects.values_list("kpi", "value")) == [("i_industry", 95)]


def test_an_office_target_is_added_changed_and_removed(client, executive):
    client.force_login(executive)
    form = {"action": "office", "kpi": "gi_certified", "office": MEMBER_OFFICE, "note": ""}
    added = client.post(targets_url(), {**form, "value": "70"}, follow=True)
    assert "บันทึกค่าเป้าหมายของ" in added.content.decode()
    assert target_for("gi_certified", YEAR, MEMBER_OFFICE) == Decimal(70)
    client.post(targets_url(), {**form, "value": "75", "note": "ปรับตามแผน"})
    target = KpiTarget.objects.get()
    assert (target.value, target.note) == (75, "ปรับตามแผน")
    removed = client.post(targets_url(), {"action": "remove", "target": target.pk}, follow=True)
    assert "ใช้ค่าเป้าหมายระดับประเทศแทน" in removed.content.decode()
    assert not KpiTarget.objects.exists()


def test_a_national_target_is_not_removed_as_an_override(client, executive):
    target = national("gi_certified", "80")
    client.force_login(executive)
    response = client.post(targets_url(), {"action": "remove", "target": target.pk}, follow=True)
    assert "ลบจากรายการนี้ไม่ได้" in response.content.decode()
    assert KpiTarget.objects.filter(pk=target.pk).exists()


def test_bad_office_input_keeps_what_was_typed(client, executive):
    client.force_login(executive)
    response = client.post(
        targets_url(),
        {"action": "office", "kpi": "gi_certified", "office": "", "value": "-1", "note": "x"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "กรุณาเลือกสำนักงาน" in page and "ต้องไม่น้อยกว่า 0" in page
    assert 'value="-1"' in page and 'value="x"' in page
    assert '<option value="gi_certified" selected>' in page
    assert not KpiTarget.objects.exists()


def test_the_page_takes_a_fixed_number_of_queries(client, executive):
    for code in kpis.KPIS:
        national(code, "50")
    for office in Office.objects.order_by("pk")[:10]:
        override("gi_certified", "60", office=office.pk)
        override("loans_in_trouble", "3", office=office.pk)
    client.force_login(executive)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(targets_url())
    assert response.status_code == 200
    # session, user, the year's targets with their offices, the offices to choose from
    assert len(queries) == 4, [q["sql"] for q in queries]


# --- the targets' history ---------------------------------------------------------------------


def history_url(year: int = YEAR) -> str:
    return reverse("policy:target_history", kwargs={"fiscal_year": year})


def test_the_history_shows_who_set_changed_and_removed_which_target(
    client, executive, admin_user, django_assert_num_queries
):
    national("gi_certified", "80")  # set by nobody signed in: the system
    client.force_login(executive)
    form = {"action": "office", "kpi": "gi_certified", "office": MEMBER_OFFICE, "note": ""}
    client.post(targets_url(), {**form, "value": "70"})
    client.post(targets_url(), {**form, "value": "75", "note": "ปรับตามแผน"})  # soon after
    client.force_login(admin_user)
    target = KpiTarget.objects.get(office_id=MEMBER_OFFICE)
    client.post(targets_url(), {"action": "remove", "target": target.pk})
    client.post(targets_url(), {"action": "national", "national_gi_certified": "85.5"})
    assert page_texts(client.get(targets_url())).texts["history-link"] == "ประวัติการแก้ไข"

    client.get(history_url())
    with django_assert_num_queries(2):  # the versions, the offices' names
        response = client.get(history_url())
    shown = page_texts(response).all("history-entry")
    with translation.override("th"):
        today = format_be_date(timezone.localdate())
    assert all(entry.startswith(f"{today} ") for entry in shown)  # in the Buddhist Era
    entries = [e.split(" · ", 1)[1] for e in shown]
    raised, removed, set_by_executive, created = entries
    office = str(Office.objects.get(pk=MEMBER_OFFICE))
    assert raised.startswith(f"แก้ไข · {GI.name} · admin")
    assert "ค่าเป้าหมาย (ร้อยละ): 80 เป็น 85.5" in raised
    assert removed.startswith(f"ลบ · {GI.name} · {office} · admin")
    # Made and changed within minutes by one person: one entry, from nothing to the last value.
    assert set_by_executive.startswith(f"สร้าง · {GI.name} · {office} · บันทึก 2 ครั้ง · executive")
    assert "ค่าเป้าหมาย (ร้อยละ): – เป็น 75" in set_by_executive
    assert "หมายเหตุ: – เป็น ปรับตามแผน" in set_by_executive
    assert created.startswith(f"สร้าง · {GI.name} · ระบบ")
    assert "ปีงบประมาณ" not in " ".join(entries)


@pytest.mark.parametrize("person", ["member", "head", "inspector"])
def test_the_history_is_for_those_who_set_targets(client, request, person):
    client.force_login(request.getfixturevalue(person))
    assert client.get(history_url()).status_code == 403  # as the targets page itself
    client.logout()
    response = client.get(history_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
