"""An order's history page: who issued it and who changed what (its deadline, its status), when in
the Buddhist Era, for whoever may see the order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.thaidates import format_be_date
from inspections.models import OrderStatus
from inspections.services.review import orders_mark_overdue
from tests.builders import add_factory, issue_s37, make_inspection
from tests.pages import page_texts

pytestmark = pytest.mark.django_db


def today() -> str:
    with translation.override("th"):
        return format_be_date(timezone.localdate())


@pytest.fixture
def order(member, head):
    inspection = make_inspection(add_factory("โรงสีข้าวเชียงแสน"), member)
    order = issue_s37(inspection, member)
    order.history.update(history_user=member)  # as the order form records whoever issued it
    return order


def corrected(order, user, **changes) -> None:
    """Saved as ``user`` (what the history middleware records of a signed-in person)."""
    for name, value in changes.items():
        setattr(order, name, value)
    order._history_user = user
    order.save()
    del order._history_user


def history_url(order) -> str:
    return reverse("inspections:order_history", kwargs={"pk": order.pk})


def test_it_shows_who_changed_what_and_when(client, order, member, head):
    old_deadline, today_ = order.deadline, timezone.localdate()
    corrected(
        order,
        head,
        issued_on=today_ - dt.timedelta(days=20),
        deadline=today_ - dt.timedelta(days=1),
    )
    corrected(order, head, number="อก 0032/123")  # soon after: the same sitting
    assert orders_mark_overdue() == 1

    client.force_login(member)
    detail = client.get(reverse("inspections:order", kwargs={"pk": order.pk}))
    assert page_texts(detail).texts["history-link"] == "ประวัติการแก้ไข"
    response = client.get(history_url(order))
    overdue, sitting, issued = page_texts(response).all("history-entry")
    with translation.override("th"):
        before, after = format_be_date(old_deadline), format_be_date(order.deadline)
    assert sitting.startswith(f"{today()} ")
    assert " · แก้ไข · บันทึก 2 ครั้ง · กฤษณา" in sitting
    assert f"กำหนดให้แล้วเสร็จ: {before} เป็น {after}" in sitting
    assert "เลขที่คำสั่ง: – เป็น อก 0032/123" in sitting
    assert " · แก้ไข · ระบบ" in overdue
    assert f"สถานะ: {OrderStatus.OPEN.label} เป็น {OrderStatus.OVERDUE.label}" in overdue
    assert issued.split(" · ")[1:3] == ["สร้าง", "สมชาย"]


def test_it_is_for_whoever_sees_the_order(client, order, head, outsider, inspector):
    for person in (head, inspector):
        client.force_login(person)
        assert client.get(history_url(order)).status_code == 200
    client.force_login(outsider)
    assert client.get(history_url(order)).status_code == 404
    client.logout()
    response = client.get(history_url(order))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_reads_a_fixed_number_of_queries(client, order, head, django_assert_num_queries):
    client.force_login(head)
    corrected(order, head, number="1")
    client.get(history_url(order))  # the menu's counts are kept a while
    with django_assert_num_queries(2):  # the order with its factory, its versions
        client.get(history_url(order))
    for day in range(1, 40):
        corrected(order, head, number=str(day + 1), deadline=order.deadline + dt.timedelta(days=1))
    client.get(history_url(order))
    with django_assert_num_queries(2):
        assert len(page_texts(client.get(history_url(order))).all("history-entry")) == 2
