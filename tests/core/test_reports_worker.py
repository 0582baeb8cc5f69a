"""Reports built by a real Celery worker on Redis (or the configured broker), and a worker
killed in the middle of a report: the next one finishes it, once."""

from __future__ import annotations

import os
import signal

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.models import ReportRequest, ReportStatus
from core.storage import private_reports
from offices.models import Office, Role
from tests.builders import MEMBER_OFFICE, answered_inspection, make_user
from tests.pdfs import pdf_text, squeezed
from tests.workers import pool_children, running_worker, wait_for


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    if not Office.objects.exists():  # an earlier transactional test flushed the session's data
        call_command("load_reference_data", verbosity=0)
    settings.MEDIA_ROOT = tmp_path

    member = make_user("member", Role.OFFICER, MEMBER_OFFICE, first_name="สมชาย")
    inspection = answered_inspection(member)
    return member, inspection


def report_files() -> list[str]:
    root = private_reports().location
    return [os.path.join(d, n) for d, _s, names in os.walk(root) for n in names]


def ask(client, member, inspection, settings, queue: str) -> ReportRequest:
    settings.CELERY_TASK_DEFAULT_QUEUE = queue  # the task goes to this worker's own queue
    client.force_login(member)
    url = reverse("core:report_request", kwargs={"kind": "inspection_report", "pk": inspection.pk})
    assert client.post(url, headers={"HX-Request": "true"}).status_code == 200
    return ReportRequest.objects.get()


@pytest.mark.worker
def test_a_real_worker_builds_the_report_asked_for_in_the_browser(world, client, settings):
    member, inspection = world
    with running_worker() as (queue, _worker):
        report = ask(client, member, inspection, settings, queue)

        def finished() -> bool:
            report.refresh_from_db()
            return report.status in (ReportStatus.DONE, ReportStatus.FAILED)

        assert wait_for(finished, seconds=90), report.status
    assert report.status == ReportStatus.DONE, report.error
    download = client.get(reverse("core:report_download", kwargs={"pk": report.pk}))
    assert squeezed("โรงงานแป้งมันเชียงของ") in pdf_text(b"".join(download.streaming_content))


@pytest.mark.worker
def test_a_report_whose_worker_is_killed_is_finished_once_by_the_next(
    world, client, settings, monkeypatch
):
    member, inspection = world
    monkeypatch.setenv("REPORT_BUILD_DELAY", "4")  # long enough to be killed while building
    with running_worker(pool="prefork", concurrency=1) as (queue, worker):
        report = ask(client, member, inspection, settings, queue)

        def running() -> bool:
            report.refresh_from_db()
            return report.status == ReportStatus.RUNNING

        assert wait_for(running, seconds=60, every=0.05), report.status
        killed = pool_children(worker.pid)
        assert killed, "no pool process to kill"
        for pid in killed:
            os.kill(pid, signal.SIGKILL)

        def finished() -> bool:
            report.refresh_from_db()
            return report.status in (ReportStatus.DONE, ReportStatus.FAILED)

        assert wait_for(finished, seconds=120), report.status
        assert set(pool_children(worker.pid)).isdisjoint(killed)  # a new process finished it

    assert report.status == ReportStatus.DONE, report.error
    assert report.attempts == 2
    assert ReportRequest.objects.count() == 1
    assert report_files() == [report.file.path]
