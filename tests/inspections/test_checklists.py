"""Checklists: shipped templates, frozen published versions, compliance of answers."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from inspections.models import (
    ChecklistItem,
    ChecklistTemplate,
    ChecklistVersion,
    Compliance,
    ItemKind,
    VersionStatus,
)
from inspections.services import checklist_version_new_draft, checklist_version_publish


def item(code: str) -> ChecklistItem:
    return ChecklistItem.objects.get(code=code, section__version__status=VersionStatus.PUBLISHED)


def test_it_ships_the_starting_checklists_published(db):
    codes = set(ChecklistTemplate.objects.values_list("code", flat=True))
    assert codes == {
        "general",
        "wastewater",
        "air",
        "industrial-waste",
        "boiler-safety",
        "green-industry",
        "complaint",
    }
    for template in ChecklistTemplate.objects.all():
        version = template.published_version()
        assert version is not None and version.number == 1
        assert ChecklistItem.objects.filter(section__version=version).exists()


def test_the_wastewater_limits_are_data_on_the_items(db):
    bod = item("WW-11")
    assert (bod.kind, bod.unit, bod.limit_max) == (ItemKind.NUMBER, "mg/L", Decimal("20"))
    assert bod.limit_text == "≤ 20 mg/L"
    assert item("WW-15").limit_text == "5.5–9"
    assert "น้ำทิ้ง" in bod.legal_reference
    assert not bod.reference_confirmed  # until someone checks it against the notification
    assert [d.code for d in bod.dimensions.all()] == ["environment"]


@pytest.mark.parametrize(
    ("code", "value", "verdict"),
    [
        ("WW-11", "18.5", Compliance.COMPLIANT),
        ("WW-11", "20", Compliance.COMPLIANT),
        ("WW-11", "20.1", Compliance.NONCOMPLIANT),
        ("WW-11", "1,200", Compliance.NONCOMPLIANT),
        ("WW-15", "5.4", Compliance.NONCOMPLIANT),
        ("WW-15", "7", Compliance.COMPLIANT),
        ("WW-11", "ไม่ทราบ", Compliance.UNANSWERED),
        ("WW-11", "", Compliance.UNANSWERED),
        ("WW-11", "na", Compliance.NOT_APPLICABLE),
        ("WW-01", "yes", Compliance.COMPLIANT),
        ("WW-01", "no", Compliance.NONCOMPLIANT),
        ("WW-03", "yes", Compliance.NONCOMPLIANT),  # "found untreated discharge" — yes is bad
        ("WW-03", "no", Compliance.COMPLIANT),
        ("GEN-02", "350", Compliance.RECORDED),
        ("GI-01", "3", Compliance.RECORDED),
        ("GI-01", "9", Compliance.UNANSWERED),
        ("CP-05", "พบกลิ่นเหม็นจากบ่อบำบัด", Compliance.RECORDED),
    ],
)
def test_it_judges_answers_against_the_item(db, code, value, verdict):
    assert item(code).evaluate(value) == verdict


def test_a_published_version_cannot_be_changed(db):
    bod = item("WW-11")
    bod.limit_max = Decimal("60")
    with pytest.raises(ValidationError, match="ฉบับที่เผยแพร่แล้วแก้ไขไม่ได้"):
        bod.save()
    with pytest.raises(ValidationError):
        bod.delete()
    with pytest.raises(ValidationError), transaction.atomic():
        bod.dimensions.clear()
    with pytest.raises(ValidationError):
        bod.section.delete()
    version = bod.section.version
    version.number = 9
    with pytest.raises(ValidationError):
        version.save()
    assert item("WW-11").limit_max == Decimal("20")


def test_editing_makes_a_new_version_and_keeps_the_old(db, admin_user):
    template = ChecklistTemplate.objects.get(code="wastewater")
    old = template.published_version()
    draft = checklist_version_new_draft(template=template, change_note="ปรับค่า BOD")
    assert (draft.number, draft.status) == (2, VersionStatus.DRAFT)
    assert checklist_version_new_draft(template=template) == draft  # one draft at a time
    new_bod = ChecklistItem.objects.get(section__version=draft, code="WW-11")
    assert [d.code for d in new_bod.dimensions.all()] == ["environment"]
    new_bod.limit_max = Decimal("60")
    new_bod.save()
    checklist_version_publish(version=draft, user=admin_user)
    old.refresh_from_db()
    assert old.status == VersionStatus.RETIRED
    assert template.published_version() == draft
    assert ChecklistItem.objects.get(section__version=old, code="WW-11").limit_max == Decimal("20")
    with pytest.raises(ValidationError):
        checklist_version_publish(version=draft)


def test_an_empty_draft_cannot_be_published(db):
    template = ChecklistTemplate.objects.create(code="empty", name="ว่าง")
    draft = checklist_version_new_draft(template=template)
    with pytest.raises(ValidationError, match="ยังไม่มีข้อตรวจ"):
        checklist_version_publish(version=draft)


def test_reloading_reference_data_leaves_edited_checklists_alone(db):
    template = ChecklistTemplate.objects.get(code="wastewater")
    template.name = "น้ำเสีย (ปรับชื่อ)"
    template.save()
    call_command("load_reference_data", verbosity=0)
    assert ChecklistTemplate.objects.get(code="wastewater").name == "น้ำเสีย (ปรับชื่อ)"
    assert ChecklistVersion.objects.filter(template=template).count() == 1


def test_admin_pages_of_checklists(client, admin_user):
    client.force_login(admin_user)
    for name in ("template", "version", "section", "item"):
        assert (
            client.get(reverse(f"admin:inspections_checklist{name}_changelist")).status_code == 200
        )
    published = ChecklistTemplate.objects.get(code="wastewater").published_version()
    page = client.get(reverse("admin:inspections_checklistversion_change", args=[published.pk]))
    assert page.status_code == 200
    assert b'name="change_note"' not in page.content  # read-only once published


def test_admin_action_makes_a_draft(client, admin_user):
    client.force_login(admin_user)
    template = ChecklistTemplate.objects.get(code="air")
    response = client.post(
        reverse("admin:inspections_checklisttemplate_changelist"),
        {"action": "make_new_draft", "_selected_action": [template.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert template.versions.filter(status=VersionStatus.DRAFT, number=2).exists()


def test_people_who_are_not_admins_cannot_open_checklist_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:inspections_checklisttemplate_changelist"))
    assert response.status_code == 302
