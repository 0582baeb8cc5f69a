"""The policy app's reports, registered with the report engine (``core.reports``): a factory's
MIND scorecard for a fiscal year, the report of a round's visit to an office, and a round's
summary across the offices a person oversees, as a PDF and as a spreadsheet.

A round's summary covers the part of the round its person sees on the round's overview: the
regions of the offices it lists are written into the request's params (``_summary_scope``),
and only whoever oversees all of them may follow or download it (``_summary_in_scope``).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from core import reports
from core.models import Dimension
from core.pdf import render_pdf
from core.spreadsheets import row_cells
from core.thaidates import format_be_date
from offices.models import Office, OfficeYear, Region
from policy import rounds
from policy.directive_exports import assignee_label
from policy.models import (
    DirectiveStatus,
    InspectionRound,
    RubricSource,
    Scorecard,
    Visit,
    VisitMode,
    VisitStatus,
)
from policy.permissions import may_see_round_summary, regions_of, runs_rounds


def _find_scorecard(user, pk: int) -> Scorecard:
    return get_object_or_404(Scorecard.objects.visible_to(user), pk=pk)


def scorecard_pdf(pk: int, params: Mapping[str, Any]) -> bytes:
    card = Scorecard.objects.select_related(
        "factory__province", "factory__district", "office", "rubric", "weakest_dimension"
    ).get(pk=pk)
    rows = []
    for dimension in Dimension.objects.order_by("order"):
        value = card.score(dimension.code)
        threshold = card.rubric.threshold(dimension.code)
        rules = [
            {**entry, "source_label": RubricSource(entry["source"]).label}
            for entry in card.explanation
            if entry.get("dimension") == dimension.code
        ]
        rows.append(
            {
                "dimension": dimension,
                "score": value,
                "threshold": threshold,
                "below": value is not None and value < threshold,
                "weakest": dimension.code == card.weakest_dimension_id,
                "rules": rules,
            }
        )
    context = {"card": card, "factory": card.factory, "rows": rows}
    return render_pdf("policy/reports/scorecard.html", context)


def _filename(card: Scorecard, params: Mapping[str, Any]) -> str:
    return f"mind-{card.factory_id}-{card.fiscal_year}.pdf"


def _title(card: Scorecard, params: Mapping[str, Any]) -> str:
    return _("ผลการประเมิน MIND %(factory)s ปีงบประมาณ %(year)s") % {
        "factory": card.factory.display_name,
        "year": card.fiscal_year,
    }


# --- a round's visit to an office ---------------------------------------------------------------


def _find_visit(user, pk: int) -> Visit:
    return get_object_or_404(Visit.objects.visible_to(user), pk=pk)


def visit_report_pdf(pk: int, params: Mapping[str, Any]) -> bytes:
    """The visit as the meeting left it: who took part, the office's year, each topic with its
    frozen figure, the office's report and the meeting's findings, and the directives."""
    visit = Visit.objects.select_related(
        "round", "office__region", "office__province", "lead_user"
    ).get(pk=pk)
    today = timezone.localdate()
    directives = list(visit.directives.select_related("unit", "topic").order_by("due_on", "pk"))
    for directive in directives:
        directive.overdue = directive.is_overdue(today)
    context = {
        "visit": visit,
        "round": visit.round,
        "office": visit.office,
        "lead": visit.lead_name or (visit.lead_user.get_full_name() if visit.lead_user else ""),
        "reports": list(
            visit.topic_reports.select_related("topic").order_by("topic__order", "topic__pk")
        ),
        "directives": directives,
        "profile": OfficeYear.objects.filter(
            office=visit.office, fiscal_year=visit.round.fiscal_year
        ).first(),
    }
    return render_pdf("policy/reports/visit.html", context)


def _visit_filename(visit: Visit, params: Mapping[str, Any]) -> str:
    return f"visit-{visit.round.fiscal_year}-{visit.round.number}-{visit.office_id}.pdf"


def _visit_title(visit: Visit, params: Mapping[str, Any]) -> str:
    return _("รายงานการตรวจราชการ %(office)s %(round)s วันที่ %(date)s") % {
        "office": visit.office.short_name,
        "round": visit.round,
        "date": format_be_date(visit.starts_at),
    }


# --- a round's summary across its offices -------------------------------------------------------


def _find_round(user, pk: int) -> InspectionRound:
    if not runs_rounds(user):
        raise Http404
    return get_object_or_404(InspectionRound, pk=pk)


def _summary_params(data: Mapping[str, Any]) -> dict[str, Any]:
    """The overview's region filter, as its page passes it (anything else: every region)."""
    region = str(data.get("region", ""))
    return {"region": int(region)} if region.isascii() and region.isdecimal() else {}


def _summary_scope(user, params: dict[str, Any]) -> dict[str, Any]:
    """The regions whose offices the overview lists for ``user`` with the filter asked for;
    ``None`` for every office (the Head Inspector's, an executive's)."""
    region = params.get("region")
    if user.sees_all_offices:
        regions = None if region is None else [region]
    else:
        mine = sorted(regions_of(user).values_list("pk", flat=True))
        regions = mine if region is None else [r for r in mine if r == region]
    return {"regions": regions}


def _summary_in_scope(user, params: Mapping[str, Any]) -> bool:
    return may_see_round_summary(user, params.get("regions"))


def _summary_offices(params: Mapping[str, Any]):
    offices = Office.objects.filter(is_active=True)
    if params.get("regions") is not None:
        offices = offices.filter(region_id__in=params["regions"])
    return offices.order_by("region__number", "province__code")


def _scope_label(params: Mapping[str, Any]) -> str:
    regions = params.get("regions")
    if regions is None:
        return _("ทุกสำนักงาน")
    names = [r.name for r in Region.objects.filter(pk__in=regions).order_by("number")]
    return ", ".join(names) if names else _("ไม่มีสำนักงานในเขตที่เลือก")


def _summary(pk: int, params: Mapping[str, Any]) -> rounds.RoundSummary:
    round_ = InspectionRound.objects.get(pk=pk)
    return rounds.round_summary(round_=round_, offices=_summary_offices(params))


def round_summary_pdf(pk: int, params: Mapping[str, Any]) -> bytes:
    summary = _summary(pk, params)
    context = {
        "summary": summary,
        "round": summary.round,
        "scope": _scope_label(params),
        "totals": summary.totals,
        "made_at": timezone.now(),
    }
    return render_pdf("policy/reports/round_summary.html", context)


def _figure_cells(figure: rounds.TopicFigure) -> list[Any]:
    return [figure.value, figure.numerator, figure.denominator]


def round_summary_xlsx(pk: int, params: Mapping[str, Any]) -> bytes:
    """Two sheets: one row per office (its visit, topics reported, directives open and overdue,
    each KPI topic's frozen figure), and every directive given at the round's visits."""
    summary = _summary(pk, params)
    book = Workbook(write_only=True)
    offices = book.create_sheet(_("สรุปรายสำนักงาน"))
    headers = [
        _("รหัสจังหวัด"),
        _("สำนักงาน"),
        _("เขตตรวจราชการ"),
        _("สถานะการตรวจ"),
        _("วันที่ตรวจ"),
        _("รูปแบบ"),
        _("ประเด็นที่รายงานแล้ว"),
        _("ประเด็นทั้งหมด"),
        _("ข้อสั่งการค้าง"),
        _("ข้อสั่งการเกินกำหนด"),
        _("ตัวเลข ณ วันที่"),
    ]
    for topic in summary.figure_topics:
        label = _("ประเด็นที่ %(n)s") % {"n": topic.order}
        headers += [
            _("%(topic)s ร้อยละ") % {"topic": label},
            _("%(topic)s ผลงาน") % {"topic": label},
            _("%(topic)s ฐาน") % {"topic": label},
        ]
    offices.append(row_cells(offices, headers, bold=True))
    for row in summary.rows:
        visit = row.visit
        cells: list[Any] = [row.office.province_id, row.office.name, row.office.region.number]
        if visit is None:
            cells += [_("ยังไม่นัดหมาย"), None, None, None, None, 0, 0, None]
        else:
            cells += [
                VisitStatus(visit.status).label,
                timezone.localdate(visit.starts_at),
                VisitMode(visit.mode).label,
                row.topics_reported,
                row.topics,
                row.directives_open,
                row.directives_overdue,
                visit.figures_as_of,
            ]
        for figure in row.figures:
            cells += _figure_cells(figure)
        offices.append(row_cells(offices, cells))

    sheet = book.create_sheet(_("ข้อสั่งการ"))
    sheet.append(
        row_cells(
            sheet,
            [
                _("สำนักงาน"),
                _("เขตตรวจราชการ"),
                _("ประเด็น"),
                _("ข้อสั่งการ"),
                _("ผู้รับผิดชอบ"),
                _("กำหนดเสร็จ"),
                _("สถานะ"),
                _("เกินกำหนด"),
                _("ปิดเมื่อ"),
                _("หลักฐานการดำเนินการ"),
            ],
            bold=True,
        )
    )
    for directive in summary.directives:
        office = directive.visit.office
        sheet.append(
            row_cells(
                sheet,
                [
                    office.name,
                    office.region.number if office.region_id else None,
                    str(directive.topic) if directive.topic else "",
                    directive.text,
                    assignee_label(directive),
                    directive.due_on,
                    DirectiveStatus(directive.status).label,
                    _("เกินกำหนด") if directive.overdue else "",
                    directive.closed_on,
                    directive.evidence,
                ],
            )
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _summary_filename(extension: str) -> Any:
    def name(round_: InspectionRound, params: Mapping[str, Any]) -> str:
        regions = params.get("regions")
        if regions is None:
            part = "all"
        else:
            numbers = Region.objects.filter(pk__in=regions).order_by("number")
            part = "region-" + (
                "-".join(str(n) for n in numbers.values_list("number", flat=True)) or "none"
            )
        return f"round-{round_.fiscal_year}-{round_.number}-summary-{part}.{extension}"

    return name


def _summary_title(what: str) -> Any:
    def title(round_: InspectionRound, params: Mapping[str, Any]) -> str:
        return _("สรุปผลการตรวจราชการ %(round)s (%(scope)s) %(what)s") % {
            "round": round_,
            "scope": _scope_label(params),
            "what": what,
        }

    return title


def register() -> None:
    reports.register(
        reports.ReportKind(
            code="visit_report",
            title=gettext_lazy("รายงานการตรวจราชการสำนักงาน"),
            model="policy.visit",
            find=_find_visit,
            build=visit_report_pdf,
            filename=_visit_filename,
            describe=_visit_title,
            office_of=lambda visit: visit.office_id,
        )
    )
    for code, build, extension, content_type in (
        ("round_summary_pdf", round_summary_pdf, "pdf", reports.PDF),
        ("round_summary_xlsx", round_summary_xlsx, "xlsx", reports.XLSX),
    ):
        reports.register(
            reports.ReportKind(
                code=code,
                title=gettext_lazy("สรุปผลการตรวจราชการรายรอบ"),
                model="policy.inspectionround",
                find=_find_round,
                build=build,
                filename=_summary_filename(extension),
                describe=_summary_title(extension.upper()),
                office_of=lambda round_: None,
                content_type=content_type,
                params_from=_summary_params,
                scope=_summary_scope,
                in_scope=_summary_in_scope,
            )
        )
    reports.register(
        reports.ReportKind(
            code="mind_scorecard",
            title=gettext_lazy("ผลการประเมิน MIND ของโรงงาน"),
            model="policy.scorecard",
            find=_find_scorecard,
            build=scorecard_pdf,
            filename=_filename,
            describe=_title,
            office_of=lambda card: card.office_id,
        )
    )
