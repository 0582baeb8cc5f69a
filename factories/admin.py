from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from factories.models import (
    Complaint,
    Factory,
    FactoryType,
    FactoryYear,
    GreenIndustryCertificate,
    ImportBatch,
    ImportRowError,
    Loan,
    LoanFollowUp,
)

ROW_ERRORS_SHOWN = 500


@admin.register(FactoryType)
class FactoryTypeAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "label",
        "name",
        "name_confirmed",
        "wastewater",
        "air_emissions",
        "hazardous_waste",
    ]
    list_filter = ["name_confirmed", "wastewater", "air_emissions", "hazardous_waste", "item"]
    list_editable = ["wastewater", "air_emissions", "hazardous_waste"]
    search_fields = ["code", "name"]

    @admin.display(description=_("ลำดับที่ (ชนิด)"), ordering="code")
    def label(self, obj: FactoryType) -> str:
        return obj.label


class GreenIndustryCertificateInline(admin.TabularInline):
    model = GreenIndustryCertificate
    extra = 0
    fields = ["level", "certificate_number", "issued_on", "expires_on"]


class FactoryYearInline(admin.TabularInline):
    model = FactoryYear
    extra = 0
    fields = ["fiscal_year", "isingle_form_filed_on", "note"]


class ComplaintInline(admin.TabularInline):
    model = Complaint
    extra = 0
    fields = ["received_on", "category", "channel", "status", "due_on"]
    show_change_link = True


class LoanInline(admin.TabularInline):
    model = Loan
    extra = 0
    fields = ["borrower_name", "fund_name", "amount", "approved_on", "status"]
    show_change_link = True


@admin.register(Factory)
class FactoryAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "registration_number",
        "old_registration_number",
        "factory_type",
        "class_number",
        "status",
        "province",
        "office",
        "wastewater_risk",
        "air_risk",
        "hazardous_waste_risk",
    ]
    list_filter = [
        "status",
        "class_number",
        "wastewater_risk",
        "air_risk",
        "hazardous_waste_risk",
        "risk_overridden",
        "office",
    ]
    search_fields = [
        "name",
        "operator_name",
        "registration_number",
        "old_registration_number",
        "juristic_id",
        "business_description",
    ]
    list_select_related = ["factory_type", "province", "office"]
    autocomplete_fields = ["factory_type", "subdistrict", "district", "province"]
    readonly_fields = ["office", "created_at", "updated_at", "last_import_batch"]
    inlines = [GreenIndustryCertificateInline, FactoryYearInline, ComplaintInline, LoanInline]
    fieldsets = [
        (
            _("ทะเบียน"),
            {
                "fields": [
                    ("registration_number", "old_registration_number"),
                    ("name", "operator_name", "juristic_id"),
                    "business_description",
                    ("factory_type", "class_number", "isic_code"),
                    ("status", "licence_date", "i_industry_registered_on"),
                ]
            },
        ),
        (
            _("ที่ตั้ง"),
            {
                "fields": [
                    ("house_no", "moo", "soi", "road"),
                    ("subdistrict", "district", "province", "postal_code"),
                    ("phone", "industrial_estate"),
                    ("latitude", "longitude"),
                    "office",
                ]
            },
        ),
        (
            _("ขนาดกิจการ"),
            {
                "fields": [
                    ("capital", "capital_land", "capital_building"),
                    ("capital_machinery", "capital_working", "horsepower"),
                    ("technicians_male", "technicians_female", "workers_male", "workers_female"),
                    "workers_total",
                    ("production_capacity", "production_unit"),
                    ("site_area", "building_area"),
                ]
            },
        ),
        (
            _("ความเสี่ยง"),
            {
                "fields": [
                    ("wastewater_risk", "air_risk", "hazardous_waste_risk"),
                    ("risk_overridden", "risk_override_reason"),
                ]
            },
        ),
        (
            _("ที่มาของข้อมูล"),
            {"fields": ["source_updated_on", "last_import_batch", "created_at", "updated_at"]},
        ),
    ]


@admin.register(GreenIndustryCertificate)
class GreenIndustryCertificateAdmin(SimpleHistoryAdmin):
    list_display = ["factory", "level", "certificate_number", "issued_on", "expires_on"]
    list_filter = ["level", "factory__office"]
    search_fields = ["factory__name", "certificate_number", "factory__registration_number"]
    list_select_related = ["factory"]
    autocomplete_fields = ["factory"]


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ["received_on", "office", "factory", "category", "channel", "status", "due_on"]
    list_filter = ["status", "category", "channel", "office"]
    search_fields = ["description", "factory__name", "complainant_name", "outcome"]
    list_select_related = ["office", "factory"]
    autocomplete_fields = ["factory"]
    date_hierarchy = "received_on"


class LoanFollowUpInline(admin.TabularInline):
    model = LoanFollowUp
    extra = 0
    fields = ["followed_on", "status_after", "note", "recorded_by"]
    autocomplete_fields = ["recorded_by"]


@admin.register(Loan)
class LoanAdmin(SimpleHistoryAdmin):
    list_display = ["borrower_name", "office", "fund_name", "amount", "approved_on", "status"]
    list_filter = ["status", "office", "lender"]
    search_fields = ["borrower_name", "fund_name", "factory__name"]
    list_select_related = ["office", "factory"]
    autocomplete_fields = ["factory"]
    inlines = [LoanFollowUpInline]


@admin.register(FactoryYear)
class FactoryYearAdmin(admin.ModelAdmin):
    list_display = ["factory", "fiscal_year", "isingle_form_filed_on"]
    list_filter = ["fiscal_year", "factory__office"]
    search_fields = ["factory__name", "factory__registration_number"]
    list_select_related = ["factory"]
    autocomplete_fields = ["factory"]


class FirstRowsFormSet(BaseInlineFormSet):
    """A failed 70,000-row file may have as many problems: the page shows the first ones."""

    def get_queryset(self):
        return super().get_queryset().order_by("row_number", "pk")[:ROW_ERRORS_SHOWN]


class ImportRowErrorInline(admin.TabularInline):
    model = ImportRowError
    formset = FirstRowsFormSet
    extra = 0
    fields = ["row_number", "level", "column", "value", "message"]
    readonly_fields = fields
    can_delete = False
    max_num = 0  # shown, never added by hand


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "file_name",
        "office",
        "uploaded_by",
        "status",
        "total_rows",
        "created_count",
        "updated_count",
        "unchanged_count",
        "error_count",
    ]
    list_filter = ["status", "file_shape", "office"]
    search_fields = ["file_name", "file_sha256"]
    list_select_related = ["office", "uploaded_by"]
    readonly_fields = [
        "office",
        "uploaded_by",
        "file",
        "file_name",
        "file_sha256",
        "file_shape",
        "status",
        "dry_run",
        "valid_rows_only",
        "total_rows",
        "processed_rows",
        "created_count",
        "updated_count",
        "unchanged_count",
        "error_count",
        "warning_count",
        "message",
        "created_at",
        "started_at",
        "finished_at",
    ]
    inlines = [ImportRowErrorInline]

    def has_add_permission(self, request) -> bool:
        # Files are imported through the register's upload page or manage.py import_factories.
        return False


@admin.register(ImportRowError)
class ImportRowErrorAdmin(admin.ModelAdmin):
    list_display = ["batch", "row_number", "level", "column", "value", "message"]
    list_filter = ["level", "batch__office"]
    search_fields = ["message", "value", "batch__file_name"]
    list_select_related = ["batch"]
    readonly_fields = ["batch", "row_number", "level", "column", "value", "message"]

    def has_add_permission(self, request) -> bool:
        return False
