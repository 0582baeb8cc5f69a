"""The ministry's inspection rounds: the rounds, a round's overview of every office, planning a
visit, and the visit page an inspector works through during the meeting (saving as they type).

Who sees what: ``Visit.objects.visible_to`` and ``Office.objects.visible_to``; who may do what:
``policy.permissions``. Anything else answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from offices.models import Office, OfficeYear, Region
from offices.permissions import may_edit_office_facts
from offices.selectors import visible_office
from policy import rounds
from policy.models import (
    OPEN_DIRECTIVE_STATUSES,
    Directive,
    InspectionRound,
    Visit,
    VisitStatus,
    VisitTopic,
)
from policy.permissions import (
    may_prepare_visit,
    may_record_visit,
    may_report_for_visit,
    runs_rounds,
)
from policy.round_forms import (
    DirectiveForm,
    FiguresForm,
    TopicOutcomeForm,
    TopicReportForm,
    VisitForm,
    VisitRecordForm,
)


def _ministry_side(request: HttpRequest) -> None:
    if not runs_rounds(request.user):
        raise Http404


def _errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def round_list(request: HttpRequest) -> HttpResponse:
    """Every round, newest first, with its visits planned and done and its directives open and
    overdue among the offices the person oversees."""
    _ministry_side(request)
    today = timezone.localdate()
    visits = Visit.objects.visible_to(request.user)
    directives = Directive.objects.visible_to(request.user)
    rows = InspectionRound.objects.annotate(
        planned=Count(
            "visits",
            filter=Q(visits__in=visits.filter(status=VisitStatus.PLANNED).values("pk")),
        ),
        done=Count(
            "visits", filter=Q(visits__in=visits.filter(status=VisitStatus.DONE).values("pk"))
        ),
    )
    open_counts = {
        row["visit__round"]: row
        for row in directives.values("visit__round")
        .annotate(
            open=Count("pk", filter=Q(status__in=OPEN_DIRECTIVE_STATUSES)),
            overdue=Count("pk", filter=Directive.overdue_q(today)),
        )
        .order_by()
    }
    for row in rows:
        counts = open_counts.get(row.pk, {})
        row.directives_open = counts.get("open", 0)
        row.directives_overdue = counts.get("overdue", 0)
    return render(request, "policy/rounds/list.html", {"rounds": rows})


def round_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """Every office the person oversees in the round: visit planned or done, topics reported,
    directives open and overdue; filtered by region."""
    _ministry_side(request)
    round_ = get_object_or_404(InspectionRound, pk=pk)
    offices = Office.objects.visible_to(request.user).filter(is_active=True)
    regions = Region.objects.filter(pk__in=offices.values("region")).order_by("number")
    region = request.GET.get("region", "")
    if region.isascii() and region.isdecimal():
        offices = offices.filter(region_id=int(region))
    else:
        region = ""
    offices = offices.order_by("region__number", "province__code")
    rows = rounds.round_overview(round_=round_, offices=offices)
    context = {
        "round": round_,
        "topics": list(round_.topics.all()),
        "rows": rows,
        "regions": regions,
        "region": region,
        "totals": {
            "offices": len(rows),
            "planned": sum(1 for r in rows if r.visit and r.visit.status == VisitStatus.PLANNED),
            "done": sum(1 for r in rows if r.visit and r.visit.status == VisitStatus.DONE),
            "open": sum(r.directives_open for r in rows),
            "overdue": sum(r.directives_overdue for r in rows),
        },
        # The offices listed are those the person oversees: an inspector sees their regions'
        # offices only, so whoever sees the overview may plan the visits it lists.
        "may_prepare": runs_rounds(request.user),
        # The summary reports cover what the table lists: the region chosen, if any.
        "summary_fields": {"region": region} if region else {},
    }
    template = (
        "policy/rounds/_overview_table.html" if request.htmx else "policy/rounds/overview.html"
    )
    return render(request, template, context)


def _form_page(request, form, round_, office, visit=None, status=200) -> HttpResponse:
    context = {"form": form, "round": round_, "office": office, "visit": visit}
    return render(request, "policy/rounds/visit_form.html", context, status=status)


def visit_plan(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Plan the visit of one office in a round (or go to it when it is planned already)."""
    _ministry_side(request)
    round_ = get_object_or_404(InspectionRound, pk=pk)
    office = visible_office(request.user, code)
    if not may_prepare_visit(request.user, office):
        raise Http404
    existing = Visit.objects.filter(round=round_, office=office).first()
    if existing is not None:
        return redirect(existing)
    visit = Visit(round=round_, office=office, prepared_by=request.user)
    if request.method != "POST":
        initial = {"office_people": office.name, "lead_name": request.user.get_full_name()}
        return _form_page(
            request, VisitForm(round_=round_, instance=visit, initial=initial), round_, office
        )
    form = VisitForm(request.POST, round_=round_, instance=visit)
    if not form.is_valid():
        return _form_page(request, form, round_, office, status=422)
    try:
        visit = rounds.visit_save(
            visit=form.instance, user=request.user, figures_as_of=form.cleaned_data["figures_as_of"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, form, round_, office, status=422)
    messages.success(request, _("เตรียมการตรวจราชการแล้ว ตัวเลขจากระบบถูกบันทึกไว้ ณ วันที่ที่เลือก"))
    return redirect(visit)


def _visit(request: HttpRequest, pk: int) -> Visit:
    visits = Visit.objects.visible_to(request.user).select_related(
        "round", "office", "office__region", "lead_user", "prepared_by"
    )
    return get_object_or_404(visits, pk=pk)


def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = _visit(request, pk)
    if not may_record_visit(request.user, visit):
        raise Http404
    if request.method != "POST":
        return _form_page(
            request, VisitForm(round_=visit.round, instance=visit), visit.round, visit.office, visit
        )
    form = VisitForm(request.POST, round_=visit.round, instance=visit)
    if not form.is_valid():
        return _form_page(request, form, visit.round, visit.office, visit, status=422)
    rounds.visit_save(visit=form.instance, user=request.user)
    messages.success(request, _("บันทึกการนัดหมายแล้ว"))
    return redirect(visit)


def _visit_context(request: HttpRequest, visit: Visit, **extra) -> dict:
    user = request.user
    reports = list(
        visit.topic_reports.select_related("topic", "reported_by").order_by("topic__order")
    )
    directives = list(visit.directives.select_related("unit", "topic").order_by("due_on", "pk"))
    today = timezone.localdate()
    for directive in directives:
        directive.overdue = directive.is_overdue(today)
    recorder = may_record_visit(user, visit)
    return {
        "visit": visit,
        "round": visit.round,
        "office": visit.office,
        "reports": reports,
        "reported": sum(1 for r in reports if r.is_reported),
        "directives": directives,
        "profile": OfficeYear.objects.filter(
            office=visit.office, fiscal_year=visit.round.fiscal_year
        ).first(),
        "snapshots": list(visit.snapshots.select_related("taken_by")[:5]),
        "may_record": recorder,
        "may_report": may_report_for_visit(user, visit),
        "may_edit_facts": may_edit_office_facts(user, visit.office),
        "record_form": VisitRecordForm(instance=visit) if recorder else None,
        "directive_form": extra.pop("directive_form", None)
        or (DirectiveForm(visit=visit) if recorder else None),
        "figures_form": extra.pop("figures_form", None)
        or FiguresForm(initial={"as_of": visit.figures_as_of}),
        **extra,
    }


def visit_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The visit: who takes part, the office's year, the frozen figures, the office's report
    and the meeting's findings per topic, and the directives."""
    visit = _visit(request, pk)
    return render(request, "policy/rounds/visit.html", _visit_context(request, visit))


def _saved(request: HttpRequest, status_id: str, form=None) -> HttpResponse:
    if form is not None:
        context = {"status_id": status_id, "state": "error", "message": _errors(form)}
        return render(request, "policy/rounds/_save_status.html", context, status=422)
    context = {"status_id": status_id, "state": "saved", "saved_at": timezone.localtime()}
    return render(request, "policy/rounds/_save_status.html", context)


def _topic_report(request: HttpRequest, pk: int, report_pk: int) -> VisitTopic:
    visit = _visit(request, pk)
    report = get_object_or_404(visit.topic_reports.select_related("topic"), pk=report_pk)
    report.visit = visit
    return report


@require_POST
def topic_report_post(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    """The office's report on one topic, saved as it is typed."""
    report = _topic_report(request, pk, report_pk)
    if not may_report_for_visit(request.user, report.visit):
        raise Http404
    form = TopicReportForm(request.POST)
    if not form.is_valid():
        return _saved(request, f"report-status-{report.pk}", form)
    rounds.topic_report_save(
        report=report, user=request.user, office_report=form.cleaned_data["office_report"]
    )
    return _saved(request, f"report-status-{report.pk}")


@require_POST
def topic_outcome_post(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    """The meeting's findings and recommendations on one topic, saved as they are typed."""
    report = _topic_report(request, pk, report_pk)
    if not may_record_visit(request.user, report.visit):
        raise Http404
    form = TopicOutcomeForm(request.POST)
    if not form.is_valid():
        return _saved(request, f"outcome-status-{report.pk}", form)
    rounds.topic_outcome_save(report=report, user=request.user, **form.cleaned_data)
    return _saved(request, f"outcome-status-{report.pk}")


@require_POST
def visit_record_post(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting's overall summary and whether the visit took place, saved as typed."""
    visit = _visit(request, pk)
    if not may_record_visit(request.user, visit):
        raise Http404
    form = VisitRecordForm(request.POST, instance=visit)
    if not form.is_valid():
        return _saved(request, "record-status", form)
    rounds.visit_record_save(visit=form.instance, user=request.user, fields=list(form.changed_data))
    return _saved(request, "record-status")


@require_POST
def figures_post(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the figures again from the data, as of the date given: an explicit, recorded
    refresh."""
    visit = _visit(request, pk)
    if not may_record_visit(request.user, visit):
        raise Http404
    form = FiguresForm(request.POST)
    if form.is_valid():
        try:
            rounds.figures_take(
                visit=visit, as_of=form.cleaned_data["as_of"], user=request.user, refresh=True
            )
        except ValidationError as error:
            form.add_error("as_of", error.message_dict.get("as_of", error.messages))
    if not form.is_valid():
        context = _visit_context(request, visit, figures_form=form)
        return render(request, "policy/rounds/visit.html", context, status=422)
    messages.success(request, _("ดึงตัวเลขจากระบบใหม่แล้ว และบันทึกประวัติการดึงไว้"))
    return redirect(visit)


@require_POST
def directive_post(request: HttpRequest, pk: int) -> HttpResponse:
    """A directive given at the meeting."""
    visit = _visit(request, pk)
    if not may_record_visit(request.user, visit):
        raise Http404
    form = DirectiveForm(request.POST, visit=visit)
    if form.is_valid():
        try:
            rounds.directive_add(directive=form.instance, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error)
    if not form.is_valid():
        context = _visit_context(request, visit, directive_form=form)
        template = "policy/rounds/_directives.html" if request.htmx else "policy/rounds/visit.html"
        return render(request, template, context, status=422)
    if request.htmx:
        context = _visit_context(request, visit, directive_added=True)
        return render(request, "policy/rounds/_directives.html", context)
    messages.success(request, _("บันทึกข้อสั่งการแล้ว"))
    return redirect(visit)
