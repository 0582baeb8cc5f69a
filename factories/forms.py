"""Forms of the factory register pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import AmountField, BEDateField
from factories.models import (
    Complaint,
    Factory,
    FactoryClass,
    FactoryStatus,
    FactoryType,
    GreenIndustryCertificate,
    GreenIndustryLevel,
    Loan,
    LoanFollowUp,
)
from factories.permissions import register_provinces
from factories.selectors import FactoryFilters, district_choices, filter_choices
from offices.models import District, Office, Province, Subdistrict
from offices.reference import BANGKOK

RISK_CHOICES = [
    ("", _("ทุกระดับความเสี่ยง")),
    ("any", _("มีความเสี่ยงด้านใดด้านหนึ่ง")),
    ("wastewater", _("น้ำเสีย")),
    ("air", _("มลพิษทางอากาศ")),
    ("hazardous_waste", _("ของเสียอันตราย")),
    ("none", _("ไม่มีความเสี่ยง")),
]
INSPECTED_CHOICES = [
    ("", _("ทั้งที่ตรวจแล้วและยังไม่ได้ตรวจ")),
    ("yes", _("ตรวจแล้วในปีงบประมาณนี้")),
    ("no", _("ยังไม่ได้ตรวจในปีงบประมาณนี้")),
]
MISSING_CHOICES = [
    ("", _("ข้อมูลครบหรือไม่ครบ")),
    ("name", _("ยังไม่มีชื่อโรงงาน")),
]
SORT_CHOICES = [
    ("name", _("ชื่อโรงงาน (ก–ฮ)")),
    ("operator", _("ผู้ประกอบการ (ก–ฮ)")),
    ("number", _("เลขทะเบียน")),
    ("licence", _("วันที่ได้รับอนุญาตล่าสุดก่อน")),
]


class FactoryFilterForm(forms.Form):
    """The list's filters. Unknown or malformed values are dropped, never an error page."""

    q = forms.CharField(
        label=_("ค้นหา"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("ชื่อโรงงาน ผู้ประกอบการ หรือเลขทะเบียน")}
        ),
    )
    office = forms.ChoiceField(label=_("จังหวัด"), required=False)
    district = forms.ChoiceField(label=_("อำเภอ"), required=False)
    factory_type = forms.ChoiceField(label=_("ประเภทโรงงาน"), required=False)
    class_number = forms.TypedChoiceField(
        label=_("จำพวก"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("ทุกจำพวก")), *FactoryClass.choices],
    )
    status = forms.TypedChoiceField(
        label=_("สถานะ"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("ทุกสถานะ")), *FactoryStatus.choices],
    )
    risk = forms.ChoiceField(label=_("ความเสี่ยง"), required=False, choices=RISK_CHOICES)
    gi_level = forms.TypedChoiceField(
        label=_("ระดับอุตสาหกรรมสีเขียว"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("ทุกระดับ")), ("0", _("ยังไม่ได้รับการรับรอง")), *GreenIndustryLevel.choices],
    )
    inspected = forms.ChoiceField(
        label=_("การตรวจในปีงบประมาณนี้"), required=False, choices=INSPECTED_CHOICES
    )
    missing = forms.ChoiceField(label=_("ข้อมูลที่ขาด"), required=False, choices=MISSING_CHOICES)
    sort = forms.ChoiceField(label=_("เรียงตาม"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, offices, factory_types, **kwargs) -> None:
        """``offices``: (code, province name) pairs the person may see, in Thai order."""
        super().__init__(*args, **kwargs)
        # National and regional users pick a province first; its districts then show. An
        # office's own staff see their districts straight away.
        if len(offices) > 1:
            self.fields["office"].choices = [("", _("ทุกจังหวัด")), *offices]
        else:
            del self.fields["office"]
        codes = {code for code, _name in offices}
        office = offices[0][0] if len(offices) == 1 else (self.data.get("office") or "")
        districts = district_choices(office) if office in codes else []
        self.fields["district"].choices = [("", _("ทุกอำเภอ")), *districts]
        self.fields["factory_type"].choices = [("", _("ทุกประเภท")), *factory_types]

    def filters(self) -> FactoryFilters:
        """The valid part of what was asked; a bad field is treated as not given."""
        if not self.is_bound:
            return FactoryFilters()
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return FactoryFilters(
            q=(data.get("q") or "").strip(),
            office=data.get("office") or "",
            district=data.get("district") or "",
            factory_type=data.get("factory_type") or "",
            class_number=data.get("class_number"),
            status=data.get("status"),
            risk=data.get("risk") or "",
            gi_level=data.get("gi_level"),
            inspected=data.get("inspected") or "",
            missing=data.get("missing") or "",
            sort=data.get("sort") or "name",
        )


def factory_filter_form(user, data: Mapping[str, Any] | None) -> FactoryFilterForm:
    """The list's filters as ``user`` is offered them: the offices they may see (none to choose
    when they see one), and that office's districts."""
    offices, factory_types = filter_choices()
    if not user.sees_all_offices:
        visible = set(Office.objects.visible_to(user).values_list("pk", flat=True))
        offices = [row for row in offices if row[0] in visible]
    return FactoryFilterForm(data, offices=offices, factory_types=factory_types)


class FactoryForm(forms.ModelForm):
    """Add or correct a factory by hand; most factories arrive by import."""

    licence_date = BEDateField(label=_("วันที่ได้รับใบอนุญาต"), required=False)
    i_industry_registered_on = BEDateField(label=_("วันที่ลงทะเบียน I-Industry"), required=False)
    capital = AmountField(
        label=_("เงินลงทุน (บาท)"), required=False, max_digits=16, decimal_places=2, min_value=0
    )
    horsepower = AmountField(
        label=_("แรงม้า"), required=False, max_digits=12, decimal_places=2, min_value=0
    )

    class Meta:
        model = Factory
        fields = [
            "registration_number",
            "old_registration_number",
            "name",
            "operator_name",
            "juristic_id",
            "business_description",
            "factory_type",
            "class_number",
            "status",
            "isic_code",
            "licence_date",
            "house_no",
            "moo",
            "soi",
            "road",
            "province",
            "district",
            "subdistrict",
            "postal_code",
            "phone",
            "latitude",
            "longitude",
            "industrial_estate",
            "capital",
            "horsepower",
            "workers_male",
            "workers_female",
            "i_industry_registered_on",
            "risk_overridden",
            "wastewater_risk",
            "air_risk",
            "hazardous_waste_risk",
            "risk_override_reason",
        ]
        widgets = {
            "business_description": forms.Textarea(attrs={"rows": 2}),
            "risk_override_reason": forms.Textarea(attrs={"rows": 2}),
            "registration_number": forms.TextInput(attrs={"inputmode": "numeric"}),
            "juristic_id": forms.TextInput(attrs={"inputmode": "numeric"}),
            "latitude": forms.TextInput(attrs={"inputmode": "decimal"}),
            "longitude": forms.TextInput(attrs={"inputmode": "decimal"}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        provinces = register_provinces(
            user, Province.objects.exclude(code=BANGKOK).order_by("code")
        )
        self.fields["province"].queryset = provinces
        if provinces.count() == 1 and not self.instance.pk:
            self.initial.setdefault("province", provinces.first().pk)
        province = (
            self.data.get(self.add_prefix("province"))
            or self.initial.get("province")
            or self.instance.province_id
        )
        self.fields["district"].queryset = District.objects.filter(
            province_id=province or ""
        ).order_by("code")
        self.fields["subdistrict"].queryset = (
            Subdistrict.objects.filter(district__province_id=province or "")
            .select_related("district")
            .order_by("code")
        )
        self.fields["subdistrict"].label_from_instance = lambda s: (
            f"{s.name_th} ({s.district.name_th})"
        )
        self.fields["factory_type"].queryset = FactoryType.objects.order_by("code")
        for name in ("wastewater_risk", "air_risk", "hazardous_waste_risk", "risk_override_reason"):
            self.fields[name].help_text = _("ใช้เมื่อเลือก “กำหนดความเสี่ยงเอง” เท่านั้น")

    def clean_registration_number(self) -> str | None:
        return (self.cleaned_data.get("registration_number") or "").strip() or None

    def clean_old_registration_number(self) -> str | None:
        return (self.cleaned_data.get("old_registration_number") or "").strip() or None

    def clean(self) -> dict:
        data = super().clean()
        district, subdistrict = data.get("district"), data.get("subdistrict")
        if subdistrict and district and subdistrict.district_id != district.pk:
            self.add_error("subdistrict", _("ตำบลนี้ไม่ได้อยู่ในอำเภอที่เลือก"))
        if data.get("risk_overridden") and not (data.get("risk_override_reason") or "").strip():
            self.add_error("risk_override_reason", _("กรุณาระบุเหตุผลที่กำหนดความเสี่ยงเอง"))
        return data


class GreenIndustryCertificateForm(forms.ModelForm):
    issued_on = BEDateField(label=_("วันที่ออกใบรับรอง"))
    expires_on = BEDateField(label=_("วันหมดอายุ"), required=False)

    class Meta:
        model = GreenIndustryCertificate
        fields = ["level", "certificate_number", "issued_on", "expires_on"]

    def clean(self) -> dict:
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("วันหมดอายุต้องอยู่หลังวันที่ออกใบรับรอง"))
        return data


class ComplaintForm(forms.ModelForm):
    received_on = BEDateField(label=_("วันที่รับเรื่อง"))
    due_on = BEDateField(label=_("กำหนดแล้วเสร็จ"), required=False)

    class Meta:
        model = Complaint
        fields = [
            "received_on",
            "channel",
            "category",
            "factory",
            "description",
            "complainant_name",
            "complainant_contact",
            "status",
            "due_on",
            "outcome",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, factories, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["factory"].queryset = factories
        self.fields["factory"].required = False

    def clean(self) -> dict:
        data = super().clean()
        received, due = data.get("received_on"), data.get("due_on")
        if received and due and due < received:
            self.add_error("due_on", _("กำหนดแล้วเสร็จต้องไม่ก่อนวันที่รับเรื่อง"))
        if data.get("status") in ("resolved", "closed") and not (data.get("outcome") or "").strip():
            self.add_error("outcome", _("กรุณาบันทึกผลการดำเนินการก่อนปิดเรื่อง"))
        return data


class LoanForm(forms.ModelForm):
    amount = AmountField(label=_("วงเงินกู้ (บาท)"), max_digits=14, decimal_places=2, min_value=1)
    approved_on = BEDateField(label=_("วันที่อนุมัติ"))
    maturity_on = BEDateField(label=_("วันครบกำหนด"), required=False)

    class Meta:
        model = Loan
        fields = [
            "borrower_name",
            "factory",
            "fund_name",
            "lender",
            "amount",
            "approved_on",
            "maturity_on",
            "status",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, factories, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["factory"].queryset = factories
        self.fields["factory"].required = False

    def clean(self) -> dict:
        data = super().clean()
        approved, maturity = data.get("approved_on"), data.get("maturity_on")
        if approved and maturity and maturity <= approved:
            self.add_error("maturity_on", _("วันครบกำหนดต้องอยู่หลังวันที่อนุมัติ"))
        return data


class LoanFollowUpForm(forms.ModelForm):
    followed_on = BEDateField(label=_("วันที่ติดตาม"))

    class Meta:
        model = LoanFollowUp
        fields = ["followed_on", "status_after", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์ทะเบียนโรงงาน (.xlsx หรือ .csv)"),
        help_text=_("ไฟล์ส่งออกจากกรมโรงงานอุตสาหกรรม หรือไฟล์ข้อมูลเปิด Factory_Data ไม่เกิน 50 MB"),
    )

    MAX_BYTES = 50 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("รองรับเฉพาะไฟล์ .xlsx หรือ .csv เท่านั้น"))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("ไฟล์ใหญ่เกิน 50 MB กรุณาแบ่งไฟล์ก่อนนำเข้า"))
        if upload.size == 0:
            raise forms.ValidationError(_("ไฟล์ว่างเปล่า"))
        return upload
