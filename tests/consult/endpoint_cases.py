"""Access cases of the consult API for the generic suite (tests/core/test_api_access.py)."""

from __future__ import annotations

from django.utils import timezone

from smartvet.core.models import Role
from smartvet.core.services import create_account
from tests.consult import factories
from tests.support.endpoints import Because, Call, EndpointCase, Event, New, Param
from tests.support.factories import make_farm
from tests.support.personas import PASSWORD

PUBLIC_INFORMATION = "公开信息：专家库与市场行情每个角色都可读，任何地区都可查询"


def _asked(personas):
    factories.entry(personas.expert)
    return factories.ask(personas.farmer_longquan)


def _jiyuan_question(personas):
    farmer = create_account(
        actor=None,
        username="farmer_jiyuan_case",
        password=PASSWORD,
        role=Role.FARMER,
        region="419001100",
        display_name="济源农户",
    )
    return Call(params={"consultation_id": factories.ask(farmer).pk}, body={"body": "答复"})


def _new_question(personas) -> Call:
    farm = make_farm(personas.farmer_longquan, phone="13800002222")
    return Call(
        body={"species": "pig", "topic": "disease", "question": "仔猪腹泻", "farm": farm.pk},
        files={"photos": ("p.jpg", factories.jpeg_with_gps())},
    )


def _answer(personas) -> Call:
    return Call(params={"consultation_id": _asked(personas).pk}, body={"body": "补液保温"})


def _close(personas) -> Call:
    factories.entry(personas.expert)
    asked = factories.answered(personas.farmer_longquan, personas.expert)
    return Call(params={"consultation_id": asked.pk}, body={"rating": 5})


def _price(region: str):
    def setup(personas) -> Call:
        return Call(
            body={
                "commodity": "live_hog",
                "region": region,
                "market": "小溪塔农贸市场",
                "unit": "kg",
                "price": "14.60",
                "date": timezone.localdate().isoformat(),
            }
        )

    return setup


CASES = [
    EndpointCase(
        "get",
        "/api/v1/experts",
        allowed="farmer_longquan",
        forbidden=Because(PUBLIC_INFORMATION),
        foreign=Because(PUBLIC_INFORMATION),
    ),
    EndpointCase(
        "post",
        "/api/v1/consultations",
        setup=_new_question,
        allowed="farmer_longquan",
        forbidden="expert",
        foreign="vaccinator_yaqueling",
        records=(Event("consultation.asked", "consult.consultation", New()),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/consultations/{consultation_id}",
        setup=lambda personas: Call(params={"consultation_id": _asked(personas).pk}),
        allowed="farmer_longquan",
        forbidden="checkpoint",
        foreign="vaccinator_yaqueling",
    ),
    EndpointCase(
        "post",
        "/api/v1/consultations/{consultation_id}/answers",
        setup=_answer,
        allowed="expert",
        forbidden="farmer_longquan",
        foreign="expert",
        foreign_setup=_jiyuan_question,
        records=(Event("consultation.answered", "consult.consultation", Param("consultation_id")),),
        success=201,
    ),
    EndpointCase(
        "post",
        "/api/v1/consultations/{consultation_id}/close",
        setup=_close,
        allowed="farmer_longquan",
        forbidden="expert",
        foreign="vaccinator_yaqueling",
        records=(Event("consultation.closed", "consult.consultation", Param("consultation_id")),),
    ),
    EndpointCase(
        "post",
        "/api/v1/market/prices",
        setup=_price("420506107"),
        allowed="station_longquan",
        forbidden="farmer_longquan",
        foreign="station_longquan",
        foreign_setup=_price("420506108"),
        records=(Event("price.reported", "consult.pricereport", New()),),
        success=201,
    ),
    EndpointCase(
        "get",
        "/api/v1/market/bulletin",
        allowed="farmer_longquan",
        forbidden=Because(PUBLIC_INFORMATION),
        foreign=Because(PUBLIC_INFORMATION),
    ),
]
