"""The forms of the KPI targets page."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.forms import AmountField
from offices.models import Office
from policy.kpis import KPIS

TARGET_ERRORS = {
    "invalid": _("กรุณากรอกค่าเป้าหมายเป็นตัวเลข 0–100 เช่น 90 หรือ 92.5"),
    "max_digits": _("กรุณากรอกค่าเป้าหมายเป็นตัวเลข 0–100 เช่น 90 หรือ 92.5"),
    "max_whole_digits": _("กรุณากรอกค่าเป้าหมายเป็นตัวเลข 0–100 เช่น 90 หรือ 92.5"),
    "max_decimal_places": _("ค่าเป้าหมายมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
    "required": _("กรุณากรอกค่าเป้าหมาย"),
}


def target_field(**kwargs) -> AmountField:
    return AmountField(
        max_digits=6,  # 100.00, and a typed 1000 gets the "not more than 100" message
        decimal_places=2,
        validators=bounds.between(bounds.PERCENT_MIN, bounds.PERCENT_MAX),
        error_messages=TARGET_ERRORS,
        **kwargs,
    )


def field_name(code: str) -> str:
    return f"national_{code}"


class NationalTargetsForm(forms.Form):
    """The national default of every KPI for a fiscal year; an empty box means the registry's
    default."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, kpi in KPIS.items():
            self.fields[field_name(code)] = target_field(
                label=kpi.name,
                required=False,
                help_text=_("เว้นว่าง = ใช้ค่าตั้งต้น %(value)s")
                % {"value": f"{kpi.default_target.normalize():f}"},
            )

    def values(self) -> dict[str, Decimal | None]:
        return {code: self.cleaned_data[field_name(code)] for code in KPIS}

    def rows(self) -> list[tuple[str, forms.BoundField]]:
        return [(code, self[field_name(code)]) for code in KPIS]


class OfficeTargetForm(forms.Form):
    """An office's own target for one KPI (made, or changed when it has one)."""

    kpi = forms.ChoiceField(
        label=_("ตัวชี้วัด"),
        error_messages={"required": _("กรุณาเลือกตัวชี้วัด"), "invalid_choice": _("กรุณาเลือกตัวชี้วัด")},
    )
    office = forms.ModelChoiceField(
        label=_("สำนักงาน"),
        queryset=Office.objects.order_by("province__code"),
        empty_label=_("— เลือกสำนักงาน —"),
        error_messages={
            "required": _("กรุณาเลือกสำนักงาน"),
            "invalid_choice": _("กรุณาเลือกสำนักงาน"),
        },
    )
    value = target_field(label=_("ค่าเป้าหมาย (ร้อยละ)"))
    note = forms.CharField(label=_("หมายเหตุ"), required=False, max_length=500)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kpi"].choices = [("", _("— เลือกตัวชี้วัด —"))] + [
            (code, kpi.name) for code, kpi in KPIS.items()
        ]
