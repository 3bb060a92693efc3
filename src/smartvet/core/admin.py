"""Django admin for administrators: accounts, regions and historical codes, and the holiday
table of the working-day calendar. The ledger is shown read-only: it is append-only and
changed by no one.

`LedgeredAdmin` is the base of every app's ModelAdmin: an add, change or delete through
/admin/ is a ledger event like any other write (Django's own LogEntry is not the ledger:
it is not chained and an administrator can change it)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from smartvet.core import ledger, services
from smartvet.core.access import regions_of
from smartvet.core.models import CalendarDay, LedgerEvent, Region, RegionAlias, User

SECRET_FIELDS = frozenset({"password", "password1", "password2", "digest"})


class LedgeredAdmin(admin.ModelAdmin):
    """Records each save and delete in the ledger, in the admin's transaction (a bulk delete:
    one event per object, as if deleted one by one)."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            self.record_save(request, obj, form, change)

    def record_save(self, request, obj, form, change) -> None:
        if change:
            summary = {"object": str(obj), "changed": _changed(form)}
            _record(request, "admin.changed", obj, summary)
        else:
            _record(request, "admin.added", obj, {"object": str(obj)})

    def delete_model(self, request, obj):
        with transaction.atomic():
            _record(request, "admin.deleted", obj, {"object": str(obj)})
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                _record(request, "admin.deleted", obj, {"object": str(obj)})
            super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        """Rows of an inline are objects of their own: each added, changed or deleted row is
        an event too."""
        doomed = [row.instance for row in formset.deleted_forms if row.instance.pk is not None]
        with transaction.atomic():
            for obj in doomed:
                _record(request, "admin.deleted", obj, {"object": str(obj)})
            super().save_formset(request, form, formset, change)
            for obj in formset.new_objects:
                _record(request, "admin.added", obj, {"object": str(obj)})
            for obj, names in formset.changed_objects:
                changed = {name: getattr(obj, name, None) for name in names}
                _record(request, "admin.changed", obj, {"object": str(obj), "changed": changed})


def _changed(form) -> dict[str, Any]:
    """The new values of the fields the form changed (never a secret)."""
    return {
        name: form.cleaned_data.get(name) for name in form.changed_data if name not in SECRET_FIELDS
    }


def _record(request, action: str, obj, summary: dict[str, Any]) -> None:
    """The event goes to the object's region (its county's chain), else the administrator's."""
    regions = regions_of(obj) if getattr(obj, "region_path", None) else []
    region = str(regions[0]) if regions else ""
    ledger.record(
        actor=request.user,
        action=action,
        obj=obj,
        region=region,
        summary=summary,
    )


@admin.register(User)
class AccountAdmin(LedgeredAdmin, UserAdmin):
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

    def record_save(self, request, obj, form, change) -> None:
        services.record_account_change(actor=request.user, account=obj, created=not change)

    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("smartvet", {"fields": ("role", "region", "display_name")}),
    )


class ReadOnlyAdmin(LedgeredAdmin):
    """Records an app's services keep (one ledger event each): the admin site only shows them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(LedgeredAdmin):
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
class RegionAliasAdmin(LedgeredAdmin):
    list_display = ("code", "name", "region", "until")
    raw_id_fields = ("region",)


@admin.register(CalendarDay)
class CalendarDayAdmin(LedgeredAdmin):
    """Holidays and make-up working days (调休) that core.workdays reads before
    chinese-calendar: the only way to give a year the package does not know yet."""

    list_display = ("date", "name", "is_workday")
    list_filter = ("is_workday",)


@admin.register(LedgerEvent)
class LedgerEventAdmin(LedgeredAdmin):
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
