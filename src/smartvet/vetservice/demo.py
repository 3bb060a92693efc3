"""Demo data of veterinary socialized services (issue 11), for the tour of provider_xingmu,
vaccinator_longquan and farmer_longquan: 夷陵区's catalogue at its guide prices; 兴牧公司 the
lead company of 龙泉镇 and 鸦鹊岭惠民防疫服务社 of 鸦鹊岭镇, each with its vaccinator on the
roster; an agreement in force between 兴牧公司 and farmer_longquan's pig farm (immunization,
diagnosis, castration); an immunization order waiting for 刘防疫员, and a tender vaccine lot
at the station to complete it with. Everything goes through the services; what exists is
kept (idempotent)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from smartvet.core.demo import LONGQUAN, YAQUELING, village_code
from smartvet.core.models import User
from smartvet.vetservice import rules
from smartvet.vetservice.commands import (
    EnrolVaccinator,
    PlaceOrder,
    ProposeAgreement,
    RecordAssessment,
    RecordTraining,
    RegisterProvider,
    SetGuidePrice,
)
from smartvet.vetservice.models import Agreement, GuidePrice, Provider, ServiceOrder, Vaccinator
from smartvet.vetservice.services import agreements, catalogue, orders, providers

DEMO_FARM = "龙泉镇建国生猪养殖场"
PROVIDERS = [
    # (account, township, villages, legal representative, credit code, vaccinator, its villages)
    ("provider_xingmu", LONGQUAN, 3, "王兴牧", "91420506MA4F000X1Q", "vaccinator_longquan"),
    ("provider_yaqueling", YAQUELING, 2, "赵惠民", "52420506MJH000123K", "vaccinator_yaqueling"),
]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _catalogue(bureau: User) -> None:
    since = timezone.localdate().replace(month=1, day=1)
    for entry in rules.STANDARD_CATALOGUE:
        if not GuidePrice.objects.filter(
            service__county_id="420506", service__code=entry.code
        ).exists():
            catalogue.set_guide_price(
                actor=bureau,
                command=SetGuidePrice(
                    service=entry.code, price=entry.guide_price, effective_from=since
                ),
            )


def _providers(supervisor: User) -> None:
    today = timezone.localdate()
    for username, township, villages, legal, credit, vaccinator in PROVIDERS:
        codes = [village_code(township, i) for i in range(villages)]
        if not Provider.objects.filter(account__username=username).exists():
            providers.register_provider(
                actor=supervisor,
                command=RegisterProvider(
                    account=username,
                    name=_user(username).display_name,
                    kind="lead",
                    township=township,
                    legal_representative=legal,
                    credit_code=credit,
                    lead_from=today.replace(month=1, day=1),
                    lead_until=today.replace(year=today.year + 2, month=12, day=31),
                    villages=codes,
                ),
            )
        if not Vaccinator.objects.filter(account__username=vaccinator).exists():
            entry = providers.enrol_vaccinator(
                actor=supervisor,
                command=EnrolVaccinator(
                    account=vaccinator,
                    kind="village_vet",
                    qualification_no=f"鄂乡兽字{township}-01",
                    qualification_expires=today.replace(year=today.year + 3),
                    villages=codes,
                    duty_days="1234567",
                    birth_year=1966,
                ),
            )
            providers.record_training(
                actor=supervisor,
                vaccinator_id=entry.pk,
                command=RecordTraining(
                    name="强制免疫技术规范培训", taken_on=today - timedelta(days=40), hours=8
                ),
            )
            providers.record_assessment(
                actor=supervisor,
                vaccinator_id=entry.pk,
                command=RecordAssessment(
                    period=str(today.year - 1), score="92.5", notes="免疫密度达标"
                ),
            )


def _agreement_and_order(farmer: User, provider: User) -> None:
    farm = farmer.farms.filter(name=DEMO_FARM).first()
    if farm is None or Agreement.objects.filter(farm=farm).exists():
        return
    today = timezone.localdate()
    agreement = agreements.propose_agreement(
        actor=provider,
        command=ProposeAgreement(
            provider=provider.username,
            farm=farm.pk,
            services=["immunization", "diagnosis", "castration"],
            starts_on=today.replace(month=1, day=1),
            ends_on=today.replace(month=12, day=31),
            vaccinators=["vaccinator_longquan"],
            categories=["sow", "fattening_pig", "breeding_boar"],
            provider_duties="按免疫程序开展强制免疫，佩戴耳标，填写免疫档案。",
            farm_duties="配合保定，如实提供存栏。",
            quality_requirements="免疫密度100%，免疫抗体合格率不低于70%。",
            prices={"castration": "12.00"},
        ),
    )
    agreements.confirm_agreement(actor=farmer, agreement_id=agreement.pk)
    if not ServiceOrder.objects.filter(farm=farm).exists():
        orders.place_order(
            actor=farmer,
            command=PlaceOrder(
                farm=farm.pk,
                service="immunization",
                category="fattening_pig",
                animals=50,
                preferred_date=today,
                notes="口蹄疫春防",
            ),
        )


def load(password: str) -> None:
    _catalogue(_user("bureau"))
    _providers(_user("county_supervisor"))
    _agreement_and_order(_user("farmer_longquan"), _user("provider_xingmu"))
