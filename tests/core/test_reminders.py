"""Order deadline reminders: chosen at the threshold's edges, created once however often the
job runs, and sent only to the office of the order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

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


def test_the_default_day_is_bangkoks(order, settings):
    assert timezone.localdate().isoformat()  # the job without a day uses timezone.localdate
    send_reminders()
