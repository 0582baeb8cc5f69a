"""The ministry's inspection rounds of the offices (การตรวจราชการ).

A round (รอบที่ 1/2567) has ordered topics from the ministry's inspection plan, some tied to a
KPI the system computes. Each office of the round gets at most one visit: on site or online,
led by the Head Inspector, the Permanent Secretary or a region's inspector. Before the visit
the office reports on each topic and the system's figures are frozen as of a chosen date; in
the meeting the ministry records findings, recommendations and directives (ข้อสั่งการ) to the
office or to a ministry unit, who report their progress until the directive is closed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.access import NOTHING, office_scope
from core.labels import ChoiceLabels
from core.links import row_url
from policy.models.scorecards import kpi_choices

FISCAL_YEAR_VALIDATORS = [MinValueValidator(2500), MaxValueValidator(2700)]


class RoundKind(models.TextChoices):
    REGULAR = "regular", _("กรณีปกติ")
    SPECIAL = "special", _("กรณีพิเศษ")


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("เตรียมการ")
    OPEN = "open", _("ระหว่างการตรวจราชการ")
    CLOSED = "closed", _("ปิดรอบแล้ว")


class InspectionRound(ChoiceLabels, models.Model):
    """One round of the ministry's inspection of the offices in a fiscal year."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), validators=FISCAL_YEAR_VALIDATORS
    )
    number = models.PositiveSmallIntegerField(
        _("รอบที่"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    kind = models.CharField(
        _("ประเภทการตรวจราชการ"),
        max_length=20,
        choices=RoundKind.choices,
        default=RoundKind.REGULAR,
    )
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.PLANNED
    )
    starts_on = models.DateField(_("เริ่มวันที่"))
    ends_on = models.DateField(_("ถึงวันที่"))
    title = models.CharField(_("ชื่อรอบ"), max_length=300, blank=True)
    note = models.TextField(_("หมายเหตุ"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("รอบการตรวจราชการ")
        verbose_name_plural = _("รอบการตรวจราชการ")
        ordering = ["-fiscal_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "kind", "number"],
                name="round_number_unique",
                violation_error_message=_("ปีงบประมาณนี้มีรอบที่นี้อยู่แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="round_ends_after_start",
                violation_error_message=_("วันสิ้นสุดรอบต้องไม่ก่อนวันเริ่มรอบ"),
            ),
        ]

    def __str__(self) -> str:
        label = _("รอบที่ %(number)s/%(year)s") % {"number": self.number, "year": self.fiscal_year}
        if self.kind == RoundKind.SPECIAL:
            return f"{label} ({self.get_kind_display()})"
        return str(label)

    def get_absolute_url(self) -> str:
        return row_url("policy:round", "pk", self.pk)


class RoundTopic(ChoiceLabels, models.Model):
    """A topic of the round's inspection plan (ประเด็นการตรวจราชการ), perhaps measured by a KPI."""

    round = models.ForeignKey(
        InspectionRound, on_delete=models.CASCADE, related_name="topics", verbose_name=_("รอบ")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=1)
    title = models.CharField(_("ประเด็น"), max_length=300)
    description = models.TextField(_("รายละเอียด"), blank=True)
    kpi_code = models.CharField(
        _("ตัวชี้วัดที่ระบบคำนวณ"),
        max_length=40,
        choices=kpi_choices,
        blank=True,
        help_text=_("เว้นว่างถ้าประเด็นนี้ไม่มีตัวเลขจากระบบ"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ประเด็นการตรวจราชการ")
        verbose_name_plural = _("ประเด็นการตรวจราชการ")
        ordering = ["round", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "order"],
                name="round_topic_order_unique",
                violation_error_message=_("รอบนี้มีประเด็นลำดับนี้อยู่แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class VisitMode(models.TextChoices):
    ON_SITE = "on_site", _("ลงพื้นที่")
    ONLINE = "online", _("ผ่านระบบออนไลน์")


class VisitLead(models.TextChoices):
    HEAD_INSPECTOR = "head_inspector", _("หัวหน้าผู้ตรวจราชการกระทรวง")
    PERMANENT_SECRETARY = "permanent_secretary", _("ปลัดกระทรวงอุตสาหกรรม")
    REGION_INSPECTOR = "region_inspector", _("ผู้ตรวจราชการกระทรวงประจำเขต")
    OTHER = "other", _("ผู้บริหารกระทรวงอื่น")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("นัดหมายแล้ว")
    DONE = "done", _("ตรวจแล้ว")


class VisitQuerySet(models.QuerySet["Visit"]):
    def visible_to(self, user) -> VisitQuerySet:
        """An office sees its own visits, an inspector those of their regions, the Head
        Inspector and executives all; a ministry unit sees directives, not visits."""
        return self.filter(office_scope(user))


class Visit(ChoiceLabels, models.Model):
    """The ministry's visit to one office in one round."""

    round = models.ForeignKey(
        InspectionRound, on_delete=models.PROTECT, related_name="visits", verbose_name=_("รอบ")
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="round_visits",
        verbose_name=_("สำนักงาน"),
    )
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    starts_at = models.DateTimeField(_("วันและเวลา"))
    mode = models.CharField(
        _("รูปแบบ"), max_length=20, choices=VisitMode.choices, default=VisitMode.ON_SITE
    )
    meeting_link = models.URLField(
        _("ลิงก์การประชุมออนไลน์"), max_length=500, blank=True, help_text=_("เช่น ลิงก์ Zoom Meeting")
    )
    place = models.CharField(_("สถานที่"), max_length=300, blank=True)
    lead_kind = models.CharField(
        _("ผู้ตรวจราชการ"),
        max_length=30,
        choices=VisitLead.choices,
        default=VisitLead.REGION_INSPECTOR,
    )
    lead_name = models.CharField(_("ชื่อผู้ตรวจราชการ"), max_length=200, blank=True)
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ตรวจราชการในระบบ"),
    )
    ministry_team = models.TextField(_("คณะจากกระทรวง"), blank=True, help_text=_("บรรทัดละหนึ่งคน"))
    office_people = models.TextField(
        _("ผู้เข้าร่วมจากสำนักงาน"), blank=True, help_text=_("บรรทัดละหนึ่งคน")
    )
    other_agencies = models.TextField(
        _("หน่วยงานอื่นที่เข้าร่วม"),
        blank=True,
        help_text=_("บรรทัดละหนึ่งหน่วยงาน เช่น ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ 3"),
    )
    summary = models.TextField(_("ข้อสังเกตและข้อเสนอแนะภาพรวม"), blank=True)
    figures_as_of = models.DateField(_("ตัวเลขจากระบบ ณ วันที่"), null=True, blank=True)
    figures_taken_at = models.DateTimeField(_("ดึงตัวเลขเมื่อ"), null=True, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เตรียมการ"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords()

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("การตรวจราชการสำนักงาน")
        verbose_name_plural = _("การตรวจราชการสำนักงาน")
        ordering = ["round", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "office"],
                name="visit_one_per_office_and_round",
                violation_error_message=_("สำนักงานนี้มีการตรวจราชการในรอบนี้อยู่แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.office}"

    def get_absolute_url(self) -> str:
        return row_url("policy:visit", "pk", self.pk)

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]

    @property
    def ministry_team_list(self) -> list[str]:
        return self.lines(self.ministry_team)

    @property
    def office_people_list(self) -> list[str]:
        return self.lines(self.office_people)

    @property
    def other_agencies_list(self) -> list[str]:
        return self.lines(self.other_agencies)


class VisitTopic(models.Model):
    """One topic of one visit: the office's report, the frozen figure, the findings."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="topic_reports", verbose_name=_("การตรวจ")
    )
    topic = models.ForeignKey(
        RoundTopic, on_delete=models.PROTECT, related_name="reports", verbose_name=_("ประเด็น")
    )
    office_report = models.TextField(_("รายงานผลการดำเนินงานของสำนักงาน"), blank=True)
    reported_at = models.DateTimeField(_("รายงานเมื่อ"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้รายงาน"),
    )
    # The figure of the topic's KPI as of the visit's date, frozen when taken.
    figure_value = models.DecimalField(
        _("ค่าตัวชี้วัด (ร้อยละ)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    figure_numerator = models.PositiveIntegerField(_("ผลงาน"), null=True, blank=True)
    figure_denominator = models.PositiveIntegerField(_("ฐาน"), null=True, blank=True)
    findings = models.TextField(_("ผลการตรวจ (ข้อค้นพบ)"), blank=True)
    recommendations = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ผลการตรวจรายประเด็น")
        verbose_name_plural = _("ผลการตรวจรายประเด็น")
        ordering = ["visit", "topic__order"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "topic"], name="visit_topic_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.visit} — {self.topic}"

    @property
    def is_reported(self) -> bool:
        return bool(self.office_report.strip())


class FigureSnapshot(models.Model):
    """A record of each time a visit's figures were taken from the data: the first take and
    every explicit refresh, with what they were."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("การตรวจ")
    )
    as_of = models.DateField(_("ข้อมูล ณ วันที่"))
    taken_at = models.DateTimeField(_("ดึงเมื่อ"), default=timezone.now)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ดึงตัวเลข"),
    )
    is_refresh = models.BooleanField(_("ดึงใหม่"), default=False)
    figures = models.JSONField(_("ตัวเลข"), default=dict)

    class Meta:
        verbose_name = _("ประวัติการดึงตัวเลข")
        verbose_name_plural = _("ประวัติการดึงตัวเลข")
        ordering = ["visit", "-taken_at"]

    def __str__(self) -> str:
        return f"{self.visit} — {self.as_of}"


class DirectiveStatus(models.TextChoices):
    OPEN = "open", _("ยังไม่เริ่มดำเนินการ")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("ดำเนินการแล้วเสร็จ")
    CANCELLED = "cancelled", _("ยกเลิก")


OPEN_DIRECTIVE_STATUSES = (DirectiveStatus.OPEN, DirectiveStatus.IN_PROGRESS)


class DirectiveQuerySet(models.QuerySet["Directive"]):
    def visible_to(self, user) -> DirectiveQuerySet:
        """The directives of the visits a person sees, and a ministry unit's own."""
        if getattr(user, "is_unit_staff", False) and user.is_active:
            if user.unit_id is None:
                return self.filter(NOTHING)
            return self.filter(unit_id=user.unit_id)
        return self.filter(office_scope(user, "visit__office"))

    def open(self) -> DirectiveQuerySet:
        return self.filter(status__in=OPEN_DIRECTIVE_STATUSES)

    def for_office_to_act(self, office_code: str) -> DirectiveQuerySet:
        """The directives an office itself must act on: given at its visits, to no ministry
        unit."""
        return self.filter(visit__office_id=office_code, unit__isnull=True)

    def overdue(self, today: dt.date) -> DirectiveQuerySet:
        return self.filter(Directive.overdue_q(today))


class Directive(ChoiceLabels, models.Model):
    """A directive (ข้อสั่งการ / มอบหมาย) given at a visit, to the office or to a ministry unit."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="directives", verbose_name=_("การตรวจ")
    )
    topic = models.ForeignKey(
        RoundTopic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directives",
        verbose_name=_("ประเด็น"),
    )
    text = models.TextField(_("ข้อสั่งการ"))
    unit = models.ForeignKey(
        "offices.MinistryUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directives",
        verbose_name=_("หน่วยงานที่รับผิดชอบ"),
        help_text=_("เว้นว่างถ้าสำนักงานอุตสาหกรรมจังหวัดเป็นผู้ดำเนินการ"),
    )
    due_on = models.DateField(_("กำหนดเสร็จ"), null=True, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=DirectiveStatus.choices, default=DirectiveStatus.OPEN
    )
    closed_on = models.DateField(_("ปิดเมื่อ"), null=True, blank=True)
    evidence = models.TextField(
        _("หลักฐานการดำเนินการ"), blank=True, help_text=_("เช่น เลขที่หนังสือ รายงาน หรือผลที่เกิดขึ้น")
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords()

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("ข้อสั่งการ")
        verbose_name_plural = _("ข้อสั่งการ")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | Q(closed_on__isnull=False),
                name="directive_done_has_closing_date",
                violation_error_message=_("ข้อสั่งการที่ดำเนินการแล้วเสร็จต้องมีวันที่ปิด"),
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="directive_status_due")]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return row_url("policy:directive", "pk", self.pk)

    @staticmethod
    def overdue_q(today: dt.date) -> Q:
        """The one rule of an overdue directive: still open after its due date."""
        return Q(status__in=OPEN_DIRECTIVE_STATUSES, due_on__lt=today)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DIRECTIVE_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today


class DirectiveUpdate(ChoiceLabels, models.Model):
    """A dated progress report on a directive by whoever must act on it."""

    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="updates", verbose_name=_("ข้อสั่งการ")
    )
    on = models.DateField(_("วันที่"))
    text = models.TextField(_("ความคืบหน้า"))
    status = models.CharField(_("สถานะหลังรายงาน"), max_length=20, choices=DirectiveStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้รายงาน"),
    )
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ความคืบหน้าข้อสั่งการ")
        verbose_name_plural = _("ความคืบหน้าข้อสั่งการ")
        ordering = ["directive", "-on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.directive} — {self.on}"
