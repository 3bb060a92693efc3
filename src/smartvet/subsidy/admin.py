"""Admin: a policy is copied (action) and renamed here; its parameters are edited item by item
in the policy form (subsidy:policy-edit), never as JSON, and each save raises the version
through services.update_policy, with a ledger event. Workflow records are read-only here:
they change through services. (The holiday table is in core's admin.)"""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from smartvet.core.admin import LedgeredAdmin
from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.subsidy import commands, rules, services
from smartvet.subsidy.models import (
    Payment,
    Publicity,
    Qualification,
    SubsidyApplication,
    SubsidyPolicy,
)


@admin.register(SubsidyPolicy)
class SubsidyPolicyAdmin(LedgeredAdmin):
    list_display = ("code", "name", "region", "version", "updated_at")
    search_fields = ("code", "name")
    readonly_fields = ("code", "region", "version", "copied_from", "parameters")
    fields = ("code", "name", "region", "version", "copied_from", "parameters")
    actions = ["copy_for_my_region"]

    @admin.display(description=_("政策参数"))
    def parameters(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("subsidy:policy-edit", args=[obj.pk]),
            _("逐项修改补助标准、规模标准、日期和补助总额"),
        )

    def has_add_permission(self, request):
        return False  # policies are copied (action), never typed from nothing

    def has_delete_permission(self, request, obj=None):
        return False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Django wraps the change form in a transaction; the save is services.update_policy,
        # a durable transaction of its own, which may not be nested.
        return self._changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        try:
            updated = services.update_policy(
                actor=request.user,
                policy_id=obj.pk,
                command=parse(commands.UpdatePolicy, {"rules": obj.rules, "name": obj.name}),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return
        obj.version = updated.version

    @admin.action(description=_("复制为本人所在区划的政策（日期顺延到今年）"))
    def copy_for_my_region(self, request, queryset):
        for source in queryset:
            year = rules.cycle_containing(timezone.localdate())[0].year
            start_year = int(source.rules["cycle_start"][:4])
            code = f"{source.code.rsplit('-', 1)[0]}-{request.user.region_id}-{year}"
            try:
                command = parse(
                    commands.CopyPolicy,
                    {
                        "code": code,
                        "name": f"{source.name}（{year}）",
                        "region": request.user.region_id,
                        "shift_years": max(-5, min(5, year - start_year)),
                    },
                )
                services.copy_policy(actor=request.user, source_id=source.pk, command=command)
            except DomainError as exc:
                messages.error(
                    request, _("%(title)s：%(name)s") % {"title": source.name, "name": exc.message}
                )
            else:
                messages.success(request, _("已复制：%(c)s") % {"c": code})


class ReadOnlyAdmin(LedgeredAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (Qualification, SubsidyApplication, Publicity, Payment):
    admin.site.register(model, ReadOnlyAdmin)
