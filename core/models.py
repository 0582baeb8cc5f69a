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
