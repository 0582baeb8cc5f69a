"""The few rows every app shares."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.labels import ChoiceLabels


class WorkerHeartbeat(models.Model):
    """When the background worker last ran the beat's heartbeat task.

    The health page reads it to tell an admin whether reports and reminders are being produced.
    """

    name = models.CharField(_("ชื่อ"), max_length=50, unique=True)
    last_seen = models.DateTimeField(_("ทำงานล่าสุด"))
    hostname = models.CharField(_("เครื่อง"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("สัญญาณการทำงานของระบบเบื้องหลัง")
        verbose_name_plural = _("สัญญาณการทำงานของระบบเบื้องหลัง")

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_seen:%Y-%m-%d %H:%M}"


class Dimension(models.Model):
    """One of the four MIND dimensions (มิติ). None may be missing: scores show the weakest.

    Kept here, below every app, because two layers use them: inspections tags checklist items
    with the dimensions they bear on, and policy scores factories along them.
    """

    BUSINESS = "business"
    COMMUNITY = "community"
    ENVIRONMENT = "environment"
    INCOME = "income"

    code = models.CharField(_("รหัส"), max_length=20, primary_key=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), unique=True)
    name = models.CharField(_("ชื่อมิติ"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200)
    description = models.TextField(_("คำอธิบาย"), blank=True)

    class Meta:
        # The table keeps the name it was created with, when the dimensions lived in policy.
        db_table = "policy_dimension"
        verbose_name = _("มิติตามนโยบาย MIND")
        verbose_name_plural = _("มิติตามนโยบาย MIND")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


DIMENSION_CODES = (Dimension.BUSINESS, Dimension.COMMUNITY, Dimension.ENVIRONMENT, Dimension.INCOME)


class ReminderThreshold(models.Model):
    """How many days before a deadline a kind of reminder goes out.

    0 is the day itself and -1 is once the deadline has passed."""

    kind = models.CharField(_("ชนิดการเตือน"), max_length=50)
    days = models.IntegerField(_("จำนวนวันก่อนกำหนด"))
    active = models.BooleanField(_("ใช้งาน"), default=True)

    class Meta:
        verbose_name = _("เกณฑ์การเตือน")
        verbose_name_plural = _("เกณฑ์การเตือน")
        constraints = [
            models.UniqueConstraint(fields=["kind", "days"], name="reminder_threshold_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.days}"

    @property
    def label(self) -> str:
        return "overdue" if self.days < 0 else f"{self.days}d"


class Notification(models.Model):
    """One reminder to one person about one thing at one threshold; never twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ผู้รับ"),
    )
    kind = models.CharField(_("ชนิด"), max_length=50)
    subject_key = models.CharField(_("เรื่อง"), max_length=100)
    threshold = models.CharField(_("เกณฑ์"), max_length=20)
    title = models.CharField(_("หัวข้อ"), max_length=200)
    message = models.TextField(_("ข้อความ"), blank=True)
    url = models.CharField(_("ลิงก์"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    read_at = models.DateTimeField(_("อ่านเมื่อ"), null=True, blank=True)
    digest_sent_at = models.DateTimeField(_("ส่งสรุปเมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("การแจ้งเตือน")
        verbose_name_plural = _("การแจ้งเตือน")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_key", "threshold", "recipient"],
                name="notification_once",
            )
        ]

    def __str__(self) -> str:
        return self.title


class DigestSend(models.Model):
    """The one daily digest email of a person: its row is what keeps a second copy of the
    digest task from sending it again (``core.notifications.digest_send``)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("ผู้รับ")
    )
    day = models.DateField(_("สรุปของวันที่"))
    sent_at = models.DateTimeField(_("ส่งเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("อีเมลสรุปรายวันที่ส่งแล้ว")
        verbose_name_plural = _("อีเมลสรุปรายวันที่ส่งแล้ว")
        constraints = [models.UniqueConstraint(fields=["recipient", "day"], name="digest_once")]

    def __str__(self) -> str:
        return f"{self.recipient} {self.day}"


class NotificationPreference(models.Model):
    """Whether a person wants the daily digest email (no row: they do)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("ผู้ใช้")
    )
    digest = models.BooleanField(_("รับอีเมลสรุปรายวัน"), default=True)

    class Meta:
        verbose_name = _("การตั้งค่าการแจ้งเตือน")
        verbose_name_plural = _("การตั้งค่าการแจ้งเตือน")

    def __str__(self) -> str:
        return str(self.user)


def _private_reports():
    from core.storage import private_reports

    return private_reports()


def report_path(instance: ReportRequest, filename: str) -> str:
    return f"{instance.created_at:%Y/%m}/{filename}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("รอคิว")
    RUNNING = "running", _("กำลังสร้าง")
    DONE = "done", _("เสร็จแล้ว")
    FAILED = "failed", _("ไม่สำเร็จ")


IN_PROGRESS = (ReportStatus.QUEUED, ReportStatus.RUNNING)


class ReportRequest(ChoiceLabels, models.Model):
    """One report a person asked for: what (the kind and its subject), how (params), and where
    its worker has got to. The file is kept in private storage and handed out only by the
    download view, to people who may see the subject (``core.reports``)."""

    kind = models.CharField(_("ชนิดรายงาน"), max_length=50)
    subject_key = models.CharField(_("เรื่อง"), max_length=100)
    title = models.CharField(_("ชื่อรายงาน"), max_length=300)
    params = models.JSONField(_("ตัวเลือก"), default=dict, blank=True)
    # The params written in one order, so that the same request compares equal.
    params_key = models.CharField(max_length=300, default="{}", editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_requests",
        verbose_name=_("ผู้ขอ"),
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("สำนักงาน"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    error = models.TextField(_("สาเหตุที่ไม่สำเร็จ"), blank=True)
    file = models.FileField(
        _("ไฟล์"), storage=_private_reports, upload_to=report_path, max_length=300, blank=True
    )
    filename = models.CharField(_("ชื่อไฟล์"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("จำนวนครั้งที่สร้าง"), default=0)
    # Which worker process builds it now ("host:pid"): a report whose worker died is taken over.
    worker = models.CharField(_("ผู้สร้าง"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("ขอเมื่อ"), default=timezone.now)
    started_at = models.DateTimeField(_("เริ่มสร้างเมื่อ"), null=True, blank=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("คำขอรายงาน")
        verbose_name_plural = _("คำขอรายงาน")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="report_mine")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_key", "params_key", "requested_by"],
                condition=models.Q(status__in=["queued", "running"]),
                name="report_request_once_in_progress",
                violation_error_message=_("รายงานนี้กำลังสร้างอยู่แล้ว"),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    @property
    def kind_title(self) -> str:
        """The kind's name as its app registered it (``core.reports``)."""
        from core.reports import KINDS

        kind = KINDS.get(self.kind)
        return str(kind.title) if kind else self.kind
