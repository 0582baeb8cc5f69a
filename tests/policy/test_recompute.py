"""Recomputing scorecards in bulk: same results as one by one, idempotent, constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factories.events import announce_factory_facts_changed
from factories.models import GreenIndustryCertificate
from policy.models import Scorecard
from policy.services import scorecard_compute, scorecards_recompute
from tests.builders import RUBRIC_YEAR, STRONG_THREE, add_factory

FIELDS = ["business", "community", "environment", "income", "overall", "balanced", "explanation"]


def snapshot() -> list[tuple]:
    return list(Scorecard.objects.order_by("factory_id").values_list("factory_id", *FIELDS))


@pytest.fixture
def several(rubric, factory, inspect):
    GreenIndustryCertificate.objects.create(factory=factory, level=3, issued_on=dt.date(2023, 1, 1))
    inspect(factory, STRONG_THREE | {"GEN-05": "70", "GEN-11": "30"})
    others = [add_factory(f"โรงงานที่ {n}") for n in range(3)]
    inspect(others[0], {"GEN-01": "no", "WW-11": "45"})
    return [factory, *others]


def test_it_recomputes_idempotently_and_like_one_by_one(several):
    report = scorecards_recompute(fiscal_year=RUBRIC_YEAR)
    assert report.rows == Scorecard.objects.count() >= 4
    first = snapshot()
    scorecards_recompute(fiscal_year=RUBRIC_YEAR)
    assert snapshot() == first
    for factory in several:
        scorecard_compute(factory=factory, fiscal_year=RUBRIC_YEAR)
    assert snapshot() == first


def test_it_recomputes_one_office_only(several, outside_factory):
    scorecards_recompute(fiscal_year=RUBRIC_YEAR, office=several[0].office)
    assert not Scorecard.objects.filter(factory=outside_factory).exists()
    assert Scorecard.objects.filter(office=several[0].office).count() == 4


def test_it_recomputes_with_a_constant_number_of_queries_per_batch(rubric, inspect):
    def queries(batch_size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            scorecards_recompute(fiscal_year=RUBRIC_YEAR, batch_size=batch_size)
        return len(captured)

    made = [add_factory(f"โรงงาน {n}") for n in range(4)]
    for factory in made:
        inspect(factory, STRONG_THREE)
    one_batch = queries(100)
    for n in range(6):
        inspect(add_factory(f"โรงงานเพิ่ม {n}"), STRONG_THREE)
    assert queries(100) == one_batch  # more factories, same batch: same queries
    # Every further batch adds the same fixed number, never one per factory.
    per_batch = queries(5) - queries(10)
    assert 0 < per_batch <= 10  # the factories, six kinds of facts, the save


def test_it_has_a_command_that_prints_rows_and_seconds(several):
    from io import StringIO

    out = StringIO()
    call_command(
        "recompute_scorecards", "--fiscal-year", str(RUBRIC_YEAR), "--office", "57", stdout=out
    )
    assert "4 scorecards" in out.getvalue() and " s" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("recompute_scorecards", "--fiscal-year", "2550", stdout=out)


def test_it_refreshes_a_scorecard_after_the_transaction_commits(
    rubric, factory, inspect, django_capture_on_commit_callbacks
):
    inspect(factory, STRONG_THREE)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        announce_factory_facts_changed([factory.pk], fiscal_years=[RUBRIC_YEAR])
    assert not Scorecard.objects.exists()  # nothing before the commit
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the (eager) task runs
    assert Scorecard.objects.get(factory=factory, fiscal_year=RUBRIC_YEAR).business is not None


def test_it_refreshes_nothing_without_a_rubric(factory):
    from policy.tasks import scorecard_refresh

    assert scorecard_refresh(factory.pk, 2550) == "no rubric"
    assert scorecard_refresh(10**9, RUBRIC_YEAR) == "gone"
