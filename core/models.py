"""The few rows every app shares."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
