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
