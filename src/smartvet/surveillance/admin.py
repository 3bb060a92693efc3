"""Read-only admin views of surveillance records: they change only through the services, so
the ledger sees every change."""

from django.contrib import admin

from smartvet.core.admin import LedgeredAdmin
from smartvet.surveillance.models import (
    Alert,
    AlertRule,
    LabResult,
    OutbreakEvent,
    Report,
    SamplingPlan,
)


class ReadOnly(LedgeredAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ("id", "kind", "region", "farm", "sick", "dead", "onset_date", "reported_by")
    list_filter = ("kind",)
    search_fields = ("farm__name", "region__code")


@admin.register(LabResult)
class LabResultAdmin(ReadOnly):
    list_display = ("id", "farm", "disease", "kind", "samples", "positive", "lab", "accreditation")
    list_filter = ("disease", "kind", "accreditation")


@admin.register(SamplingPlan)
class SamplingPlanAdmin(ReadOnly):
    list_display = ("year", "season", "region", "disease", "species", "samples")


@admin.register(AlertRule)
class AlertRuleAdmin(ReadOnly):
    list_display = ("code", "region", "indicator", "method", "severity", "active")


@admin.register(Alert)
class AlertAdmin(ReadOnly):
    list_display = ("id", "rule", "region", "severity", "status", "opened_at", "outcome")
    list_filter = ("status", "severity", "outcome")


@admin.register(OutbreakEvent)
class OutbreakEventAdmin(ReadOnly):
    list_display = ("number", "disease", "region", "status", "suspected_at")
