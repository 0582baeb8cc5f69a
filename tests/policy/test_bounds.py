"""Scorecards survive extreme answers, and one factory's failure does not stop a recompute."""

from __future__ import annotations

import logging

import pytest
from django.core.management import call_command

from inspections.models import Answer
from policy import scoring
from policy.models import Scorecard
from policy.services import scorecard_compute, scorecards_recompute
from policy.tasks import scorecard_refresh
from tests.builders import RUBRIC_YEAR, STRONG_THREE, add_factory


def test_an_answer_of_1e30_stored_before_the_bounds_does_not_break_the_scorecard(
    rubric, factory, inspect
):
    inspection = inspect(factory, STRONG_THREE | {"GEN-05": "70"})
    Answer.objects.filter(inspection=inspection, item__code="GEN-05").update(value="1e30")
    card = scorecard_compute(factory=factory, fiscal_year=RUBRIC_YEAR)
    assert card.pk
    assert scorecard_refresh(factory.pk, RUBRIC_YEAR) == "computed"


def test_recompute_goes_on_past_a_failing_factory(rubric, factory, inspect, monkeypatch, caplog):
    others = [add_factory(f"โรงงานที่ {n}") for n in range(3)]
    inspect(factory, STRONG_THREE)
    real_score = scoring.score

    def score(facts, spec, order):
        if facts.factory_id == others[0].pk:
            raise ArithmeticError("odd data")
        return real_score(facts, spec, order)

    monkeypatch.setattr(scoring, "score", score)
    with caplog.at_level(logging.ERROR, logger="policy.services"):
        report = scorecards_recompute(fiscal_year=RUBRIC_YEAR, batch_size=2)
    assert report.failed == [others[0].pk]
    scored = set(Scorecard.objects.values_list("factory_id", flat=True))
    assert {factory.pk, others[1].pk, others[2].pk} <= scored
    assert others[0].pk not in scored
    assert str(others[0].pk) in caplog.text
    call_command("recompute_scorecards", "--fiscal-year", str(RUBRIC_YEAR))


def test_the_background_refresh_logs_a_failure_instead_of_raising(rubric, factory, monkeypatch):
    def fail(**kwargs):
        raise ArithmeticError("odd data")

    monkeypatch.setattr("policy.tasks.scorecard_compute", fail)
    assert scorecard_refresh(factory.pk, RUBRIC_YEAR) == "failed"


@pytest.fixture(autouse=True)
def _no_celery_retry(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
