"""``python manage.py backup FOLDER``: the database and the media folder into a new folder."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลและไฟล์ (ภาพถ่าย ไฟล์นำเข้า รายงาน) ลงในโฟลเดอร์ใหม่"

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path, help="a new or empty folder for the backup")

    def handle(self, *args, folder: Path, **options) -> None:
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = sum(f["size"] for f in manifest["files"].values())
        self.stdout.write(
            f"backup written to {folder}: {len(manifest['rows'])} tables, "
            f"{sum(manifest['rows'].values()):,} rows, {len(manifest['files']):,} files "
            f"({size / 1_000_000:.1f} MB) in {manifest['seconds']:.1f} s"
        )
