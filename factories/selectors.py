"""Reads of the factory register reused by pages, exports and reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Collate
from django.utils import timezone

from core.history import History, Source, object_history, source_of
from core.thaidates import current_fiscal_year
from core.thaisort import thai_collation, thai_sort_key
from factories.models import RISKY, Factory, FactoryType, GreenIndustryCertificate
from offices.models import District, Office


@dataclass(frozen=True)
class FactoryFilters:
    """What a person asked the factory list for; every field optional."""

    q: str = ""
    office: str = ""
    district: str = ""
    factory_type: str = ""
    class_number: int | None = None
    status: int | None = None
    risk: str = ""
    gi_level: int | None = None
    inspected: str = ""  # "yes": an approved inspection this fiscal year; "no": none
    missing: str = ""  # "name": registered factories whose name the office is still to fill
    sort: str = "name"

    @property
    def narrowing(self) -> int:
        """How many filters narrow the list (the search box and the order aside)."""
        return sum(
            value not in ("", None)
            for value in (
                self.office,
                self.district,
                self.factory_type,
                self.class_number,
                self.status,
                self.risk,
                self.gi_level,
                self.inspected,
                self.missing,
            )
        )


RISK_FILTERS = {
    "any": RISKY,
    "wastewater": Q(wastewater_risk=True),
    "air": Q(air_risk=True),
    "hazardous_waste": Q(hazardous_waste_risk=True),
    "none": ~RISKY,
}


def current_gi_level() -> Coalesce:
    """The highest level among a factory's certificates that have not expired (0 = none)."""
    today = timezone.localdate()
    valid = (
        GreenIndustryCertificate.objects.filter(factory=OuterRef("pk"), issued_on__lte=today)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .order_by("-level")
        .values("level")[:1]
    )
    return Coalesce(Subquery(valid, output_field=IntegerField()), 0)


def inspected_this_fiscal_year() -> Q:
    """Whether a factory has an approved inspection in the current fiscal year."""
    return Q(last_inspected_fiscal_year=current_fiscal_year())


def factory_text_search(factories: QuerySet[Factory], q: str) -> QuerySet[Factory]:
    """Factories whose name, operator or old-style number holds ``q``, or whose 14-digit number
    starts with it: the lookups the register's trigram indexes serve."""
    return factories.filter(
        Q(name__icontains=q)
        | Q(operator_name__icontains=q)
        | Q(registration_number__startswith=q)
        | Q(old_registration_number__icontains=q)
    )


def factory_list(*, user, filters: FactoryFilters) -> QuerySet[Factory]:
    """The factories ``user`` may see that match ``filters``, in Thai order, with ``gi_level``."""
    factories = (
        Factory.objects.visible_to(user)
        .select_related("factory_type", "district")
        .annotate(gi_level=current_gi_level())
    )
    if filters.q:
        factories = factory_text_search(factories, filters.q)
    if filters.office:
        factories = factories.filter(office_id=filters.office)
    if filters.district:
        factories = factories.filter(district_id=filters.district)
    if filters.factory_type:
        # A main type (00900) also finds its items (00901, 00906 …).
        if filters.factory_type.endswith("00"):
            factories = factories.filter(factory_type__code__startswith=filters.factory_type[:3])
        else:
            factories = factories.filter(factory_type_id=filters.factory_type)
    if filters.class_number is not None:
        factories = factories.filter(class_number=filters.class_number)
    if filters.status is not None:
        factories = factories.filter(status=filters.status)
    if filters.risk in RISK_FILTERS:
        factories = factories.filter(RISK_FILTERS[filters.risk])
    if filters.gi_level is not None:
        factories = factories.filter(gi_level=filters.gi_level)
    if filters.inspected in ("yes", "no"):
        inspected = inspected_this_fiscal_year()
        factories = factories.filter(inspected if filters.inspected == "yes" else ~inspected)
    if filters.missing == "name":
        factories = factories.filter(name="")
    collation = thai_collation()
    ordering = {
        "name": [Collate("name", collation), "pk"],
        "operator": [Collate("operator_name", collation), "pk"],
        "number": ["registration_number", "old_registration_number", "pk"],
        "licence": ["-licence_date", "pk"],
    }.get(filters.sort) or [Collate("name", collation), "pk"]
    return factories.order_by(*ordering)


FILTER_CHOICES_KEY = "factories:filter-choices"
FILTER_CHOICES_SECONDS = 300


def filter_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Every office as (code, province name) in Thai order, and the main factory types as
    (code, label). Reference data read on every list page, so kept in the cache; saving an
    office or a type clears it (``factories.apps``)."""
    cached = cache.get(FILTER_CHOICES_KEY)
    if cached is None:
        offices = sorted(
            Office.objects.values_list("pk", "province__name_th"),
            key=lambda row: thai_sort_key(row[1]),
        )
        types = [
            (t.code, f"{t.label} {t.name}"[:90])
            for t in FactoryType.objects.filter(item=0).order_by("code")
        ]
        cached = (offices, types)
        cache.set(FILTER_CHOICES_KEY, cached, FILTER_CHOICES_SECONDS)
    return cached


def filter_choices_clear(**kwargs) -> None:
    cache.delete(FILTER_CHOICES_KEY)


def _districts_key(province: str) -> str:
    return f"factories:districts:{province}"


def district_choices(province: str) -> list[tuple[str, str]]:
    """A province's districts as (code, name) in code order, for the district filter.
    Reference data, kept in the cache like the other filter choices; saving a district
    clears its province's entry (``factories.apps``)."""
    cached = cache.get(_districts_key(province))
    if cached is None:
        cached = list(
            District.objects.filter(province_id=province)
            .order_by("code")
            .values_list("code", "name_th")
        )
        cache.set(_districts_key(province), cached, FILTER_CHOICES_SECONDS)
    return cached


def district_choices_clear(*, instance: District, **kwargs) -> None:
    cache.delete(_districts_key(instance.province_id))


HISTORY_SHOWN = 20
# Not shown as changes: the office, which follows the province (a change of province already
# says it).
_UNTRACKED_FIELDS = ("office",)
# Versions read for each entry of the factory page's card: a factory's versions seldom collapse
# (imports are each an event, people edit it now and then), and its rows are wide. For a factory
# of 600 versions the card took 9 ms reading 200 of them, 6 ms reading 60 (best of 20, three
# queries: the versions, the one before the oldest, the districts' names).
FACTORY_READ = 3


def factory_history_source(factory: Factory) -> Source:
    return source_of(factory, exclude=_UNTRACKED_FIELDS)


def factory_history(factory: Factory, *, limit: int = HISTORY_SHOWN) -> History:
    """The latest ``limit`` entries of ``factory``'s history, newest first, each with the fields
    that it changed (``core.history``). One query reads the versions; a change of place or type
    costs one more query for each kind, to name them. The places are not joined to the
    versions: PostgreSQL took 3.4 ms to plan that query, which then ran in 0.5 ms, and a
    factory's place seldom changes."""
    return object_history(factory_history_source(factory), limit=limit, read=limit * FACTORY_READ)
