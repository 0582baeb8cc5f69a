"""Fixtures of the MIND scorecard tests: a rubric for FY 2567 and approved inspections made with
the ORM (the inspection form is built elsewhere)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from factories.models import Factory
from inspections.models import (
    Answer,
    FactoryInspection,
    InspectionStatus,
)
from policy.models import Rubric
from policy.services import rubric_default_create
from tests.builders import IN_RUBRIC_YEAR, RUBRIC_YEAR, add_factory, item, make_user


@pytest.fixture
def rubric(db) -> Rubric:
    return rubric_default_create(fiscal_year=RUBRIC_YEAR)


@pytest.fixture
def factory(db) -> Factory:
    return add_factory("โรงสีข้าวเชียงแสน")


@pytest.fixture
def outside_factory(db) -> Factory:
    return add_factory("โรงสีพิจิตร", province="66")


@pytest.fixture
def inspect(db) -> Callable[..., FactoryInspection]:
    """Record an inspection of a factory with answers {item code: value}, approved by default."""
    officer = make_user("field-officer", "officer", "57")

    def record(
        factory: Factory,
        answers: dict[str, str],
        *,
        on: dt.date = IN_RUBRIC_YEAR,
        status: str = InspectionStatus.APPROVED,
    ) -> FactoryInspection:
        inspection = FactoryInspection.objects.create(
            factory=factory, inspected_on=on, lead_inspector=officer, status=status
        )
        for code, value in answers.items():
            Answer(inspection=inspection, item=item(code), value=value).save()
        return inspection

    return record
