"""The directives of the inspection rounds: the tracker, one directive and its progress, and an
office's list of its visits.

Everything is read through ``Directive.objects.visible_to`` and ``Visit.objects.visible_to``
(another office's or another unit's directive answers 404); progress is written through
``policy.rounds.directive_progress_add``, which holds the rules, so a refused report comes back
as the service's own Thai message.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.history import Source, history_page, object_history, source_of
from core.paging import Pages
from core.thaisort import thai_sort_key
from offices.models import MinistryUnit, Office
from policy import rounds
from policy.directive_exports import directives_xlsx
from policy.directive_forms import DirectiveFilterForm, DirectiveFilters, DirectiveProgressForm
from policy.models import (
    OPEN_DIRECTIVE_STATUSES,
    Directive,
    DirectiveUpdate,
    InspectionRound,
    Visit,
    VisitTopic,
)
from policy.permissions import may_see_visit, may_update_directive

PAGE_SIZE = 50
VISITS_PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a tracker row shows, and nothing else of the four tables it reads.
TRACKER_COLUMNS = (
    "pk",
    "text",
    "due_on",
    "status",
    "closed_on",
    "evidence",
    "unit_id",
    "visit_id",
    "unit__code",
    "unit__name",
    "visit__office_id",
    "visit__round_id",
    "visit__office__short_name",
    "visit__round__fiscal_year",
    "visit__round__number",
    "visit__round__kind",
)


def _filter_form(request: HttpRequest) -> DirectiveFilterForm:
    """The filters a person has: no assignee for a unit's people (they see their unit's only),
    no office or region for an office's people (they see their office's only)."""
    user = request.user
    units = None
    if not user.is_unit_staff:
        units = [
            (pk, f"{code} {name}"[:80])
            for pk, code, name in MinistryUnit.objects.filter(is_active=True).values_list(
                "pk", "code", "name"
            )
        ]
    rounds_ = [
        (round_.pk, str(round_))
        for round_ in InspectionRound.objects.only("pk", "fiscal_year", "number", "kind")
    ]
    offices = regions = None
    if not user.is_office_staff:
        # A unit's directives come from every office: any office narrows them.
        source = Office.objects.all() if user.is_unit_staff else Office.objects.visible_to(user)
        rows = list(source.values_list("pk", "short_name", "region_id", "region__number"))
        offices = sorted(
            ((pk, name) for pk, name, _r, _n in rows), key=lambda o: thai_sort_key(o[1])
        )
        regions = sorted(
            {(region, _("เขตตรวจราชการที่ %(n)s") % {"n": n}) for _p, _s, region, n in rows},
            key=lambda r: r[0],
        )
    return DirectiveFilterForm(
        request.GET or None, units=units, rounds=rounds_, regions=regions, offices=offices
    )


def tracker_directives(*, user, filters: DirectiveFilters, today: dt.date) -> QuerySet[Directive]:
    """The directives ``user`` may see as ``filters`` leave them, by due date (none last), each
    with the date of its latest progress report."""
    last_progress = (
        DirectiveUpdate.objects.filter(directive=OuterRef("pk")).order_by("-on").values("on")[:1]
    )
    return (
        Directive.objects.visible_to(user)
        .filter(filters.q(today))
        .select_related("unit", "visit__office", "visit__round")
        .only(*TRACKER_COLUMNS)
        .annotate(last_progress_on=Subquery(last_progress))
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )


@never_cache
def directive_index(request: HttpRequest) -> HttpResponse:
    """The directives a person may see, filtered, by due date; ``?format=xlsx`` downloads the
    whole filtered list. The overdue ones are marked in words, not in colour only."""
    today = timezone.localdate()
    form = _filter_form(request)
    filters = form.filters()
    directives = tracker_directives(user=request.user, filters=filters, today=today)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="directives.xlsx"'
        directives_xlsx(directives, response, today=today)
        return response
    page = Pages(directives, PAGE_SIZE).get_page(request.GET.get("page"))
    for directive in page:
        directive.days_late = (today - directive.due_on).days if directive.is_overdue(today) else 0
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "active_filters": filters.narrowing,
        "today": today,
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "policy/directives/_table.html", context)
    return render(request, "policy/directives/list.html", context)


def _attach_service_errors(form: DirectiveProgressForm, error: ValidationError) -> None:
    """The service's refusal under the box it concerns (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def directive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One directive: what was directed at which visit, who must act by when, its evidence and
    its dated progress; those who must act report progress here."""
    directive = get_object_or_404(
        Directive.objects.visible_to(request.user).select_related(
            "visit__office", "visit__round", "unit", "topic", "issued_by"
        ),
        pk=pk,
    )
    can_update = may_update_directive(request.user, directive)
    form = DirectiveProgressForm(request.POST or None, directive=directive) if can_update else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("เฉพาะผู้รับผิดชอบข้อสั่งการนี้เท่านั้นที่รายงานความคืบหน้าได้"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                rounds.directive_progress_add(
                    directive=directive,
                    user=request.user,
                    on=data["on"],
                    text=data["text"],
                    status=data["status"],
                    evidence=data["evidence"],
                )
            except ValidationError as error:
                _attach_service_errors(form, error)
            else:
                messages.success(request, _("บันทึกความคืบหน้าแล้ว"))
                return redirect(directive)
    today = timezone.localdate()
    directive.days_late = (today - directive.due_on).days if directive.is_overdue(today) else 0
    context = {
        "directive": directive,
        "visit": directive.visit,
        "updates": list(directive.updates.select_related("by")),
        "form": form,
        "may_see_visit": may_see_visit(request.user, directive.visit),
    }
    return render(request, "policy/directives/detail.html", context)


@never_cache
def directive_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change of a directive and each progress report on it (who, when, what), for
    whoever may see the directive."""
    directive = get_object_or_404(
        Directive.objects.visible_to(request.user).select_related("visit__office", "visit__round"),
        pk=pk,
    )
    visit = directive.visit
    return history_page(
        request,
        object_history(
            source_of(directive, exclude=("visit",)),
            Source(
                DirectiveUpdate.history.filter(directive_id=directive.pk),
                label=_("ความคืบหน้า"),
                exclude=("directive", "by"),
                on_create=("on", "text", "status"),
            ),
        ),
        title=str(directive),
        crumbs=[
            (_("ติดตามข้อสั่งการ"), reverse("policy:directives")),
            (f"{visit.round} · {visit.office.short_name}", directive.get_absolute_url()),
        ],
    )


def _count_of(queryset: QuerySet) -> Subquery:
    """The number of rows of ``queryset`` (filtered on ``OuterRef``) as a column."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("visit").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def my_visits(request: HttpRequest) -> HttpResponse:
    """The visits a person sees (an office's people: their office's), latest first, with how
    far the office's report has come and its directives open and overdue: two queries."""
    today = timezone.localdate()
    visits = (
        Visit.objects.visible_to(request.user)
        .select_related("round", "office")
        .annotate(
            topics_total=_count_of(VisitTopic.objects.filter(visit=OuterRef("pk"))),
            topics_reported=_count_of(
                VisitTopic.objects.filter(visit=OuterRef("pk")).exclude(office_report="")
            ),
            directives_open=_count_of(
                Directive.objects.filter(visit=OuterRef("pk"), status__in=OPEN_DIRECTIVE_STATUSES)
            ),
            directives_overdue=_count_of(
                Directive.objects.filter(Q(visit=OuterRef("pk")) & Directive.overdue_q(today))
            ),
        )
        .order_by("-starts_at", "pk")
    )
    page = Pages(visits, VISITS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "policy/my_visits.html", {"page": page, "today": today})
