"""Access cases of the supervision API for the generic suite (tests/core/test_api_access.py):
every read is the region's, so a township's station asking for its county gets 404."""

from __future__ import annotations

from tests.support.endpoints import Because, Call, EndpointCase

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
