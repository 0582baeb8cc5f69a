"""A real Celery worker process beside the tests, on the broker and database they use."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db import connection

from config.celery import app as celery_app


def database_url() -> str:
    """The URL of the database the tests are using."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextlib.contextmanager
def running_worker(
    *,
    pool: str = "solo",
    concurrency: int = 1,
    queue: str | None = None,
    app: str = "config",
    env: dict[str, str] | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start a worker on a queue of its own (or ``queue``, to share one with another worker) of
    the Celery ``app`` module, with ``env`` added to its environment; yields the queue name and
    the process."""
    queue = queue or f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        **(env or {}),
        "DATABASE_URL": database_url(),
        "CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            app,
            "worker",
            f"--pool={pool}",
            f"--concurrency={concurrency}",
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
        yield queue, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(check: Callable[[], bool], *, seconds: float = 90, every: float = 0.2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(every)
    return check()


def pool_children(pid: int) -> list[int]:
    """The pool processes of a prefork worker."""
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in out.split()]
