"""The records and files the tests build, in one place.

Plain functions with keyword arguments: each one saves what a user would have entered (or a
service would have left) and returns it, with defaults that read as Chiang Rai (office 57, the
``member`` fixture's office). They need the reference data that ``tests/conftest.py`` loads
(provinces, offices, factory types, the published checklists), so call them from tests or
fixtures that use the database. No test module imports from another test module or a
``conftest.py``: what tests share lives here (records and files), in ``tests/pages.py`` (the
product's pages and what an admin list shows), ``tests/workers.py`` (a real Celery worker) or
``tests/e2e/screens.py`` (the browser's screen sizes).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import struct
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.thaidates import current_fiscal_year, fiscal_year_range
from factories.models import Complaint, Factory, FactoryStatus, FactoryType
from inspections.models import (
    Answer,
    ChecklistItem,
    FactoryInspection,
    Finding,
    InspectionKind,
    InspectionStatus,
    ItemKind,
    Order,
    OrderSection,
    VersionStatus,
)
from inspections.services.form import (
    answer_save,
    inspection_photo_add,
    inspection_start,
    inspection_submit,
)
from inspections.services.review import order_issue
from offices.models import HousingCondition, MinistryUnit, OfficeYear, Role, User
from policy.models import (
    Directive,
    DirectiveStatus,
    DirectiveUpdate,
    InspectionRound,
    RoundStatus,
    RoundTopic,
    Rubric,
    Scorecard,
    Visit,
    VisitMode,
    VisitStatus,
    VisitTopic,
)
from policy.services import rubric_default_create

# --- people ---------------------------------------------------------------------------------


def make_user(username: str, role: str, office: str | None = None, **extra: Any) -> User:
    """A person who can log in with ``pass-1234``; the first name defaults to the username."""
    return User.objects.create_user(
        username=username,
        password="pass-1234",
        role=role,
        office_id=office,
        first_name=extra.pop("first_name", username),
        **extra,
    )


# --- factories on the register --------------------------------------------------------------

# Factory types: 01900 ice works carry no risk; 10500 waste landfills do (wastewater, air, waste).
SAFE, RISKY = "01900", "10500"


def add_factory(
    name: str, province: str = "57", number: str | None = None, **fields: Any
) -> Factory:
    """A factory as the register lists it: named, in the province's first district, of type
    00900 (rice mill), class 3 and operating, unless ``fields`` say otherwise
    (``type_code=``, ``district=``, ``class_number=``, ``status=`` or any model field)."""
    type_code = fields.pop("type_code", "00900")
    district = fields.pop("district", f"{province}01")
    factory = Factory(
        old_registration_number=number or f"3-9-{Factory.objects.count() + 1}/60{province}",
        name=name,
        province_id=province,
        district_id=district,
        factory_type=FactoryType.objects.get(pk=type_code),
        class_number=fields.pop("class_number", 3),
        status=fields.pop("status", FactoryStatus.OPERATING),
        **fields,
    )
    factory.save()
    return factory


def numbered_factory(number: str, province: str = "57", **fields: Any) -> Factory:
    """A bare factory known by its registration number, as an import matches it: a number of
    digits is the new 14-digit number, anything else the old one; no type, district or class
    unless ``fields`` give them."""
    values: dict[str, Any] = {"name": f"โรงงาน {number}", "province_id": province, **fields}
    if number.isdigit():
        values["registration_number"] = number
    else:
        values["old_registration_number"] = number
    factory = Factory(**values)
    factory.save()
    return factory


def risky_factory(name: str = "โรงงานน้ำเสีย", province: str = "57", **flags: bool) -> Factory:
    """A factory whose officer set its risks by hand: wastewater only, unless ``flags`` say
    otherwise (``wastewater_risk``, ``air_risk``, ``hazardous_waste_risk``)."""
    risks = {"wastewater_risk": True, "air_risk": False, "hazardous_waste_risk": False} | flags
    return add_factory(
        name, province=province, risk_overridden=True, risk_override_reason="ตรวจพบจริง", **risks
    )


# --- inspections ----------------------------------------------------------------------------


def item(code: str) -> ChecklistItem:
    """The published checklist item with this code (``GEN-01``, ``WW-11`` …)."""
    return ChecklistItem.objects.get(code=code, section__version__status=VersionStatus.PUBLISHED)


def in_current_year() -> dt.date:
    """A day of this fiscal year that is not in the future."""
    start, _end = fiscal_year_range(current_fiscal_year())
    return min(start + dt.timedelta(days=3), dt.date.today())


def inspect(
    factory: Factory,
    lead: User,
    status: str = InspectionStatus.APPROVED,
    on: dt.date | None = None,
) -> FactoryInspection:
    """An inspection with no answers, approved and in this fiscal year unless told otherwise:
    what the plan and the factory list count."""
    return FactoryInspection.objects.create(
        factory=factory, lead_inspector=lead, status=status, inspected_on=on or in_current_year()
    )


def make_inspection(
    factory: Factory,
    lead: User,
    *,
    status: str = InspectionStatus.SUBMITTED,
    kind: str = InspectionKind.ROUTINE,
    severities: tuple[str, ...] = ("medium",),
    inspected_on: dt.date | None = None,
    submitted_at: dt.datetime | None = None,
) -> FactoryInspection:
    """An inspection with one finding per severity, built as submitting would leave it."""
    inspection = FactoryInspection.objects.create(
        factory=factory,
        lead_inspector=lead,
        kind=kind,
        status=status,
        inspected_on=inspected_on or timezone.localdate(),
        submitted_at=submitted_at or (None if status == "draft" else timezone.now()),
    )
    items = ChecklistItem.objects.filter(
        section__version__status=VersionStatus.PUBLISHED, kind=ItemKind.YES_NO
    ).order_by("pk")[: len(severities)]
    for checklist_item, severity in zip(items, severities, strict=True):
        answer = Answer.objects.create(
            inspection=inspection,
            item=checklist_item,
            value="no" if checklist_item.compliant_when_yes else "yes",
        )
        Finding.objects.create(
            inspection=inspection,
            answer=answer,
            severity=severity,
            description=checklist_item.text,
            legal_reference=checklist_item.legal_reference,
        )
    return inspection


def follow_up_of(
    factory: Factory, user: User, status: str = InspectionStatus.DRAFT
) -> FactoryInspection:
    """A follow-up inspection without findings, a draft unless told otherwise."""
    return make_inspection(
        factory, user, kind=InspectionKind.FOLLOW_UP, status=status, severities=()
    )


def start(
    factory: Factory, user: User, kind: str = InspectionKind.ROUTINE, **extra: Any
) -> FactoryInspection:
    """An inspection started through the form's service, dated 24 February 2024."""
    return inspection_start(
        factory=factory, user=user, kind=kind, inspected_on=dt.date(2024, 2, 24), **extra
    )


def answer(
    inspection: FactoryInspection,
    code: str,
    value: str,
    user: User,
    note: str = "",
    version: int | None = None,
) -> Answer:
    """Save one answer as the form does, at the answer's current version unless told."""
    checklist_item = item(code)
    if version is None:
        existing = Answer.objects.filter(inspection=inspection, item=checklist_item).first()
        version = existing.version if existing else 0
    return answer_save(
        inspection=inspection,
        item=checklist_item,
        value=value,
        note=note,
        version=version,
        user=user,
    )


def answer_everything(
    inspection: FactoryInspection, user: User, value_for: dict[str, str] | None = None
) -> None:
    """Answer every item compliantly (or as ``value_for`` says), as an officer would."""
    value_for = value_for or {}
    items = ChecklistItem.objects.filter(section__version__in=inspection.checklist_versions.all())
    for checklist_item in items:
        if checklist_item.code in value_for:
            value = value_for[checklist_item.code]
        elif checklist_item.kind == "yes_no":
            value = "yes" if checklist_item.compliant_when_yes else "no"
        elif checklist_item.kind == "number":
            limit = checklist_item.limit_max
            value = str(limit if limit is not None else 10)
        elif checklist_item.kind == "choice":
            value = str(checklist_item.choices[0]["value"])
        else:
            value = "na"
        answer(inspection, checklist_item.code, value, user)


def issue_s37(inspection: FactoryInspection, user: User, days: int = 15, **extra: Any) -> Order:
    """A section 37 order on all the inspection's findings, due in ``days`` days."""
    return order_issue(
        inspection=inspection,
        findings=inspection.findings.all(),
        section="s37",
        days=days,
        user=user,
        **extra,
    )


# --- MIND scorecards ------------------------------------------------------------------------

RUBRIC_YEAR = 2567
IN_RUBRIC_YEAR = dt.date(2024, 3, 15)  # a day within fiscal year 2567

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


# --- files ----------------------------------------------------------------------------------

# 40 real rows of Prachinburi's register, shipped with the app (factories/data/README.md).
SAMPLE = Path(settings.BASE_DIR) / "factories" / "data" / "diw-factories-sample.csv"


def to_csv(rows: list[list[object]], *, encoding: str = "utf-8-sig", nbsp: str = "\xa0") -> bytes:
    """Rows as a CSV file, in the encoding given, with ``nbsp`` for each no-break space."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().replace("\xa0", nbsp).encode(encoding)


def raw_workbook(sheet_data: str, *, dimension: str = "", sheet: str = "ทะเบียน") -> bytes:
    """A workbook written by hand, part by part, for files no spreadsheet program would write."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{office}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{office}"><sheets>'
            f'<sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{office}/worksheet"'
            ' Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}">{dimension}<sheetData>{sheet_data}</sheetData></worksheet>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + text)
    return buffer.getvalue()


def far_cell_workbook() -> bytes:
    """1.5 KB that claims the sheet's last cell: two values, in A1 and XFD1048576."""
    return raw_workbook(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>เลขทะเบียน</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        dimension='<dimension ref="A1:XFD1048576"/>',
    )


def tiny_png() -> bytes:
    """A real 1×1 PNG. Pillow is not among the project's dependencies, so it is written by hand
    (signature, IHDR, IDAT, IEND with their CRCs), which any image decoder reads."""
    try:
        from PIL import Image
    except ImportError:

        def chunk(kind: bytes, data: bytes) -> bytes:
            crc = zlib.crc32(kind + data) & 0xFFFFFFFF
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

        header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
        pixels = zlib.compress(b"\x00\xc0\x20\x20")
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b"")
        )
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), (192, 32, 32)).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str = "gate.png") -> SimpleUploadedFile:
    """The tiny PNG as a browser would upload it."""
    return SimpleUploadedFile(name, tiny_png(), content_type="image/png")


# --- offices with a year of data (office pages, links and sorting) ----------------------------

NAN = "55"  # สอจ.น่าน, the same inspection region (16) as Chiang Rai


def make_offices_data(officer) -> None:
    """In Chiang Rai and in Nan: a risky factory with an open complaint, an open s.37 order and
    a MIND scorecard of this fiscal year, each named after its province."""
    fy = current_fiscal_year()
    rubric = Rubric.objects.filter(fiscal_year=fy).first() or rubric_default_create(fiscal_year=fy)
    for code, place in (("57", "เชียงราย"), (NAN, "น่าน")):
        factory = add_factory(f"บ่อขยะ{place}", province=code, type_code="10500")
        Complaint.objects.create(
            office_id=code,
            factory=factory,
            received_on=dt.date(2024, 5, 1),
            channel="phone",
            category="smell",
            description=f"กลิ่นเหม็นจาก{place}",
        )
        inspection = FactoryInspection.objects.create(
            factory=factory,
            lead_inspector=officer,
            status=InspectionStatus.APPROVED,
            inspected_on=dt.date(2024, 1, 10),
        )
        Order.objects.create(
            factory=factory,
            office_id=code,
            inspection=inspection,
            section=OrderSection.S37,
            number=f"คำสั่ง{place}",
            legal_text="ให้แก้ไขระบบบำบัดน้ำเสีย",
            issued_on=dt.date(2024, 1, 15),
            deadline=dt.date(2024, 3, 15),
        )
        # The complaint and the order above may have refreshed the card already (when their
        # commit runs at once, as in the browser journeys).
        Scorecard.objects.get_or_create(
            factory=factory,
            fiscal_year=fy,
            defaults={"office_id": code, "rubric": rubric, "computed_at": timezone.now()},
        )


def make_region16_years() -> None:
    """The facts of this fiscal year for three offices of region 16; แพร่ has not reported."""
    fy = current_fiscal_year()
    facts = {
        "57": (30, "2500000", "500000", HousingCondition.GOOD),  # เชียงราย: 20% spent
        "55": (12, "1000000", "900000", HousingCondition.NEEDS_REPAIR),  # น่าน: 90% spent
        "56": (21, "0", "0", HousingCondition.NONE),  # พะเยา: nothing received yet
    }
    for code, (staff, received, spent, housing) in facts.items():
        OfficeYear.objects.create(
            office_id=code,
            fiscal_year=fy,
            staff_count=staff,
            budget_received=Decimal(received),
            budget_spent=Decimal(spent),
            housing_condition=housing,
        )
    # Another year's facts never decide this year's order.
    OfficeYear.objects.create(office_id="54", fiscal_year=fy - 1, staff_count=99)


def answered_inspection(lead) -> FactoryInspection:
    """A submitted inspection of the 20 items: BOD over its limit with a note and a photo."""
    inspection = start(risky_factory("โรงงานแป้งมันเชียงของ"), lead)
    answer_everything(inspection, lead, {"WW-11": "35"})
    answer(inspection, "WW-11", "35", lead, note="เก็บตัวอย่างจากบ่อสุดท้าย")
    inspection_photo_add(
        inspection=inspection,
        upload=png_upload(),
        caption="จุดเก็บตัวอย่างน้ำทิ้ง",
        user=lead,
        item=item("WW-11"),
    )
    inspection_submit(inspection=inspection, user=lead)
    return inspection


# --- the people every access test asks about (their fixtures are in tests/conftest.py) -------

MEMBER_OFFICE = "57"  # สอจ.เชียงราย, inspection region 16
OUTSIDER_OFFICE = "66"  # สอจ.พิจิตร, inspection region 18

# Every kind of person: the officer ("member") and head of the member office, the same two of
# another office, an inspector of the member's region, an executive, an admin by role and one
# who is a superuser, someone signed out, and a switched-off account.
EVERYONE = (
    "member",
    "head",
    "outsider",
    "outsider_head",
    "inspector",
    "executive",
    "role_admin",
    "admin_user",
    "anonymous",
    "switched_off_head",
)
ADMINS = frozenset({"role_admin", "admin_user"})
OFFICE_STAFF = frozenset({"member", "head", "outsider", "outsider_head"})


# --- the inspection form, posted as the phone posts it --------------------------------------


def url(name: str, inspection, **kwargs) -> str:
    return reverse(f"inspections:{name}", kwargs={"pk": inspection.pk, **kwargs})


def post_answer(client, inspection, code, value, version=0, **extra):
    data = {"value": value, "version": version, **extra}
    return client.post(
        url("answer", inspection, item_pk=item(code).pk), data, headers={"HX-Request": "true"}
    )


# --- inspection rounds of the offices: rounds, visits, directives ---------------------------

ROUND_TOPICS = (
    ("การตรวจโรงงานที่มีความเสี่ยง", "inspection_coverage"),
    ("การส่งเสริมอุตสาหกรรมสีเขียว", "gi_certified"),
    ("ปัญหาและอุปสรรคของสำนักงาน", ""),
)


def unit(code: str) -> MinistryUnit:
    """The ministry unit of this code (``กยผ.``, ``ธพว.`` …), from the reference data."""
    return MinistryUnit.objects.get(code=code)


def make_unit_user(username: str, unit_code: str, **extra: Any) -> User:
    """A person of a ministry unit (the unit role), who logs in with ``pass-1234``."""
    return make_user(username, Role.UNIT, unit=unit(unit_code), **extra)


def make_round(
    fiscal_year: int = 2567,
    number: int = 1,
    *,
    topics: tuple[tuple[str, str], ...] = ROUND_TOPICS,
    status: str = RoundStatus.OPEN,
    **fields: Any,
) -> InspectionRound:
    """A regular round of ``fiscal_year`` with ``topics`` (title, KPI code or "") in order,
    running from January to March of the fiscal year unless ``fields`` say otherwise."""
    start, _end = fiscal_year_range(fiscal_year)
    round_ = InspectionRound.objects.create(
        fiscal_year=fiscal_year,
        number=number,
        status=status,
        starts_on=fields.pop("starts_on", dt.date(start.year + 1, 1, 8)),
        ends_on=fields.pop("ends_on", dt.date(start.year + 1, 3, 29)),
        **fields,
    )
    RoundTopic.objects.bulk_create(
        RoundTopic(round=round_, order=order, title=title, kpi_code=code)
        for order, (title, code) in enumerate(topics, start=1)
    )
    return round_


def make_visit(
    round_: InspectionRound,
    office: str = "57",
    *,
    on: dt.date | None = None,
    status: str = VisitStatus.DONE,
    reported: int = 0,
    **fields: Any,
) -> Visit:
    """The round's visit to ``office`` at 13:00 on ``on`` (the round's first day unless told),
    held, with a report row for each topic of the round, the first ``reported`` of them written
    by the office. No figures are taken (``policy.rounds.figures_take`` does that)."""
    day = on or round_.starts_on
    visit = Visit.objects.create(
        round=round_,
        office_id=office,
        status=status,
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(13))),
        mode=fields.pop("mode", VisitMode.ON_SITE),
        **fields,
    )
    VisitTopic.objects.bulk_create(
        VisitTopic(
            visit=visit,
            topic=topic,
            office_report="สำนักงานรายงานผลแล้ว" if index < reported else "",
        )
        for index, topic in enumerate(round_.topics.order_by("order"))
    )
    return visit


def make_directive(
    visit: Visit,
    text: str = "เร่งตรวจโรงงานเสี่ยงให้ครบ",
    *,
    unit_code: str | None = None,
    due_on: dt.date | None = None,
    status: str = DirectiveStatus.OPEN,
    evidence: str = "",
    **fields: Any,
) -> Directive:
    """A directive given at ``visit`` to the office (or to the unit ``unit_code``), due in 30
    days unless told; a done one is closed today, with its evidence."""
    return Directive.objects.create(
        visit=visit,
        text=text,
        unit=unit(unit_code) if unit_code else None,
        due_on=due_on or timezone.localdate() + dt.timedelta(days=30),
        status=status,
        closed_on=fields.pop(
            "closed_on", timezone.localdate() if status == DirectiveStatus.DONE else None
        ),
        evidence=evidence,
        **fields,
    )


def report_progress(
    directive: Directive,
    by: User | None,
    *,
    on: dt.date,
    text: str = "อยู่ระหว่างดำเนินการ",
    **fields: Any,
) -> DirectiveUpdate:
    """A progress report as it was left on ``on`` (no rules checked: the service is tested
    through the page)."""
    return DirectiveUpdate.objects.create(
        directive=directive,
        on=on,
        text=text,
        status=fields.pop("status", DirectiveStatus.IN_PROGRESS),
        by=by,
        **fields,
    )


def exported_factories(client, query: dict[str, str] | None = None):
    """The factory list's export as its person gets it: the list page's button asks the worker
    (eager in tests) for the file of ``query``'s filters, then the file is downloaded. Returns
    the download's response, its file read (``.content``)."""
    from urllib.parse import urlencode

    from django.http import HttpResponse
    from django.test import TestCase

    from core.models import ReportRequest

    person = client.get(reverse("factories:list"), query or {}).wsgi_request.user
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("core:report_request", kwargs={"kind": "factory_list", "pk": person.pk}),
            {"query": urlencode(query or {})},
            headers={"HX-Request": "true"},
        )
    report = ReportRequest.objects.filter(requested_by=person, kind="factory_list").latest("pk")
    download = client.get(reverse("core:report_download", kwargs={"pk": report.pk}))
    body = b"".join(download.streaming_content) if download.streaming else download.content
    read = HttpResponse(body, status=download.status_code)
    for header, value in download.items():
        read[header] = value
    return read
