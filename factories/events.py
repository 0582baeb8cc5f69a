"""Domain events of the register: what happened to factories, for the apps built on it.

The register does not know who listens. ``policy`` refreshes the factories' MIND scorecards on
``factory_facts_changed``; anything else that keeps figures about factories may listen too.

A *fact* is what a factory's scores and figures are read from: an approved inspection, a Green
Industry certificate, a complaint, an order, a loan and its follow-ups, a year's iSingle Form.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

factory_facts_changed = Signal()
"""Sent once the transaction that changed the facts has committed.

Arguments: ``factory_ids`` (a frozenset of factory primary keys) and ``fiscal_years`` (a
frozenset of BE fiscal years the change certainly concerns; listeners also look at the current
year and any year they keep figures for).
"""


def announce_factory_facts_changed(
    factory_ids: Iterable[int | None], *, fiscal_years: Iterable[int] = ()
) -> None:
    """Tell the listeners, after the current transaction commits, that these factories' facts
    changed. Nothing is sent if the transaction rolls back."""
    ids = frozenset(pk for pk in factory_ids if pk)
    if not ids:
        return
    years = frozenset(fiscal_years)
    transaction.on_commit(
        lambda: factory_facts_changed.send(
            sender=announce_factory_facts_changed, factory_ids=ids, fiscal_years=years
        )
    )


def fact_saved_or_deleted(sender, instance, **kwargs) -> None:
    """A ``post_save``/``post_delete`` receiver for models with a ``factory_id``: connected in
    the apps' ``ready()`` for every model a factory's facts are read from, so that a write from
    a page, a service or the admin is announced alike."""
    announce_factory_facts_changed([instance.factory_id])


def connect_facts(*models) -> None:
    """Announce every save and delete of these models' rows (each has a ``factory_id``)."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                fact_saved_or_deleted,
                sender=model,
                dispatch_uid=f"factory-facts-{model._meta.label}-{id(signal)}",
            )
