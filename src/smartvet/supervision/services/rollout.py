"""The rollout's records (seed 002 §三): the functions the province switches on per county and
the date a county reports its go-live."""

from __future__ import annotations

from django.db import transaction

from smartvet.core import ledger
from smartvet.core.access import require
from smartvet.core.errors import NotFound
from smartvet.core.models import Region, User
from smartvet.supervision.commands import EnableFeatures, ReportLive
from smartvet.supervision.models import CountyRollout
from smartvet.supervision.permissions import ENABLE_FEATURES, REPORT_LIVE


def _county_record(code: str) -> CountyRollout:
    county = Region.objects.filter(code=code, level="county").first()
    if county is None:
        raise NotFound()
    record, _created = CountyRollout.objects.select_for_update().get_or_create(county=county)
    return record


def enable_features(*, actor: User, county: str, command: EnableFeatures) -> CountyRollout:
    """The province's 动物卫生监督所 switches tag issue and origin quarantine on (or off) for a
    county, with the dates it did (seed 002 §三(二) "省动物卫生监督所在动监e通开通功能应用")."""
    with transaction.atomic(durable=True):
        require(actor, ENABLE_FEATURES, region=county)
        record = _county_record(county)
        require(actor, ENABLE_FEATURES, record)
        before = {
            "tag_issue": record.tag_issue_enabled_on,
            "quarantine": record.quarantine_enabled_on,
        }
        record.tag_issue_enabled_on = command.tag_issue_enabled_on
        record.quarantine_enabled_on = command.quarantine_enabled_on
        record.save()
        ledger.record(
            actor=actor,
            action="supervision.features_enabled",
            obj=record,
            region=county,
            summary={
                "before": before,
                "tag_issue": record.tag_issue_enabled_on,
                "quarantine": record.quarantine_enabled_on,
            },
        )
    return record


def report_live(*, actor: User, county: str, command: ReportLive) -> CountyRollout:
    """A county reports the date it started the new functions (seed 002 §三(二) "向省动物卫生
    监督所上报新功能启用时间")."""
    with transaction.atomic(durable=True):
        require(actor, REPORT_LIVE, region=county)
        record = _county_record(county)
        require(actor, REPORT_LIVE, record)
        record.reported_live_on = command.reported_live_on
        record.save()
        ledger.record(
            actor=actor,
            action="supervision.live_reported",
            obj=record,
            region=county,
            summary={"reported_live_on": record.reported_live_on},
        )
    return record
