"""Backup and restore as an operator runs them: ``manage.py backup`` then ``manage.py restore``
into an empty database and media folder, which comes back with every row and file and serves
the app."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from core.backup import compare, media_files, table_rows
from offices.models import Office, Role
from tests.builders import add_factory, make_user, tiny_png
from tests.workers import database_url

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db) -> None:
    """The backup reads committed data: these tests run outside a transaction, after a flush."""
    if not Office.objects.exists():
        call_command("load_reference_data", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def empty_database(transactional_db):
    """A new, empty database of the same kind as the tests', dropped afterwards."""
    if connection.vendor == "postgresql":
        name = f"restore_{uuid.uuid4().hex[:8]}"
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = database_url().rsplit("/", 1)[0] + f"/{name}"
        yield url
        with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    else:
        path = Path(settings.VAR_DIR) / f"restore-{uuid.uuid4().hex[:8]}.sqlite3"
        yield f"sqlite:///{path}"
        path.unlink(missing_ok=True)


def manage(*args: str, database: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database, "MEDIA_ROOT": str(media)}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_a_restore_into_an_empty_database_comes_back_whole_and_serves(
    empty_database, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    officer = make_user("officer.backup", Role.OFFICER, "57")
    factory = add_factory("โรงสีข้าวสำรองข้อมูล")
    default_storage.save("inspections/photos/gate.png", ContentFile(tiny_png()))
    default_storage.save("private/reports/report-1.pdf", ContentFile(b"%PDF-1.7 report"))
    backup_dir = tmp_path / "backup"

    call_command("backup", str(backup_dir))
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["rows"] == table_rows()
    assert set(manifest["files"]) == {"inspections/photos/gate.png", "private/reports/report-1.pdf"}

    restored_media = tmp_path / "restored-media"
    result = manage("restore", str(backup_dir), database=empty_database, media=restored_media)
    assert result.returncode == 0, result.stderr
    assert "rows missing: 0, files missing: 0, files changed: 0" in result.stdout

    # Counted again from outside the command: every table, every file, the same.
    counted = manage(
        "shell",
        "-c",
        "import json; from core.backup import table_rows; print(json.dumps(table_rows()))",
        database=empty_database,
        media=restored_media,
    )
    assert json.loads(counted.stdout.strip().splitlines()[-1]) == table_rows()
    assert media_files(restored_media) == media_files(Path(settings.MEDIA_ROOT))

    # And the app serves from it: the officer's session opens the factory.
    served = manage(
        "shell",
        "-c",
        "from django.test import Client; from offices.models import User; "
        "c = Client(SERVER_NAME='localhost'); "
        "c.force_login(User.objects.get(username='officer.backup')); "
        f"r = c.get('/factories/{factory.pk}/'); print(r.status_code, "
        "'โรงสีข้าวสำรองข้อมูล' in r.content.decode())",
        database=empty_database,
        media=restored_media,
    )
    assert served.stdout.strip().splitlines()[-1] == "200 True", served.stderr
    assert officer.pk


def test_a_restore_refuses_a_database_or_media_folder_that_is_not_empty(
    transactional_db, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    add_factory("โรงงานเดิม")
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "backup"))


def test_a_missing_or_changed_file_and_missing_rows_are_reported(
    transactional_db, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    add_factory("โรงงานที่หายไป")
    default_storage.save("a.png", ContentFile(b"one"))
    default_storage.save("b.png", ContentFile(b"two"))
    manifest = {
        "rows": table_rows(),
        "files": media_files(Path(settings.MEDIA_ROOT)),
    }
    assert compare(manifest).whole
    default_storage.delete("a.png")
    (Path(settings.MEDIA_ROOT) / "b.png").write_bytes(b"changed")
    from factories.models import Factory

    Factory.objects.all().delete()
    result = compare(manifest)
    assert result.files_missing == ["a.png"]
    assert result.files_changed == ["b.png"]
    assert result.rows_missing == {"factories_factory": 1}
    assert not result.whole
