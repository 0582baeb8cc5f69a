"""Services of the factories app: reference data, importing the DIW register, and keeping the
register and an office's records of its factories (certificates, complaints, loans)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.reference_data import LoadReport
from factories import reference
from factories.importer.apply import write_plan
from factories.importer.columns import looks_like_header
from factories.importer.plan import Plan, build_plan
from factories.importer.reading import ImportFileError, read_table
from factories.importer.rows import Issue
from factories.models import (
    IMPORT_WORKING,
    Complaint,
    Factory,
    FactoryType,
    GreenIndustryCertificate,
    ImportBatch,
    ImportRowError,
    ImportStatus,
    Loan,
    LoanFollowUp,
    RowIssueLevel,
)
from factories.permissions import may_edit_register, may_import, may_import_for_any_office
from offices.models import Office, User, office_code_for

PREVIEW_CHANGES = 200
COLUMN_MAX_LENGTH = ImportRowError._meta.get_field("column").max_length


@transaction.atomic
def reference_data_load() -> LoadReport:
    """The 107 main factory types with their risk flags; creates only what is missing, so that
    names and flags edited in admin survive a reload."""
    report = LoadReport()
    have = set(FactoryType.objects.values_list("code", flat=True))
    new = []
    for number, name, confirmed in reference.MAIN_TYPES:
        code = reference.type_code(number, 0)
        if code in have:
            continue
        flags = reference.risk_flags(number)
        new.append(
            FactoryType(
                code=code, number=number, item=0, name=name, name_confirmed=confirmed, **flags
            )
        )
    FactoryType.objects.bulk_create(new)
    report.count("factory_type", created=len(new))
    return report


# --- importing the register -------------------------------------------------------------


def import_batch_create(*, file, user, office: Office | None = None) -> ImportBatch:
    """Store an uploaded register file as a new batch. Office staff always import for their own
    office; an admin may name an office to limit the file to its province, or none."""
    if user is not None and not may_import(user):
        raise PermissionDenied(_("คุณไม่มีสิทธิ์นำเข้าทะเบียนโรงงาน"))
    if user is not None and not may_import_for_any_office(user):
        if office is not None and office.pk != user.office_id:
            raise PermissionDenied(_("นำเข้าได้เฉพาะโรงงานของสำนักงานของคุณ"))
        office = user.office
    data = file.read()
    path = Path(getattr(file, "name", "") or "register.csv")
    name = path.stem[:100] + path.suffix[:10]
    batch = ImportBatch(
        office=office,
        uploaded_by=user,
        file_name=name,
        file_sha256=hashlib.sha256(data).hexdigest(),
    )
    batch.file.save(name, ContentFile(data), save=False)
    batch.save()
    return batch


@dataclass
class RowChange:
    row_number: int
    number: str
    action: str  # "create" or "update"
    fields: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    """What applying a batch would do. Nothing in the register has been written."""

    shape: str = ""
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error_rows: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    changes: list[RowChange] = field(default_factory=list)
    new_types: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    file_error: str = ""

    @property
    def can_apply(self) -> bool:
        return not self.file_error and not self.error_rows


def _plan(batch: ImportBatch, progress: Callable[[int], None] | None = None) -> Plan:
    with batch.file.open("rb") as handle:
        data = handle.read()
    table = read_table(data, header_test=looks_like_header)
    allowed = {batch.office_id} if batch.office_id else None
    label = batch.office.short_name if batch.office_id else ""
    ImportBatch.objects.filter(pk=batch.pk).update(total_rows=len(table.rows))
    batch.total_rows = len(table.rows)
    return build_plan(table, allowed_provinces=allowed, office_label=label, progress=progress)


def _preview_of(plan: Plan) -> ImportPreview:
    changes = [RowChange(r.row_number, r.key[2:] if r.key else "", "create") for r in plan.creates][
        :PREVIEW_CHANGES
    ]
    changes += [
        RowChange(u.row.row_number, u.row.key[2:] if u.row.key else "", "update", sorted(u.fields))
        for u in plan.updates[: PREVIEW_CHANGES - len(changes)]
    ]
    return ImportPreview(
        shape=plan.shape,
        total_rows=plan.total_rows,
        created=len(plan.creates),
        updated=len(plan.updates),
        unchanged=len(plan.unchanged),
        error_rows=len(plan.rejected),
        errors=plan.errors,
        warnings=plan.warnings,
        changes=changes,
        new_types=sorted(plan.new_types),
        ignored_columns=plan.ignored_columns,
    )


def _record(batch: ImportBatch, plan: Plan | None, *, status: str, message: str = "") -> None:
    """Keep the batch's counts and its row problems (replacing those of an earlier run)."""
    batch.row_errors.all().delete()
    if plan is not None:
        issues = [
            ImportRowError(
                batch=batch,
                row_number=i.row_number,
                column=i.column[:COLUMN_MAX_LENGTH],
                value=i.value,
                message=i.message,
                level=level,
            )
            for level, group in (
                (RowIssueLevel.ERROR, plan.errors),
                (RowIssueLevel.WARNING, plan.warnings),
            )
            for i in group
        ]
        ImportRowError.objects.bulk_create(issues, batch_size=2000)
        batch.file_shape = plan.shape
        batch.total_rows = plan.total_rows
        batch.error_count = len(plan.rejected)
        batch.warning_count = len(plan.warnings)
    batch.status = status
    batch.message = message
    batch.save()


def _progress_of(batch: ImportBatch) -> Callable[[int], None]:
    def progress(rows: int) -> None:
        # An UPDATE of its own, so that a page polling the batch sees it while the file is read.
        ImportBatch.objects.filter(pk=batch.pk).update(
            processed_rows=rows, updated_at=timezone.now()
        )
        batch.processed_rows = rows

    return progress


def import_batch_preview(*, batch: ImportBatch) -> ImportPreview:
    """Read the batch's file and tell what applying it would create, update and leave
    unchanged, and which rows are wrong. Writes no factory; the findings are kept on the
    batch (status "previewed") so that a page can show them."""
    try:
        plan = _plan(batch)
    except ImportFileError as error:
        _record(batch, None, status=ImportStatus.FAILED, message=str(error))
        return ImportPreview(file_error=str(error))
    preview = _preview_of(plan)
    batch.created_count, batch.updated_count = preview.created, preview.updated
    batch.unchanged_count = preview.unchanged
    _record(batch, plan, status=ImportStatus.PREVIEWED)
    return preview


def import_batch_apply(
    *,
    batch: ImportBatch,
    valid_rows_only: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportBatch:
    """Import the batch's file. A file with any wrong row imports nothing unless
    ``valid_rows_only``; what is written is written in one transaction."""
    batch.status = ImportStatus.RUNNING
    batch.valid_rows_only = valid_rows_only
    batch.started_at = timezone.now()
    batch.finished_at = None
    batch.save(update_fields=["status", "valid_rows_only", "started_at", "finished_at"])
    try:
        return _apply(batch, valid_rows_only, progress or _progress_of(batch))
    except Exception:
        # Whatever went wrong, the batch must not stay "running"; nothing was written.
        batch.status = ImportStatus.FAILED
        batch.message = _("เกิดข้อผิดพลาดในระบบระหว่างนำเข้า กรุณาแจ้งผู้ดูแลระบบ")
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "message", "finished_at"])
        raise


def _apply(
    batch: ImportBatch, valid_rows_only: bool, progress: Callable[[int], None]
) -> ImportBatch:
    try:
        plan = _plan(batch, progress)
    except ImportFileError as error:
        batch.finished_at = timezone.now()
        _record(batch, None, status=ImportStatus.FAILED, message=str(error))
        return batch
    batch.unchanged_count = len(plan.unchanged)
    if batch.dry_run:  # tell what would happen, as a preview does
        batch.created_count, batch.updated_count = len(plan.creates), len(plan.updates)
        batch.finished_at = timezone.now()
        _record(batch, plan, status=ImportStatus.PREVIEWED)
        return batch
    if plan.has_errors and not valid_rows_only:
        batch.created_count = batch.updated_count = 0
        batch.finished_at = timezone.now()
        _record(
            batch,
            plan,
            status=ImportStatus.FAILED,
            message=_("พบแถวที่ผิดพลาด %(n)s แถว จึงยังไม่ได้นำเข้าข้อมูลใด ๆ") % {"n": len(plan.rejected)},
        )
        return batch
    with transaction.atomic():
        written = write_plan(plan, batch=batch)
        batch.created_count, batch.updated_count = written.created, written.updated
        batch.processed_rows = plan.total_rows
        batch.finished_at = timezone.now()
        _record(batch, plan, status=ImportStatus.DONE)
    return batch


def import_batch_queue(*, batch: ImportBatch, valid_rows_only: bool = False) -> None:
    """Run the import in a worker once the current transaction has committed."""
    from factories.tasks import import_factories_task

    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.PENDING, processed_rows=0, attempts=0, updated_at=timezone.now()
    )
    batch.status = ImportStatus.PENDING
    transaction.on_commit(
        lambda: import_factories_task.delay(batch.pk, valid_rows_only=valid_rows_only)
    )


def import_batch_queue_preview(*, batch: ImportBatch) -> None:
    """Read an uploaded file in a worker, not in the web request, once the batch is saved: a
    hostile or very large file costs the worker's reading process, never a web worker."""
    from factories.tasks import preview_factories_task

    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.READING, attempts=0, updated_at=timezone.now()
    )
    batch.status = ImportStatus.READING
    transaction.on_commit(lambda: preview_factories_task.delay(batch.pk))


# A batch whose work was started this many times and never finished made its worker stop each
# time (the message is delivered again after a worker is lost): it is failed, not tried again.
MAX_ATTEMPTS = 2
# A batch whose worker has said nothing for this long is failed: its worker stopped, or its
# message was lost. Importing a national register updates the batch every few seconds.
STALE_AFTER = timedelta(minutes=30)


def import_batch_start(*, batch_id: int, expected: tuple[str, ...]) -> ImportBatch | None:
    """The batch when it is still waiting for this work, counting the attempt; None when the
    work was done already (a message delivered again) or has been tried too often, in which case
    the batch is failed with the reason."""
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update(of=("self",))
            .select_related("office", "uploaded_by")
            .filter(pk=batch_id)
            .first()
        )
        if batch is None or batch.status not in expected:
            return None
        batch.attempts += 1
        if batch.attempts > MAX_ATTEMPTS:
            import_batch_fail(batch=batch, message=str(_STOPPED))
            return None
        batch.save(update_fields=["attempts", "updated_at"])
    return batch


_STOPPED = _lazy(
    "ระบบหยุดทำงานระหว่างอ่านหรือนำเข้าไฟล์นี้ จึงยังไม่ได้นำเข้าข้อมูลใด ๆ"
    " กรุณาตรวจไฟล์ (บันทึกใหม่เป็น .xlsx หรือ CSV UTF-8) แล้วอัปโหลดอีกครั้ง"
    " หากยังเกิดซ้ำ กรุณาแจ้งผู้ดูแลระบบ"
)


def import_batch_fail(*, batch: ImportBatch, message: str) -> None:
    """End a batch as failed with the reason; nothing of it was written to the register."""
    batch.status = ImportStatus.FAILED
    batch.message = message
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "message", "finished_at", "attempts", "updated_at"])


def import_batches_fail_stale(*, now=None) -> int:
    """Fail the batches whose worker stopped without a word; how many there were."""
    now = now or timezone.now()
    stale = ImportBatch.objects.filter(status__in=IMPORT_WORKING, updated_at__lt=now - STALE_AFTER)
    return stale.update(
        status=ImportStatus.FAILED, message=str(_STOPPED), finished_at=now, updated_at=now
    )


# --- the register and what an office keeps about its factories -----------------------------
#
# The forms validate what was typed; these write it, in one transaction each, after asking
# ``factories.permissions`` whether this person may.

_NOT_YOUR_OFFICE = _lazy("เฉพาะเจ้าหน้าที่ของสำนักงานที่ดูแลเท่านั้นที่บันทึกข้อมูลนี้ได้")


def _require_register_rights(
    user: User, office_id: str | None, message: str | Promise = _NOT_YOUR_OFFICE
) -> None:
    if not may_edit_register(user, office_id):
        raise PermissionDenied(str(message))


@transaction.atomic
def factory_save(*, factory: Factory, user: User) -> Factory:
    """Add a factory, or save the changes made to one (``factory`` as a form left it). Both its
    office before and its office after (from the province) must be the person's to keep."""
    if factory.pk:
        _require_register_rights(user, Factory.objects.get(pk=factory.pk).office_id)
    _require_register_rights(
        user,
        office_code_for(factory.province_id),
        _lazy("บันทึกได้เฉพาะโรงงานในจังหวัดของสำนักงานท่าน"),
    )
    factory.save()
    return factory


@transaction.atomic
def certificate_save(
    *, certificate: GreenIndustryCertificate, factory: Factory, user: User
) -> GreenIndustryCertificate:
    """Add or correct a factory's Green Industry certificate."""
    _require_register_rights(user, factory.office_id)
    certificate.factory = factory
    certificate.save()
    return certificate


@transaction.atomic
def certificate_delete(*, certificate: GreenIndustryCertificate, user: User) -> None:
    _require_register_rights(user, certificate.factory.office_id)
    certificate.delete()


@transaction.atomic
def office_record_save(*, record: Complaint | Loan, office: Office, user: User) -> Complaint | Loan:
    """Save a complaint or a loan (as its form left it) as one of ``office``'s records."""
    if record.pk:
        _require_register_rights(user, type(record).objects.get(pk=record.pk).office_id)
    _require_register_rights(user, office.pk)
    record.office = office
    record.save()
    return record


@transaction.atomic
def loan_follow_up_record(*, loan: Loan, follow_up: LoanFollowUp, user: User) -> LoanFollowUp:
    """Record a follow-up of a loan, and the loan's status that the follow-up found, together:
    a follow-up is never kept without the status it reports, nor the status without it."""
    _require_register_rights(user, loan.office_id)
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    follow_up.loan = loan
    follow_up.recorded_by = user
    follow_up.save()
    loan.status = follow_up.status_after
    loan.save(update_fields=["status", "updated_at"])
    return follow_up
