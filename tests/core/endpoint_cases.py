from tests.support.endpoints import Call, EndpointCase
from tests.support.personas import PASSWORD

CASES = [
    EndpointCase(
        "post",
        "/api/v1/auth/token",
        public=True,
        allowed="station_longquan",
        setup=lambda p: Call(body={"username": "station_longquan", "password": PASSWORD}),
        writes=True,
    ),
    EndpointCase("get", "/api/v1/auth/me", allowed="farmer_longquan"),
    EndpointCase(
        "get",
        "/api/v1/regions",
        allowed="station_longquan",
        foreign="station_yaqueling",
        setup=lambda p: Call(body={"parent": "420506107"}),
    ),
]
