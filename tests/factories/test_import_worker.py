"""An import run by a real worker survives the loss of the process running it."""

from __future__ import annotations

import os
import signal

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.management import call_command

from factories.management.commands.bench_import import generate
from factories.models import Factory, ImportBatch, ImportStatus
from factories.services import import_batch_create
from factories.tasks import import_factories_task, preview_factories_task
from offices.models import Office, Role, User
from tests.builders import far_cell_workbook
from tests.workers import pool_children, running_worker, wait_for

ROWS = 6000


@pytest.mark.worker
def test_an_import_finishes_once_when_its_worker_process_is_killed(transactional_db, tmp_path):
    if not Office.objects.exists():  # an earlier transactional test flushed the session's data
        call_command("load_reference_data", verbosity=0)
    admin = User.objects.create_user("importer", role=Role.ADMIN)
    path = tmp_path / "register.csv"
    generate(path, ROWS, seed=7)
    with path.open("rb") as handle:
        batch = import_batch_create(file=File(handle, name="register.csv"), user=admin)

    with running_worker(pool="prefork", concurrency=1) as (queue, worker):
        import_factories_task.apply_async((batch.pk,), queue=queue)

        def started() -> bool:
            batch.refresh_from_db()
            return batch.status == ImportStatus.RUNNING and batch.processed_rows > 0

        assert wait_for(started, seconds=60, every=0.05), "the import never started"
        children = pool_children(worker.pid)
        assert children, "no pool process to kill"
        for pid in children:
            os.kill(pid, signal.SIGKILL)

        def finished() -> bool:
            batch.refresh_from_db()
            return batch.status in (ImportStatus.DONE, ImportStatus.FAILED)

        assert wait_for(finished, seconds=180), f"stuck at {batch.status} {batch.processed_rows}"

    assert batch.status == ImportStatus.DONE, batch.message
    # Run again from the start after the loss: every factory once, none twice.
    assert Factory.objects.count() == batch.created_count
    assert batch.created_count + batch.error_count == ROWS
    assert ImportBatch.objects.count() == 1


@pytest.mark.worker
def test_a_hostile_workbook_fails_its_batch_and_the_worker_reads_the_next_file(
    transactional_db, tmp_path
):
    if not Office.objects.exists():
        call_command("load_reference_data", verbosity=0)
    admin = User.objects.create_user("importer", role=Role.ADMIN)
    hostile = import_batch_create(
        file=ContentFile(far_cell_workbook(), name="register.xlsx"), user=admin
    )
    path = tmp_path / "register.csv"
    generate(path, 50, seed=3)
    with path.open("rb") as handle:
        fine = import_batch_create(file=File(handle, name="register.csv"), user=admin)
    ImportBatch.objects.update(status=ImportStatus.READING)

    with running_worker(pool="prefork", concurrency=1) as (queue, worker):
        preview_factories_task.apply_async((hostile.pk,), queue=queue)

        def read(batch: ImportBatch) -> bool:
            batch.refresh_from_db()
            return batch.status not in (ImportStatus.READING,)

        assert wait_for(lambda: read(hostile), seconds=90), "the hostile file was never read"
        children = pool_children(worker.pid)
        preview_factories_task.apply_async((fine.pk,), queue=queue)
        assert wait_for(lambda: read(fine), seconds=90), "the next file was never read"
        assert worker.poll() is None and pool_children(worker.pid) == children  # nobody died

    assert hostile.status == ImportStatus.FAILED and "XFD1048576" in hostile.message
    assert hostile.attempts == 1
    assert fine.status == ImportStatus.PREVIEWED and fine.total_rows == 50
