from django.contrib import admin

from smartvet.core.admin import LedgeredAdmin, ReadOnlyAdmin
from smartvet.registry.models import Farm, Vehicle, VehicleDisinfection, VehicleRule


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


@admin.register(Vehicle)
class VehicleAdmin(ReadOnlyAdmin):
    """The vehicle register is kept by its services (备案, 洗消, the county's rule)."""

    list_display = ("plate", "owner_name", "capacity", "county", "last_disinfected_on")
    search_fields = ("plate", "owner_name")


@admin.register(VehicleDisinfection)
class VehicleDisinfectionAdmin(ReadOnlyAdmin):
    list_display = ("vehicle", "date", "place")


@admin.register(VehicleRule)
class VehicleRuleAdmin(ReadOnlyAdmin):
    list_display = ("county", "registration_required", "disinfection_days", "updated_at")
