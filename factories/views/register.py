"""The factory list, the factory page, and adding or correcting a factory (the list's export is a
report built by the worker: ``factories.reports``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.history import history_page, object_history
from core.paging import CountedUpTo, Pages
from core.thaidates import current_fiscal_year
from factories.forms import FactoryFilterForm, FactoryForm, factory_filter_form
from factories.models import Factory, LoanFollowUp
from factories.permissions import may_add_factory, may_edit_register, may_see_complainants
from factories.selectors import (
    FactoryFilters,
    factory_history,
    factory_history_source,
    factory_list,
)
from factories.services import factory_save

PAGE_SIZE = 50
SEARCH_COUNTED = 1000
# What the list shows, read as plain rows: loading only these, and no model instances, keeps
# a national page cheap to build.
LIST_COLUMNS = (
    "pk",
    "gi_level",
    "name",
    "operator_name",
    "status",
    "registration_number",
    "old_registration_number",
    "class_number",
    "wastewater_risk",
    "air_risk",
    "hazardous_waste_risk",
    "factory_type__number",
    "factory_type__item",
    "district__name_th",
)


def _filter_form(request: HttpRequest) -> FactoryFilterForm:
    return factory_filter_form(request.user, request.GET or None)


def factory_index(request: HttpRequest) -> HttpResponse:
    """The register as a person may see it: filters, Thai-order sort, 50 a page, HTMX updates."""
    form = _filter_form(request)
    filters = form.filters()
    factories = factory_list(user=request.user, filters=filters)
    # Counted on the filtered register alone (no joins), the page's rows read as plain rows;
    # a search counts its matches up to SEARCH_COUNTED: beyond, the person narrows it.
    rows = factories.values(*LIST_COLUMNS)
    pages = (
        CountedUpTo(rows, PAGE_SIZE, limit=SEARCH_COUNTED, counted=factories)
        if filters.q
        else Pages(rows, PAGE_SIZE, counted=factories)
    )
    page = pages.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_add": may_add_factory(request.user),
        "active_filters": filters.narrowing,
        "filters_open": bool(filters.narrowing) or filters.sort != FactoryFilters.sort,
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, "factories/_factory_table.html", context)
    return render(request, "factories/factory_list.html", context)


# The factory page (its complainants) is never kept by a browser or a proxy.
@never_cache
def factory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # PostgreSQL's planner takes longer over each further join than the query then runs
    # (seen: 3.1 ms of planning with six joins, 0.7 ms with four), so the office comes in a
    # query of its own.
    factory = get_object_or_404(
        Factory.objects.visible_to(request.user).select_related(
            "factory_type", "province", "district", "subdistrict"
        ),
        pk=pk,
    )
    user = request.user
    context = {
        "factory": factory,
        "can_edit": may_edit_register(user, factory.office_id),
        "show_complainants": may_see_complainants(user, factory.office_id),
        # Ordered here on the factory's own rows: the models' default order goes through the
        # factory (its name), which would join the register table for nothing.
        "certificates": list(factory.green_certificates.order_by("-issued_on", "-pk")),
        "complaints": list(factory.complaints.all()),
        "loans": list(
            factory.loans.prefetch_related(
                Prefetch("follow_ups", queryset=LoanFollowUp.objects.order_by("-followed_on"))
            )
        ),
        "years": list(factory.years.order_by("-fiscal_year")),
        "history": factory_history(factory),
        "fiscal_year": current_fiscal_year(),
    }
    return render(request, "factories/factory_detail.html", context)


@never_cache
def factory_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change of a factory's register entry, for whoever may see the factory."""
    factory = get_object_or_404(Factory.objects.visible_to(request.user), pk=pk)
    return history_page(
        request,
        object_history(factory_history_source(factory)),
        title=factory.display_name,
        crumbs=[
            (_("ทะเบียนโรงงาน"), reverse("factories:list")),
            (factory.display_name, reverse("factories:detail", kwargs={"pk": factory.pk})),
        ],
    )


def _save_factory(request: HttpRequest, factory: Factory | None) -> HttpResponse:
    form = FactoryForm(request.POST or None, instance=factory, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = factory_save(factory=form.save(commit=False), user=request.user)
        messages.success(request, _("บันทึกข้อมูลโรงงาน %(name)s แล้ว") % {"name": saved.name})
        return redirect("factories:detail", pk=saved.pk)
    if request.htmx and request.GET.get("fields") == "location":
        return render(request, "factories/_location_fields.html", {"form": form})
    return render(request, "factories/factory_form.html", {"form": form, "factory": factory})


def factory_create(request: HttpRequest) -> HttpResponse:
    if not may_add_factory(request.user):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่ของสำนักงานเท่านั้นที่เพิ่มโรงงานได้"))
    return _save_factory(request, None)


def factory_edit(request: HttpRequest, pk: int) -> HttpResponse:
    factory = get_object_or_404(Factory.objects.visible_to(request.user), pk=pk)
    if not may_edit_register(request.user, factory.office_id):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่ของสำนักงานที่ดูแลโรงงานนี้เท่านั้นที่แก้ไขได้"))
    return _save_factory(request, factory)
