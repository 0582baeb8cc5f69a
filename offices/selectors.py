"""Reads of offices reused by pages and, later, reports."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Collate

from core.thaisort import thai_collation
from offices.models import Office, OfficeYear


def office_list(*, user, fiscal_year: int, region: int | None = None, q: str = "") -> list[Office]:
    """The offices ``user`` may see, in Thai order of province name, each with ``year`` set to
    its facts for ``fiscal_year`` (or None). Two queries whatever the number of offices."""
    offices: QuerySet[Office] = (
        Office.objects.visible_to(user)
        .select_related("province", "region")
        .prefetch_related(
            Prefetch(
                "years",
                queryset=OfficeYear.objects.filter(fiscal_year=fiscal_year),
                to_attr="years_of_fy",
            )
        )
    )
    if region:
        offices = offices.filter(region__number=region)
    if q:
        offices = offices.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q) | Q(province__name_en__icontains=q)
        )
    result = list(offices.order_by(Collate("province__name_th", thai_collation())))
    for office in result:
        office.year = office.years_of_fy[0] if office.years_of_fy else None
    return result
