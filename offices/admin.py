from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadableHistoryAdmin, ThaiPermissionLabels
from offices.models import (
    District,
    MinistryUnit,
    Office,
    OfficeYear,
    Province,
    Region,
    Subdistrict,
    User,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Geography comes from DOPA codes (load_reference_data); nobody edits it by hand."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "name_en"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "name_en", "province"]
    list_filter = ["province"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["province"]


@admin.register(Subdistrict)
class SubdistrictAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "name_en", "district", "postal_codes"]
    search_fields = ["code", "name_th", "name_en", "postal_codes"]
    list_select_related = ["district"]


class OfficeInline(admin.TabularInline):
    model = Office
    fields = ["short_name", "name"]
    readonly_fields = ["short_name", "name"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "office_count"]
    search_fields = ["name", "offices__province__name_th"]
    inlines = [OfficeInline]

    @admin.display(description=_("จำนวนสำนักงาน"))
    def office_count(self, obj: Region) -> int:
        return obj.offices.count()


class OfficeYearInline(admin.StackedInline):
    model = OfficeYear
    extra = 0
    fields = [
        "fiscal_year",
        ("staff_count", "budget_received", "budget_spent"),
        ("housing_condition", "housing_note"),
        "problems",
    ]


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "province", "region", "phone", "is_active"]
    list_filter = ["region", "is_active"]
    search_fields = ["name", "short_name", "province__name_th", "province__name_en"]
    list_select_related = ["province", "region"]
    autocomplete_fields = ["province"]
    inlines = [OfficeYearInline]


@admin.register(OfficeYear)
class OfficeYearAdmin(SimpleHistoryAdmin):
    list_display = [
        "office",
        "fiscal_year",
        "staff_count",
        "budget_received",
        "budget_spent",
        "housing_condition",
    ]
    list_filter = ["fiscal_year", "housing_condition", "office__region"]
    search_fields = ["office__name", "office__short_name", "problems"]
    list_select_related = ["office"]
    autocomplete_fields = ["office"]


class UserAddForm(AdminUserCreationForm):
    """Create a user with role, office and regions in one form."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = (
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "office",
            "regions",
            "position",
        )


@admin.register(MinistryUnit)
class MinistryUnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "parent", "is_active", "order"]
    list_filter = ["kind", "is_active"]
    list_editable = ["is_active", "order"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]


@admin.register(User)
class UserAdmin(ThaiPermissionLabels, BaseUserAdmin, ReadableHistoryAdmin):
    add_form = UserAddForm
    list_display = ["username", "full_name", "role", "office", "unit", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "office__region", "office", "unit"]
    search_fields = ["username", "first_name", "last_name", "email", "office__short_name"]
    list_select_related = ["office", "unit"]
    autocomplete_fields = ["office"]
    filter_horizontal = ["regions", "groups", "user_permissions"]
    # Set by the login and by the account's creation, shown as read (in the Buddhist Era).
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("ข้อมูลส่วนตัว"),
            {"fields": ("first_name", "last_name", "email", "position", "phone")},
        ),
        (_("บทบาทและสังกัด"), {"fields": ("role", "office", "regions", "unit")}),
        (
            _("สิทธิ์"),
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "classes": ("collapse",),
            },
        ),
        (_("วันที่สำคัญ"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
        (_("บทบาทและสังกัด"), {"fields": ("role", "office", "regions", "unit", "position")}),
    )

    @admin.display(description=_("ชื่อ-นามสกุล"), ordering="first_name")
    def full_name(self, obj: User) -> str:
        return obj.get_full_name()
