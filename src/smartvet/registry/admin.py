from django.contrib import admin

from smartvet.core.admin import LedgeredAdmin
from smartvet.registry.models import Farm


@admin.register(Farm)
class FarmAdmin(LedgeredAdmin):
    """Read-mostly: farms are written through the registry's services (ledger)."""

    list_display = ("code", "name", "kind", "region", "is_complete")
    list_filter = ("kind", "is_complete")
    search_fields = ("code", "name", "owner_name")
    readonly_fields = [f.name for f in Farm._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
