from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import (
    Answer,
    ChecklistItem,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    FactoryInspection,
    Finding,
    InspectionPhoto,
    InspectionPlanEntry,
    Order,
    OrderCheck,
    VersionStatus,
)
from inspections.services import checklist_version_new_draft, checklist_version_publish


class FrozenWhenPublished:
    """Inlines and pages of a published version are read-only: edit a new draft instead."""

    def _frozen(self, obj) -> bool:
        version = obj if isinstance(obj, ChecklistVersion) else getattr(obj, "version", None)
        if isinstance(obj, ChecklistItem):
            version = obj.section.version
        return bool(version and version.pk and version.status != VersionStatus.DRAFT)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and not (obj and self._frozen(obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and self._frozen(obj))

    def has_add_permission(self, request, obj=None) -> bool:
        base = super().has_add_permission(request, obj) if obj is not None else True
        return base and not (obj and self._frozen(obj))


class SectionInline(FrozenWhenPublished, admin.TabularInline):
    model = ChecklistSection
    fields = ["order", "title"]
    extra = 0
    show_change_link = True


class ItemInline(FrozenWhenPublished, admin.StackedInline):
    model = ChecklistItem
    extra = 0
    fields = [
        ("order", "code", "kind"),
        "text",
        "guidance",
        ("compliant_when_yes", "severity"),
        ("unit", "limit_min", "limit_max"),
        "choices",
        ("legal_reference", "reference_confirmed"),
        ("photo_required_if_noncompliant", "note_required_if_noncompliant"),
        "dimensions",
    ]
    filter_horizontal = ["dimensions"]


class VersionInline(admin.TabularInline):
    model = ChecklistVersion
    fields = ["number", "status", "published_at", "change_note"]
    readonly_fields = ["number", "status", "published_at", "change_note"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "applies_when", "order", "is_active"]
    list_filter = ["applies_when", "is_active"]
    search_fields = ["name", "code", "description"]
    inlines = [VersionInline]
    actions = ["make_new_draft"]

    @admin.action(description=_("สร้างฉบับร่างใหม่เพื่อแก้ไข"))
    def make_new_draft(self, request, queryset) -> None:
        for template in queryset:
            draft = checklist_version_new_draft(template=template)
            self.message_user(request, _("สร้าง %(v)s แล้ว") % {"v": draft})


@admin.register(ChecklistVersion)
class ChecklistVersionAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["template", "number", "status", "published_at"]
    list_filter = ["status", "template"]
    search_fields = ["template__name", "change_note"]
    list_select_related = ["template"]
    readonly_fields = ["status", "published_at", "published_by"]
    inlines = [SectionInline]
    actions = ["publish"]

    @admin.action(description=_("เผยแพร่ฉบับที่เลือก"))
    def publish(self, request, queryset) -> None:
        for version in queryset:
            try:
                checklist_version_publish(version=version, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{version}: {error.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, _("เผยแพร่ %(v)s แล้ว") % {"v": version})


@admin.register(ChecklistSection)
class ChecklistSectionAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["title", "version", "order"]
    list_filter = ["version__template", "version__status"]
    search_fields = ["title"]
    list_select_related = ["version__template"]
    inlines = [ItemInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(FrozenWhenPublished, admin.ModelAdmin):
    list_display = ["code", "text", "kind", "severity", "limit_text", "reference_confirmed"]
    list_filter = [
        "kind",
        "severity",
        "reference_confirmed",
        "section__version__template",
        "section__version__status",
        "dimensions",
    ]
    search_fields = ["code", "text", "legal_reference"]
    list_select_related = ["section__version__template"]
    filter_horizontal = ["dimensions"]

    @admin.display(description=_("ค่ามาตรฐาน"))
    def limit_text(self, obj: ChecklistItem) -> str:
        return obj.limit_text


# --- inspections, orders and the plan -------------------------------------------------------


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ["item", "value", "compliance", "note", "version", "answered_by"]
    readonly_fields = ["compliance", "version"]
    raw_id_fields = ["item", "answered_by"]
    extra = 0


class FindingInline(admin.TabularInline):
    model = Finding
    fields = ["answer", "severity", "description", "legal_reference"]
    raw_id_fields = ["answer"]
    extra = 0


class PhotoInline(admin.TabularInline):
    model = InspectionPhoto
    fields = ["image", "caption", "answer", "content_type", "size", "uploaded_by"]
    readonly_fields = ["content_type", "size", "uploaded_by"]
    raw_id_fields = ["answer"]
    extra = 0


@admin.register(FactoryInspection)
class FactoryInspectionAdmin(SimpleHistoryAdmin):
    list_display = ["factory", "office", "inspected_on", "kind", "status", "lead_inspector"]
    list_filter = ["status", "kind", "fiscal_year", "office"]
    search_fields = ["factory__name", "factory__registration_number", "summary"]
    list_select_related = ["factory", "office", "lead_inspector"]
    raw_id_fields = ["factory", "complaint", "lead_inspector", "reviewed_by"]
    filter_horizontal = ["co_inspectors", "checklist_versions"]
    readonly_fields = ["office", "fiscal_year", "version", "submitted_at", "created_at"]
    date_hierarchy = "inspected_on"
    inlines = [AnswerInline, FindingInline, PhotoInline]


class OrderCheckInline(admin.TabularInline):
    model = OrderCheck
    fields = ["inspection", "complied", "note"]
    raw_id_fields = ["inspection"]
    extra = 0


@admin.register(Order)
class OrderAdmin(SimpleHistoryAdmin):
    list_display = ["factory", "office", "section", "number", "issued_on", "deadline", "status"]
    list_filter = ["section", "status", "office"]
    search_fields = ["factory__name", "number", "legal_text"]
    list_select_related = ["factory", "office"]
    raw_id_fields = [
        "factory",
        "inspection",
        "closed_by_inspection",
        "escalated_to",
        "issued_by",
        "findings",
    ]
    date_hierarchy = "deadline"
    inlines = [OrderCheckInline]


@admin.register(OrderCheck)
class OrderCheckAdmin(admin.ModelAdmin):
    list_display = ["order", "inspection", "complied", "checked_at"]
    list_filter = ["complied"]
    list_select_related = ["order__factory", "inspection__factory"]
    raw_id_fields = ["order", "inspection"]


@admin.register(InspectionPlanEntry)
class InspectionPlanEntryAdmin(admin.ModelAdmin):
    list_display = ["factory", "office", "fiscal_year", "reason", "assigned_to", "planned_month"]
    list_filter = ["fiscal_year", "reason", "office"]
    search_fields = ["factory__name", "note"]
    list_select_related = ["factory", "office", "assigned_to"]
    raw_id_fields = ["factory", "assigned_to"]
