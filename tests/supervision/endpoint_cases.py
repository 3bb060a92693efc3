"""Access cases of the supervision API for the generic suite (tests/core/test_api_access.py):
every read is the region's, so a township's station asking for its county gets 404."""

from __future__ import annotations

from tests.support.endpoints import Because, Call, EndpointCase, Event, New

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
