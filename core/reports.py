"""The report engine: a registry of report kinds, asking for a report, and building it.

Higher apps register their kinds in their ``ready()`` (as they do reminders in
``core.reminders``): each kind says what it is called, how a person's subject is found (the
scoped queryset, so a subject outside their offices answers 404), and how its file is written.
A person asks for a report from its subject's page (``report_request_create``); a Celery worker
builds it (``core.tasks.build_report`` → ``report_build``) once the request is committed, and
the file is kept in private storage (``core.storage``) until the download view hands it out.

The kinds registered today: the inspection report and the order letter (``inspections``), a
factory's MIND scorecard, a round visit's report and a round's summary (PDF and XLSX) of the
offices a person oversees (``policy``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.models import IN_PROGRESS, ReportRequest, ReportStatus, report_path
from core.spreadsheets import XLSX_CONTENT_TYPE
from core.storage import private_reports

logger = logging.getLogger(__name__)

PDF = "application/pdf"
XLSX = XLSX_CONTENT_TYPE
# A report whose worker was lost this many times is failed instead of going round for ever.
MAX_ATTEMPTS = 3
# A worker on another machine that has said nothing for longer than the task's hard time limit
# is gone: Celery would have ended the task by then (core.tasks.build_report).
LEASE = timedelta(minutes=11)
# A report still waiting after this long has most likely lost its task.
STALLED_QUEUE = timedelta(minutes=30)


class ReportError(Exception):
    """A reason a report cannot be built, in Thai, shown to the person who asked for it."""


@dataclass(frozen=True)
class ReportKind:
    """One kind of report.

    ``find(user, pk)`` returns the subject when ``user`` may see it and raises ``Http404``
    otherwise; ``build(subject_pk, params)`` returns the file's bytes (it runs in a worker, with
    no person: the person was checked when asking and is checked again at download);
    ``filename(subject, params)`` names the file; ``describe(subject, params)`` names the
    report as "my reports" lists it; ``office_of(subject)`` is the office it belongs to;
    ``params_from(data)`` reads the options of a request (a form's POST) into JSON.

    A report of the part of its subject a person oversees (a round's summary of the offices of
    an inspector's regions) says so with ``scope(user, params)``, which writes that part into
    the params when the report is asked for, and ``in_scope(user, params)``, which says whether
    a person may see a report of that part: its status, retry and download answer 404 to anyone
    else, even someone who sees the subject.
    """

    code: str
    title: Any  # a lazy Thai string
    model: str  # "app_label.model", the subject's model
    find: Callable[[Any, int], Any]
    build: Callable[[int, Mapping[str, Any]], bytes]
    filename: Callable[[Any, Mapping[str, Any]], str]
    describe: Callable[[Any, Mapping[str, Any]], str]
    office_of: Callable[[Any], str | None]
    content_type: str = PDF
    params_from: Callable[[Mapping[str, Any]], dict[str, Any]] = field(default=lambda data: {})
    scope: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None
    in_scope: Callable[[Any, Mapping[str, Any]], bool] | None = None


KINDS: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> None:
    KINDS[kind.code] = kind


def kind_of(code: str) -> ReportKind:
    try:
        return KINDS[code]
    except KeyError:
        raise Http404 from None


def subject_key(kind: ReportKind, pk: int) -> str:
    return f"{kind.model}:{pk}"


def subject_pk(report: ReportRequest) -> int:
    return int(report.subject_key.rsplit(":", 1)[1])


def params_key(params: Mapping[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def report_subject(*, report: ReportRequest, user) -> Any:
    """The report's subject if ``user`` may see it, and the part of it the report covers;
    ``Http404`` otherwise (or when it is gone)."""
    kind = kind_of(report.kind)
    subject = kind.find(user, subject_pk(report))
    if kind.in_scope is not None and not kind.in_scope(user, report.params):
        raise Http404
    return subject


def latest_report(*, user, kind: str, pk: int) -> ReportRequest | None:
    """The newest report of this kind and subject that ``user`` asked for (the subject page's
    status line)."""
    if kind not in KINDS:
        return None
    return (
        ReportRequest.objects.filter(
            requested_by=user, kind=kind, subject_key=subject_key(KINDS[kind], pk)
        )
        .order_by("-created_at", "-pk")
        .first()
    )


# --- asking for a report ---------------------------------------------------------------------


def _queue_build(report_id: int) -> None:
    from django.conf import settings

    from core.tasks import build_report

    # The queue is named so that a test's worker on a queue of its own receives it.
    transaction.on_commit(
        lambda: build_report.apply_async((report_id,), queue=settings.CELERY_TASK_DEFAULT_QUEUE)
    )


def _stalled(report: ReportRequest) -> bool:
    now = timezone.now()
    if report.status == ReportStatus.RUNNING:
        return report.started_at is None or report.started_at < now - LEASE
    return report.created_at < now - STALLED_QUEUE


def report_request_create(
    *, user, kind: str, pk: int, data: Mapping[str, Any] | None = None
) -> ReportRequest:
    """Ask for a report of the subject ``pk``; ``Http404`` when ``user`` may not see it.

    The same report (kind, subject, options, person) already waiting or being built is
    returned instead of a second one: the unique constraint holds that even for two clicks at
    the same moment. A finished report is kept, and asking again builds a fresh one.
    """
    report_kind = kind_of(kind)
    subject = report_kind.find(user, pk)
    params = report_kind.params_from(data or {})
    if report_kind.scope is not None:
        params = report_kind.scope(user, params)
    values = {
        "kind": kind,
        "subject_key": subject_key(report_kind, pk),
        "params_key": params_key(params),
        "requested_by": user,
    }
    existing = ReportRequest.objects.filter(status__in=IN_PROGRESS, **values).first()
    if existing is not None:
        if _stalled(existing):
            # Its task was lost (a broker emptied, a worker gone for good): send another; a
            # second task for a report being built does nothing.
            _queue_build(existing.pk)
        return existing
    with override("th"):  # reports are Thai documents; their names too
        title = str(report_kind.describe(subject, params))[:300]
        filename = report_kind.filename(subject, params)[:200]
    try:
        with transaction.atomic():
            report = ReportRequest.objects.create(
                **values,
                params=params,
                title=title,
                filename=filename,
                office_id=report_kind.office_of(subject),
            )
            _queue_build(report.pk)
    except IntegrityError:
        # Another request for the same report was committed in between.
        return ReportRequest.objects.get(status__in=IN_PROGRESS, **values)
    return report


def _keep_version(report: ReportRequest, *, fresh: bool = False) -> None:
    """Record in the report's history the version an ``update()`` wrote (simple-history records
    only ``save()``): the person signed in, if any, made it; otherwise the worker (ระบบ)."""
    if not fresh:
        report.refresh_from_db()
    ReportRequest.history.bulk_history_create([report], update=True)


def report_retry(*, report: ReportRequest) -> ReportRequest:
    """Build a failed report again (a report already waiting or done is left as it is)."""
    with transaction.atomic():
        updated = ReportRequest.objects.filter(pk=report.pk, status=ReportStatus.FAILED).update(
            status=ReportStatus.QUEUED, error="", attempts=0, worker="", finished_at=None
        )
        report.refresh_from_db()
        if updated:
            _keep_version(report, fresh=True)
            _queue_build(report.pk)
    return report


# --- building it in a worker -----------------------------------------------------------------


def _me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _owner_is_gone(report: ReportRequest) -> bool:
    """Whether the worker process that claimed ``report`` no longer runs: it has been building
    for longer than a task may run, or it was a process of this machine that has ended."""
    if report.started_at is None or report.started_at < timezone.now() - LEASE:
        return True  # no task runs that long (and a process number may have been reused)
    host, _sep, pid = report.worker.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        if int(pid) == os.getpid():
            return True  # this process claimed it and lost it (a retry after a storage error)
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
    return False


class Claim:
    """What :func:`report_claim` found: build it now (``report``), or come back later."""

    def __init__(self, report: ReportRequest | None = None, *, later: bool = False) -> None:
        self.report = report
        self.later = later


def report_claim(report_id: int) -> Claim:
    """Take the report for this worker process if it waits, or if its worker died.

    The row is read under a lock that another claimer skips, and the claim is written as a
    compare-and-set on the status and the previous owner, so two workers handed the same task
    never both build it."""
    with transaction.atomic():
        report = (
            ReportRequest.objects.select_for_update(skip_locked=True).filter(pk=report_id).first()
        )
        if report is None or report.status in (ReportStatus.DONE, ReportStatus.FAILED):
            return Claim()  # gone, being claimed right now, or finished: nothing to do
        if report.status == ReportStatus.RUNNING and not _owner_is_gone(report):
            # Built by a live worker; a worker elsewhere may still be lost: look again later.
            return Claim(later=not report.worker.startswith(socket.gethostname() + ":"))
        if report.attempts >= MAX_ATTEMPTS:
            report.status = ReportStatus.FAILED
            report.error = _(
                "ระบบเบื้องหลังหยุดทำงานระหว่างสร้างรายงานนี้ %(n)s ครั้ง กรุณาลองอีกครั้งภายหลัง หรือแจ้งผู้ดูแลระบบ"
            ) % {"n": report.attempts}
            report.finished_at = timezone.now()
            report.save(update_fields=["status", "error", "finished_at"])
            return Claim()
        claimed = ReportRequest.objects.filter(
            pk=report.pk, status=report.status, worker=report.worker
        ).update(
            status=ReportStatus.RUNNING,
            worker=_me(),
            attempts=F("attempts") + 1,
            started_at=timezone.now(),
        )
        if not claimed:
            return Claim()
        _keep_version(report)
    return Claim(report)


def _write_atomically(report: ReportRequest, content: bytes) -> str:
    """Write the file under a fresh name through a temporary file beside it, so that a reader
    never meets half a file and a worker killed mid-write leaves no report behind."""
    storage = private_reports()
    extension = os.path.splitext(report.filename)[1] or ".bin"
    name = report_path(report, f"{report.pk}-{get_random_string(12)}{extension}")
    path = storage.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return name


def _fail(report: ReportRequest, reason: str) -> None:
    failed = ReportRequest.objects.filter(pk=report.pk, worker=report.worker).update(
        status=ReportStatus.FAILED, error=reason, finished_at=timezone.now()
    )
    if failed:
        _keep_version(report)


def report_build(*, report_id: int, last_try: bool = True) -> str:
    """Build one report; what a worker runs. Returns what became of it.

    A finished report is not built again; a report being built by a live worker is left to it.
    A storage error (``OSError``) gives the report back to the queue and is raised for the task
    to retry later, unless this is the ``last_try``, when the report fails with the reason.
    """
    claim = report_claim(report_id)
    if claim.report is None:
        if claim.later:
            raise ReportBusy
        return "skipped"
    report = claim.report
    kind = KINDS.get(report.kind)
    if kind is None:
        _fail(report, _("ไม่รู้จักรายงานชนิดนี้"))
        return "failed"
    delay = float(os.environ.get("REPORT_BUILD_DELAY", "0") or 0)
    if delay:  # lets the tests kill a worker while it is building
        time.sleep(delay)
    try:
        with override("th"):
            content = kind.build(subject_pk(report), report.params)
        name = _write_atomically(report, content)
    except ReportError as error:
        _fail(report, str(error))
        return "failed"
    except ObjectDoesNotExist:
        _fail(report, _("ไม่พบข้อมูลของรายงานนี้แล้ว อาจถูกลบไปหลังจากขอรายงาน"))
        return "failed"
    except OSError:
        if last_try:
            _fail(report, _("บันทึกไฟล์รายงานไม่สำเร็จ กรุณาลองอีกครั้งภายหลัง"))
            return "failed"
        given_back = ReportRequest.objects.filter(pk=report.pk, worker=report.worker).update(
            status=ReportStatus.QUEUED, worker="", attempts=F("attempts") - 1
        )
        if given_back:
            _keep_version(report)
        raise
    except Exception as error:
        from celery.exceptions import SoftTimeLimitExceeded

        if isinstance(error, SoftTimeLimitExceeded):
            _fail(report, _("สร้างรายงานนานเกินกำหนด กรุณาลองอีกครั้ง หรือแจ้งผู้ดูแลระบบ"))
            return "failed"
        logger.exception("report %s failed", report.pk)
        _fail(report, _("เกิดข้อผิดพลาดระหว่างสร้างรายงาน กรุณาลองอีกครั้ง หรือแจ้งผู้ดูแลระบบ"))
        return "failed"
    done = ReportRequest.objects.filter(
        pk=report.pk, worker=report.worker, status=ReportStatus.RUNNING
    ).update(status=ReportStatus.DONE, file=name, finished_at=timezone.now(), error="")
    if not done:  # another worker took it over meanwhile: its file is the report
        with contextlib.suppress(OSError):
            private_reports().delete(name)
        return "skipped"
    _keep_version(report)
    return "done"


class ReportBusy(Exception):
    """The report is claimed by a worker on another machine that may have been lost."""
