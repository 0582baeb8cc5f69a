"""The folders that the zero-setup defaults keep under ``var/``: the SQLite database's, the
filesystem broker's, and the static files' folder that WhiteNoise reads at start (filled by
``collectstatic``; with DEBUG on it is not read, the files are found in the apps).

They are made by the processes that use them (``manage.py``, the web server, the Celery worker
and beat, the test run) when they start, never when the settings are read: reading the settings
has no side effect, so a read-only checkout or a container can import them. Media folders are
made by the file storage as files are saved.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

BROKER_FOLDERS = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")


def database_folder() -> Path | None:
    """The folder of the SQLite database file, or None when there is none to make."""
    database = settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    if not database["ENGINE"].endswith("sqlite3") or name in ("", ":memory:"):
        return None
    if name.startswith("file:"):  # an SQLite URI names no folder of ours
        return None
    return Path(name).parent


def broker_folders() -> list[Path]:
    """The folders of the kombu filesystem transport, when it is the broker."""
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        return []
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    return [Path(options[key]) for key in BROKER_FOLDERS if options.get(key)]


def make_local_folders() -> None:
    """Make the folders the local defaults need, if they are missing."""
    folder = database_folder()
    paths = [Path(settings.STATIC_ROOT), *([folder] if folder else []), *broker_folders()]
    for path in paths:
        path.mkdir(parents=True, exist_ok=True)
