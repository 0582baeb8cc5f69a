"""Background work of the policy app."""

from __future__ import annotations

import logging

from celery import shared_task

from factories.models import Factory
from policy.services import NoRubric, scorecard_compute, scorecard_years_to_refresh

log = logging.getLogger(__name__)


@shared_task
def scorecard_refresh(factory_id: int, fiscal_year: int) -> str:
    """Recompute one factory's scorecard for one fiscal year."""
    factory = Factory.objects.filter(pk=factory_id).first()
    if factory is None:
        return "gone"
    try:
        scorecard_compute(factory=factory, fiscal_year=fiscal_year)
    except NoRubric:
        # Nothing to score against yet; the next recompute after publishing catches up.
        log.info("no published MIND rubric for fiscal year %s", fiscal_year)
        return "no rubric"
    except Exception:
        # Logged with the factory, not retried: the same data would fail the same way.
        log.exception("scorecard of factory %s, fiscal year %s failed", factory_id, fiscal_year)
        return "failed"
    return "computed"


@shared_task
def factory_scorecards_refresh(factory_id: int, fiscal_years: list[int]) -> dict[int, str]:
    """Recompute a factory's scorecards after its facts changed (``factory_facts_changed``):
    the years named, the current one and every year it has a card for. Idempotent: running it
    twice computes the same cards from the same facts."""
    return {
        year: scorecard_refresh(factory_id, year)
        for year in scorecard_years_to_refresh(factory_id=factory_id, fiscal_years=fiscal_years)
    }
