"""Reminders of the inspection rounds' directives: seven days before one is due and once it is
overdue, to whoever must act on it (the office's head, or the people of the ministry unit it was
given to) and to the ministry's inspector of the visit; open directives only, once each, in a
fixed number of queries, and each link opens the directive for the one reminded.

Chiang Rai (57, region 16) had its visit of round 1/2569, led by the region's inspector; it got
a directive for the office and one for กยผ. Fiscal year 2569 ends on 30 September 2026.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from core.models import Notification, ReminderThreshold
from core.tasks import send_reminders
from offices.models import Office, Role, User
from policy.models import Directive, DirectiveStatus, Visit
from policy.reminders import directive_reminders
from tests.builders import make_directive, make_round, make_unit_user, make_user, make_visit

DUE = dt.date(2026, 3, 10)
OFFICE_WORK = "ซ่อมแซมบ้านพักเจ้าหน้าที่เชียงราย"
UNIT_WORK = "สรุปความต้องการงบประมาณของเชียงราย"


def sent(day: dt.date) -> set[tuple[str, str]]:
    send_reminders(day.isoformat())
    return set(Notification.objects.values_list("recipient__username", "threshold"))


def told(day: dt.date) -> set[str]:
    return {name for name, _threshold in sent(day)}


@pytest.fixture
def visit(db, inspector) -> Visit:
    return make_visit(make_round(2569, 1), "57", lead_user=inspector)


@pytest.fixture
def unit_kyp(db) -> User:
    return make_unit_user("unit-kyp", "กยผ.")


@pytest.fixture
def unit_smed(db) -> User:
    return make_unit_user("unit-smed", "ธพว.")


@pytest.fixture
def office_directive(visit, head, member) -> Directive:
    return make_directive(visit, OFFICE_WORK, due_on=DUE)


@pytest.fixture
def unit_directive(visit, unit_kyp) -> Directive:
    return make_directive(visit, UNIT_WORK, unit_code="กยผ.", due_on=DUE)


# --- when ----------------------------------------------------------------------------------


def test_seven_days_before_it_is_due_the_head_and_the_visits_inspector_are_reminded(
    office_directive,
):
    assert sent(DUE - dt.timedelta(days=8)) == set()
    assert sent(DUE - dt.timedelta(days=7)) == {("head", "7d"), ("inspector", "7d")}
    note = Notification.objects.filter(recipient__username="head").get()
    assert note.kind == "directive"
    assert note.title == f"ข้อสั่งการถึง สอจ.เชียงราย ครบกำหนด 10 มี.ค. 2569: {OFFICE_WORK}"
    assert note.url == reverse("policy:directive", kwargs={"pk": office_directive.pk})


def test_the_day_before_the_day_itself_and_overdue_from_the_day_after(office_directive):
    ReminderThreshold.objects.create(kind="directive", days=1)
    ReminderThreshold.objects.create(kind="directive", days=0)
    assert sent(DUE - dt.timedelta(days=1)) == {("head", "1d"), ("inspector", "1d")}
    assert ("head", "overdue") not in sent(DUE)
    assert ("head", "0d") in sent(DUE)
    assert ("head", "overdue") in sent(DUE + dt.timedelta(days=1))
    overdue = Notification.objects.get(recipient__username="head", threshold="overdue")
    assert overdue.title.startswith("ข้อสั่งการถึง สอจ.เชียงราย เลยกำหนด 10 มี.ค. 2569 แล้ว")
    # Overdue is said once, not again every day it stays open.
    sent(DUE + dt.timedelta(days=5))
    assert Notification.objects.filter(threshold="overdue").count() == 2


def test_a_directive_in_progress_is_reminded_a_done_or_cancelled_one_never(visit, head):
    make_directive(visit, "กำลังทำ", due_on=DUE, status=DirectiveStatus.IN_PROGRESS)
    make_directive(visit, "เสร็จแล้ว", due_on=DUE, status=DirectiveStatus.DONE, closed_on=DUE)
    make_directive(visit, "ยกเลิกแล้ว", due_on=DUE, status=DirectiveStatus.CANCELLED)
    sent(DUE - dt.timedelta(days=7))
    sent(DUE + dt.timedelta(days=1))
    titles = set(Notification.objects.values_list("title", flat=True))
    assert len(titles) == 2 and all(title.endswith(": กำลังทำ") for title in titles)


def test_a_directive_closed_before_it_fell_overdue_is_not_reminded(office_directive):
    assert ("head", "7d") in sent(DUE - dt.timedelta(days=7))
    office_directive.status, office_directive.closed_on = DirectiveStatus.DONE, DUE
    office_directive.save()
    assert ("head", "overdue") not in sent(DUE + dt.timedelta(days=1))


def test_due_on_the_last_day_of_the_fiscal_year_it_is_overdue_on_the_first_of_october(visit, head):
    make_directive(visit, "ปิดงานสิ้นปีงบประมาณ", due_on=dt.date(2026, 9, 30))
    assert sent(dt.date(2026, 9, 30)) == set()
    assert sent(dt.date(2026, 10, 1)) == {("head", "overdue"), ("inspector", "overdue")}


def test_due_on_the_first_of_october_it_is_reminded_in_the_old_year_and_not_yet_overdue(
    visit, head
):
    make_directive(visit, "เริ่มงานปีงบประมาณใหม่", due_on=dt.date(2026, 10, 1))
    assert sent(dt.date(2026, 9, 24)) == {("head", "7d"), ("inspector", "7d")}
    assert ("head", "overdue") not in sent(dt.date(2026, 10, 1))
    assert ("head", "overdue") in sent(dt.date(2026, 10, 2))


def test_the_job_without_a_day_takes_todays_date_in_bangkok(office_directive):
    # 01:00 in Bangkok seven days before it is due is still the eighth day before it in UTC.
    early = dt.datetime.combine(
        DUE - dt.timedelta(days=7), dt.time(1, 0), tzinfo=ZoneInfo("Asia/Bangkok")
    )
    with mock.patch("django.utils.timezone.now", return_value=early):
        send_reminders()
    assert set(Notification.objects.values_list("threshold", flat=True)) == {"7d"}


# --- who -----------------------------------------------------------------------------------


def test_a_units_directive_goes_to_the_units_people_and_the_inspector_not_the_office(
    unit_directive, head, member, unit_smed
):
    make_unit_user("unit-kyp-2", "กยผ.")
    assert told(DUE - dt.timedelta(days=7)) == {"unit-kyp", "unit-kyp-2", "inspector"}
    note = Notification.objects.filter(recipient__username="unit-kyp").get()
    assert note.title.startswith("ข้อสั่งการถึง กยผ. (สอจ.เชียงราย) ครบกำหนด 10 มี.ค. 2569")


def test_nobody_of_another_office_or_unit_nor_an_officer_is_told(
    office_directive, unit_directive, outsider, outsider_head, unit_smed
):
    inspector18 = make_user("inspector18", Role.INSPECTOR)
    inspector18.regions.set([Office.objects.get(pk="66").region])
    names = told(DUE - dt.timedelta(days=7))
    assert names == {"head", "unit-kyp", "inspector"}


def test_switched_off_people_are_not_told(office_directive, unit_kyp, inspector, head):
    for person in (unit_kyp, inspector, head):
        person.is_active = False
        person.save()
    make_unit_user("unit-kyp-2", "กยผ.")
    make_directive(office_directive.visit, UNIT_WORK, unit_code="กยผ.", due_on=DUE)
    assert told(DUE - dt.timedelta(days=7)) == {"unit-kyp-2"}


def test_an_inspector_moved_to_another_region_is_no_longer_told(office_directive, inspector):
    inspector.regions.set([Office.objects.get(pk="66").region])
    assert told(DUE - dt.timedelta(days=7)) == {"head"}


def test_without_a_lead_inspector_recorded_whoever_prepared_the_visit_is_told(
    office_directive, inspector
):
    head_inspector = make_user("head-inspector", Role.HEAD_INSPECTOR)
    Visit.objects.filter(pk=office_directive.visit_id).update(
        lead_user=None, prepared_by=head_inspector
    )
    assert told(DUE - dt.timedelta(days=7)) == {"head", "head-inspector"}


# --- once, and in a fixed number of queries --------------------------------------------------


def test_running_the_job_twice_creates_each_notification_once(office_directive, unit_directive):
    sent(DUE - dt.timedelta(days=7))
    sent(DUE - dt.timedelta(days=7))
    sent(DUE + dt.timedelta(days=1))
    sent(DUE + dt.timedelta(days=1))
    assert Notification.objects.count() == 2 * 4  # 2 directives × 2 people × (7d, overdue)


@pytest.mark.parametrize("many", [1, 8])
def test_the_directive_kind_costs_two_queries_for_one_directive_or_many(
    db, many, django_assert_num_queries
):
    round_ = make_round(2569, 1)
    offices = list(Office.objects.order_by("pk")[:many])
    for i, office in enumerate(offices):
        make_user(f"head-{office.pk}", Role.HEAD, office.pk)
        lead = make_user(f"inspector-{office.pk}", Role.INSPECTOR)
        lead.regions.set([office.region])
        visit = make_visit(round_, office.pk, lead_user=lead)
        make_directive(visit, f"งานของสำนักงาน {i}", due_on=DUE)
        make_directive(visit, f"งานของ กยผ. {i}", unit_code="กยผ.", due_on=DUE)
    make_unit_user("unit-kyp", "กยผ.")
    for day, days in ((DUE - dt.timedelta(days=7), 7), (DUE + dt.timedelta(days=1), -1)):
        with django_assert_num_queries(2):
            reminders = list(directive_reminders(day, days))
        # Each office directive: its head and inspector; each unit's: the unit and inspector.
        assert len(reminders) == 4 * many
        assert len({(r.subject_key, r.recipient_id) for r in reminders}) == 4 * many


# --- the links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "texts"),
    [("head", {OFFICE_WORK}), ("inspector", {OFFICE_WORK, UNIT_WORK}), ("unit-kyp", {UNIT_WORK})],
)
def test_the_notification_opens_the_directive_for_the_one_reminded(
    client, office_directive, unit_directive, username, texts
):
    sent(DUE - dt.timedelta(days=7))
    person = User.objects.get(username=username)
    client.force_login(person)
    seen = set()
    for note in Notification.objects.filter(recipient=person):
        opened = client.get(reverse("core:notification_open", kwargs={"pk": note.pk}), follow=True)
        assert opened.redirect_chain == [(note.url, 302)]
        assert opened.status_code == 200
        html = opened.content.decode()
        seen |= {text for text in (OFFICE_WORK, UNIT_WORK) if f"{text}</" in html}
    assert seen == texts


def test_a_unit_person_sees_their_notification_and_not_the_offices(
    client, office_directive, unit_directive, unit_kyp
):
    sent(DUE - dt.timedelta(days=7))
    client.force_login(unit_kyp)
    html = client.get(reverse("core:notifications")).content.decode()
    assert "ข้อสั่งการถึง กยผ. (สอจ.เชียงราย) ครบกำหนด 10 มี.ค. 2569" in html
    assert UNIT_WORK in html
    assert OFFICE_WORK not in html
