"""Where generated reports are kept: under ``MEDIA_ROOT/private/reports``, with no URL.

The storage has no base URL, so nothing can link to a report's file; the download view reads it
and sends it to people who may see the report's subject. Nothing serves ``/media/private/``.
"""

from __future__ import annotations

import os
from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateReportStorage(FileSystemStorage):
    @cached_property
    def base_location(self) -> str:  # read when used, so that a test's MEDIA_ROOT counts
        return os.path.join(settings.MEDIA_ROOT, "private", "reports")

    @cached_property
    def base_url(self) -> None:  # type: ignore[override]
        return None

    def url(self, name: str | None) -> str:
        raise ValueError("reports are downloaded through core:report_download, never by URL")


@cache
def private_reports() -> PrivateReportStorage:
    return PrivateReportStorage()
