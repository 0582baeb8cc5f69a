"""Background work with a real Celery worker process on the configured broker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.db import connection

from config.celery import app as celery_app
from core.models import WorkerHeartbeat
from core.tasks import record_heartbeat


def database_url() -> str:
    """The URL of the database the tests are using, for a worker started beside them."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker_queue(transactional_db):
    """A worker process of its own, on a queue of its own, stopped after the test."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_QUEUE": queue}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--loglevel=warning",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
        ],
        env=env,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.worker
def test_a_real_worker_records_its_heartbeat(worker_queue, client):
    record_heartbeat.apply_async(kwargs={"name": "worker"}, queue=worker_queue)
    deadline = time.monotonic() + 60
    while (
        time.monotonic() < deadline and not WorkerHeartbeat.objects.filter(name="worker").exists()
    ):
        time.sleep(0.25)
    beat = WorkerHeartbeat.objects.get(name="worker")
    assert beat.hostname
    assert client.get("/health/").json()["worker"] == "ok"
