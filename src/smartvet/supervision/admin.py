"""Read-mostly admin of supervision's records; writes go through the services."""

from django.contrib import admin

from smartvet.core.admin import LedgeredAdmin
from smartvet.supervision.models import (
    Attendance,
    CountyRollout,
    Dashboard,
    Milestone,
    Rollup,
    TrainingSession,
    Watermark,
)


@admin.register(Rollup)
class RollupAdmin(LedgeredAdmin):
    list_display = ["measure", "day", "place", "species", "bucket", "value"]
    list_filter = ["measure"]
    search_fields = ["place"]
    readonly_fields = [f.name for f in Rollup._meta.fields]


@admin.register(Dashboard)
class DashboardAdmin(LedgeredAdmin):
    list_display = ["region", "first", "last", "language", "stale", "prepared_at"]
    list_filter = ["stale"]
    search_fields = ["region"]
    readonly_fields = [f.name for f in Dashboard._meta.fields]


@admin.register(CountyRollout)
class CountyRolloutAdmin(LedgeredAdmin):
    list_display = ["county", "reported_live_on", "tag_issue_enabled_on", "quarantine_enabled_on"]
    readonly_fields = [
        "county",
        "reported_live_on",
        "tag_issue_enabled_on",
        "quarantine_enabled_on",
    ]


@admin.register(Milestone)
class MilestoneAdmin(LedgeredAdmin):
    list_display = ["region", "due", "name", "scope", "share"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    readonly_fields = ["station", "attendees", "farms_trained"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(LedgeredAdmin):
    list_display = ["title", "kind", "region", "held_on"]
    readonly_fields = ["region", "kind", "title", "held_on", "recorded_by"]
    inlines = [AttendanceInline]


admin.site.register(Watermark, LedgeredAdmin)
