"""Demo data of the carriers and cases (issue 17 points 1, 2): two registered vehicles in 夷陵区
(one disinfected today), a dealer using one, the county's rule (declarations must name a
registered vehicle), and two cases: one the checkpoint opened from a check that found a tag not
on the demo certificate (waiting for the bureau), one the bureau opened by hand and is
investigating. Through the services; what exists is kept."""

from __future__ import annotations

from django.utils import timezone

from smartvet.core.commands import parse
from smartvet.core.errors import DomainError
from smartvet.core.models import User
from smartvet.enforcement import chain_demo
from smartvet.enforcement.commands import OpenCase, OpenCaseFromCheck, RegisterDealer
from smartvet.enforcement.models import Case, Dealer
from smartvet.enforcement.services import carriers, cases
from smartvet.quarantine import services as quarantine_services
from smartvet.quarantine.commands import CheckIn
from smartvet.quarantine.models import Certificate
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RecordDisinfection, RegisterVehicle, SetVehicleRule

YILING = "420506"
VEHICLES = [
    ("鄂E·A1234", "王运输", "13907179999", 60, True),
    ("鄂E·B5678", "李贩运", "13872509988", 40, False),
]


def _vehicles(supervisor: User, checkpoint: User) -> None:
    for plate, owner, phone, capacity, disinfected in VEHICLES:
        if registry_queries.vehicle_status(plate, region=YILING).registered:
            continue
        vehicle = registry_services.register_vehicle(
            actor=supervisor,
            command=RegisterVehicle(
                plate=plate, owner_name=owner, owner_phone=phone, capacity=capacity
            ),
        )
        if disinfected:
            registry_services.record_disinfection(
                actor=checkpoint,
                vehicle_id=vehicle.pk,
                command=RecordDisinfection(
                    date=timezone.localdate(),
                    place="夷陵区畜禽运输车辆洗消中心",
                    disinfectant="过氧乙酸",
                ),
            )
    if registry_queries.vehicle_rule(YILING) is None:
        registry_services.set_vehicle_rule(
            actor=supervisor,
            command=SetVehicleRule(county=YILING, registration_required=True, disinfection_days=1),
        )


def _dealer(supervisor: User) -> None:
    if Dealer.objects.exists():
        return
    carriers.register_dealer(
        actor=supervisor,
        command=parse(
            RegisterDealer,
            {
                "name": "王运输",
                "id_number": "420506198501011235",
                "phone": "13907179999",
                "licence_no": "夷陵贩字〔2026〕001号",
                "vehicles": ["鄂E·A1234"],
            },
        ),
    )


def _cases(checkpoint: User, bureau: User) -> None:
    if Case.objects.exists():
        return
    certificate = Certificate.objects.filter(status="valid").order_by("id").first()
    if certificate is not None:
        tags = certificate.ear_tags
        check = quarantine_services.record_checkpoint_check(
            actor=checkpoint,
            number=certificate.number,
            command=CheckIn(
                vehicle=certificate.vehicle,
                count_seen=certificate.quantity,
                ear_tags=[*tags[:-1], "142050600009999"],
                notes="车上一头猪耳标不在证明上",
            ),
        )
        if check.result == "fail":
            cases.open_case_from_check(actor=checkpoint, command=OpenCaseFromCheck(check=check.pk))
    case = cases.open_case(
        actor=bureau,
        command=OpenCase(
            kind="no_certificate",
            region="420506107",
            vehicle="鄂E·C3344",
            summary="群众举报：一辆货车夜间从龙泉镇运出生猪，未申报检疫",
        ),
    )
    cases.investigate(actor=bureau, case_id=case.pk)


def load(password: str) -> None:
    supervisor = User.objects.get(username="county_supervisor")
    checkpoint = User.objects.get(username="checkpoint")
    bureau = User.objects.get(username="bureau")
    try:
        _vehicles(supervisor, checkpoint)
        _dealer(supervisor)
        _cases(checkpoint, bureau)
    except DomainError:
        pass  # another app's demo data left nothing to check: no case from a check
    chain_demo.load()
