"""A small world for the access matrix (``tests/test_access_matrix.py``), built once per run.

Three offices: Chiang Rai (57, the officer's and the head's own), Nan (55, another office of
the same inspection region, 16) and Phichit (66, an office of another region, 18). Each has the
same things, so that every page can be asked about "the own office's", "the same region's" and
"another region's": a factory with a Green Industry certificate, a complaint and a loan,
inspections in each state (a draft, a submitted one, an approved one with an s.37 order, a
follow-up draft), a photo, a finished report, an import, its year's facts, a MIND scorecard,
a round visit with its topics, a directive to the office and one to a ministry unit.

The people (``ROLES``) are one of each kind: the officer and the head of office 57, the
inspector of region 16, an inspector of region 18, the Head Inspector, a ministry unit's
person, an executive, an admin who is a superuser and one by role only, and someone signed
out. Each has a notification of their own and a finished export of their factory list; the
inspectors have each asked for a summary of the round's visits in their region.

``World.kwargs(kind, relation, role)`` gives the URL arguments of a kind of object for a
relation ("own", "region", "other", or "missing": an id that names nothing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from core.models import Notification, ReportRequest, ReportStatus
from core.thaidates import current_fiscal_year
from factories.models import (
    Complaint,
    GreenIndustryCertificate,
    ImportBatch,
    ImportStatus,
    Loan,
)
from inspections.models import ChecklistItem, InspectionStatus, Order, OrderSection
from inspections.services.form import inspection_photo_add
from offices.models import Office, OfficeYear, Role, User
from policy.models import Rubric, Scorecard
from policy.services import rubric_default_create
from tests.builders import (
    add_factory,
    follow_up_of,
    make_directive,
    make_inspection,
    make_round,
    make_unit_user,
    make_user,
    make_visit,
    png_upload,
    start,
)

OWN, SAME_REGION, OTHER_REGION = "57", "55", "66"
RELATIONS = {"own": OWN, "region": SAME_REGION, "other": OTHER_REGION}
MISSING = "missing"
ANY = "any"  # the relation of an object of no office (a round)
UNIT_CODE = "กยผ."

ROLES = (
    "officer",
    "head",
    "inspector",
    "inspector_other",
    "head_inspector",
    "unit",
    "executive",
    "admin",
    "role_admin",
    "anonymous",
)


@dataclass(frozen=True)
class Secret:
    """A text of the world that only some people may be shown, on any page or workbook.

    ``audience``: "scope", whoever sees the office of ``relation``; "complainant", that
    office's own staff and admins; "unit", whoever sees the office and the ministry unit's
    people; "person", only the person of the role ``relation``."""

    text: str
    relation: str
    audience: str


@dataclass
class World:
    people: dict[str, User | None]
    # kind -> relation -> URL arguments
    objects: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    # A person's own things: kind -> role -> URL arguments (a notification, their factory
    # list's report); asked about as "own" (theirs), "other" (someone else's) or "missing".
    personal: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    secrets: list[Secret] = field(default_factory=list)
    fiscal_year: int = 0

    def relations(self, kind: str | None) -> tuple[str, ...]:
        """The relations a kind of object is asked about."""
        if kind is None:
            return ("none",)
        if kind in self.personal:
            return ("own", "other", MISSING)
        if kind == "fiscal_year":
            return (ANY,)
        if ANY in self.objects[kind]:
            return (ANY, MISSING)
        return (*RELATIONS, MISSING)

    def kwargs(self, kind: str, relation: str, role: str) -> dict[str, Any]:
        if kind in self.personal:
            # "own": the person's own; "other": someone else's (the officer's, or the head's
            # for the officer); anyone signed out is asked about the officer's.
            mine = role if role != "anonymous" else "officer"
            owner = mine if relation != "other" else ("head" if role == "officer" else "officer")
            known = self.personal[kind][owner]
            if relation == MISSING:
                return {name: _missing(name, value) for name, value in known.items()}
            return dict(known)
        if relation == MISSING:
            known = self.objects[kind].get("own") or self.objects[kind][ANY]
            return {name: _missing(name, value) for name, value in known.items()}
        return dict(self.objects[kind][relation])


def factory_name(office: str) -> str:
    """The name of the office's factory in the world: what must never reach anyone who does
    not see the office."""
    return f"โรงงานเมทริกซ์{office}"


def complainant_name(office: str) -> str:
    """Who complained about the office's factory: only the office's staff and admins see it
    (``factories.permissions.may_see_complainants``)."""
    return f"ผู้ร้องเมทริกซ์{office}"


# The URL arguments that say which part of an object, not which object: kept as they are.
NOT_THE_OBJECT = frozenset({"fiscal_year", "kpi_code", "kind"})


def _missing(name: str, value: Any) -> Any:
    """An argument of the same type that names nothing: id 0, office code "00"; a fiscal year,
    a KPI code or a report's kind stays as it is (it is not the object). Told by the argument's
    name, not its value: after other tests, an object's id may well be above 2400."""
    if name in NOT_THE_OBJECT:
        return value
    if isinstance(value, int):
        return 0
    if isinstance(value, str) and value.isdigit():
        return "00"
    return value


def _staff(office: str) -> tuple[User, User]:
    if office == OWN:
        return (
            make_user("officer", Role.OFFICER, office),
            make_user("head", Role.HEAD, office),
        )
    return (
        make_user(f"officer{office}", Role.OFFICER, office),
        make_user(f"head{office}", Role.HEAD, office),
    )


def build_world() -> World:
    """Everything the URL patterns take, in the three offices (see the module's docstring)."""
    fiscal_year = current_fiscal_year()
    region16 = Office.objects.get(pk=OWN).region
    region18 = Office.objects.get(pk=OTHER_REGION).region
    assert Office.objects.get(pk=SAME_REGION).region == region16 and region16 != region18

    people: dict[str, User | None] = {}
    staff = {code: _staff(code) for code in RELATIONS.values()}
    people["officer"], people["head"] = staff[OWN]
    people["inspector"] = make_user("inspector", Role.INSPECTOR)
    people["inspector"].regions.set([region16])
    people["inspector_other"] = make_user("inspector_other", Role.INSPECTOR)
    people["inspector_other"].regions.set([region18])
    people["head_inspector"] = make_user("head_inspector", Role.HEAD_INSPECTOR)
    people["unit"] = make_unit_user("unit", UNIT_CODE)
    people["executive"] = make_user("executive", Role.EXECUTIVE)
    people["admin"] = make_user("admin", Role.ADMIN, is_superuser=True)
    people["role_admin"] = make_user("role_admin", Role.ADMIN)
    people["anonymous"] = None

    rubric = Rubric.objects.filter(fiscal_year=fiscal_year).first() or rubric_default_create(
        fiscal_year=fiscal_year
    )
    round_ = make_round(fiscal_year, 1)
    # A round with no visit yet: planning a visit shows its form.
    unplanned = make_round(fiscal_year, 2)
    world = World(people=people, fiscal_year=fiscal_year)
    objects: dict[str, dict[str, dict[str, Any]]] = {}

    def put(of: str, relation: str, **kwargs: Any) -> None:
        objects.setdefault(of, {})[relation] = kwargs

    for relation, code in RELATIONS.items():
        officer = staff[code][0]
        factory = add_factory(factory_name(code), province=code)
        certificate = GreenIndustryCertificate.objects.create(
            factory=factory, level=2, issued_on=dt.date(2024, 1, 15)
        )
        complaint = Complaint.objects.create(
            office_id=code,
            factory=factory,
            received_on=dt.date(2024, 5, 1),
            channel="phone",
            category="smell",
            description="กลิ่นเหม็น",
            complainant_name=complainant_name(code),
        )
        loan = Loan.objects.create(
            office_id=code,
            factory=factory,
            borrower_name=factory.name,
            fund_name="กองทุนพัฒนาเอสเอ็มอี",
            amount=1_500_000,
            approved_on=dt.date(2023, 6, 1),
        )
        draft = start(factory, officer)
        photo = inspection_photo_add(
            inspection=draft, upload=png_upload(), caption="ประตู", user=officer
        )
        item = ChecklistItem.objects.filter(
            section__version__in=draft.checklist_versions.all()
        ).first()
        submitted = make_inspection(factory, officer, status=InspectionStatus.SUBMITTED)
        approved = make_inspection(factory, officer, status=InspectionStatus.APPROVED)
        order = Order.objects.create(
            factory=factory,
            office_id=code,
            inspection=approved,
            section=OrderSection.S37,
            number=f"คำสั่งเมทริกซ์{code}",
            legal_text="ให้แก้ไข",
            issued_on=dt.date(2024, 1, 15),
            deadline=dt.date(2024, 3, 15),
        )
        order.findings.set(approved.findings.all())
        follow_up = follow_up_of(factory, officer)
        report = _done_report(
            "inspection_report", f"inspections.factoryinspection:{approved.pk}", officer
        )
        batch = ImportBatch.objects.create(
            office_id=code,
            uploaded_by=officer,
            file_name="register.csv",
            file_sha256="0" * 64,
            status=ImportStatus.PREVIEWED,
        )
        OfficeYear.objects.create(office_id=code, fiscal_year=fiscal_year, staff_count=20)
        scorecard, _created = Scorecard.objects.get_or_create(
            factory=factory,
            fiscal_year=fiscal_year,
            defaults={"office_id": code, "rubric": rubric, "computed_at": timezone.now()},
        )
        visit = make_visit(round_, code)
        office_directive = make_directive(visit, f"ข้อสั่งการเมทริกซ์{code}")
        unit_directive = make_directive(visit, f"งานหน่วยงานเมทริกซ์{code}", unit_code=UNIT_CODE)
        world.secrets += [
            Secret(factory_name(code), relation, "scope"),
            Secret(order.number, relation, "scope"),
            Secret(office_directive.text, relation, "scope"),
            Secret(unit_directive.text, relation, "unit"),
            Secret(complainant_name(code), relation, "complainant"),
        ]

        put("office", relation, code=code)
        put("office_year", relation, code=code, fiscal_year=fiscal_year)
        put("office_summary", relation, code=code, fiscal_year=fiscal_year)
        put("office_kpi", relation, code=code, kpi_code="inspection_coverage")
        put("region", relation, number=Office.objects.get(pk=code).region.number)
        put("factory", relation, pk=factory.pk)
        put("factory_of_record", relation, factory_pk=factory.pk)
        put("certificate", relation, factory_pk=factory.pk, pk=certificate.pk)
        put("complaint", relation, pk=complaint.pk)
        put("loan", relation, pk=loan.pk)
        put("import", relation, pk=batch.pk)
        put("draft", relation, pk=draft.pk)
        put("draft_item", relation, pk=draft.pk, item_pk=item.pk)
        put("submitted", relation, pk=submitted.pk)
        put("approved", relation, pk=approved.pk)
        put("follow_up", relation, pk=follow_up.pk)
        put("order", relation, pk=order.pk)
        put("photo", relation, pk=photo.pk)
        put("report", relation, pk=report.pk)
        put("report_subject", relation, kind="inspection_report", pk=approved.pk)
        put("report_order", relation, kind="order_letter", pk=order.pk)
        put("report_scorecard", relation, kind="mind_scorecard", pk=scorecard.pk)
        put("report_unknown", relation, kind="no_such_report", pk=approved.pk)
        put("submitted_item", relation, pk=submitted.pk, item_pk=item.pk)
        put("scorecard", relation, factory_pk=factory.pk, fiscal_year=fiscal_year)
        put("visit", relation, pk=visit.pk)
        put("visit_topic", relation, pk=visit.pk, report_pk=visit.topic_reports.first().pk)
        put("visit_plan", relation, pk=unplanned.pk, code=code)
        put("office_directive", relation, pk=office_directive.pk)
        put("unit_directive", relation, pk=unit_directive.pk)

        put("report_visit", relation, kind="visit_report", pk=visit.pk)

    # A round is the ministry's, of no office; its summary covers the regions of whoever
    # asked for it (the own office's region 16, or the other's 18).
    put("round", ANY, pk=round_.pk)
    put("report_round", ANY, kind="round_summary_pdf", pk=round_.pk)
    put("fiscal_year", ANY, fiscal_year=fiscal_year)
    for relation, asker, region in (
        ("own", "inspector", region16),
        ("other", "inspector_other", region18),
    ):
        summary = _done_report(
            "round_summary_pdf",
            f"policy.inspectionround:{round_.pk}",
            people[asker],
            params={"regions": [region.pk]},
        )
        put("round_summary", relation, pk=summary.pk)
    objects["round_summary"]["region"] = objects["round_summary"]["own"]
    world.objects = objects

    notifications, lists, list_reports = {}, {}, {}
    for role, person in people.items():
        if person is None:
            continue
        notifications[role] = {
            "pk": Notification.objects.create(
                recipient=person,
                kind="access",
                subject_key=f"access:{role}",
                threshold="7d",
                title=f"แจ้งเตือนเมทริกซ์[{role}]",
                url="/",
            ).pk
        }
        lists[role] = {"kind": "factory_list", "pk": person.pk}
        report = _done_report("factory_list", f"offices.user:{person.pk}", person)
        list_reports[role] = {"pk": report.pk}
        world.secrets.append(Secret(f"แจ้งเตือนเมทริกซ์[{role}]", role, "person"))
    world.personal = {
        "notification": notifications,
        "factory_list_subject": lists,
        "factory_list_report": list_reports,
    }
    return world


def _done_report(
    kind: str, subject_key: str, asker: User, params: dict[str, Any] | None = None
) -> ReportRequest:
    """A report of ``kind`` that ``asker`` asked for, built, with its file in private storage."""
    report = ReportRequest(
        kind=kind,
        subject_key=subject_key,
        title="รายงาน",
        params=params or {},
        requested_by=asker,
        office_id=asker.office_id,
        status=ReportStatus.DONE,
        filename="report.pdf",
        finished_at=timezone.now(),
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    report.save()
    return report
