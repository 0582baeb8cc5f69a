"""Demo inspections: fiscal years of an office's work, from a few hundred to a national load.

Shaped like the work the sources describe: every active risky factory is inspected each fiscal
year (often twice), other factories now and then, complaints bring a visit, findings bring s.37
orders with deadlines, and a follow-up closes most of them; the rest are overdue or escalated.
Past fiscal years are approved; the current one holds what an office has done so far (drafts,
returned, submitted and approved work). Lead inspectors are the office's own staff, so only
offices with staff get inspections (all 76 at national scale; three at small scale).

Answers: each answered inspection answers every item of the published checklist versions that
apply to the factory. Doing so for every inspection would write some 7 million rows that no
page reads; we answer the current and the previous fiscal year in full (the year being worked
and the last complete year, which the scorecards score); older inspections keep only their
non-compliant answers, so that every finding and order of any year still rests on its answer.

Rows are written with explicit ids: on PostgreSQL through ``COPY`` (psycopg's
``cursor.copy()``), elsewhere with ``bulk_create``. History rows are not written for demo data.
Deterministic for a given seed and day.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from core.thaidates import current_fiscal_year, fiscal_year_of, fiscal_year_range
from factories.models import Complaint, Factory, FactoryStatus
from inspections.models import (
    Answer,
    AnswerValue,
    ChecklistItem,
    ChecklistVersion,
    Compliance,
    FactoryInspection,
    Finding,
    InspectionKind,
    InspectionPhoto,
    InspectionPlanEntry,
    InspectionStatus,
    ItemKind,
    Order,
    OrderCheck,
    OrderSection,
    OrderStatus,
    Severity,
    VersionStatus,
)
from inspections.services.facts import factories_last_inspected_refresh
from inspections.services.form import checklist_kinds
from offices.models import OFFICE_ROLES, Role, User

FLUSH_ROWS = 50_000
SUMMARIES = (
    "ตรวจสภาพทั่วไป ระบบบำบัดน้ำเสีย และการจัดการกากอุตสาหกรรม",
    "ตรวจตามแผนประจำปี ผู้ประกอบการให้ความร่วมมือดี",
    "ตรวจติดตามการปฏิบัติตามคำสั่ง",
    "ตรวจข้อเท็จจริงตามเรื่องร้องเรียนของประชาชน",
)
ORDER_TEXT = (
    "ให้ปรับปรุงแก้ไขข้อบกพร่องที่ตรวจพบให้ถูกต้องตามกฎหมาย และรายงานผลต่อสำนักงานอุตสาหกรรมจังหวัด"
    "ภายในระยะเวลาที่กำหนด ตามมาตรา 37 แห่งพระราชบัญญัติโรงงาน พ.ศ. 2535"
)
ESCALATION_TEXT = (
    "ให้หยุดประกอบกิจการโรงงานเฉพาะส่วนที่ไม่ปฏิบัติตามคำสั่งไว้เป็นการชั่วคราว"
    "จนกว่าจะได้ปรับปรุงแก้ไขให้ถูกต้อง ตามมาตรา 39 แห่งพระราชบัญญัติโรงงาน พ.ศ. 2535"
)


@dataclass
class DemoInspectionCounts:
    inspections: int = 0
    by_year: dict[int, int] = field(default_factory=dict)
    answers: int = 0
    findings: int = 0
    orders: int = 0
    overdue_orders: int = 0
    plan_entries: int = 0


class _Writer:
    """Rows for several tables, buffered and written in bulk with ids we choose."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.buffers: dict[type[models.Model], list[tuple]] = defaultdict(list)
        self.columns: dict[type[models.Model], list[str]] = {}
        self.next_id: dict[type[models.Model], int] = {}
        self.written = 0

    def reserve(self, model: type[models.Model]) -> None:
        """Start numbering after the table's current ids (and its sequence on PostgreSQL)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
            highest = cursor.fetchone()[0]
            if self.postgres:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [model._meta.db_table]
                )
                highest = max(highest, cursor.fetchone()[0])
        self.next_id[model] = highest + 1

    def new_id(self, model: type[models.Model]) -> int:
        pk = self.next_id[model]
        self.next_id[model] = pk + 1
        return pk

    def add(self, model: type[models.Model], columns: list[str], row: tuple) -> None:
        self.columns.setdefault(model, columns)
        buffer = self.buffers[model]
        buffer.append(row)
        if len(buffer) >= FLUSH_ROWS:
            self.flush(model)

    def flush(self, model: type[models.Model]) -> None:
        rows = self.buffers.pop(model, [])
        if not rows:
            return
        columns = self.columns[model]
        self.written += len(rows)
        if self.postgres:
            from psycopg import sql

            fields = {f.attname: f.column for f in model._meta.concrete_fields}
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                sql.Identifier(model._meta.db_table),
                sql.SQL(", ").join(sql.Identifier(fields.get(c, c)) for c in columns),
            )
            with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            model.objects.bulk_create(
                [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=500
            )

    def finish(self) -> None:
        for model in list(self.buffers):
            self.flush(model)
        if self.postgres:
            with connection.cursor() as cursor:
                for model, next_id in self.next_id.items():
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                        [model._meta.db_table, max(next_id - 1, 1)],
                    )


@dataclass
class _Item:
    pk: int
    severity: str
    good: str  # a value that complies (or is recorded)
    bad: str | None  # a value that does not comply, None when no answer can fail
    compliance_good: str
    text: str
    legal: str


def _answer_values(item: ChecklistItem) -> tuple[str, str | None]:
    if item.kind == ItemKind.YES_NO:
        yes, no = AnswerValue.YES.value, AnswerValue.NO.value
        return (yes, no) if item.compliant_when_yes else (no, yes)
    if item.kind == ItemKind.NUMBER:
        lo, hi = item.limit_min, item.limit_max
        if hi is not None:
            good = (lo + hi) / 2 if lo is not None else hi * Decimal("0.6")
            return f"{good:.1f}", f"{hi * Decimal('1.8'):.1f}"
        if lo is not None:
            return f"{lo * Decimal('1.5'):.1f}", f"{lo * Decimal('0.5'):.1f}"
        return "120", None
    if item.kind == ItemKind.CHOICE:
        good = next((c for c in item.choices if c.get("compliant") is not False), None)
        bad = next((c for c in item.choices if c.get("compliant") is False), None)
        return (
            str(good["value"]) if good else str(item.choices[0]["value"]),
            str(bad["value"]) if bad else None,
        )
    if item.kind == ItemKind.PHOTO:
        return "ถ่ายภาพประกอบแล้ว", None
    return "บันทึกข้อเท็จจริงตามที่พบ", None


def _published_items() -> dict[str, tuple[int, list[_Item]]]:
    """Per ``applies_when``: the published version's id and its items."""
    result: dict[str, tuple[int, list[_Item]]] = {}
    versions = ChecklistVersion.objects.filter(
        status=VersionStatus.PUBLISHED, template__is_active=True
    ).select_related("template")
    for version in versions:
        items = []
        for item in ChecklistItem.objects.filter(section__version=version).order_by(
            "section__order", "order", "pk"
        ):
            good, bad = _answer_values(item)
            items.append(
                _Item(
                    pk=item.pk,
                    severity=item.severity,
                    good=good,
                    bad=bad,
                    compliance_good=item.evaluate(good),
                    text=item.text,
                    legal=item.legal_reference,
                )
            )
        result.setdefault(version.template.applies_when, (version.pk, items))
    return result


def demo_user_ids() -> list[int]:
    """The demo people and the national office staff: the leads of every demo inspection."""
    from offices.demo import DEMO_PEOPLE

    names = [p.username for p in DEMO_PEOPLE]
    return list(
        User.objects.filter(
            Q(username__in=names)
            | Q(username__regex=r"^(head|officer)[0-9]{2}$", role__in=OFFICE_ROLES)
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def demo_inspections_delete() -> int:
    """Remove what :func:`demo_inspections_create` made, so that seeding again starts clean.

    A raw delete, table by table: the history signals of a normal delete would load and copy
    every one of some millions of rows.
    """
    users = demo_user_ids()
    ids = FactoryInspection.objects.filter(lead_inspector_id__in=users).values("pk")
    count = FactoryInspection.objects.filter(lead_inspector_id__in=users).count()
    orders = Order.objects.filter(inspection__in=ids).values("pk")
    Order.objects.filter(escalated_to__in=orders).update(escalated_to=None)
    Order.objects.filter(closed_by_inspection__in=ids).update(closed_by_inspection=None)
    using = connection.alias
    for queryset in (
        OrderCheck.objects.filter(Q(inspection__in=ids) | Q(order__in=orders)),
        Order.findings.through.objects.filter(order__in=orders),
        Order.objects.filter(pk__in=orders),
        InspectionPhoto.objects.filter(inspection__in=ids),
        Finding.objects.filter(inspection__in=ids),
        Answer.objects.filter(inspection__in=ids),
        FactoryInspection.checklist_versions.through.objects.filter(factoryinspection__in=ids),
        FactoryInspection.co_inspectors.through.objects.filter(factoryinspection__in=ids),
        FactoryInspection.objects.filter(lead_inspector_id__in=users),
        InspectionPlanEntry.objects.filter(assigned_to_id__in=users),
    ):
        queryset._raw_delete(using)  # what Django's own fast delete does
    return count


@transaction.atomic
def demo_inspections_create(*, seed: int = 2567, fiscal_years: int = 3) -> DemoInspectionCounts:
    """Inspections of the last ``fiscal_years`` complete fiscal years and of the current one so
    far, with answers, findings, orders and the current plan's assignments. Replaces earlier
    demo inspections."""
    rng = random.Random(seed)
    today = timezone.localdate()
    current = current_fiscal_year()
    years = list(range(current - fiscal_years, current + 1))
    answered_years = {current, current - 1}
    fy_start, fy_end = fiscal_year_range(current)
    # How far the current fiscal year has gone; at least a few weeks' work so pages look alive.
    progress = max((today - fy_start).days / ((fy_end - fy_start).days + 1), 0.15)

    demo_inspections_delete()
    counts = DemoInspectionCounts()
    staff: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, office_id, role in (
        User.objects.filter(pk__in=demo_user_ids(), office__isnull=False, is_active=True)
        .order_by("pk")
        .values_list("pk", "office_id", "role")
    ):
        staff[office_id].append((pk, role))
    if not staff:
        return counts
    checklists = _published_items()
    complaints: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for pk, factory_id, received in (
        Complaint.objects.filter(factory__office_id__in=list(staff))
        .order_by("received_on", "pk")
        .values_list("pk", "factory_id", "received_on")
    ):
        complaints[factory_id].append((pk, received))
    factories = list(
        Factory.objects.filter(office_id__in=list(staff))
        .exclude(status=FactoryStatus.REMOVED)
        # By number, not id: ids change when the demo register is made again.
        .order_by("registration_number", "old_registration_number")
        .values_list("pk", "office_id", "wastewater_risk", "air_risk", "hazardous_waste_risk")
    )

    w = _Writer()
    for model in (FactoryInspection, Answer, Finding, Order):
        w.reserve(model)
    now = timezone.now()
    inspection_cols = [
        "id",
        "factory_id",
        "office_id",
        "fiscal_year",
        "kind",
        "inspected_on",
        "lead_inspector_id",
        "complaint_id",
        "status",
        "summary",
        "version",
        "submitted_at",
        "reviewed_at",
        "reviewed_by_id",
        "review_comment",
        "amendment_count",
        "created_at",
        "updated_at",
    ]
    answer_cols = [
        "id",
        "inspection_id",
        "item_id",
        "value",
        "note",
        "compliance",
        "version",
        "answered_by_id",
        "updated_at",
    ]
    finding_cols = [
        "id",
        "inspection_id",
        "answer_id",
        "severity",
        "description",
        "legal_reference",
        "created_at",
    ]
    order_cols = [
        "id",
        "factory_id",
        "office_id",
        "inspection_id",
        "section",
        "number",
        "legal_text",
        "issued_on",
        "deadline",
        "status",
        "closed_on",
        "closed_by_inspection_id",
        "escalated_to_id",
        "issued_by_id",
        "created_at",
    ]
    versions_through = FactoryInspection.checklist_versions.through
    co_through = FactoryInspection.co_inspectors.through
    findings_through = Order.findings.through
    heads = {
        office: next((pk for pk, role in people if role == Role.HEAD), people[0][0])
        for office, people in staff.items()
    }
    order_numbers: dict[str, int] = defaultdict(int)

    def status_for(day: dt.date) -> str:
        if fiscal_year_of(day) < current:
            return rng.choices(
                (InspectionStatus.APPROVED, InspectionStatus.SUBMITTED, InspectionStatus.RETURNED),
                weights=(97, 2, 1),
            )[0]
        age = (today - day).days
        if age > 30:
            weights = (70, 15, 5, 10)
        elif age > 10:
            weights = (35, 30, 10, 25)
        else:
            weights = (5, 25, 5, 65)
        return rng.choices(
            (
                InspectionStatus.APPROVED,
                InspectionStatus.SUBMITTED,
                InspectionStatus.RETURNED,
                InspectionStatus.DRAFT,
            ),
            weights=weights,
        )[0]

    def inspect(
        factory: tuple, day: dt.date, kind: str, complaint_id: int | None
    ) -> tuple[int, str, list[tuple[int, str, str]]]:
        """Write one inspection; returns its id, status and findings (id, severity, text)."""
        pk, office_id, *risks = factory
        people = staff[office_id]
        lead, _role = people[rng.randrange(len(people))]
        status = status_for(day)
        fiscal_year = fiscal_year_of(day)
        inspection_id = w.new_id(FactoryInspection)
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        submitted = status != InspectionStatus.DRAFT
        reviewed = status in (InspectionStatus.APPROVED, InspectionStatus.RETURNED)
        w.add(
            FactoryInspection,
            inspection_cols,
            (
                inspection_id,
                pk,
                office_id,
                fiscal_year,
                kind,
                day,
                lead,
                complaint_id,
                status,
                SUMMARIES[
                    {"routine": 0, "follow_up": 2, "complaint": 3}.get(kind, 1)
                    if rng.random() < 0.7
                    else 1
                ]
                if submitted
                else "",
                1,
                at + dt.timedelta(hours=6) if submitted else None,
                at + dt.timedelta(days=rng.randint(1, 10)) if reviewed else None,
                heads[office_id] if reviewed else None,
                "กรุณาแนบภาพถ่ายระบบบำบัดน้ำเสียเพิ่มเติม" if status == InspectionStatus.RETURNED else "",
                0,
                at,
                at,
            ),
        )
        if len(people) > 1 and rng.random() < 0.3:
            other = next(p for p, _r in people if p != lead)
            w.add(co_through, ["factoryinspection_id", "user_id"], (inspection_id, other))
        wastewater, air, waste = risks
        fits = checklist_kinds(wastewater=wastewater, air=air, hazardous_waste=waste, kind=kind)
        keys = [k for k in checklists if k in fits]
        for key in keys:
            w.add(
                versions_through,
                ["factoryinspection_id", "checklistversion_id"],
                (inspection_id, checklists[key][0]),
            )
        # Most factories comply; some carry a few problems at each visit.
        bad_rate = 0.0 if rng.random() < 0.65 else rng.choice((0.05, 0.1, 0.2))
        found: list[tuple[int, str, str]] = []
        answer_all = fiscal_year in answered_years
        items = [item for key in keys for item in checklists[key][1]]
        verdicts = [item.bad is not None and rng.random() < bad_rate for item in items]
        if not (answer_all or any(verdicts)):
            return inspection_id, status, found
        # A draft may be half done: answers stop where the officer stopped typing. Older
        # years keep only the answers that their findings rest on.
        answered = len(items) if submitted else rng.randint(0, len(items))
        for item, bad in zip(items[:answered], verdicts[:answered], strict=True):
            if not (answer_all or bad):
                continue
            answer_id = w.new_id(Answer)
            w.add(
                Answer,
                answer_cols,
                (
                    answer_id,
                    inspection_id,
                    item.pk,
                    item.bad if bad else item.good,
                    "พบข้อบกพร่อง แจ้งผู้ประกอบการให้แก้ไข" if bad else "",
                    Compliance.NONCOMPLIANT if bad else item.compliance_good,
                    1,
                    lead,
                    at,
                ),
            )
            counts.answers += 1
            if bad and submitted:
                finding_id = w.new_id(Finding)
                w.add(
                    Finding,
                    finding_cols,
                    (
                        finding_id,
                        inspection_id,
                        answer_id,
                        item.severity,
                        item.text,
                        item.legal[:500],
                        at + dt.timedelta(hours=6),
                    ),
                )
                found.append((finding_id, item.severity, item.text))
                counts.findings += 1
        return inspection_id, status, found

    def issue_order(factory: tuple, inspection_id: int, day: dt.date, findings: list) -> None:
        pk, office_id, *_risks = factory
        order_numbers[office_id] += 1
        order_id = w.new_id(Order)
        deadline = day + dt.timedelta(days=rng.choice((30, 60, 90)))
        status, closed_on, closed_by, escalated = OrderStatus.OPEN, None, None, None
        follow_day = deadline + dt.timedelta(days=rng.randint(1, 20))
        if follow_day <= today:
            follow_id, _status, _found = inspect(
                factory, follow_day, InspectionKind.FOLLOW_UP, None
            )
            if rng.random() < 0.85:
                status, closed_on, closed_by = OrderStatus.COMPLIED, follow_day, follow_id
            elif rng.random() < 0.5:
                status = OrderStatus.ESCALATED
                escalated = w.new_id(Order)
                order_numbers[office_id] += 1
                stop_deadline = follow_day + dt.timedelta(days=30)
                stop_status, stop_closed = OrderStatus.OPEN, None
                if stop_deadline < today:
                    if rng.random() < 0.3:
                        stop_status = OrderStatus.OVERDUE
                    else:
                        stop_status, stop_closed = OrderStatus.COMPLIED, stop_deadline
                counts.overdue_orders += stop_status == OrderStatus.OVERDUE
                w.add(
                    Order,
                    order_cols,
                    (
                        escalated,
                        pk,
                        office_id,
                        follow_id,
                        OrderSection.S39,
                        f"{order_numbers[office_id]}/{fiscal_year_of(follow_day)}",
                        ESCALATION_TEXT,
                        follow_day,
                        stop_deadline,
                        stop_status,
                        stop_closed,
                        None,
                        None,
                        heads[office_id],
                        now,
                    ),
                )
                counts.orders += 1
            else:
                status = OrderStatus.OVERDUE
        elif deadline < today:
            status = OrderStatus.OVERDUE
        counts.overdue_orders += status == OrderStatus.OVERDUE
        w.add(
            Order,
            order_cols,
            (
                order_id,
                pk,
                office_id,
                inspection_id,
                OrderSection.S37,
                f"{order_numbers[office_id]}/{fiscal_year_of(day)}",
                ORDER_TEXT,
                day,
                deadline,
                status,
                closed_on,
                closed_by,
                escalated,
                heads[office_id],
                now,
            ),
        )
        for finding_id, _severity, _text in findings:
            w.add(findings_through, ["order_id", "finding_id"], (order_id, finding_id))
        counts.orders += 1

    for factory in factories:
        pk, _office_id, *risks = factory
        risky = any(risks)
        for fiscal_year in years:
            start, end = fiscal_year_range(fiscal_year)
            if fiscal_year == current:
                end = today
            span = (end - start).days
            visits = []
            if risky:
                visits.append(InspectionKind.ROUTINE)
                if rng.random() < 0.5:
                    visits.append(InspectionKind.ROUTINE)
            elif rng.random() < 0.45:
                visits.append(InspectionKind.ROUTINE)
            if rng.random() < 0.04:
                visits.append(InspectionKind.GREEN_INDUSTRY)
            if fiscal_year == current:
                visits = [v for v in visits if rng.random() < progress]
            for kind in visits:
                day = start + dt.timedelta(days=rng.randint(0, span))
                inspection_id, status, found = inspect(factory, day, kind, None)
                serious = any(s in (Severity.HIGH, Severity.CRITICAL) for _f, s, _t in found)
                if found and status != InspectionStatus.DRAFT and (serious or rng.random() < 0.3):
                    issue_order(factory, inspection_id, day, found)
        for complaint_id, received in complaints.get(pk, ()):
            day = received + dt.timedelta(days=rng.randint(2, 20))
            if day <= today and fiscal_year_of(day) in years:
                inspect(factory, day, InspectionKind.COMPLAINT, complaint_id)
    w.finish()
    counts.by_year = dict(
        FactoryInspection.objects.filter(
            lead_inspector_id__in=[p for s in staff.values() for p, _r in s]
        )
        .values_list("fiscal_year")
        .annotate(n=models.Count("pk"))
        .order_by("fiscal_year")
    )
    counts.inspections = sum(counts.by_year.values())
    counts.plan_entries = _plan_entries_create(rng, staff, current)
    factories_last_inspected_refresh()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (FactoryInspection, Answer, Finding, Order, InspectionPlanEntry):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return counts


def _plan_entries_create(rng: random.Random, staff: dict, fiscal_year: int) -> int:
    """Assign most of the current plan's factories not yet done to the office's staff."""
    from inspections.selectors import PlanState, plan_for_office

    entries = []
    for office_id, people in sorted(staff.items()):
        officers = [pk for pk, role in people if role == Role.OFFICER] or [people[0][0]]
        for pk, state in (
            plan_for_office(office=office_id, fiscal_year=fiscal_year)
            .order_by("registration_number", "old_registration_number")
            .values_list("pk", "state")
        ):
            if state != PlanState.DONE and rng.random() < 0.7:
                entries.append(
                    InspectionPlanEntry(
                        office_id=office_id,
                        fiscal_year=fiscal_year,
                        factory_id=pk,
                        assigned_to_id=officers[rng.randrange(len(officers))],
                        planned_month=rng.randint(1, 12),
                    )
                )
    InspectionPlanEntry.objects.bulk_create(entries, batch_size=5000, ignore_conflicts=True)
    return len(entries)
