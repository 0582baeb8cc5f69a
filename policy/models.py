"""The ministry's MIND policy: four dimensions along which a factory must grow in balance."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.Model):
    """One of the four MIND dimensions (มิติ). None may be missing: scores show the weakest."""

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
        verbose_name = _("มิติตามนโยบาย MIND")
        verbose_name_plural = _("มิติตามนโยบาย MIND")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name
