"""The head's review queue and decisions, orders and their follow-ups.

Everything is read through the scoping querysets (another office's inspection or order is a
404); writing goes through the services, which hold the rules, so a refused action comes back
as the service's own Thai message.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core import bounds
from core.forms import BEDateField
from core.history import history_page, object_history
from core.paging import Pages
from core.spreadsheets import XLSX_CONTENT_TYPE
from core.thaidates import format_be_date
from inspections.exports import orders_xlsx
from inspections.models import (
    AnswerValue,
    FactoryInspection,
    Finding,
    InspectionKind,
    InspectionStatus,
    Order,
    OrderCheck,
    OrderSection,
    OrderStatus,
)
from inspections.models.inspections import OPEN_ORDER_STATUSES
from inspections.permissions import (
    may_amend,
    may_approve,
    may_edit_draft,
    may_issue_orders,
)
from inspections.selectors import (
    AnswerCounts,
    inspection_answer_groups,
    inspection_general_photos,
    inspection_history,
    inspection_history_sources,
)
from inspections.services.review import (
    escalation_pending,
    inspection_amend,
    inspection_approve,
    inspection_return,
    order_check_record,
    order_issue,
    s39_grounds,
)
from offices.models import Office
from offices.selectors import visible_office

PAGE_SIZE = 50


def _inspection(request: HttpRequest, pk: int) -> FactoryInspection:
    return get_object_or_404(
        FactoryInspection.objects.visible_to(request.user).select_related(
            "factory", "office", "lead_inspector", "reviewed_by"
        ),
        pk=pk,
    )


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- the head's queue and decisions ---------------------------------------------------------


def _count_of(rows: QuerySet) -> Coalesce:
    """How many ``rows`` a correlated subquery (grouped on its outer reference) holds; 0 if none."""
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def review_queue(request: HttpRequest) -> HttpResponse:
    """Submitted inspections waiting for the head, oldest first; others in scope read it."""
    # Each row's findings are counted in a subquery of its own, not by joining them to the
    # queue and grouping: the count and the order then come straight from the office's index
    # of submitted inspections, and only the 50 rows shown are counted.
    findings = Finding.objects.filter(inspection=OuterRef("pk")).order_by().values("inspection")
    inspections = (
        FactoryInspection.objects.visible_to(request.user)
        .filter(status=InspectionStatus.SUBMITTED)
        .select_related("factory", "office", "lead_inspector")
        .only(
            "submitted_at",
            "inspected_on",
            "kind",
            "status",
            "amendment_count",
            "office_id",
            "lead_inspector_id",
            "factory__name",
            "office__short_name",
            "lead_inspector__username",
            "lead_inspector__first_name",
            "lead_inspector__last_name",
        )
        .annotate(
            finding_count=_count_of(findings),
            critical_count=_count_of(findings.filter(severity="critical")),
        )
        .order_by("submitted_at", "pk")
    )
    page = Pages(inspections, PAGE_SIZE).get_page(request.GET.get("page"))
    for inspection in page:
        inspection.decides = may_approve(request.user, inspection)
    return render(request, "inspections/review_queue.html", {"page": page})


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("ความเห็น / สิ่งที่ต้องแก้ไข"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AmendForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("เหตุผลที่ต้องแก้ไขหลังอนุมัติ"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One inspection as the head reviews it: findings, every answer with its photos, orders,
    the decision forms. A fixed number of queries whatever the number of answers and photos."""
    inspection = _inspection(request, pk)
    user = request.user
    findings = list(
        inspection.findings.select_related("answer__item").prefetch_related(
            Prefetch("orders", queryset=Order.objects.only("pk", "section", "status"))
        )
    )
    groups = inspection_answer_groups(inspection)
    context = {
        "inspection": inspection,
        "findings": findings,
        "groups": groups,
        "counts": AnswerCounts.of(groups),
        "noncompliant": [row for group in groups for row in group.rows if row.is_noncompliant],
        "general_photos": inspection_general_photos(inspection),
        "orders": list(inspection.orders.all()),
        "checks": list(inspection.order_checks.select_related("order")),
        "can_review": may_approve(user, inspection),
        "can_amend": may_amend(user, inspection),
        "can_issue": may_issue_orders(user, inspection) and bool(findings),
        "review_form": ReviewForm(),
        "amend_form": AmendForm(),
        "history": inspection_history(inspection),
    }
    return render(request, "inspections/review_detail.html", context)


@never_cache
def inspection_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change of an inspection and of its answers, for whoever may see the inspection."""
    inspection = _inspection(request, pk)
    return history_page(
        request,
        object_history(*inspection_history_sources(inspection)),
        title=str(inspection),
        crumbs=[
            (
                inspection.factory.display_name,
                reverse("factories:detail", kwargs={"pk": inspection.factory_id}),
            ),
            (
                format_be_date(inspection.inspected_on),
                reverse("inspections:detail", kwargs={"pk": inspection.pk}),
            ),
        ],
    )


def _decide(request: HttpRequest, pk: int, action) -> HttpResponse | None:
    """Run a decision; a refusal comes back as a redirect with the reason, success as None."""
    inspection = _inspection(request, pk)
    form = ReviewForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        action(inspection=inspection, user=request.user, comment=comment)
    except ValidationError as error:
        _refused(request, error)
        return redirect("inspections:review", pk=inspection.pk)
    return None


@require_POST
def review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    refused = _decide(request, pk, inspection_approve)
    if refused:
        return refused
    escalated = Order.objects.filter(
        checks__inspection_id=pk,
        section=OrderSection.S37,
        status=OrderStatus.ESCALATED,
        escalated_to__isnull=True,
    ).count()
    messages.success(request, _("อนุมัติผลการตรวจแล้ว"))
    if escalated:
        messages.warning(
            request,
            _(
                "มีคำสั่งตามมาตรา 37 ที่โรงงานยังไม่ปฏิบัติตาม %(count)s ฉบับ "
                "พิจารณาออกคำสั่งตามมาตรา 39 ได้จากหน้าคำสั่ง"
            )
            % {"count": escalated},
        )
        return redirect("inspections:review", pk=pk)
    return redirect("inspections:review_queue")


@require_POST
def review_return(request: HttpRequest, pk: int) -> HttpResponse:
    refused = _decide(request, pk, inspection_return)
    if refused:
        return refused
    messages.success(request, _("ส่งการตรวจกลับให้ผู้ตรวจแก้ไขแล้ว"))
    return redirect("inspections:review_queue")


@require_POST
def review_amend(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    form = AmendForm(request.POST)
    # Without a reason the form is not valid: the service then says what is missing.
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        inspection_amend(inspection=inspection, user=request.user, reason=reason)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("เปิดการตรวจให้แก้ไขแล้ว ประวัติก่อนแก้ไขยังเก็บไว้"))
    return redirect("inspections:review", pk=inspection.pk)


# --- orders ---------------------------------------------------------------------------------


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("สถานะ"),
        required=False,
        choices=[("", gettext_lazy("ทุกสถานะ")), *OrderStatus.choices],
    )
    section = forms.ChoiceField(
        label=gettext_lazy("มาตรา"),
        required=False,
        choices=[("", gettext_lazy("ทุกมาตรา")), *OrderSection.choices],
    )
    overdue = forms.BooleanField(label=gettext_lazy("เฉพาะที่เลยกำหนด"), required=False)


def _orders(request: HttpRequest) -> tuple[OrderFilterForm, QuerySet[Order], Office | None]:
    """The orders the list shows (and its export writes): the person's, of ``?office=`` (an
    office outside their scope is not found) and the filters."""
    form = OrderFilterForm(request.GET or None)
    orders = (
        Order.objects.visible_to(request.user)
        .select_related("factory", "office")
        # What a row shows; the legal text and the inspection are read on the order's page.
        .only(
            "deadline",
            "section",
            "number",
            "issued_on",
            "status",
            "factory__name",
            "office__short_name",
        )
        .order_by("deadline", "pk")
    )
    office = None
    if code := request.GET.get("office"):
        office = visible_office(request.user, code)
        orders = orders.filter(office=office)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            orders = orders.filter(status=data["status"])
        if data["section"]:
            orders = orders.filter(section=data["section"])
        if data["overdue"]:
            orders = orders.filter(
                status__in=OPEN_ORDER_STATUSES, deadline__lt=timezone.localdate()
            )
    return form, orders, office


def order_index(request: HttpRequest) -> HttpResponse:
    """Orders a person may see, by deadline; ``?office=`` narrows them to one office (an office
    outside their scope is not found)."""
    form, orders, office = _orders(request)
    page = Pages(orders, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "office": office}
    if request.htmx and not request.htmx.boosted:
        return render(request, "inspections/_order_table.html", context)
    return render(request, "inspections/order_list.html", context)


@never_cache
def order_export(request: HttpRequest) -> HttpResponse:
    """The filtered orders as an XLSX file."""
    _form, orders, _office = _orders(request)
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="orders.xlsx"'
    orders_xlsx(orders, response)
    return response


def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(
        Order.objects.visible_to(request.user).select_related(
            "factory", "office", "inspection", "issued_by", "escalated_to", "closed_by_inspection"
        ),
        pk=pk,
    )
    escalate_from = None
    if escalation_pending(order):
        # The s.39 order is issued from the follow-up that found the s.37 order ignored.
        ignored = order.checks.filter(complied=False).select_related("inspection").last()
        if ignored and may_issue_orders(request.user, ignored.inspection):
            escalate_from = ignored.inspection
    context = {
        "order": order,
        "findings": list(order.findings.all()),
        "checks": list(order.checks.select_related("inspection")),
        "escalated_from": list(order.escalated_from.all()),
        "escalate_from": escalate_from,
    }
    return render(request, "inspections/order_detail.html", context)


@never_cache
def order_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change of an order (its status, deadline, closing), for whoever may see it."""
    order = get_object_or_404(
        Order.objects.visible_to(request.user).select_related("factory"), pk=pk
    )
    return history_page(
        request,
        object_history(order),
        title=f"{order.get_section_display()} · {order.factory.display_name}",
        crumbs=[
            (_("คำสั่งตาม พ.ร.บ.โรงงาน"), reverse("inspections:orders")),
            (
                order.number or format_be_date(order.issued_on),
                reverse("inspections:order", kwargs={"pk": order.pk}),
            ),
        ],
    )


class OrderForm(forms.Form):
    section = forms.ChoiceField(
        label=gettext_lazy("ตามมาตรา"), choices=OrderSection.choices, widget=forms.RadioSelect
    )
    findings = forms.ModelMultipleChoiceField(
        label=gettext_lazy("ข้อบกพร่องที่สั่งให้แก้ไข"),
        queryset=Finding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    days = forms.IntegerField(
        label=gettext_lazy("ระยะเวลาให้แก้ไข (วัน นับแต่วันที่ได้รับคำสั่ง)"),
        required=False,
        min_value=1,
        max_value=3650,
    )
    deadline = BEDateField(
        label=gettext_lazy("หรือกำหนดวันที่แล้วเสร็จ"),
        required=False,
        date_bounds=bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, "deadline_last_date"),
    )
    stop_scope = forms.CharField(
        label=gettext_lazy("ส่วนที่ให้หยุดประกอบกิจการ (มาตรา 39; เว้นว่างคือทั้งหมด)"),
        required=False,
        max_length=300,
    )
    number = forms.CharField(label=gettext_lazy("เลขที่คำสั่ง"), required=False, max_length=50)
    legal_text = forms.CharField(
        label=gettext_lazy("ข้อความคำสั่ง (เว้นว่างเพื่อใช้ข้อความมาตรฐานตามมาตรา)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, findings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = findings
        self.fields["findings"].label_from_instance = lambda f: (
            f"[{f.get_severity_display()}] {f.description}"
        )


def order_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue an order from the inspection's findings (``?escalates=<order>`` for an s.39)."""
    inspection = _inspection(request, pk)
    if not may_issue_orders(request.user, inspection):
        raise PermissionDenied(_("ออกคำสั่งได้เฉพาะผู้ตรวจของการตรวจนี้หรืออุตสาหกรรมจังหวัด เมื่อส่งการตรวจแล้ว"))
    escalates = None
    escalates_pk = request.POST.get("escalates") or request.GET.get("escalates")
    if escalates_pk:
        if not (str(escalates_pk).isascii() and str(escalates_pk).isdecimal()):
            raise Http404
        escalates = get_object_or_404(
            Order.objects.visible_to(request.user), pk=escalates_pk, factory=inspection.factory_id
        )
    findings = Finding.objects.filter(
        Q(inspection=inspection) | Q(pk__in=escalates.findings.values("pk") if escalates else [])
    ).distinct()
    initial = {"section": OrderSection.S39 if escalates else OrderSection.S37}
    if escalates:
        initial["findings"] = list(escalates.findings.values_list("pk", flat=True))
    form = OrderForm(request.POST or None, findings=findings, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = order_issue(
                inspection=inspection,
                findings=data["findings"],
                section=data["section"],
                days=data["days"],
                deadline=data["deadline"],
                legal_text=data["legal_text"],
                user=request.user,
                number=data["number"],
                stop_scope=data["stop_scope"],
                escalates=escalates,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("ออกคำสั่งแล้ว"))
            return redirect("inspections:order", pk=order.pk)
    context = {
        "inspection": inspection,
        "form": form,
        "escalates": escalates,
        "s39_allowed": s39_grounds(inspection=inspection),
    }
    return render(request, "inspections/order_form.html", context)


# --- follow-up ------------------------------------------------------------------------------


class OrderCheckForm(forms.Form):
    """What a follow-up found about one open order: complied or not, and what is still undone."""

    order = forms.IntegerField(min_value=1)
    complied = forms.TypedChoiceField(
        label=gettext_lazy("ผลการติดตาม"),
        choices=[
            (AnswerValue.YES, gettext_lazy("ปฏิบัติตามแล้ว")),
            (AnswerValue.NO, gettext_lazy("ยังไม่ปฏิบัติตาม")),
        ],
        coerce=lambda value: value == AnswerValue.YES,
        error_messages={
            "required": gettext_lazy("กรุณาเลือกว่าปฏิบัติตามคำสั่งแล้วหรือยัง"),
            "invalid_choice": gettext_lazy("กรุณาเลือกว่าปฏิบัติตามคำสั่งแล้วหรือยัง"),
        },
    )
    note = forms.CharField(label=gettext_lazy("บันทึก"), required=False)


def _check_shown(check: OrderCheck | None) -> dict:
    """What an order's card shows in its form: the recorded check, if any."""
    if check is None:
        return {"complied": None, "note": ""}
    complied = AnswerValue.YES if check.complied else AnswerValue.NO
    return {"complied": complied, "note": check.note}


def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Within a follow-up inspection: complied or not, for each open order of the factory."""
    inspection = _inspection(request, pk)
    if inspection.kind != InspectionKind.FOLLOW_UP:
        raise PermissionDenied(_("หน้านี้ใช้กับการตรวจประเภทตรวจติดตามคำสั่งเท่านั้น"))
    can_edit = may_edit_draft(request.user, inspection)
    refused = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("เฉพาะผู้ตรวจของการตรวจนี้ เมื่อยังไม่ส่งพิจารณา จึงบันทึกได้"))
        form = OrderCheckForm(request.POST)
        valid = form.is_valid()
        if "order" in form.errors:
            raise Http404
        order = get_object_or_404(
            Order.objects.visible_to(request.user), pk=form.cleaned_data["order"]
        )
        try:
            if not valid:
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            order_check_record(
                inspection=inspection,
                order=order,
                complied=form.cleaned_data["complied"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as error:
            # Shown again on the order's card, with what was chosen and typed.
            refused = {
                "order": order.pk,
                "complied": form["complied"].value(),
                "note": form["note"].value() or "",
                "errors": error.messages,
            }
        else:
            messages.success(request, _("บันทึกผลการติดตามคำสั่งแล้ว"))
            return redirect("inspections:follow_up", pk=inspection.pk)
    checks = {c.order_id: c for c in OrderCheck.objects.filter(inspection=inspection)}
    orders = list(
        Order.objects.filter(factory_id=inspection.factory_id, office_id=inspection.office_id)
        .filter(Q(status__in=OPEN_ORDER_STATUSES) | Q(pk__in=list(checks)))
        .exclude(inspection=inspection)
        .order_by("deadline", "pk")
    )
    rows = [(order, checks.get(order.pk), _check_shown(checks.get(order.pk))) for order in orders]
    if refused:
        rows = [
            (order, check, refused if order.pk == refused["order"] else shown)
            for order, check, shown in rows
        ]
    context = {"inspection": inspection, "rows": rows, "can_edit": can_edit}
    return render(
        request, "inspections/order_follow_up.html", context, status=422 if refused else 200
    )
