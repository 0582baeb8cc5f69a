"""Filling an inspection: which checklists apply, starting it, saving answers as they are typed,
photos checked by their content, and submitting it with its findings."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import bounds
from core.images import image_size
from factories.models import Complaint, Factory
from inspections.models import (
    EDITABLE_STATUSES,
    YES_NO_VALUES,
    Answer,
    AnswerValue,
    AppliesWhen,
    ChecklistItem,
    ChecklistVersion,
    Compliance,
    FactoryInspection,
    Finding,
    InspectionKind,
    InspectionPhoto,
    InspectionStatus,
    ItemKind,
    VersionStatus,
)
from inspections.permissions import may_co_inspect, may_edit_draft, may_start_inspection
from offices.models import User

# The value a photo item takes once a photo is attached; ``evaluate`` records it as answered.
PHOTO_TAKEN = "photo"
PHOTO_MAX_BYTES = 10 * 1024 * 1024
# A 50 MP phone photo passes; a 20000×20000 image (400 MP, 1.2 GB decoded) does not. Checked
# from the file's header, before anything decodes its pixels (a browser showing it, too).
PHOTO_MAX_PIXELS = 60_000_000
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"mif1", b"msf1"}
PHOTO_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
}
BROWSER_SHOWABLE = {"image/jpeg", "image/png", "image/webp"}


def checklist_kinds(*, wastewater: bool, air: bool, hazardous_waste: bool, kind: str) -> set[str]:
    """Which ``applies_when`` values fit a factory with these risk flags and a visit of ``kind``.

    A template for boilers follows ``air``: the register has no boiler flag, and a boiler is
    the usual source of a factory's air emissions (stack, fuel burning), so the factories
    flagged for air are the ones an officer expects to find a boiler in.
    """
    fits = {
        AppliesWhen.ALWAYS: True,
        AppliesWhen.WASTEWATER: wastewater,
        AppliesWhen.AIR: air,
        AppliesWhen.HAZARDOUS_WASTE: hazardous_waste,
        AppliesWhen.BOILER: air,
        AppliesWhen.GREEN_INDUSTRY: kind == InspectionKind.GREEN_INDUSTRY,
        AppliesWhen.COMPLAINT: kind == InspectionKind.COMPLAINT,
    }
    return {key for key, fit in fits.items() if fit}


def applicable_checklists(factory: Factory, kind: str) -> list[ChecklistVersion]:
    """The published version of every active template that fits this factory and kind of visit."""
    kinds = checklist_kinds(
        wastewater=factory.wastewater_risk,
        air=factory.air_risk,
        hazardous_waste=factory.hazardous_waste_risk,
        kind=kind,
    )
    versions = ChecklistVersion.objects.filter(
        status=VersionStatus.PUBLISHED, template__is_active=True, template__applies_when__in=kinds
    ).select_related("template")
    return list(versions)


def inspection_start(
    *,
    factory: Factory,
    user: User,
    kind: str,
    inspected_on: dt.date,
    co_inspectors: list[User] | tuple[User, ...] = (),
    complaint: Complaint | None = None,
) -> FactoryInspection:
    """A draft inspection of ``factory`` led by ``user`` on the checklists that apply."""
    if not may_start_inspection(user, factory):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่ของสำนักงานที่ดูแลโรงงานนี้เท่านั้นที่เริ่มการตรวจได้"))
    for person in co_inspectors:
        if not may_co_inspect(person, factory):
            raise ValidationError(_("ผู้ร่วมตรวจต้องเป็นเจ้าหน้าที่ของสำนักงานเดียวกัน"))
    bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, "inspection_last_date")(inspected_on)
    if complaint is not None and complaint.office_id != factory.office_id:
        raise ValidationError(_("เรื่องร้องเรียนนี้ไม่ได้อยู่ในความดูแลของสำนักงานนี้"))
    versions = applicable_checklists(factory, kind)
    if not versions:
        raise ValidationError(_("ไม่มีแบบตรวจที่เผยแพร่ใช้งานสำหรับการตรวจนี้ กรุณาติดต่อผู้ดูแลระบบ"))
    with transaction.atomic():
        inspection = FactoryInspection.objects.create(
            factory=factory,
            office_id=factory.office_id,
            kind=kind,
            inspected_on=inspected_on,
            lead_inspector=user,
            complaint=complaint,
        )
        inspection.checklist_versions.set(versions)
        inspection.co_inspectors.set([p for p in co_inspectors if p.pk != user.pk])
    return inspection


def answer_display(item: ChecklistItem, value: str) -> str:
    """An answer as people read it: ``ใช่``, ``25 mg/L``, a choice's label."""
    if value == AnswerValue.NOT_APPLICABLE:
        return str(AnswerValue.NOT_APPLICABLE.label)
    if value == "":
        return _("ยังไม่ตอบ")
    if item.kind == ItemKind.YES_NO and value in YES_NO_VALUES:
        return str(AnswerValue(value).label)
    if item.kind == ItemKind.NUMBER:
        return f"{value} {item.unit}".strip()
    if item.kind == ItemKind.CHOICE:
        for choice in item.choices:
            if str(choice.get("value")) == value:
                return str(choice.get("label", value))
    if item.kind == ItemKind.PHOTO and value == PHOTO_TAKEN:
        return _("แนบภาพแล้ว")
    return value


class AnswerConflict(Exception):
    """Someone saved this answer after the version the request was based on."""

    def __init__(self, answer: Answer) -> None:
        super().__init__("answer version conflict")
        self.answer = answer


def _clean_value(item: ChecklistItem, value: str) -> str:
    value = value.strip()
    if value in ("", AnswerValue.NOT_APPLICABLE):
        return value
    if item.kind == ItemKind.YES_NO and value not in YES_NO_VALUES:
        raise ValidationError(_("กรุณาเลือก ใช่ ไม่ใช่ หรือ ไม่เกี่ยวข้อง"))
    if item.kind == ItemKind.NUMBER:
        try:
            number = Decimal(value.replace(",", "").replace(" ", ""))
        except InvalidOperation:
            raise ValidationError(_("กรุณากรอกเป็นตัวเลข เช่น 18.5")) from None
        if not number.is_finite():
            raise ValidationError(_("กรุณากรอกเป็นตัวเลข เช่น 18.5"))
        if item.unit.strip() in bounds.PERCENT_UNITS and not (
            bounds.PERCENT_MIN <= number <= bounds.PERCENT_MAX
        ):
            raise ValidationError(_("ค่าร้อยละต้องอยู่ระหว่าง 0 ถึง 100"))
        if abs(number) > bounds.MEASURE_MAX:
            raise ValidationError(_("ตัวเลขมากเกินกว่าที่เป็นไปได้ กรุณาตรวจสอบอีกครั้ง"))
        return value.replace(" ", "")
    if item.kind == ItemKind.CHOICE and value not in {str(c.get("value")) for c in item.choices}:
        raise ValidationError(_("กรุณาเลือกจากรายการ"))
    return value


def _check_editable(inspection: FactoryInspection, user: User) -> None:
    if not may_edit_draft(user, inspection):
        raise PermissionDenied(_("แก้ไขได้เฉพาะผู้ตรวจหลักและผู้ร่วมตรวจ ขณะที่การตรวจยังเป็นฉบับร่างหรือถูกส่งกลับ"))


def _take_for_writing(inspection: FactoryInspection) -> None:
    """Begin a transaction by writing to the inspection, while it is still editable.

    On PostgreSQL this locks its row, so that no answer or photo slips in after a submit; on
    SQLite (``make run``) it takes the write lock at once, where a read first would fail to
    upgrade its lock ("database is locked") while another autosave is writing.
    """
    touched = FactoryInspection.objects.filter(
        pk=inspection.pk, status__in=EDITABLE_STATUSES
    ).update(updated_at=timezone.now())
    if not touched:
        raise PermissionDenied(_("การตรวจนี้ส่งแล้ว แก้ไขไม่ได้"))


def _check_item(inspection: FactoryInspection, item: ChecklistItem) -> None:
    if not inspection.checklist_versions.filter(sections__items=item).exists():
        raise ValidationError(_("ข้อตรวจนี้ไม่อยู่ในแบบตรวจของการตรวจนี้"))


def answer_save(
    *,
    inspection: FactoryInspection,
    item: ChecklistItem,
    value: str,
    note: str,
    version: int,
    user: User,
) -> Answer:
    """Save one answer as typed. ``version`` is the answer's version the person saw (0 when
    there was none); a newer stored version raises :class:`AnswerConflict` and changes nothing.
    """
    _check_editable(inspection, user)
    _check_item(inspection, item)
    value = _clean_value(item, value)
    try:
        with transaction.atomic():
            _take_for_writing(inspection)
            answer = (
                Answer.objects.select_for_update(of=("self",))
                .select_related("answered_by")
                .filter(inspection=inspection, item=item)
                .first()
            )
            if answer is None:
                if version != 0:
                    raise ValidationError(_("ไม่พบคำตอบเดิม กรุณาโหลดหน้านี้ใหม่"))
                answer = Answer(inspection=inspection, item=item, version=0)
            elif answer.version != version:
                raise AnswerConflict(answer)
            answer.item = item  # evaluate() reads it; already loaded
            answer.value = value
            answer.note = note.strip()
            answer.version += 1
            answer.answered_by = user
            answer.save()
    except IntegrityError:
        # Two first answers to the same item at the same moment: the other one won.
        raise AnswerConflict(
            Answer.objects.select_related("answered_by").get(inspection=inspection, item=item)
        ) from None
    return answer


def photo_content_type(head: bytes) -> str | None:
    """The image type read from a file's first bytes, or None when it is not a photo we take.

    File names and the browser's content type are not trusted: a PDF renamed ``.jpg`` stays a
    PDF.
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    # ISO base media file: a size (4 bytes), "ftyp", the major brand, a minor version, then
    # compatible brands; HEIC/HEIF photos name one of the HEIF brands among them.
    if len(head) >= 12 and head[4:8] == b"ftyp":
        box_size = int.from_bytes(head[:4], "big")
        brands = [head[8:12]]
        end = min(max(box_size, 16), len(head))
        brands += [head[i : i + 4] for i in range(16, end - 3, 4)]
        if any(brand in HEIF_BRANDS for brand in brands):
            return "image/heic"
    return None


@transaction.atomic
def inspection_photo_add(
    *,
    inspection: FactoryInspection,
    upload: UploadedFile,
    caption: str,
    user: User,
    item: ChecklistItem | None = None,
) -> InspectionPhoto:
    """Attach a photo to the inspection, or to the answer of ``item`` (made if missing)."""
    _check_editable(inspection, user)
    if upload.size is not None and upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("ไฟล์ภาพต้องมีขนาดไม่เกิน 10 MB กรุณาย่อภาพแล้วลองอีกครั้ง"))
    if not upload.size:
        raise ValidationError(_("ไฟล์ว่างเปล่า กรุณาเลือกภาพอีกครั้ง"))
    upload.seek(0)
    content_type = photo_content_type(upload.read(64))
    upload.seek(0)
    if content_type is None:
        raise ValidationError(_("ไฟล์นี้ไม่ใช่ภาพถ่าย รับเฉพาะภาพ JPEG, PNG, WEBP หรือ HEIC"))
    size = image_size(upload, content_type)
    # HEIC is never shown, only downloaded, so one whose size is not found is still taken.
    if size is None and content_type != "image/heic":
        raise ValidationError(_("อ่านขนาดของภาพไม่ได้ ไฟล์อาจเสียหาย กรุณาถ่ายหรือเลือกภาพอีกครั้ง"))
    if size is not None and size[0] * size[1] > PHOTO_MAX_PIXELS:
        raise ValidationError(
            _("ภาพมีขนาด %(width)d×%(height)d พิกเซล ใหญ่เกิน %(limit)d ล้านพิกเซล กรุณาย่อภาพแล้วลองอีกครั้ง")
            % {"width": size[0], "height": size[1], "limit": PHOTO_MAX_PIXELS // 1_000_000}
        )
    _take_for_writing(inspection)
    answer = None
    if item is not None:
        _check_item(inspection, item)
        taken = PHOTO_TAKEN if item.kind == ItemKind.PHOTO else ""
        answer, created = Answer.objects.select_for_update().get_or_create(
            inspection=inspection, item=item, defaults={"answered_by": user, "value": taken}
        )
        if not created and taken and answer.value in ("", AnswerValue.NOT_APPLICABLE):
            answer.value = taken
            answer.version += 1
            answer.answered_by = user
            answer.save()
    photo = InspectionPhoto(
        inspection=inspection,
        answer=answer,
        content_type=content_type,
        size=upload.size,
        caption=caption.strip()[:300],
        uploaded_by=user,
    )
    # Our own name: the person's file name may carry anything, and never decides the type.
    photo.image.save(f"{uuid.uuid4().hex}.{PHOTO_EXTENSIONS[content_type]}", upload, save=False)
    photo.save()
    return photo


def inspection_location_save(
    *,
    inspection: FactoryInspection,
    user: User,
    latitude: Decimal,
    longitude: Decimal,
    accuracy_m: Decimal | int | None = None,
) -> FactoryInspection:
    """Keep where the inspection took place (the browser's position at the factory), to the
    six decimal places the inspection keeps (about 10 cm), and how far off it may be."""
    _check_editable(inspection, user)
    six = Decimal("0.000001")
    with transaction.atomic():
        _take_for_writing(inspection)
        inspection.latitude = Decimal(latitude).quantize(six, ROUND_HALF_UP)
        inspection.longitude = Decimal(longitude).quantize(six, ROUND_HALF_UP)
        inspection.location_accuracy_m = int(accuracy_m) if accuracy_m is not None else None
        inspection.save(
            update_fields=["latitude", "longitude", "location_accuracy_m", "updated_at"]
        )
    return inspection


def inspection_summary_save(
    *, inspection: FactoryInspection, user: User, summary: str
) -> FactoryInspection:
    """Keep the summary as it is typed, like the answers."""
    _check_editable(inspection, user)
    with transaction.atomic():
        _take_for_writing(inspection)
        inspection.summary = summary.strip()
        inspection.save(update_fields=["summary", "updated_at"])
    return inspection


@dataclass(frozen=True)
class Missing:
    """Something that stops an inspection from being submitted, tied to one item."""

    item: ChecklistItem
    reason: str


def inspection_missing(inspection: FactoryInspection) -> list[Missing]:
    """Every item still unanswered, and every non-compliant answer without its required note
    or photo, in the order of the form."""
    items = ChecklistItem.objects.filter(
        section__version__in=inspection.checklist_versions.all()
    ).order_by("section__version__template__order", "section__order", "order", "pk")
    answers = {
        a.item_id: a
        for a in inspection.answers.annotate(photo_count=Count("photos")).only(
            "inspection_id", "item_id", "value", "note", "compliance"
        )
    }
    missing = []
    for item in items:
        answer = answers.get(item.pk)
        if answer is None or answer.compliance == Compliance.UNANSWERED:
            missing.append(Missing(item, _("ยังไม่ได้ตอบ")))
            continue
        if answer.compliance != Compliance.NONCOMPLIANT:
            continue
        if item.note_required_if_noncompliant and not answer.note.strip():
            missing.append(Missing(item, _("ไม่เป็นไปตามกฎหมาย ต้องบันทึกรายละเอียด")))
        if item.photo_required_if_noncompliant and not answer.photo_count:
            missing.append(Missing(item, _("ไม่เป็นไปตามกฎหมาย ต้องแนบภาพถ่าย")))
    return missing


class SubmitRefused(Exception):
    """The inspection cannot be submitted yet: the list says what is missing."""

    def __init__(self, missing: list[Missing]) -> None:
        super().__init__("inspection incomplete")
        self.missing = missing


def inspection_submit(
    *, inspection: FactoryInspection, user: User, summary: str | None = None
) -> list[Finding]:
    """Submit for the head's review: one finding per non-compliant answer, in one transaction.

    Raises :class:`SubmitRefused` with what is missing; then nothing but the summary changes.
    """
    _check_editable(inspection, user)
    # The summary is kept even when the rest is refused: it was typed, it must not be lost.
    if summary is not None:
        inspection_summary_save(inspection=inspection, user=user, summary=summary)
    with transaction.atomic():
        _take_for_writing(inspection)
        inspection = FactoryInspection.objects.select_for_update().get(pk=inspection.pk)
        missing = inspection_missing(inspection)
        if missing:
            raise SubmitRefused(missing)
        noncompliant = list(
            inspection.answers.filter(compliance=Compliance.NONCOMPLIANT).select_related("item")
        )
        # A returned inspection submitted again: findings of answers since corrected go, unless
        # an order was already issued on them.
        inspection.findings.exclude(answer__in=noncompliant).filter(
            ~Q(pk__in=Finding.orders.through.objects.values("finding_id"))
        ).delete()
        findings = []
        for answer in noncompliant:
            item = answer.item
            description = f"{item.text}: {answer_display(item, answer.value)}"
            if answer.note:
                description += f" — {answer.note}"
            finding, _created = Finding.objects.update_or_create(
                answer=answer,
                defaults={
                    "inspection": inspection,
                    "severity": item.severity,
                    "description": description,
                    "legal_reference": item.legal_reference,
                },
            )
            findings.append(finding)
        inspection.status = InspectionStatus.SUBMITTED
        inspection.submitted_at = timezone.now()
        inspection.version += 1
        inspection.save()
    return findings
