"""Statement pages for the county: a month's statements of every provider, prepare, review,
sign, correct; the xlsx and the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartvet.core.access import available_actions, require
from smartvet.core.errors import DomainError
from smartvet.core.forms import posted
from smartvet.vetservice import exports, rules
from smartvet.vetservice.commands import CorrectStatement, PrepareStatement
from smartvet.vetservice.permissions import VIEW_STATEMENTS
from smartvet.vetservice.queries import roster as roster_queries
from smartvet.vetservice.queries import statements as queries
from smartvet.vetservice.services import statements as services
from smartvet.vetservice.views.common import command_from, text_param


def _month(request):
    return rules.parse_month(text_param(request, "month", 7)) or rules.month_start(
        timezone.localdate()
    )


@login_required
def statement_list(request):
    """The month's statements, one line per provider in reach (prepared or not yet)."""
    require(request.user, VIEW_STATEMENTS)
    month = _month(request)
    stored = {s.provider_id: s for s in queries.statements_visible_to(request.user, month=month)}
    own = roster_queries.provider_of_account(request.user)
    providers = [own] if own else list(roster_queries.providers_visible_to(request.user))
    rows = [(provider, stored.get(provider.pk)) for provider in providers]
    return render(
        request,
        "vetservice/statement_list.html",
        {"rows": rows, "month": month, "error": None},
    )


@login_required
@require_POST
def statement_prepare(request):
    try:
        statement = services.prepare_statement(
            actor=request.user, command=command_from(PrepareStatement, posted(request))
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(f"{request.path.rsplit('/', 2)[0]}/?month={request.POST.get('month', '')}")
    return redirect("vetservice:statement", statement.pk)


@login_required
def statement_detail(request, statement_id: int, error=None):
    statement = queries.statement(request.user, statement_id)
    require(request.user, VIEW_STATEMENTS, statement)
    return render(
        request,
        "vetservice/statement_detail.html",
        {
            "statement": statement,
            "view": queries.stored_view(statement),
            "actions": available_actions(request.user, statement),
            "error": error,
        },
        status=422 if error else 200,
    )


@login_required
@require_POST
def statement_action(request, statement_id: int, action: str):
    try:
        if action == "sign":
            result = services.sign_statement(actor=request.user, statement_id=statement_id)
        elif action == "refresh":
            result = services.refresh_statement(actor=request.user, statement_id=statement_id)
        elif action == "correct":
            result = services.correct_statement(
                actor=request.user,
                statement_id=statement_id,
                command=command_from(CorrectStatement, posted(request)),
            )
        else:
            return statement_detail(request, statement_id)
    except DomainError as exc:
        return statement_detail(request, statement_id, error=exc)
    messages.success(request, _("结算单已签署") if action == "sign" else _("结算单已更新"))
    return redirect("vetservice:statement", result.pk)


def _visible(request, statement_id: int):
    statement = queries.statement(request.user, statement_id)
    require(request.user, VIEW_STATEMENTS, statement)
    return queries.stored_view(statement)


@login_required
def statement_xlsx(request, statement_id: int):
    return exports.statement_xlsx_response(_visible(request, statement_id))


@login_required
def statement_pdf(request, statement_id: int):
    return exports.statement_pdf_response(_visible(request, statement_id))
