from django.urls import path

from smartvet.eartags import views

app_name = "eartags"

urlpatterns = [
    path("eartags/", views.stock, name="stock"),
    path("eartags/stock.xlsx", views.stock_export, name="stock-export"),
    path("eartags/ranges/", views.range_list, name="ranges"),
    path("eartags/ranges.xlsx", views.range_export, name="ranges-export"),
    path("eartags/import/", views.import_stock, name="import"),
    path("eartags/import/template.xlsx", views.template, name="template"),
    path("eartags/import/<int:job_id>/", views.import_job, name="import-job"),
    path("eartags/import/<int:job_id>/progress/", views.import_progress, name="import-progress"),
    path("eartags/register/", views.register_range, name="register"),
    path("eartags/issue/", views.issue, name="issue"),
    path("eartags/return/", views.return_range, name="return"),
    path("eartags/transfer/", views.transfer, name="transfer"),
    path("eartags/moves/", views.move_list, name="moves"),
    path("eartags/moves.xlsx", views.move_export, name="moves-export"),
    path("eartags/fit/", views.fit, name="fit"),
    path("eartags/cancel/", views.cancel, name="cancel"),
    path("eartags/lookup/", views.lookup, name="lookup"),
]
