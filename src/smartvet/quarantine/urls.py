from django.urls import path

from smartvet.quarantine import foreign_views, views

app_name = "quarantine"

urlpatterns = [
    # The farm QR (/d/<farm code>/) redirects here, with the farm id.
    path("quarantine/farms/<int:farm_id>/declare/", views.declare, name="declare"),
    path("quarantine/declarations/", views.declaration_list, name="declaration-list"),
    path(
        "quarantine/declarations/export.xlsx", views.declaration_export, name="declaration-export"
    ),
    path(
        "quarantine/declarations/<int:declaration_id>/",
        views.declaration_detail,
        name="declaration-detail",
    ),
    path(
        "quarantine/declarations/<int:declaration_id>/accept/",
        views.declaration_accept,
        name="declaration-accept",
    ),
    path(
        "quarantine/declarations/<int:declaration_id>/reject/",
        views.declaration_reject,
        name="declaration-reject",
    ),
    path(
        "quarantine/declarations/<int:declaration_id>/inspect/",
        views.declaration_inspect,
        name="declaration-inspect",
    ),
    path("quarantine/certificates/", views.certificate_list, name="certificate-list"),
    path(
        "quarantine/certificates/export.xlsx", views.certificate_export, name="certificate-export"
    ),
    path("quarantine/certificates/overdue/", views.overdue_list, name="overdue"),
    path(
        "quarantine/certificates/<str:number>/", views.certificate_detail, name="certificate-detail"
    ),
    path(
        "quarantine/certificates/<str:number>/pdf/", views.certificate_pdf, name="certificate-pdf"
    ),
    path(
        "quarantine/certificates/<str:number>/revoke/",
        views.certificate_revoke,
        name="certificate-revoke",
    ),
    path(
        "quarantine/certificates/<str:number>/arrival/",
        views.certificate_arrival,
        name="certificate-arrival",
    ),
    path("quarantine/checkpoint/", views.checkpoint, name="checkpoint"),
    path("quarantine/slaughter/", views.slaughter, name="slaughter"),
    path("quarantine/slaughter/entries/", views.slaughter_entries, name="slaughter-entries"),
    path(
        "quarantine/slaughter/entries/<int:entry_id>/",
        views.slaughter_entry,
        name="slaughter-entry",
    ),
    path(
        "quarantine/slaughter/entries/<int:entry_id>/decide/",
        views.slaughter_entry_decide,
        name="slaughter-entry-decide",
    ),
    path("quarantine/trace/", views.trace, name="trace"),
    # Public, no login: what the QR on the paper opens (CONTRACT.md).
    path("verify/", views.verify, name="verify-form"),
    path("verify/<str:number>", views.verify, name="verify"),
    path(
        "quarantine/foreign/<str:number>/report/",
        foreign_views.report,
        name="foreign-report",
    ),
]
