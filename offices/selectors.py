"""Reads of offices reused by pages and, later, reports."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    OrderBy,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Collate
from django.shortcuts import get_object_or_404

from core.thaisort import thai_collation
from offices.models import OFFICE_ROLES, HousingCondition, Office, Role, User


def visible_office(user, code: str) -> Office:
    """The office ``code`` if ``user`` may see it (``Office.objects.visible_to``); ``Http404``
    otherwise. A person's own office is always among those they see, and was loaded with them
    (``offices.backends``): it costs no query."""
    own = getattr(user, "office", None) if user.is_authenticated else None
    if own is not None and own.pk == code:
        return own
    return get_object_or_404(Office.objects.visible_to(user), pk=code)


# The office list's sortable columns. Names sort in Thai dictionary order of the province (every
# short name starts with "สอจ."); the year's figures with the offices that have not reported the
# year last, whichever the direction; housing from good to none, the order of its choices.
OFFICE_SORTS = ("name", "region", "staff", "budget", "spent", "housing")
DEFAULT_OFFICE_SORT = "name"


def office_sort_value(sort: str) -> tuple[str, bool]:
    """``"-staff"`` → ``("staff", True)``; anything unknown gives the default, ascending."""
    descending = sort.startswith("-")
    key = sort[1:] if descending else sort
    if key not in OFFICE_SORTS:
        return DEFAULT_OFFICE_SORT, False
    return key, descending


def _sort_expression(key: str):
    if key == "name":
        return Collate("province__name_th", thai_collation())
    if key == "region":
        return F("region__number")
    if key == "staff":
        return F("fy__staff_count")
    if key == "budget":
        return F("fy__budget_received")
    if key == "spent":
        # The share spent; nothing received is no share at all, so it sorts with the unreported.
        return Case(
            When(
                fy__budget_received__gt=0,
                then=ExpressionWrapper(
                    F("fy__budget_spent") * 100 / F("fy__budget_received"),
                    output_field=DecimalField(),
                ),
            ),
            default=None,
            output_field=DecimalField(),
        )
    return Case(
        *[
            When(fy__housing_condition=value, then=Value(rank))
            for rank, value in enumerate(HousingCondition.values)
        ],
        default=None,
        output_field=IntegerField(),
    )


def office_list(
    *,
    user,
    fiscal_year: int,
    region: int | None = None,
    q: str = "",
    sort: str = DEFAULT_OFFICE_SORT,
) -> list[Office]:
    """The offices ``user`` may see, sorted by ``sort`` (one of :data:`OFFICE_SORTS`, ``-`` in
    front for descending; ties in Thai order of province name), each with ``year`` set to its
    facts for ``fiscal_year`` (or None). One query whatever the number of offices: the year is
    joined in, not prefetched."""
    offices: QuerySet[Office] = (
        Office.objects.visible_to(user)
        .annotate(fy=FilteredRelation("years", condition=Q(years__fiscal_year=fiscal_year)))
        .select_related("province", "region", "fy")
    )
    if region:
        offices = offices.filter(region__number=region)
    if q:
        offices = offices.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q) | Q(province__name_en__icontains=q)
        )
    key, descending = office_sort_value(sort)
    first = OrderBy(_sort_expression(key), descending=descending, nulls_last=True)
    name = Collate("province__name_th", thai_collation())
    result = list(offices.order_by(first, name.asc(), "pk"))
    for office in result:
        office.year = getattr(office, "fy", None)  # not set when the year has no row
    return result


class Recipients:
    """The people a reminder may go to: the heads of some offices and the members named in
    ``people`` who still work there; the people of some ministry units (``units``); and the
    ministry's people named in ``ministry`` (an inspector who led a visit, say). Read in one
    query, so that a reminder kind costs the same whatever the number of its records; nobody of
    another office or unit, nobody on the ministry's side who may not see the record, and
    nobody whose account is switched off, is ever among them."""

    def __init__(
        self,
        office_ids: Iterable[str | None],
        people: Iterable[int | None] = (),
        *,
        units: Iterable[int | None] = (),
        ministry: Iterable[int | None] = (),
    ):
        offices = {o for o in office_ids if o}
        named = {p for p in people if p}
        unit_ids = {u for u in units if u}
        ministry_ids = {p for p in ministry if p}
        self._heads: dict[str, list[int]] = {}
        self._office_of: dict[int, str] = {}
        self._unit_people: dict[int, list[int]] = {}
        self._ministry: dict[int, User] = {}
        who = Q()
        if offices:
            who |= Q(office_id__in=offices) & (
                Q(role=Role.HEAD) | Q(pk__in=named, role__in=[Role.HEAD, Role.OFFICER])
            )
        if unit_ids:
            who |= Q(unit_id__in=unit_ids, role=Role.UNIT)
        if ministry_ids:
            who |= Q(pk__in=ministry_ids) & ~Q(role__in=[*OFFICE_ROLES, Role.UNIT])
        if not who:
            return
        rows = (
            User.objects.filter(who, is_active=True)
            .order_by("pk")
            .only("pk", "office_id", "unit_id", "role", "is_superuser", "is_active")
        )
        for user in rows:
            if user.is_office_staff and user.office_id in offices:
                self._office_of[user.pk] = user.office_id
                if user.is_head:
                    self._heads.setdefault(user.office_id, []).append(user.pk)
            elif user.is_unit_staff and user.unit_id in unit_ids:
                self._unit_people.setdefault(user.unit_id, []).append(user.pk)
            if user.pk in ministry_ids and not (user.is_office_staff or user.is_unit_staff):
                self._ministry[user.pk] = user

    def heads(self, office_id: str | None) -> list[int]:
        return list(self._heads.get(office_id or "", []))

    def of(self, office_id: str | None, *people: int | None) -> list[int]:
        """The heads of the office and those of ``people`` who are its members, once each."""
        found = self.heads(office_id)
        for pk in people:
            if pk and self._office_of.get(pk) == office_id and pk not in found:
                found.append(pk)
        return found

    def of_unit(self, unit_id: int | None) -> list[int]:
        """The people of the ministry unit."""
        return list(self._unit_people.get(unit_id or 0, []))

    def ministry(self, pk: int | None, *, in_region: bool) -> list[int]:
        """``pk`` if they are on the ministry's side and see the office of the record: every
        office for the Head Inspector, executives and admins, an inspector only those of their
        regions (``in_region``: the office's region is one of theirs), as ``core.access``."""
        user = self._ministry.get(pk or 0)
        if user is None or not (user.sees_all_offices or (user.is_inspector and in_region)):
            return []
        return [user.pk]
