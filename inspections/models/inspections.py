"""Factory inspections: the officer's visit, answers as typed, findings, orders, review.

An inspection belongs to one factory and, through it, to one office; it is answered on the
published checklist versions chosen when it starts, so it can always be read as it was.
Answers are saved one by one while the officer types (a dropped connection loses at most the
answer being typed) and carry a version number so that two people editing the same answer never
silently overwrite each other. Submitting turns non-compliant answers into findings; orders
under the Factory Act (s.37 fix within a time, s.39 temporary stop) are issued from findings and
closed, or escalated, by a follow-up inspection. The office head approves or returns the work.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds
from core.access import office_scope
from core.labels import ChoiceLabels
from core.thaidates import fiscal_year_of, format_be_date
from inspections.models.checklists import ChecklistItem, ChecklistVersion, Compliance, Severity


class InspectionKind(models.TextChoices):
    ROUTINE = "routine", _("ตรวจตามแผนประจำปี")
    COMPLAINT = "complaint", _("ตรวจตามเรื่องร้องเรียน")
    FOLLOW_UP = "follow_up", _("ตรวจติดตามคำสั่ง")
    GREEN_INDUSTRY = "green_industry", _("ตรวจเพื่ออุตสาหกรรมสีเขียว")


class InspectionStatus(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง")
    SUBMITTED = "submitted", _("ส่งให้อุตสาหกรรมจังหวัดพิจารณา")
    RETURNED = "returned", _("ส่งกลับให้แก้ไข")
    APPROVED = "approved", _("อนุมัติแล้ว")


EDITABLE_STATUSES = (InspectionStatus.DRAFT, InspectionStatus.RETURNED)


class InspectionQuerySet(models.QuerySet["FactoryInspection"]):
    def visible_to(self, user) -> InspectionQuerySet:
        return self.filter(office_scope(user))

    def approved(self) -> InspectionQuerySet:
        return self.filter(status=InspectionStatus.APPROVED)

    def of_fiscal_year(self, fiscal_year: int) -> InspectionQuerySet:
        return self.filter(fiscal_year=fiscal_year)


class FactoryInspection(ChoiceLabels, models.Model):
    """One inspection of a factory by an office's officers (การตรวจกำกับโรงงาน)."""

    factory = models.ForeignKey(
        "factories.Factory",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("โรงงาน"),
    )
    # Kept from the factory at creation: scoping and the office's lists read it without a join.
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("สำนักงาน"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), db_index=True)
    kind = models.CharField(
        _("ประเภทการตรวจ"),
        max_length=20,
        choices=InspectionKind.choices,
        default=InspectionKind.ROUTINE,
    )
    inspected_on = models.DateField(
        _("วันที่ตรวจ"),
        default=timezone.localdate,
        validators=[bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, "inspection_last_date")],
    )
    lead_inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_inspections",
        verbose_name=_("ผู้ตรวจหลัก"),
    )
    co_inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="joined_inspections",
        verbose_name=_("ผู้ร่วมตรวจ"),
    )
    complaint = models.ForeignKey(
        "factories.Complaint",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("เรื่องร้องเรียนที่ตรวจ"),
    )
    checklist_versions = models.ManyToManyField(
        ChecklistVersion, related_name="inspections", verbose_name=_("แบบตรวจที่ใช้")
    )
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.DRAFT
    )
    summary = models.TextField(_("สรุปผลการตรวจ"), blank=True)
    latitude = models.DecimalField(
        _("ละติจูด ณ จุดตรวจ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=bounds.between(bounds.LAT_MIN, bounds.LAT_MAX),
    )
    longitude = models.DecimalField(
        _("ลองจิจูด ณ จุดตรวจ"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=bounds.between(bounds.LNG_MIN, bounds.LNG_MAX),
    )
    location_accuracy_m = models.PositiveIntegerField(
        _("ความคลาดเคลื่อนของตำแหน่ง (เมตร)"),
        null=True,
        blank=True,
        validators=[bounds.AtMost(bounds.LOCATION_ACCURACY_MAX_M)],
    )
    version = models.PositiveIntegerField(_("รุ่นของข้อมูล"), default=1)
    submitted_at = models.DateTimeField(_("ส่งเมื่อ"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("พิจารณาเมื่อ"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_inspections",
        verbose_name=_("ผู้พิจารณา"),
    )
    review_comment = models.TextField(_("ความเห็นของผู้พิจารณา"), blank=True)
    amendment_count = models.PositiveSmallIntegerField(_("จำนวนครั้งที่แก้ไขหลังอนุมัติ"), default=0)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("การตรวจโรงงาน")
        verbose_name_plural = _("การตรวจโรงงาน")
        ordering = ["-inspected_on", "-pk"]
        indexes = [
            # The factory is included so that the plan reads an office's inspections of a year,
            # by status, from the index alone.
            models.Index(
                fields=["office", "fiscal_year", "status"],
                include=["factory"],
                name="inspection_office_fy",
            ),
            # The review queue (submitted, oldest first), and an officer's open inspections
            # counted from the index alone.
            models.Index(
                fields=["office", "status", "submitted_at"],
                include=["id", "lead_inspector"],
                name="inspection_office_status",
            ),
            models.Index(fields=["factory", "fiscal_year"], name="inspection_factory_fy"),
            models.Index(fields=["lead_inspector", "status"], name="inspection_lead_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=bounds.q_between(
                    "inspected_on", bounds.INSPECTION_FIRST_DATE, bounds.LAST_DATE, nullable=False
                ),
                name="inspection_date_in_bounds",
                violation_error_message=_("วันที่ตรวจต้องอยู่ระหว่าง 01/01/2543 ถึง 31/12/2643"),
            ),
            models.CheckConstraint(
                condition=bounds.q_between("latitude", bounds.LAT_MIN, bounds.LAT_MAX)
                & bounds.q_between("longitude", bounds.LNG_MIN, bounds.LNG_MAX),
                name="inspection_location_in_thailand",
                violation_error_message=_("ตำแหน่งที่ตรวจต้องอยู่ในประเทศไทย"),
            ),
            models.CheckConstraint(
                condition=bounds.q_at_most("location_accuracy_m", bounds.LOCATION_ACCURACY_MAX_M),
                name="inspection_location_accuracy_in_bounds",
                violation_error_message=_("ความคลาดเคลื่อนของตำแหน่งต้องไม่เกิน 100,000 เมตร"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factory} — {format_be_date(self.inspected_on)}"

    def save(self, *args, **kwargs) -> None:
        if self.factory_id and not self.office_id:
            self.office_id = self.factory.office_id
        if self.inspected_on:
            self.fiscal_year = fiscal_year_of(self.inspected_on)
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class AnswerQuerySet(models.QuerySet["Answer"]):
    def visible_to(self, user) -> AnswerQuerySet:
        return self.filter(office_scope(user, "inspection__office"))

    def noncompliant(self) -> AnswerQuerySet:
        return self.filter(compliance=Compliance.NONCOMPLIANT)


class Answer(models.Model):
    """The answer to one checklist item in one inspection, saved as the officer types it."""

    inspection = models.ForeignKey(
        FactoryInspection,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("การตรวจ"),
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="answers", verbose_name=_("ข้อตรวจ")
    )
    value = models.CharField(_("คำตอบ"), max_length=2000, blank=True)
    note = models.TextField(_("บันทึกเพิ่มเติม"), blank=True)
    compliance = models.CharField(
        _("ผลการประเมิน"), max_length=20, choices=Compliance.choices, default=Compliance.UNANSWERED
    )
    version = models.PositiveIntegerField(_("รุ่นของคำตอบ"), default=1)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้ตอบ"),
    )
    updated_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("คำตอบ")
        verbose_name_plural = _("คำตอบ")
        ordering = ["inspection", "item__section__order", "item__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "item"],
                name="answer_one_per_item",
                violation_error_message=_("ข้อตรวจนี้มีคำตอบในการตรวจนี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code}: {self.value}"

    def save(self, *args, **kwargs) -> None:
        self.compliance = self.item.evaluate(self.value)
        super().save(*args, **kwargs)


def photo_path(instance: InspectionPhoto, filename: str) -> str:
    today = dt.date.today()
    return f"inspections/{today:%Y/%m}/{instance.inspection_id}/{filename}"


class InspectionPhoto(models.Model):
    """A photo taken during an inspection, of the whole visit or of one answer."""

    inspection = models.ForeignKey(
        FactoryInspection,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("การตรวจ"),
    )
    answer = models.ForeignKey(
        Answer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("คำตอบ"),
    )
    image = models.FileField(_("ภาพ"), upload_to=photo_path)
    content_type = models.CharField(_("ชนิดไฟล์"), max_length=50)
    size = models.PositiveIntegerField(_("ขนาด (ไบต์)"))
    caption = models.CharField(_("คำอธิบายภาพ"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้ถ่าย"),
    )
    uploaded_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("ภาพถ่ายการตรวจ")
        verbose_name_plural = _("ภาพถ่ายการตรวจ")
        ordering = ["inspection", "uploaded_at"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class Finding(ChoiceLabels, models.Model):
    """A non-compliance found in an inspection, made from a non-compliant answer at submit."""

    inspection = models.ForeignKey(
        FactoryInspection,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("การตรวจ"),
    )
    answer = models.OneToOneField(
        Answer, on_delete=models.CASCADE, related_name="finding", verbose_name=_("คำตอบ")
    )
    severity = models.CharField(_("ความรุนแรง"), max_length=20, choices=Severity.choices)
    description = models.TextField(_("รายละเอียด"))
    legal_reference = models.CharField(_("อ้างอิงกฎหมาย"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("พบเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("ข้อบกพร่องที่พบ")
        verbose_name_plural = _("ข้อบกพร่องที่พบ")
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class OrderSection(models.TextChoices):
    S37 = "s37", _("มาตรา 37 สั่งให้แก้ไขหรือปรับปรุงภายในเวลาที่กำหนด")
    S39 = "s39", _("มาตรา 39 สั่งหยุดประกอบกิจการชั่วคราว")


class OrderStatus(models.TextChoices):
    OPEN = "open", _("อยู่ระหว่างดำเนินการ")
    COMPLIED = "complied", _("ปฏิบัติตามคำสั่งแล้ว")
    OVERDUE = "overdue", _("เกินกำหนด")
    ESCALATED = "escalated", _("ยกระดับคำสั่ง")
    CANCELLED = "cancelled", _("ยกเลิก")


OPEN_ORDER_STATUSES = (OrderStatus.OPEN, OrderStatus.OVERDUE)


class OrderQuerySet(models.QuerySet["Order"]):
    def visible_to(self, user) -> OrderQuerySet:
        return self.filter(office_scope(user))

    def still_open(self) -> OrderQuerySet:
        return self.filter(status__in=OPEN_ORDER_STATUSES)


class Order(ChoiceLabels, models.Model):
    """An order under the Factory Act issued from an inspection's findings."""

    factory = models.ForeignKey(
        "factories.Factory",
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("โรงงาน"),
    )
    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="orders", verbose_name=_("สำนักงาน")
    )
    inspection = models.ForeignKey(
        FactoryInspection,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("การตรวจที่ออกคำสั่ง"),
    )
    findings = models.ManyToManyField(Finding, related_name="orders", verbose_name=_("ข้อบกพร่อง"))
    section = models.CharField(_("ตามมาตรา"), max_length=5, choices=OrderSection.choices)
    number = models.CharField(_("เลขที่คำสั่ง"), max_length=50, blank=True)
    legal_text = models.TextField(_("ข้อความคำสั่ง"))
    issued_on = models.DateField(
        _("วันที่ออกคำสั่ง"),
        default=timezone.localdate,
        validators=[bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, "inspection_last_date")],
    )
    deadline = models.DateField(
        _("กำหนดให้แล้วเสร็จ"),
        validators=[bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, "deadline_last_date")],
    )
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.OPEN
    )
    closed_on = models.DateField(
        _("วันที่ปิดคำสั่ง"),
        null=True,
        blank=True,
        validators=[bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, "inspection_last_date")],
    )
    closed_by_inspection = models.ForeignKey(
        FactoryInspection,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="closed_orders",
        verbose_name=_("การตรวจติดตามที่ปิดคำสั่ง"),
    )
    escalated_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalated_from",
        verbose_name=_("คำสั่งที่ยกระดับ"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ผู้ออกคำสั่ง"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    history = HistoricalRecords()

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("คำสั่งตาม พ.ร.บ.โรงงาน")
        verbose_name_plural = _("คำสั่งตาม พ.ร.บ.โรงงาน")
        ordering = ["deadline", "pk"]
        indexes = [
            # The factory is included so that the plan finds an office's open orders from the
            # index alone.
            models.Index(
                fields=["office", "status", "deadline"],
                include=["factory"],
                name="order_office_status",
            ),
            # The order list: by deadline, of one office or of all.
            models.Index(fields=["office", "deadline", "id"], name="order_office_deadline"),
            models.Index(fields=["deadline", "id"], name="order_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("issued_on")),
                name="order_deadline_after_issue",
                violation_error_message=_("กำหนดแล้วเสร็จต้องไม่ก่อนวันที่ออกคำสั่ง"),
            ),
            models.CheckConstraint(
                condition=bounds.q_between(
                    "issued_on", bounds.INSPECTION_FIRST_DATE, bounds.LAST_DATE, nullable=False
                )
                & bounds.q_at_most("deadline", bounds.LAST_DATE, nullable=False)
                & bounds.q_between("closed_on", bounds.INSPECTION_FIRST_DATE, bounds.LAST_DATE),
                name="order_dates_in_bounds",
                violation_error_message=_("วันที่ของคำสั่งต้องอยู่ระหว่าง 01/01/2543 ถึง 31/12/2643"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display()} — {self.factory}"

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_ORDER_STATUSES and self.deadline < timezone.localdate()


class OrderCheck(models.Model):
    """What a follow-up inspection found about one open order: complied or not."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="checks", verbose_name=_("คำสั่ง")
    )
    inspection = models.ForeignKey(
        FactoryInspection,
        on_delete=models.CASCADE,
        related_name="order_checks",
        verbose_name=_("การตรวจติดตาม"),
    )
    complied = models.BooleanField(_("ปฏิบัติตามคำสั่งแล้ว"))
    note = models.TextField(_("บันทึก"), blank=True)
    checked_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)

    class Meta:
        verbose_name = _("ผลการติดตามคำสั่ง")
        verbose_name_plural = _("ผลการติดตามคำสั่ง")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "inspection"],
                name="order_checked_once_per_inspection",
                violation_error_message=_("คำสั่งนี้ถูกบันทึกผลในการตรวจนี้แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order} — {'✓' if self.complied else '✗'}"


class PlanEntryReason(models.TextChoices):
    """Why the head put a factory on the plan by hand; blank on an entry that only records who
    inspects a factory already on the plan for its risk, a complaint or an order."""

    COMPLAINT = "complaint", _("เรื่องร้องเรียน")
    FOLLOW_UP = "follow_up", _("ตรวจติดตาม")
    OTHER = "other", _("อื่น ๆ")


class InspectionPlanEntry(models.Model):
    """A factory on an office's inspection plan for a fiscal year, and who will inspect it."""

    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.CASCADE,
        related_name="plan_entries",
        verbose_name=_("สำนักงาน"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    factory = models.ForeignKey(
        "factories.Factory",
        on_delete=models.CASCADE,
        related_name="plan_entries",
        verbose_name=_("โรงงาน"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_entries",
        verbose_name=_("ผู้รับผิดชอบ"),
    )
    planned_month = models.PositiveSmallIntegerField(
        _("เดือนที่วางแผน"), null=True, blank=True, validators=bounds.between(1, 12)
    )
    reason = models.CharField(
        _("เหตุที่เพิ่มในแผน"), max_length=20, choices=PlanEntryReason.choices, blank=True
    )
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("แผนการตรวจโรงงาน")
        verbose_name_plural = _("แผนการตรวจโรงงาน")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "factory"],
                name="plan_factory_once_a_year",
                violation_error_message=_("โรงงานนี้อยู่ในแผนของปีงบประมาณนี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=bounds.q_between("planned_month", 1, 12),
                name="plan_month_1_to_12",
                violation_error_message=_("เดือนที่วางแผนต้องเป็น 1 ถึง 12"),
            ),
        ]
        indexes = [models.Index(fields=["office", "fiscal_year"], name="plan_office_fy")]

    def __str__(self) -> str:
        return f"{self.factory} — {self.fiscal_year}"
