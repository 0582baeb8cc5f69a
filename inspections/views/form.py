"""Filling an inspection in the browser: start it, answer item by item (each answer saved as it
is entered), photos, location, summary and submit; and the read-only page of an inspection.

Every inspection is fetched through ``FactoryInspection.objects.visible_to``, so another
office's inspection answers 404; writing needs ``inspections.permissions.may_edit_draft`` (the
lead or a co-inspector, while it is a draft or returned), otherwise 403. What is posted goes
through a form here and is written by a service in ``inspections.services.form``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import bounds
from core.access import office_scope
from core.forms import BEDateField
from factories.models import Complaint, Factory
from inspections.models import (
    Answer,
    AnswerValue,
    ChecklistItem,
    FactoryInspection,
    InspectionKind,
    InspectionPhoto,
)
from inspections.permissions import may_edit_draft, may_start_inspection
from inspections.selectors import (
    AnswerCounts,
    AnswerRow,
    answer_photos_prefetch,
    inspection_answer_groups,
    inspection_general_photos,
)
from inspections.services.form import (
    BROWSER_SHOWABLE,
    AnswerConflict,
    SubmitRefused,
    answer_display,
    answer_save,
    applicable_checklists,
    inspection_location_save,
    inspection_missing,
    inspection_photo_add,
    inspection_start,
    inspection_submit,
    inspection_summary_save,
)
from offices.models import OFFICE_ROLES, User

ANSWER_MAX_LENGTH = Answer._meta.get_field("value").max_length
# A summary is a few paragraphs; a page of text posted many times over is a mistake.
SUMMARY_MAX_LENGTH = 20_000

# ---------------------------------------------------------------------------------------------
# Forms


class StartForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("ประเภทการตรวจ"), choices=InspectionKind.choices)
    inspected_on = BEDateField(
        label=gettext_lazy("วันที่ตรวจ"),
        date_bounds=bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, "inspection_last_date"),
    )
    co_inspectors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("ผู้ร่วมตรวจ"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    complaint = forms.ModelChoiceField(
        label=gettext_lazy("เรื่องร้องเรียนที่ตรวจ"),
        queryset=Complaint.objects.none(),
        required=False,
        empty_label=gettext_lazy("— ไม่ระบุ —"),
    )

    def __init__(self, *args, factory: Factory, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["co_inspectors"].queryset = (
            User.objects.filter(office_id=factory.office_id, role__in=OFFICE_ROLES, is_active=True)
            .exclude(pk=user.pk)
            .order_by("first_name", "username")
        )
        self.fields["complaint"].queryset = Complaint.objects.filter(
            factory=factory, office_id=factory.office_id
        ).order_by("-received_on")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("complaint") and data.get("kind") != InspectionKind.COMPLAINT:
            data["complaint"] = None
        return data


class LocationForm(forms.Form):
    # Inspections are in Thailand; a GPS fix saying otherwise (or 1e20 m off) is not kept.
    latitude = forms.DecimalField(min_value=bounds.LAT_MIN, max_value=bounds.LAT_MAX)
    longitude = forms.DecimalField(min_value=bounds.LNG_MIN, max_value=bounds.LNG_MAX)
    accuracy = forms.DecimalField(
        min_value=0, max_value=bounds.LOCATION_ACCURACY_MAX_M, required=False
    )


class AnswerForm(forms.Form):
    """One answer as the form page posts it; which values fit the item the service decides."""

    value = forms.CharField(
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        error_messages={
            "max_length": gettext_lazy("คำตอบยาวเกิน %(limit_value)d ตัวอักษร กรุณาย่อให้สั้นลง")
        },
    )
    note = forms.CharField(required=False)
    na = forms.BooleanField(required=False)
    # The answer's version the page was showing (0: none yet).
    version = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        error_messages={
            "invalid": gettext_lazy("ข้อมูลของหน้านี้ไม่ครบ กรุณาโหลดหน้านี้ใหม่"),
            "min_value": gettext_lazy("ข้อมูลของหน้านี้ไม่ครบ กรุณาโหลดหน้านี้ใหม่"),
            "max_value": gettext_lazy("ข้อมูลของหน้านี้ไม่ครบ กรุณาโหลดหน้านี้ใหม่"),
        },
    )

    @property
    def answer(self) -> str:
        if self.cleaned_data["na"]:
            return AnswerValue.NOT_APPLICABLE.value
        return self.cleaned_data["value"]


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("สรุปผลการตรวจ"),
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        error_messages={
            "max_length": gettext_lazy(
                "สรุปผลการตรวจยาวเกิน %(limit_value)d ตัวอักษร (ขณะนี้ %(show_value)d) กรุณาย่อให้สั้นลง"
            )
        },
    )


def _form_errors(form: forms.Form) -> str:
    return " ".join(error for errors in form.errors.values() for error in errors)


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=gettext_lazy("ภาพถ่าย"),
        error_messages={"required": gettext_lazy("กรุณาเลือกภาพถ่าย")},
    )
    caption = forms.CharField(label=gettext_lazy("คำอธิบายภาพ"), max_length=300, required=False)


# ---------------------------------------------------------------------------------------------
# What the pages show


def _inspection(request: HttpRequest, pk: int) -> FactoryInspection:
    return get_object_or_404(
        FactoryInspection.objects.visible_to(request.user).select_related(
            "factory", "lead_inspector", "office", "complaint"
        ),
        pk=pk,
    )


def _editable(request: HttpRequest, pk: int) -> FactoryInspection:
    inspection = _inspection(request, pk)
    if not may_edit_draft(request.user, inspection):
        raise PermissionDenied(_("แก้ไขได้เฉพาะผู้ตรวจหลักและผู้ร่วมตรวจ ขณะที่การตรวจยังเป็นฉบับร่างหรือถูกส่งกลับ"))
    return inspection


def _row(inspection: FactoryInspection, item: ChecklistItem) -> AnswerRow:
    answer = (
        Answer.objects.filter(inspection=inspection, item=item)
        .select_related("answered_by")
        .prefetch_related(answer_photos_prefetch())
        .first()
    )
    return AnswerRow(item, answer, list(answer.photos.all()) if answer else [])


def _item_of(inspection: FactoryInspection, item_pk: int | str | None) -> ChecklistItem:
    try:
        return ChecklistItem.objects.get(
            pk=int(item_pk or 0), section__version__in=inspection.checklist_versions.all()
        )
    except (ChecklistItem.DoesNotExist, ValueError):
        raise Http404 from None


# ---------------------------------------------------------------------------------------------
# Pages


def inspection_start_page(request: HttpRequest, factory_pk: int) -> HttpResponse:
    """Start an inspection of a factory: kind, date, co-inspectors; then on to the form."""
    factory = get_object_or_404(
        Factory.objects.visible_to(request.user).select_related("office"), pk=factory_pk
    )
    user = request.user
    if not may_start_inspection(user, factory):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่ของสำนักงานที่ดูแลโรงงานนี้เท่านั้นที่เริ่มการตรวจได้"))
    initial = {
        "inspected_on": timezone.localdate(),
        "kind": request.GET.get("kind") or InspectionKind.ROUTINE,
        "complaint": request.GET.get("complaint") or None,
    }
    form = StartForm(request.POST or None, initial=initial, factory=factory, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = inspection_start(
                factory=factory,
                user=user,
                kind=data["kind"],
                inspected_on=data["inspected_on"],
                co_inspectors=list(data["co_inspectors"]),
                complaint=data["complaint"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("เริ่มการตรวจแล้ว คำตอบจะบันทึกทันทีที่กรอก"))
            return redirect("inspections:form", pk=inspection.pk)
    kind = form["kind"].value() or InspectionKind.ROUTINE
    context = {
        "form": form,
        "factory": factory,
        "checklists": applicable_checklists(factory, kind),
    }
    return render(request, "inspections/form_start.html", context)


def _form_context(inspection: FactoryInspection, **extra) -> dict:
    groups = inspection_answer_groups(inspection)
    return {
        "inspection": inspection,
        "groups": groups,
        "counts": AnswerCounts.of(groups),
        "general_photos": inspection_general_photos(inspection),
        "co_inspectors": list(inspection.co_inspectors.all()),
        **extra,
    }


def inspection_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The form on a phone. Those who may not edit it are sent to the read-only page."""
    inspection = _inspection(request, pk)
    if not may_edit_draft(request.user, inspection):
        return redirect("inspections:detail", pk=inspection.pk)
    return render(request, "inspections/form_page.html", _form_context(inspection))


def _status(
    request: HttpRequest,
    row: AnswerRow,
    *,
    state: str,
    message: str = "",
    status: int = 200,
    **extra,
) -> HttpResponse:
    context = {"row": row, "state": state, "message": message}
    return render(request, "inspections/_form_answer_response.html", context | extra, status=status)


@require_POST
def answer_post(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Save one answer. 200 with its new state, 409 when someone else saved it in between,
    422 when the value is not one this item takes."""
    inspection = _editable(request, pk)
    item = _item_of(inspection, item_pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _status(
            request, _row(inspection, item), state="error", message=_form_errors(form), status=422
        )
    try:
        answer = answer_save(
            inspection=inspection,
            item=item,
            value=form.answer,
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"] or 0,
            user=request.user,
        )
    except AnswerConflict as conflict:
        theirs = conflict.answer
        return _status(
            request,
            _row(inspection, item),
            state="conflict",
            theirs=theirs,
            theirs_display=answer_display(item, theirs.value),
            status=409,
        )
    except ValidationError as error:
        return _status(
            request,
            _row(inspection, item),
            state="error",
            message=" ".join(error.messages),
            status=422,
        )
    row = _row(inspection, item)
    row.answer = answer
    return _status(request, row, state="saved")


def _photos_response(
    request: HttpRequest, inspection: FactoryInspection, item: ChecklistItem | None, **extra
) -> HttpResponse:
    status = extra.pop("status", 200)
    if item is None:
        context = {"photos": inspection_general_photos(inspection), "row": None}
    else:
        row = _row(inspection, item)
        context = {"photos": row.photos, "row": row}
    context |= {"inspection": inspection, "editable": True, **extra}
    return render(request, "inspections/_form_photos_response.html", context, status=status)


@require_POST
def photo_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A photo for one answer (``item`` posted) or for the whole inspection."""
    inspection = _editable(request, pk)
    item = _item_of(inspection, request.POST["item"]) if request.POST.get("item") else None
    form = PhotoForm(request.POST, request.FILES)
    # What was typed stays in the form when the photo is refused.
    caption = form["caption"].value() or ""
    if not form.is_valid():
        errors = [e for errs in form.errors.values() for e in errs]
        return _photos_response(
            request, inspection, item, photo_errors=errors, caption=caption, status=422
        )
    try:
        inspection_photo_add(
            inspection=inspection,
            upload=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"],
            user=request.user,
            item=item,
        )
    except ValidationError as error:
        return _photos_response(
            request, inspection, item, photo_errors=error.messages, caption=caption, status=422
        )
    return _photos_response(request, inspection, item, photo_saved=True)


def photo_file(request: HttpRequest, pk: int) -> FileResponse:
    """A photo's file, only for those who may see its inspection (never straight from media)."""
    photo = get_object_or_404(
        InspectionPhoto.objects.filter(office_scope(request.user, "inspection__office")), pk=pk
    )
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    showable = photo.content_type in BROWSER_SHOWABLE
    response = FileResponse(
        handle,
        content_type=photo.content_type,
        as_attachment=not showable,
        filename=photo.image.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def location_post(request: HttpRequest, pk: int) -> HttpResponse:
    """The browser's position at the factory, when the officer allows it."""
    inspection = _editable(request, pk)
    form = LocationForm(request.POST)
    error = ""
    if form.is_valid():
        inspection_location_save(
            inspection=inspection,
            user=request.user,
            latitude=form.cleaned_data["latitude"],
            longitude=form.cleaned_data["longitude"],
            accuracy_m=form.cleaned_data["accuracy"],
        )
    else:
        error = _("ตำแหน่งที่ได้รับไม่ถูกต้อง กรุณาลองอีกครั้ง")
    return render(
        request,
        "inspections/_form_location.html",
        {"inspection": inspection, "location_error": error, "editable": True},
        status=200 if not error else 422,
    )


@require_POST
def summary_post(request: HttpRequest, pk: int) -> HttpResponse:
    """The summary, saved as it is typed like the answers."""
    inspection = _editable(request, pk)
    form = SummaryForm(request.POST)
    if not form.is_valid():
        context = {"status_id": "status-summary", "state": "error", "message": _form_errors(form)}
        return render(request, "inspections/_form_status.html", context, status=422)
    inspection_summary_save(
        inspection=inspection, user=request.user, summary=form.cleaned_data["summary"]
    )
    return render(
        request,
        "inspections/_form_status.html",
        {"status_id": "status-summary", "state": "saved", "saved_at": inspection.updated_at},
    )


@require_POST
def submit_post(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit for the head's review, or show the form again with what is still missing."""
    inspection = _editable(request, pk)
    form = SummaryForm(request.POST)
    if not form.is_valid():
        # Shown again as typed, with the reason; nothing is written.
        inspection.summary = form.data.get("summary", "")
        messages.error(request, _form_errors(form))
        context = _form_context(inspection)
        return render(request, "inspections/form_page.html", context, status=422)
    summary = form.cleaned_data["summary"] if "summary" in request.POST else None
    try:
        findings = inspection_submit(inspection=inspection, user=request.user, summary=summary)
    except SubmitRefused as refused:
        inspection.refresh_from_db()
        context = _form_context(inspection, missing=refused.missing)
        return render(request, "inspections/form_page.html", context)
    messages.success(
        request,
        _("ส่งผลการตรวจให้อุตสาหกรรมจังหวัดพิจารณาแล้ว พบข้อบกพร่อง %(count)d ข้อ")
        % {"count": len(findings)},
    )
    return redirect("inspections:detail", pk=inspection.pk)


def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The inspection as recorded: answers by section with their compliance, photos, findings."""
    inspection = _inspection(request, pk)
    context = {
        "inspection": inspection,
        "groups": inspection_answer_groups(inspection),
        "general_photos": inspection_general_photos(inspection),
        "co_inspectors": list(inspection.co_inspectors.all()),
        "findings": list(inspection.findings.select_related("answer__item")),
        "can_edit": may_edit_draft(request.user, inspection),
        "missing_count": len(inspection_missing(inspection)) if inspection.is_editable else None,
    }
    return render(request, "inspections/form_detail.html", context)
