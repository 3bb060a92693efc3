"""API of experts and information (CONTRACT.md "Experts and information (consult)"). Payloads
are the services' commands (consult.commands); answers the schemas of consult.schemas."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Path, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from smartvet.consult import queries, rules
from smartvet.consult.commands import AnswerIn, AskIn, CloseIn, PriceIn
from smartvet.consult.permissions import DIRECTORY, MARKET, VIEW
from smartvet.consult.schemas import (
    AskedOut,
    BulletinOut,
    ClosedOut,
    ConsultationOut,
    CreatedOut,
    ExpertOut,
    PriceOut,
)
from smartvet.consult.services import consultations, market
from smartvet.core.access import require
from smartvet.core.bounds import MAX_ID
from smartvet.core.errors import ValidationFailed
from smartvet.core.pagination import Page

router = Router(tags=["consult"])
Id = Path(..., ge=1, le=MAX_ID)


@router.get("/experts", response=list[ExpertOut], summary="专家库")
@paginate(Page)
def experts(
    request,
    species: str = Query("", max_length=10),
    topic: str = Query("", max_length=20),
    region: str = Query("", max_length=12),
):
    require(request.auth, DIRECTORY)
    found = queries.directory(species=species, topic=topic, region=region)
    return [ExpertOut.from_entry(entry) for entry in found]


@router.post("/consultations", response={201: AskedOut}, summary="在线咨询（可附照片）")
def ask(request, payload: Form[AskIn], photos: File[list[UploadedFile]] = None):
    uploads = [f.read() for f in photos or []]
    consultation = consultations.ask(actor=request.auth, command=payload, photo_files=uploads)
    return Status(201, {"id": consultation.pk, "routed_to": queries.routed_to(consultation)})


def _detail(actor, consultation_id: int) -> dict:  # type: ignore[no-untyped-def]
    require(actor, VIEW)
    found = queries.consultation(actor, consultation_id)
    return ConsultationOut.from_consultation(
        found, queries.routed_to(found), queries.answers_of(found)
    )


@router.get("/consultations/{consultation_id}", response=ConsultationOut, summary="咨询详情")
def consultation(request, consultation_id: int = Id):
    return _detail(request.auth, consultation_id)


@router.post(
    "/consultations/{consultation_id}/answers", response={201: CreatedOut}, summary="专家解答"
)
def answer(request, payload: AnswerIn, consultation_id: int = Id):
    reply = consultations.answer(
        actor=request.auth, consultation_id=consultation_id, command=payload
    )
    return Status(201, {"id": reply.pk})


@router.post("/consultations/{consultation_id}/close", response=ClosedOut, summary="评价并结束咨询")
def close(request, payload: CloseIn, consultation_id: int = Id):
    done = consultations.close(actor=request.auth, consultation_id=consultation_id, command=payload)
    return {"id": done.pk, "status": done.status, "rating": done.rating}


@router.post("/market/prices", response={201: PriceOut}, summary="报送市场价格")
def report_price(request, payload: PriceIn):
    row = market.report_price(actor=request.auth, command=payload)
    return Status(
        201,
        {
            "id": row.pk,
            "commodity": row.commodity,
            "region": row.region_id,
            "market": row.market,
            "unit": row.unit,
            "price": f"{row.price:.2f}",
            "date": row.date,
            "confirmed_outlier": row.confirmed_outlier,
        },
    )


@router.get("/market/bulletin", response=BulletinOut, summary="市场价格周报（环比、同比）")
def bulletin(request, region: str = Query("", max_length=12), week: str = Query("", max_length=8)):
    require(request.auth, MARKET)
    region = region or queries.home_area(request.auth)
    try:
        monday = rules.parse_week(week) if week else rules.monday_of(timezone.localdate())
    except ValueError:
        raise ValidationFailed(_("周次格式应为YYYY-Www，例如2026-W05")) from None
    rows = queries.bulletin(region, monday)
    return {
        "region": region,
        "week": rules.week_label(monday),
        "items": [
            {
                "commodity": row.commodity,
                "name": str(rules.COMMODITIES[row.commodity][0]),
                "unit": str(rules.UNITS[rules.unit_of(row.commodity)]),
                "mean": float(row.mean) if row.mean is not None else None,
                "wow": row.wow,
                "yoy": row.yoy,
                "n": row.n,
            }
            for row in rows
        ],
    }
