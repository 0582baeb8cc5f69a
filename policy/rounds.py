"""Services of the inspection rounds: preparing a visit, freezing its figures, the office's
report, the meeting's findings and directives, and the progress reported on them.

Every write checks its rule in ``policy.permissions`` and runs in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.thaidates import fiscal_year_of, fiscal_year_range
from offices.models import Office
from policy import kpis
from policy.models import (
    OPEN_DIRECTIVE_STATUSES,
    Directive,
    DirectiveStatus,
    DirectiveUpdate,
    FigureSnapshot,
    InspectionRound,
    RoundTopic,
    Visit,
    VisitMode,
    VisitStatus,
    VisitTopic,
)
from policy.permissions import (
    may_prepare_visit,
    may_record_visit,
    may_report_for_visit,
    may_update_directive,
)


def _refuse(message: str) -> None:
    raise PermissionDenied(message)


def default_figures_date(visit: Visit) -> dt.date:
    """The figures a visit shows by default: as of the day before the meeting, or today when
    the meeting is further off, within the round's fiscal year."""
    start, end = fiscal_year_range(visit.round.fiscal_year)
    day = min(timezone.localdate(visit.starts_at) - dt.timedelta(days=1), timezone.localdate())
    return min(max(day, start), end)


def figures_date_error(round_: InspectionRound, as_of: dt.date | None) -> str | None:
    """Why ``as_of`` cannot be the date of a visit's figures, in words an inspector reads."""
    if as_of is None:
        return _("กรุณาระบุวันที่ของตัวเลข")
    if fiscal_year_of(as_of) != round_.fiscal_year:
        return _("วันที่ของตัวเลขต้องอยู่ในปีงบประมาณ %(year)s ของรอบนี้") % {"year": round_.fiscal_year}
    if as_of > timezone.localdate():
        return _("วันที่ของตัวเลขต้องไม่เกินวันนี้")
    return None


@transaction.atomic
def visit_save(*, visit: Visit, user, figures_as_of: dt.date | None = None) -> Visit:
    """Plan (or change the plan of) a visit, as its form left it. A new visit gets a report row
    for each topic of the round and its figures taken as of ``figures_as_of``."""
    if not may_prepare_visit(user, visit.office):
        _refuse(_("เฉพาะผู้ตรวจราชการของเขตนี้เท่านั้นที่เตรียมการตรวจราชการสำนักงานนี้ได้"))
    is_new = visit.pk is None
    if is_new:
        visit.prepared_by = user
    visit.full_clean()
    visit.save()
    topic_reports_ensure(visit=visit)
    if is_new:
        figures_take(visit=visit, as_of=figures_as_of or default_figures_date(visit), user=user)
    return visit


def topic_reports_ensure(*, visit: Visit) -> None:
    """One report row per topic of the visit's round, including topics added later."""
    have = set(visit.topic_reports.values_list("topic_id", flat=True))
    VisitTopic.objects.bulk_create(
        [
            VisitTopic(visit=visit, topic=topic)
            for topic in visit.round.topics.all()
            if topic.pk not in have
        ]
    )


@transaction.atomic
def figures_take(*, visit: Visit, as_of: dt.date, user, refresh: bool = False) -> FigureSnapshot:
    """Compute the figure of each topic's KPI for the visit's office as of ``as_of`` and freeze
    it on the visit: a later change in the data does not move it. Taking them again is an
    explicit refresh, recorded with what the figures were."""
    if not may_record_visit(user, visit):
        _refuse(_("เฉพาะผู้ตรวจราชการของเขตนี้เท่านั้นที่ดึงตัวเลขของการตรวจนี้ได้"))
    error = figures_date_error(visit.round, as_of)
    if error:
        raise ValidationError({"as_of": error})
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    topic_reports_ensure(visit=visit)
    reports = list(visit.topic_reports.select_related("topic").filter(~Q(topic__kpi_code="")))
    scope = kpis.Scope.office(visit.office_id)
    period = kpis.Period.of(visit.round.fiscal_year, as_of)
    figures: dict[str, dict] = {}
    for code in dict.fromkeys(report.topic.kpi_code for report in reports):
        figure = kpis.get(code).figure(scope, period)
        figures[code] = {
            "value": None if figure.value is None else str(figure.value),
            "numerator": figure.numerator,
            "denominator": figure.denominator,
        }
    for report in reports:
        taken = figures[report.topic.kpi_code]
        report.figure_value = taken["value"]
        report.figure_numerator = taken["numerator"]
        report.figure_denominator = taken["denominator"]
    VisitTopic.objects.bulk_update(
        reports, ["figure_value", "figure_numerator", "figure_denominator"]
    )
    now = timezone.now()
    Visit.objects.filter(pk=visit.pk).update(figures_as_of=as_of, figures_taken_at=now)
    return FigureSnapshot.objects.create(
        visit=visit,
        as_of=as_of,
        taken_at=now,
        taken_by=user,
        is_refresh=refresh,
        figures=figures,
    )


@transaction.atomic
def topic_report_save(*, report: VisitTopic, user, office_report: str) -> VisitTopic:
    """The office's report on one topic (saved as it is typed)."""
    if not may_report_for_visit(user, report.visit):
        _refuse(_("เฉพาะเจ้าหน้าที่ของสำนักงานนี้เท่านั้นที่รายงานผลได้"))
    report.office_report = office_report
    report.reported_at = timezone.now()
    report.reported_by = user
    report.save(update_fields=["office_report", "reported_at", "reported_by"])
    return report


@transaction.atomic
def topic_outcome_save(*, report: VisitTopic, user, findings: str, recommendations: str) -> None:
    """The meeting's findings and recommendations on one topic (saved as they are typed)."""
    if not may_record_visit(user, report.visit):
        _refuse(_("เฉพาะผู้ตรวจราชการของเขตนี้เท่านั้นที่บันทึกผลการตรวจได้"))
    report.findings = findings
    report.recommendations = recommendations
    report.save(update_fields=["findings", "recommendations"])


@transaction.atomic
def visit_record_save(*, visit: Visit, user, fields: list[str]) -> Visit:
    """The meeting's own record (who took part, the overall summary, done or not), as its form
    left it; only ``fields`` are written."""
    if not may_record_visit(user, visit):
        _refuse(_("เฉพาะผู้ตรวจราชการของเขตนี้เท่านั้นที่บันทึกผลการตรวจได้"))
    visit.save(update_fields=[*fields, "updated_at"])
    return visit


@transaction.atomic
def directive_add(*, directive: Directive, user) -> Directive:
    """A directive given at the visit, as its form left it."""
    if not may_record_visit(user, directive.visit):
        _refuse(_("เฉพาะผู้ตรวจราชการของเขตนี้เท่านั้นที่บันทึกข้อสั่งการได้"))
    directive.issued_by = user
    directive.full_clean()
    directive.save()
    return directive


@transaction.atomic
def directive_progress_add(
    *, directive: Directive, user, on: dt.date, text: str, status: str, evidence: str = ""
) -> DirectiveUpdate:
    """A dated progress report; closing a directive (done) needs its evidence, and a cancelled
    directive takes none."""
    if not may_update_directive(user, directive):
        _refuse(_("เฉพาะผู้รับผิดชอบข้อสั่งการนี้เท่านั้นที่รายงานความคืบหน้าได้"))
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    if directive.status == DirectiveStatus.CANCELLED:
        # A cancelled directive stays cancelled: a progress report would reopen it.
        raise ValidationError(_("ข้อสั่งการนี้ถูกยกเลิกแล้ว จึงรายงานความคืบหน้าหรือเปิดข้อสั่งการใหม่ไม่ได้"))
    if status == DirectiveStatus.DONE and not (evidence.strip() or directive.evidence.strip()):
        raise ValidationError({"evidence": _("กรุณาระบุหลักฐานการดำเนินการก่อนปิดข้อสั่งการ")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("วันที่รายงานต้องไม่เกินวันนี้")})
    update = DirectiveUpdate.objects.create(
        directive=directive, on=on, text=text, status=status, by=user
    )
    directive.status = status
    directive.closed_on = on if status == DirectiveStatus.DONE else None
    if evidence.strip():
        directive.evidence = evidence.strip()
    directive.save(update_fields=["status", "closed_on", "evidence", "updated_at"])
    return update


# --- What the round overview shows ------------------------------------------------------------


@dataclass
class OfficeInRound:
    office: Office
    visit: Visit | None
    topics_reported: int = 0
    topics: int = 0
    directives_open: int = 0
    directives_overdue: int = 0
    figures: list[TopicFigure] = field(default_factory=list)  # the round summary's only

    @property
    def mode_label(self) -> str:
        # The enum's label, not ``get_mode_display``, which rebuilds the choices on each call.
        return VisitMode(self.visit.mode).label if self.visit else ""


def round_overview(
    *, round_: InspectionRound, offices, today: dt.date | None = None
) -> list[OfficeInRound]:
    """Every office given (already scoped and filtered) with its visit in the round, how many
    topics it has reported and its directives open and overdue: three queries in all."""
    today = today or timezone.localdate()
    offices = list(offices.select_related("region"))
    visits = {
        visit.office_id: visit
        for visit in Visit.objects.filter(round=round_, office__in=[o.pk for o in offices])
        .annotate(
            reported=Count("topic_reports", filter=~Q(topic_reports__office_report="")),
            topic_count=Count("topic_reports"),
            last_report=Max("topic_reports__reported_at"),
        )
        # What the overview and the summary reports show of a visit, not its whole record.
        .only("id", "office_id", "round_id", "status", "starts_at", "mode", "figures_as_of")
        .order_by()
    }
    directives = {
        row["visit_id"]: row
        for row in Directive.objects.filter(visit__in=[v.pk for v in visits.values()])
        .values("visit_id")
        .annotate(
            open=Count("pk", filter=Q(status__in=OPEN_DIRECTIVE_STATUSES)),
            overdue=Count("pk", filter=Directive.overdue_q(today)),
        )
        .order_by()
    }
    rows = []
    for office in offices:
        visit = visits.get(office.pk)
        row = OfficeInRound(office=office, visit=visit)
        if visit is not None:
            row.topics_reported = visit.reported
            row.topics = visit.topic_count
            counts = directives.get(visit.pk, {})
            row.directives_open = counts.get("open", 0)
            row.directives_overdue = counts.get("overdue", 0)
        rows.append(row)
    return rows


# --- The round's summary report ---------------------------------------------------------------


@dataclass
class TopicFigure:
    """One KPI topic's figure frozen on one visit (``None`` where nothing was taken)."""

    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None


@dataclass
class RoundSummary:
    round: InspectionRound
    topics: list[RoundTopic]
    figure_topics: list[RoundTopic]  # the topics measured by a KPI: a column each
    rows: list[OfficeInRound]
    directives: list[Directive]
    today: dt.date

    @property
    def totals(self) -> dict[str, int]:
        rows = self.rows
        return {
            "offices": len(rows),
            "planned": sum(1 for r in rows if r.visit and r.visit.status == VisitStatus.PLANNED),
            "done": sum(1 for r in rows if r.visit and r.visit.status == VisitStatus.DONE),
            "open": sum(r.directives_open for r in rows),
            "overdue": sum(r.directives_overdue for r in rows),
        }


def round_summary(
    *, round_: InspectionRound, offices, today: dt.date | None = None
) -> RoundSummary:
    """The round's overview of ``offices`` (scoped already) with each visit's frozen figure of
    every KPI topic and every directive given at those visits: six queries, however many
    offices."""
    today = today or timezone.localdate()
    rows = round_overview(round_=round_, offices=offices, today=today)
    topics = list(round_.topics.order_by("order", "pk"))
    figure_topics = [topic for topic in topics if topic.kpi_code]
    visit_ids = [row.visit.pk for row in rows if row.visit is not None]
    taken = {
        (visit_id, topic_id): TopicFigure(value, numerator, denominator)
        for visit_id, topic_id, value, numerator, denominator in VisitTopic.objects.filter(
            visit__in=visit_ids, topic__in=[t.pk for t in figure_topics]
        ).values_list(
            "visit_id", "topic_id", "figure_value", "figure_numerator", "figure_denominator"
        )
    }
    for row in rows:
        row.figures = [
            taken.get((row.visit.pk, topic.pk), TopicFigure()) if row.visit else TopicFigure()
            for topic in figure_topics
        ]
    place = {row.office.pk: index for index, row in enumerate(rows)}
    directives = sorted(
        Directive.objects.filter(visit__in=visit_ids).select_related(
            "unit", "topic", "visit__office"
        ),
        key=lambda d: (place[d.visit.office_id], d.due_on or dt.date.max, d.pk),
    )
    for directive in directives:
        directive.overdue = directive.is_overdue(today)  # type: ignore[attr-defined]
    return RoundSummary(
        round=round_,
        topics=topics,
        figure_topics=figure_topics,
        rows=rows,
        directives=directives,
        today=today,
    )
