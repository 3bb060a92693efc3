"""Consult test data, made through the services."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from smartvet.consult import rules
from smartvet.consult.commands import AnswerIn, AskIn, ExpertIn, PriceIn, TrainingIn
from smartvet.consult.services import consultations, experts, market, training
from smartvet.core.models import Role, User
from smartvet.core.services import create_account
from tests.support.personas import PASSWORD

JIYUAN = "419001"


def jpeg_with_gps(colour=(200, 120, 80)) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (64, 48), colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (30.0, 41.0, 0.0), 4: (111.0, 17.0, 0.0)}  # GPSInfo: lat, long
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def entry(account: User, *, species=("pig",), topics=("disease",), regions=("420506",), **more):
    return experts.save_entry(
        actor=account,
        command=ExpertIn(
            username=account.username,
            employer=more.pop("employer", "三峡大学"),
            species=list(species),
            topics=list(topics),
            regions=list(regions),
            **more,
        ),
    )


def jiyuan_expert() -> User:
    """Another county's expert (济源市): the demo account once the lead adds it."""
    found = User.objects.filter(username="expert_jiyuan").first()
    account = found or create_account(
        actor=None,
        username="expert_jiyuan",
        password=PASSWORD,
        role=Role.EXPERT,
        region=JIYUAN,
        display_name="孙科技特派员",
        organization="河南农业大学",
    )
    entry(account, regions=(JIYUAN,), employer="河南农业大学")
    return account


def ask(
    actor,
    *,
    species="pig",
    topic="disease",
    question="仔猪拉稀三天，怎么办？",
    farm=None,
    photos=(),
):
    return consultations.ask(
        actor=actor,
        command=AskIn(species=species, topic=topic, question=question, farm=farm),
        photo_files=list(photos),
    )


def answered(farmer, expert, **fields):
    asked = ask(farmer, **fields)
    consultations.answer(
        actor=expert, consultation_id=asked.pk, command=AnswerIn(body="先补液保温，再请兽医诊断。")
    )
    asked.refresh_from_db()
    return asked


def price(
    actor,
    commodity: str,
    value: str,
    on: date,
    *,
    region="420506107",
    market_name="小溪塔",
    confirm=False,
):
    return market.report_price(
        actor=actor,
        command=PriceIn(
            commodity=commodity,
            region=region,
            market=market_name,
            unit=rules.unit_of(commodity),
            price=Decimal(value),
            date=on,
            confirm=confirm,
        ),
    )


def event(actor, *, starts_at, hours=3, region="420506107", kind="field_lecture"):
    from datetime import timedelta

    return training.create_event(
        actor=actor,
        command=TrainingIn(
            kind=kind,
            title="生猪疫病防控田间课堂",
            region=region,
            place="龙泉镇畜牧兽医站",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            teacher="陈科技特派员",
        ),
    )
