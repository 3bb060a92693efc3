from django.contrib import admin

from smartvet.core.admin import LedgeredAdmin
from smartvet.immunization.models import (
    AntibodyTest,
    Immunization,
    PlanEntry,
    RegionalSwitch,
    VaccineLot,
)


@admin.register(PlanEntry)
class PlanEntryAdmin(LedgeredAdmin):
    list_display = (
        "disease",
        "category",
        "protection_days",
        "interval_days",
        "nationwide",
        "active",
    )
    list_filter = ("disease", "nationwide", "active")
    list_editable = ("protection_days", "interval_days", "nationwide", "active")


@admin.register(RegionalSwitch)
class RegionalSwitchAdmin(LedgeredAdmin):
    list_display = ("disease", "region", "enabled", "note")
    list_filter = ("disease", "enabled")
    raw_id_fields = ("region",)


@admin.register(VaccineLot)
class VaccineLotAdmin(LedgeredAdmin):
    """Read-only: lots change through the services (stock, ledger)."""

    list_display = ("product", "batch", "source", "expiry", "doses", "doses_left", "region")
    list_filter = ("source",)
    search_fields = ("product", "batch", "approval_number")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Immunization)
class ImmunizationAdmin(VaccineLotAdmin):
    list_display = ("farm", "date", "category", "disease", "animals", "doses", "next_due")
    list_filter = ("disease", "category")
    search_fields = ("farm__name",)


@admin.register(AntibodyTest)
class AntibodyTestAdmin(VaccineLotAdmin):
    list_display = (
        "farm",
        "disease",
        "round",
        "sampled_on",
        "samples",
        "qualified",
        "pass_rate",
        "passed",
        "late",
    )
    list_filter = ("disease", "round", "passed", "late")
    search_fields = ("farm__name", "lab")
