"""Read-mostly admin of the consult app: writes go through the services."""

from django.contrib import admin

from smartvet.consult import models
from smartvet.core.admin import ReadOnlyAdmin


@admin.register(models.Expert)
class ExpertAdmin(ReadOnlyAdmin):
    list_display = ("account", "employer", "title", "available")
    search_fields = ("account__display_name", "account__username", "employer")
    list_filter = ("available",)


@admin.register(models.Pairing)
class PairingAdmin(ReadOnlyAdmin):
    list_display = ("expert", "kind", "region", "company", "starts_on", "ends_on")
    list_filter = ("kind",)


@admin.register(models.Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ("id", "species", "topic", "region", "status", "asked_at", "rating")
    list_filter = ("status", "species", "topic")
    search_fields = ("question",)


@admin.register(models.Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("id", "species", "topic", "expert_name", "published_at")
    search_fields = ("question", "answer")


@admin.register(models.TrainingEvent)
class TrainingEventAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "region", "starts_at", "teacher")
    list_filter = ("kind",)
    exclude = ("sign_in_key",)


@admin.register(models.PriceReport)
class PriceReportAdmin(ReadOnlyAdmin):
    list_display = ("date", "commodity", "region", "market", "price", "unit", "confirmed_outlier")
    list_filter = ("commodity", "confirmed_outlier")


@admin.register(models.MarketPost)
class MarketPostAdmin(ReadOnlyAdmin):
    list_display = ("kind", "commodity", "quantity", "region", "expires_on", "withdrawn")
    list_filter = ("kind", "withdrawn")
