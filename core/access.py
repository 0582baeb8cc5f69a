"""The one scoping rule that every list, page, export, report and task goes through.

An officer and an office head see their own office; a ministry inspector the offices of the
inspection regions assigned to them; executives and admins see everything. Each model's
queryset exposes ``visible_to(user)`` built on :func:`office_scope`, and single objects
outside the scope answer 404 because views fetch them through that queryset.
"""

from __future__ import annotations

from typing import Protocol

from django.db.models import Q


class ScopedUser(Protocol):
    is_authenticated: bool
    is_active: bool
    office_id: str | None

    @property
    def sees_all_offices(self) -> bool: ...

    @property
    def is_office_staff(self) -> bool: ...

    @property
    def is_inspector(self) -> bool: ...

    def region_ids_query(self): ...


NOTHING = Q(pk__in=[])


def office_scope(user: ScopedUser, office_field: str = "office") -> Q:
    """A filter for rows whose office (reached through ``office_field``) ``user`` may see.

    ``office_field`` is the lookup path from the model to ``offices.Office``; pass ``""``
    when filtering offices themselves.
    """
    if not (user.is_authenticated and user.is_active):
        return NOTHING
    if user.sees_all_offices:
        return Q()
    prefix = f"{office_field}__" if office_field else ""
    if user.is_office_staff:
        if user.office_id is None:
            return NOTHING
        return Q(**{f"{prefix}pk": user.office_id})
    if user.is_inspector:
        return Q(**{f"{prefix}region__in": user.region_ids_query()})
    return NOTHING
