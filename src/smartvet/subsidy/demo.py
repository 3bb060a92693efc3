"""Demo data for 济源市 419001 (seed 003 is Jiyuan's plan): the county's copy of
`jiyuan-2024` moved to the current cycle, a provider that immunizes two farms with
self-purchased vaccine, both qualified, one application finally approved (ready for
publicity) and one waiting for the final review. Everything goes through the services,
each in its own transaction; re-running keeps what exists."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from smartvet.core.models import User
from smartvet.immunization import services as immunization_services
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.subsidy import commands, services
from smartvet.subsidy.models import SubsidyPolicy

JIYUAN = "419001"
POLICY_CODE = "jiyuan-demo"
DEMO_FARM = "济源市克井镇丰源养殖场"
DAIRY_FARM = "济源市五龙口镇康源奶牛场"


def _cycle_year(today: date) -> int:
    return today.year if (today.month, today.day) >= (3, 11) else today.year - 1


def _farm(supervisor: User, name: str, **values):
    found = registry_queries.farms_visible_to(supervisor, q=name).filter(name=name).first()
    return found or registry_services.register_farm(actor=supervisor, name=name, **values)


def load(password: str) -> None:
    if SubsidyPolicy.objects.filter(code=POLICY_CODE).exists():
        return
    supervisor = User.objects.get(username="jiyuan_supervisor")
    bureau = User.objects.get(username="jiyuan_bureau")
    provider = User.objects.get(username="provider_jiyuan")
    today = timezone.localdate()
    source = SubsidyPolicy.objects.get(code="jiyuan-2024")
    shift = max(-5, min(5, _cycle_year(today) - 2024))
    policy = services.copy_policy(
        actor=bureau,
        source_id=source.pk,
        command=commands.CopyPolicy(
            code=POLICY_CODE,
            name="济源示范区强制免疫“先打后补”（演示年度）",
            region=JIYUAN,
            shift_years=shift,
        ),
    )
    # Demo: keep the qualification window open so visitors can try the whole flow.
    rules = dict(policy.rules)
    rules["qualification_deadline"] = max(
        rules["qualification_deadline"], (today + timedelta(days=60)).isoformat()
    )
    policy = services.update_policy(
        actor=bureau, policy_id=policy.pk, command=commands.UpdatePolicy(rules=rules)
    )
    cycle_start = policy.as_policy().cycle_start
    back = max(0, min(5, (today - cycle_start).days))

    farms = [
        (
            _farm(
                supervisor,
                DEMO_FARM,
                kind="scale",
                owner_name="赵丰源",
                owner_id_number="419001197902285416",
                phone="13838901234",
                address="克井镇克井一村",
                region="419001100201",
                stock={"sow": 400, "fattening_pig": 900},
                epidemic_certificate_no="(豫)动防合字第419001001号",
            ),
            [("sow", 390), ("fattening_pig", 900)],
            "farm",
        ),
        (
            _farm(
                supervisor,
                DAIRY_FARM,
                kind="scale",
                owner_name="济源市康源牧业有限公司",
                owner_id_number="91419001MA9K00002J",
                phone="13938902345",
                address="五龙口镇五龙口一村",
                region="419001101201",
                stock={"dairy_cattle": 180},
                epidemic_certificate_no="(豫)动防合字第419001002号",
            ),
            [("dairy_cattle", 170)],
            "provider",
        ),
    ]
    applications = []
    for farm, immunized, payee in farms:
        if provider.pk not in registry_queries.server_ids(farm):
            registry_services.assign_server(
                actor=supervisor, farm_id=farm.pk, username=provider.username
            )
        lot = immunization_services.receive_lot(
            actor=supervisor,
            product="口蹄疫O型、A型二价灭活疫苗",
            manufacturer="中牧实业股份有限公司",
            approval_number="兽药生字（2021）010016089",
            batch=f"JY{farm.pk:04d}{today:%y%m}",
            expiry=today + timedelta(days=365),
            diseases=["FMD"],
            doses=2000,
            source="self",
            farm_id=farm.pk,
            received_on=today - timedelta(days=back),
        )
        for category, animals in immunized:
            immunization_services.record_immunization(
                actor=provider,
                farm_id=farm.pk,
                on=today - timedelta(days=back),
                category=category,
                disease="FMD",
                lot_id=lot.pk,
                animals=animals,
                doses=animals,
            )
        qualification = services.submit_qualification(
            actor=provider,
            command=commands.SubmitQualification(
                farm=farm.pk, policy=POLICY_CODE, note="第三方服务主体代为申请"
            ),
        )
        services.preliminary_approve_qualification(
            actor=supervisor, qualification_id=qualification.pk
        )
        services.final_approve_qualification(actor=bureau, qualification_id=qualification.pk)
        applications.append(
            services.submit_application(
                actor=provider,
                command=commands.SubmitApplication(
                    farm=farm.pk,
                    policy=POLICY_CODE,
                    payee=payee,
                    evidence="疫苗采购发票、免疫档案已上传；抗体检测结合春防由疾控中心抽检",
                ),
            )
        )
    for application in applications:
        services.preliminary_approve_application(
            actor=supervisor,
            application_id=application.pk,
            command=commands.Review(note="已核对购苗发票与免疫档案"),
        )
    services.final_approve_application(
        actor=bureau, application_id=applications[0].pk, command=commands.Review()
    )
