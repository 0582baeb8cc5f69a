"""Asking for a report from its subject's page, following it, retrying and downloading it:
who may do each, and what the worker leaves behind (built here by the task run at once)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import socket

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core import reports
from core.models import ReportRequest, ReportStatus
from core.reports import report_build, report_request_create
from core.storage import private_reports
from core.thaidates import format_be_date
from inspections.models import FactoryInspection
from tests.builders import answered_inspection, issue_s37
from tests.pages import page_texts
from tests.pdfs import pdf_text, squeezed


@pytest.fixture
def inspection(member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    inspection = answered_inspection(member)
    inspection.refresh_from_db()
    return inspection


def request_url(kind: str, pk: int) -> str:
    return reverse("core:report_request", kwargs={"kind": kind, "pk": pk})


def report_files() -> list[str]:
    root = private_reports().location
    return [os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names]


def test_it_builds_the_report_asked_for_and_hands_it_to_the_officer(
    client, member, inspection, django_capture_on_commit_callbacks
):
    client.force_login(member)
    page = client.get(reverse("inspections:detail", kwargs={"pk": inspection.pk}))
    assert request_url("inspection_report", inspection.pk) in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            request_url("inspection_report", inspection.pk), headers={"HX-Request": "true"}
        )
    assert response.status_code == 200
    report = ReportRequest.objects.get()
    assert report.status == ReportStatus.DONE, report.error
    assert report.attempts == 1
    assert report.office_id == inspection.office_id
    assert report.title.startswith("รายงานผลการตรวจ โรงงานแป้งมันเชียงของ")

    status = client.get(reverse("core:report_status", kwargs={"pk": report.pk}))
    assert 'hx-trigger="every 2s"' not in status.content.decode()
    download_url = reverse("core:report_download", kwargs={"pk": report.pk})
    assert download_url in status.content.decode()
    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="{report.filename}"' in download["Content-Disposition"]
    content = b"".join(download.streaming_content)
    assert squeezed("โรงงานแป้งมันเชียงของ") in pdf_text(content)
    # The file is private: it has no URL, and it lives under media/private/reports.
    assert report.file.path.startswith(str(inspection.photos.first().image.storage.location))
    assert "/private/reports/" in report.file.path
    with pytest.raises(ValueError):
        report.file.url  # noqa: B018


def test_it_polls_while_the_report_waits_and_asks_only_once(client, member, inspection):
    client.force_login(member)
    # The commit's callbacks are not run: the report stays queued.
    first = client.post(
        request_url("inspection_report", inspection.pk), headers={"HX-Request": "true"}
    )
    second = client.post(
        request_url("inspection_report", inspection.pk), headers={"HX-Request": "true"}
    )
    report = ReportRequest.objects.get()
    assert report.status == ReportStatus.QUEUED
    for response in (first, second):
        text = response.content.decode()
        assert 'hx-trigger="every 2s"' in text
        assert reverse("core:report_status", kwargs={"pk": report.pk}) in text
        assert "รอคิว" in text
    download = client.get(reverse("core:report_download", kwargs={"pk": report.pk}))
    assert download.status_code == 404  # nothing to download yet


def test_it_asks_for_the_order_letter_in_thai_digits(
    client, member, inspection, django_capture_on_commit_callbacks
):
    order = issue_s37(inspection, member)
    client.force_login(member)
    page = client.get(reverse("inspections:order", kwargs={"pk": order.pk}))
    assert request_url("order_letter", order.pk) in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(request_url("order_letter", order.pk), {"thai_digits": "1"})
    report = ReportRequest.objects.get()
    assert report.params == {"thai_digits": True}
    assert report.status == ReportStatus.DONE, report.error
    with report.file.open("rb") as handle:
        assert squeezed("มาตรา ๓๗") in pdf_text(handle.read())


# --- access -----------------------------------------------------------------------------------


@pytest.fixture
def done_report(member, inspection, django_capture_on_commit_callbacks) -> ReportRequest:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request_create(user=member, kind="inspection_report", pk=inspection.pk)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    return report


@pytest.mark.parametrize("name", ["report_status", "report_download", "report_history"])
def test_it_hides_a_report_from_another_office(client, outsider, done_report, name):
    client.force_login(outsider)
    assert client.get(reverse(f"core:{name}", kwargs={"pk": done_report.pk})).status_code == 404


def test_it_refuses_another_offices_officer_asking_or_retrying(client, outsider, done_report):
    client.force_login(outsider)
    subject = reports.subject_pk(done_report)
    assert client.post(request_url("inspection_report", subject)).status_code == 404
    retry = reverse("core:report_retry", kwargs={"pk": done_report.pk})
    assert client.post(retry).status_code == 404
    assert client.post(request_url("no_such_kind", subject)).status_code == 404
    assert ReportRequest.objects.count() == 1


def test_it_lets_the_head_of_the_office_download_the_officers_report(
    client, head, inspector, done_report
):
    for person in (head, inspector):
        client.force_login(person)
        url = reverse("core:report_download", kwargs={"pk": done_report.pk})
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        lambda r: reverse("core:report_status", kwargs={"pk": r.pk}),
        lambda r: reverse("core:report_download", kwargs={"pk": r.pk}),
        lambda r: reverse("core:report_history", kwargs={"pk": r.pk}),
        lambda r: reverse("core:my_reports"),
    ],
)
def test_it_sends_someone_signed_out_to_log_in(client, done_report, url):
    response = client.get(url(done_report))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_sends_someone_signed_out_asking_for_a_report_to_log_in(client, done_report):
    response = client.post(request_url("inspection_report", reports.subject_pk(done_report)))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert ReportRequest.objects.count() == 1


def test_it_never_serves_a_report_from_media(client, member, done_report):
    client.force_login(member)
    relative = os.path.relpath(done_report.file.path, private_reports().location)
    assert client.get(f"/media/private/reports/{relative}").status_code == 404


# --- failing, retrying, building once -----------------------------------------------------------


@pytest.fixture
def flaky_kind(monkeypatch):
    """A kind of report on the inspection that fails until told otherwise."""
    state = {"fail": True}

    def build(pk, params):
        if state["fail"]:
            raise reports.ReportError("ไม่พบภาพถ่ายของการตรวจ")
        return b"%PDF-1.7 built"

    kind = reports.ReportKind(
        code="flaky",
        title="flaky",
        model="inspections.factoryinspection",
        find=reports.KINDS["inspection_report"].find,
        build=build,
        filename=lambda subject, params: "flaky.pdf",
        describe=lambda subject, params: "รายงานทดลอง",
        office_of=lambda subject: subject.office_id,
    )
    monkeypatch.setitem(reports.KINDS, "flaky", kind)
    return state


def test_it_shows_why_a_report_failed_and_builds_it_again_on_retry(
    client, member, inspection, flaky_kind, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(request_url("flaky", inspection.pk), headers={"HX-Request": "true"})
    report = ReportRequest.objects.get()
    assert report.status == ReportStatus.FAILED
    status = client.get(reverse("core:report_status", kwargs={"pk": report.pk})).content.decode()
    assert "ไม่พบภาพถ่ายของการตรวจ" in status
    assert "ลองอีกครั้ง" in status and 'hx-trigger="every 2s"' not in status

    flaky_kind["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(
            reverse("core:report_retry", kwargs={"pk": report.pk}), headers={"HX-Request": "true"}
        )
    # The answer polls the report, queued again; the worker then builds it.
    assert 'hx-trigger="every 2s"' in retried.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.error == ""
    status = client.get(reverse("core:report_status", kwargs={"pk": report.pk})).content.decode()
    assert "ดาวน์โหลด" in status


def test_it_does_not_build_a_finished_report_again(done_report):
    before = report_files()
    assert report_build(report_id=done_report.pk) == "skipped"
    assert report_files() == before and len(before) == 1


def test_it_takes_over_a_report_whose_worker_died_and_leaves_a_live_ones_alone(
    member, inspection, flaky_kind
):
    flaky_kind["fail"] = False
    report = report_request_create(user=member, kind="flaky", pk=inspection.pk)
    # Claimed by this machine's parent process, which runs: left to it.
    alive = f"{socket.gethostname()}:{os.getppid()}"
    ReportRequest.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, worker=alive, attempts=1, started_at=timezone.now()
    )
    assert report_build(report_id=report.pk) == "skipped"
    # Claimed by a process that no longer runs: built here, counted as a second attempt.
    ReportRequest.objects.filter(pk=report.pk).update(worker=f"{socket.gethostname()}:999999")
    assert report_build(report_id=report.pk) == "done"
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.attempts == 2
    assert len(report_files()) == 1


def test_it_fails_a_report_that_lost_its_worker_three_times(member, inspection, flaky_kind):
    report = report_request_create(user=member, kind="flaky", pk=inspection.pk)
    ReportRequest.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, worker=f"{socket.gethostname()}:999999", attempts=3
    )
    assert report_build(report_id=report.pk) == "skipped"
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert "หยุดทำงานระหว่างสร้างรายงานนี้ 3 ครั้ง" in report.error


# --- my reports ------------------------------------------------------------------------------


def test_it_lists_my_reports_with_buddhist_era_dates_at_a_fixed_cost(
    client, member, head, inspection, flaky_kind, django_assert_num_queries
):
    flaky_kind["fail"] = False
    client.force_login(member)
    url = reverse("core:my_reports")
    report_request_create(user=head, kind="flaky", pk=inspection.pk)  # someone else's
    counts = []
    for n in (1, 12):
        while ReportRequest.objects.filter(requested_by=member).count() < n:
            report = report_request_create(user=member, kind="flaky", pk=inspection.pk)
            ReportRequest.objects.filter(pk=report.pk).update(status=ReportStatus.DONE)
        client.get(url)  # the menu's counts are cached by the first page
        # the page's rows, which are their own count on a page that is not full
        with django_assert_num_queries(1) as context:
            response = client.get(url)
        counts.append(len(context.captured_queries))
        assert response.content.decode().count('data-testid="report-row"') == n
    assert counts == [1, 1]
    text = response.content.decode()
    assert "รายงานทดลอง" in text
    assert "flaky" in text  # the kind's name
    created = ReportRequest.objects.filter(requested_by=member).first().created_at
    assert str(created.astimezone().year + 543) in text
    # The menu links to the page.
    assert f'href="{url}"' in client.get(reverse("core:home")).content.decode()


def test_it_shows_an_admin_the_reports_and_why_they_failed(
    client, admin_user, member, inspection, flaky_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request_create(user=member, kind="flaky", pk=inspection.pk)
    client.force_login(admin_user)
    listing = client.get(reverse("admin:core_reportrequest_changelist")).content.decode()
    assert "รายงานทดลอง" in listing and "ไม่สำเร็จ" in listing
    detail = client.get(reverse("admin:core_reportrequest_change", args=[report.pk]))
    assert "ไม่พบภาพถ่ายของการตรวจ" in detail.content.decode()


def test_it_gives_a_report_back_to_the_queue_on_a_storage_error_and_fails_it_at_the_last_try(
    member, inspection, monkeypatch
):
    def build(pk, params):
        raise OSError(28, "No space left on device")

    kind = reports.ReportKind(
        code="full_disk",
        title="full disk",
        model="inspections.factoryinspection",
        find=reports.KINDS["inspection_report"].find,
        build=build,
        filename=lambda subject, params: "full.pdf",
        describe=lambda subject, params: "รายงานดิสก์เต็ม",
        office_of=lambda subject: subject.office_id,
    )
    monkeypatch.setitem(reports.KINDS, "full_disk", kind)
    report = report_request_create(user=member, kind="full_disk", pk=inspection.pk)
    with pytest.raises(OSError):
        report_build(report_id=report.pk, last_try=False)  # the task retries it later
    report.refresh_from_db()
    assert (report.status, report.worker, report.attempts) == (ReportStatus.QUEUED, "", 0)
    assert report_build(report_id=report.pk, last_try=True) == "failed"
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.error == "บันทึกไฟล์รายงานไม่สำเร็จ กรุณาลองอีกครั้งภายหลัง"
    assert report_files() == []


def test_it_keeps_one_waiting_request_per_report_in_the_database(member, inspection):
    values = {
        "kind": "inspection_report",
        "subject_key": f"inspections.factoryinspection:{inspection.pk}",
        "title": "รายงาน",
        "requested_by": member,
    }
    ReportRequest.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRequest.objects.create(**values, status=ReportStatus.RUNNING)
    # Other options, or a finished one, are other reports.
    ReportRequest.objects.create(**values, params_key='{"thai_digits":true}')
    ReportRequest.objects.create(**values, status=ReportStatus.DONE)
    assert ReportRequest.objects.count() == 3


def test_it_sends_the_task_again_when_a_report_has_waited_too_long(
    member, inspection, flaky_kind, django_capture_on_commit_callbacks
):
    flaky_kind["fail"] = False
    report = report_request_create(user=member, kind="flaky", pk=inspection.pk)  # task lost
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert report_request_create(user=member, kind="flaky", pk=inspection.pk) == report
    assert callbacks == []  # waiting a few seconds is normal
    ReportRequest.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert report_request_create(user=member, kind="flaky", pk=inspection.pk) == report
    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE


def test_it_fails_a_report_whose_subject_was_deleted_with_the_reason(
    member, inspection, flaky_kind, monkeypatch
):
    def gone(pk, params):
        return FactoryInspection.objects.get(pk=pk + 1000)

    kind = dataclasses.replace(reports.KINDS["flaky"], build=gone)
    monkeypatch.setitem(reports.KINDS, "flaky", kind)
    report = report_request_create(user=member, kind="flaky", pk=inspection.pk)
    assert report_build(report_id=report.pk) == "failed"
    report.refresh_from_db()
    assert report.error == "ไม่พบข้อมูลของรายงานนี้แล้ว อาจถูกลบไปหลังจากขอรายงาน"


# --- its history -------------------------------------------------------------------------------


def test_its_history_shows_who_asked_and_retried_and_what_the_worker_did(
    client,
    member,
    head,
    inspection,
    flaky_kind,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(request_url("flaky", inspection.pk), headers={"HX-Request": "true"})
    report = ReportRequest.objects.get()
    flaky_kind["fail"] = False
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:report_retry", kwargs={"pk": report.pk}))
    url = reverse("core:report_history", kwargs={"pk": report.pk})
    assert f'href="{url}"' in client.get(reverse("core:my_reports")).content.decode()

    client.force_login(head)  # who may see the subject sees its report's history
    client.get(url)  # the menu's counts are cached by the first page
    with django_assert_num_queries(3):  # the report, its subject, its versions
        response = client.get(url)
    entries = page_texts(response).all("history-entry")
    today = format_be_date(timezone.localdate())
    assert all(entry.startswith(f"{today} ") for entry in entries)
    done, claimed, retried, failed, first_claim, asked = (e.split(" · ", 1)[1] for e in entries)
    assert asked.startswith("สร้าง · สมชาย")
    assert first_claim.startswith("แก้ไข · ระบบ")  # the worker claimed it
    assert failed.startswith("แก้ไข · ระบบ")
    assert retried.startswith("แก้ไข · สมชาย")  # asked again
    assert claimed.startswith("แก้ไข · ระบบ")
    assert done.startswith("แก้ไข · ระบบ")
    assert "สถานะ: รอคิว เป็น กำลังสร้าง" in first_claim
    assert "สาเหตุที่ไม่สำเร็จ: – เป็น ไม่พบภาพถ่ายของการตรวจ" in failed
    assert "สถานะ: ไม่สำเร็จ เป็น รอคิว" in retried
    assert "สาเหตุที่ไม่สำเร็จ: ไม่พบภาพถ่ายของการตรวจ เป็น –" in retried
    assert "สถานะ: กำลังสร้าง เป็น เสร็จแล้ว" in done
    assert "ผู้สร้าง" not in response.content.decode()  # which worker process: not for people
