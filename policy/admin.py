from django.contrib import admin

from policy.models import Dimension


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "name_en"]
    search_fields = ["name", "name_en"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # The policy has exactly four dimensions; scores depend on every one of them.
        return False
