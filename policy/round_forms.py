"""The forms of the inspection rounds: planning a visit, the office's report and the meeting's
record per topic, the figures' date, and a directive."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.forms import BEDateField, BEDateInput
from core.thaidates import fiscal_year_of
from offices.models import MinistryUnit
from policy.models import Directive, InspectionRound, Visit

REPORT_MAX = 5000  # characters of one topic's report, findings or recommendations
DIRECTIVE_MAX = 2000
PEOPLE_MAX = 3000

TEXT_ERRORS = {"max_length": _("ข้อความยาวเกินไป (ไม่เกิน %(limit_value)d ตัวอักษร)")}


def text_field(label: str, limit: int = REPORT_MAX, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=limit,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TEXT_ERRORS,
        **kwargs,
    )


class VisitForm(forms.ModelForm):
    """When, how and by whom an office is visited in a round."""

    day = BEDateField(label=_("วันที่ตรวจราชการ"))
    time = forms.TimeField(
        label=_("เวลา"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("กรุณากรอกเวลาเป็น ชม:นาที เช่น 13:30")},
    )
    figures_as_of = BEDateField(
        label=_("ตัวเลขจากระบบ ณ วันที่"),
        required=False,
        help_text=_("เว้นว่างเพื่อใช้ข้อมูล ณ วันก่อนวันตรวจ (หรือวันนี้ถ้าวันตรวจยังไม่ถึง)"),
    )
    meeting_link = forms.URLField(
        label=_("ลิงก์การประชุมออนไลน์"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("เช่น ลิงก์ Zoom Meeting"),
        error_messages={"invalid": _("กรุณากรอกลิงก์ให้ถูกต้อง เช่น https://zoom.us/j/123456789")},
    )
    ministry_team = text_field(_("คณะจากกระทรวง"), PEOPLE_MAX, help_text=_("บรรทัดละหนึ่งคน"))
    office_people = text_field(_("ผู้เข้าร่วมจากสำนักงาน"), PEOPLE_MAX, help_text=_("บรรทัดละหนึ่งคน"))
    other_agencies = text_field(_("หน่วยงานอื่นที่เข้าร่วม"), PEOPLE_MAX, help_text=_("บรรทัดละหนึ่งหน่วยงาน"))

    class Meta:
        model = Visit
        fields = [
            "mode",
            "meeting_link",
            "place",
            "lead_kind",
            "lead_name",
            "ministry_team",
            "office_people",
            "other_agencies",
        ]

    field_order = [
        "day",
        "time",
        "mode",
        "meeting_link",
        "place",
        "lead_kind",
        "lead_name",
        "ministry_team",
        "office_people",
        "other_agencies",
        "figures_as_of",
    ]

    def __init__(self, *args, round_: InspectionRound, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.round = round_
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("day", local.date())
            self.initial.setdefault("time", local.time())
            del self.fields["figures_as_of"]

    def clean_day(self) -> dt.date:
        day = self.cleaned_data["day"]
        if fiscal_year_of(day) != self.round.fiscal_year:
            raise forms.ValidationError(
                _("วันที่ตรวจราชการต้องอยู่ในปีงบประมาณ %(year)s ของรอบนี้"),
                params={"year": self.round.fiscal_year},
            )
        return day

    def clean_figures_as_of(self) -> dt.date | None:
        from policy.rounds import figures_date_error

        as_of = self.cleaned_data.get("figures_as_of")
        if as_of is not None:
            error = figures_date_error(self.round, as_of)
            if error:
                raise forms.ValidationError(error)
        return as_of

    def clean(self) -> dict:
        data = super().clean()
        if data.get("mode") == "online" and not data.get("meeting_link"):
            self.add_error("meeting_link", _("การตรวจผ่านระบบออนไลน์ต้องมีลิงก์การประชุม"))
        day, time = data.get("day"), data.get("time")
        if day and time:
            self.instance.starts_at = timezone.make_aware(dt.datetime.combine(day, time))
        return data


class TopicReportForm(forms.Form):
    office_report = text_field(_("รายงานผลการดำเนินงานของสำนักงาน"))


class TopicOutcomeForm(forms.Form):
    findings = text_field(_("ผลการตรวจ (ข้อค้นพบ)"))
    recommendations = text_field(_("ข้อเสนอแนะ"))


class VisitRecordForm(forms.ModelForm):
    """The meeting's own record, saved as it is typed."""

    summary = text_field(_("ข้อสังเกตและข้อเสนอแนะภาพรวม"))

    class Meta:
        model = Visit
        fields = ["status", "summary"]


class FiguresForm(forms.Form):
    as_of = BEDateField(
        label=_("ข้อมูล ณ วันที่"),
        widget=BEDateInput(attrs={"class": "form-control form-control-sm"}),
        error_messages={"required": _("กรุณาระบุวันที่ของตัวเลข")},
    )


class DirectiveForm(forms.ModelForm):
    text = forms.CharField(
        label=_("ข้อสั่งการ"),
        max_length=DIRECTIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={**TEXT_ERRORS, "required": _("กรุณากรอกข้อสั่งการ")},
    )
    due_on = BEDateField(
        label=_("กำหนดเสร็จ"),
        required=False,
        widget=BEDateInput(attrs={"class": "form-control"}),
        date_bounds=bounds.DateBetween(dt.date(2000, 1, 1), bounds.LAST_DATE),
    )

    class Meta:
        model = Directive
        fields = ["text", "topic", "unit", "due_on"]

    def __init__(self, *args, visit: Visit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.visit = visit
        self.fields["topic"].queryset = visit.round.topics.all()
        self.fields["topic"].empty_label = _("— ภาพรวม —")
        self.fields["unit"].queryset = MinistryUnit.objects.filter(is_active=True)
        self.fields["unit"].empty_label = _("สำนักงานอุตสาหกรรมจังหวัด (สำนักงานที่ได้รับการตรวจ)")
        self.fields["unit"].label = _("ผู้รับผิดชอบ")
        self.fields["unit"].help_text = ""
        for name in ("topic", "unit"):
            self.fields[name].widget.attrs["class"] = "form-select"
