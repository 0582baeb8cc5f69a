"""Background work of the inspections app."""

from __future__ import annotations

from celery import shared_task

from inspections.services.review import orders_mark_overdue


@shared_task
def mark_overdue_orders() -> int:
    """Run daily by beat: open orders past their deadline become overdue."""
    return orders_mark_overdue()
