"""The daily reminders with real workers on Redis: two runs at once create and send nothing
twice, a worker killed in the middle of the run leaves the work to the next one (nothing lost,
nothing doubled), and a mail server error delays a digest but never doubles it."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time

import pytest
from django.core.management import call_command

from config.smtp_sink import SmtpSink
from core.models import DigestSend, Notification, ReminderThreshold
from core.tasks import send_reminders
from offices.models import Office, Role
from tests.builders import add_factory, issue_s37, make_inspection, make_user
from tests.workers import running_worker, wait_for

ORDERS = 10
SLOW_SUBJECTS = 30  # 0.1 s each: the run takes three seconds or more
SLOW_PEOPLE = 3
VISIBILITY_SECONDS = 2
# The orders remind their officer and the head; the slow kind its three people.
EXPECTED = ORDERS * 2 + SLOW_SUBJECTS * SLOW_PEOPLE
PEOPLE = 2 + SLOW_PEOPLE


@pytest.fixture
def world(transactional_db) -> str:
    """Ten orders due in seven days, the slow kind's thresholds and five people with email;
    returns the day the reminders are due."""
    if not Office.objects.exists():  # an earlier transactional test flushed the session's data
        call_command("load_reference_data", verbosity=0)
    member = make_user("member", Role.OFFICER, "57", email="member@diw.go.th")
    make_user("head", Role.HEAD, "57", email="head@diw.go.th")
    for i in range(SLOW_PEOPLE):
        make_user(f"slow-{i}", Role.OFFICER, "57", email=f"slow-{i}@diw.go.th")
    ReminderThreshold.objects.get_or_create(kind="order", days=7)
    ReminderThreshold.objects.create(kind="slow", days=SLOW_SUBJECTS)
    orders = [
        issue_s37(
            make_inspection(add_factory(f"โรงงาน {i}"), member, status="approved"), member, days=7
        )
        for i in range(ORDERS)
    ]
    return (orders[0].deadline - dt.timedelta(days=7)).isoformat()  # today


def worker_env(sink: SmtpSink) -> dict[str, str]:
    return {
        **sink.environment(),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
        "DIGEST_RETRY_SECONDS": "1",
    }


def all_done(sink: SmtpSink) -> bool:
    return Notification.objects.count() == EXPECTED and len(sink.received) >= PEOPLE


def assert_once_each(sink: SmtpSink) -> None:
    time.sleep(3)  # a second copy of anything would have come by now
    assert Notification.objects.count() == EXPECTED
    assert Notification.objects.filter(digest_sent_at__isnull=True).count() == 0
    assert DigestSend.objects.count() == PEOPLE
    assert sink.per_recipient() == {
        address: 1
        for address in ["member@diw.go.th", "head@diw.go.th"]
        + [f"slow-{i}@diw.go.th" for i in range(SLOW_PEOPLE)]
    }


@pytest.mark.worker
def test_two_runs_at_once_create_and_send_everything_once(world):
    with (
        SmtpSink() as sink,
        running_worker(
            app="tests.slow_worker", pool="prefork", concurrency=2, env=worker_env(sink)
        ) as (queue, _worker),
    ):
        send_reminders.apply_async((world,), queue=queue)
        send_reminders.apply_async((world,), queue=queue)
        assert wait_for(lambda: all_done(sink), seconds=120), Notification.objects.count()
        assert_once_each(sink)


@pytest.mark.worker
def test_a_worker_killed_mid_run_leaves_the_rest_to_the_next_one(world):
    with SmtpSink() as sink:
        env = worker_env(sink)
        with running_worker(app="tests.slow_worker", env=env) as (queue, first):
            send_reminders.apply_async((world,), queue=queue)
            # The orders' reminders are committed before the slow kind begins.
            assert wait_for(
                lambda: Notification.objects.filter(kind="order").count() == ORDERS * 2,
                seconds=60,
                every=0.05,
            )
            os.kill(first.pid, signal.SIGKILL)
            first.wait()
        assert Notification.objects.count() == ORDERS * 2  # the slow kind died with the worker
        assert sink.received == []
        time.sleep(VISIBILITY_SECONDS + 1)  # Redis gives the unacknowledged run to the next
        with running_worker(app="tests.slow_worker", env=env, queue=queue):
            assert wait_for(lambda: all_done(sink), seconds=120), Notification.objects.count()
            assert_once_each(sink)


@pytest.mark.worker
def test_a_mail_server_error_then_success_sends_each_digest_once(world):
    ReminderThreshold.objects.filter(kind="slow").delete()
    sink = SmtpSink(fail_first=2)
    with sink, running_worker(env=worker_env(sink)) as (queue, _worker):
        send_reminders.apply_async((world,), queue=queue)
        assert wait_for(lambda: len(sink.received) >= 2, seconds=60)
        time.sleep(3)
    assert sink.attempts == 4  # two refused, then both accepted
    assert sink.per_recipient() == {"member@diw.go.th": 1, "head@diw.go.th": 1}
    assert DigestSend.objects.count() == 2
    message = sink.received[0].message
    assert str(message["Subject"]).strip().startswith("สรุปการแจ้งเตือนประจำวันที่")
    assert "ครบกำหนด" in message.get_body(("plain",)).get_content()
