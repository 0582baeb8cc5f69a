from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import AmountField
from offices.models import OfficeYear


class OfficeYearForm(forms.ModelForm):
    """The yearly facts a head reports about their office."""

    budget_received = AmountField(
        label=_("งบประมาณที่ได้รับ (บาท)"), max_digits=14, decimal_places=2, min_value=0
    )
    budget_spent = AmountField(
        label=_("งบประมาณที่ใช้ไป (บาท)"), max_digits=14, decimal_places=2, min_value=0
    )

    class Meta:
        model = OfficeYear
        fields = [
            "staff_count",
            "budget_received",
            "budget_spent",
            "housing_condition",
            "housing_note",
            "problems",
        ]
        widgets = {
            "housing_note": forms.Textarea(attrs={"rows": 2}),
            "problems": forms.Textarea(
                attrs={"rows": 6, "placeholder": _("เช่น บุคลากรไม่เพียงพอ\nงบประมาณจำกัด")}
            ),
        }

    def clean(self) -> dict:
        data = super().clean()
        received, spent = data.get("budget_received"), data.get("budget_spent")
        if received is not None and spent is not None and spent > received:
            self.add_error("budget_spent", _("งบประมาณที่ใช้ไปต้องไม่เกินงบประมาณที่ได้รับ"))
        return data
