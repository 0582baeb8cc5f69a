"""Housekeeping tasks run by beat."""

from __future__ import annotations

import datetime as dt
import smtplib
import socket

from celery import shared_task
from django.conf import settings
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


def _day(day: str | None) -> dt.date:
    # Beat sends no day: the worker takes today's date in Bangkok (TIME_ZONE) when it runs.
    return dt.date.fromisoformat(day) if day else timezone.localdate()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_reminders(day: str | None = None) -> int:
    """Create every due notification once (the unique key makes a second run, or a second
    worker at the same time, add nothing), then queue the day's digests."""
    from core.notifications import notifications_create

    when = _day(day)
    due = notifications_create(day=when)
    send_digests.delay(when.isoformat())
    return sum(due.values())


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


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_digests(day: str | None = None) -> int:
    """Queue one digest task per person with something to tell; each sends at most once."""
    from core.notifications import digest_recipients

    when = _day(day)
    people = digest_recipients(day=when)
    for user_id in people:
        send_digest.delay(user_id, when.isoformat())
    return len(people)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8)
def send_digest(self, user_id: int, day: str) -> bool:
    """One person's digest of the day. A mail server that fails or cannot be reached is tried
    again after 30 s, 1, 2, 4 … minutes (at most 10), short of the broker's visibility timeout
    so that a waiting retry is never handed to a second worker."""
    from core.notifications import digest_send

    try:
        return digest_send(user_id=user_id, day=dt.date.fromisoformat(day))
    except (smtplib.SMTPException, OSError) as exc:
        wait = min(settings.DIGEST_RETRY_SECONDS * 2**self.request.retries, 600)
        raise self.retry(exc=exc, countdown=wait) from exc
