"""Importing the DIW register from the browser: upload, see what would change, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from factories.forms import ImportUploadForm
from factories.models import ImportBatch, ImportStatus, RowIssueLevel
from factories.permissions import may_apply_import, may_import
from factories.services import (
    import_batch_create,
    import_batch_queue,
    import_batch_queue_preview,
)

SHOWN_ISSUES = 500


def import_index(request: HttpRequest) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่ของสำนักงานและผู้ดูแลระบบเท่านั้นที่นำเข้าทะเบียนได้"))
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            batch = import_batch_create(file=form.cleaned_data["file"], user=request.user)
            import_batch_queue_preview(batch=batch)
        return redirect("factories:import", pk=batch.pk)
    batches = (
        ImportBatch.objects.visible_to(request.user)
        .select_related("uploaded_by", "office")
        .order_by("-created_at")[:20]
    )
    return render(request, "factories/import_list.html", {"form": form, "batches": batches})


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(
        ImportBatch.objects.visible_to(request.user).select_related("office", "uploaded_by"), pk=pk
    )
    if request.method == "POST":
        if not may_apply_import(request.user, batch):
            raise PermissionDenied(_("เฉพาะผู้ที่อัปโหลดไฟล์นี้เท่านั้นที่ยืนยันการนำเข้าได้"))
        if batch.status not in (ImportStatus.PREVIEWED, ImportStatus.FAILED):
            messages.info(request, _("ไฟล์นี้กำลังนำเข้าหรือนำเข้าเสร็จแล้ว"))
            return redirect("factories:import", pk=batch.pk)
        valid_rows_only = request.POST.get("valid_rows_only") == "1"
        with transaction.atomic():
            import_batch_queue(batch=batch, valid_rows_only=valid_rows_only)
        messages.success(request, _("เริ่มนำเข้าแล้ว ระบบจะแสดงความคืบหน้าในหน้านี้"))
        return redirect("factories:import", pk=batch.pk)
    issues = batch.row_errors.order_by("row_number", "pk")
    return render(
        request,
        "factories/import_detail.html",
        {
            "batch": batch,
            "errors": issues.filter(level=RowIssueLevel.ERROR)[:SHOWN_ISSUES],
            "warnings": issues.filter(level=RowIssueLevel.WARNING)[:SHOWN_ISSUES],
            "shown_issues": SHOWN_ISSUES,
            "valid_rows": max(batch.total_rows - batch.error_count, 0),
        },
    )


def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment that the batch page polls while the worker imports."""
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=pk)
    response = render(request, "factories/_import_progress.html", {"batch": batch})
    if not batch.in_progress:
        # Stop polling and reload the page so the final counts and problems show.
        response["HX-Refresh"] = "true"
    return response
