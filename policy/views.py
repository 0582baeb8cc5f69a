"""MIND scorecard pages: one factory's scorecard, an office's summary, the office chooser."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.history import Source, history_page, object_history
from core.models import DIMENSION_CODES, Dimension
from core.thaidates import current_fiscal_year, format_be_date
from factories.models import Factory
from inspections.models import AnswerValue, Compliance
from offices.models import Office
from offices.selectors import visible_office
from policy.forms import NationalTargetsForm, OfficeTargetForm, field_name
from policy.kpis import KPIS
from policy.models import (
    KpiTarget,
    Rubric,
    RubricSource,
    RubricStatus,
    Scorecard,
)
from policy.permissions import may_set_targets
from policy.services import (
    NoRubric,
    national_targets_save,
    office_target_remove,
    office_target_save,
    scorecard_compute,
)
from policy.targets import AT_RISK_POINTS

SUMMARY_LIST_LIMIT = 100


# Fiscal years the pages answer for (Buddhist Era); others are a mistyped address.
FIRST_YEAR, LAST_YEAR = 2500, 2700


def _year(request: HttpRequest) -> int:
    """``?year=``, or this fiscal year when it is missing, malformed or out of range."""
    text = request.GET.get("year", "")
    if text.isascii() and text.isdecimal() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return current_fiscal_year()


def _known_year(fiscal_year: int) -> None:
    if not FIRST_YEAR <= fiscal_year <= LAST_YEAR:
        raise Http404


def _year_choices() -> list[int]:
    this_year = current_fiscal_year()
    return list(range(this_year, this_year - 5, -1))


def index(request: HttpRequest) -> HttpResponse:
    """Office staff go to their office's summary; inspectors and executives choose an office."""
    year = _year(request)
    offices = Office.objects.visible_to(request.user).order_by("province__code")
    chosen = request.GET.get("office")
    if chosen and offices.filter(pk=chosen).exists():
        return redirect("policy:office", code=chosen, fiscal_year=year)
    if request.user.is_office_staff and request.user.office_id:
        return redirect("policy:office", code=request.user.office_id, fiscal_year=year)
    return render(
        request,
        "policy/index.html",
        {
            "offices": offices,
            "year": year,
            "years": _year_choices(),
            "may_set_targets": may_set_targets(request.user),
        },
    )


def office_summary(request: HttpRequest, code: str, fiscal_year: int) -> HttpResponse:
    """Per office and fiscal year: balanced or not, the mean of each dimension, the weak ones."""
    _known_year(fiscal_year)
    office = visible_office(request.user, code)
    cards = Scorecard.objects.filter(office=office, fiscal_year=fiscal_year)
    figures = cards.aggregate(
        total=Count("pk"),
        balanced=Count("pk", filter=Q(balanced=True)),
        complete=Count("pk", filter=Q(complete=True)),
        **{f"avg_{code}": Avg(code) for code in DIMENSION_CODES},
    )
    dimensions = list(Dimension.objects.order_by("order"))
    rubric = (
        Rubric.objects.filter(fiscal_year=fiscal_year, status=RubricStatus.PUBLISHED)
        .only("id", "fiscal_year", "version", "thresholds", "overall_margin")
        .first()
    )
    averages = [
        {
            "dimension": dimension,
            "average": figures[f"avg_{dimension.code}"],
            "threshold": rubric.threshold(dimension.code) if rubric else None,
        }
        for dimension in dimensions
    ]
    # Only what the list shows: a scorecard's explanation is a long JSON document, and decoding
    # a hundred of them was most of this page's time.
    weak = (
        cards.filter(complete=True, balanced=False)
        .select_related("factory", "weakest_dimension")
        .only(
            "factory",
            "factory__name",
            "weakest_dimension",
            "weakest_dimension__name",
            "weakest_score",
            "overall",
        )
        .order_by("weakest_score", "factory__name", "pk")[:SUMMARY_LIST_LIMIT]
    )
    return render(
        request,
        "policy/office_summary.html",
        {
            "office": office,
            "year": fiscal_year,
            "years": _year_choices(),
            "figures": figures,
            "unbalanced": figures["complete"] - figures["balanced"],
            "no_data": figures["total"] - figures["complete"],
            "averages": averages,
            "rubric": rubric,
            "weak": weak,
            "limit": SUMMARY_LIST_LIMIT,
            "dimension_codes": DIMENSION_CODES,
        },
    )


def _inspection_url(pk: int | None) -> str | None:
    return reverse("inspections:detail", kwargs={"pk": pk}) if pk is not None else None


def _raw_text(source: str, raw: str | None) -> str:
    if raw is None:
        return _("ไม่มีข้อมูล")
    value = Decimal(raw)
    if source == RubricSource.GREEN_INDUSTRY:
        return _("ระดับ %(level)s") % {"level": int(value)} if value else _("ยังไม่ได้รับการรับรอง")
    if source in (RubricSource.COMPLAINTS, RubricSource.ORDERS):
        return _("%(count)s หน่วยถ่วงน้ำหนัก") % {"count": value.normalize()}
    if source == RubricSource.COMMUNITY_ACTIVITIES:
        return _("มี") if value else _("ไม่มี")
    if source == RubricSource.ISINGLE_FORM:
        return _("ยื่นแล้ว") if value else _("ยังไม่ยื่น")
    if source == RubricSource.LOANS:
        return _("%(count)s หน่วยถ่วงน้ำหนัก") % {"count": value.normalize()}
    return f"{value.normalize():f}%"


ANSWER_LABELS = dict(AnswerValue.choices)


def _fact_date(value: str | None) -> str:
    return format_be_date(dt.date.fromisoformat(value)) if value else ""


def _contributions(card: Scorecard, dimension: str) -> list[dict[str, Any]]:
    results = dict(Compliance.choices)
    rows = []
    for entry in card.explanation:
        if entry["dimension"] != dimension:
            continue
        facts = [
            {
                **fact,
                "value": ANSWER_LABELS.get(fact.get("value"), fact.get("value")),
                "date": _fact_date(fact.get("date")),
                "result_label": results.get(fact.get("result"), ""),
                "url": _inspection_url(fact.get("inspection_id")),
            }
            for fact in entry["facts"]
        ]
        rows.append(
            {
                **entry,
                "source_label": RubricSource(entry["source"]).label,
                "raw_text": _raw_text(entry["source"], entry["raw"]),
                "facts": facts,
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
def scorecard_detail(request: HttpRequest, factory_pk: int, fiscal_year: int) -> HttpResponse:
    """A factory's four dimensions for a fiscal year, the weakest shown, with every reason."""
    _known_year(fiscal_year)
    factory = get_object_or_404(
        Factory.objects.visible_to(request.user).select_related("office"), pk=factory_pk
    )
    if request.method == "POST":
        # Scorecards are derived data: anyone who may read the factory may bring it up to date.
        try:
            scorecard_compute(factory=factory, fiscal_year=fiscal_year)
            messages.success(request, _("คำนวณผลการประเมินใหม่แล้ว"))
        except NoRubric as error:
            messages.error(request, str(error))
        return redirect("policy:scorecard", factory_pk=factory.pk, fiscal_year=fiscal_year)
    card = (
        Scorecard.objects.filter(factory=factory, fiscal_year=fiscal_year)
        .select_related("rubric", "weakest_dimension")
        .first()
    )
    years = sorted(
        set(factory.scorecards.values_list("fiscal_year", flat=True)) | {fiscal_year},
        reverse=True,
    )
    rows = []
    if card is not None:
        for dimension in Dimension.objects.order_by("order"):
            value = card.score(dimension.code)
            threshold = card.rubric.threshold(dimension.code)
            rows.append(
                {
                    "dimension": dimension,
                    "score": value,
                    "threshold": threshold,
                    "below": value is not None and value < threshold,
                    "weakest": dimension.code == card.weakest_dimension_id,
                    "contributions": _contributions(card, dimension.code),
                }
            )
    return render(
        request,
        "policy/scorecard.html",
        {"factory": factory, "card": card, "year": fiscal_year, "years": years, "rows": rows},
    )


def _percent(value: Decimal) -> str:
    """``90``, ``92.5``, ``100`` (not ``1E+2``)."""
    return f"{Decimal(value).normalize():f}"


def _national_initial(stored: list[KpiTarget]) -> dict[str, str]:
    return {
        field_name(target.kpi): _percent(target.value)
        for target in stored
        if target.office_id is None and target.kpi in KPIS
    }


@never_cache
def kpi_target_history(request: HttpRequest, fiscal_year: int) -> HttpResponse:
    """Every change of the year's KPI targets, national and each office's (who set, changed or
    removed which target, when): for those who set them, as the targets page is (403)."""
    if not may_set_targets(request.user):
        raise PermissionDenied(_("เฉพาะผู้บริหารกระทรวงและผู้ดูแลระบบเท่านั้นที่กำหนดค่าเป้าหมายได้"))
    _known_year(fiscal_year)
    targets_page = reverse("policy:targets", kwargs={"fiscal_year": fiscal_year})
    title = _("ค่าเป้าหมายตัวชี้วัด ปีงบประมาณ %(year)s") % {"year": fiscal_year}
    return history_page(
        request,
        object_history(
            Source(
                KpiTarget.history.filter(fiscal_year=fiscal_year),
                exclude=("fiscal_year",),
                subject=("kpi", "office"),
                on_create=("value", "note"),
            )
        ),
        title=title,
        crumbs=[(_("ภาพรวม MIND"), reverse("policy:index")), (title, targets_page)],
    )


@require_http_methods(["GET", "POST"])
def kpi_targets(request: HttpRequest, fiscal_year: int) -> HttpResponse:
    """The targets of every KPI for a fiscal year: the national default of each and the offices
    with their own. Executives and admins set them; nobody else sees this page (403)."""
    if not may_set_targets(request.user):
        raise PermissionDenied(_("เฉพาะผู้บริหารกระทรวงและผู้ดูแลระบบเท่านั้นที่กำหนดค่าเป้าหมายได้"))
    _known_year(fiscal_year)
    stored = list(
        KpiTarget.objects.filter(fiscal_year=fiscal_year)
        .select_related("office")
        .order_by("office__province__code")
    )
    national_form = NationalTargetsForm(initial=_national_initial(stored))
    office_form = OfficeTargetForm()
    action = request.POST.get("action", "") if request.method == "POST" else ""
    here = reverse("policy:targets", kwargs={"fiscal_year": fiscal_year})
    if action == "national":
        national_form = NationalTargetsForm(request.POST)
        if national_form.is_valid():
            try:
                national_targets_save(
                    fiscal_year=fiscal_year, values=national_form.values(), user=request.user
                )
            except ValidationError as error:
                national_form.add_error(None, error)
            else:
                messages.success(request, _("บันทึกค่าเป้าหมายระดับประเทศแล้ว"))
                return redirect(here)
    elif action == "office":
        office_form = OfficeTargetForm(request.POST)
        if office_form.is_valid():
            data = office_form.cleaned_data
            try:
                office_target_save(
                    fiscal_year=fiscal_year,
                    kpi=data["kpi"],
                    office=data["office"],
                    value=data["value"],
                    note=data["note"],
                    user=request.user,
                )
            except ValidationError as error:
                office_form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("บันทึกค่าเป้าหมายของ %(office)s แล้ว") % {"office": data["office"]},
                )
                return redirect(here)
    elif action == "remove":
        target = get_object_or_404(
            KpiTarget, pk=request.POST.get("target") or 0, fiscal_year=fiscal_year
        )
        try:
            office_target_remove(target=target, user=request.user)
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(
                request,
                _("ลบค่าเป้าหมายของ %(office)s แล้ว ใช้ค่าเป้าหมายระดับประเทศแทน")
                % {"office": target.office},
            )
        return redirect(here)
    elif request.method == "POST":
        messages.error(request, _("ไม่รู้จักคำสั่งนี้ กรุณาลองอีกครั้ง"))
        return redirect(here)
    national = {t.kpi: t for t in stored if t.office_id is None}
    rows = [
        {
            "kpi": kpi,
            "field": national_form[field_name(code)],
            "national": _percent(national[code].value if code in national else kpi.default_target),
            "default": _percent(kpi.default_target),
            "from_registry": code not in national,
            "overrides": [
                {"target": t, "value": _percent(t.value)}
                for t in stored
                if t.kpi == code and t.office_id is not None
            ],
        }
        for code, kpi in KPIS.items()
    ]
    return render(
        request,
        "policy/targets.html",
        {
            "year": fiscal_year,
            "years": _year_choices(),
            "rows": rows,
            "national_form": national_form,
            "office_form": office_form,
            "at_risk_points": AT_RISK_POINTS,
        },
    )
