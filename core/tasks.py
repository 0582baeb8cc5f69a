"""Housekeeping tasks run by beat."""

from __future__ import annotations

import socket

from celery import shared_task
from django.core.management import call_command
from django.utils import timezone

from core.models import WorkerHeartbeat


@shared_task
def record_heartbeat(name: str = "worker") -> str:
    WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"last_seen": timezone.now(), "hostname": socket.gethostname()}
    )
    return name


@shared_task
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_reminders(day: str | None = None) -> int:
    """Create every due notification once: the unique key makes a second run (or a second
    worker at the same time) add nothing."""
    import datetime as dt

    from core.models import Notification
    from core.reminders import reminders_for

    when = dt.date.fromisoformat(day) if day else timezone.localdate()
    rows = [
        Notification(
            recipient_id=r.recipient_id,
            kind=kind,
            subject_key=r.subject_key,
            threshold=r.threshold,
            title=r.title,
            url=r.url,
        )
        for kind, r in reminders_for(when)
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
