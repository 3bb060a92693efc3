"""Admin of the hotline, daily reports and monthly meetings: read-only records (they change
through the services), except a county's hotline policy (desk hours and clock limits), saved
through services.hotline.set_policy with its ledger event. Imported by vetservice.admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smartvet.core import regions
from smartvet.core.admin import LedgeredAdmin, ReadOnlyAdmin
from smartvet.core.errors import DomainError
from smartvet.core.working_hours import WorkingHours
from smartvet.vetservice.models import (
    DailyReport,
    DailyReportLine,
    HotlinePolicy,
    HotlineTicket,
    MeetingAttendance,
    MonthlyMeeting,
    TicketEntry,
)
from smartvet.vetservice.services import hotline


class HotlinePolicyForm(forms.ModelForm):
    class Meta:
        model = HotlinePolicy
        fields = (
            "region",
            "working_hours",
            "first_response_hours",
            "next_update_hours",
            "resolution_hours",
        )

    def clean_region(self):
        region = self.cleaned_data["region"]
        if regions.level_of(region.code) != "county":
            raise ValidationError(_("客服专线时限按县（区）设置"))
        return region

    def clean_working_hours(self):
        value = self.cleaned_data["working_hours"]
        try:
            WorkingHours.parse(value)
        except ValueError:
            raise ValidationError(_("工作时段格式应为 08:30-12:00,14:00-17:30")) from None
        return value


@admin.register(HotlinePolicy)
class HotlinePolicyAdmin(LedgeredAdmin):
    form = HotlinePolicyForm
    list_display = (
        "region",
        "working_hours",
        "first_response_hours",
        "next_update_hours",
        "resolution_hours",
    )

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            hotline.set_policy(actor=request.user, policy=obj)
        except DomainError as exc:  # e.g. a county outside the account's region: not saved
            messages.error(request, exc.message)


class EntryInline(admin.TabularInline):
    model = TicketEntry
    extra = 0
    can_delete = False
    readonly_fields = ("at", "kind", "actor", "text")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(HotlineTicket)
class HotlineTicketAdmin(ReadOnlyAdmin):
    list_display = ("number", "subject", "stage", "topic", "region", "routed_to", "status")
    list_filter = ("status", "stage", "channel", "topic")
    search_fields = ("number", "subject", "caller_name")
    inlines = [EntryInline]


class LineInline(admin.TabularInline):
    model = DailyReportLine
    extra = 0
    can_delete = False
    readonly_fields = ("source", "farm", "text", "quantity", "ref")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DailyReport)
class DailyReportAdmin(ReadOnlyAdmin):
    list_display = ("day", "vaccinator", "region", "kind", "submitted_at")
    list_filter = ("kind", "day")
    search_fields = ("vaccinator__username", "vaccinator__display_name")
    inlines = [LineInline]


class AttendanceInline(admin.TabularInline):
    model = MeetingAttendance
    extra = 0
    can_delete = False
    readonly_fields = ("attendee", "present", "absence_reason")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MonthlyMeeting)
class MonthlyMeetingAdmin(ReadOnlyAdmin):
    list_display = ("month", "region", "held_on", "status")
    list_filter = ("status",)
    inlines = [AttendanceInline]
