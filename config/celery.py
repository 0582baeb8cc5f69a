"""The Celery application. One static beat schedule lives here so that only one beat runs it."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import beat_init, worker_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("inspection")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "worker-heartbeat": {
        "task": "core.tasks.record_heartbeat",
        "schedule": 60.0,
    },
    "mark-overdue-orders": {
        "task": "inspections.tasks.mark_overdue_orders",
        "schedule": crontab(hour=0, minute=30),
    },
    "fail-stale-import-batches": {
        "task": "factories.tasks.fail_stale_import_batches",
        "schedule": crontab(minute="*/10"),
    },
    "send-reminders": {
        "task": "core.tasks.send_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "clear-expired-sessions": {
        "task": "core.tasks.clear_expired_sessions",
        "schedule": crontab(hour=2, minute=15),
    },
}


@worker_init.connect
@beat_init.connect
def _make_local_folders(**kwargs) -> None:
    # The worker and beat are not started through manage.py: they make the broker's folders
    # (and SQLite's) themselves before they first read them.
    from config.local_folders import make_local_folders

    make_local_folders()


@worker_ready.connect
def _announce_worker(sender, **kwargs) -> None:
    # Health shows the worker as soon as it starts, not only after the first beat.
    sender.app.send_task("core.tasks.record_heartbeat")
