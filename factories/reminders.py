"""Reminders of the register's records (core.reminders), to the office that keeps them:
Green Industry certificates about to expire (``gi``), complaints past their due date
(``complaint``) and loans that moved to watch or NPL (``loan``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.reminders import Reminder, register
from core.thaidates import format_be_date
from factories.models import (
    Complaint,
    ComplaintCategory,
    FactoryStatus,
    GreenIndustryCertificate,
    Loan,
    LoanStatus,
)
from offices.selectors import Recipients


def gi_reminders(day: dt.date, days: int) -> Iterator[Reminder]:
    """To the office's head, ``days`` before a factory's Green Industry certificate expires,
    unless the factory already holds a later one (renewed)."""
    renewed = GreenIndustryCertificate.objects.filter(factory=OuterRef("factory")).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=OuterRef("expires_on"))
    )
    certificates = list(
        GreenIndustryCertificate.objects.filter(
            expires_on=day + dt.timedelta(days=days), factory__office__isnull=False
        )
        .exclude(factory__status=FactoryStatus.REMOVED)
        .filter(~Exists(renewed))
        .values("pk", "factory_id", "factory__name", "factory__office_id", "level", "expires_on")
    )
    people = Recipients({c["factory__office_id"] for c in certificates})
    for c in certificates:
        title = _("ใบรับรองอุตสาหกรรมสีเขียวระดับ %(level)s ของ %(factory)s หมดอายุ %(date)s") % {
            "level": c["level"],
            "factory": c["factory__name"],
            "date": format_be_date(c["expires_on"]),
        }
        url = reverse("factories:detail", kwargs={"pk": c["factory_id"]})
        for recipient in people.heads(c["factory__office_id"]):
            yield Reminder(recipient, f"gi:{c['pk']}", f"{days}d", title[:200], url)


def complaint_reminders(day: dt.date, days: int) -> Iterator[Reminder]:
    """To the office's head and the member who recorded the complaint, ``days`` before its due
    date (0: the day itself) or, for a negative ``days``, once it has passed unresolved."""
    complaints = Complaint.objects.open().filter(due_on__isnull=False)
    if days < 0:
        complaints, threshold = complaints.filter(due_on__lt=day), "overdue"
    else:
        complaints = complaints.filter(due_on=day + dt.timedelta(days=days))
        threshold = f"{days}d"
    recorded_by = Complaint.history.filter(id=OuterRef("pk"), history_type="+").values(
        "history_user_id"
    )[:1]
    rows = list(
        complaints.annotate(recorder=Subquery(recorded_by)).values(
            "pk", "office_id", "category", "received_on", "due_on", "recorder"
        )
    )
    people = Recipients({r["office_id"] for r in rows}, {r["recorder"] for r in rows})
    categories = dict(ComplaintCategory.choices)
    for r in rows:
        title = _("เรื่องร้องเรียน%(category)s (รับเรื่อง %(received)s) กำหนดแล้วเสร็จ %(due)s") % {
            "category": categories.get(r["category"], r["category"]),
            "received": format_be_date(r["received_on"]),
            "due": format_be_date(r["due_on"]),
        }
        url = reverse("factories:complaint_edit", kwargs={"pk": r["pk"]})
        for recipient in people.of(r["office_id"], r["recorder"]):
            yield Reminder(recipient, f"complaint:{r['pk']}", threshold, title[:200], url)


def loan_reminders(day: dt.date, days: int) -> Iterator[Reminder]:
    """To the office's head, when a loan moved to watch or NPL within the ``days`` before
    ``day`` (and is not back to normal), read from the loan's history: every change of its
    status, whether by a follow-up (``loan_follow_up_record``), its form or admin, is a row
    there. Each move is its own reminder, so a loan that recovers and falls again is told of
    again; the window lets a run missed for a day or two lose nothing."""
    history = Loan.history.model
    since = timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=days), dt.time.min))
    until = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    before = (
        history.objects.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("status")[:1]
    )
    still = Loan.objects.exclude(status=LoanStatus.NORMAL)
    moves = list(
        history.objects.filter(
            history_date__gte=since,
            history_date__lt=until,
            status__in=[LoanStatus.WATCH, LoanStatus.NPL],
            id__in=still.values("pk"),
        )
        .annotate(status_before=Subquery(before))
        .filter(Q(status_before__isnull=True) | ~Q(status_before=F("status")))
        .values("history_id", "id", "status", "history_date", "borrower_name")
    )
    offices = dict(still.filter(pk__in={m["id"] for m in moves}).values_list("pk", "office_id"))
    people = Recipients(offices.values())
    statuses = dict(LoanStatus.choices)
    for m in moves:
        title = _("สินเชื่อของ %(borrower)s เปลี่ยนเป็น %(status)s เมื่อ %(date)s") % {
            "borrower": m["borrower_name"],
            "status": statuses[m["status"]],
            "date": format_be_date(m["history_date"]),
        }
        url = reverse("factories:loan", kwargs={"pk": m["id"]})
        key = f"loan:{m['id']}:{m['history_id']}"
        for recipient in people.heads(offices.get(m["id"])):
            yield Reminder(recipient, key, m["status"], title[:200], url)


def register_reminders() -> None:
    register(
        "gi",
        gi_reminders,
        gettext_lazy("ใบรับรองอุตสาหกรรมสีเขียว: จำนวนวันก่อนหมดอายุ"),
    )
    register(
        "complaint",
        complaint_reminders,
        gettext_lazy("เรื่องร้องเรียน: จำนวนวันก่อนกำหนดแล้วเสร็จ (-1 = เมื่อเลยกำหนด)"),
    )
    register(
        "loan",
        loan_reminders,
        gettext_lazy("สินเชื่อเปลี่ยนเป็นเฝ้าระวังหรือ NPL: ย้อนดูการเปลี่ยนกี่วัน"),
    )
