"""Demo data of the consult app: the expert's directory entry (and a second county's expert,
if its account exists), two answered questions in the knowledge base and one waiting for the
expert, six weeks of prices in 夷陵区 (and the same week a year ago) so the bulletin shows
环比 and 同比, a pairing with a company base, one training event and a supply post. Everything
goes through the services; once the expert's entry exists the loader leaves things as they are."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from smartvet.consult import rules
from smartvet.consult.commands import (
    AnswerIn,
    AskIn,
    CloseIn,
    ExpertIn,
    PairingIn,
    PostIn,
    PriceIn,
    TrainingIn,
)
from smartvet.consult.models import Expert
from smartvet.consult.services import consultations, experts, market, training
from smartvet.core.demo import LONGQUAN, YILING, village_code
from smartvet.core.models import User

EXPERTS = {
    "expert": {
        "title": "副教授",
        "employer": "三峡大学",
        "species": ["pig", "cattle", "sheep"],
        "topics": ["disease", "breeding", "husbandry"],
        "regions": [YILING],
        "availability": "工作日8:30-17:30；每周二到龙泉镇下乡",
        "introduction": "从事猪病防控与畜禽繁育技术推广二十年，夷陵区科技特派员。",
    },
    "expert_jiyuan": {
        "title": "高级畜牧师",
        "employer": "河南农业大学",
        "species": ["pig", "poultry"],
        "topics": ["disease", "nutrition"],
        "regions": ["419001"],
        "availability": "工作日",
        "introduction": "济源市科技特派员，专长猪禽疫病与饲料营养。",
    },
}
QUESTIONS = [
    (
        "pig",
        "disease",
        "断奶仔猪拉黄白色稀粪三天，精神还行，吃料减少，电话13907171234，怎么处理？",
        "多为断奶应激和大肠杆菌引起。先控制饲喂量、少量多餐，饮水中加电解多维；"
        "圈舍保温在28℃左右；腹泻重的仔猪在兽医指导下用药，并做好消毒。",
    ),
    (
        "cattle",
        "breeding",
        "母牛产后两个多月还不发情，需要打针吗？",
        "先查营养和膘情，产后补充精料和矿物质；两个月未发情可请兽医直肠检查卵巢，"
        "有持久黄体的再用前列腺素处理，不要自行乱用激素。",
    ),
]
OPEN_QUESTION = ("pig", "disease", "育肥猪突然有几头不吃食、发烧，耳朵发紫，会不会是非洲猪瘟？")
# Weekly mean prices in 夷陵区 (元): six weeks up to this week, drifting a little each week.
PRICES = {
    "live_hog": Decimal("14.60"),
    "piglet": Decimal("420.00"),
    "pork": Decimal("26.80"),
    "maize": Decimal("2.30"),
    "egg": Decimal("8.90"),
    "soybean_meal": Decimal("3.60"),
}
WEEKS = 6


def _account(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _entries() -> None:
    for username, values in EXPERTS.items():
        account = _account(username)
        if account is not None:
            experts.save_entry(actor=account, command=ExpertIn(username=username, **values))


def _questions(farmer: User, expert: User) -> None:
    for species, topic, question, reply in QUESTIONS:
        asked = consultations.ask(
            actor=farmer, command=AskIn(species=species, topic=topic, question=question)
        )
        consultations.answer(actor=expert, consultation_id=asked.pk, command=AnswerIn(body=reply))
        consultations.close(actor=farmer, consultation_id=asked.pk, command=CloseIn(rating=5))
    species, topic, question = OPEN_QUESTION
    consultations.ask(actor=farmer, command=AskIn(species=species, topic=topic, question=question))


def _prices(station: User) -> None:
    today = timezone.localdate()
    monday = rules.monday_of(today)
    days = [monday - timedelta(weeks=w) for w in range(WEEKS - 1, -1, -1)]
    days.append(rules.same_week_last_year(monday))
    for index, day in enumerate(days):
        day = min(day + timedelta(days=1), today)
        for number, (commodity, base) in enumerate(PRICES.items()):
            drift = Decimal(1) + Decimal(index - WEEKS // 2) * Decimal("0.01") * (number % 3 - 1)
            if index == WEEKS:  # a year ago: lower
                drift = Decimal("0.9")
            for market_name, step in (("小溪塔农贸市场", 0), ("龙泉镇集贸市场", 1)):
                price = (base * drift * (Decimal(1) + Decimal(step) * Decimal("0.02"))).quantize(
                    Decimal("0.01")
                )
                market.report_price(
                    actor=station,
                    command=PriceIn(
                        commodity=commodity,
                        region=LONGQUAN,
                        market=market_name,
                        unit=rules.unit_of(commodity),
                        price=price,
                        date=day,
                        confirm=True,
                    ),
                )


def _pairing_and_training(bureau: User, station: User) -> None:
    today = timezone.localdate()
    experts.create_pairing(
        actor=bureau,
        command=PairingIn(
            expert="expert",
            kind="base",
            region=village_code(LONGQUAN, 0),
            company="宜昌某生态养殖有限公司（示例）",
            plan="龙头企业+特派员+基地+农户：每月下乡两次，指导基地和周边30户养猪户的"
            "疫病防控和粪污资源化利用。",
            starts_on=today.replace(month=1, day=1),
            ends_on=today.replace(month=12, day=31),
        ),
    )
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    start += timedelta(days=2)
    training.create_event(
        actor=station,
        command=TrainingIn(
            kind="field_lecture",
            title="生猪春季疫病防控田间课堂",
            region=LONGQUAN,
            place="龙泉镇畜牧兽医站会议室",
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            teacher="陈科技特派员",
            summary="非洲猪瘟防控要点、春季免疫、仔猪腹泻的防治。",
        ),
    )
    market.create_post(
        actor=station,
        command=PostIn(
            kind="supply",
            commodity="piglet",
            quantity="仔猪80头（15公斤左右）",
            price="面议",
            region=LONGQUAN,
            contact="0717-7654321",
            details="已免疫口蹄疫、猪瘟，可开具检疫证明。",
            days=21,
        ),
    )


def load(password: str = "") -> None:
    expert = _account("expert")
    if expert is None or Expert.objects.filter(account=expert).exists():
        return
    _entries()
    farmer, station, bureau = (
        _account("farmer_longquan"),
        _account("station_longquan"),
        _account("bureau"),
    )
    if farmer and station and bureau:
        _questions(farmer, expert)
        _prices(station)
        _pairing_and_training(bureau, station)
