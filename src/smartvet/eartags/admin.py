"""Read-only admin views: tag stock changes only through the services (ledger)."""

from django.contrib import admin

from smartvet.core.admin import LedgeredAdmin
from smartvet.eartags.models import ImportBatch, Tag, TagMove, TagRange


class ReadOnlyAdmin(LedgeredAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TagRange)
class TagRangeAdmin(ReadOnlyAdmin):
    list_display = ("first", "last", "box", "pack", "holder_kind", "holder_key", "region")
    list_filter = ("holder_kind",)
    search_fields = ("box", "pack", "holder_key")


@admin.register(TagMove)
class TagMoveAdmin(ReadOnlyAdmin):
    list_display = ("at", "kind", "first", "last", "quantity", "from_label", "to_label", "actor")
    list_filter = ("kind",)


@admin.register(Tag)
class TagAdmin(ReadOnlyAdmin):
    list_display = ("code", "status", "farm", "fitted_on", "cancel_reason")
    list_filter = ("status", "cancel_reason")


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "filename", "ranges", "tags", "actor", "region")
