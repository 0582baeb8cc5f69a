"""The KPI dashboards: the office head's (every KPI against its target, the records behind each
number, the open work, the MIND averages, the month-by-month inspections), the ministry
inspector's region (its offices side by side, sortable by any KPI) and the executives' nation
(every office ranked by a KPI, and the map of the provinces coloured by it); each exports its
table as XLSX. The figures are ``policy.dashboards``'s, fresh within five minutes."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterable, Sequence

from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.paging import Pages
from core.spreadsheets import row_cells
from core.thaidates import current_fiscal_year
from offices.models import Office, Province
from offices.selectors import visible_office
from policy import dashboards
from policy.dashboards import KpiRow, OfficeRow
from policy.kpis import KPIS, Period, Scope
from policy.maps import province_map
from policy.models import Directive
from policy.permissions import may_see_nation, regions_of

FIRST_YEAR, LAST_YEAR = 2500, 2700
PAGE_SIZE = 50
YEARS_SHOWN = 5
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fiscal_year(request: HttpRequest) -> int:
    text = request.GET.get("fy", "")
    if text.isascii() and text.isdecimal() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return current_fiscal_year()


def _years() -> list[int]:
    this_year = current_fiscal_year()
    return list(range(this_year, this_year - YEARS_SHOWN, -1))


def _office(request: HttpRequest, code: str) -> Office:
    """The office, if the person may see its figures (its staff, its region's inspectors,
    executives, admins); 404 for anyone else."""
    return visible_office(request.user, code)


# --- the office head's dashboard --------------------------------------------------------------


def office_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    office = _office(request, code)
    year = _fiscal_year(request)
    period = Period.of(year)
    kept = dashboards.office_figures(office.pk, period)
    if request.GET.get("format") == "xlsx":
        return _office_xlsx(office, period, kept.value())

    def body() -> dict[str, object]:
        found = kept.value()
        rows = dashboards.kpi_rows(found, period)
        months = dashboards.month_rows(period, found.months)
        return {
            "rows": rows,
            "work": dashboards.open_work(rows, found),
            "mind": dashboards.mind_summary(found.mind),
            "directives": found.directives,
            "months": months,
            "chart": {
                "labels": [m["label"] for m in months],
                "counts": [m["count"] for m in months],
                "title": _("การตรวจที่อนุมัติรายเดือน"),
            },
        }

    context = {
        "office": office,
        "year": year,
        "years": _years(),
        "period": period,
        "is_own_office": request.user.office_id == office.pk,
        **_kept(kept.counted_at, body, "office", office.pk, year),
    }
    template = "policy/dashboard/office.html"
    if request.htmx:
        template = "policy/dashboard/_body.html"
    return render(request, template, context)


def _kept(
    counted_at: float, body: Callable[[], dict[str, object]], *parts: object
) -> dict[str, object]:
    """The context of a dashboard's body, kept as HTML by the template (``{% cache %}``) as long
    as its figures are, under a key that changes when they are counted again
    (``policy.dashboards.fragment_key``), per language. What ``body()`` returns is worked out
    only when the template draws the body afresh: each of its names is a callable, which the
    template calls when it reads it."""
    once = functools.cache(body)
    names = ("rows", "work", "mind", "directives", "months", "chart", "ranked", "areas", "steps")
    return {
        **{name: functools.partial(lambda name: once().get(name), name) for name in names},
        "fresh_seconds": dashboards.FRESH_SECONDS,
        "fragment": dashboards.fragment_key(counted_at, *parts, get_language()),
    }


def _direction(row: KpiRow) -> str:
    return _("ยิ่งสูงยิ่งดี") if row.kpi.higher_is_better else _("ยิ่งต่ำยิ่งดี")


def _xlsx_response(book: Workbook, name: str) -> HttpResponse:
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _office_xlsx(office: Office, period: Period, found: dashboards.OfficeFigures) -> HttpResponse:
    """What the office dashboard shows, a sheet per panel: the KPIs, the open work, the open
    directives, the MIND averages and the months."""
    rows = dashboards.kpi_rows(found, period)
    book = Workbook(write_only=True)

    def sheet_of(title: str, headers: Sequence[object], lines: Iterable[Sequence[object]]) -> None:
        sheet = book.create_sheet(title)
        sheet.append(row_cells(sheet, headers, bold=True))
        for line in lines:
            sheet.append(row_cells(sheet, line))

    sheet_of(
        _("ตัวชี้วัด"),
        [_("ตัวชี้วัด"), _("ร้อยละ"), _("ตัวตั้ง"), _("ตัวหาร"), _("เป้าหมาย"), _("ทิศทาง"), _("สถานะ")],
        (
            [
                row.kpi.name,
                row.figure.value,
                row.figure.numerator,
                row.figure.denominator,
                row.target,
                _direction(row),
                row.state_label,
            ]
            for row in rows
        ),
    )
    work = dashboards.open_work(rows, found)
    sheet_of(
        _("งานค้าง"),
        [_("รายการ"), _("จำนวน")],
        [
            [_("โรงงานเสี่ยงที่ยังไม่ได้ตรวจ"), work["not_inspected"]],
            [_("คำสั่งที่เกินกำหนด"), work["overdue_orders"]],
            [_("เรื่องร้องเรียนที่ยังไม่ปิด"), work["open_complaints"]],
        ],
    )
    directives = (
        Directive.objects.for_office_to_act(office.pk)
        .open()
        .select_related("visit__round")
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )
    today = timezone.localdate()
    sheet_of(
        _("ข้อสั่งการ"),
        [_("ข้อสั่งการ"), _("รอบ"), _("กำหนดเสร็จ"), _("สถานะ"), _("เลยกำหนด")],
        (
            [
                d.text,
                str(d.visit.round),
                d.due_on,
                d.get_status_display(),
                _("ใช่") if d.is_overdue(today) else "",
            ]
            for d in directives
        ),
    )
    mind = dashboards.mind_summary(found.mind)
    sheet_of(
        _("MIND"),
        [_("มิติ"), _("คะแนนเฉลี่ย"), _("อ่อนที่สุด")],
        ([a["name"], a["average"], _("ใช่") if a is mind["weakest"] else ""] for a in mind["rows"]),
    )
    sheet_of(
        _("รายเดือน"),
        [_("เดือน"), _("การตรวจที่อนุมัติ")],
        ([m["label"], m["count"]] for m in dashboards.month_rows(period, found.months)),
    )
    return _xlsx_response(book, f"kpi-{office.pk}-{period.fiscal_year}.xlsx")


# --- many offices: the tables of the region and the nation --------------------------------------


def _offices_xlsx(offices: Sequence[Office], rows: Sequence[OfficeRow], name: str) -> HttpResponse:
    """One line per office, and for each KPI its share, numerator, denominator and state."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("ตัวชี้วัดรายสำนักงาน"))
    headers: list[object] = [_("รหัสจังหวัด"), _("สำนักงาน")]
    for kpi in KPIS.values():
        headers += [
            f"{kpi.name} ({_('ร้อยละ')})",
            f"{kpi.name} ({_('ตัวตั้ง')})",
            f"{kpi.name} ({_('ตัวหาร')})",
            f"{kpi.name} ({_('สถานะ')})",
        ]
    sheet.append(row_cells(sheet, headers, bold=True))
    names = {office.pk: office.name for office in offices}
    for row in rows:
        values: list[object] = [row.office_id, names[row.office_id]]
        for cell in row.cells.values():
            f = cell.figure
            values += [f.value, f.numerator, f.denominator, cell.state_label]
        sheet.append(row_cells(sheet, values))
    return _xlsx_response(book, name)


def _sort(request: HttpRequest) -> tuple[str, bool]:
    """``?sort=<KPI code>`` (highest first) or ``?sort=-<KPI code>`` (lowest first); anything
    else is the province order (``""``)."""
    text = request.GET.get("sort", "")
    code = text.removeprefix("-")
    if code not in KPIS:
        return "", False
    return code, not text.startswith("-")


def regions_dashboard(request: HttpRequest) -> HttpResponse:
    """The first region the person inspects (or region 1 for those who see all); 404 for
    anyone else."""
    region = regions_of(request.user).order_by("number").first()
    if region is None:
        raise Http404
    return redirect("policy:region_dashboard", number=region.number)


def region_dashboard(request: HttpRequest, number: int) -> HttpResponse:
    """The offices of one inspection region side by side, a column per KPI, sortable by any:
    the region's inspectors, executives and admins; 404 for anyone else."""
    mine = list(regions_of(request.user).order_by("number"))
    region = next((r for r in mine if r.number == number), None)
    if region is None:
        raise Http404
    year = _fiscal_year(request)
    period = Period.of(year)
    kept = dashboards.region_table(region.pk, period)
    if request.GET.get("format") == "xlsx":
        offices = list(Office.objects.filter(region=region).order_by("pk"))
        return _offices_xlsx(offices, kept.value(), f"kpi-region-{region.number}-{year}.xlsx")
    sort, descending = _sort(request)

    def body() -> dict[str, object]:
        rows = kept.value()
        if sort:
            rows = dashboards.sorted_rows(rows, sort, descending=descending)
        names = Office.objects.in_bulk([row.office_id for row in rows])
        return {"rows": [(names[row.office_id], row) for row in rows]}

    context = {
        "region": region,
        "regions": mine,
        "year": year,
        "years": _years(),
        "kpis": list(KPIS.values()),
        "sort": sort,
        "descending": descending,
        # The year selector keeps the order.
        "keep": [("sort", ("" if descending else "-") + sort)] if sort else [],
        **_kept(kept.counted_at, body, "region", region.number, year, sort, descending),
    }
    template = "policy/dashboard/region.html"
    if request.htmx:
        template = "policy/dashboard/_region_table.html"
    return render(request, template, context)


def _chosen_kpi(request: HttpRequest) -> str:
    code = request.GET.get("kpi", "")
    return code if code in KPIS else "inspection_coverage"


def national_dashboard(request: HttpRequest) -> HttpResponse:
    """Every office ranked by a chosen KPI and the map of the provinces coloured by it:
    executives and admins; 404 for anyone else."""
    if not may_see_nation(request.user):
        raise Http404
    year = _fiscal_year(request)
    period = Period.of(year)
    kept = dashboards.office_table(Scope.nation(), period)
    if request.GET.get("format") == "xlsx":
        offices = list(Office.objects.order_by("pk"))
        return _offices_xlsx(offices, kept.value(), f"kpi-nation-{year}.xlsx")
    code = _chosen_kpi(request)
    kpi = KPIS[code]

    def body() -> dict[str, object]:
        rows = kept.value()
        provinces = list(Province.objects.select_related("office").order_by("code"))
        names = {p.code: p.office for p in provinces if hasattr(p, "office")}
        by_office = {row.office_id: row.cells[code] for row in rows}
        steps = dashboards.colour_steps((cell.figure.value for cell in by_office.values()), kpi)
        paths = province_map().paths
        areas = []
        for province in provinces:
            cell = by_office.get(province.code)
            colour = dashboards.NO_OFFICE
            if cell:
                colour = dashboards.colour_of(cell.figure.value, steps)
            areas.append(
                {
                    "province": province,
                    "path": paths.get(province.code, ""),
                    "cell": cell,
                    "colour": colour,
                }
            )
        ranked = dashboards.ranked(rows, code)
        return {
            "ranked": [(names[row.office_id], row.cells[code]) for row in ranked],
            "areas": areas,
            "steps": steps,
        }

    context = {
        "year": year,
        "years": _years(),
        "kpi": kpi,
        "kpis": list(KPIS.values()),
        "map": province_map(),
        "no_data_colour": dashboards.NO_DATA_COLOUR,
        "no_office_colour": dashboards.NO_OFFICE,
        **_kept(kept.counted_at, body, "nation", year, code),
    }
    template = "policy/dashboard/nation.html"
    if request.htmx:
        template = "policy/dashboard/_nation_body.html"
    return render(request, template, context)


# --- the records behind a number --------------------------------------------------------------


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
    page = Pages(records, PAGE_SIZE).get_page(request.GET.get("page"))
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
