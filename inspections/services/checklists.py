"""Services of the inspections app."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Dimension
from core.reference_data import LoadReport
from inspections import checklist_reference
from inspections.models import (
    ChecklistItem,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    VersionStatus,
)


@transaction.atomic
def checklist_version_publish(*, version: ChecklistVersion, user=None) -> ChecklistVersion:
    """Publish a draft: it becomes the template's version in use and is frozen from now on."""
    version = ChecklistVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("เผยแพร่ได้เฉพาะฉบับร่างเท่านั้น"))
    if not ChecklistItem.objects.filter(section__version=version).exists():
        raise ValidationError(_("ฉบับนี้ยังไม่มีข้อตรวจ กรุณาเพิ่มข้อตรวจก่อนเผยแพร่"))
    ChecklistVersion.objects.filter(
        template_id=version.template_id, status=VersionStatus.PUBLISHED
    ).update(status=VersionStatus.RETIRED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = user
    version.save()
    return version


@transaction.atomic
def checklist_version_new_draft(
    *, template: ChecklistTemplate, change_note: str = ""
) -> ChecklistVersion:
    """A new draft copied from the newest version, to be edited and then published."""
    existing_draft = template.versions.filter(status=VersionStatus.DRAFT).first()
    if existing_draft:
        return existing_draft
    source = template.versions.order_by("-number").first()
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = ChecklistVersion.objects.create(
        template=template, number=number, change_note=change_note
    )
    if source is None:
        return draft
    for section in source.sections.prefetch_related("items__dimensions"):
        new_section = ChecklistSection.objects.create(
            version=draft, order=section.order, title=section.title
        )
        for item in section.items.all():
            dimensions = list(item.dimensions.all())
            item.pk = None
            item.section = new_section
            item._prefetched_objects_cache = {}  # else set() would see the old item's rows
            item.save()
            item.dimensions.set(dimensions)
    return draft


def _load_template(spec: dict, dimensions: dict[str, Dimension]) -> None:
    template = ChecklistTemplate.objects.create(
        code=spec["code"],
        name=spec["name"],
        description=spec.get("description", ""),
        applies_when=spec["applies_when"],
        order=spec.get("order", 0),
    )
    version = ChecklistVersion.objects.create(
        template=template, number=1, change_note=_("ฉบับเริ่มต้นที่มากับระบบ")
    )
    for s_order, section_spec in enumerate(spec["sections"], start=1):
        section = ChecklistSection.objects.create(
            version=version, order=s_order, title=section_spec["title"]
        )
        for i_order, item in enumerate(section_spec["items"], start=1):
            created = ChecklistItem.objects.create(
                section=section,
                order=i_order,
                code=item["code"],
                text=item["text"],
                guidance=item.get("guidance", ""),
                kind=item["kind"],
                compliant_when_yes=item.get("yes_ok", True),
                unit=item.get("unit", ""),
                limit_min=Decimal(item["min"]) if "min" in item else None,
                limit_max=Decimal(item["max"]) if "max" in item else None,
                choices=item.get("choices", []),
                legal_reference=item.get("legal", ""),
                severity=item.get("severity", "medium"),
                photo_required_if_noncompliant=item.get("photo", False),
                note_required_if_noncompliant=item.get("note", True),
            )
            created.dimensions.set([dimensions[code] for code in item.get("dims", [])])
    checklist_version_publish(version=version)


@transaction.atomic
def reference_data_load() -> LoadReport:
    """The starting checklists. A template that exists already (perhaps edited, with newer
    versions) is left alone; only missing ones are created and published as version 1."""
    report = LoadReport()
    dimensions = {d.code: d for d in Dimension.objects.all()}
    have = set(ChecklistTemplate.objects.values_list("code", flat=True))
    created = 0
    for spec in checklist_reference.TEMPLATES:
        if spec["code"] not in have:
            _load_template(spec, dimensions)
            created += 1
    report.count("checklist template", created=created)
    return report
