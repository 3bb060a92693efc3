"""The outbox in Django's admin: read-only (the deliverer and exchange.services write it)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartvet.core.admin import ReadOnlyAdmin
from smartvet.core.models import OutboxEvent


class DeliveryState(admin.SimpleListFilter):
    title = _("发送状态")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("待发送")),
            ("failing", _("发送失败待重试")),
            ("acknowledged", _("已确认接收")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.filter(acknowledged_at__isnull=True)
        if self.value() == "failing":
            return queryset.filter(acknowledged_at__isnull=True, attempts__gt=0)
        if self.value() == "acknowledged":
            return queryset.filter(acknowledged_at__isnull=False)
        return queryset


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    list_display = (
        "occurred_at",
        "type",
        "object_type",
        "object_id",
        "attempts",
        "acknowledged_at",
    )
    list_filter = (DeliveryState, "type")
    search_fields = ("id", "object_id")
    ordering = ("-seq",)
