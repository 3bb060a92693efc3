"""Read-mostly admin of veterinary socialized services: every write goes through the
services (one ledger event each), so nothing here adds, edits or deletes."""

from django.contrib import admin

from smartvet.core.admin import ReadOnlyAdmin
from smartvet.vetservice.models import (
    Agreement,
    CaseRecord,
    GuidePrice,
    Provider,
    Service,
    ServiceOrder,
    Statement,
    StatementLine,
    Vaccinator,
)


@admin.register(Provider)
class ProviderAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "township", "lead_from", "lead_until", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "account__username", "credit_code")


@admin.register(Vaccinator)
class VaccinatorAdmin(ReadOnlyAdmin):
    list_display = (
        "account",
        "kind",
        "provider",
        "qualification_no",
        "qualification_expires",
        "on_roster",
    )
    list_filter = ("kind", "on_roster")
    search_fields = ("account__username", "account__display_name", "qualification_no")


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "kind", "unit", "county")
    list_filter = ("kind",)


@admin.register(GuidePrice)
class GuidePriceAdmin(ReadOnlyAdmin):
    list_display = ("service", "effective_from", "price")


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ("number", "provider", "farm", "status", "starts_on", "ends_on")
    list_filter = ("status",)
    search_fields = ("number", "farm__name")


@admin.register(ServiceOrder)
class ServiceOrderAdmin(ReadOnlyAdmin):
    list_display = ("number", "farm", "service", "status", "assignee", "basis", "amount", "rating")
    list_filter = ("status", "basis", "payer")
    search_fields = ("number", "farm__name")


@admin.register(CaseRecord)
class CaseRecordAdmin(ReadOnlyAdmin):
    list_display = ("order", "diagnosis", "drugs", "withdrawal_days", "recorded_at")


class LineInline(admin.TabularInline):
    model = StatementLine
    extra = 0
    can_delete = False
    readonly_fields = (
        "order",
        "service_name",
        "farm_name",
        "quantity",
        "price",
        "amount",
        "included",
        "note",
    )
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ("provider", "month", "version", "status", "total", "signed_by")
    list_filter = ("status",)
    inlines = [LineInline]


# H2: the hotline, daily reports and monthly meetings register theirs there.
from smartvet.vetservice import hotline_admin  # noqa: E402, F401
