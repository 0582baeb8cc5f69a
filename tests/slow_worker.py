"""The project's Celery app with one more reminder kind, ``slow``, that takes its time: the
tests of lost workers start their workers with it (``running_worker(app="tests.slow_worker")``)
so that a worker can be killed in the middle of the daily run. It is active only where a test
adds its threshold (``ReminderThreshold(kind="slow", days=N)``: N subjects, 0.1 s each), and
reminds every active person whose username starts with ``slow-``."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

from config.celery import app
from core.reminders import Reminder, register

__all__ = ["app"]

SECONDS_PER_SUBJECT = 0.1


def slow_reminders(day: dt.date, days: int) -> Iterator[Reminder]:
    from offices.models import User

    people = list(
        User.objects.filter(username__startswith="slow-", is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for subject in range(days):
        time.sleep(SECONDS_PER_SUBJECT)
        for person in people:
            yield Reminder(person, f"slow:{subject}", "once", f"เรื่องที่ {subject}")


register("slow", slow_reminders)
