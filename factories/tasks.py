"""Background work of the factories app: reading and importing uploaded register files.

Both tasks are acknowledged late, so a worker lost in the middle of a file hands it to the next
worker; ``import_batch_start`` counts those attempts so that a file that stops every worker it
meets is failed with the reason instead of going round for ever.
"""

from __future__ import annotations

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from factories.models import ImportStatus
from factories.services import (
    import_batch_apply,
    import_batch_fail,
    import_batch_preview,
    import_batch_start,
    import_batches_fail_stale,
)

logger = logging.getLogger(__name__)

# A national register (70,000 rows) is read in about 25 s and imported in about 30 s here.
SOFT_SECONDS = 15 * 60


def _timed_out() -> str:
    return _("ใช้เวลาอ่านหรือนำเข้าไฟล์นานเกิน %(m)s นาที จึงยกเลิก กรุณาแบ่งไฟล์แล้วอัปโหลดใหม่") % {
        "m": SOFT_SECONDS // 60
    }


@shared_task(soft_time_limit=SOFT_SECONDS, time_limit=SOFT_SECONDS + 60)
def preview_factories_task(batch_id: int) -> str:
    """Read an uploaded register file and keep what importing it would do on the batch."""
    batch = import_batch_start(batch_id=batch_id, expected=(ImportStatus.READING,))
    if batch is None:
        return "skipped"
    try:
        import_batch_preview(batch=batch)
    except SoftTimeLimitExceeded:
        import_batch_fail(batch=batch, message=_timed_out())
    except Exception:
        logger.exception("reading import batch %s failed", batch_id)
        import_batch_fail(batch=batch, message=_("เกิดข้อผิดพลาดในระบบระหว่างอ่านไฟล์ กรุณาแจ้งผู้ดูแลระบบ"))
    return batch.status


@shared_task(soft_time_limit=SOFT_SECONDS, time_limit=SOFT_SECONDS + 60)
def import_factories_task(batch_id: int, valid_rows_only: bool = False) -> str:
    """Import an uploaded register file; progress is kept on the batch as rows are read.

    A run cut short wrote nothing (one transaction) and simply runs again: importing is an
    upsert."""
    batch = import_batch_start(
        batch_id=batch_id, expected=(ImportStatus.PENDING, ImportStatus.RUNNING)
    )
    if batch is None:
        return "skipped"
    try:
        batch = import_batch_apply(batch=batch, valid_rows_only=valid_rows_only)
    except SoftTimeLimitExceeded:
        import_batch_fail(batch=batch, message=_timed_out())
    except Exception:
        logger.exception("importing batch %s failed", batch_id)  # the batch says so already
    return batch.status


@shared_task
def fail_stale_import_batches() -> int:
    """Fail the batches whose worker stopped without a word (killed, or its message lost)."""
    return import_batches_fail_stale()
