"""Reminders of orders (core.reminders), to the officer who issued the order and the office's
head: some days before the deadline and once it has passed (``order``), and a follow-up
inspection due some days after the deadline of an order that none has looked at yet
(``follow_up``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.reminders import Reminder, register
from core.thaidates import format_be_date
from inspections.models import FactoryInspection, InspectionKind, Order
from offices.selectors import Recipients

ORDER_FIELDS = ("pk", "office_id", "issued_by_id", "number", "deadline", "factory__name")


def _to_people(
    orders: list[dict], kind_title: Callable[[dict], str], threshold: str
) -> Iterator[Reminder]:
    people = Recipients({o["office_id"] for o in orders}, {o["issued_by_id"] for o in orders})
    for o in orders:
        title = kind_title(o)
        url = reverse("inspections:order", kwargs={"pk": o["pk"]})
        for recipient in people.of(o["office_id"], o["issued_by_id"]):
            yield Reminder(recipient, f"order:{o['pk']}", threshold, title[:200], url)


def order_reminders(day: dt.date, days: int) -> Iterator[Reminder]:
    """``days`` before the deadline (0: the day itself); a negative ``days``: once, the first
    day the deadline has passed on which the job runs."""
    orders = Order.objects.still_open()
    if days < 0:
        orders, threshold = orders.filter(deadline__lt=day), "overdue"
    else:
        orders, threshold = orders.filter(deadline=day + dt.timedelta(days=days)), f"{days}d"

    def title(o: dict) -> str:
        return _("คำสั่ง %(number)s ครบกำหนด %(deadline)s") % {
            "number": o["number"] or o["pk"],
            "deadline": format_be_date(o["deadline"]),
        }

    yield from _to_people(list(orders.values(*ORDER_FIELDS)), title, threshold)


def follow_up_reminders(day: dt.date, days: int) -> Iterator[Reminder]:
    """``days`` after the deadline of an order still open, when no follow-up inspection of its
    factory has been started since the order was issued."""
    followed = FactoryInspection.objects.filter(
        factory=OuterRef("factory"),
        kind=InspectionKind.FOLLOW_UP,
        inspected_on__gte=OuterRef("issued_on"),
    )
    orders = (
        Order.objects.still_open()
        .filter(deadline=day - dt.timedelta(days=days))
        .filter(~Exists(followed))
        .values(*ORDER_FIELDS)
    )

    def title(o: dict) -> str:
        return _("ถึงกำหนดตรวจติดตามคำสั่ง %(number)s ของ %(factory)s (ครบกำหนด %(deadline)s)") % {
            "number": o["number"] or o["pk"],
            "factory": o["factory__name"],
            "deadline": format_be_date(o["deadline"]),
        }

    yield from _to_people(list(orders), title, f"{days}d")


def register_reminders() -> None:
    register(
        "order",
        order_reminders,
        gettext_lazy("คำสั่ง: จำนวนวันก่อนครบกำหนด (0 = วันครบกำหนด, -1 = เมื่อเลยกำหนด)"),
    )
    register(
        "follow_up",
        follow_up_reminders,
        gettext_lazy("ตรวจติดตามคำสั่ง: จำนวนวันหลังครบกำหนดที่ยังไม่มีการตรวจติดตาม"),
    )
