"""The factory register and what an office follows up about its factories.

Factories come from the DIW register by import (``factories.importer``), keyed by their
registration number; the risk flags that decide which factories must be inspected are derived
from the factory type unless an officer overrides them with a reason. Complaints and loans
belong to an office; Green Industry certificates and yearly filings belong to a factory.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds
from core.access import office_scope
from core.labels import ChoiceLabels
from core.thaidates import format_be_date
from offices.models import District, Office, Province, Subdistrict, office_code_for

LAT_MIN, LAT_MAX = bounds.LAT_MIN, bounds.LAT_MAX
LNG_MIN, LNG_MAX = bounds.LNG_MIN, bounds.LNG_MAX

# The largest plausible value of each of a factory's amounts (none is negative); the importer
# refuses a cell above it with the same bound.
DECIMAL_MAXIMA: dict[str, Decimal] = {
    "capital": bounds.MONEY_MAX,
    "capital_land": bounds.MONEY_MAX,
    "capital_building": bounds.MONEY_MAX,
    "capital_machinery": bounds.MONEY_MAX,
    "capital_working": bounds.MONEY_MAX,
    "horsepower": bounds.HORSEPOWER_MAX,
    "production_capacity": bounds.CAPACITY_MAX,
    "site_area": bounds.AREA_MAX,
    "building_area": bounds.AREA_MAX,
}
PEOPLE_FIELDS = (
    "technicians_male",
    "technicians_female",
    "workers_male",
    "workers_female",
    "workers_total",
)
REGISTER_DATE_FIELDS = ("licence_date", "i_industry_registered_on", "source_updated_on")

digits_13 = RegexValidator(r"^\d{13}$", _("ต้องเป็นตัวเลข 13 หลัก"))
digits_14 = RegexValidator(r"^\d{14}$", _("ต้องเป็นตัวเลข 14 หลัก"))
type_code_validator = RegexValidator(r"^\d{5}$", _("รหัสประเภทโรงงานต้องเป็นตัวเลข 5 หลัก"))


class FactoryType(models.Model):
    """A type (ลำดับที่) of the Factory Act schedule, or one of its items (ชนิด), and the risks
    that factories of this type usually carry."""

    code = models.CharField(
        _("รหัสประเภท"),
        max_length=5,
        primary_key=True,
        validators=[type_code_validator],
        help_text=_("ตัวเลข 5 หลัก เช่น 00906 คือ ลำดับที่ 9 ชนิดที่ (6)"),
    )
    number = models.PositiveSmallIntegerField(
        _("ลำดับที่"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    item = models.PositiveSmallIntegerField(
        _("ชนิดที่"), default=0, help_text=_("0 คือประเภทหลักที่ไม่แยกชนิด")
    )
    name = models.CharField(_("ชื่อประเภท"), max_length=300)
    name_confirmed = models.BooleanField(
        _("ยืนยันชื่อแล้ว"),
        default=False,
        help_text=_("ชื่อที่ยังไม่ได้ตรวจกับบัญชีท้ายกฎกระทรวง หรือสร้างขึ้นอัตโนมัติระหว่างนำเข้า"),
    )
    wastewater = models.BooleanField(_("มีน้ำเสีย"), default=False)
    air_emissions = models.BooleanField(_("มีมลพิษทางอากาศ"), default=False)
    hazardous_waste = models.BooleanField(_("มีของเสียอันตราย"), default=False)
    note = models.TextField(_("หมายเหตุ"), blank=True)

    class Meta:
        verbose_name = _("ประเภทโรงงาน")
        verbose_name_plural = _("ประเภทโรงงาน")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__lte=99),
                name="factory_type_item_two_digits",
                violation_error_message=_("ชนิดที่ต้องไม่เกิน 99"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.name}"

    @property
    def label(self) -> str:
        """``9(6)`` or ``105``, as printed on licences."""
        return self.format_label(self.number, self.item)

    @staticmethod
    def format_label(number: int, item: int) -> str:
        return f"{number}({item})" if item else str(number)

    @property
    def is_risky(self) -> bool:
        return self.wastewater or self.air_emissions or self.hazardous_waste


class FactoryClass(models.IntegerChoices):
    ONE = 1, _("จำพวกที่ 1")
    TWO = 2, _("จำพวกที่ 2")
    THREE = 3, _("จำพวกที่ 3")


class FactoryStatus(models.IntegerChoices):
    LICENSED = 0, _("ได้รับอนุญาต ยังไม่ประกอบกิจการ")
    OPERATING = 1, _("ประกอบกิจการ")
    REMOVED = 2, _("แจ้งเลิก/ถูกจำหน่ายออกจากทะเบียน")
    STOPPED = 3, _("หยุดประกอบกิจการ")


# A factory's risk flags. A factory is risky, one that must be inspected every fiscal year, when
# any of them is set: wastewater, air emissions or hazardous waste.
RISK_FIELDS = ("wastewater_risk", "air_risk", "hazardous_waste_risk")
RISKY = Q(*((name, True) for name in RISK_FIELDS), _connector=Q.OR)


class FactoryQuerySet(models.QuerySet["Factory"]):
    def visible_to(self, user) -> FactoryQuerySet:
        return self.filter(office_scope(user))

    def risky(self) -> FactoryQuerySet:
        """Factories with wastewater, air emissions or hazardous waste: the ones to inspect."""
        return self.filter(RISKY)

    def active(self) -> FactoryQuerySet:
        """Still in the register: licensed, operating or stopped, not removed."""
        return self.exclude(status=FactoryStatus.REMOVED)


NAME_MISSING = _("(ยังไม่มีชื่อโรงงาน)")


class Factory(ChoiceLabels, models.Model):
    """A factory in the DIW register (ทะเบียนโรงงาน), kept by the office of its province."""

    # NULL, not "", when a factory lacks one form of number: both are unique when present.
    registration_number = models.CharField(  # noqa: DJ001
        _("เลขทะเบียนโรงงาน (14 หลัก)"),
        max_length=14,
        null=True,
        blank=True,
        validators=[digits_14],
    )
    old_registration_number = models.CharField(  # noqa: DJ001
        _("เลขทะเบียนโรงงานเดิม"),
        max_length=50,
        null=True,
        blank=True,
        help_text=_("เช่น จ3-9(6)-100/51ปจ เก็บตามที่ปรากฏในทะเบียน"),
    )
    name = models.CharField(_("ชื่อโรงงาน"), max_length=300, blank=True)
    operator_name = models.CharField(_("ผู้ประกอบการ"), max_length=300, blank=True)
    juristic_id = models.CharField(
        _("เลขทะเบียนนิติบุคคล"), max_length=13, blank=True, validators=[digits_13]
    )
    business_description = models.TextField(_("ประกอบกิจการ"), blank=True)
    factory_type = models.ForeignKey(
        FactoryType,
        db_index=False,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="factories",
        verbose_name=_("ประเภทโรงงาน"),
    )
    class_number = models.PositiveSmallIntegerField(
        _("จำพวก"), choices=FactoryClass.choices, null=True, blank=True
    )
    isic_code = models.CharField(_("รหัส ISIC"), max_length=10, blank=True)
    status = models.PositiveSmallIntegerField(
        _("สถานะ"), choices=FactoryStatus.choices, default=FactoryStatus.OPERATING
    )
    licence_date = models.DateField(
        _("วันที่ได้รับใบอนุญาต"), null=True, blank=True, validators=bounds.register_date()
    )

    house_no = models.CharField(_("เลขที่"), max_length=100, blank=True)
    moo = models.CharField(_("หมู่ที่"), max_length=20, blank=True)
    soi = models.CharField(_("ซอย"), max_length=200, blank=True)
    road = models.CharField(_("ถนน"), max_length=200, blank=True)
    subdistrict = models.ForeignKey(
        Subdistrict,
        db_index=False,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ตำบล"),
    )
    district = models.ForeignKey(
        District,
        db_index=False,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("อำเภอ"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        db_index=False,
        related_name="+",
        verbose_name=_("จังหวัด"),
    )
    postal_code = models.CharField(_("รหัสไปรษณีย์"), max_length=5, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("ละติจูด"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LAT_MIN), MaxValueValidator(LAT_MAX)],
    )
    longitude = models.DecimalField(
        _("ลองจิจูด"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(LNG_MIN), MaxValueValidator(LNG_MAX)],
    )
    industrial_estate = models.CharField(_("นิคม/เขตอุตสาหกรรม"), max_length=200, blank=True)

    capital = models.DecimalField(
        _("เงินลงทุนรวม (บาท)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MONEY_MAX),
    )
    capital_land = models.DecimalField(
        _("เงินลงทุนค่าที่ดิน (บาท)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MONEY_MAX),
    )
    capital_building = models.DecimalField(
        _("เงินลงทุนค่าอาคาร (บาท)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MONEY_MAX),
    )
    capital_machinery = models.DecimalField(
        _("เงินลงทุนค่าเครื่องจักร (บาท)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MONEY_MAX),
    )
    capital_working = models.DecimalField(
        _("ทุนหมุนเวียน (บาท)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.MONEY_MAX),
    )
    horsepower = models.DecimalField(
        _("แรงม้า"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.HORSEPOWER_MAX),
    )
    technicians_male = models.PositiveIntegerField(
        _("ช่างฝีมือชาย (คน)"),
        null=True,
        blank=True,
        validators=[bounds.AtMost(bounds.PEOPLE_MAX)],
    )
    technicians_female = models.PositiveIntegerField(
        _("ช่างฝีมือหญิง (คน)"),
        null=True,
        blank=True,
        validators=[bounds.AtMost(bounds.PEOPLE_MAX)],
    )
    workers_male = models.PositiveIntegerField(
        _("คนงานชาย (คน)"),
        null=True,
        blank=True,
        validators=[bounds.AtMost(bounds.PEOPLE_MAX)],
    )
    workers_female = models.PositiveIntegerField(
        _("คนงานหญิง (คน)"),
        null=True,
        blank=True,
        validators=[bounds.AtMost(bounds.PEOPLE_MAX)],
    )
    workers_total = models.PositiveIntegerField(
        _("คนงานทั้งหมด (คน)"),
        null=True,
        blank=True,
        help_text=_("ผลรวมช่างฝีมือและคนงาน หรือจำนวนรวมตามแหล่งข้อมูล"),
        validators=[bounds.AtMost(bounds.PEOPLE_MAX)],
    )
    production_capacity = models.DecimalField(
        _("กำลังการผลิต"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.CAPACITY_MAX),
    )
    production_unit = models.CharField(_("หน่วยกำลังการผลิต"), max_length=100, blank=True)
    site_area = models.DecimalField(
        _("พื้นที่โรงงาน (ตารางเมตร)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.AREA_MAX),
    )
    building_area = models.DecimalField(
        _("พื้นที่อาคาร (ตารางเมตร)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=bounds.between(0, bounds.AREA_MAX),
    )

    # Bangkok has no provincial office: its factories have none.
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="factories",
        verbose_name=_("สำนักงานที่ดูแล"),
    )

    wastewater_risk = models.BooleanField(_("เสี่ยงด้านน้ำเสีย"), default=False)
    air_risk = models.BooleanField(_("เสี่ยงด้านมลพิษทางอากาศ"), default=False)
    hazardous_waste_risk = models.BooleanField(_("เสี่ยงด้านของเสียอันตราย"), default=False)
    risk_overridden = models.BooleanField(
        _("กำหนดความเสี่ยงเอง"),
        default=False,
        help_text=_("เมื่อเลือก ระบบจะไม่ปรับความเสี่ยงตามประเภทโรงงานอีก"),
    )
    risk_override_reason = models.TextField(_("เหตุผลที่กำหนดความเสี่ยงเอง"), blank=True)

    i_industry_registered_on = models.DateField(
        _("วันที่ลงทะเบียน I-Industry"), null=True, blank=True, validators=bounds.register_date()
    )
    source_updated_on = models.DateField(
        _("วันที่แหล่งข้อมูลปรับปรุง"), null=True, blank=True, validators=bounds.register_date()
    )
    # Kept by the inspections app (``inspections.services.review``) from the factory's approved
    # inspections, so that the register can filter on it without reaching up a layer.
    last_inspected_fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณที่ตรวจล่าสุด (พ.ศ.)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("ปีงบประมาณของการตรวจที่อนุมัติแล้วครั้งล่าสุด"),
    )
    last_import_batch = models.ForeignKey(
        "ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("นำเข้าล่าสุดจาก"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["updated_at", "last_import_batch", "last_inspected_fiscal_year"]
    )

    objects = FactoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("โรงงาน")
        verbose_name_plural = _("โรงงาน")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=Q(registration_number__isnull=False),
                name="factory_registration_number_unique",
                violation_error_message=_("เลขทะเบียนโรงงานนี้มีอยู่ในระบบแล้ว"),
            ),
            models.UniqueConstraint(
                fields=["old_registration_number"],
                condition=Q(old_registration_number__isnull=False),
                name="factory_old_registration_number_unique",
                violation_error_message=_("เลขทะเบียนโรงงานเดิมนี้มีอยู่ในระบบแล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(registration_number__isnull=False)
                | Q(old_registration_number__isnull=False),
                name="factory_has_a_registration_number",
                violation_error_message=_("ต้องมีเลขทะเบียนโรงงานอย่างน้อยหนึ่งแบบ"),
            ),
            models.CheckConstraint(
                condition=Q(class_number__isnull=True) | Q(class_number__in=[1, 2, 3]),
                name="factory_class_1_to_3",
                violation_error_message=_("จำพวกโรงงานต้องเป็น 1, 2 หรือ 3"),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[0, 1, 2, 3]),
                name="factory_status_known",
                violation_error_message=_("สถานะโรงงานไม่ถูกต้อง"),
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True)
                | Q(latitude__gte=LAT_MIN, latitude__lte=LAT_MAX),
                name="factory_latitude_in_thailand",
                violation_error_message=_("ละติจูดต้องอยู่ในประเทศไทย (5.5 ถึง 20.5)"),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True)
                | Q(longitude__gte=LNG_MIN, longitude__lte=LNG_MAX),
                name="factory_longitude_in_thailand",
                violation_error_message=_("ลองจิจูดต้องอยู่ในประเทศไทย (97.3 ถึง 105.7)"),
            ),
            models.CheckConstraint(
                condition=Q(risk_overridden=False) | ~Q(risk_override_reason=""),
                name="factory_risk_override_has_reason",
                violation_error_message=_("กรุณาระบุเหตุผลที่กำหนดความเสี่ยงเอง"),
            ),
            *[
                models.CheckConstraint(
                    condition=bounds.q_between(name, 0, maximum),
                    name=f"factory_{name}_in_bounds",
                    violation_error_message=format_lazy(
                        _("ตัวเลขต้องอยู่ระหว่าง 0 ถึง {max}"), max=f"{maximum:,f}"
                    ),
                )
                for name, maximum in DECIMAL_MAXIMA.items()
            ],
            models.CheckConstraint(
                condition=Q(*[bounds.q_at_most(name, bounds.PEOPLE_MAX) for name in PEOPLE_FIELDS]),
                name="factory_people_in_bounds",
                violation_error_message=_("จำนวนคนต้องไม่เกิน 1,000,000 คน"),
            ),
            models.CheckConstraint(
                condition=Q(
                    *[
                        bounds.q_between(name, bounds.REGISTER_FIRST_DATE, bounds.LAST_DATE)
                        for name in REGISTER_DATE_FIELDS
                    ]
                ),
                name="factory_dates_in_bounds",
                violation_error_message=_("วันที่ต้องอยู่ระหว่าง 01/01/2443 ถึง 31/12/2643"),
            ),
        ]
        # Plain indexes instead of the foreign keys' own: on PostgreSQL a key that is text gets
        # a second, pattern index that nothing here uses, and the history table would copy
        # every one of them. Fewer indexes keep a national import fast.
        indexes = [
            # With the risk flags and the year last inspected, so that an office's plan and
            # its head's "risky factories not yet inspected" read the index alone.
            models.Index(
                fields=["office", "status"],
                include=["id", *RISK_FIELDS, "last_inspected_fiscal_year"],
                name="factory_office_status",
            ),
            models.Index(fields=["province"], name="factory_province"),
            models.Index(fields=["district"], name="factory_district"),
            models.Index(fields=["subdistrict"], name="factory_subdistrict"),
            models.Index(fields=["factory_type"], name="factory_type"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.display_number})"

    def save(self, *args, **kwargs) -> None:
        # The office follows the province; Bangkok's factories have no office (None).
        if self.province_id:
            self.office_id = office_code_for(self.province_id)
        self.apply_type_risks()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """The name, or a note that it is missing: the register holds factories with neither a
        factory nor an operator name, which are still factories (the list filter finds them)."""
        return self.name or str(NAME_MISSING)

    @property
    def display_number(self) -> str:
        return self.registration_number or self.old_registration_number or ""

    @property
    def is_risky(self) -> bool:
        """The row's own reading of ``RISKY``."""
        return any(getattr(self, name) for name in RISK_FIELDS)

    @property
    def address(self) -> str:
        parts = [self.house_no]
        if self.moo:
            parts.append(f"หมู่ {self.moo}")
        if self.soi:
            parts.append(f"ซอย{self.soi}")
        if self.road:
            parts.append(f"ถนน{self.road}")
        return " ".join(p for p in parts if p)

    def apply_type_risks(self) -> None:
        """Take the risk flags from the factory type, unless an officer has set them by hand."""
        if self.risk_overridden:
            return
        factory_type = self.factory_type
        self.wastewater_risk = bool(factory_type and factory_type.wastewater)
        self.air_risk = bool(factory_type and factory_type.air_emissions)
        self.hazardous_waste_risk = bool(factory_type and factory_type.hazardous_waste)


class FactoryYearQuerySet(models.QuerySet["FactoryYear"]):
    def visible_to(self, user) -> FactoryYearQuerySet:
        return self.filter(office_scope(user, "factory__office"))


class FactoryYear(models.Model):
    """What a factory filed in one fiscal year: the iSingle Form (I-Single Form)."""

    factory = models.ForeignKey(
        Factory, on_delete=models.CASCADE, related_name="years", verbose_name=_("โรงงาน")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    isingle_form_filed_on = models.DateField(
        _("วันที่ยื่น iSingle Form"), null=True, blank=True, validators=bounds.register_date()
    )
    note = models.TextField(_("หมายเหตุ"), blank=True)

    objects = FactoryYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("ข้อมูลโรงงานรายปีงบประมาณ")
        verbose_name_plural = _("ข้อมูลโรงงานรายปีงบประมาณ")
        ordering = ["factory", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["factory", "fiscal_year"],
                name="factory_year_unique",
                violation_error_message=_("โรงงานนี้มีข้อมูลของปีงบประมาณนี้อยู่แล้ว"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factory} — {self.fiscal_year}"

    @property
    def isingle_form_filed(self) -> bool:
        return self.isingle_form_filed_on is not None


class GreenIndustryLevel(models.IntegerChoices):
    COMMITMENT = 1, _("ระดับ 1 ความมุ่งมั่นสีเขียว (Green Commitment)")
    ACTIVITY = 2, _("ระดับ 2 ปฏิบัติการสีเขียว (Green Activity)")
    SYSTEM = 3, _("ระดับ 3 ระบบสีเขียว (Green System)")
    CULTURE = 4, _("ระดับ 4 วัฒนธรรมสีเขียว (Green Culture)")
    NETWORK = 5, _("ระดับ 5 เครือข่ายสีเขียว (Green Network)")


class GreenIndustryCertificateQuerySet(models.QuerySet["GreenIndustryCertificate"]):
    def visible_to(self, user) -> GreenIndustryCertificateQuerySet:
        return self.filter(office_scope(user, "factory__office"))


class GreenIndustryCertificate(models.Model):
    """A Green Industry (อุตสาหกรรมสีเขียว) certificate of a factory, levels 1–5."""

    factory = models.ForeignKey(
        Factory,
        on_delete=models.CASCADE,
        related_name="green_certificates",
        verbose_name=_("โรงงาน"),
    )
    level = models.PositiveSmallIntegerField(_("ระดับ"), choices=GreenIndustryLevel.choices)
    certificate_number = models.CharField(_("เลขที่ใบรับรอง"), max_length=100, blank=True)
    issued_on = models.DateField(_("วันที่ออกใบรับรอง"), validators=bounds.register_date())
    expires_on = models.DateField(
        _("วันหมดอายุ"), null=True, blank=True, validators=bounds.register_date()
    )
    history = HistoricalRecords()

    objects = GreenIndustryCertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("ใบรับรองอุตสาหกรรมสีเขียว")
        verbose_name_plural = _("ใบรับรองอุตสาหกรรมสีเขียว")
        ordering = ["factory", "-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5),
                name="green_certificate_level_1_to_5",
                violation_error_message=_("ระดับอุตสาหกรรมสีเขียวต้องอยู่ระหว่าง 1 ถึง 5"),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("issued_on")),
                name="green_certificate_expires_after_issue",
                violation_error_message=_("วันหมดอายุต้องอยู่หลังวันที่ออกใบรับรอง"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factory} — {self.get_level_display()}"


class ComplaintChannel(models.TextChoices):
    PHONE = "phone", _("โทรศัพท์")
    LETTER = "letter", _("หนังสือ")
    WALK_IN = "walk_in", _("มาด้วยตนเอง")
    LINE = "line", _("LINE")
    QR_CODE = "qr_code", _("QR code ที่หน้าโรงงาน")
    OTHER = "other", _("อื่น ๆ")


class ComplaintCategory(models.TextChoices):
    SMELL = "smell", _("กลิ่นเหม็น")
    NOISE = "noise", _("เสียงดัง")
    DUST = "dust", _("ฝุ่นละออง")
    FUMES = "fumes", _("ไอระเหยสารเคมี")
    HAZARDOUS_WASTE = "hazardous_waste", _("ของเสียอันตราย")
    WASTEWATER = "wastewater", _("น้ำเสีย")
    UNLICENSED = "unlicensed", _("ประกอบกิจการโดยไม่ได้รับอนุญาต")
    NIGHT_WORK = "night_work", _("ทำงานกลางคืน")
    VIBRATION = "vibration", _("แรงสั่นสะเทือน")
    OTHER = "other", _("อื่น ๆ")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("รับเรื่อง")
    INVESTIGATING = "investigating", _("อยู่ระหว่างตรวจสอบ")
    RESOLVED = "resolved", _("แก้ไขแล้ว")
    CLOSED = "closed", _("ยุติเรื่อง")


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def visible_to(self, user) -> ComplaintQuerySet:
        return self.filter(office_scope(user))

    def open(self) -> ComplaintQuerySet:
        return self.filter(status__in=[ComplaintStatus.OPEN, ComplaintStatus.INVESTIGATING])


class Complaint(ChoiceLabels, models.Model):
    """A complaint (เรื่องร้องเรียน) received by an office, about a factory or a place that may
    be operating without a licence. The complainant's name and contact stay within the office."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("สำนักงาน")
    )
    factory = models.ForeignKey(
        Factory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("โรงงาน"),
    )
    received_on = models.DateField(_("วันที่รับเรื่อง"), validators=bounds.register_date())
    channel = models.CharField(_("ช่องทาง"), max_length=20, choices=ComplaintChannel.choices)
    category = models.CharField(_("เรื่อง"), max_length=20, choices=ComplaintCategory.choices)
    description = models.TextField(_("รายละเอียด"))
    complainant_name = models.CharField(_("ชื่อผู้ร้องเรียน"), max_length=200, blank=True)
    complainant_contact = models.CharField(_("ช่องทางติดต่อผู้ร้องเรียน"), max_length=200, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN
    )
    due_on = models.DateField(
        _("กำหนดแล้วเสร็จ"), null=True, blank=True, validators=bounds.register_date()
    )
    outcome = models.TextField(_("ผลการดำเนินการ"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords()

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("เรื่องร้องเรียน")
        verbose_name_plural = _("เรื่องร้องเรียน")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gte=models.F("received_on")),
                name="complaint_due_after_received",
                violation_error_message=_("กำหนดแล้วเสร็จต้องไม่ก่อนวันที่รับเรื่อง"),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["resolved", "closed"]) | ~Q(outcome=""),
                name="complaint_closed_has_outcome",
                violation_error_message=_("กรุณาบันทึกผลการดำเนินการก่อนปิดเรื่อง"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} — {format_be_date(self.received_on)}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.factory_id and self.office_id and self.factory.office_id != self.office_id:
            raise ValidationError({"factory": _("โรงงานนี้ไม่ได้อยู่ในความดูแลของสำนักงานที่รับเรื่อง")})


class LoanStatus(models.TextChoices):
    NORMAL = "normal", _("ปกติ")
    WATCH = "watch", _("เฝ้าระวัง")
    NPL = "npl", _("หนี้ไม่ก่อให้เกิดรายได้ (NPL)")


SME_D_BANK = "ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย (ธพว.)"


class LoanQuerySet(models.QuerySet["Loan"]):
    def visible_to(self, user) -> LoanQuerySet:
        return self.filter(office_scope(user))


class Loan(ChoiceLabels, models.Model):
    """A loan from a ministry fund that the office follows, to hand problems to the bank early
    and prevent NPL."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="loans", verbose_name=_("สำนักงาน")
    )
    borrower_name = models.CharField(_("ชื่อผู้กู้"), max_length=300)
    factory = models.ForeignKey(
        Factory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loans",
        verbose_name=_("โรงงาน"),
    )
    fund_name = models.CharField(_("กองทุน/โครงการ"), max_length=300)
    lender = models.CharField(_("ผู้ให้กู้"), max_length=300, default=SME_D_BANK)
    amount = models.DecimalField(
        _("วงเงินกู้ (บาท)"),
        max_digits=14,
        decimal_places=2,
        validators=bounds.between(0, bounds.MONEY_MAX),
    )
    approved_on = models.DateField(_("วันที่อนุมัติ"), validators=bounds.register_date())
    maturity_on = models.DateField(
        _("วันครบกำหนด"), null=True, blank=True, validators=bounds.register_date()
    )
    status = models.CharField(
        _("สถานะ"), max_length=10, choices=LoanStatus.choices, default=LoanStatus.NORMAL
    )
    note = models.TextField(_("หมายเหตุ"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords()

    objects = LoanQuerySet.as_manager()

    class Meta:
        verbose_name = _("สินเชื่อ")
        verbose_name_plural = _("สินเชื่อ")
        ordering = ["-approved_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="loan_amount_positive",
                violation_error_message=_("วงเงินกู้ต้องมากกว่าศูนย์"),
            ),
            models.CheckConstraint(
                condition=Q(maturity_on__isnull=True) | Q(maturity_on__gt=models.F("approved_on")),
                name="loan_matures_after_approval",
                violation_error_message=_("วันครบกำหนดต้องอยู่หลังวันที่อนุมัติ"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.borrower_name} — {self.fund_name}"


class LoanFollowUpQuerySet(models.QuerySet["LoanFollowUp"]):
    def visible_to(self, user) -> LoanFollowUpQuerySet:
        return self.filter(office_scope(user, "loan__office"))


class LoanFollowUp(ChoiceLabels, models.Model):
    """One follow-up of a loan: what the officer learnt and the status after it."""

    loan = models.ForeignKey(
        Loan, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("สินเชื่อ")
    )
    followed_on = models.DateField(_("วันที่ติดตาม"), validators=bounds.register_date())
    note = models.TextField(_("ผลการติดตาม"))
    status_after = models.CharField(_("สถานะหลังติดตาม"), max_length=10, choices=LoanStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้บันทึก"),
    )
    created_at = models.DateTimeField(_("บันทึกเมื่อ"), auto_now_add=True)

    objects = LoanFollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("การติดตามสินเชื่อ")
        verbose_name_plural = _("การติดตามสินเชื่อ")
        ordering = ["loan", "-followed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.loan} — {format_be_date(self.followed_on)}"


class ImportStatus(models.TextChoices):
    READING = "reading", _("กำลังอ่านไฟล์")
    PENDING = "pending", _("รอดำเนินการ")
    PREVIEWED = "previewed", _("ตรวจสอบแล้ว")
    RUNNING = "running", _("กำลังนำเข้า")
    DONE = "done", _("นำเข้าเสร็จ")
    FAILED = "failed", _("ไม่สำเร็จ")


IMPORT_WORKING = (ImportStatus.READING, ImportStatus.PENDING, ImportStatus.RUNNING)


class ImportBatchQuerySet(models.QuerySet["ImportBatch"]):
    def visible_to(self, user) -> ImportBatchQuerySet:
        return self.filter(office_scope(user))


class ImportBatch(models.Model):
    """One uploaded register file and what importing it did."""

    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name=_("สำนักงาน"),
        help_text=_("ว่างไว้เมื่อผู้ดูแลระบบนำเข้าข้อมูลทุกจังหวัด"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ผู้นำเข้า"),
    )
    file = models.FileField(_("ไฟล์"), upload_to="imports/%Y/%m/", max_length=255)
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 ของไฟล์"), max_length=64)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    dry_run = models.BooleanField(_("ทดลองโดยไม่บันทึก"), default=False)
    valid_rows_only = models.BooleanField(_("นำเข้าเฉพาะแถวที่ถูกต้อง"), default=False)
    file_shape = models.CharField(_("รูปแบบไฟล์"), max_length=50, blank=True)
    total_rows = models.PositiveIntegerField(_("จำนวนแถวทั้งหมด"), default=0)
    processed_rows = models.PositiveIntegerField(_("ประมวลผลแล้ว (แถว)"), default=0)
    created_count = models.PositiveIntegerField(_("สร้างใหม่"), default=0)
    updated_count = models.PositiveIntegerField(_("ปรับปรุง"), default=0)
    unchanged_count = models.PositiveIntegerField(_("ไม่เปลี่ยนแปลง"), default=0)
    error_count = models.PositiveIntegerField(_("แถวที่ผิดพลาด"), default=0)
    warning_count = models.PositiveIntegerField(_("คำเตือน"), default=0)
    message = models.TextField(_("ข้อความ"), blank=True)
    created_at = models.DateTimeField(_("อัปโหลดเมื่อ"), auto_now_add=True)
    started_at = models.DateTimeField(_("เริ่มเมื่อ"), null=True, blank=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)

    attempts = models.PositiveSmallIntegerField(
        _("จำนวนครั้งที่เริ่มทำงาน"),
        default=0,
        help_text=_("นับครั้งที่ระบบเริ่มอ่านหรือนำเข้าไฟล์นี้ เพื่อหยุดไฟล์ที่ทำให้ระบบหยุดทำงานซ้ำ"),
    )
    updated_at = models.DateTimeField(_("ปรับปรุงล่าสุด"), auto_now=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("รอบการนำเข้าทะเบียนโรงงาน")
        verbose_name_plural = _("รอบการนำเข้าทะเบียนโรงงาน")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def in_progress(self) -> bool:
        """Whether a worker is still to read or import the file (the page keeps polling)."""
        return self.status in IMPORT_WORKING

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class RowIssueLevel(models.TextChoices):
    ERROR = "error", _("ข้อผิดพลาด")
    WARNING = "warning", _("คำเตือน")


class ImportRowError(models.Model):
    """A problem found in one cell (or row) of an imported file. Errors keep the row out;
    warnings are told but the row is imported."""

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="row_errors", verbose_name=_("รอบนำเข้า")
    )
    row_number = models.PositiveIntegerField(
        _("แถวที่"), help_text=_("เลขแถวตามที่เห็นในโปรแกรมตารางคำนวณ")
    )
    column = models.CharField(_("คอลัมน์"), max_length=100, blank=True)
    value = models.TextField(_("ค่าในไฟล์"), blank=True)
    message = models.TextField(_("สาเหตุ"))
    level = models.CharField(
        _("ระดับ"), max_length=10, choices=RowIssueLevel.choices, default=RowIssueLevel.ERROR
    )

    class Meta:
        verbose_name = _("ปัญหาในแถวที่นำเข้า")
        verbose_name_plural = _("ปัญหาในแถวที่นำเข้า")
        ordering = ["batch", "row_number", "pk"]

    def __str__(self) -> str:
        return f"แถว {self.row_number} {self.column}: {self.message}"
