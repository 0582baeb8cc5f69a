"""The registry of reminder kinds: each app registers a function selecting who is reminded of
what at a threshold for a day; ``core.tasks.send_reminders`` runs them all.

A selector is called once per active ``ReminderThreshold`` row of its kind with the day (in
Bangkok) and the row's ``days``, and must cost a fixed number of queries however many records
it looks at: it reads the records in one or two queries and the people to tell in one more.
Who is told is always someone who sees the record: of its own office, of the ministry unit it
was given to, or the ministry's inspector of its office (``offices.selectors.Recipients``).
"""

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
# What ``days`` means for each kind, shown beside the thresholds in admin.
DESCRIPTIONS: dict[str, str] = {}


def register(kind: str, selector: Selector, description: str = "") -> None:
    KINDS[kind] = selector
    if description:
        DESCRIPTIONS[kind] = description


def reminders_for(day: dt.date) -> list[tuple[str, Reminder]]:
    """Every reminder due on ``day``, of every kind (a threshold of an unknown kind is skipped)."""
    return [row for _threshold, rows in reminders_by_threshold(day) for row in rows]


def reminders_by_threshold(day: dt.date) -> Iterable[tuple[object, list[tuple[str, Reminder]]]]:
    """The reminders due on ``day``, one active threshold at a time (in a fixed order, so that
    two runs at once meet the same rows in the same order)."""
    from core.models import ReminderThreshold

    thresholds = ReminderThreshold.objects.filter(active=True, kind__in=list(KINDS)).order_by(
        "kind", "days"
    )
    for threshold in thresholds:
        yield (
            threshold,
            [(threshold.kind, r) for r in KINDS[threshold.kind](day, threshold.days)],
        )
