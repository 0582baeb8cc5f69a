"""The fiscal year's inspection plan of an office, its assignment, and an officer's own work."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.thaidates import current_fiscal_year
from core.thaisort import thai_sort_key
from inspections.permissions import may_assign_plan, may_start_inspection
from inspections.selectors import (
    PlanFilters,
    PlanReason,
    PlanState,
    my_open_inspections,
    my_planned_factories,
    office_staff,
    plan_counts,
    plan_filter,
    plan_for_office,
)
from inspections.services.plan import plan_assign
from offices.models import Office

PAGE_SIZE = 50
# What the plan's rows show; loading only these keeps a large office's page cheap.
PLAN_COLUMNS = (
    "name",
    "operator_name",
    "status",
    "registration_number",
    "old_registration_number",
    "wastewater_risk",
    "air_risk",
    "hazardous_waste_risk",
    "office_id",  # who may start an inspection of it
)
STATE_LABELS = dict(PlanState.choices)


def inspection_url(pk: int | None) -> str:
    return reverse("inspections:detail", kwargs={"pk": pk}) if pk else ""


def start_url(factory_pk: int) -> str:
    return reverse("inspections:start", kwargs={"factory_pk": factory_pk})


def fiscal_year_choices() -> list[tuple[int, str]]:
    current = current_fiscal_year()
    return [(year, str(year)) for year in range(current + 1, current - 5, -1)]


class PlanFilterForm(forms.Form):
    """The plan page's filters. Unknown or malformed values are dropped, never an error page."""

    office = forms.ChoiceField(label=gettext_lazy("สำนักงาน"), required=False)
    year = forms.TypedChoiceField(
        label=gettext_lazy("ปีงบประมาณ"), coerce=int, required=False, empty_value=None
    )
    q = forms.CharField(
        label=gettext_lazy("ค้นหา"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": gettext_lazy("ชื่อโรงงาน ผู้ประกอบการ หรือเลขทะเบียน"),
            }
        ),
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("เหตุที่อยู่ในแผน"),
        required=False,
        choices=[("", gettext_lazy("ทุกเหตุ")), *PlanReason.choices],
    )
    state = forms.ChoiceField(
        label=gettext_lazy("สถานะการตรวจ"),
        required=False,
        choices=[("", gettext_lazy("ทุกสถานะ")), *PlanState.choices],
    )
    assigned = forms.ChoiceField(label=gettext_lazy("ผู้รับผิดชอบ"), required=False)

    def __init__(self, *args, offices: list[tuple[str, str]], staff: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if offices:
            self.fields["office"].choices = [("", gettext_lazy("เลือกสำนักงาน")), *offices]
        else:
            del self.fields["office"]
        self.fields["year"].choices = fiscal_year_choices()
        self.fields["assigned"].choices = [
            ("", gettext_lazy("ทุกคน")),
            ("none", gettext_lazy("ยังไม่มอบหมาย")),
            *[(str(user.pk), user.get_full_name() or user.username) for user in staff],
        ]

    def value(self, name: str):
        if not self.is_bound:
            return None
        self.is_valid()
        return None if name in self.errors else self.cleaned_data.get(name)

    def filters(self) -> PlanFilters:
        return PlanFilters(
            reason=self.value("reason") or "",
            state=self.value("state") or "",
            assigned=self.value("assigned") or "",
            q=(self.value("q") or "").strip(),
        )


def _plan_office(request: HttpRequest, code: str | None) -> tuple[Office | None, list]:
    """The office whose plan is asked for, and the offices to choose from (none for an
    office's own staff, who only ever see their own plan). Another office answers 404."""
    user = request.user
    if user.is_office_staff:
        if not user.office_id or (code and code != user.office_id):
            raise Http404
        return Office.objects.get(pk=user.office_id), []
    visible = sorted(
        Office.objects.visible_to(user).values_list("pk", "province__name_th"),
        key=lambda row: thai_sort_key(row[1]),
    )
    if not code:
        return None, visible
    if code not in {pk for pk, _name in visible}:
        raise Http404
    return Office(pk=code, province_id=code), visible


def plan_index(request: HttpRequest) -> HttpResponse:
    """An office's plan for a fiscal year: figures, filters, 50 rows a page, HTMX updates."""
    office, offices = _plan_office(request, request.GET.get("office") or None)
    staff = list(office_staff(office)) if office else []
    form = PlanFilterForm(
        request.GET or None,
        initial={"year": current_fiscal_year()},
        offices=offices,
        staff=staff,
    )
    fiscal_year = form.value("year") or current_fiscal_year()
    context: dict = {
        "form": form,
        "office": office,
        "fiscal_year": fiscal_year,
        "staff": staff,
        "can_assign": office is not None and may_assign_plan(request.user, office),
    }
    if office is not None:
        plan = plan_for_office(office=office, fiscal_year=fiscal_year)
        page = Paginator(plan_filter(plan, form.filters()).only(*PLAN_COLUMNS), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        people = {user.pk: user for user in staff}
        for row in page:
            row.assignee = people.get(row.assigned_to_id)
            row.state_label = STATE_LABELS[row.state]
            row.inspection_url = inspection_url(row.latest_inspection_id)
            due = row.state == PlanState.DUE
            row.start_url = (
                start_url(row.pk) if due and may_start_inspection(request.user, row) else ""
            )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            counts=plan_counts(plan),
            page=page,
            query=query.urlencode(),
        )
    if request.htmx and not request.htmx.boosted:
        # Before an office is picked the filters still send their requests: the fragment then
        # asks for an office instead of a table with nothing to count.
        fragment = "_plan_table.html" if office is not None else "_plan_choose_office.html"
        return render(request, f"inspections/{fragment}", context)
    return render(request, "inspections/plan_list.html", context)


class AssignForm(forms.Form):
    office = forms.CharField(required=False)
    year = forms.TypedChoiceField(coerce=int)
    factory = forms.TypedMultipleChoiceField(coerce=int)
    assigned_to = forms.ChoiceField(required=False)
    next = forms.CharField(required=False)

    def __init__(self, *args, staff: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(user.pk): user for user in staff}
        self.fields["year"].choices = fiscal_year_choices()
        self.fields["assigned_to"].choices = [("", ""), *[(pk, pk) for pk in self.staff]]
        # Any id may be posted; the service keeps only the office's own factories.
        self.fields["factory"].choices = [
            (value, value)
            for value in self.data.getlist("factory")
            if value.isascii() and value.isdecimal()
        ]


@require_POST
def plan_assign_view(request: HttpRequest) -> HttpResponse:
    """The head assigns the selected factories (one or many) to an officer, or unassigns them."""
    office, _offices = _plan_office(request, request.POST.get("office") or None)
    if office is None:
        raise Http404
    if not may_assign_plan(request.user, office):
        raise PermissionDenied(_("เฉพาะอุตสาหกรรมจังหวัดของสำนักงานนี้เท่านั้นที่มอบหมายงานตรวจได้"))
    form = AssignForm(request.POST, staff=list(office_staff(office)))
    back = reverse("inspections:plan")
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกโรงงานอย่างน้อยหนึ่งแห่งและผู้รับผิดชอบ"))
    else:
        data = form.cleaned_data
        assignee = form.staff.get(data["assigned_to"])
        try:
            count = plan_assign(
                office=office,
                fiscal_year=data["year"],
                factory_ids=data["factory"],
                assigned_to=assignee,
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if assignee:
                messages.success(
                    request,
                    _("มอบหมาย %(count)s โรงงานให้ %(name)s แล้ว")
                    % {"count": count, "name": assignee.get_full_name() or assignee.username},
                )
            else:
                messages.success(
                    request, _("ยกเลิกการมอบหมาย %(count)s โรงงานแล้ว") % {"count": count}
                )
    next_query = request.POST.get("next", "")
    return redirect(f"{back}?{next_query}" if next_query else back)


def my_inspections(request: HttpRequest) -> HttpResponse:
    """An officer's work: planned factories not yet done this fiscal year, and their own
    inspections that are not approved yet, newest first."""
    user = request.user
    fiscal_year = current_fiscal_year()
    planned = Paginator(
        my_planned_factories(user=user, fiscal_year=fiscal_year), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    for entry in planned:
        entry.inspection_url = inspection_url(entry.latest_inspection_id)
        entry.state_label = STATE_LABELS[entry.state]
        entry.start_url = start_url(entry.factory_id) if entry.state == PlanState.DUE else ""
    inspections = Paginator(my_open_inspections(user=user), PAGE_SIZE).get_page(
        request.GET.get("ipage")
    )
    for inspection in inspections:
        inspection.url = inspection_url(inspection.pk)
    return render(
        request,
        "inspections/my_inspections.html",
        {
            "fiscal_year": fiscal_year,
            "planned": planned,
            "inspections": inspections,
            "is_office_staff": user.is_office_staff,
        },
    )
