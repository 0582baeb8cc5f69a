"""Background work with a real Celery worker process on the configured broker."""

from __future__ import annotations

import pytest

from core.models import WorkerHeartbeat
from core.tasks import record_heartbeat
from tests.workers import running_worker, wait_for


@pytest.mark.worker
def test_a_real_worker_records_its_heartbeat(transactional_db, client):
    with running_worker() as (queue, _process):
        # The worker announces itself when it starts …
        assert wait_for(lambda: WorkerHeartbeat.objects.filter(name="worker").exists())
        # … and runs what it is sent.
        record_heartbeat.apply_async(kwargs={"name": "sent-by-test"}, queue=queue)
        assert wait_for(lambda: WorkerHeartbeat.objects.filter(name="sent-by-test").exists())
    beat = WorkerHeartbeat.objects.get(name="worker")
    assert beat.hostname
    assert client.get("/health/").json()["worker"] == "ok"
