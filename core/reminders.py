"""The registry of reminder kinds: each app registers a function selecting who is reminded of
what at a threshold for a day; ``core.tasks.send_reminders`` runs them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import NamedTuple


class Reminder(NamedTuple):
    recipient_id: int
    subject_key: str
    threshold: str
    title: str
    url: str = ""


Selector = Callable[[dt.date, int], Iterable[Reminder]]
KINDS: dict[str, Selector] = {}


def register(kind: str, selector: Selector) -> None:
    KINDS[kind] = selector


def reminders_for(day: dt.date) -> list[tuple[str, Reminder]]:
    from core.models import ReminderThreshold

    rows = []
    for threshold in ReminderThreshold.objects.filter(active=True, kind__in=list(KINDS)):
        for reminder in KINDS[threshold.kind](day, threshold.days):
            rows.append((threshold.kind, reminder))
    return rows
