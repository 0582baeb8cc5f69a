"""Follow-up inspections due: the day after an order's deadline (and two weeks later), the
officer who issued it and the head are told to follow it up, unless a follow-up inspection of
the factory has started since the order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Notification
from core.tasks import send_reminders
from inspections.reminders import follow_up_reminders, order_reminders
from tests.builders import add_factory, follow_up_of, issue_s37, make_inspection


@pytest.fixture
def order(db, member, head):
    inspection = make_inspection(add_factory("โรงสีข้าวเชียงแสน"), member, status="approved")
    return issue_s37(inspection, member, days=10)


def follow_ups(day: dt.date) -> set[tuple[str, str]]:
    send_reminders(day.isoformat())
    return set(
        Notification.objects.filter(kind="follow_up").values_list(
            "recipient__username", "threshold"
        )
    )


def test_the_day_of_the_deadline_no_follow_up_is_due_the_day_after_it_is(order):
    assert follow_ups(order.deadline) == set()
    assert follow_ups(order.deadline + dt.timedelta(days=1)) == {("member", "1d"), ("head", "1d")}
    note = Notification.objects.get(kind="follow_up", recipient__username="member")
    assert "โรงสีข้าวเชียงแสน" in note.title
    assert note.url == f"/inspections/orders/{order.pk}/"


def test_two_weeks_after_the_deadline_again_if_nobody_followed_it_up(order):
    assert follow_ups(order.deadline + dt.timedelta(days=14)) == {
        ("member", "14d"),
        ("head", "14d"),
    }


def test_a_follow_up_inspection_started_stops_the_reminder(order, member):
    follow_up_of(order.factory, member)
    assert follow_ups(order.deadline + dt.timedelta(days=1)) == set()


def test_a_closed_order_is_not_followed_up(order):
    order.status = "complied"
    order.save()
    assert follow_ups(order.deadline + dt.timedelta(days=1)) == set()


def test_an_officer_who_moved_office_is_no_longer_reminded_of_our_orders(order, member):
    member.office_id = "66"
    member.save()
    assert follow_ups(order.deadline + dt.timedelta(days=1)) == {("head", "1d")}


@pytest.mark.parametrize("many", [1, 5])
def test_the_order_kinds_cost_the_same_queries_for_one_order_or_many(member, head, many):
    orders = [
        issue_s37(make_inspection(add_factory(f"โรงงาน {i}"), member, status="approved"), member)
        for i in range(many)
    ]
    deadline = orders[0].deadline
    counts = []
    for selector, day, days in (
        (order_reminders, deadline - dt.timedelta(days=7), 7),
        (follow_up_reminders, deadline + dt.timedelta(days=1), 1),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert len(list(selector(day, days))) == 2 * many
        counts.append(len(queries))
    assert counts == [2, 2]
