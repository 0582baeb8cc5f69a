"""Reminders of the fiscal year's coverage (core.reminders): when ``days`` of the fiscal year
(October to September) remain, each office head whose office still has risky factories not
inspected in the year is told how many. The rule is the coverage KPI's
(``policy.kpis.InspectionCoverage``: the register's one rule of a risky factory, and an
approved inspection of the year), counted for every office in one grouped query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.reminders import Reminder, register
from core.thaidates import fiscal_year_of, fiscal_year_range
from offices.selectors import Recipients
from policy import kpis


def coverage_reminders(day: dt.date, days: int) -> Iterator[Reminder]:
    fiscal_year = fiscal_year_of(day)
    if (fiscal_year_range(fiscal_year)[1] - day).days != days:
        return
    coverage = kpis.get("inspection_coverage")
    figures = coverage.by_office(kpis.Scope.nation(), kpis.Period(fiscal_year, day))
    missing = {f.office_id: f.missing for f in figures if f.missing > 0}
    people = Recipients(missing)
    for office_id, count in sorted(missing.items()):
        title = _(
            "โรงงานที่มีความเสี่ยง %(count)s แห่งยังไม่ได้ตรวจในปีงบประมาณ %(year)s (เหลืออีก %(days)s วัน)"
        ) % {"count": f"{count:,}", "year": fiscal_year, "days": days}
        url = (
            reverse("policy:kpi_records", kwargs={"code": office_id, "kpi_code": coverage.code})
            + f"?fy={fiscal_year}&which=missing"
        )
        for recipient in people.heads(office_id):
            yield Reminder(
                recipient, f"coverage:{office_id}:{fiscal_year}", f"{days}d", title[:200], url
            )


def register_reminders() -> None:
    register(
        "coverage",
        coverage_reminders,
        gettext_lazy("โรงงานเสี่ยงที่ยังไม่ได้ตรวจ: จำนวนวันที่เหลือของปีงบประมาณ"),
    )
