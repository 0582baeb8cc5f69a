"""Backup and restore of a deployment's state: the database and the media folder (register
files, inspection photos, generated reports under ``private/``).

A backup is a folder holding ``database.dump`` (``pg_dump`` custom format) or ``database.sqlite3``
(SQLite's online backup), ``media.tar`` and ``manifest.json``: when it was made, the rows of
every table and the size and SHA-256 of every media file. A restore goes into an empty database
and an empty media folder only, then counts the rows and checks every file against the manifest:
a restore that does not come back whole says so and fails.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


class BackupError(Exception):
    """Why a backup or a restore cannot be made, said for an operator."""


@dataclass
class Comparison:
    """What a restore brought back against what its backup held."""

    tables: int = 0
    rows: int = 0
    files: int = 0
    rows_missing: dict[str, int] = field(default_factory=dict)
    files_missing: list[str] = field(default_factory=list)
    files_changed: list[str] = field(default_factory=list)

    @property
    def whole(self) -> bool:
        return not (self.rows_missing or self.files_missing or self.files_changed)


def table_rows() -> dict[str, int]:
    """The rows of every table of the database, by table name."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> dict[str, dict]:
    """Every file under ``root``: its size and SHA-256, by path relative to ``root``."""
    files = {}
    if root.exists():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            files[path.relative_to(root).as_posix()] = {
                "size": path.stat().st_size,
                "sha256": _sha256(path),
            }
    return files


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["-h", db["HOST"] or "localhost", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    env = {**os.environ}
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _sqlite_copy(source, target) -> None:
    """SQLite's online backup, page by page, consistent while others write."""
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


def _pg_dump(path: Path) -> dict[str, int]:
    """Dump the database and count its rows in one snapshot, so that the manifest's counts are
    those of the dump even while people go on working."""
    args, env = _pg_env()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        rows = table_rows()
        command = ["pg_dump", "-Fc", "--no-owner", "--no-acl", f"--snapshot={snapshot}", *args]
        _run([*command, "-f", str(path), connection.settings_dict["NAME"]], env)
    return rows


def backup(destination: Path) -> dict:
    """Write a backup of the database and the media folder into ``destination`` (a new or empty
    folder); returns its manifest, with the seconds it took."""
    destination.mkdir(parents=True, exist_ok=True)
    if any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: a backup goes into a folder of its own")
    started = time.monotonic()
    if connection.vendor == "postgresql":
        rows = _pg_dump(destination / PG_DUMP)
    elif connection.vendor == "sqlite":
        rows = table_rows()
        _sqlite_copy(connection.settings_dict["NAME"], destination / SQLITE_COPY)
    else:
        raise BackupError(f"no backup for a {connection.vendor} database")
    media_root = Path(settings.MEDIA_ROOT)
    files = media_files(media_root)
    with tarfile.open(destination / MEDIA_TAR, "w") as tar:
        for name in files:
            tar.add(media_root / name, arcname=name, recursive=False)
    manifest = {
        "made_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "rows": rows,
        "files": files,
        "seconds": round(time.monotonic() - started, 1),
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def _read_manifest(source: Path) -> dict:
    try:
        return json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} holds no readable {MANIFEST}: {error}") from None


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(source: Path) -> tuple[Comparison, float]:
    """Restore the backup in ``source`` into this (empty) database and (empty) media folder,
    then compare what came back with the manifest; returns the comparison and the seconds."""
    manifest = _read_manifest(source)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"the backup is of a {manifest['database']} database, this one is {connection.vendor}"
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(p.is_file() for p in media_root.rglob("*")):
        raise BackupError(f"the media folder {media_root} is not empty: restore into an empty one")
    if not _database_is_empty():
        raise BackupError("the database is not empty: restore into an empty database")
    started = time.monotonic()
    if connection.vendor == "postgresql":
        args, env = _pg_env()
        connection.close()
        command = ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "-j", "2", *args]
        _run([*command, "-d", connection.settings_dict["NAME"], str(source / PG_DUMP)], env)
    else:
        connection.close()
        _sqlite_copy(source / SQLITE_COPY, connection.settings_dict["NAME"])
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_TAR) as tar:
        tar.extractall(media_root, filter="data")
    # What the cache keeps (people, sessions, dashboard figures) was read from the database
    # before: none of it may outlive the restore.
    cache.clear()
    seconds = time.monotonic() - started
    return compare(manifest), seconds


def compare(manifest: dict) -> Comparison:
    """This database and media folder against a backup's manifest."""
    rows, files = table_rows(), media_files(Path(settings.MEDIA_ROOT))
    result = Comparison(tables=len(manifest["rows"]), rows=sum(manifest["rows"].values()))
    result.files = len(manifest["files"])
    for table, count in manifest["rows"].items():
        if rows.get(table, 0) < count:
            result.rows_missing[table] = count - rows.get(table, 0)
    for name, expected in manifest["files"].items():
        if name not in files:
            result.files_missing.append(name)
        elif files[name]["sha256"] != expected["sha256"]:
            result.files_changed.append(name)
    return result
