"""``python manage.py restore FOLDER``: a backup into an empty database and media folder, then
every table's rows and every file's checksum compared with the backup's manifest."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = "กู้คืนฐานข้อมูลและไฟล์จากโฟลเดอร์สำรอง ลงในฐานข้อมูลและโฟลเดอร์ไฟล์ที่ว่าง แล้วตรวจว่าครบ"

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help="a folder written by `manage.py backup`")

    def handle(self, *args, folder: Path, **options) -> None:
        try:
            result, seconds = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"restored from {folder} in {seconds:.1f} s: {result.tables} tables, "
            f"{result.rows:,} rows, {result.files:,} files; rows missing: "
            f"{sum(result.rows_missing.values())}, files missing: {len(result.files_missing)}, "
            f"files changed: {len(result.files_changed)}"
        )
        if not result.whole:
            for table, n in sorted(result.rows_missing.items()):
                self.stderr.write(f"  {table}: {n} rows missing")
            for name in result.files_missing + result.files_changed:
                self.stderr.write(f"  {name}: missing or changed")
            raise CommandError("the restore is not whole")
