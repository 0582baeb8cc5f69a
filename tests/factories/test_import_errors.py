"""Wrong rows are reported one by one and keep the whole file out, unless asked otherwise."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from openpyxl import Workbook

from factories.models import Factory, ImportBatch, ImportStatus, RowIssueLevel
from factories.services import (
    import_batch_apply,
    import_batch_create,
    import_batch_preview,
    import_batch_queue,
)
from tests.builders import numbered_factory, to_csv


@pytest.fixture
def broken_rows(sample_rows) -> list[list[str]]:
    rows = [list(r) for r in sample_rows[:11]]
    rows[2][30] = "45.5"  # ละติจูด outside Thailand (row 3)
    rows[4][3] = "4"  # จำพวก 4 does not exist (row 5)
    rows[6][15] = "แอตแลนติส"  # unknown province (row 7)
    rows[8][24] = "สิบคน"  # คนงานชาย not a number (row 9)
    rows[9][31] = "13.6"  # ลองติจูด: looks like a swapped latitude (row 10)
    return rows


def _errors(batch: ImportBatch) -> list[tuple[int, str, str]]:
    return [
        (e.row_number, e.column, e.value)
        for e in batch.row_errors.filter(level=RowIssueLevel.ERROR).order_by("row_number")
    ]


def test_it_reports_every_bad_row_and_imports_nothing(make_batch, broken_rows):
    batch = import_batch_apply(batch=make_batch(to_csv(broken_rows)))

    assert batch.status == ImportStatus.FAILED
    assert "5 แถว" in batch.message
    assert _errors(batch) == [
        (3, "ละติจูด", "45.5"),
        (5, "จำพวก", "4"),
        (7, "จังหวัด", "แอตแลนติส"),
        (9, "คนงานชาย", "สิบคน"),
        (10, "ลองติจูด", "13.6"),
    ]
    messages = list(batch.row_errors.values_list("message", flat=True))
    assert any("ประเทศไทย" in m for m in messages)
    assert any("ไม่รู้จักจังหวัด" in m for m in messages)
    assert any("ตัวเลข" in m for m in messages)
    assert batch.error_count == 5
    assert (batch.created_count, batch.updated_count) == (0, 0)
    assert not Factory.objects.exists()


def test_it_imports_the_valid_rows_when_asked(make_batch, broken_rows):
    batch = import_batch_apply(batch=make_batch(to_csv(broken_rows)), valid_rows_only=True)

    assert batch.status == ImportStatus.DONE
    assert batch.valid_rows_only
    assert batch.created_count == 5
    assert batch.error_count == 5
    assert Factory.objects.count() == 5
    assert not Factory.objects.filter(old_registration_number=broken_rows[2][0]).exists()


def test_it_previews_errors_without_writing(make_batch, broken_rows):
    batch = make_batch(to_csv(broken_rows))
    preview = import_batch_preview(batch=batch)

    assert not preview.can_apply
    assert (preview.created, preview.error_rows) == (5, 5)
    assert [e.row_number for e in preview.errors] == [3, 5, 7, 9, 10]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEWED
    assert batch.row_errors.filter(level=RowIssueLevel.ERROR).count() == 5
    assert not Factory.objects.exists()


def test_it_rejects_a_number_twice_in_one_file(make_batch, sample_rows):
    rows = [*sample_rows[:4], sample_rows[2]]
    preview = import_batch_preview(batch=make_batch(to_csv(rows)))
    assert [(e.row_number, e.message) for e in preview.errors] == [(5, "เลขทะเบียนซ้ำกับแถวที่ 3")]


def test_it_rejects_a_row_without_a_number_but_takes_a_registered_one_without_a_name(
    make_batch, sample_rows
):
    rows = [list(r) for r in sample_rows[:4]]
    rows[1][0] = "-"
    rows[2][4] = rows[2][5] = ""
    rows[3][0] = rows[3][4] = rows[3][5] = ""
    preview = import_batch_preview(batch=make_batch(to_csv(rows)))
    assert [(e.row_number, e.message) for e in preview.errors] == [
        (2, "ไม่มีเลขทะเบียนโรงงาน"),
        (4, "ไม่มีเลขทะเบียนโรงงาน"),
    ]
    assert preview.created == 1  # row 3: a registered factory, named later by its office
    assert any(w.row_number == 3 and "ไม่มีทั้งชื่อโรงงาน" in w.message for w in preview.warnings)


def _zip_of_text() -> bytes:
    """A real zip archive that is not a workbook (a .docx or a zipped folder)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "ทะเบียนโรงงาน")
    return buffer.getvalue()


def _workbook_bytes() -> bytes:
    workbook = Workbook()
    for i in range(300):
        workbook.active.append([f"3-9-{i}/60ปจ", f"โรงงาน {i}", "ปราจีนบุรี", i * 1.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "ไฟล์ว่าง"),
        ("ชื่อ,ที่อยู่\r\nก,ข\r\n".encode(), "เลขทะเบียน"),
        ("เลขทะเบียน,ชื่อโรงงาน\r\n3-1-1/40ปจ,ก\r\n".encode(), "จังหวัด"),
        (b"PK\x03\x04 not really a workbook", "Excel"),
        (_zip_of_text(), "Excel"),
        (_workbook_bytes()[:4000], "Excel"),  # a download cut short
        (b"\xd0\xcf\x11\xe0 old excel", ".xls"),
    ],
)
def test_it_fails_a_file_it_cannot_read_with_a_reason(make_batch, data, message):
    batch = import_batch_apply(batch=make_batch(data))
    assert batch.status == ImportStatus.FAILED
    assert message in batch.message
    assert import_batch_preview(batch=batch).file_error


def test_an_office_imports_only_its_own_province(make_batch, sample_rows, prachinburi_member):
    rows = [list(r) for r in sample_rows[:4]]
    rows[3][13:16] = ["ท่าตะเกียบ", "ท่าตะเกียบ", "ฉะเชิงเทรา"]
    batch = make_batch(to_csv(rows), user=prachinburi_member)
    assert batch.office_id == "25"

    batch = import_batch_apply(batch=batch)

    assert batch.status == ImportStatus.FAILED
    error = batch.row_errors.get(level=RowIssueLevel.ERROR)
    assert (error.row_number, error.column, error.value) == (4, "จังหวัด", "ฉะเชิงเทรา")
    assert "นอกเขตความรับผิดชอบของ สอจ.ปราจีนบุรี" in error.message


def test_an_admin_imports_any_province(make_batch, sample_rows):
    rows = [list(r) for r in sample_rows[:2]]
    rows[1][13:16] = ["ท่าตะเกียบ", "ท่าตะเกียบ", "ฉะเชิงเทรา"]
    import_batch_apply(batch=make_batch(to_csv(rows)))
    assert Factory.objects.get().office_id == "24"


def test_an_office_cannot_take_over_another_offices_factory(
    make_batch, sample_rows, prachinburi_member
):

    numbered_factory(sample_rows[1][0], province="24")
    batch = import_batch_apply(batch=make_batch(to_csv(sample_rows[:2]), user=prachinburi_member))
    assert batch.status == ImportStatus.FAILED
    assert "สำนักงานอื่น" in batch.row_errors.get().message


def test_only_office_staff_and_admins_import(inspector, executive, member, outsider_office):
    for user in (inspector, executive):
        with pytest.raises(PermissionDenied):
            import_batch_create(file=ContentFile(b"x", name="a.csv"), user=user)
    with pytest.raises(PermissionDenied):
        import_batch_create(
            file=ContentFile(b"x", name="a.csv"), user=member, office=outsider_office
        )
    batch = import_batch_create(file=ContentFile(b"x", name="a.csv"), user=member)
    assert batch.office_id == member.office_id
    assert len(batch.file_sha256) == 64


def test_it_imports_in_a_worker_after_the_upload_commits(
    make_batch, sample_bytes, django_capture_on_commit_callbacks
):
    batch = make_batch(sample_bytes)
    with django_capture_on_commit_callbacks() as callbacks:
        import_batch_queue(batch=batch)
        batch.refresh_from_db()
        assert batch.status == ImportStatus.PENDING
    assert not Factory.objects.exists()  # nothing is queued before the commit

    for callback in callbacks:
        callback()  # the commit: Celery runs eagerly in tests

    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE
    assert batch.processed_rows == batch.total_rows == 40
    assert Factory.objects.count() == 40


def test_a_batch_never_stays_running_after_a_crash(make_batch, sample_bytes, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("factories.services.write_plan", broken)
    batch = make_batch(sample_bytes)
    with pytest.raises(RuntimeError):
        import_batch_apply(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert "ผู้ดูแลระบบ" in batch.message
    assert not Factory.objects.exists()
