"""What an office keeps about its factories: Green Industry certificates, complaints, loans."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.paging import Pages
from core.spreadsheets import XLSX_CONTENT_TYPE as XLSX
from factories import services
from factories.exports import complaints_xlsx, loans_xlsx
from factories.forms import ComplaintForm, GreenIndustryCertificateForm, LoanFollowUpForm, LoanForm
from factories.models import (
    Complaint,
    ComplaintStatus,
    Factory,
    GreenIndustryCertificate,
    Loan,
    LoanStatus,
)
from factories.permissions import may_add_office_record, may_edit_register
from offices.models import Office
from offices.selectors import visible_office


def _require_register_rights(request: HttpRequest, office_id: str | None) -> None:
    if not may_edit_register(request.user, office_id):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่ของสำนักงานที่ดูแลเท่านั้นที่บันทึกข้อมูลนี้ได้"))


def _own_office(request: HttpRequest) -> Office:
    """The office a new complaint or loan belongs to: the officer's own."""
    if not may_add_office_record(request.user):
        raise PermissionDenied(_("บัญชีของท่านไม่ได้สังกัดสำนักงาน จึงบันทึกเรื่องใหม่ไม่ได้"))
    return request.user.office


# --- Green Industry certificates ------------------------------------------------------------


def certificate_edit(request: HttpRequest, factory_pk: int, pk: int | None = None) -> HttpResponse:
    factory = get_object_or_404(Factory.objects.visible_to(request.user), pk=factory_pk)
    _require_register_rights(request, factory.office_id)
    # The pattern without an id adds one; an id (even 0) names one that must exist.
    certificate = get_object_or_404(factory.green_certificates, pk=pk) if pk is not None else None
    form = GreenIndustryCertificateForm(request.POST or None, instance=certificate)
    if request.method == "POST" and form.is_valid():
        services.certificate_save(
            certificate=form.save(commit=False), factory=factory, user=request.user
        )
        messages.success(request, _("บันทึกใบรับรองอุตสาหกรรมสีเขียวแล้ว"))
        return redirect("factories:detail", pk=factory.pk)
    return render(
        request,
        "factories/record_form.html",
        {
            "form": form,
            "factory": factory,
            "title": _("ใบรับรองอุตสาหกรรมสีเขียว"),
        },
    )


def certificate_delete(request: HttpRequest, factory_pk: int, pk: int) -> HttpResponse:
    factory = get_object_or_404(Factory.objects.visible_to(request.user), pk=factory_pk)
    _require_register_rights(request, factory.office_id)
    certificate = get_object_or_404(GreenIndustryCertificate, factory=factory, pk=pk)
    if request.method == "POST":
        services.certificate_delete(certificate=certificate, user=request.user)
        messages.success(request, _("ลบใบรับรองแล้ว"))
    return redirect("factories:detail", pk=factory.pk)


def _office_record(request: HttpRequest, model, pk: int | None):
    """The complaint or loan being edited (or None for a new one), the office it belongs to,
    that office's factories to choose from, and the factory named by ``?factory=`` if any.

    Shared by complaints and loans, which an office keeps the same way."""
    if pk is not None:  # an id, even 0, names a record that must exist
        record = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
        office = record.office
    else:
        record, office = None, _own_office(request)
    _require_register_rights(request, office.pk)
    factories = Factory.objects.filter(office=office).order_by("name")
    initial = {}
    asked = request.GET.get("factory", "")
    # "²".isdigit() is true but int() refuses it: only ASCII digits name a factory.
    if record is None and asked.isascii() and asked.isdecimal():
        initial["factory"] = factories.filter(pk=int(asked)).first()
    return record, office, factories, initial


# --- complaints -----------------------------------------------------------------------------


def _complaints(request: HttpRequest) -> tuple[QuerySet[Complaint], Office | None, str]:
    """The complaints the list shows: the person's, of ``?office=`` (an office outside their
    scope is not found) and ``?status=``; the list and its export read the same."""
    status = request.GET.get("status", "")
    complaints = (
        Complaint.objects.visible_to(request.user)
        .select_related("factory", "office")
        .order_by("-received_on", "-pk")
    )
    office = None
    if code := request.GET.get("office"):
        office = visible_office(request.user, code)
        complaints = complaints.filter(office=office)
    if status == "open":
        complaints = complaints.open()
    elif status in ComplaintStatus.values:
        complaints = complaints.filter(status=status)
    return complaints, office, status


# Complaints name their complainants: never kept by a browser or a proxy (no-store, private).
@never_cache
def complaint_index(request: HttpRequest) -> HttpResponse:
    """Complaints a person may see, newest first; ``?office=`` narrows them to one office (an
    office outside their scope is not found)."""
    complaints, office, status = _complaints(request)
    page = Pages(complaints, 50).get_page(request.GET.get("page"))
    for complaint in page:
        complaint.editable = may_edit_register(request.user, complaint.office_id)
    page_query = urlencode({"status": status, **({"office": office.pk} if office else {})})
    return render(
        request,
        "factories/complaint_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ComplaintStatus.choices,
            "can_add": may_add_office_record(request.user),
            "office": office,
            # The status tabs and the pager keep the office.
            "office_query": urlencode({"office": office.pk}) if office else "",
            "page_query": page_query,
            "query": page_query,
        },
    )


@never_cache
def complaint_export(request: HttpRequest) -> HttpResponse:
    """The filtered complaints as an XLSX file."""
    complaints, _office, _status = _complaints(request)
    return _xlsx_response("complaints.xlsx", lambda out: complaints_xlsx(complaints, out))


def _xlsx_response(filename: str, write) -> HttpResponse:
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write(response)
    return response


@never_cache
def complaint_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    complaint, office, factories, initial = _office_record(request, Complaint, pk)
    form = ComplaintForm(
        request.POST or None, instance=complaint, factories=factories, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        saved = services.office_record_save(
            record=form.save(commit=False), office=office, user=request.user
        )
        messages.success(request, _("บันทึกเรื่องร้องเรียนแล้ว"))
        if saved.factory_id:
            return redirect("factories:detail", pk=saved.factory_id)
        return redirect("factories:complaints")
    return render(
        request,
        "factories/record_form.html",
        {
            "form": form,
            "title": _("เรื่องร้องเรียน"),
            "factory": complaint.factory if complaint else None,
        },
    )


# --- loans ----------------------------------------------------------------------------------


def _loans(request: HttpRequest) -> tuple[QuerySet[Loan], str]:
    status = request.GET.get("status", "")
    loans = Loan.objects.visible_to(request.user).select_related("factory", "office")
    if status in LoanStatus.values:
        loans = loans.filter(status=status)
    return loans.order_by("-approved_on", "-pk"), status


def loan_index(request: HttpRequest) -> HttpResponse:
    loans, status = _loans(request)
    page = Pages(loans, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "factories/loan_list.html",
        {
            "page": page,
            "status": status,
            "statuses": LoanStatus.choices,
            "can_add": may_add_office_record(request.user),
            "query": urlencode({"status": status}),
        },
    )


@never_cache
def loan_export(request: HttpRequest) -> HttpResponse:
    """The filtered loans as an XLSX file."""
    loans, _status = _loans(request)
    return _xlsx_response("loans.xlsx", lambda out: loans_xlsx(loans, out))


def loan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    loan, office, factories, initial = _office_record(request, Loan, pk)
    form = LoanForm(request.POST or None, instance=loan, factories=factories, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.office_record_save(
            record=form.save(commit=False), office=office, user=request.user
        )
        messages.success(request, _("บันทึกข้อมูลสินเชื่อแล้ว"))
        return redirect("factories:loan", pk=saved.pk)
    return render(request, "factories/record_form.html", {"form": form, "title": _("สินเชื่อ")})


def loan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    loan = get_object_or_404(
        Loan.objects.visible_to(request.user).select_related("factory", "office"), pk=pk
    )
    can_edit = may_edit_register(request.user, loan.office_id)
    form = LoanFollowUpForm(request.POST or None, initial={"status_after": loan.status})
    if request.method == "POST":
        _require_register_rights(request, loan.office_id)
        if form.is_valid():
            services.loan_follow_up_record(
                loan=loan, follow_up=form.save(commit=False), user=request.user
            )
            messages.success(request, _("บันทึกการติดตามแล้ว"))
            return redirect("factories:loan", pk=loan.pk)
    return render(
        request,
        "factories/loan_detail.html",
        {
            "loan": loan,
            "follow_ups": loan.follow_ups.select_related("recorded_by").order_by("-followed_on"),
            "form": form if can_edit else None,
            "can_edit": can_edit,
        },
    )
