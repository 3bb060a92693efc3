from tests.support.endpoints import Because, Call, Caller, EndpointCase, Event
from tests.support.personas import PASSWORD

CASES = [
    EndpointCase(
        "post",
        "/api/v1/auth/token",
        public=True,
        allowed="station_longquan",
        setup=lambda p: Call(body={"username": "station_longquan", "password": PASSWORD}),
        records=(Event("token.issued", "core.user", Caller()),),
    ),
    EndpointCase(
        "get",
        "/api/v1/auth/me",
        allowed="farmer_longquan",
        forbidden=Because("every signed-in account reads its own profile"),
        foreign=Because("it names no object: the answer is the caller's own account"),
    ),
    EndpointCase(
        "get",
        "/api/v1/regions",
        allowed="station_longquan",
        forbidden=Because("every signed-in account reads the regions within its reach"),
        foreign="station_yaqueling",
        setup=lambda p: Call(body={"parent": "420506107"}),
    ),
]
