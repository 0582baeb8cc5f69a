"""Form fields shared by every app's forms."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class AmountField(forms.DecimalField):
    """A money or quantity field that accepts what Thai officers type: ``1,250,000.50``."""

    def to_python(self, value) -> Decimal | None:
        if isinstance(value, str):
            value = value.replace(",", "").replace(" ", "").replace("฿", "")
        return super().to_python(value)

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        # A text box with a decimal keypad: number inputs reject the commas people type.
        attrs.pop("step", None)
        attrs.setdefault("inputmode", "decimal")
        return attrs

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput)
        kwargs.setdefault("localize", False)
        super().__init__(*args, **kwargs)


class LoginForm(AuthenticationForm):
    """The login form with an error an officer understands at first reading."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง กรุณาตรวจสอบแล้วลองอีกครั้ง (ตัวพิมพ์เล็ก-ใหญ่ต้องตรงกัน)"),
        "inactive": _("บัญชีนี้ถูกระงับการใช้งาน กรุณาติดต่อผู้ดูแลระบบ"),
    }
