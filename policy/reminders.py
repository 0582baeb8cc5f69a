"""Reminders of the policy's records (core.reminders).

``coverage``: when ``days`` of the fiscal year (October to September) remain, each office head
whose office still has risky factories not inspected in the year is told how many. The rule is
the coverage KPI's (``policy.kpis.InspectionCoverage``: the register's one rule of a risky
factory, and an approved inspection of the year), counted for every office in one grouped query.

``directive``: a directive of an inspection round still open ``days`` before its due date, and
once it is overdue (a negative ``days``), as the orders' reminders. Told are whoever must act
(the office's heads, or the people of the ministry unit it was given to) and the ministry's
inspector of the visit (the lead inspector recorded on the visit, or else whoever prepared it),
if they still see the directive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.reminders import Reminder, register
from core.thaidates import fiscal_year_of, fiscal_year_range, format_be_date
from offices.models import User
from offices.selectors import Recipients
from policy import kpis
from policy.models import Directive


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


def directive_reminders(day: dt.date, days: int) -> Iterator[Reminder]:
    """``days`` before the due date of an open directive (0: the day itself); a negative
    ``days``: once, the first day it is overdue (``Directive.overdue_q``) on which the job
    runs. Two queries however many directives: the directives, then the people."""
    directives = Directive.objects.open()
    if days < 0:
        directives, threshold = directives.filter(Directive.overdue_q(day)), "overdue"
    else:
        directives, threshold = directives.filter(due_on=day + dt.timedelta(days=days)), f"{days}d"
    in_region = User.regions.through.objects.filter(
        user_id=OuterRef("inspector_id"), region_id=OuterRef("visit__office__region_id")
    )
    rows = list(
        directives.annotate(inspector_id=Coalesce("visit__lead_user", "visit__prepared_by"))
        .annotate(inspector_in_region=Exists(in_region))
        .order_by("pk")
        .values(
            "pk",
            "text",
            "due_on",
            "unit_id",
            "unit__code",
            "visit__office_id",
            "visit__office__short_name",
            "inspector_id",
            "inspector_in_region",
        )
    )
    people = Recipients(
        {d["visit__office_id"] for d in rows if d["unit_id"] is None},
        units={d["unit_id"] for d in rows},
        ministry={d["inspector_id"] for d in rows},
    )
    for d in rows:
        office = d["visit__office__short_name"]
        if d["unit_id"] is None:
            assignee, acting = office, people.heads(d["visit__office_id"])
        else:
            assignee, acting = f"{d['unit__code']} ({office})", people.of_unit(d["unit_id"])
        values = {
            "assignee": assignee,
            "due": format_be_date(d["due_on"]),
            "text": Truncator(" ".join(d["text"].split())).chars(90),
        }
        if threshold == "overdue":
            title = _("ข้อสั่งการถึง %(assignee)s เลยกำหนด %(due)s แล้ว: %(text)s") % values
        else:
            title = _("ข้อสั่งการถึง %(assignee)s ครบกำหนด %(due)s: %(text)s") % values
        url = reverse("policy:directive", kwargs={"pk": d["pk"]})
        inspector = people.ministry(d["inspector_id"], in_region=d["inspector_in_region"])
        for recipient in dict.fromkeys([*acting, *inspector]):
            yield Reminder(recipient, f"directive:{d['pk']}", threshold, title[:200], url)


def register_reminders() -> None:
    register(
        "coverage",
        coverage_reminders,
        gettext_lazy("โรงงานเสี่ยงที่ยังไม่ได้ตรวจ: จำนวนวันที่เหลือของปีงบประมาณ"),
    )
    register(
        "directive",
        directive_reminders,
        gettext_lazy("ข้อสั่งการ: จำนวนวันก่อนครบกำหนด (0 = วันครบกำหนด, -1 = เมื่อเลยกำหนด)"),
    )
