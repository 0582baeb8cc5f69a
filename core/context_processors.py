"""What every page's shell needs: today in the Buddhist Era, the fiscal year, the navigation."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.thaidates import current_fiscal_year


def _navigation(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    items = [{"label": _("หน้าหลัก"), "url": reverse("core:home"), "name": "home"}]
    if user.is_office_staff:
        if user.office_id:
            items.append(
                {
                    "label": _("สำนักงานของฉัน"),
                    "url": reverse("offices:detail", kwargs={"code": user.office_id}),
                    "name": "office",
                }
            )
    elif user.is_inspector:
        items.append(
            {"label": _("สำนักงานในเขต"), "url": reverse("offices:list"), "name": "offices"}
        )
    elif user.sees_all_offices:
        items.append(
            {"label": _("สำนักงานทั้งประเทศ"), "url": reverse("offices:list"), "name": "offices"}
        )
    if user.is_office_staff:
        items.append(
            {"label": _("งานตรวจของฉัน"), "url": reverse("inspections:mine"), "name": "mine"}
        )
    items.append({"label": _("แผนการตรวจ"), "url": reverse("inspections:plan"), "name": "plan"})
    if user.is_head:
        items.append(
            {"label": _("รอพิจารณา"), "url": reverse("inspections:review_queue"), "name": "review"}
        )
    items.append(
        {"label": _("ทะเบียนโรงงาน"), "url": reverse("factories:list"), "name": "factories"}
    )
    items.append(
        {
            "label": _("ติดตาม"),
            "name": "follow",
            "children": [
                {"label": _("คำสั่ง"), "url": reverse("inspections:orders"), "name": "orders"},
                {
                    "label": _("เรื่องร้องเรียน"),
                    "url": reverse("factories:complaints"),
                    "name": "complaints",
                },
                {"label": _("สินเชื่อ"), "url": reverse("factories:loans"), "name": "loans"},
            ],
        }
    )
    items.append({"label": _("ภาพรวม MIND"), "url": reverse("policy:index"), "name": "mind"})
    if user.is_staff:
        items.append({"label": _("ผู้ดูแลระบบ"), "url": reverse("admin:index"), "name": "admin"})
    return items


def shell(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "today": timezone.localdate(),
        "current_fiscal_year": current_fiscal_year(),
        "navigation": _navigation(user) if user is not None else [],
    }
