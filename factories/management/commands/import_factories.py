"""Import a DIW register file (CSV or XLSX) from the command line."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from factories.models import ImportBatch, ImportStatus, RowIssueLevel
from factories.services import import_batch_apply, import_batch_create, import_batch_preview
from offices.models import Office


class Command(BaseCommand):
    help = "นำเข้าทะเบียนโรงงานจากไฟล์ CSV หรือ XLSX ของกรมโรงงานอุตสาหกรรม"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="ตรวจสอบโดยไม่บันทึก")
        parser.add_argument("--valid-rows-only", action="store_true", help="นำเข้าเฉพาะแถวที่ถูกต้อง")
        parser.add_argument("--office", help="รหัสจังหวัดของสำนักงาน เช่น 25")
        parser.add_argument("--show", type=int, default=20, help="จำนวนข้อผิดพลาดที่แสดง")

    def handle(self, *args, file: Path, dry_run: bool, valid_rows_only: bool, office, show, **kw):
        if not file.is_file():
            raise CommandError(f"no such file: {file}")
        office_obj = None
        if office:
            office_obj = Office.objects.filter(pk=office).first()
            if office_obj is None:
                raise CommandError(f"no office with code {office}")
        started = time.perf_counter()
        with file.open("rb") as handle:
            batch = import_batch_create(
                file=File(handle, name=file.name), user=None, office=office_obj
            )
        if dry_run:
            batch.dry_run = True
            batch.save(update_fields=["dry_run"])
            preview = import_batch_preview(batch=batch)
            if preview.file_error:
                raise CommandError(preview.file_error)
            batch.refresh_from_db()
        else:
            batch = import_batch_apply(batch=batch, valid_rows_only=valid_rows_only)
        seconds = time.perf_counter() - started
        self._report(batch, seconds, show)
        if batch.status == ImportStatus.FAILED:
            raise CommandError(batch.message or "import failed")

    def _report(self, batch: ImportBatch, seconds: float, show: int) -> None:
        out = self.stdout
        out.write(f"batch {batch.pk}: {batch.file_name} ({batch.file_shape or '?'})")
        out.write(
            f"rows {batch.total_rows}: created {batch.created_count}, "
            f"updated {batch.updated_count}, unchanged {batch.unchanged_count}, "
            f"rejected {batch.error_count}, warnings {batch.warning_count}"
        )
        for level in (RowIssueLevel.ERROR, RowIssueLevel.WARNING):
            issues = batch.row_errors.filter(level=level).order_by("row_number", "pk")
            total = issues.count()
            for issue in issues[:show]:
                out.write(
                    f"  {level} row {issue.row_number} [{issue.column}] "
                    f"{issue.value!r}: {issue.message}"
                )
            if total > show:
                out.write(f"  … {total - show} more {level}s")
        rate = batch.total_rows / seconds if seconds else 0
        out.write(f"status {batch.status}; {seconds:.2f} s, {rate:,.0f} rows/s")
        if batch.message:
            out.write(batch.message)
