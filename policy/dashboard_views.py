"""The office head's KPI dashboard: every KPI against its target, the records behind each number,
the open work, the MIND averages and the month-by-month inspections; an XLSX of the KPI table."""

from __future__ import annotations

import io

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.spreadsheets import row_cells
from core.thaidates import current_fiscal_year
from offices.models import Office
from policy.dashboards import kpi_rows, mind_averages, monthly_approved, open_work
from policy.kpis import KPIS, Period, Scope

FIRST_YEAR, LAST_YEAR = 2500, 2700
PAGE_SIZE = 50


def _fiscal_year(request: HttpRequest) -> int:
    text = request.GET.get("fy", "")
    if text.isascii() and text.isdecimal() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return current_fiscal_year()


def _office(request: HttpRequest, code: str) -> Office:
    """The office, if the person may see its figures (its staff, its region's inspectors,
    executives, admins); 404 for anyone else."""
    return get_object_or_404(Office.objects.visible_to(request.user), pk=code)


def office_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    office = _office(request, code)
    year = _fiscal_year(request)
    period = Period.of(year)
    if request.GET.get("format") == "xlsx":
        return _xlsx(office, period)
    this_year = current_fiscal_year()
    context = {
        "office": office,
        "year": year,
        "years": list(range(this_year, this_year - 5, -1)),
        "period": period,
        "rows": kpi_rows(office.pk, period),
        "work": open_work(office.pk, period),
        "mind": mind_averages(office.pk, year),
        "months": monthly_approved(office.pk, period),
    }
    context["chart"] = {
        "labels": [m["label"] for m in context["months"]],
        "counts": [m["count"] for m in context["months"]],
        "title": _("การตรวจที่อนุมัติรายเดือน"),
    }
    template = "policy/dashboard/office.html"
    if request.htmx:
        template = "policy/dashboard/_body.html"
    return render(request, template, context)


def _xlsx(office: Office, period: Period) -> HttpResponse:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("ตัวชี้วัด"))
    sheet.append(
        row_cells(
            sheet,
            [
                _("ตัวชี้วัด"),
                _("ร้อยละ"),
                _("ตัวตั้ง"),
                _("ตัวหาร"),
                _("เป้าหมาย"),
                _("ทิศทาง"),
                _("สถานะ"),
            ],
            bold=True,
        )
    )
    for row in kpi_rows(office.pk, period):
        sheet.append(
            row_cells(
                sheet,
                [
                    row.kpi.name,
                    row.figure.value,
                    row.figure.numerator,
                    row.figure.denominator,
                    row.target,
                    _("ยิ่งสูงยิ่งดี") if row.kpi.higher_is_better else _("ยิ่งต่ำยิ่งดี"),
                    row.state_label,
                ],
            )
        )
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"kpi-{office.pk}-{period.fiscal_year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


RECORD_TEMPLATES = {
    "Factory": "policy/dashboard/_factory_rows.html",
}


def kpi_records(request: HttpRequest, code: str, kpi_code: str) -> HttpResponse:
    """The records behind a KPI's numerator or denominator (or the missing ones), paginated."""
    office = _office(request, code)
    kpi = KPIS.get(kpi_code)
    which = request.GET.get("which", "numerator")
    if kpi is None or which not in ("numerator", "denominator", "missing"):
        raise Http404
    year = _fiscal_year(request)
    period = Period.of(year)
    records = kpi.records(Scope.office(office.pk), period, which).order_by("pk")
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "policy/dashboard/records.html",
        {
            "office": office,
            "kpi": kpi,
            "which": which,
            "year": year,
            "page": page,
            "query": f"fy={year}&which={which}",
        },
    )
