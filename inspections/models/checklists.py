"""Checklists: versioned templates of sections and items that inspections answer.

A published version never changes, so that an inspection made on it can always be read and
scored as it was. Correcting a checklist means making a new draft version, editing it and
publishing it; the old version is retired but stays for the inspections that used it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds

FROZEN_MESSAGE = _("ฉบับที่เผยแพร่แล้วแก้ไขไม่ได้ กรุณาสร้างฉบับใหม่แล้วแก้ไขในฉบับใหม่")


class AppliesWhen(models.TextChoices):
    """Which factories (or inspections) a template is for, read from the factory's risk flags."""

    ALWAYS = "always", _("ทุกโรงงาน")
    WASTEWATER = "wastewater", _("โรงงานที่มีน้ำเสีย")
    AIR = "air", _("โรงงานที่มีมลพิษทางอากาศ")
    HAZARDOUS_WASTE = "hazardous_waste", _("โรงงานที่มีกากอุตสาหกรรมอันตราย")
    BOILER = "boiler", _("โรงงานที่มีหม้อน้ำ")
    GREEN_INDUSTRY = "green_industry", _("การตรวจเพื่ออุตสาหกรรมสีเขียว")
    COMPLAINT = "complaint", _("การตรวจตามเรื่องร้องเรียน")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง")
    PUBLISHED = "published", _("เผยแพร่ใช้งาน")
    RETIRED = "retired", _("เลิกใช้")


class ItemKind(models.TextChoices):
    YES_NO = "yes_no", _("ใช่ / ไม่ใช่ / ไม่เกี่ยวข้อง")
    NUMBER = "number", _("ตัวเลขพร้อมหน่วยและค่ามาตรฐาน")
    CHOICE = "choice", _("ตัวเลือก")
    TEXT = "text", _("ข้อความ")
    PHOTO = "photo", _("ภาพถ่าย")


class AnswerValue(models.TextChoices):
    """The values a yes-no item's answer takes; ``na`` (not applicable) any item may take."""

    YES = "yes", _("ใช่")
    NO = "no", _("ไม่ใช่")
    NOT_APPLICABLE = "na", _("ไม่เกี่ยวข้อง")


YES_NO_VALUES = (AnswerValue.YES, AnswerValue.NO)


class Severity(models.TextChoices):
    LOW = "low", _("ต่ำ")
    MEDIUM = "medium", _("ปานกลาง")
    HIGH = "high", _("สูง")
    CRITICAL = "critical", _("ร้ายแรง")


class Compliance(models.TextChoices):
    COMPLIANT = "compliant", _("เป็นไปตามกฎหมาย")
    NONCOMPLIANT = "noncompliant", _("ไม่เป็นไปตามกฎหมาย")
    NOT_APPLICABLE = "na", _("ไม่เกี่ยวข้อง")
    RECORDED = "recorded", _("บันทึกข้อมูล")
    UNANSWERED = "unanswered", _("ยังไม่ตอบ")


class ChecklistTemplate(models.Model):
    """A kind of checklist, e.g. wastewater; its content lives in numbered versions."""

    code = models.SlugField(_("รหัส"), max_length=40, unique=True)
    name = models.CharField(_("ชื่อแบบตรวจ"), max_length=200)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    applies_when = models.CharField(
        _("ใช้กับ"), max_length=20, choices=AppliesWhen.choices, default=AppliesWhen.ALWAYS
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    is_active = models.BooleanField(_("เปิดใช้งาน"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("แบบตรวจ")
        verbose_name_plural = _("แบบตรวจ")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    def published_version(self) -> ChecklistVersion | None:
        return self.versions.filter(status=VersionStatus.PUBLISHED).first()


class ChecklistVersion(models.Model):
    """One numbered version of a template. Frozen once published."""

    template = models.ForeignKey(
        ChecklistTemplate,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name=_("แบบตรวจ"),
    )
    number = models.PositiveSmallIntegerField(_("ฉบับที่"))
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    change_note = models.TextField(_("สิ่งที่เปลี่ยนแปลง"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    published_by = models.ForeignKey(
        "offices.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้เผยแพร่"),
    )

    class Meta:
        verbose_name = _("ฉบับของแบบตรวจ")
        verbose_name_plural = _("ฉบับของแบบตรวจ")
        ordering = ["template__order", "template__code", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"],
                name="checklist_version_number_unique",
                violation_error_message=_("แบบตรวจนี้มีฉบับที่นี้อยู่แล้ว"),
            ),
            models.UniqueConstraint(
                fields=["template"],
                condition=Q(status="published"),
                name="checklist_one_published_version",
                violation_error_message=_("แบบตรวจหนึ่งแบบมีฉบับที่เผยแพร่ใช้งานได้ครั้งละหนึ่งฉบับ"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} ฉบับที่ {self.number}"

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            stored = ChecklistVersion.objects.filter(pk=self.pk).values("status", "number").first()
            # A published version may only be retired; nothing else about it changes.
            if stored and stored["status"] != VersionStatus.DRAFT:
                allowed = stored["status"] == VersionStatus.PUBLISHED and self.status in (
                    VersionStatus.PUBLISHED,
                    VersionStatus.RETIRED,
                )
                if not allowed or stored["number"] != self.number:
                    raise ValidationError(FROZEN_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        return super().delete(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT


class FrozenWithVersion(models.Model):
    """Sections and items refuse changes once their version is published."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.owning_version().is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.owning_version().is_frozen:
            raise ValidationError(FROZEN_MESSAGE)
        return super().delete(*args, **kwargs)

    def owning_version(self) -> ChecklistVersion:
        raise NotImplementedError


class ChecklistSection(FrozenWithVersion):
    """A group of items within a version, e.g. "ระบบบำบัดน้ำเสีย"."""

    version = models.ForeignKey(
        ChecklistVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("ฉบับ")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    title = models.CharField(_("หัวข้อ"), max_length=200)

    class Meta:
        verbose_name = _("หมวดของแบบตรวจ")
        verbose_name_plural = _("หมวดของแบบตรวจ")
        ordering = ["version", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def owning_version(self) -> ChecklistVersion:
        return self.version


class ChecklistItem(FrozenWithVersion):
    """One question of a checklist, with its legal basis and how a non-compliant answer weighs."""

    section = models.ForeignKey(
        ChecklistSection, on_delete=models.CASCADE, related_name="items", verbose_name=_("หมวด")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    code = models.CharField(_("รหัสข้อ"), max_length=20)
    text = models.CharField(_("ข้อตรวจ"), max_length=500)
    guidance = models.TextField(_("คำแนะนำการตรวจ"), blank=True)
    kind = models.CharField(_("ชนิดคำตอบ"), max_length=20, choices=ItemKind.choices)
    compliant_when_yes = models.BooleanField(
        _("ตอบ “ใช่” คือเป็นไปตามกฎหมาย"),
        default=True,
        help_text=_("ยกเลิกเมื่อคำถามถามถึงสิ่งที่ผิด เช่น “พบการระบายน้ำเสียออกนอกโรงงาน”"),
    )
    unit = models.CharField(_("หน่วย"), max_length=40, blank=True)
    limit_min = models.DecimalField(
        _("ค่าต่ำสุดที่ยอมรับ"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=bounds.between(-bounds.MEASURE_MAX, bounds.MEASURE_MAX),
    )
    limit_max = models.DecimalField(
        _("ค่าสูงสุดที่ยอมรับ"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        validators=bounds.between(-bounds.MEASURE_MAX, bounds.MEASURE_MAX),
    )
    choices = models.JSONField(
        _("ตัวเลือก"),
        default=list,
        blank=True,
        help_text=_('รายการ {"value": ..., "label": ..., "compliant": true/false/null}'),
    )
    legal_reference = models.CharField(_("อ้างอิงกฎหมาย"), max_length=500, blank=True)
    reference_confirmed = models.BooleanField(
        _("ตรวจสอบค่ามาตรฐานและอ้างอิงกับประกาศแล้ว"), default=False
    )
    severity = models.CharField(
        _("ความรุนแรงเมื่อไม่เป็นไปตามกฎหมาย"),
        max_length=20,
        choices=Severity.choices,
        default=Severity.MEDIUM,
    )
    photo_required_if_noncompliant = models.BooleanField(
        _("ต้องแนบภาพเมื่อไม่เป็นไปตามกฎหมาย"), default=False
    )
    note_required_if_noncompliant = models.BooleanField(
        _("ต้องบันทึกรายละเอียดเมื่อไม่เป็นไปตามกฎหมาย"), default=True
    )
    dimensions = models.ManyToManyField(
        "core.Dimension", blank=True, related_name="checklist_items", verbose_name=_("มิติ MIND")
    )

    class Meta:
        verbose_name = _("ข้อตรวจ")
        verbose_name_plural = _("ข้อตรวจ")
        ordering = ["section__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(limit_min__isnull=True)
                | Q(limit_max__isnull=True)
                | Q(limit_min__lte=models.F("limit_max")),
                name="checklist_item_limits_ordered",
                violation_error_message=_("ค่าต่ำสุดต้องไม่มากกว่าค่าสูงสุด"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def owning_version(self) -> ChecklistVersion:
        return self.section.version

    def clean(self) -> None:
        if self.kind == ItemKind.CHOICE and not self.choices:
            raise ValidationError({"choices": _("ข้อตรวจแบบตัวเลือกต้องมีตัวเลือกอย่างน้อยหนึ่งรายการ")})
        if self.kind != ItemKind.NUMBER and (
            self.limit_min is not None or self.limit_max is not None
        ):
            raise ValidationError({"kind": _("ค่ามาตรฐานใช้ได้กับข้อตรวจแบบตัวเลขเท่านั้น")})

    @property
    def limit_text(self) -> str:
        """The legal limit as officers write it: ``≤ 20 mg/L`` or ``5.5–9.0``."""
        unit = f" {self.unit}" if self.unit else ""
        lo, hi = self.limit_min, self.limit_max
        if lo is not None and hi is not None:
            return f"{lo.normalize():f}–{hi.normalize():f}{unit}"
        if hi is not None:
            return f"≤ {hi.normalize():f}{unit}"
        if lo is not None:
            return f"≥ {lo.normalize():f}{unit}"
        return ""

    def evaluate(self, value: Any) -> str:
        """Whether an answer complies. Values: ``yes``/``no``/``na`` for yes-no items, a number
        (or numeric text) for number items, a choice value, or any text/photo."""
        if value in (None, ""):
            return Compliance.UNANSWERED
        if value == AnswerValue.NOT_APPLICABLE:
            return Compliance.NOT_APPLICABLE
        if self.kind == ItemKind.YES_NO:
            if value not in YES_NO_VALUES:
                return Compliance.UNANSWERED
            return (
                Compliance.COMPLIANT
                if (value == AnswerValue.YES) == self.compliant_when_yes
                else Compliance.NONCOMPLIANT
            )
        if self.kind == ItemKind.NUMBER:
            try:
                number = Decimal(str(value).replace(",", ""))
            except InvalidOperation:
                return Compliance.UNANSWERED
            if not number.is_finite():
                return Compliance.UNANSWERED
            if self.limit_min is None and self.limit_max is None:
                return Compliance.RECORDED
            if self.limit_min is not None and number < self.limit_min:
                return Compliance.NONCOMPLIANT
            if self.limit_max is not None and number > self.limit_max:
                return Compliance.NONCOMPLIANT
            return Compliance.COMPLIANT
        if self.kind == ItemKind.CHOICE:
            for choice in self.choices:
                if str(choice.get("value")) == str(value):
                    verdict = choice.get("compliant")
                    if verdict is None:
                        return Compliance.RECORDED
                    return Compliance.COMPLIANT if verdict else Compliance.NONCOMPLIANT
            return Compliance.UNANSWERED
        return Compliance.RECORDED


@receiver(m2m_changed, sender=ChecklistItem.dimensions.through)
def _refuse_dimension_changes_when_frozen(sender, instance, action, **kwargs) -> None:
    frozen = isinstance(instance, ChecklistItem) and instance.owning_version().is_frozen
    if action.startswith("pre_") and frozen:
        raise ValidationError(FROZEN_MESSAGE)
