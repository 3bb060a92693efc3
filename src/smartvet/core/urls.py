from django.urls import path

from smartvet.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("activate/", views.activate, name="activate"),
    path("ledger/", views.ledger_page, name="ledger"),
    path("regions/villages/import/", views.village_import, name="village-import"),
    path("regions/villages/template.xlsx", views.village_template, name="village-template"),
    path("regions/options/", views.region_options, name="region-options"),
    path("offline/", views.offline_queue, name="offline"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]
