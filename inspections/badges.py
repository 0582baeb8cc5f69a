"""The counts an office head sees beside the menu (``core.navigation.register_badges``): the
inspections waiting for their review, and the office's orders past their deadline.

Counted once and kept in the cache per office and day (an order's deadline passes at midnight
without any write), and cleared whenever an inspection or an order of the office is saved or
deleted, so the head never reads a count that the list behind it contradicts.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

from inspections.models import FactoryInspection, InspectionStatus, Order
from offices.permissions import is_head_of

KEEP_SECONDS = 15 * 60


def _key(office_id: str) -> str:
    return f"menu-badges:{office_id}:{timezone.localdate().isoformat()}"


def head_badges(user) -> dict[str, int]:
    """{URL name: count} for the head of an office; nothing for anyone else."""
    if not is_head_of(user, user.office_id):
        return {}
    counts = cache.get(_key(user.office_id))
    if counts is None:
        counts = {
            "inspections:review_queue": FactoryInspection.objects.filter(
                office_id=user.office_id, status=InspectionStatus.SUBMITTED
            ).count(),
            "inspections:orders": Order.objects.filter(
                office_id=user.office_id, deadline__lt=timezone.localdate()
            )
            .still_open()
            .count(),
        }
        cache.set(_key(user.office_id), counts, KEEP_SECONDS)
    return counts


def badges_changed(sender, instance, **kwargs) -> None:
    """An inspection or an order of the office was written: count again on the next page."""
    if instance.office_id:
        cache.delete(_key(instance.office_id))
