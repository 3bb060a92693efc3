from django.urls import path

from smartvet.immunization import views

app_name = "immunization"

urlpatterns = [
    path("immunization/", views.entry, name="entry"),
    path("immunization/farms/<int:farm_id>/entry/", views.entry_farm, name="entry-farm"),
    path("immunization/farms/<int:farm_id>/", views.farm_history, name="farm-history"),
    path(
        "immunization/farms/<int:farm_id>/export.xlsx",
        views.farm_history_export,
        name="farm-history-export",
    ),
    path("immunization/records/", views.record_list, name="record-list"),
    path("immunization/records/export.xlsx", views.record_export, name="record-export"),
    path("immunization/lots/", views.lot_list, name="lot-list"),
    path("immunization/lots/export.xlsx", views.lot_export, name="lot-export"),
    path("immunization/lots/new/", views.lot_create, name="lot-create"),
    path("immunization/lots/<int:lot_id>/", views.lot_detail, name="lot-detail"),
    path("immunization/lots/<int:lot_id>/photo/", views.lot_photo_upload, name="lot-photo-upload"),
    path("immunization/lots/<int:lot_id>/photo.img", views.lot_photo, name="lot-photo"),
    path("immunization/lots/<int:lot_id>/transfer/", views.lot_transfer, name="lot-transfer"),
    path("immunization/lots/<int:lot_id>/sign/", views.lot_sign, name="lot-sign"),
    path("immunization/antibody/", views.antibody_list, name="antibody-list"),
    path("immunization/antibody/export.xlsx", views.antibody_export, name="antibody-export"),
    path("immunization/antibody/new/", views.antibody_create, name="antibody-create"),
    path(
        "immunization/antibody/<int:test_id>/report", views.antibody_report, name="antibody-report"
    ),
    path(
        "immunization/antibody/<int:test_id>/report/upload/",
        views.antibody_report_upload,
        name="antibody-report-upload",
    ),
    path("immunization/sampling/", views.sampling, name="sampling"),
    path("immunization/density/", views.density, name="density"),
]
