from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.thaidates import current_fiscal_year
from offices.forms import OfficeYearForm
from offices.models import Office, OfficeYear, Region, Role
from offices.permissions import may_edit_office_facts, may_see_people_history
from offices.selectors import office_list, office_sort_value, visible_office
from offices.services import office_year_save

# The office list's columns: (sort key, header, numeric). Every column sorts.
OFFICE_COLUMNS = (
    ("name", gettext_lazy("สำนักงาน"), False),
    ("region", gettext_lazy("เขตตรวจราชการ"), False),
    ("staff", gettext_lazy("เจ้าหน้าที่ (คน)"), True),
    ("budget", gettext_lazy("งบประมาณที่ได้รับ (บาท)"), True),
    ("spent", gettext_lazy("เบิกจ่าย"), True),
    ("housing", gettext_lazy("บ้านพัก"), False),
)


def _sort_headers(*, sort: str, descending: bool, keep: dict[str, str]) -> list[dict]:
    """Each column's header: its ``aria-sort`` and the link that sorts by it (the other way
    round when it is the sorted column), keeping the other filters."""
    headers = []
    for key, label, numeric in OFFICE_COLUMNS:
        current = key == sort
        next_sort = key if not current or descending else f"-{key}"
        headers.append(
            {
                "key": key,
                "label": label,
                "numeric": numeric,
                "aria_sort": ("descending" if descending else "ascending") if current else "none",
                "query": urlencode({**keep, "sort": next_sort}),
            }
        )
    return headers


def _fiscal_year_param(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("fy", ""))
    except ValueError:
        return current_fiscal_year()
    return year if 2500 <= year <= 2700 else current_fiscal_year()


def office_index(request: HttpRequest) -> HttpResponse:
    """The offices a person may see with this fiscal year's facts; filters and the sortable
    column headers work over HTMX, and each keeps the other."""
    fiscal_year = _fiscal_year_param(request)
    try:
        region = int(request.GET.get("region", "") or 0)
    except ValueError:
        region = 0
    q = request.GET.get("q", "").strip()[:100]
    sort, descending = office_sort_value(request.GET.get("sort", ""))
    sort_value = f"-{sort}" if descending else sort
    offices = office_list(
        user=request.user, fiscal_year=fiscal_year, region=region, q=q, sort=sort_value
    )
    keep = {"q": q, "region": region or "", "fy": fiscal_year}
    context = {
        "offices": offices,
        "fiscal_year": fiscal_year,
        "region": region,
        "q": q,
        "sort": sort_value,
        "headers": _sort_headers(
            sort=sort, descending=descending, keep={k: v for k, v in keep.items() if v}
        ),
        "regions": Region.objects.filter(
            pk__in=Office.objects.visible_to(request.user).values("region")
        ),
    }
    if request.htmx:
        return render(request, "offices/_office_table.html", context)
    return render(request, "offices/office_list.html", context)


def office_detail(request: HttpRequest, code: str) -> HttpResponse:
    office = get_object_or_404(
        Office.objects.visible_to(request.user).select_related("province", "region"), pk=code
    )
    years = list(office.years.all())
    fiscal_year = current_fiscal_year()
    context = {
        "office": office,
        "years": years,
        "current_year": next((y for y in years if y.fiscal_year == fiscal_year), None),
        "fiscal_year": fiscal_year,
        "staff": office.staff.filter(is_active=True, role__in=[Role.HEAD, Role.OFFICER]).order_by(
            "role", "first_name"
        ),
        "inspectors": office.region.inspectors.filter(is_active=True),
        "can_edit": may_edit_office_facts(request.user, office),
        "can_see_people_history": may_see_people_history(request.user),
    }
    return render(request, "offices/office_detail.html", context)


def office_year_edit(request: HttpRequest, code: str, fiscal_year: int) -> HttpResponse:
    """A head records (or corrects) their office's facts for one fiscal year."""
    office = visible_office(request.user, code)
    if not may_edit_office_facts(request.user, office):
        raise PermissionDenied(_("เฉพาะอุตสาหกรรมจังหวัดของสำนักงานนี้เท่านั้นที่แก้ไขข้อมูลนี้ได้"))
    if not 2500 <= fiscal_year <= 2700:
        raise Http404
    instance = OfficeYear.objects.filter(office=office, fiscal_year=fiscal_year).first()
    form = OfficeYearForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        office_year_save(
            year=form.save(commit=False), office=office, fiscal_year=fiscal_year, user=request.user
        )
        messages.success(request, _("บันทึกข้อมูลปีงบประมาณ %(year)s แล้ว") % {"year": fiscal_year})
        return redirect(office)
    return render(
        request,
        "offices/office_year_form.html",
        {"office": office, "fiscal_year": fiscal_year, "form": form, "is_new": instance is None},
    )
