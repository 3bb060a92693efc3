from django.contrib import admin

from smartvet.core.admin import ReadOnlyAdmin
from smartvet.enforcement.models import Case, CaseEvidence, Dealer, DealerRecord


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    """Cases move only through their workflow's services (enforcement.services.cases)."""

    list_display = ("number", "kind", "status", "region", "due_on", "decision")
    list_filter = ("status", "kind", "source")
    search_fields = ("number", "summary", "certificate_number", "vehicle")


@admin.register(CaseEvidence)
class CaseEvidenceAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "record_kind", "record_ref", "added_at")


@admin.register(Dealer)
class DealerAdmin(ReadOnlyAdmin):
    list_display = ("name", "licence_no", "county")
    search_fields = ("name", "licence_no")


@admin.register(DealerRecord)
class DealerRecordAdmin(ReadOnlyAdmin):
    list_display = ("dealer", "direction", "date", "category", "quantity")
