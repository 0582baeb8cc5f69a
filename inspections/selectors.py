"""Reads of the inspection work reused by pages and reports: the fiscal year's plan of an
office, an officer's own work, an inspection's answers as the form and the review show them,
and its history (with its answers') with the autosaves of one sitting on one line.

The plan is computed, not stored: a factory is on an office's plan for a fiscal year when it is
active and risky (the 100% target, docs/domain.md), has an open complaint, has an open or overdue
order, or was put on the plan by the head (an ``InspectionPlanEntry``). Only an *approved*
inspection of that fiscal year makes a factory done: submitted work still waits for the head,
and a returned one is being corrected. Every figure comes from one query with ``Exists``
subqueries, so a page costs the same whatever the size of the office.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate, Mod
from django.utils.translation import gettext_lazy as _

from core.history import History, Source, object_history, source_of
from core.thaisort import thai_collation
from factories.models import RISKY, Complaint, Factory, FactoryStatus
from factories.selectors import factory_text_search
from inspections.models import (
    OPEN_ORDER_STATUSES,
    Answer,
    AnswerValue,
    ChecklistItem,
    ChecklistSection,
    ChecklistVersion,
    Compliance,
    FactoryInspection,
    InspectionPhoto,
    InspectionPlanEntry,
    InspectionStatus,
    Order,
)
from inspections.services.form import answer_display
from offices.models import OFFICE_ROLES, Office, User


class PlanState:
    """Where a factory on the plan stands in the fiscal year."""

    DONE = "done"  # an approved inspection of the fiscal year
    SUBMITTED = "submitted"  # submitted, waiting for the head's approval
    IN_PROGRESS = "in_progress"  # a draft or a returned inspection
    DUE = "due"  # nothing yet

    choices = [
        (DUE, _("ยังไม่ได้ตรวจ")),
        (IN_PROGRESS, _("กำลังตรวจ")),
        (SUBMITTED, _("รออนุมัติ")),
        (DONE, _("ตรวจแล้ว")),
    ]


class PlanReason:
    RISK = "risk"
    COMPLAINT = "complaint"
    ORDER = "order"
    ADDED = "added"

    choices = [
        (RISK, _("โรงงานที่มีความเสี่ยง")),
        (COMPLAINT, _("มีเรื่องร้องเรียนค้างอยู่")),
        (ORDER, _("มีคำสั่งที่ยังไม่ปิด")),
        (ADDED, _("อุตสาหกรรมจังหวัดเพิ่มในแผน")),
    ]


@dataclass(frozen=True)
class PlanFilters:
    """What a person asked the plan page for; every field optional."""

    reason: str = ""
    state: str = ""
    assigned: str = ""  # a user id, "none" for unassigned, "" for all
    q: str = ""


@dataclass(frozen=True)
class PlanCounts:
    total: int = 0
    done: int = 0
    submitted: int = 0
    in_progress: int = 0
    due: int = 0
    risky: int = 0
    risky_done: int = 0
    assigned: int = 0

    @property
    def coverage_percent(self) -> float | None:
        """Share of the risky factories with an approved inspection: the 100% target."""
        if not self.risky:
            return None
        return round(self.risky_done * 100 / self.risky, 1)

    @property
    def done_percent(self) -> float | None:
        return round(self.done * 100 / self.total, 1) if self.total else None


# How far a factory's inspections of a fiscal year have gone: the furthest one decides.
STATE_RANKS = (
    (InspectionStatus.APPROVED, 3, PlanState.DONE),
    (InspectionStatus.SUBMITTED, 2, PlanState.SUBMITTED),
    (InspectionStatus.RETURNED, 1, PlanState.IN_PROGRESS),
    (InspectionStatus.DRAFT, 1, PlanState.IN_PROGRESS),
)


def plan_state(fiscal_year: int, factory_ref: str = "pk", *, office_id: str | None = None) -> Case:
    """A factory's :class:`PlanState` in ``fiscal_year``: the furthest status among its
    inspections of the year (approved, then submitted, then a draft or a returned one).

    Written as one ``EXISTS`` a status, not as a subquery ordered by rank: PostgreSQL reads an
    ``EXISTS`` as one set of the year's inspections, hashed once for the whole query, where the
    ranked subquery costs an index lookup and a sort for every factory (seen: 4,390 of them for
    the largest office's plan). With ``office_id`` only that office's inspections are read (the
    plan of an office: its own work), which keeps that set small."""
    inspections = FactoryInspection.objects.filter(
        factory=OuterRef(factory_ref), fiscal_year=fiscal_year
    )
    if office_id is not None:
        inspections = inspections.filter(office_id=office_id)
    statuses: dict[str, list[str]] = defaultdict(list)
    for status, _rank, state in STATE_RANKS:
        statuses[state].append(status)
    return Case(
        # In STATE_RANKS' order: the furthest state that any inspection has reached decides.
        *[
            When(Exists(inspections.filter(status__in=members)), then=Value(state))
            for state, members in statuses.items()
        ],
        default=Value(PlanState.DUE),
        output_field=CharField(),
    )


def plan_for_office(*, office: Office | str, fiscal_year: int) -> QuerySet[Factory]:
    """The factories of ``office`` that must be inspected in ``fiscal_year``, each annotated:

    - ``on_risk``, ``on_complaint``, ``on_order``, ``on_entry``: why it is on the plan;
    - ``state``: one of :class:`PlanState`;
    - ``assigned_to_id``: who will inspect it (from ``InspectionPlanEntry``), or None;
    - ``entry_reason``, ``entry_note``: why the head added it by hand ("" when they did not);
    - ``latest_inspection_id``: the newest inspection of the fiscal year, or None.

    In Thai order of the factory name. One query, whatever the number of factories.

    Every reason and the state are read from the office's own records: its complaints, its
    orders, its plan entries and its inspections (each kept by the office of the factory). So
    PostgreSQL reads each of them once from the office's indexes, a few hundred rows, instead of
    the nation's tables (seen on the national demo, largest office: the plan page's SQL went
    from 430 ms to under 30 ms). The plan entry, at most one per factory and year, is joined.
    """
    office_id = office.pk if isinstance(office, Office) else office
    active = ~Q(status=FactoryStatus.REMOVED)
    factories = Factory.objects.filter(office_id=office_id).annotate(
        entry=FilteredRelation(
            "plan_entries",
            condition=Q(plan_entries__fiscal_year=fiscal_year, plan_entries__office_id=office_id),
        ),
        on_risk=Case(
            When(active & RISKY, then=Value(True)), default=False, output_field=BooleanField()
        ),
        on_complaint=Exists(
            Complaint.objects.open().filter(office_id=office_id, factory=OuterRef("pk"))
        ),
        on_order=Exists(
            Order.objects.filter(
                office_id=office_id, factory=OuterRef("pk"), status__in=OPEN_ORDER_STATUSES
            )
        ),
        on_entry=Q(entry__isnull=False),
    )
    factories = factories.filter(
        Q(on_risk=True) | Q(on_complaint=True) | Q(on_order=True) | Q(on_entry=True)
    )
    return factories.annotate(
        state=plan_state(fiscal_year, office_id=office_id),
        assigned_to_id=F("entry__assigned_to_id"),
        entry_reason=Coalesce(F("entry__reason"), Value(""), output_field=CharField()),
        entry_note=Coalesce(F("entry__note"), Value(""), output_field=CharField()),
        latest_inspection_id=Subquery(
            FactoryInspection.objects.filter(factory=OuterRef("pk"), fiscal_year=fiscal_year)
            .order_by("-inspected_on", "-pk")
            .values("pk")[:1],
            output_field=IntegerField(),
        ),
    ).order_by(Collate("name", thai_collation()), "pk")


def plan_filter(plan: QuerySet[Factory], filters: PlanFilters) -> QuerySet[Factory]:
    """Narrow a plan from :func:`plan_for_office` by reason, state, assignee and text."""
    reason_fields = {
        PlanReason.RISK: "on_risk",
        PlanReason.COMPLAINT: "on_complaint",
        PlanReason.ORDER: "on_order",
        PlanReason.ADDED: "on_entry",
    }
    if filters.reason in reason_fields:
        plan = plan.filter(**{reason_fields[filters.reason]: True})
    if filters.state in {value for value, _label in PlanState.choices}:
        plan = plan.filter(state=filters.state)
    if filters.assigned == "none":
        plan = plan.filter(assigned_to_id__isnull=True)
    elif filters.assigned.isascii() and filters.assigned.isdecimal():
        plan = plan.filter(assigned_to_id=int(filters.assigned))
    if filters.q:
        plan = factory_text_search(plan, filters.q)
    return plan


# What a row of factories on the plan's pages shows; loading only these keeps a large office cheap.
FACTORY_ROW_COLUMNS = (
    "name",
    "operator_name",
    "status",
    "registration_number",
    "old_registration_number",
    "wastewater_risk",
    "air_risk",
    "hazardous_waste_risk",
)


def plan_candidates(*, office: Office | str, fiscal_year: int, q: str, limit: int) -> list[Factory]:
    """Up to ``limit`` factories of ``office`` matching ``q`` (any factory of the register, risky
    or not, but not one removed from it), in Thai order of name, each with ``on_plan`` telling
    whether it is already on the plan of ``fiscal_year``. Two queries."""
    office_id = office.pk if isinstance(office, Office) else office
    found = list(
        factory_text_search(
            Factory.objects.filter(office_id=office_id).exclude(status=FactoryStatus.REMOVED), q
        )
        .select_related("district")
        .only(*FACTORY_ROW_COLUMNS, "district__name_th")
        .order_by(Collate("name", thai_collation()), "pk")[:limit]
    )
    planned = set(
        plan_for_office(office=office_id, fiscal_year=fiscal_year)
        .filter(pk__in=[factory.pk for factory in found])
        .values_list("pk", flat=True)
    )
    for factory in found:
        factory.on_plan = factory.pk in planned
    return found


def plan_counts(plan: QuerySet[Factory]) -> PlanCounts:
    """The plan's figures in one query (grouped by state, risk and assignment): total, by
    state, and the coverage of risky factories."""
    groups = (
        plan.order_by()
        .annotate(
            is_assigned=Case(
                When(assigned_to_id__isnull=False, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .values("state", "on_risk", "is_assigned")
        .annotate(n=Count("pk"))
    )
    figures: dict[str, int] = defaultdict(int)
    for group in groups:
        n = group["n"]
        figures["total"] += n
        figures[group["state"]] += n
        if group["on_risk"]:
            figures["risky"] += n
            if group["state"] == PlanState.DONE:
                figures["risky_done"] += n
        if group["is_assigned"]:
            figures["assigned"] += n
    return PlanCounts(
        total=figures["total"],
        done=figures[PlanState.DONE],
        submitted=figures[PlanState.SUBMITTED],
        in_progress=figures[PlanState.IN_PROGRESS],
        due=figures[PlanState.DUE],
        risky=figures["risky"],
        risky_done=figures["risky_done"],
        assigned=figures["assigned"],
    )


def office_staff(office: Office | str) -> QuerySet[User]:
    """The active officers and head of an office: the people a plan entry may name."""
    office_id = office.pk if isinstance(office, Office) else office
    return User.objects.filter(office_id=office_id, role__in=OFFICE_ROLES, is_active=True).order_by(
        "role", "first_name", "pk"
    )


# What the officer's pages show of a planned factory and of an inspection's factory: loading
# only these keeps a long list cheap (the register's row holds some sixty columns).
PLANNED_FACTORY_COLUMNS = (
    "factory__name",
    "factory__registration_number",
    "factory__old_registration_number",
    "factory__district__name_th",
)


def my_planned_factories(
    *, user, fiscal_year: int, with_state: bool = True
) -> QuerySet[InspectionPlanEntry]:
    """The plan entries assigned to ``user`` for ``fiscal_year`` whose factory is not done yet,
    each with ``state`` (due / in progress / submitted; unless ``with_state`` is false) and the
    newest inspection's id.

    "Not done" is "no approved inspection of the year", written as a ``NOT EXISTS`` that
    PostgreSQL runs as one anti-join with the office's approved inspections, where a filter on
    ``state`` cost a lookup for every entry (seen: 2,643 entries of one officer)."""
    office_id = user.office_id
    entries = InspectionPlanEntry.objects.filter(
        assigned_to=user, fiscal_year=fiscal_year, office_id=office_id
    )
    approved = FactoryInspection.objects.filter(
        office_id=office_id,
        factory=OuterRef("factory_id"),
        fiscal_year=fiscal_year,
        status=InspectionStatus.APPROVED,
    )
    entries = entries.exclude(Exists(approved))
    if with_state:  # the desk's short list shows none: three EXISTS fewer to build and run
        entries = entries.annotate(state=plan_state(fiscal_year, "factory_id", office_id=office_id))
    return (
        entries.annotate(
            latest_inspection_id=Subquery(
                FactoryInspection.objects.filter(
                    factory=OuterRef("factory_id"), fiscal_year=fiscal_year
                )
                .order_by("-inspected_on", "-pk")
                .values("pk")[:1],
                output_field=IntegerField(),
            ),
        )
        .select_related("factory", "factory__district")
        .only(
            "factory_id",
            "assigned_to_id",
            "planned_month",
            "note",
            *PLANNED_FACTORY_COLUMNS,
        )
        # Planned month in fiscal order (October first), unplanned last, then by name.
        .order_by(
            (Mod(F("planned_month") + 2, 12)).asc(nulls_last=True),
            Collate("factory__name", thai_collation()),
            "pk",
        )
    )


OPEN_INSPECTION_STATUSES = (
    InspectionStatus.DRAFT,
    InspectionStatus.RETURNED,
    InspectionStatus.SUBMITTED,
)


def my_open_inspections(
    *, user, statuses: Sequence[str] = OPEN_INSPECTION_STATUSES
) -> QuerySet[FactoryInspection]:
    """Inspections that ``user`` leads or joins and that are not approved yet (or only those
    of ``statuses``), newest first. The statuses are one condition the office-and-status index
    answers: an exclude() on top would make PostgreSQL read the office's every inspection."""
    joined = FactoryInspection.co_inspectors.through.objects.filter(user_id=user.pk).values(
        "factoryinspection_id"
    )
    return (
        FactoryInspection.objects.visible_to(user)
        .filter(Q(lead_inspector=user) | Q(pk__in=joined))
        .filter(status__in=statuses)
        .select_related("factory")
        .only(
            "inspected_on",
            "kind",
            "status",
            "factory__name",
            "factory__registration_number",
            "factory__old_registration_number",
        )
        .order_by("-inspected_on", "-pk")
    )


# --- an inspection's answers ------------------------------------------------------------------


@dataclass
class AnswerRow:
    """One item of an inspection's checklists with its answer (if any) and that answer's photos."""

    item: ChecklistItem
    answer: Answer | None
    photos: list[InspectionPhoto] = field(default_factory=list)

    @property
    def value(self) -> str:
        return self.answer.value if self.answer else ""

    @property
    def note(self) -> str:
        return self.answer.note if self.answer else ""

    @property
    def version(self) -> int:
        return self.answer.version if self.answer else 0

    @property
    def compliance(self) -> str:
        return self.answer.compliance if self.answer else Compliance.UNANSWERED

    @property
    def is_answered(self) -> bool:
        """Answered as submitting counts it: a value the item takes, "not applicable" included."""
        return self.compliance != Compliance.UNANSWERED

    @property
    def is_na(self) -> bool:
        return self.value == AnswerValue.NOT_APPLICABLE

    @property
    def display(self) -> str:
        return answer_display(self.item, self.value)

    @property
    def is_noncompliant(self) -> bool:
        return self.compliance == Compliance.NONCOMPLIANT

    @property
    def needs_note(self) -> bool:
        return self.is_noncompliant and self.item.note_required_if_noncompliant and not self.note

    @property
    def needs_photo(self) -> bool:
        return self.is_noncompliant and self.item.photo_required_if_noncompliant and not self.photos


@dataclass
class AnswerSection:
    section: ChecklistSection
    rows: list[AnswerRow]


@dataclass
class AnswerGroup:
    """One checklist of the inspection, its sections in order."""

    version: ChecklistVersion
    sections: list[AnswerSection]

    @property
    def rows(self) -> list[AnswerRow]:
        return [row for block in self.sections for row in block.rows]


@dataclass(frozen=True)
class AnswerCounts:
    """How far an inspection's answers have got, and how many of them do not comply."""

    total: int
    answered: int
    noncompliant: int

    @classmethod
    def of(cls, groups: list[AnswerGroup]) -> AnswerCounts:
        rows = [row for group in groups for row in group.rows]
        return cls(
            total=len(rows),
            answered=sum(row.is_answered for row in rows),
            noncompliant=sum(row.is_noncompliant for row in rows),
        )


def answer_photos_prefetch() -> Prefetch:
    """An answer's photos in the order they were taken."""
    return Prefetch("photos", queryset=InspectionPhoto.objects.order_by("uploaded_at", "pk"))


def inspection_answer_groups(inspection: FactoryInspection) -> list[AnswerGroup]:
    """The inspection's checklists, their sections and items, each with its answer and photos:
    five queries whatever the number of items, answers and photos."""
    versions = list(
        inspection.checklist_versions.select_related("template").order_by(
            "template__order", "template__code"
        )
    )
    sections = ChecklistSection.objects.filter(version__in=versions).prefetch_related(
        Prefetch("items", queryset=ChecklistItem.objects.order_by("order", "pk"))
    )
    answers = {
        a.item_id: a
        for a in inspection.answers.select_related("answered_by").prefetch_related(
            answer_photos_prefetch()
        )
    }
    by_version: dict[int, list[AnswerSection]] = {v.pk: [] for v in versions}
    for section in sections.order_by("order", "pk"):
        rows = []
        for item in section.items.all():
            answer = answers.get(item.pk)
            rows.append(AnswerRow(item, answer, list(answer.photos.all()) if answer else []))
        by_version[section.version_id].append(AnswerSection(section, rows))
    return [AnswerGroup(v, by_version[v.pk]) for v in versions]


def inspection_general_photos(inspection: FactoryInspection) -> list[InspectionPhoto]:
    """The photos of the whole visit, not of one answer."""
    return list(inspection.photos.filter(answer__isnull=True).order_by("uploaded_at", "pk"))


# --- an inspection's history --------------------------------------------------------------------

HISTORY_SHOWN = 20


def inspection_history_sources(inspection: FactoryInspection) -> list[Source]:
    """The inspection's own versions (a change of status is an entry of its own, even within a
    sitting) and its answers' (named by their item)."""
    return [
        source_of(inspection, split_on=("status",)),
        Source(
            Answer.history.filter(inspection_id=inspection.pk),
            label=_("คำตอบ"),
            exclude=("inspection", "version", "answered_by"),
            subject=("item",),
            on_create=("value", "note"),
        ),
    ]


def inspection_history(inspection: FactoryInspection, *, limit: int = HISTORY_SHOWN) -> History:
    """The latest ``limit`` entries of the inspection's own history, newest first: one sitting
    of autosaves is one entry (``core.history``)."""
    return object_history(inspection_history_sources(inspection)[0], limit=limit)
