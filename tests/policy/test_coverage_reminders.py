"""The fiscal year's coverage reminder: the head is told how many risky factories of the office
are not yet inspected when 90, 60 and 30 days of the year (October to September) remain."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest

from core.models import Notification, ReminderThreshold
from core.tasks import send_reminders
from factories.models import Factory
from tests.builders import add_factory, inspect, risky_factory

# Fiscal year 2569 runs from 1 October 2025 to 30 September 2026.
NINETY_LEFT = dt.date(2026, 7, 2)


def sent(day: dt.date) -> set[tuple[str, str]]:
    send_reminders(day.isoformat())
    return set(Notification.objects.values_list("recipient__username", "threshold"))


@pytest.fixture
def factories(db, member, head, outsider_head):
    risky_factory("โรงงานน้ำเสีย 1")
    risky_factory("โรงงานน้ำเสีย 2")
    add_factory("โรงน้ำแข็ง", type_code="01900")  # no risk: never counted
    inspected = risky_factory("โรงงานที่ตรวจแล้ว")
    inspect(inspected, member, on=dt.date(2025, 11, 5))


def test_the_head_is_told_when_ninety_days_remain_not_the_day_before(factories):
    assert sent(NINETY_LEFT - dt.timedelta(days=1)) == set()
    assert sent(NINETY_LEFT) == {("head", "90d")}
    note = Notification.objects.get()
    assert "2 แห่ง" in note.title and "2569" in note.title and "90 วัน" in note.title
    assert note.url.endswith("?fy=2569&which=missing")


def test_sixty_and_thirty_days_before_the_end(factories):
    assert sent(dt.date(2026, 8, 1)) == {("head", "60d")}
    assert sent(dt.date(2026, 8, 31)) == {("head", "60d"), ("head", "30d")}


def test_an_office_with_every_risky_factory_inspected_is_not_told(factories, member):
    for factory in Factory.objects.filter(name__startswith="โรงงานน้ำเสีย"):
        inspect(factory, member, on=dt.date(2026, 6, 1))
    assert sent(NINETY_LEFT) == set()


def test_the_last_day_of_the_year_counts_that_year_and_the_first_of_october_the_next(
    factories, member
):
    ReminderThreshold.objects.create(kind="coverage", days=0)
    assert sent(dt.date(2026, 9, 30)) == {("head", "0d")}
    assert "2569" in Notification.objects.get().title
    # 1 October 2026 is the first day of 2570: 364 days remain, nothing is due.
    Notification.objects.all().delete()
    assert sent(dt.date(2026, 10, 1)) == set()


def test_an_inspection_on_the_first_of_october_counts_for_the_new_year_only(factories, member):
    ReminderThreshold.objects.create(kind="coverage", days=0)
    for factory in Factory.objects.filter(name__startswith="โรงงานน้ำเสีย"):
        inspect(factory, member, on=dt.date(2026, 10, 1))
    assert sent(dt.date(2026, 9, 30)) == {("head", "0d")}


def test_at_one_in_the_morning_in_bangkok_the_day_is_bangkoks(factories):
    # 01:00 on 2 July in Bangkok is still 1 July in UTC (91 days left there).
    early = dt.datetime.combine(NINETY_LEFT, dt.time(1, 0), tzinfo=ZoneInfo("Asia/Bangkok"))
    with mock.patch("django.utils.timezone.now", return_value=early):
        send_reminders()
    assert set(Notification.objects.values_list("threshold", flat=True)) == {"90d"}
