from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import Dimension
from policy.kpis import KPIS
from policy.models import (
    Directive,
    DirectiveUpdate,
    FigureSnapshot,
    InspectionRound,
    KpiTarget,
    RoundTopic,
    Rubric,
    RubricRule,
    Scorecard,
    Visit,
    VisitTopic,
)
from policy.services import rubric_new_version, rubric_publish


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "name_en"]
    search_fields = ["name", "name_en"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # The policy has exactly four dimensions; scores depend on every one of them.
        return False


class RubricRuleInline(admin.TabularInline):
    model = RubricRule
    extra = 0
    fields = ["dimension", "source", "weight", "params", "note"]

    def _editable(self, obj) -> bool:
        return obj is None or not obj.is_frozen

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    """Published rubrics are read-only here: "new version" copies one into an editable draft."""

    list_display = ["fiscal_year", "version", "status", "published_at"]
    list_filter = ["status", "fiscal_year"]
    inlines = [RubricRuleInline]
    actions = ["make_new_version", "publish"]
    readonly_fields = ["status", "published_at", "created_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_frozen:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("สร้างฉบับใหม่จากเกณฑ์ที่เลือก"))
    def make_new_version(self, request, queryset) -> None:
        for rubric in queryset:
            draft = rubric_new_version(rubric=rubric)
            self.message_user(request, _("สร้าง %(rubric)s แล้ว") % {"rubric": draft})

    @admin.action(description=_("เผยแพร่ฉบับร่างที่เลือก"))
    def publish(self, request, queryset) -> None:
        for rubric in queryset:
            try:
                rubric_publish(rubric=rubric)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _("เผยแพร่ %(rubric)s แล้ว") % {"rubric": rubric})


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    """Scorecards are computed, never typed: read-only."""

    list_display = [
        "factory",
        "fiscal_year",
        "business",
        "community",
        "environment",
        "income",
        "overall",
        "balanced",
    ]
    list_filter = ["fiscal_year", "balanced", "complete"]
    list_select_related = ["factory"]
    raw_id_fields = ["factory"]
    search_fields = ["factory__name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class NationalOrOfficeFilter(admin.SimpleListFilter):
    title = _("ระดับ")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [("national", _("ระดับประเทศ")), ("office", _("รายสำนักงาน"))]

    def queryset(self, request, queryset):
        if self.value() == "national":
            return queryset.filter(office__isnull=True)
        if self.value() == "office":
            return queryset.filter(office__isnull=False)
        return queryset


@admin.register(KpiTarget)
class KpiTargetAdmin(SimpleHistoryAdmin):
    """Targets per fiscal year: the national default (no office) and offices' own."""

    list_display = ["kpi_name", "fiscal_year", "where", "value", "direction", "note"]
    list_filter = ["fiscal_year", "kpi", NationalOrOfficeFilter]
    list_select_related = ["office"]
    search_fields = ["office__name", "office__short_name"]
    autocomplete_fields = ["office"]
    ordering = ["-fiscal_year", "kpi", "office__province__code"]

    @admin.display(description=_("ตัวชี้วัด"), ordering="kpi")
    def kpi_name(self, obj: KpiTarget) -> str:
        return obj.get_kpi_display()

    @admin.display(description=_("ใช้กับ"), ordering="office__province__code")
    def where(self, obj: KpiTarget) -> str:
        return obj.office.name if obj.office_id else _("ระดับประเทศ")

    @admin.display(description=_("ทิศทาง"))
    def direction(self, obj: KpiTarget) -> str:
        kpi = KPIS.get(obj.kpi)
        if kpi is None:
            return "—"
        return _("ยิ่งสูงยิ่งดี") if kpi.higher_is_better else _("ยิ่งต่ำยิ่งดี")


# --- Inspection rounds --------------------------------------------------------------------------


class RoundTopicInline(admin.TabularInline):
    model = RoundTopic
    extra = 1
    fields = ["order", "title", "kpi_code", "description"]


@admin.register(InspectionRound)
class InspectionRoundAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "fiscal_year", "kind", "status", "starts_on", "ends_on"]
    list_filter = ["fiscal_year", "kind", "status"]
    search_fields = ["title"]
    inlines = [RoundTopicInline]


class VisitTopicInline(admin.StackedInline):
    model = VisitTopic
    extra = 0
    fields = [
        "topic",
        "office_report",
        "figure_value",
        "figure_numerator",
        "figure_denominator",
        "findings",
        "recommendations",
    ]
    # The figures are frozen from the data; they change only through an explicit refresh.
    readonly_fields = ["topic", "figure_value", "figure_numerator", "figure_denominator"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    list_display = ["office", "round", "starts_at", "mode", "lead_kind", "status"]
    list_filter = ["round", "mode", "status", "office__region"]
    search_fields = ["office__short_name", "lead_name"]
    list_select_related = ["office", "round"]
    autocomplete_fields = ["office"]
    raw_id_fields = ["lead_user", "prepared_by"]
    readonly_fields = ["figures_as_of", "figures_taken_at"]
    inlines = [VisitTopicInline]


@admin.register(FigureSnapshot)
class FigureSnapshotAdmin(admin.ModelAdmin):
    list_display = ["visit", "as_of", "taken_at", "taken_by", "is_refresh"]
    list_select_related = ["visit__office", "visit__round", "taken_by"]
    readonly_fields = ["visit", "as_of", "taken_at", "taken_by", "is_refresh", "figures"]

    def has_add_permission(self, request) -> bool:
        return False


class DirectiveUpdateInline(admin.TabularInline):
    model = DirectiveUpdate
    extra = 0
    fields = ["on", "status", "text", "by"]
    raw_id_fields = ["by"]


@admin.register(Directive)
class DirectiveAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "visit", "unit", "due_on", "status"]
    list_filter = ["status", "unit", "visit__round", "visit__office__region"]
    search_fields = ["text", "visit__office__short_name"]
    list_select_related = ["visit__office", "visit__round", "unit"]
    raw_id_fields = ["visit", "issued_by"]
    inlines = [DirectiveUpdateInline]
