"""Demo data: 先打后补 works out of the box in both demo counties (issue 10 point 10).

Each county gets its copy of `jiyuan-2024` for the cycle containing the day the demo is
loaded (rules.cycle_containing; qualification open for the whole cycle), and farms at each
stage of the workflow: one qualified with nothing applied yet (its farmer or provider can
apply at once), one waiting for the supervisor's preliminary review, one waiting for the
bureau's final review, and in 济源市 one finally approved, ready for publicity. Farms other
demos do not register are registered here, served by the county's provider, with their own
vaccine and immunizations inside the cycle. Everything goes through the services, each in
its own transaction; a county whose demo policy exists is left as it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from smartvet.core.models import User
from smartvet.immunization import services as immunization_services
from smartvet.immunization.commands import ReceiveLot, RecordImmunization
from smartvet.registry import queries as registry_queries
from smartvet.registry import services as registry_services
from smartvet.registry.commands import RegisterFarm
from smartvet.subsidy import commands, rules, services
from smartvet.subsidy.models import SubsidyPolicy

SOURCE_POLICY = "jiyuan-2024"
# The stages a demo farm is taken to, in workflow order.
STAGES = ("qualified", "submitted", "preliminary_approved", "approved")
VACCINES = {
    "FMD": ("口蹄疫O型、A型二价灭活疫苗", "中牧实业股份有限公司", "兽药生字（2021）010016089"),
    "HPAI": (
        "重组禽流感病毒（H5+H7）三价灭活疫苗",
        "哈尔滨维科生物技术有限公司",
        "兽药生字（2022）080016157",
    ),
}


@dataclass(frozen=True)
class DemoFarm:
    name: str
    applicant: str
    stage: str
    payee: str = "farm"
    # Registration of a farm no other demo registers (RegisterFarm fields), by `registrar`.
    registration: dict[str, Any] = field(default_factory=dict)
    # (category, animals) immunized here; empty when another demo immunizes the farm.
    immunized: tuple[tuple[str, int], ...] = ()
    disease: str = "FMD"


@dataclass(frozen=True)
class DemoCounty:
    region: str
    policy: str
    name: str
    supervisor: str
    bureau: str
    registrar: str
    provider: str
    farms: tuple[DemoFarm, ...]


COUNTIES = (
    DemoCounty(
        region="420506",
        policy="yiling-demo",
        name="夷陵区强制免疫“先打后补”（%(year)s年度）",
        supervisor="county_supervisor",
        bureau="bureau",
        registrar="county_supervisor",
        provider="provider_xingmu",
        farms=(
            # farmer_longquan's pig farm (registry and immunization demos): the farmer applies.
            DemoFarm("龙泉镇建国生猪养殖场", "farmer_longquan", "qualified"),
            DemoFarm(
                "龙泉镇康健蛋鸡场",
                "provider_xingmu",
                "submitted",
                payee="provider",
                registration={
                    "kind": "scale",
                    "owner_name": "宜昌康健禽业有限公司",
                    "owner_id_number": "91420506MA4F000020",
                    "phone": "13907176688",
                    "address": "龙泉镇龙泉二村4组",
                    "region": "420506107202",
                    "stock": {"layer": 6000},
                    "epidemic_certificate_no": "(鄂)动防合字第420506004号",
                },
                immunized=(("layer", 5800),),
                disease="HPAI",
            ),
            DemoFarm(
                "鸦鹊岭镇润丰奶牛场",
                "provider_xingmu",
                "preliminary_approved",
                registration={
                    "kind": "scale",
                    "owner_name": "黄润丰",
                    "owner_id_number": "420506198605120313",
                    "phone": "13972026677",
                    "address": "鸦鹊岭镇鸦鹊岭二村",
                    "region": "420506108202",
                    "stock": {"dairy_cattle": 130},
                    "epidemic_certificate_no": "(鄂)动防合字第420506005号",
                },
                immunized=(("dairy_cattle", 126),),
            ),
        ),
    ),
    DemoCounty(
        region="419001",
        policy="jiyuan-demo",
        name="济源示范区强制免疫“先打后补”（%(year)s年度）",
        supervisor="jiyuan_supervisor",
        bureau="jiyuan_bureau",
        registrar="jiyuan_supervisor",
        provider="provider_jiyuan",
        farms=(
            DemoFarm(
                "济源市克井镇丰源养殖场",
                "provider_jiyuan",
                "approved",
                registration={
                    "kind": "scale",
                    "owner_name": "赵丰源",
                    "owner_id_number": "419001197902285416",
                    "phone": "13838901234",
                    "address": "克井镇克井一村",
                    "region": "419001100201",
                    "stock": {"sow": 400, "fattening_pig": 900},
                    "epidemic_certificate_no": "(豫)动防合字第419001001号",
                },
                immunized=(("sow", 390), ("fattening_pig", 900)),
            ),
            DemoFarm(
                "济源市五龙口镇康源奶牛场",
                "provider_jiyuan",
                "preliminary_approved",
                payee="provider",
                registration={
                    "kind": "scale",
                    "owner_name": "济源市康源牧业有限公司",
                    "owner_id_number": "91419001MA9K00002J",
                    "phone": "13938902345",
                    "address": "五龙口镇五龙口一村",
                    "region": "419001101201",
                    "stock": {"dairy_cattle": 180},
                    "epidemic_certificate_no": "(豫)动防合字第419001002号",
                },
                immunized=(("dairy_cattle", 170),),
            ),
            DemoFarm(
                "济源市克井镇福旺蛋鸡场",
                "provider_jiyuan",
                "submitted",
                registration={
                    "kind": "scale",
                    "owner_name": "孙福旺",
                    "owner_id_number": "419001198310086610",
                    "phone": "13838903456",
                    "address": "克井镇克井二村",
                    "region": "419001100202",
                    "stock": {"layer": 8000},
                    "epidemic_certificate_no": "(豫)动防合字第419001003号",
                },
                immunized=(("layer", 7900),),
                disease="HPAI",
            ),
            DemoFarm(
                "济源市承留镇顺达种猪场",
                "provider_jiyuan",
                "qualified",
                registration={
                    "kind": "scale",
                    "owner_name": "济源市顺达牧业有限公司",
                    "owner_id_number": "91419001MA9K00005U",
                    "phone": "13938904567",
                    "address": "承留镇承留一村",
                    "region": "419001103201",
                    "stock": {"sow": 360, "breeding_boar": 12},
                    "epidemic_certificate_no": "(豫)动防合字第419001004号",
                },
                immunized=(("sow", 355), ("breeding_boar", 12)),
            ),
        ),
    ),
)

EVIDENCE = "疫苗采购发票、免疫档案已上传；抗体检测结合春防由疾控中心抽检"


def _user(username: str) -> User:
    return User.objects.get(username=username)


def current_rules(source: dict[str, Any], today: date) -> dict[str, Any]:
    """The source's rules moved to the cycle containing `today`, qualification open for the
    whole cycle (so visitors can try every step) and payment due by 30 April after it."""
    start, end = rules.cycle_containing(today)
    return {
        **source,
        "cycle_start": start.isoformat(),
        "cycle_end": end.isoformat(),
        "qualification_deadline": end.isoformat(),
        "payment_deadline": date(end.year, 4, 30).isoformat(),
    }


def _policy(county: DemoCounty, today: date) -> SubsidyPolicy:
    bureau = _user(county.bureau)
    source = SubsidyPolicy.objects.get(code=SOURCE_POLICY)
    name = county.name % {"year": rules.cycle_containing(today)[0].year}
    policy = services.copy_policy(
        actor=bureau,
        source_id=source.pk,
        command=commands.CopyPolicy(code=county.policy, name=name, region=county.region),
    )
    return services.update_policy(
        actor=bureau,
        policy_id=policy.pk,
        command=commands.UpdatePolicy(rules=current_rules(policy.rules, today)),
    )


def _registered(county: DemoCounty, farm: DemoFarm):
    registrar = _user(county.registrar)
    found = registry_queries.farms_visible_to(registrar, q=farm.name).filter(name=farm.name)
    if found.exists() or not farm.registration:
        return found.first()
    return registry_services.register_farm(
        actor=registrar, command=RegisterFarm(name=farm.name, **farm.registration)
    )


def _immunize(county: DemoCounty, farm: Any, spec: DemoFarm, on: date) -> None:
    """The farm's own vaccine, bought and used by the provider that serves it, on `on`."""
    if not spec.immunized:
        return
    registrar, provider = _user(county.registrar), _user(county.provider)
    if provider.pk not in registry_queries.server_ids(farm):
        registry_services.assign_server(
            actor=registrar, farm_id=farm.pk, username=provider.username
        )
    product, manufacturer, approval = VACCINES[spec.disease]
    lot = immunization_services.receive_lot(
        actor=registrar,
        command=ReceiveLot(
            product=product,
            manufacturer=manufacturer,
            approval_number=approval,
            batch=f"XDHB{farm.pk:04d}{on:%y%m}",
            expiry=on + timedelta(days=365),
            diseases=[spec.disease],
            doses=sum(animals for _category, animals in spec.immunized) + 200,
            source="self",
            farm=farm.pk,
            received_on=on,
        ),
    )
    for category, animals in spec.immunized:
        immunization_services.record_immunization(
            actor=provider,
            command=RecordImmunization(
                farm=farm.pk,
                date=on,
                category=category,
                disease=spec.disease,
                lot=lot.pk,
                animals=animals,
                doses=animals,
            ),
        )


def _advance(county: DemoCounty, policy: SubsidyPolicy, farm: Any, spec: DemoFarm) -> None:
    """Qualify the farm (both reviews), then take its application to the farm's stage."""
    applicant, supervisor, bureau = (
        _user(spec.applicant),
        _user(county.supervisor),
        _user(county.bureau),
    )
    qualification = services.submit_qualification(
        actor=applicant,
        command=commands.SubmitQualification(farm=farm.pk, policy=policy.code),
    )
    services.preliminary_approve_qualification(actor=supervisor, qualification_id=qualification.pk)
    services.final_approve_qualification(actor=bureau, qualification_id=qualification.pk)
    stage = STAGES.index(spec.stage)
    if stage < STAGES.index("submitted"):
        return
    application = services.submit_application(
        actor=applicant,
        command=commands.SubmitApplication(
            farm=farm.pk, policy=policy.code, payee=spec.payee, evidence=EVIDENCE
        ),
    )
    if stage >= STAGES.index("preliminary_approved"):
        services.preliminary_approve_application(
            actor=supervisor,
            application_id=application.pk,
            command=commands.Review(note="已核对购苗发票与免疫档案"),
        )
    if stage >= STAGES.index("approved"):
        services.final_approve_application(
            actor=bureau, application_id=application.pk, command=commands.Review()
        )


def load(password: str) -> None:
    today = timezone.localdate()
    for county in COUNTIES:
        if SubsidyPolicy.objects.filter(code=county.policy).exists():
            continue
        policy = _policy(county, today)
        # Immunized inside the cycle: a few days back, never before it starts.
        start = policy.as_policy().cycle_start
        on = today - timedelta(days=max(0, min(5, (today - start).days)))
        for spec in county.farms:
            farm = _registered(county, spec)
            if farm is None:  # registered by another demo that did not run
                continue
            _immunize(county, farm, spec, on)
            _advance(county, policy, farm, spec)
