"""Who may change the MIND policy's settings (``offices.permissions`` for the office rules)."""

from __future__ import annotations

from django.db.models import QuerySet

from offices.models import Region, Role
from offices.permissions import is_admin, is_signed_in


def may_set_targets(user) -> bool:
    """The ministry's executives and the system's admins set the KPI targets, national and per
    office; nobody in an office or on inspection duty does."""
    return is_admin(user) or (is_signed_in(user) and user.role == Role.EXECUTIVE)


def may_see_nation(user) -> bool:
    """The national dashboard is the ministry's executives' and the admins'."""
    return is_signed_in(user) and user.sees_all_offices


def regions_of(user) -> QuerySet[Region]:
    """The inspection regions whose dashboard ``user`` may open: every region for executives and
    admins, their own for an inspector, none for anyone else (office staff read their office)."""
    if not is_signed_in(user):
        return Region.objects.none()
    if user.sees_all_offices:
        return Region.objects.all()
    if user.is_inspector:
        return user.regions.all()
    return Region.objects.none()
