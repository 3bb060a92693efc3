from django.urls import path

from smartvet.subsidy import views

app_name = "subsidy"

urlpatterns = [
    path("subsidy/", views.application_list, name="application-list"),
    path("subsidy/applications/export.xlsx", views.application_export, name="application-export"),
    path("subsidy/applications/new/", views.application_create, name="application-create"),
    path(
        "subsidy/applications/<int:application_id>/",
        views.application_detail,
        name="application-detail",
    ),
    path(
        "subsidy/applications/<int:application_id>/<slug:action>/",
        views.application_action,
        name="application-action",
    ),
    path("subsidy/qualifications/", views.qualification_list, name="qualification-list"),
    path(
        "subsidy/qualifications/export.xlsx",
        views.qualification_export,
        name="qualification-export",
    ),
    path("subsidy/qualifications/new/", views.qualification_create, name="qualification-create"),
    path(
        "subsidy/qualifications/<int:qualification_id>/",
        views.qualification_detail,
        name="qualification-detail",
    ),
    path(
        "subsidy/qualifications/<int:qualification_id>/<slug:action>/",
        views.qualification_action,
        name="qualification-action",
    ),
    path(
        "subsidy/objections/<int:objection_id>/resolve/",
        views.objection_resolve,
        name="objection-resolve",
    ),
    path("subsidy/publicities/", views.publicity_list, name="publicity-list"),
    path(
        "subsidy/publicities/<int:publicity_id>/", views.publicity_detail, name="publicity-detail"
    ),
    path(
        "subsidy/publicities/<int:publicity_id>/export.xlsx",
        views.publicity_export,
        name="publicity-export",
    ),
    path(
        "subsidy/publicities/<int:publicity_id>/close/",
        views.publicity_close,
        name="publicity-close",
    ),
    path("subsidy/payments/", views.payment_list, name="payment-list"),
    path("subsidy/payments/export.xlsx", views.payment_export, name="payment-export"),
    path("subsidy/summary/", views.summary, name="summary"),
    path("subsidy/summary/export.xlsx", views.summary_export, name="summary-export"),
    path("subsidy/policies/", views.policy_list, name="policy-list"),
    path("subsidy/policies/<int:policy_id>/edit/", views.policy_edit, name="policy-edit"),
    # Public, no login (DOMAIN.md §1: the public can read publicity lists).
    path("public/subsidy/", views.public_publicity, name="public-publicity"),
    path(
        "public/subsidy/qualified/<slug:policy>/", views.public_qualified, name="public-qualified"
    ),
]
