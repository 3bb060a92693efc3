from django.urls import path

from smartvet.enforcement.views import carriers, cases, coldchain, disposal, purification

app_name = "enforcement"

urlpatterns: list = [
    path("enforcement/", cases.desk, name="desk"),
    path("enforcement/cases/export.xlsx", cases.case_export, name="case-export"),
    path("enforcement/cases/new/", cases.case_new, name="case-new"),
    path("enforcement/cases/from-check/", cases.case_from_check, name="case-from-check"),
    path("enforcement/cases/<int:case_id>/", cases.case_detail, name="case-detail"),
    path("enforcement/cases/<int:case_id>/<str:name>/", cases.case_action, name="case-action"),
    path(
        "enforcement/cases/<int:case_id>/photos/<int:evidence_id>/<str:size>.jpg",
        cases.evidence_photo,
        name="evidence-photo",
    ),
    path("enforcement/vehicles/", carriers.vehicle_list, name="vehicle-list"),
    path("enforcement/vehicles/export.xlsx", carriers.vehicle_export, name="vehicle-export"),
    path("enforcement/vehicles/new/", carriers.vehicle_new, name="vehicle-new"),
    path("enforcement/vehicles/rule/", carriers.vehicle_rule, name="vehicle-rule"),
    path("enforcement/vehicles/<int:vehicle_id>/", carriers.vehicle_detail, name="vehicle-detail"),
    path("enforcement/dealers/", carriers.dealer_list, name="dealer-list"),
    path("enforcement/dealers/export.xlsx", carriers.dealer_export, name="dealer-export"),
    path("enforcement/dealers/new/", carriers.dealer_new, name="dealer-new"),
    path("enforcement/dealers/<int:dealer_id>/", carriers.dealer_detail, name="dealer-detail"),
    # Disposals and claims, purification farms and sourcing, the cold chain (issue 17 3–5).
    path("enforcement/disposals/", disposal.disposal_list, name="disposal-list"),
    path("enforcement/disposals/new/", disposal.disposal_new, name="disposal-new"),
    path("enforcement/disposals/export.xlsx", disposal.disposal_export, name="disposal-export"),
    path(
        "enforcement/disposals/<int:disposal_id>/",
        disposal.disposal_detail,
        name="disposal-detail",
    ),
    path(
        "enforcement/disposals/<int:disposal_id>/photos/<int:photo_id>/<str:size>.jpg",
        disposal.disposal_photo,
        name="disposal-photo",
    ),
    path("enforcement/claims/", disposal.claim_list, name="claim-list"),
    path("enforcement/claims/export.xlsx", disposal.claim_export, name="claim-export"),
    path(
        "enforcement/claims/<int:claim_id>/<str:name>/",
        disposal.claim_action,
        name="claim-action",
    ),
    path(
        "enforcement/purification-farms/",
        purification.purification_list,
        name="purification-list",
    ),
    path("enforcement/sourcing/", purification.sourcing, name="sourcing"),
    path("enforcement/cold-chain/", coldchain.cold_chain, name="cold-chain"),
    path(
        "enforcement/cold-chain/<int:shipment_id>/<str:name>/",
        coldchain.shipment_action,
        name="shipment-action",
    ),
]
