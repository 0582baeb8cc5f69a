"""Order deadline reminders: chosen at the threshold's edges, created once however often the
job runs, and sent only to the office of the order."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from core.models import Notification
from core.tasks import send_reminders
from offices.models import Role
from tests.builders import add_factory, issue_s37, make_inspection, make_user


@pytest.fixture
def order(db, member, head):
    inspection = make_inspection(add_factory("โรงสีข้าวเชียงแสน"), member, status="approved")
    return issue_s37(inspection, member, days=10)


def sent(day: dt.date) -> set[tuple[str, str]]:
    send_reminders(day.isoformat())
    return set(Notification.objects.values_list("recipient__username", "threshold"))


def test_seven_days_before_the_deadline_the_officer_and_the_head_are_reminded(order):
    assert sent(order.deadline - dt.timedelta(days=8)) == set()
    assert sent(order.deadline - dt.timedelta(days=7)) == {("member", "7d"), ("head", "7d")}


def test_the_day_before_and_after_the_deadline(order):
    assert sent(order.deadline - dt.timedelta(days=1)) == {("member", "1d"), ("head", "1d")}
    assert ("member", "overdue") not in sent(order.deadline)
    assert ("member", "overdue") in sent(order.deadline + dt.timedelta(days=1))


def test_running_the_job_twice_creates_each_notification_once(order):
    day = order.deadline - dt.timedelta(days=7)
    sent(day)
    sent(day)
    assert Notification.objects.count() == 2


def test_an_officer_of_another_office_gets_nothing(order):
    make_user("other", Role.OFFICER, "66")
    assert "other" not in {name for name, _ in sent(order.deadline + dt.timedelta(days=3))}


def test_the_job_without_a_day_takes_todays_date_in_bangkok(order):
    # 01:00 in Bangkok seven days before the deadline is still the eighth day before it in UTC.
    seven_days_before = order.deadline - dt.timedelta(days=7)
    bangkok_early_morning = dt.datetime.combine(
        seven_days_before, dt.time(1, 0), tzinfo=ZoneInfo("Asia/Bangkok")
    )
    with mock.patch("django.utils.timezone.now", return_value=bangkok_early_morning):
        send_reminders()
    assert set(Notification.objects.values_list("threshold", flat=True)) == {"7d"}
