from django.urls import path

from smartvet.registry import views

app_name = "registry"

urlpatterns = [
    path("farms/", views.farm_list, name="farm-list"),
    path("farms/export.xlsx", views.farm_export, name="farm-export"),
    path("farms/new/", views.farm_create, name="farm-create"),
    path("farms/import/", views.farm_import, name="farm-import"),
    path("farms/import/template.xlsx", views.farm_import_template, name="farm-import-template"),
    path("farms/<int:farm_id>/", views.farm_detail, name="farm-detail"),
    path("farms/<int:farm_id>/edit/", views.farm_edit, name="farm-edit"),
    path("farms/<int:farm_id>/stock/", views.stock_event_create, name="stock-event-create"),
    path("farms/<int:farm_id>/qr/", views.farm_qr_card, name="farm-qr"),
    path("farms/<int:farm_id>/qr.png", views.farm_qr_png, name="farm-qr-png"),
    # The content of the farm's QR code: short, so the code stays coarse and easy to scan.
    path("d/<str:code>/", views.declare_link, name="declare-link"),
]
