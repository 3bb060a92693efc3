"""Access cases of the supervision API for the generic suite (tests/core/test_api_access.py):
every read is the region's, so a township's station asking for its county gets 404."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.supervision import services
from smartvet.supervision.commands import CreateScheme, IssueNotice
from tests.support.endpoints import Because, Call, EndpointCase, Event, New, Param

COUNTY = Call(body={"region": "420506"})
NO_REGION = Because("the list of indicators names no region")

CASES = [
    EndpointCase(
        "get",
        "/api/v1/supervision/indicators",
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign=NO_REGION,
    ),
    EndpointCase(
        "get",
        "/api/v1/supervision/figures",
        setup=lambda personas: COUNTY,
        allowed="county_supervisor",
        forbidden="farmer_longquan",
        foreign="station_longquan",
    ),
    EndpointCase(
        "get",
        "/api/v1/supervision/series",
        setup=lambda personas: Call(body={"region": "420506", "indicator": "farms_registered"}),
        allowed="bureau",
        forbidden="vet_longquan",
        foreign="station_yaqueling",
    ),
]

CASES += [
    EndpointCase(
        "get",
        "/api/v1/supervision/anomalies",
        setup=lambda personas: COUNTY,
        allowed="county_supervisor",
        forbidden="farmer_longquan",
        foreign="station_yaqueling",
    ),
    EndpointCase(
        "get",
        "/api/v1/supervision/rollout",
        setup=lambda personas: COUNTY,
        allowed="bureau",
        forbidden="slaughterhouse",
        foreign="station_longquan",
    ),
]


ROLLOUT = "supervision.countyrollout"
TRAINING = {
    "region": "420506",
    "kind": "users",
    "title": "耳标追溯及产地检疫新功能使用培训",
    "held_on": "2026-07-10",
    "attendance": [{"station": "420506107", "attendees": 6, "farms_trained": 40}],
}

CASES += [
    EndpointCase(
        "post",
        "/api/v1/supervision/rollout/{county}/features",
        setup=lambda personas: Call(
            params={"county": "420506"},
            body={"tag_issue_enabled_on": "2026-07-01", "quarantine_enabled_on": "2026-07-01"},
        ),
        foreign_setup=lambda personas: Call(params={"county": "419001"}, body={}),
        allowed="province_supervisor",
        forbidden="bureau",
        foreign="province_supervisor",
        records=(Event("supervision.features_enabled", ROLLOUT, New()),),
    ),
    EndpointCase(
        "post",
        "/api/v1/supervision/rollout/{county}/report",
        setup=lambda personas: Call(
            params={"county": "420506"}, body={"reported_live_on": "2026-07-05"}
        ),
        allowed="county_supervisor",
        forbidden="station_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("supervision.live_reported", ROLLOUT, New()),),
    ),
    EndpointCase(
        "post",
        "/api/v1/supervision/trainings",
        setup=lambda personas: Call(body=TRAINING),
        allowed="county_supervisor",
        forbidden="farmer_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("supervision.training_recorded", "supervision.trainingsession", New()),),
        success=201,
    ),
]


def scheme_body(**changes):
    today = timezone.localdate()
    body = {
        "region": "420506",
        "name": "乡镇智慧监管考核",
        "starts_on": str(today.replace(month=1, day=1)),
        "ends_on": str(today),
        "items": [
            {"indicator": "farms_registered", "weight": 60, "target": "2"},
            {
                "indicator": "certificates_unarrived",
                "weight": 40,
                "target": "0",
                "lower_is_better": True,
            },
        ],
    }
    body.update(changes)
    return body


def criticism_body(**changes):
    body = {
        "region": "420506108",
        "kind": "criticism",
        "reason": "养殖场户信息核对进度滞后",
        "rectify_by": str(timezone.localdate() + timedelta(days=15)),
    }
    body.update(changes)
    return body


def _scheme(personas):
    return services.create_scheme(actor=personas.bureau, command=parse(CreateScheme, scheme_body()))


def _criticism(personas):
    return services.issue_notice(
        actor=personas.county_supervisor, command=parse(IssueNotice, criticism_body())
    )


CASES += [
    EndpointCase(
        "post",
        "/api/v1/supervision/schemes",
        setup=lambda personas: Call(body=scheme_body()),
        allowed="bureau",
        forbidden="station_longquan",
        foreign="jiyuan_bureau",
        records=(Event("supervision.scheme_created", "supervision.scheme", New()),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/supervision/schemes/{scheme_id}/scores",
        setup=lambda personas: Call(params={"scheme_id": _scheme(personas).pk}),
        allowed="county_supervisor",
        forbidden="farmer_longquan",
        foreign="jiyuan_supervisor",
    ),
    EndpointCase(
        "post",
        "/api/v1/supervision/notices",
        setup=lambda personas: Call(body=criticism_body()),
        allowed="county_supervisor",
        forbidden="station_longquan",
        foreign="jiyuan_supervisor",
        records=(Event("supervision.notice_criticism", "supervision.notice", New()),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/supervision/notices",
        allowed="station_yaqueling",
        forbidden="farmer_longquan",
        foreign=Because("the list holds only the caller's own region's notices"),
    ),
    EndpointCase(
        "post",
        "/api/v1/supervision/notices/{notice_id}/close",
        setup=lambda personas: Call(
            params={"notice_id": _criticism(personas).pk}, body={"rectification": "已整改"}
        ),
        allowed="county_supervisor",
        forbidden="station_yaqueling",
        foreign="jiyuan_supervisor",
        records=(Event("supervision.notice_closed", "supervision.notice", Param("notice_id")),),
    ),
]
