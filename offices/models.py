"""Offices, people and geography.

Geography comes from the DOPA codes carried by ``geothai`` and is read-only. Inspection regions
and the region of each office are editable data: the Prime Minister's Office regroups provinces
from time to time.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds
from core.access import office_scope
from core.labels import ChoiceLabels
from core.links import row_url
from core.thaidates import fiscal_year_range
from offices.reference import BANGKOK

STAFF_MAX = 10_000  # people of one provincial office


class Province(models.Model):
    """A province (จังหวัด) with its two-digit DOPA code."""

    code = models.CharField(_("รหัสจังหวัด"), max_length=2, primary_key=True)
    name_th = models.CharField(_("ชื่อจังหวัด"), max_length=100, unique=True)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100)

    class Meta:
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th

    @property
    def is_bangkok(self) -> bool:
        return self.code == BANGKOK


def office_code_for(province_code: str | None) -> str | None:
    """The code of the office serving a province, or None for Bangkok (which has no provincial
    office, so its factories have none). An office shares its province's code: /offices/57/ is
    สอจ.เชียงราย."""
    if not province_code or province_code == BANGKOK:
        return None
    return province_code


class District(models.Model):
    """A district (อำเภอ / เขต) with its four-digit DOPA code."""

    code = models.CharField(_("รหัสอำเภอ"), max_length=4, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("จังหวัด")
    )
    name_th = models.CharField(_("ชื่ออำเภอ"), max_length=100)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100)

    class Meta:
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class Subdistrict(models.Model):
    """A subdistrict (ตำบล / แขวง) with its six-digit DOPA code and postal codes."""

    code = models.CharField(_("รหัสตำบล"), max_length=6, primary_key=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="subdistricts", verbose_name=_("อำเภอ")
    )
    name_th = models.CharField(_("ชื่อตำบล"), max_length=100)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=100)
    postal_codes = models.CharField(
        _("รหัสไปรษณีย์"), max_length=60, blank=True, help_text=_("คั่นด้วยช่องว่าง")
    )

    class Meta:
        verbose_name = _("ตำบล")
        verbose_name_plural = _("ตำบล")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class Region(models.Model):
    """An inspection region (เขตตรวจราชการ) of the Prime Minister's Office."""

    number = models.PositiveSmallIntegerField(
        _("เขตที่"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    name = models.CharField(_("ชื่อเขต"), max_length=100)
    note = models.TextField(_("หมายเหตุ"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("เขตตรวจราชการ")
        verbose_name_plural = _("เขตตรวจราชการ")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class OfficeQuerySet(models.QuerySet["Office"]):
    def visible_to(self, user) -> OfficeQuerySet:
        return self.filter(office_scope(user, office_field=""))


class Office(models.Model):
    """A Provincial Industry Office (สำนักงานอุตสาหกรรมจังหวัด, สอจ.), one per province but Bangkok."""

    # The province code is the office's key: /offices/57/ is สอจ.เชียงราย.
    province = models.OneToOneField(
        Province,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="office",
        verbose_name=_("จังหวัด"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="offices",
        verbose_name=_("เขตตรวจราชการ"),
    )
    name = models.CharField(_("ชื่อสำนักงาน"), max_length=200, unique=True)
    short_name = models.CharField(_("ชื่อย่อ"), max_length=100)
    address = models.TextField(_("ที่อยู่"), blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    is_active = models.BooleanField(_("เปิดใช้งาน"), default=True)
    history = HistoricalRecords()

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("สำนักงานอุตสาหกรรมจังหวัด")
        verbose_name_plural = _("สำนักงานอุตสาหกรรมจังหวัด")
        ordering = ["province__code"]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return row_url("offices:detail", "code", self.province_id)


class HousingCondition(models.TextChoices):
    GOOD = "good", _("ดี")
    FAIR = "fair", _("พอใช้")
    NEEDS_REPAIR = "repair", _("ต้องซ่อมแซม")
    DILAPIDATED = "dilapidated", _("ชำรุดทรุดโทรม")
    NONE = "none", _("ไม่มีบ้านพัก")


class OfficeYearQuerySet(models.QuerySet["OfficeYear"]):
    def visible_to(self, user) -> OfficeYearQuerySet:
        return self.filter(office_scope(user))


class OfficeYear(models.Model):
    """What an office reports about itself for one fiscal year: staff, budget, housing, problems."""

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="years", verbose_name=_("สำนักงาน")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    staff_count = models.PositiveSmallIntegerField(
        _("จำนวนเจ้าหน้าที่ (คน)"), default=0, validators=[bounds.AtMost(STAFF_MAX)]
    )
    budget_received = models.DecimalField(
        _("งบประมาณที่ได้รับ (บาท)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=bounds.between(0, bounds.MONEY_MAX),
    )
    budget_spent = models.DecimalField(
        _("งบประมาณที่ใช้ไป (บาท)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=bounds.between(0, bounds.MONEY_MAX),
    )
    housing_condition = models.CharField(
        _("สภาพบ้านพักเจ้าหน้าที่"),
        max_length=20,
        choices=HousingCondition.choices,
        default=HousingCondition.GOOD,
    )
    housing_note = models.TextField(_("รายละเอียดบ้านพัก"), blank=True)
    problems = models.TextField(_("ปัญหาและอุปสรรค"), blank=True, help_text=_("บรรทัดละหนึ่งเรื่อง"))
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords()

    objects = OfficeYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("ข้อมูลสำนักงานรายปีงบประมาณ")
        verbose_name_plural = _("ข้อมูลสำนักงานรายปีงบประมาณ")
        ordering = ["office__province__code", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "fiscal_year"],
                name="office_year_unique",
                violation_error_message=_("สำนักงานนี้มีข้อมูลของปีงบประมาณนี้อยู่แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(budget_received__gte=0) & Q(budget_spent__gte=0),
                name="office_year_budget_not_negative",
                violation_error_message=_("งบประมาณต้องไม่ติดลบ"),
            ),
            models.CheckConstraint(
                condition=bounds.q_at_most("staff_count", STAFF_MAX, nullable=False)
                & bounds.q_at_most("budget_received", bounds.MONEY_MAX, nullable=False)
                & bounds.q_at_most("budget_spent", bounds.MONEY_MAX, nullable=False),
                name="office_year_in_bounds",
                violation_error_message=_("จำนวนเจ้าหน้าที่หรืองบประมาณมากเกินกว่าที่เป็นไปได้"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.office} — {self.fiscal_year}"

    @property
    def housing_label(self) -> str:
        """The housing condition in words: an enum look-up, cheaper on a list of 76 than
        ``get_housing_condition_display``, which normalises the choices on every call."""
        try:
            return HousingCondition(self.housing_condition).label
        except ValueError:
            return self.housing_condition

    @property
    def problem_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.problems.splitlines() if line.strip(" -•\t")]

    @property
    def budget_spent_percent(self) -> Decimal | None:
        if not self.budget_received:
            return None
        return (self.budget_spent * 100 / self.budget_received).quantize(Decimal("0.1"))

    @property
    def period(self):
        return fiscal_year_range(self.fiscal_year)


class UnitKind(models.TextChoices):
    DIVISION = "division", _("กองในสำนักงานปลัดกระทรวง")
    DEPARTMENT = "department", _("กรม")
    CENTRE = "centre", _("หน่วยงานในภูมิภาคของกรม")
    AGENCY = "agency", _("รัฐวิสาหกิจและหน่วยงานอื่น")


class MinistryUnit(models.Model):
    """A unit of the ministry that the inspection rounds assign work to (กยผ., กตร., กพร., กสอ.
    and its regional centres, SME D Bank …). Kept as data in admin: units are renamed and
    regrouped, and a round may name one that was not known before."""

    code = models.CharField(_("ชื่อย่อ"), max_length=30, unique=True)
    name = models.CharField(_("ชื่อหน่วยงาน"), max_length=200, unique=True)
    kind = models.CharField(
        _("ประเภทหน่วยงาน"), max_length=20, choices=UnitKind.choices, default=UnitKind.DIVISION
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("สังกัด"),
    )
    is_active = models.BooleanField(_("เปิดใช้งาน"), default=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("หน่วยงานในสังกัดกระทรวง")
        verbose_name_plural = _("หน่วยงานในสังกัดกระทรวง")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.code


class Role(models.TextChoices):
    OFFICER = "officer", _("เจ้าหน้าที่สำนักงาน")
    HEAD = "head", _("อุตสาหกรรมจังหวัด")
    INSPECTOR = "inspector", _("ผู้ตรวจราชการกระทรวง")
    HEAD_INSPECTOR = "head_inspector", _("หัวหน้าผู้ตรวจราชการกระทรวง")
    UNIT = "unit", _("เจ้าหน้าที่หน่วยงานในสังกัดกระทรวง")
    EXECUTIVE = "executive", _("ผู้บริหารกระทรวง")
    ADMIN = "admin", _("ผู้ดูแลระบบ")


OFFICE_ROLES = (Role.OFFICER, Role.HEAD)


class User(ChoiceLabels, AbstractUser):
    """A person who signs in: an office's officer or head, a ministry inspector, an executive
    or an admin. The role decides what they see (``core.access``) and what they may change."""

    role = models.CharField(_("บทบาท"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("สำนักงาน"),
        help_text=_("จำเป็นสำหรับเจ้าหน้าที่และอุตสาหกรรมจังหวัด"),
    )
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="inspectors",
        verbose_name=_("เขตตรวจราชการที่รับผิดชอบ"),
        help_text=_("สำหรับผู้ตรวจราชการกระทรวง"),
    )
    unit = models.ForeignKey(
        MinistryUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("หน่วยงาน"),
        help_text=_("สำหรับเจ้าหน้าที่หน่วยงานในสังกัดกระทรวง: เห็นข้อสั่งการที่มอบหมายให้หน่วยงานนี้"),
    )
    position = models.CharField(_("ตำแหน่ง"), max_length=200, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=[regions])

    objects = UserManager()

    class Meta:
        verbose_name = _("ผู้ใช้งาน")
        verbose_name_plural = _("ผู้ใช้งาน")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=OFFICE_ROLES) | Q(office__isnull=False),
                name="office_staff_have_office",
                violation_error_message=_("เจ้าหน้าที่และอุตสาหกรรมจังหวัดต้องสังกัดสำนักงาน กรุณาเลือกสำนักงาน"),
            ),
            models.CheckConstraint(
                condition=~Q(role="unit") | Q(unit__isnull=False),
                name="unit_staff_have_unit",
                violation_error_message=_("เจ้าหน้าที่หน่วยงานต้องสังกัดหน่วยงาน กรุณาเลือกหน่วยงาน"),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs) -> None:
        # Admins keep offices and people in Django admin, so the role implies staff status.
        if self.role == Role.ADMIN:
            self.is_staff = True
        super().save(*args, **kwargs)

    @property
    def sees_all_offices(self) -> bool:
        # The Head Inspector oversees every inspection region.
        return self.is_superuser or self.role in (Role.EXECUTIVE, Role.ADMIN, Role.HEAD_INSPECTOR)

    @property
    def is_office_staff(self) -> bool:
        return self.role in OFFICE_ROLES

    @property
    def is_head(self) -> bool:
        return self.role == Role.HEAD

    @property
    def is_inspector(self) -> bool:
        return self.role == Role.INSPECTOR

    @property
    def is_unit_staff(self) -> bool:
        return self.role == Role.UNIT

    def region_ids_query(self):
        return Region.objects.filter(inspectors=self).values("pk")
