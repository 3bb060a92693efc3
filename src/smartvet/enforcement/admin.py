from django.contrib import admin

from smartvet.core.admin import ReadOnlyAdmin
from smartvet.enforcement.models import (
    Case,
    CaseEvidence,
    Dealer,
    DealerRecord,
    Disposal,
    InsuranceClaim,
    PurificationFarm,
    Shipment,
)


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


@admin.register(Disposal)
class DisposalAdmin(ReadOnlyAdmin):
    """Disposals, claims, certificates and shipments change only through their services."""

    list_display = ("date", "farm", "category", "animals", "method", "recorded_by")
    list_filter = ("method",)
    search_fields = ("farm__name", "place", "collector")


@admin.register(InsuranceClaim)
class InsuranceClaimAdmin(ReadOnlyAdmin):
    list_display = ("policy_number", "insurer", "animals", "amount", "status")
    list_filter = ("status",)
    search_fields = ("policy_number", "insurer")


@admin.register(PurificationFarm)
class PurificationFarmAdmin(ReadOnlyAdmin):
    list_display = ("certificate_no", "farm", "level", "valid_from", "valid_until")
    list_filter = ("level",)
    search_fields = ("certificate_no", "farm__name")


@admin.register(Shipment)
class ShipmentAdmin(ReadOnlyAdmin):
    list_display = ("lot", "status", "dispatch_temperature", "receipt_temperature")
    list_filter = ("status",)
