"""Django admin for administrators: accounts, regions and historical codes, and the holiday
table of the working-day calendar. The ledger is shown read-only: it is append-only and
changed by no one."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from smartvet.core import services
from smartvet.core.models import CalendarDay, LedgerEvent, Region, RegionAlias, User


@admin.register(User)
class AccountAdmin(UserAdmin):
    list_display = ("username", "display_name", "role", "region", "organization", "is_active")
    list_filter = ("role", "is_active")
    search_fields = ("username", "display_name", "organization", "region__code")
    raw_id_fields = ("region", "provider")
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            "smartvet",
            {"fields": ("role", "region", "display_name", "organization", "phone", "provider")},
        ),
    )

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            services.record_account_change(actor=request.user, account=obj, created=not change)

    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("smartvet", {"fields": ("role", "region", "display_name")}),
    )


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Divisions come from the shipped lists and village imports; here only a name changes,
    through the service (so the ledger sees it)."""

    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    readonly_fields = ("code", "level", "parent")
    fields = ("code", "name", "level", "parent")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.rename_region(actor=request.user, code=obj.code, name=obj.name)


@admin.register(RegionAlias)
class RegionAliasAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region", "until")
    raw_id_fields = ("region",)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Holidays and make-up working days (调休) that core.workdays reads before
    chinese-calendar: the only way to give a year the package does not know yet."""

    list_display = ("date", "name", "is_workday")
    list_filter = ("is_workday",)


@admin.register(LedgerEvent)
class LedgerEventAdmin(admin.ModelAdmin):
    list_display = (
        "seq",
        "at",
        "actor_name",
        "role",
        "region",
        "action",
        "object_type",
        "object_id",
    )
    list_filter = ("action",)
    search_fields = ("object_id", "actor_name", "region")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
