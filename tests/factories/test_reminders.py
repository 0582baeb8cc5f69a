"""Reminders of the register's records: Green Industry certificates about to expire,
complaints past their due date, loans that moved to watch or NPL. Each chosen at its edges,
sent only to people of the record's office, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Notification
from core.tasks import send_reminders
from factories.models import Complaint, GreenIndustryCertificate, Loan, LoanFollowUp
from factories.reminders import complaint_reminders, gi_reminders, loan_reminders
from factories.services import loan_follow_up_record
from tests.builders import add_factory

EXPIRY = dt.date(2026, 6, 30)


def sent(day: dt.date) -> set[tuple[str, str, str]]:
    send_reminders(day.isoformat())
    return set(Notification.objects.values_list("recipient__username", "kind", "threshold"))


def certificate(factory, expires_on: dt.date = EXPIRY, issued_on=dt.date(2023, 7, 1)):
    return GreenIndustryCertificate.objects.create(
        factory=factory, level=2, issued_on=issued_on, expires_on=expires_on
    )


# --- Green Industry ---------------------------------------------------------------------------


def test_a_certificate_is_reminded_90_and_30_days_before_it_expires(member, head):
    certificate(add_factory("โรงงานสีเขียว"))
    assert sent(EXPIRY - dt.timedelta(days=91)) == set()
    assert sent(EXPIRY - dt.timedelta(days=90)) == {("head", "gi", "90d")}
    assert sent(EXPIRY - dt.timedelta(days=31)) == {("head", "gi", "90d")}
    assert sent(EXPIRY - dt.timedelta(days=30)) == {("head", "gi", "90d"), ("head", "gi", "30d")}
    note = Notification.objects.get(threshold="30d")
    assert "30 มิ.ย. 2569" in note.title and "โรงงานสีเขียว" in note.title


def test_a_renewed_certificate_is_not_reminded(member, head):
    factory = add_factory("โรงงานต่ออายุแล้ว")
    certificate(factory)
    certificate(factory, expires_on=EXPIRY.replace(year=2029), issued_on=dt.date(2026, 5, 1))
    assert sent(EXPIRY - dt.timedelta(days=30)) == set()


def test_the_head_of_another_office_is_not_told_of_our_certificates(head, outsider_head):
    certificate(add_factory("โรงงานเชียงราย"))
    assert {name for name, *_ in sent(EXPIRY - dt.timedelta(days=90))} == {"head"}


# --- complaints -------------------------------------------------------------------------------


def complaint(due_on: dt.date, office: str = "57", **extra: object) -> Complaint:
    return Complaint.objects.create(
        office_id=office,
        received_on=due_on - dt.timedelta(days=15),
        channel="phone",
        category="smell",
        description="กลิ่นเหม็นจากบ่อบำบัด",
        due_on=due_on,
        **extra,
    )


def test_a_complaint_is_reminded_the_day_after_its_due_date_not_on_it(member, head):
    due = dt.date(2026, 3, 10)
    complaint(due)
    assert sent(due) == set()
    assert sent(due + dt.timedelta(days=1)) == {("head", "complaint", "overdue")}
    assert "กลิ่นเหม็น" in Notification.objects.get().title


def test_a_resolved_complaint_is_not_reminded(head):
    due = dt.date(2026, 3, 10)
    complaint(due, status="resolved", outcome="ปรับปรุงบ่อแล้ว")
    assert sent(due + dt.timedelta(days=5)) == set()


def test_the_member_who_recorded_the_complaint_is_reminded_too(client, member, head, outsider):
    due = dt.date(2026, 3, 10)
    made = complaint(due)
    made.history.update(history_user=member)
    # One recorded by someone who has since moved to another office: not theirs any more.
    complaint(due).history.update(history_user=outsider)
    send_reminders((due + dt.timedelta(days=1)).isoformat())
    reminded = set(Notification.objects.values_list("recipient__username", "subject_key"))
    assert reminded == {
        ("member", f"complaint:{made.pk}"),
        ("head", f"complaint:{made.pk}"),
        ("head", f"complaint:{made.pk + 1}"),
    }


# --- loans ------------------------------------------------------------------------------------


def loan(status: str = "normal", office: str = "57") -> Loan:
    return Loan.objects.create(
        office_id=office,
        borrower_name="หจก.ข้าวหอม",
        fund_name="กองทุนพัฒนา SME",
        amount=Decimal(500_000),
        approved_on=dt.date(2024, 1, 1),
        status=status,
    )


def moved_on(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(14, 0)))


def test_a_loan_moved_to_watch_by_a_follow_up_tells_the_head_once(member, head):
    day = timezone.localdate()
    lent = loan()
    lent.history.update(history_date=moved_on(day - dt.timedelta(days=30)))
    follow_up = LoanFollowUp(followed_on=day, note="ผ่อนล่าช้า", status_after="watch")
    loan_follow_up_record(loan=lent, follow_up=follow_up, user=member)
    assert sent(day) == {("head", "loan", "watch")}
    assert sent(day + dt.timedelta(days=1)) == {("head", "loan", "watch")}
    assert Notification.objects.count() == 1
    assert "เฝ้าระวัง" in Notification.objects.get().title


def test_each_move_is_its_own_reminder_and_a_recovered_loan_none(head):
    day = dt.date(2026, 3, 10)
    lent = loan()
    lent.history.update(history_date=moved_on(day - dt.timedelta(days=30)))
    lent.status = "watch"
    lent._history_date = moved_on(day - dt.timedelta(days=2))
    lent.save()
    lent.status = "npl"
    lent._history_date = moved_on(day - dt.timedelta(days=1))
    lent.save()
    assert sent(day) == {("head", "loan", "watch"), ("head", "loan", "npl")}
    recovered = loan()
    recovered.status = "normal"
    recovered.note = "แก้ไขหมายเหตุ"  # a change that is not a move
    recovered.save()
    assert Notification.objects.filter(subject_key__startswith=f"loan:{recovered.pk}:").count() == 0


def test_a_move_older_than_the_window_is_not_reminded(head):
    day = dt.date(2026, 3, 10)
    lent = loan("npl")
    lent.history.update(history_date=moved_on(day - dt.timedelta(days=8)))
    assert sent(day) == set()
    lent.history.update(history_date=moved_on(day - dt.timedelta(days=7)))
    assert sent(day) == {("head", "loan", "npl")}


def test_a_move_late_in_the_evening_in_bangkok_counts_for_that_bangkok_day(head):
    # 23:30 on 2 March in Bangkok is 16:30 UTC the same day; 00:30 on 3 March Bangkok is still
    # 2 March in UTC. With a window of 0 days only the Bangkok day counts.
    from core.models import ReminderThreshold

    ReminderThreshold.objects.filter(kind="loan").update(days=0)
    lent = loan("watch")
    bangkok = timezone.get_current_timezone()
    lent.history.update(history_date=dt.datetime(2026, 3, 3, 0, 30, tzinfo=bangkok))
    assert sent(dt.date(2026, 3, 2)) == set()
    assert sent(dt.date(2026, 3, 3)) == {("head", "loan", "watch")}


# --- a fixed number of queries ----------------------------------------------------------------


@pytest.mark.parametrize("many", [1, 6])
def test_each_kind_costs_the_same_queries_for_one_record_or_many(head, many):
    day = timezone.localdate()
    for i in range(many):
        certificate(add_factory(f"โรงงาน {i}"), expires_on=day + dt.timedelta(days=30))
        complaint(day - dt.timedelta(days=1))
        loan("npl")
    counts = {}
    for name, selector, days in (
        ("gi", gi_reminders, 30),
        ("complaint", complaint_reminders, -1),
        ("loan", loan_reminders, 7),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert len(list(selector(day, days))) == many
        counts[name] = len(queries)
    assert counts == {"gi": 2, "complaint": 2, "loan": 3}
