"""The page where the destination's slaughterhouse or station reports the arrival or the
slaughter entry of another province's certificate (found through the national hub)."""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.quarantine import foreign, forms, queries
from smartvet.quarantine.models import CrossReportKind
from smartvet.quarantine.schemas import PublicCertificateOut


class CrossReportForm(django_forms.Form):
    kind = django_forms.ChoiceField(label=gettext_lazy("报告类型"), choices=CrossReportKind.choices)
    quantity = django_forms.IntegerField(label=gettext_lazy("实到数量"), min_value=0)
    notes = django_forms.CharField(label=gettext_lazy("备注"), max_length=200, required=False)


def kinds_for(user, cert) -> list[str]:
    return [kind for kind in CrossReportKind.values if foreign.may_report(user, cert, kind)]


def next_steps(user, cert) -> list[tuple[str, str, str]]:
    """The verification page's step for another province's certificate: its report here."""
    if not kinds_for(user, cert):
        return []
    url = reverse("quarantine:foreign-report", args=[cert.number])
    return [("cross_report", _("登记落地或入场（外省证明）"), url)]


@login_required
def report(request, number: str):
    cert = queries.certificate_by_number(number)
    kinds = kinds_for(request.user, cert) if getattr(cert, "from_hub", False) else []
    if not kinds:
        raise PermissionDenied()
    error = None
    if request.method == "POST":
        try:
            foreign.report(
                actor=request.user,
                number=cert.number,
                command=forms.command(foreign.CrossReportIn, request.POST),
            )
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已登记，将经全国数据中心送达签发省"))
            return redirect("quarantine:verify", number=cert.number)
    initial = (
        request.POST if request.method == "POST" else {"kind": kinds[0], "quantity": cert.quantity}
    )
    form = CrossReportForm(initial=initial)
    form.fields["kind"].choices = [(k, CrossReportKind(k).label) for k in kinds]
    return render(
        request,
        "quarantine/foreign_report.html",
        {"found": PublicCertificateOut.from_orm(cert), "form": form, "error": error},
        status=error.status if error else 200,
    )
