"""Who may change the MIND policy's settings (``offices.permissions`` for the office rules)."""

from __future__ import annotations

from django.db.models import QuerySet

from offices.models import Region, Role
from offices.permissions import is_admin, is_member_of, is_signed_in
from policy.models import Visit


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


# --- Inspection rounds ---------------------------------------------------------------------------
# Reading is scoped by ``Visit.objects.visible_to`` and ``Directive.objects.visible_to``; these
# say who may do what with a round, a visit and a directive.


def runs_rounds(user) -> bool:
    """The ministry's side of the rounds: inspectors, the Head Inspector, executives, admins."""
    return is_signed_in(user) and (
        user.is_superuser
        or user.role in (Role.INSPECTOR, Role.HEAD_INSPECTOR, Role.EXECUTIVE, Role.ADMIN)
    )


def may_prepare_visit(user, office) -> bool:
    """A region's inspector prepares and records the visits of their region's offices; the
    Head Inspector, executives and admins those of every office."""
    if not runs_rounds(user):
        return False
    if user.is_inspector:
        return user.regions.filter(pk=office.region_id).exists()
    return True


def may_record_visit(user, visit) -> bool:
    """Findings, recommendations and directives are the ministry's, written by those who may
    prepare the visit."""
    return may_prepare_visit(user, visit.office)


def may_report_for_visit(user, visit) -> bool:
    """The office's officers and head write its report on each topic."""
    return is_member_of(user, visit.office_id)


def may_update_directive(user, directive) -> bool:
    """Whoever must act reports progress: the office (a directive without a unit), the unit's
    people (one with a unit); the ministry's recorders of the visit may too."""
    if directive.unit_id is None:
        if is_member_of(user, directive.visit.office_id):
            return True
    elif is_signed_in(user) and user.is_unit_staff and user.unit_id == directive.unit_id:
        return True
    return may_record_visit(user, directive.visit)


def may_see_visit(user, visit) -> bool:
    """Whoever sees the visit's office sees the visit (``Visit.objects.visible_to``): its own
    people, the inspectors of its region, the Head Inspector, executives and admins; a ministry
    unit sees the directives given to it, not the visit."""
    return Visit.objects.visible_to(user).filter(pk=visit.pk).exists()


def may_see_round_summary(user, region_ids: list[int] | None) -> bool:
    """A round's summary of the offices of ``region_ids`` (``None``: every office) is for
    whoever sees them all on the round's overview: an inspector their regions' offices, the
    Head Inspector, executives and admins every office."""
    if not runs_rounds(user):
        return False
    if user.sees_all_offices:
        return True
    if region_ids is None:
        return False
    return set(region_ids) <= set(regions_of(user).values_list("pk", flat=True))
