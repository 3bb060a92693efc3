"""Supervision's demo data (idempotent): seed 002's milestones for 湖北省, 夷陵区's functions
switched on by the province and its reported go-live date, one training, and the rollups
rebuilt from the other apps' demo data (supervision loads last: it reads every app)."""

from __future__ import annotations

from datetime import date

from smartvet.core.models import User
from smartvet.supervision import services
from smartvet.supervision.commands import (
    AttendanceLine,
    EnableFeatures,
    RecordTraining,
    ReportLive,
)
from smartvet.supervision.models import CountyRollout, Milestone, TrainingSession
from smartvet.supervision.rollout import SEED_MILESTONES

PROVINCE, YILING = "42", "420506"


def load(password: str) -> None:
    year = date.today().year
    if not Milestone.objects.filter(region_id=PROVINCE, due__year=year).exists():
        Milestone.objects.bulk_create(
            Milestone(region_id=PROVINCE, due=date(year, m, d), name=name, scope=scope, share=share)
            for m, d, name, scope, share in SEED_MILESTONES
        )
    province = User.objects.filter(username="province_supervisor").first()
    county = User.objects.get(username="county_supervisor")
    if province and not CountyRollout.objects.filter(tag_issue_enabled_on__isnull=False).exists():
        on = date(year, 7, 1)
        services.enable_features(
            actor=province,
            county=YILING,
            command=EnableFeatures(tag_issue_enabled_on=on, quarantine_enabled_on=on),
        )
    if not CountyRollout.objects.filter(county_id=YILING, reported_live_on__isnull=False).exists():
        command = ReportLive(reported_live_on=date(year, 7, 5))
        services.report_live(actor=county, county=YILING, command=command)
    if not TrainingSession.objects.exists():
        services.record_training(
            actor=county,
            command=RecordTraining(
                region=YILING,
                kind="users",
                title="耳标追溯及产地检疫新功能使用培训",
                held_on=date(year, 7, 10),
                attendance=[
                    AttendanceLine(station="420506107", attendees=6, farms_trained=40),
                    AttendanceLine(station="420506108", attendees=5, farms_trained=32),
                ],
            ),
        )
    services.refresh()
