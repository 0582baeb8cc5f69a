"""Fixtures of the MIND scorecard tests: a rubric for FY 2567 and approved inspections made with
the ORM (the inspection form is built elsewhere)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from factories.models import Factory
from inspections.models import (
    Answer,
    ChecklistItem,
    FactoryInspection,
    InspectionStatus,
    VersionStatus,
)
from policy.models import Rubric
from policy.services import rubric_default_create
from tests.conftest import make_user
from tests.factories.test_pages_register import add_factory

YEAR = 2567
IN_YEAR = dt.date(2024, 3, 15)  # within FY 2567


@pytest.fixture
def rubric(db) -> Rubric:
    return rubric_default_create(fiscal_year=YEAR)


@pytest.fixture
def factory(db) -> Factory:
    return add_factory("โรงสีข้าวเชียงแสน")


@pytest.fixture
def outside_factory(db) -> Factory:
    return add_factory("โรงสีพิจิตร", province="66")


def item(code: str) -> ChecklistItem:
    return ChecklistItem.objects.get(code=code, section__version__status=VersionStatus.PUBLISHED)


@pytest.fixture
def inspect(db) -> Callable[..., FactoryInspection]:
    """Record an inspection of a factory with answers {item code: value}, approved by default."""
    officer = make_user("field-officer", "officer", "57")

    def record(
        factory: Factory,
        answers: dict[str, str],
        *,
        on: dt.date = IN_YEAR,
        status: str = InspectionStatus.APPROVED,
    ) -> FactoryInspection:
        inspection = FactoryInspection.objects.create(
            factory=factory, inspected_on=on, lead_inspector=officer, status=status
        )
        for code, value in answers.items():
            Answer(inspection=inspection, item=item(code), value=value).save()
        return inspection

    return record


# Answers that make a factory strong in business, community and environment.
STRONG_THREE = {
    "GEN-01": "yes",
    "GEN-03": "yes",
    "GEN-06": "yes",
    "BS-01": "yes",
    "BS-02": "yes",
    "GEN-12": "yes",
    "WW-01": "yes",
    "WW-11": "12",
    "IW-01": "yes",
}
