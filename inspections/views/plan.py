"""The fiscal year's inspection plan of an office, its assignment, and an officer's own work."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.links import row_url
from core.paging import Pages
from core.spreadsheets import XLSX_CONTENT_TYPE
from core.thaidates import current_fiscal_year
from core.thaisort import thai_sort_key
from factories.models import Factory
from inspections.exports import plan_xlsx
from inspections.models import InspectionKind, InspectionStatus, PlanEntryReason
from inspections.permissions import may_assign_plan, may_start_inspection
from inspections.selectors import (
    FACTORY_ROW_COLUMNS,
    PlanFilters,
    PlanReason,
    PlanState,
    my_open_inspections,
    my_planned_factories,
    office_staff,
    plan_candidates,
    plan_counts,
    plan_filter,
    plan_for_office,
)
from inspections.services.plan import (
    NOTE_MAX_LENGTH,
    plan_add_factory,
    plan_assign,
    plan_open_years,
)
from offices.models import Office

PAGE_SIZE = 50
STATE_LABELS = dict(PlanState.choices)
# A row's labels read from these, not get_FOO_display(), which rebuilds the choices each call.
KIND_LABELS = dict(InspectionKind.choices)
STATUS_LABELS = dict(InspectionStatus.choices)
ENTRY_REASON_LABELS = dict(PlanEntryReason.choices)
# How many factories the add-to-plan search shows; a longer list asks for a closer search.
CANDIDATE_LIMIT = 20


def inspection_url(pk: int | None) -> str:
    return row_url("inspections:detail", "pk", pk) if pk else ""


def start_url(factory_pk: int) -> str:
    return row_url("inspections:start", "factory_pk", factory_pk)


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
    rows = list(
        Office.objects.visible_to(user).values_list("pk", "province__name_th", "short_name")
    )
    short_names = {pk: short for pk, _name, short in rows}
    visible = sorted(
        ((pk, name) for pk, name, _short in rows), key=lambda row: thai_sort_key(row[1])
    )
    if not code:
        return None, visible
    if code not in short_names:
        raise Http404
    # The heading names the office; nothing else of it is read.
    return Office(pk=code, province_id=code, short_name=short_names[code]), visible


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
        "can_add": fiscal_year in plan_open_years(),
    }
    if office is not None:
        plan = plan_for_office(office=office, fiscal_year=fiscal_year)
        counts = plan_counts(plan)
        filters = form.filters()
        # The row's columns, and the office: who may start an inspection of it.
        paginator = Pages(
            plan_filter(plan, filters).only(*FACTORY_ROW_COLUMNS, "office_id"), PAGE_SIZE
        )
        if filters == PlanFilters():
            # Nothing narrows the plan: the figures above have already counted its rows.
            paginator.count = counts.total
        page = paginator.get_page(request.GET.get("page"))
        people = {user.pk: user for user in staff}
        for row in page:
            row.assignee = people.get(row.assigned_to_id)
            row.state_label = STATE_LABELS[row.state]
            row.entry_reason_label = ENTRY_REASON_LABELS.get(row.entry_reason, "")
            row.inspection_url = inspection_url(row.latest_inspection_id)
            due = row.state == PlanState.DUE
            row.start_url = (
                start_url(row.pk) if due and may_start_inspection(request.user, row) else ""
            )
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            counts=counts,
            page=page,
            query=query.urlencode(),
        )
    if request.htmx and not request.htmx.boosted:
        # Before an office is picked the filters still send their requests: the fragment then
        # asks for an office instead of a table with nothing to count.
        fragment = "_plan_table.html" if office is not None else "_plan_choose_office.html"
        return render(request, f"inspections/{fragment}", context)
    return render(request, "inspections/plan_list.html", context)


@never_cache
def plan_export(request: HttpRequest) -> HttpResponse:
    """An office's plan, filtered as on its page, as an XLSX file (an office must be chosen)."""
    office, offices = _plan_office(request, request.GET.get("office") or None)
    if office is None:
        raise Http404
    staff = list(office_staff(office))
    form = PlanFilterForm(
        request.GET or None, initial={"year": current_fiscal_year()}, offices=offices, staff=staff
    )
    fiscal_year = form.value("year") or current_fiscal_year()
    plan = plan_for_office(office=office, fiscal_year=fiscal_year)
    rows = plan_filter(plan, form.filters()).only(*FACTORY_ROW_COLUMNS, "office_id")
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="plan-{office.pk}-{fiscal_year}.xlsx"'
    plan_xlsx(
        rows.iterator(chunk_size=2000),
        response,
        people={user.pk: user for user in staff},
        states=STATE_LABELS,
        reasons=ENTRY_REASON_LABELS,
    )
    return response


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


class PlanAddForm(forms.Form):
    """A factory put on the plan by hand: which, why, and who inspects it."""

    factory = forms.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        error_messages={
            "required": gettext_lazy("กรุณาเลือกโรงงานที่จะเพิ่มในแผน"),
            "invalid": gettext_lazy("กรุณาเลือกโรงงานที่จะเพิ่มในแผน"),
            "min_value": gettext_lazy("กรุณาเลือกโรงงานที่จะเพิ่มในแผน"),
            "max_value": gettext_lazy("กรุณาเลือกโรงงานที่จะเพิ่มในแผน"),
        },
    )
    year = forms.TypedChoiceField(
        label=gettext_lazy("ปีงบประมาณ"),
        coerce=int,
        error_messages={
            "required": gettext_lazy("เพิ่มโรงงานได้เฉพาะแผนของปีงบประมาณนี้หรือปีถัดไป"),
            "invalid_choice": gettext_lazy("เพิ่มโรงงานได้เฉพาะแผนของปีงบประมาณนี้หรือปีถัดไป"),
        },
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("เหตุที่เพิ่มในแผน"),
        choices=PlanEntryReason.choices,
        error_messages={
            "required": gettext_lazy("กรุณาเลือกเหตุที่เพิ่มโรงงานในแผน"),
            "invalid_choice": gettext_lazy("กรุณาเลือกเหตุที่เพิ่มโรงงานในแผน"),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("รายละเอียด"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        error_messages={
            "max_length": gettext_lazy("รายละเอียดยาวได้ไม่เกิน %(limit_value)d ตัวอักษร"),
        },
    )
    assigned_to = forms.ChoiceField(
        label=gettext_lazy("ผู้รับผิดชอบ"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("มอบหมายได้เฉพาะเจ้าหน้าที่ของสำนักงานนี้")},
    )

    def __init__(self, *args, staff: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(user.pk): user for user in staff}
        self.fields["year"].choices = [(year, str(year)) for year in plan_open_years()]
        self.fields["assigned_to"].choices = [
            ("", gettext_lazy("ยังไม่มอบหมาย")),
            *[(pk, user.get_full_name() or user.username) for pk, user in self.staff.items()],
        ]


def _open_year(value: str | None) -> int:
    """The plan year asked for when it still takes factories, else this fiscal year."""
    years = plan_open_years()
    return int(value) if value and value in {str(year) for year in years} else years[0]


@require_http_methods(["GET", "POST"])
def plan_add(request: HttpRequest) -> HttpResponse:
    """The head finds any factory of the office (risky or not) by name or number and puts it
    on the year's plan with a reason and, if known, who inspects it. The search box updates
    its results over HTMX; without JavaScript it is a plain search form."""
    data = request.POST if request.method == "POST" else request.GET
    office, _offices = _plan_office(request, data.get("office") or None)
    if office is None:
        raise Http404
    if not may_assign_plan(request.user, office):
        raise PermissionDenied(_("เฉพาะอุตสาหกรรมจังหวัดของสำนักงานนี้เท่านั้นที่เพิ่มโรงงานในแผนได้"))
    staff = list(office_staff(office))
    fiscal_year = _open_year(data.get("year"))
    find = data.get("find", "").strip()[:100]
    form = PlanAddForm(request.POST or None, staff=staff, initial={"year": fiscal_year})
    selected = None
    raw_factory = request.POST.get("factory", "")
    if raw_factory.isascii() and raw_factory.isdecimal() and len(raw_factory) < 19:
        # Another office's factory is not found, whatever else was posted.
        selected = Factory.objects.filter(office_id=office.pk, pk=int(raw_factory)).first()
        if selected is None:
            raise Http404
    if request.method == "POST" and form.is_valid() and selected is None:
        form.add_error("factory", _("กรุณาเลือกโรงงานที่จะเพิ่มในแผน"))
    elif request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        try:
            plan_add_factory(
                office=office,
                fiscal_year=cleaned["year"],
                factory=selected,
                reason=cleaned["reason"],
                note=cleaned["note"],
                assigned_to=form.staff.get(cleaned["assigned_to"]),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("เพิ่ม %(name)s ในแผนการตรวจปีงบประมาณ %(year)s แล้ว")
                % {"name": selected.display_name, "year": cleaned["year"]},
            )
            query = {"office": office.pk, "year": cleaned["year"]}
            query["q"] = selected.name or selected.display_number
            return redirect(f"{reverse('inspections:plan')}?{urlencode(query)}")
    candidates = (
        plan_candidates(office=office, fiscal_year=fiscal_year, q=find, limit=CANDIDATE_LIMIT + 1)
        if find
        else []
    )
    more = len(candidates) > CANDIDATE_LIMIT
    candidates = candidates[:CANDIDATE_LIMIT]
    if selected is not None and selected.pk not in {factory.pk for factory in candidates}:
        # What was chosen stays chosen when the form comes back with a message.
        selected.on_plan = (
            plan_for_office(office=office, fiscal_year=fiscal_year).filter(pk=selected.pk).exists()
        )
        candidates.insert(0, selected)
    context = {
        "office": office,
        "fiscal_year": fiscal_year,
        "form": form,
        "find": find,
        "candidates": candidates,
        "more": more,
        "limit": CANDIDATE_LIMIT,
        "selected_pk": selected.pk if selected else None,
        "staff": staff,
        "plan_query": urlencode({"office": office.pk, "year": fiscal_year}),
    }
    if request.htmx and not request.htmx.boosted and request.method == "GET":
        return render(request, "inspections/_plan_add_results.html", context)
    return render(request, "inspections/plan_add.html", context)


def my_inspections(request: HttpRequest) -> HttpResponse:
    """An officer's work: planned factories not yet done this fiscal year, and their own
    inspections that are not approved yet, newest first."""
    user = request.user
    fiscal_year = current_fiscal_year()
    planned = Pages(my_planned_factories(user=user, fiscal_year=fiscal_year), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for entry in planned:
        entry.inspection_url = inspection_url(entry.latest_inspection_id)
        entry.state_label = STATE_LABELS[entry.state]
        entry.start_url = start_url(entry.factory_id) if entry.state == PlanState.DUE else ""
    inspections = Pages(my_open_inspections(user=user), PAGE_SIZE).get_page(
        request.GET.get("ipage")
    )
    for inspection in inspections:
        inspection.url = inspection_url(inspection.pk)
        inspection.kind_label = KIND_LABELS.get(inspection.kind, inspection.kind)
        inspection.status_label = STATUS_LABELS.get(inspection.status, inspection.status)
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
