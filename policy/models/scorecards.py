"""The ministry's MIND policy: four dimensions along which a factory must grow in balance."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import bounds
from core.access import office_scope
from core.models import DIMENSION_CODES, Dimension

FROZEN_RUBRIC_MESSAGE = _("เกณฑ์ที่เผยแพร่แล้วแก้ไขไม่ได้ กรุณาสร้างฉบับใหม่แล้วแก้ไขในฉบับใหม่")


class RubricStatus(models.TextChoices):
    DRAFT = "draft", _("ฉบับร่าง")
    PUBLISHED = "published", _("เผยแพร่ใช้งาน")
    RETIRED = "retired", _("เลิกใช้")


FROZEN_STATUSES = (RubricStatus.PUBLISHED, RubricStatus.RETIRED)


class RubricSource(models.TextChoices):
    """Where a rule reads its evidence. ``policy.scoring`` turns each into 0–100 points."""

    COMPLIANCE = "compliance", _("สัดส่วนคำตอบที่เป็นไปตามกฎหมาย (ข้อตรวจที่ติดมิตินี้)")
    GREEN_INDUSTRY = "green_industry", _("ระดับอุตสาหกรรมสีเขียว ณ สิ้นปีงบประมาณ")
    COMPLAINTS = "complaints", _("เรื่องร้องเรียนที่รับในปีงบประมาณ")
    ORDERS = "orders", _("คำสั่งตาม พ.ร.บ.โรงงาน")
    LOCAL_EMPLOYMENT = "local_employment", _("สัดส่วนคนงานในพื้นที่ (GEN-05)")
    LOCAL_PURCHASING = "local_purchasing", _("สัดส่วนการซื้อจากผู้ประกอบการในจังหวัด (GEN-11)")
    COMMUNITY_ACTIVITIES = "community_activities", _("กิจกรรมร่วมกับชุมชน (GEN-12)")
    ISINGLE_FORM = "isingle_form", _("การยื่นแบบ iSingle Form ของปีงบประมาณ")
    LOANS = "loans", _("สินเชื่อจากกองทุนของกระทรวง (เฝ้าระวัง / NPL)")


# Sources read from approved inspections. A dimension has a score only when one of these has
# data: register facts alone (no complaint, no certificate) say nothing about how a factory
# actually runs, and turning silence into 100 or 0 is what the policy warns against.
INSPECTION_SOURCES = frozenset(
    {
        RubricSource.COMPLIANCE,
        RubricSource.LOCAL_EMPLOYMENT,
        RubricSource.LOCAL_PURCHASING,
        RubricSource.COMMUNITY_ACTIVITIES,
    }
)


class Rubric(models.Model):
    """The scoring rubric (เกณฑ์การให้คะแนน) of one fiscal year, in numbered versions.

    A published version never changes, so that every scorecard computed on it can be
    reproduced; tuning means a new draft version, edited and then published (the old one is
    retired). ``thresholds`` holds, per dimension code, the score (0–100) a dimension must
    reach for the factory to count as balanced. ``overall_margin`` bounds how far the overall
    figure may rise above the weakest dimension (see ``policy.scoring``).
    """

    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    version = models.PositiveSmallIntegerField(_("ฉบับที่"), default=1)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=RubricStatus.choices, default=RubricStatus.DRAFT
    )
    thresholds = models.JSONField(
        _("เกณฑ์ขั้นต่ำของแต่ละมิติ"),
        default=dict,
        help_text=_('คะแนน 0–100 ต่อมิติ เช่น {"business": 60, "community": 60, ...}'),
    )
    overall_margin = models.DecimalField(
        _("คะแนนรวมสูงกว่ามิติที่อ่อนที่สุดได้ไม่เกิน"),
        max_digits=5,
        decimal_places=2,
        default=10,
        help_text=_("0 หมายถึงคะแนนรวมเท่ากับมิติที่อ่อนที่สุด"),
    )
    change_note = models.TextField(_("สิ่งที่เปลี่ยนแปลง"), blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    published_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)

    class Meta:
        verbose_name = _("เกณฑ์การให้คะแนน MIND")
        verbose_name_plural = _("เกณฑ์การให้คะแนน MIND")
        ordering = ["-fiscal_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "version"],
                name="rubric_version_unique",
                violation_error_message=_("ปีงบประมาณนี้มีเกณฑ์ฉบับที่นี้อยู่แล้ว"),
            ),
            models.UniqueConstraint(
                fields=["fiscal_year"],
                condition=Q(status="published"),
                name="rubric_one_published_per_year",
                violation_error_message=_("ปีงบประมาณหนึ่งมีเกณฑ์ที่เผยแพร่ใช้งานได้ครั้งละหนึ่งฉบับ"),
            ),
            models.CheckConstraint(
                condition=Q(overall_margin__gte=0, overall_margin__lte=100),
                name="rubric_margin_0_to_100",
                violation_error_message=_("ส่วนต่างต้องอยู่ระหว่าง 0 ถึง 100"),
            ),
        ]

    def __str__(self) -> str:
        return f"เกณฑ์ MIND ปีงบประมาณ {self.fiscal_year} ฉบับที่ {self.version}"

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            stored = Rubric.objects.filter(pk=self.pk).first()
            # A published rubric may only be retired; nothing else about it changes.
            if stored is not None and stored.is_frozen:
                unchanged = all(
                    getattr(stored, name) == getattr(self, name)
                    for name in ("fiscal_year", "version", "thresholds", "change_note")
                ) and Decimal(stored.overall_margin) == Decimal(self.overall_margin)
                allowed = stored.status == RubricStatus.PUBLISHED and self.status in (
                    RubricStatus.PUBLISHED,
                    RubricStatus.RETIRED,
                )
                if not (unchanged and allowed):
                    raise ValidationError(FROZEN_RUBRIC_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_frozen:
            raise ValidationError(FROZEN_RUBRIC_MESSAGE)
        return super().delete(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.status != RubricStatus.DRAFT

    def clean(self) -> None:
        thresholds = self.thresholds if isinstance(self.thresholds, dict) else None
        if thresholds is None or set(thresholds) != set(DIMENSION_CODES):
            raise ValidationError(
                {
                    "thresholds": _("ต้องกำหนดเกณฑ์ให้ครบทั้งสี่มิติ: %(codes)s")
                    % {"codes": ", ".join(DIMENSION_CODES)}
                }
            )
        for value in thresholds.values():
            if not isinstance(value, int | float) or not 0 <= value <= 100:
                raise ValidationError({"thresholds": _("เกณฑ์แต่ละมิติต้องเป็นตัวเลข 0–100")})

    def threshold(self, dimension_code: str) -> Decimal:
        return Decimal(str(self.thresholds.get(dimension_code, 0)))


class RubricRule(models.Model):
    """One source of evidence counted towards one dimension, with its weight and parameters.

    A dimension's score is the weighted mean of the points (0–100) of its rules that have
    data. ``params`` tunes how the source's raw value becomes points; each source documents
    its keys in ``policy.scoring``.
    """

    rubric = models.ForeignKey(
        Rubric, on_delete=models.CASCADE, related_name="rules", verbose_name=_("เกณฑ์")
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="rules", verbose_name=_("มิติ")
    )
    source = models.CharField(_("แหล่งข้อมูล"), max_length=30, choices=RubricSource.choices)
    weight = models.DecimalField(_("น้ำหนัก"), max_digits=5, decimal_places=2)
    params = models.JSONField(_("พารามิเตอร์"), default=dict, blank=True)
    note = models.TextField(_("เหตุผลของน้ำหนักและพารามิเตอร์"), blank=True)

    class Meta:
        verbose_name = _("กฎการให้คะแนน")
        verbose_name_plural = _("กฎการให้คะแนน")
        ordering = ["rubric", "dimension__order", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["rubric", "dimension", "source"],
                name="rubric_rule_once_per_dimension",
                violation_error_message=_("มิตินี้มีกฎจากแหล่งข้อมูลนี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="rubric_rule_weight_positive",
                violation_error_message=_("น้ำหนักต้องมากกว่า 0"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension_id}: {self.get_source_display()} × {self.weight}"

    def save(self, *args, **kwargs) -> None:
        if Rubric.objects.filter(pk=self.rubric_id, status__in=FROZEN_STATUSES).exists():
            raise ValidationError(FROZEN_RUBRIC_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Rubric.objects.filter(pk=self.rubric_id, status__in=FROZEN_STATUSES).exists():
            raise ValidationError(FROZEN_RUBRIC_MESSAGE)
        return super().delete(*args, **kwargs)


class ExplanationField(models.JSONField):
    """A JSON field that PostgreSQL bulk inserts as plain VALUES rather than through UNNEST.

    Django packs bulk-inserted columns into arrays (UNNEST); psycopg quotes a JSON array
    element by element in Python, which made a national recompute spend most of its time
    escaping quotes. Having a ``get_placeholder`` opts the insert out of that strategy.
    """

    def get_placeholder(self, value, compiler, connection) -> str:
        return "%s"


class ScorecardQuerySet(models.QuerySet["Scorecard"]):
    def visible_to(self, user) -> ScorecardQuerySet:
        return self.filter(office_scope(user))


class Scorecard(models.Model):
    """A factory's MIND scorecard for one fiscal year, computed by ``policy.services``.

    Scores are 0–100 per dimension, or NULL when the dimension has no data ("ไม่มีข้อมูล" — not
    0 and not 100). ``overall`` is the mean of the four capped at the weakest dimension plus the
    rubric's margin, so a strong dimension cannot hide a weak one; it is NULL when any dimension
    has no data. ``explanation`` lists every contribution with the answers and facts behind it.
    """

    factory = models.ForeignKey(
        "factories.Factory",
        on_delete=models.CASCADE,
        related_name="scorecards",
        verbose_name=_("โรงงาน"),
    )
    # Kept from the factory: scoping and office summaries read it without a join.
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scorecards",
        verbose_name=_("สำนักงาน"),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    rubric = models.ForeignKey(
        Rubric, on_delete=models.PROTECT, related_name="scorecards", verbose_name=_("เกณฑ์")
    )
    business = models.DecimalField(
        _("ความสำเร็จของธุรกิจ"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    community = models.DecimalField(
        _("การดูแลชุมชนและสังคม"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    environment = models.DecimalField(
        _("การรักษาสิ่งแวดล้อม"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    income = models.DecimalField(
        _("การกระจายรายได้สู่ชุมชน"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    overall = models.DecimalField(
        _("คะแนนรวม"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    weakest_dimension = models.ForeignKey(
        Dimension,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("มิติที่อ่อนที่สุด"),
    )
    weakest_score = models.DecimalField(
        _("คะแนนมิติที่อ่อนที่สุด"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    complete = models.BooleanField(_("มีข้อมูลครบทุกมิติ"), default=False)
    balanced = models.BooleanField(_("สมดุลครบทั้งสี่มิติ"), default=False)
    computed_at = models.DateTimeField(_("คำนวณเมื่อ"))
    explanation = ExplanationField(_("ที่มาของคะแนน"), default=list, blank=True)

    objects = ScorecardQuerySet.as_manager()

    class Meta:
        verbose_name = _("ผลการประเมิน MIND ของโรงงาน")
        verbose_name_plural = _("ผลการประเมิน MIND ของโรงงาน")
        ordering = ["-fiscal_year", "factory"]
        constraints = [
            models.UniqueConstraint(
                fields=["factory", "fiscal_year"],
                name="scorecard_once_per_factory_year",
                violation_error_message=_("โรงงานนี้มีผลการประเมินของปีงบประมาณนี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=Q(
                    *[
                        bounds.q_between(name, bounds.PERCENT_MIN, bounds.PERCENT_MAX)
                        for name in (*DIMENSION_CODES, "overall", "weakest_score")
                    ]
                ),
                name="scorecard_scores_0_to_100",
                violation_error_message=_("คะแนนต้องอยู่ระหว่าง 0 ถึง 100"),
            ),
        ]
        indexes = [
            # An office's year: its factories to help first (not balanced, complete) found in
            # the index, and its averages read from the index alone.
            models.Index(
                fields=["office", "fiscal_year", "balanced", "complete"],
                include=["id", "business", "community", "environment", "income"],
                name="scorecard_office_fy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factory} — {self.fiscal_year}"

    def score(self, dimension_code: str) -> Decimal | None:
        return getattr(self, dimension_code)


def kpi_choices() -> list[tuple[str, str]]:
    """The KPIs of the registry (``policy.kpis``, which reads this module: imported late)."""
    from policy.kpis import KPIS

    return [(kpi.code, kpi.name) for kpi in KPIS.values()]


class KpiTargetQuerySet(models.QuerySet["KpiTarget"]):
    def national(self) -> KpiTargetQuerySet:
        return self.filter(office__isnull=True)


class KpiTarget(models.Model):
    """The target of one KPI for one fiscal year: the national default (``office`` empty) or one
    office's own target, which overrides it. Read them through ``policy.targets``: a KPI with no
    row for the year falls back to the registry's ``default_target``."""

    kpi = models.CharField(_("ตัวชี้วัด"), max_length=40, choices=kpi_choices)
    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    office = models.ForeignKey(
        "offices.Office",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kpi_targets",
        verbose_name=_("สำนักงาน"),
        help_text=_("เว้นว่างไว้สำหรับค่าเป้าหมายระดับประเทศ"),
    )
    value = models.DecimalField(
        _("ค่าเป้าหมาย (ร้อยละ)"),
        max_digits=5,
        decimal_places=2,
        validators=bounds.between(bounds.PERCENT_MIN, bounds.PERCENT_MAX),
    )
    note = models.TextField(_("หมายเหตุ"), blank=True)
    updated_at = models.DateTimeField(_("แก้ไขล่าสุด"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = KpiTargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("ค่าเป้าหมายตัวชี้วัด")
        verbose_name_plural = _("ค่าเป้าหมายตัวชี้วัด")
        ordering = ["-fiscal_year", "kpi", "office"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "fiscal_year"],
                condition=Q(office__isnull=True),
                name="kpi_target_national_once",
                violation_error_message=_("ตัวชี้วัดนี้มีค่าเป้าหมายระดับประเทศของปีงบประมาณนี้แล้ว"),
            ),
            models.UniqueConstraint(
                fields=["kpi", "fiscal_year", "office"],
                condition=Q(office__isnull=False),
                name="kpi_target_office_once",
                violation_error_message=_("สำนักงานนี้มีค่าเป้าหมายของตัวชี้วัดนี้ในปีงบประมาณนี้แล้ว"),
            ),
            models.CheckConstraint(
                condition=bounds.q_between(
                    "value", bounds.PERCENT_MIN, bounds.PERCENT_MAX, nullable=False
                ),
                name="kpi_target_value_0_to_100",
                violation_error_message=_("ค่าเป้าหมายต้องอยู่ระหว่าง 0 ถึง 100"),
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2500, fiscal_year__lte=2700),
                name="kpi_target_fiscal_year_bounded",
                violation_error_message=_("ปีงบประมาณต้องอยู่ระหว่าง 2500 ถึง 2700"),
            ),
        ]

    def __str__(self) -> str:
        where = self.office or _("ระดับประเทศ")
        return f"{self.get_kpi_display()} — {self.fiscal_year} — {where}: {self.value}"
