"""The admin's pieces that no app owns: Thai names of permissions, the yes/no icons' text, and
django-axes's pages with Thai column headers (its own leave two method columns in English)."""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group, Permission
from django.db.models import ManyToManyField
from django.forms import ModelMultipleChoiceField
from django.http import HttpRequest
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from core.history import shown_value
from core.models import DigestSend, Notification, ReminderThreshold, ReportRequest
from core.thaidates import format_be_datetime


class ReadableHistoryContext(HistoricalRecordContextHelper):
    """simple-history's list of changes with the values as a person reads them: a choice's
    label, yes or no, dates in the Buddhist Era (``core.history``), not the stored code."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.many_to_many:  # the rows of the link table: name what they link to
            key = field.m2m_reverse_field_name()
            items = [row[key] for row in value or []]  # the objects, or their ids
            objects = [i for i in items if isinstance(i, field.related_model)]
            ids = [i for i in items if not isinstance(i, field.related_model)]
            if ids:
                objects += field.related_model.objects.filter(pk__in=ids)
            return ", ".join(sorted(str(item) for item in objects)) or "–"
        if field.is_relation:
            return super().prepare_delta_change_value(change, value)
        return shown_value(field, value, {})


class ReadableHistoryAdmin(SimpleHistoryAdmin):
    """A ``SimpleHistoryAdmin`` whose history page shows values as a person reads them."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryContext(self.model, historical_record)


PERMISSION_ACTIONS = {"add": _("เพิ่ม"), "change": _("แก้ไข"), "delete": _("ลบ"), "view": _("ดู")}


def permission_label(permission: Permission) -> str:
    """``ทะเบียนโรงงาน | โรงงาน | แก้ไขโรงงาน``: Django's three parts, named in the language
    of the page. Django stores the default permissions' names in English when it creates them
    ("Can change โรงงาน"), and simple-history's models as "historical โรงงาน"."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:
        return str(permission)
    app = apps.get_app_config(content_type.app_label).verbose_name
    original = getattr(model, "instance_type", None)  # simple-history's model of past versions
    if original is not None:
        name = gettext("ประวัติของ%(model)s") % {"model": original._meta.verbose_name}
    else:
        name = str(model._meta.verbose_name)
    action, _sep, model_name = permission.codename.partition("_")
    if action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
        text = f"{PERMISSION_ACTIONS[action]}{name}"
    else:
        text = permission.name
    return f"{app} | {name} | {text}"


class ThaiPermissionLabels:
    """For a ModelAdmin with a many-to-many field to Permission: its choices named in Thai."""

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest | None = None, **kwargs
    ):
        field = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if isinstance(field, ModelMultipleChoiceField) and field.queryset.model is Permission:
            field.queryset = field.queryset.select_related("content_type")
            field.label_from_instance = permission_label
        return field


BOOLEAN_ICONS = {True: ("yes", _("ใช่")), False: ("no", _("ไม่ใช่")), None: ("unknown", _("ไม่ทราบ"))}


def boolean_icon(value: bool | None) -> SafeString:
    """Django's yes/no/unknown icon of a list column or read-only field, its text (read out by a
    screen reader, shown when images are off) in the page's language, not "True"/"False"."""
    name, text = BOOLEAN_ICONS[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), text)


# Django's list columns and read-only fields import it from here when they draw a boolean.
admin_list._boolean_icon = boolean_icon


class ThaiGroupAdmin(ThaiPermissionLabels, GroupAdmin):
    pass


class ThaiAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.display(description=_("หมดอายุเมื่อ"))
    def expiration(self, obj: AccessAttempt) -> str:
        if hasattr(obj, "expiration"):
            return format_be_datetime(obj.expiration.expires_at)
        return gettext("ไม่ได้กำหนด")

    @admin.display(description=_("สถานะ"))
    def status(self, obj: AccessAttempt) -> str:
        remaining = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if remaining > 0:
            return gettext("ลองได้อีก %(count)s ครั้ง") % {"count": remaining}
        return gettext("ถูกล็อก")


# django.contrib.auth and axes register theirs first (they come before core in INSTALLED_APPS).
for model, model_admin in ((Group, ThaiGroupAdmin), (AccessAttempt, ThaiAccessAttemptAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    """Reports people asked for, for an admin to see which failed and why; they are made by
    the workers, never typed here."""

    list_display = ("title", "kind", "requested_by", "office", "status", "attempts", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "requested_by__username")
    list_select_related = ("requested_by", "office")
    readonly_fields = [f.name for f in ReportRequest._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReminderThreshold)
class ReminderThresholdAdmin(admin.ModelAdmin):
    """The days at which each kind of reminder goes out: data, not code."""

    list_display = ["kind", "days", "active", "meaning"]
    list_editable = ["days", "active"]
    list_filter = ["kind", "active"]
    ordering = ["kind", "days"]

    @admin.display(description=_("ความหมายของจำนวนวัน"))
    def meaning(self, obj: ReminderThreshold) -> str:
        from core.reminders import DESCRIPTIONS

        return str(DESCRIPTIONS.get(obj.kind, gettext("ชนิดที่ระบบไม่รู้จัก")))


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What the job created: read only (the unique key is what keeps a reminder from repeating)."""

    list_display = ["title", "recipient", "kind", "threshold", "created_at", "read_at"]
    list_filter = ["kind", "threshold"]
    search_fields = ["title", "recipient__username", "subject_key"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(DigestSend)
class DigestSendAdmin(admin.ModelAdmin):
    list_display = ["recipient", "day", "sent_at"]
    list_select_related = ["recipient"]
    readonly_fields = ["recipient", "day", "sent_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
