"""Background work of the factories app."""

from __future__ import annotations

from celery import shared_task

from factories.models import ImportBatch, ImportStatus
from factories.services import import_batch_apply


@shared_task
def import_factories_task(batch_id: int, valid_rows_only: bool = False) -> str:
    """Import an uploaded register file; progress is kept on the batch as rows are read."""
    batch = ImportBatch.objects.select_related("office", "uploaded_by").get(pk=batch_id)
    if batch.status == ImportStatus.DONE:
        # A message delivered again (acks_late) finds the work done. A run cut short wrote
        # nothing (one transaction) and simply runs again: importing is an upsert.
        return batch.status
    batch = import_batch_apply(batch=batch, valid_rows_only=valid_rows_only)
    return batch.status
