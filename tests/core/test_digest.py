"""The daily digest email: one per person per day in Thai (plain text and HTML), only to those
who want it, never twice however often it is queued, and sent after a mail server error."""

from __future__ import annotations

import datetime as dt
import smtplib
from unittest import mock

import pytest
from django.core import mail

from core.models import DigestSend, Notification
from core.tasks import send_digest, send_digests, send_reminders
from tests.builders import add_factory, issue_s37, make_inspection


@pytest.fixture
def order(db, member, head):
    for person, address in ((member, "somchai@diw.go.th"), (head, "kritsana@diw.go.th")):
        person.email = address
        person.save()
    inspection = make_inspection(add_factory("โรงสีข้าวเชียงแสน"), member, status="approved")
    return issue_s37(inspection, member, days=10, number="ชร 12/2569")


def seven_days_before(order) -> str:
    return (order.deadline - dt.timedelta(days=7)).isoformat()


def test_each_person_gets_one_thai_digest_in_text_and_html(order, member):
    send_reminders(seven_days_before(order))
    assert sorted(m.to[0] for m in mail.outbox) == ["kritsana@diw.go.th", "somchai@diw.go.th"]
    message = next(m for m in mail.outbox if m.to == ["somchai@diw.go.th"])
    assert message.subject.startswith("สรุปการแจ้งเตือนประจำวันที่ ")
    assert "เรียน สมชาย" in message.body
    assert "คำสั่ง ชร 12/2569 ครบกำหนด" in message.body
    note = Notification.objects.get(recipient=member)
    assert f"http://localhost:8000/notifications/{note.pk}/" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "คำสั่ง ชร 12/2569" in html and 'lang="th"' in html
    assert note.digest_sent_at is not None


def test_a_digest_queued_again_sends_nothing_more(order, member):
    day = seven_days_before(order)
    send_reminders(day)
    send_reminders(day)
    send_digests(day)
    assert send_digest(member.pk, day) is False
    assert len(mail.outbox) == 2
    assert DigestSend.objects.count() == 2


def test_nothing_new_means_no_email_the_next_day(order):
    send_reminders(seven_days_before(order))
    mail.outbox.clear()
    send_reminders((order.deadline - dt.timedelta(days=6)).isoformat())
    assert mail.outbox == []


def test_a_person_who_turned_the_digest_off_gets_no_email_but_keeps_the_notification(
    client, order, member
):
    client.force_login(member)
    client.post("/notifications/settings/", {})
    send_reminders(seven_days_before(order))
    assert [m.to for m in mail.outbox] == [["kritsana@diw.go.th"]]
    assert Notification.objects.filter(recipient=member).exists()


def test_read_notifications_are_not_mailed(order, member):
    day = seven_days_before(order)
    with mock.patch("core.tasks.send_digests.delay"):
        send_reminders(day)
    Notification.objects.filter(recipient=member).update(read_at=dt.datetime.now(dt.UTC))
    send_digests(day)
    assert [m.to for m in mail.outbox] == [["kritsana@diw.go.th"]]


def test_a_mail_server_error_is_retried_and_the_digest_sent_once(order, member, settings):
    day = seven_days_before(order)
    with mock.patch("core.tasks.send_digests.delay"):
        send_reminders(day)
    real_send = mail.EmailMultiAlternatives.send
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(self.to)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return real_send(self, *args, **kwargs)

    with mock.patch.object(mail.EmailMultiAlternatives, "send", flaky):
        send_digest.delay(member.pk, day)
    assert len(calls) == 2
    assert [m.to for m in mail.outbox] == [["somchai@diw.go.th"]]
    assert DigestSend.objects.filter(recipient=member).count() == 1
