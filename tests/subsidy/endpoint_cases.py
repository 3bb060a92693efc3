"""Access cases for every subsidy endpoint (tests/core/test_api_access.py). The setups use
the real counting (the platform's records: registry stock, no immunizations yet)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.subsidy import commands, services
from smartvet.subsidy.models import Publicity, SubsidyPolicy
from tests.subsidy import factories
from tests.support.endpoints import Because, Call, EndpointCase, Event, New, Param

A = "/api/v1/subsidy/applications/{application_id}"
Q = "/api/v1/subsidy/qualifications/{qualification_id}"


def _policy(p):
    return factories.make_policy(p.bureau)


def _copy(p) -> Call:
    source = SubsidyPolicy.objects.get(code="jiyuan-2024")
    return Call(
        params={"policy_id": source.pk},
        body={
            "code": "yiling-copy",
            "name": "夷陵区先打后补",
            "region": "420506",
            "shift_years": 2,
        },
    )


def _new_qualification(p) -> Call:
    policy = _policy(p)
    farm = factories.scale_farm(p.farmer_longquan)
    return Call(body={"farm": farm.pk, "policy": policy.code, "note": "申请"})


def _qualification(p, stage: str = "submitted") -> Call:
    policy = _policy(p)
    farm = factories.scale_farm(p.farmer_longquan)
    item = services.submit_qualification(
        actor=p.farmer_longquan,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    if stage == "returned":
        services.return_qualification(
            actor=p.county_supervisor,
            qualification_id=item.pk,
            command=commands.ReturnQualification(reason="材料不全"),
        )
    if stage == "preliminary":
        services.preliminary_approve_qualification(
            actor=p.county_supervisor, qualification_id=item.pk
        )
    return Call(params={"qualification_id": item.pk})


def _new_application(p) -> Call:
    policy = _policy(p)
    farm = factories.qualified_farm(p, policy)
    return Call(body={"farm": farm.pk, "policy": policy.code, "evidence": "购苗发票"})


def _application(p, stage: str = "submitted") -> Call:
    policy = _policy(p)
    farm = factories.qualified_farm(p, policy)
    app = services.submit_application(
        actor=p.farmer_longquan,
        command=commands.SubmitApplication(farm=farm.pk, policy=policy.code, evidence="购苗发票"),
    )
    if stage == "returned":
        services.return_application(
            actor=p.county_supervisor,
            application_id=app.pk,
            command=commands.SendBack(reason="材料不全"),
        )
    if stage in {"preliminary", "approved", "publicity", "publicized"}:
        services.preliminary_approve_application(
            actor=p.county_supervisor, application_id=app.pk, command=commands.Review()
        )
    if stage in {"approved", "publicity", "publicized"}:
        services.final_approve_application(
            actor=p.bureau, application_id=app.pk, command=commands.Review()
        )
    if stage in {"publicity", "publicized"}:
        publicity = services.start_publicity(
            actor=p.bureau, command=commands.StartPublicity(policy=policy.code)
        )
        if stage == "publicized":
            _end(publicity)
            services.close_publicity(actor=p.bureau, publicity_id=publicity.pk)
    return Call(params={"application_id": app.pk, "policy": policy.code})


def _end(publicity) -> None:
    """Let the publicity's five working days lie in the past."""
    today = timezone.localdate()
    Publicity.objects.filter(pk=publicity.pk).update(
        starts_on=today - timedelta(days=10), ends_on=today - timedelta(days=1)
    )


def _with(setup, body, **kwargs):
    def build(p) -> Call:
        call = setup(p, **kwargs)
        call.body = dict(body)
        return call

    return build


def _objection(p) -> Call:
    call = _application(p, "publicity")
    objection = services.record_objection(
        actor=p.bureau,
        application_id=call.params["application_id"],
        command=commands.RecordObjection(raised_by="王某", text="数量有误"),
    )
    return Call(
        params={"objection_id": objection.pk}, body={"upheld": False, "resolution": "核实无误"}
    )


def _payment(p) -> Call:
    call = _application(p, "publicized")
    call.body = {
        "account_kind": "yikatong",
        "account_no": "6228480012345",
        "paid_on": timezone.localdate().isoformat(),
        "reference": "PZ001",
    }
    return call


def _publicity_body(p) -> Call:
    call = _application(p, "approved")
    return Call(body={"policy": call.params["policy"]})


def _publicity(p, *, ended: bool = False) -> Call:
    call = _application(p, "approved")
    publicity = services.start_publicity(
        actor=p.bureau, command=commands.StartPublicity(policy=call.params["policy"])
    )
    if ended:
        _end(publicity)
    return Call(params={"publicity_id": publicity.pk})


def _disqualify(p) -> Call:
    policy = _policy(p)
    farm = factories.scale_farm(p.farmer_longquan)
    return Call(body={"farm": farm.pk, "policy": policy.code, "reason": "倒卖疫苗"})


LIST = Because("a list holds only what lies within the caller's reach: nothing else to name")
OWN_COUNTY = Because(
    "it acts on the caller's own county; a policy that does not apply there is NOT_ELIGIBLE, "
    "as it is for an applicant"
)


def qualification_event(action: str) -> Event:
    return Event(
        f"subsidy.qualification_{action}", "subsidy.qualification", Param("qualification_id")
    )


def application_event(action: str) -> Event:
    return Event(
        f"subsidy.application_{action}", "subsidy.subsidyapplication", Param("application_id")
    )


CASES = [
    EndpointCase(
        "get",
        "/api/v1/subsidy/policies",
        allowed="bureau",
        forbidden="slaughterhouse",
        foreign=LIST,
    ),
    EndpointCase(
        "post",
        "/api/v1/subsidy/policies/{policy_id}/copy",
        allowed="bureau",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("subsidy.policy_copied", "subsidy.subsidypolicy", New()),),
        success=201,
        setup=_copy,
    ),
    EndpointCase(
        "post",
        "/api/v1/subsidy/qualifications",
        allowed="farmer_longquan",
        forbidden="county_supervisor",
        foreign="provider_jiyuan",
        records=(Event("subsidy.qualification_submitted", "subsidy.qualification", New()),),
        success=201,
        setup=_new_qualification,
    ),
    EndpointCase(
        "get",
        "/api/v1/subsidy/qualifications",
        allowed="county_supervisor",
        forbidden="slaughterhouse",
        foreign=LIST,
    ),
    EndpointCase(
        "get",
        Q,
        allowed="county_supervisor",
        forbidden="slaughterhouse",
        foreign="jiyuan_supervisor",
        setup=_qualification,
    ),
    EndpointCase(
        "post",
        Q + "/resubmit",
        allowed="farmer_longquan",
        forbidden="county_supervisor",
        foreign="provider_jiyuan",
        records=(qualification_event("resubmitted"),),
        setup=_with(_qualification, {"note": "已补充"}, stage="returned"),
    ),
    EndpointCase(
        "post",
        Q + "/preliminary-approve",
        allowed="county_supervisor",
        forbidden="bureau",
        foreign="jiyuan_supervisor",
        records=(qualification_event("preliminary_approved"),),
        setup=_qualification,
    ),
    EndpointCase(
        "post",
        Q + "/approve",
        allowed="bureau",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(qualification_event("approved"),),
        setup=lambda p: _qualification(p, "preliminary"),
    ),
    EndpointCase(
        "post",
        Q + "/return",
        allowed="county_supervisor",
        forbidden="farmer_longquan",
        foreign="jiyuan_supervisor",
        records=(qualification_event("returned"),),
        setup=_with(_qualification, {"reason": "缺少证照"}),
    ),
    EndpointCase(
        "post",
        "/api/v1/subsidy/applications",
        allowed="farmer_longquan",
        forbidden="county_supervisor",
        foreign="provider_jiyuan",
        records=(Event("subsidy.application_submitted", "subsidy.subsidyapplication", New()),),
        success=201,
        setup=_new_application,
    ),
    EndpointCase(
        "get",
        "/api/v1/subsidy/applications",
        allowed="bureau",
        forbidden="slaughterhouse",
        foreign=LIST,
    ),
    EndpointCase(
        "get",
        A,
        allowed="farmer_longquan",
        forbidden="slaughterhouse",
        foreign="jiyuan_bureau",
        setup=_application,
    ),
    EndpointCase(
        "post",
        A + "/resubmit",
        allowed="farmer_longquan",
        forbidden="county_supervisor",
        foreign="provider_jiyuan",
        records=(application_event("resubmitted"),),
        setup=_with(_application, {"evidence": "补充"}, stage="returned"),
    ),
    EndpointCase(
        "post",
        A + "/preliminary-approve",
        allowed="county_supervisor",
        forbidden="bureau",
        foreign="jiyuan_supervisor",
        records=(application_event("preliminary_approved"),),
        setup=_with(_application, {"note": "已核"}),
    ),
    EndpointCase(
        "post",
        A + "/approve",
        allowed="bureau",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(application_event("approved"),),
        setup=_with(_application, {"note": ""}, stage="preliminary"),
    ),
    EndpointCase(
        "post",
        A + "/return",
        allowed="county_supervisor",
        forbidden="farmer_longquan",
        foreign="jiyuan_supervisor",
        records=(application_event("returned"),),
        setup=_with(_application, {"reason": "材料不全"}),
    ),
    EndpointCase(
        "post",
        A + "/reject",
        allowed="county_supervisor",
        forbidden="farmer_longquan",
        foreign="jiyuan_supervisor",
        records=(application_event("rejected"),),
        setup=_with(_application, {"reason": "异常且无佐证"}),
    ),
    EndpointCase(
        "post",
        A + "/objections",
        allowed="bureau",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("subsidy.objection_recorded", "subsidy.objection", New()),),
        success=201,
        setup=_with(_application, {"raised_by": "王某", "text": "数量有误"}, stage="publicity"),
    ),
    EndpointCase(
        "post",
        "/api/v1/subsidy/objections/{objection_id}/resolve",
        allowed="bureau",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("subsidy.objection_resolved", "subsidy.objection", Param("objection_id")),),
        setup=_objection,
    ),
    EndpointCase(
        "post",
        A + "/payment",
        allowed="bureau",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("subsidy.payment_recorded", "subsidy.payment", New()),),
        success=201,
        setup=_payment,
    ),
    EndpointCase(
        "post",
        "/api/v1/subsidy/disqualifications",
        allowed="bureau",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("subsidy.farm_disqualified", "subsidy.disqualification", New()),),
        success=201,
        setup=_disqualify,
    ),
    EndpointCase(
        "post",
        "/api/v1/subsidy/publicities",
        allowed="bureau",
        forbidden="county_supervisor",
        foreign=OWN_COUNTY,
        records=(Event("subsidy.publicity_started", "subsidy.publicity", New()),),
        success=201,
        setup=_publicity_body,
    ),
    EndpointCase(
        "get",
        "/api/v1/subsidy/publicities/{publicity_id}",
        allowed="bureau",
        forbidden="slaughterhouse",
        foreign="jiyuan_bureau",
        setup=_publicity,
    ),
    EndpointCase(
        "post",
        "/api/v1/subsidy/publicities/{publicity_id}/close",
        allowed="bureau",
        forbidden="county_supervisor",
        foreign="jiyuan_bureau",
        records=(Event("subsidy.publicity_closed", "subsidy.publicity", Param("publicity_id")),),
        setup=lambda p: _publicity(p, ended=True),
    ),
    EndpointCase(
        "get",
        "/api/v1/subsidy/summary",
        allowed="bureau",
        forbidden="slaughterhouse",
        foreign=Because("a summary of the caller's own region: no other region can be named"),
    ),
    EndpointCase(
        "get", "/api/v1/public/subsidy/publicities", allowed="slaughterhouse", public=True
    ),
]
