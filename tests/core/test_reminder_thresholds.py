"""The reminders' thresholds are data: listed in admin with what their days mean, and a change
there changes what the next run sends."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from core.models import Notification, ReminderThreshold
from core.tasks import send_reminders
from factories.models import GreenIndustryCertificate
from tests.builders import add_factory


def test_admin_lists_every_kind_with_the_meaning_of_its_days(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:core_reminderthreshold_changelist")).content.decode()
    for meaning in (
        "คำสั่ง: จำนวนวันก่อนครบกำหนด",
        "ตรวจติดตามคำสั่ง: จำนวนวันหลังครบกำหนด",
        "ใบรับรองอุตสาหกรรมสีเขียว: จำนวนวันก่อนหมดอายุ",
        "เรื่องร้องเรียน: จำนวนวันก่อนกำหนดแล้วเสร็จ",
        "โรงงานเสี่ยงที่ยังไม่ได้ตรวจ: จำนวนวันที่เหลือของปีงบประมาณ",
        "สินเชื่อเปลี่ยนเป็นเฝ้าระวังหรือ NPL",
        "ข้อสั่งการ: จำนวนวันก่อนครบกำหนด",
    ):
        assert meaning in page
    assert set(ReminderThreshold.objects.values_list("kind", flat=True)) == {
        "order",
        "follow_up",
        "gi",
        "complaint",
        "coverage",
        "loan",
        "directive",
    }


def test_a_threshold_switched_off_or_changed_in_admin_changes_the_next_run(
    client, admin_user, head
):
    expires = dt.date(2026, 6, 30)
    GreenIndustryCertificate.objects.create(
        factory=add_factory("โรงงานสีเขียว"),
        level=1,
        issued_on=dt.date(2024, 1, 1),
        expires_on=expires,
    )
    ninety = ReminderThreshold.objects.get(kind="gi", days=90)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:core_reminderthreshold_change", args=[ninety.pk]),
        {"kind": "gi", "days": "60", "active": ""},
    )
    assert response.status_code == 302
    send_reminders((expires - dt.timedelta(days=90)).isoformat())
    assert not Notification.objects.exists()
    ReminderThreshold.objects.filter(pk=ninety.pk).update(active=True)
    send_reminders((expires - dt.timedelta(days=60)).isoformat())
    assert list(Notification.objects.values_list("threshold", flat=True)) == ["60d"]
