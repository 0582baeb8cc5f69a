"""Form fields shared by every app's forms."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.thaidates import BE_OFFSET, format_be_numeric

BE_FIRST_TYPED_YEAR = 2400  # 01/01/2400 is BE 2400 (CE 1857), which the bounds refuse


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


class BEDateInput(forms.TextInput):
    """Shows a date as Thai offices write it: ``24/02/2566``."""

    def __init__(self, attrs: dict | None = None) -> None:
        base = {
            "placeholder": _("วว/ดด/ปปปป (พ.ศ.)"),
            "inputmode": "numeric",
            "autocomplete": "off",
        }
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            return format_be_numeric(value)
        return super().format_value(value)


class BEDateField(forms.DateField):
    """A date typed in the Buddhist Era (``24/02/2566``, ``24-2-2566``) or ISO (``2023-02-24``).

    A typed four-digit year of 2400 or more is read as BE; the ISO form, as typed by browsers'
    date pickers and by people copying from other systems, is always CE.
    """

    widget = BEDateInput
    date_bounds = bounds.DateBetween(bounds.REGISTER_FIRST_DATE, bounds.LAST_DATE)

    def __init__(self, *args, date_bounds: bounds.DateBetween | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if date_bounds is not None:
            self.date_bounds = date_bounds

    default_error_messages = {
        "invalid": _("กรุณากรอกวันที่เป็น วว/ดด/ปปปป ปีพุทธศักราช เช่น 24/02/2566"),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if iso:
            # What a date picker sends: always CE, whatever the year (9999 is refused by the
            # bounds, not read as BE 9999).
            year, month, day = (int(x) for x in iso.groups())
        else:
            match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
            if not match:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            day, month, year = (int(x) for x in match.groups())
            if year >= BE_FIRST_TYPED_YEAR:
                year -= BE_OFFSET
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value) -> None:
        super().validate(value)
        if value is not None:
            self.date_bounds(value)
