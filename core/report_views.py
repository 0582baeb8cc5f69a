"""The report pages: asking for a report, its status (polled by HTMX), retrying, downloading,
and "my reports". Who may see a report is who may see its subject (``core.reports``): anyone
else, whoever asked for it, gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.history import history_page, object_history, source_of
from core.models import ReportRequest, ReportStatus
from core.paging import Pages
from core.reports import kind_of, report_request_create, report_retry, report_subject

PAGE_SIZE = 50
# Kept for the machine, not for the person: the request's key and which worker process built it.
REPORT_HISTORY_HIDDEN = ("params_key", "worker", "file")


def _visible_report(request: HttpRequest, pk: int) -> ReportRequest:
    report = get_object_or_404(ReportRequest, pk=pk)
    report_subject(report=report, user=request.user)  # Http404 outside the person's scope
    return report


def _status(request: HttpRequest, report: ReportRequest) -> HttpResponse:
    return render(request, "core/reports/_status.html", {"report": report})


@require_POST
def report_request(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    report = report_request_create(user=request.user, kind=kind, pk=pk, data=request.POST)
    if request.htmx:
        return _status(request, report)
    messages.info(request, _("รับคำขอรายงานแล้ว ระบบกำลังสร้างรายงาน"))
    return redirect("core:my_reports")


@never_cache
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _status(request, _visible_report(request, pk))


@require_POST
def report_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_retry(report=_visible_report(request, pk))
    if request.htmx:
        return _status(request, report)
    return redirect("core:my_reports")


@never_cache
def report_download(request: HttpRequest, pk: int) -> FileResponse:
    report = _visible_report(request, pk)
    if report.status != ReportStatus.DONE or not report.file:
        raise Http404
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=report.filename,
        content_type=kind_of(report.kind).content_type,
    )


@never_cache
def report_history(request: HttpRequest, pk: int) -> HttpResponse:
    """What became of a report request: asked for, claimed by the worker, built, failed or
    retried, and when; for whoever may see the report."""
    report = _visible_report(request, pk)
    return history_page(
        request,
        object_history(source_of(report, exclude=REPORT_HISTORY_HIDDEN)),
        title=report.title,
        crumbs=[(_("รายงานของฉัน"), reverse("core:my_reports"))],
    )


def my_reports(request: HttpRequest) -> HttpResponse:
    """The reports the person asked for, newest first, with their state."""
    reports = (
        ReportRequest.objects.filter(requested_by=request.user)
        .only("pk", "kind", "title", "status", "error", "created_at", "finished_at", "filename")
        .order_by("-created_at", "-pk")
    )
    page = Pages(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/reports/my_reports.html", {"page": page, "query": ""})
