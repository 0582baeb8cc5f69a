"""Order deadline reminders (core.reminders): to the officer who issued the order and the
office's head, some days before the deadline and once it has passed."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from core.reminders import Reminder, register
from core.thaidates import format_be_date
from inspections.models import Order
from offices.models import Role


def order_reminders(day: dt.date, days: int):
    orders = Order.objects.still_open()
    if days < 0:
        orders, threshold = orders.filter(deadline__lt=day), "overdue"
    else:
        orders, threshold = orders.filter(deadline=day + dt.timedelta(days=days)), f"{days}d"
    orders = list(orders.values("pk", "office_id", "issued_by_id", "number", "deadline"))
    heads: dict[str, list[int]] = {}
    for pk, office_id in (
        get_user_model()
        .objects.filter(
            role=Role.HEAD, office_id__in={o["office_id"] for o in orders}, is_active=True
        )
        .values_list("pk", "office_id")
    ):
        heads.setdefault(office_id, []).append(pk)
    for o in orders:
        title = _("คำสั่ง %(number)s ครบกำหนด %(deadline)s") % {
            "number": o["number"] or o["pk"],
            "deadline": format_be_date(o["deadline"]),
        }
        for recipient in {o["issued_by_id"], *heads.get(o["office_id"], [])} - {None}:
            yield Reminder(recipient, f"order:{o['pk']}", threshold, title)


def register_reminders() -> None:
    register("order", order_reminders)
