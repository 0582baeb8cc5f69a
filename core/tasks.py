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


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=4,
    soft_time_limit=9 * 60,
    time_limit=10 * 60,
)
def build_report(self, report_id: int) -> str:
    """Build one requested report (``core.reports.report_build``): idempotent, so a duplicated
    or redelivered task leaves one report; a report whose worker died is taken over."""
    from core.reports import ReportBusy, report_build

    try:
        return report_build(report_id=report_id, last_try=self.request.retries >= self.max_retries)
    except ReportBusy:
        # Claimed by a worker elsewhere that may be lost: look again once its lease may be over.
        raise self.retry(countdown=60, max_retries=12) from None
