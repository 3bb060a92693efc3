"""Read-only admin views of quarantine records: they change only through the services, so
the ledger sees every change."""

from django.contrib import admin

from smartvet.core.admin import LedgeredAdmin
from smartvet.quarantine.models import (
    Certificate,
    CheckpointCheck,
    CrossProvinceReport,
    Declaration,
    SlaughterEntry,
)


class ReadOnly(LedgeredAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Declaration)
class DeclarationAdmin(ReadOnly):
    list_display = ("id", "farm", "category", "quantity", "purpose", "departure_date", "status")
    list_filter = ("status", "purpose")
    search_fields = ("farm__name", "farm__code", "vehicle")


@admin.register(Certificate)
class CertificateAdmin(ReadOnly):
    list_display = ("number", "kind", "farm", "category", "quantity", "issued_at", "status")
    list_filter = ("status", "kind")
    search_fields = ("number", "farm__name", "vehicle")


@admin.register(CheckpointCheck)
class CheckpointCheckAdmin(ReadOnly):
    list_display = ("number", "checkpoint_name", "at", "vehicle", "count_seen", "result")


@admin.register(SlaughterEntry)
class SlaughterEntryAdmin(ReadOnly):
    list_display = ("certificate", "at", "slaughtered", "matched", "reconciled")


@admin.register(CrossProvinceReport)
class CrossProvinceReportAdmin(ReadOnly):
    list_display = ("certificate_number", "kind", "reported_in", "place", "at", "quantity")
    list_filter = ("kind", "reported_in", "certificate_province")
    search_fields = ("certificate_number", "place")
