"""Importing the register from the browser: upload, preview, confirm, progress."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from factories.models import Factory, ImportBatch, ImportStatus
from factories.tasks import fail_stale_import_batches, preview_factories_task
from tests.builders import far_cell_workbook, to_csv


def upload(client, data: bytes, name: str = "register.csv"):
    """Upload as the page does; the worker reads the file once the upload is saved, and the
    officer sees the batch's page after that."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("factories:imports"), {"file": SimpleUploadedFile(name, data)}
        )
    if response.status_code != 302:
        return response
    return client.get(response["Location"])


def test_an_officer_previews_then_imports_the_real_sample(
    client, prachinburi_member, sample_bytes, django_capture_on_commit_callbacks
):
    client.force_login(prachinburi_member)
    response = upload(client, sample_bytes, "diw-factories-sample.csv")
    body = response.content.decode()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.PREVIEWED
    assert "ยืนยันการนำเข้า" in body
    assert not Factory.objects.exists()  # nothing written before the officer confirms
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("factories:import", kwargs={"pk": batch.pk}), follow=True)
    assert 'hx-trigger="every 1s"' in response.content.decode()  # queued: the page polls
    response = client.get(reverse("factories:import", kwargs={"pk": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert Factory.objects.filter(office_id="25").count() == batch.created_count > 0
    assert "นำเข้าเสร็จ" in response.content.decode()


def test_a_broken_file_lists_every_bad_row_and_imports_nothing(
    client, prachinburi_member, sample_rows, django_capture_on_commit_callbacks
):
    header, rows = sample_rows[0], sample_rows[1:6]
    rows[1][header.index("ละติจูด")] = "135.2"
    rows[3][header.index("จำพวก")] = "7"
    client.force_login(prachinburi_member)
    body = upload(client, to_csv([header, *rows])).content.decode()
    batch = ImportBatch.objects.get()
    assert batch.error_count == 2
    assert 'data-testid="import-errors"' in body
    assert "135.2" in body
    assert "ยืนยันการนำเข้า" not in body
    assert "นำเข้าเฉพาะ 3 แถวที่ถูกต้อง" in body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("factories:import", kwargs={"pk": batch.pk}), {"valid_rows_only": "1"})
    assert Factory.objects.count() == 3


def test_a_wrong_kind_of_file_is_refused_in_thai(client, prachinburi_member):
    client.force_login(prachinburi_member)
    response = upload(client, b"%PDF-1.4", "register.pdf")
    assert "รองรับเฉพาะไฟล์ .xlsx หรือ .csv" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_unreadable_file_is_explained(client, prachinburi_member):
    client.force_login(prachinburi_member)
    response = upload(client, b"\x00\x01\x02 not a table", "register.xlsx")
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.FAILED
    assert batch.message and batch.message in response.content.decode()


def test_batches_are_scoped_to_the_office(
    client, prachinburi_member, outsider, inspector, sample_bytes
):
    client.force_login(prachinburi_member)
    upload(client, sample_bytes)
    batch = ImportBatch.objects.get()
    client.force_login(outsider)
    assert client.get(reverse("factories:import", kwargs={"pk": batch.pk})).status_code == 404
    assert client.post(reverse("factories:import", kwargs={"pk": batch.pk})).status_code == 404
    assert (
        client.get(reverse("factories:import_progress", kwargs={"pk": batch.pk})).status_code == 404
    )
    assert batch not in client.get(reverse("factories:imports")).context["batches"]
    client.force_login(inspector)  # region 16: Prachinburi is not theirs, and they never import
    assert client.get(reverse("factories:imports")).status_code == 403


def test_the_progress_fragment_stops_polling_when_done(client, prachinburi_member, sample_bytes):
    client.force_login(prachinburi_member)
    upload(client, sample_bytes)
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING, processed_rows=10)
    response = client.get(reverse("factories:import_progress", kwargs={"pk": batch.pk}))
    assert 'hx-trigger="every 1s"' in response.content.decode()
    assert "HX-Refresh" not in response
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.DONE)
    response = client.get(reverse("factories:import_progress", kwargs={"pk": batch.pk}))
    assert response["HX-Refresh"] == "true"


def test_the_file_is_read_by_a_worker_not_in_the_upload_request(
    client, prachinburi_member, sample_bytes
):
    client.force_login(prachinburi_member)
    response = client.post(
        reverse("factories:imports"), {"file": SimpleUploadedFile("r.csv", sample_bytes)}
    )
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.READING and batch.total_rows == 0  # not read yet
    body = client.get(response["Location"]).content.decode()
    assert "กำลังอ่านและตรวจสอบไฟล์" in body and 'hx-trigger="every 1s"' in body
    assert "ยืนยันการนำเข้า" not in body


def test_a_workbook_claiming_a_far_cell_is_refused_and_the_page_says_which(
    client, prachinburi_member
):
    client.force_login(prachinburi_member)
    body = upload(client, far_cell_workbook(), "register.xlsx").content.decode()
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.FAILED
    assert "XFD1048576" in batch.message and batch.message in body
    assert "ยืนยันการนำเข้า" not in body and "ทุกแถว" not in body


def test_a_failed_batch_never_says_every_row_is_valid(client, prachinburi_member, sample_bytes):
    client.force_login(prachinburi_member)
    upload(client, sample_bytes)
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.FAILED, message="เกิดข้อผิดพลาดในระบบระหว่างนำเข้า"
    )
    body = client.get(reverse("factories:import", kwargs={"pk": batch.pk})).content.decode()
    assert "ถูกต้องทุกแถว" not in body and "ยืนยันการนำเข้า" not in body
    assert "เกิดข้อผิดพลาดในระบบระหว่างนำเข้า" in body and "ลองนำเข้าอีกครั้ง" in body


def test_a_file_that_stopped_its_worker_twice_is_failed_not_tried_again(
    client, prachinburi_member, sample_bytes
):
    client.force_login(prachinburi_member)
    client.post(reverse("factories:imports"), {"file": SimpleUploadedFile("r.csv", sample_bytes)})
    batch = ImportBatch.objects.get()
    # Two workers were lost reading it: each time the message came back to the next worker.
    ImportBatch.objects.filter(pk=batch.pk).update(attempts=2)
    assert preview_factories_task(batch.pk) == "skipped"
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and "ระบบหยุดทำงาน" in batch.message
    body = client.get(reverse("factories:import", kwargs={"pk": batch.pk})).content.decode()
    assert batch.message in body and "ยืนยันการนำเข้า" not in body


def test_a_batch_whose_worker_went_silent_is_failed_by_the_sweep(
    client, prachinburi_member, sample_bytes
):
    client.force_login(prachinburi_member)
    client.post(reverse("factories:imports"), {"file": SimpleUploadedFile("r.csv", sample_bytes)})
    batch = ImportBatch.objects.get()
    assert fail_stale_import_batches() == 0  # just uploaded: left alone
    ImportBatch.objects.filter(pk=batch.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert fail_stale_import_batches() == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and batch.message
    response = client.get(reverse("factories:import_progress", kwargs={"pk": batch.pk}))
    assert response["HX-Refresh"] == "true"  # the page stops waiting
