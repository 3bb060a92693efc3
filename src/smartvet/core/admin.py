"""Django admin for administrators: accounts, regions and historical codes. The ledger is
shown read-only: it is append-only and changed by no one."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from smartvet.core.models import LedgerEvent, Region, RegionAlias, User


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
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("smartvet", {"fields": ("role", "region", "display_name")}),
    )


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(RegionAlias)
class RegionAliasAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region", "until")
    raw_id_fields = ("region",)


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
