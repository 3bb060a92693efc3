"""Endpoints of monthly statements (CONTRACT.md: GET /services/statements?provider=&month=)."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router, Status

from smartvet.core.access import require
from smartvet.vetservice import exports
from smartvet.vetservice.api.schemas import StatementOut
from smartvet.vetservice.commands import CorrectStatement, PrepareStatement
from smartvet.vetservice.permissions import VIEW_STATEMENTS
from smartvet.vetservice.queries import statements as queries
from smartvet.vetservice.services import statements

router = Router(tags=["vetservice"])


@router.get("/services/statements", response=StatementOut)
def statement_of_month(request, provider: str, month: str):
    """The provider's month: its latest version, or (before the county prepares one) the
    statement as it would be built now."""
    view = queries.month_view(request.auth, provider, month)
    require(request.auth, VIEW_STATEMENTS, view)
    return view.as_dict()


@router.post("/services/statements", response={201: StatementOut})
def prepare_statement(request, payload: PrepareStatement):
    statement = statements.prepare_statement(actor=request.auth, command=payload)
    return Status(201, queries.stored_view(statement).as_dict())


@router.get("/services/statements/{statement_id}", response=StatementOut)
def statement_detail(request, statement_id: int):
    statement = queries.statement(request.auth, statement_id)
    require(request.auth, VIEW_STATEMENTS, statement)
    return queries.stored_view(statement).as_dict()


@router.post("/services/statements/{statement_id}/sign", response=StatementOut)
def sign_statement(request, statement_id: int):
    statement = statements.sign_statement(actor=request.auth, statement_id=statement_id)
    return queries.stored_view(statement).as_dict()


@router.post("/services/statements/{statement_id}/correct", response={201: StatementOut})
def correct_statement(request, statement_id: int, payload: CorrectStatement):
    statement = statements.correct_statement(
        actor=request.auth, statement_id=statement_id, command=payload
    )
    return Status(201, queries.stored_view(statement).as_dict())


@router.get("/services/statements/{statement_id}/xlsx")
def statement_xlsx(request, statement_id: int) -> HttpResponse:
    statement = queries.statement(request.auth, statement_id)
    require(request.auth, VIEW_STATEMENTS, statement)
    return exports.statement_xlsx_response(queries.stored_view(statement))


@router.get("/services/statements/{statement_id}/pdf")
def statement_pdf(request, statement_id: int) -> HttpResponse:
    statement = queries.statement(request.auth, statement_id)
    require(request.auth, VIEW_STATEMENTS, statement)
    return exports.statement_pdf_response(queries.stored_view(statement))
