from django.contrib import admin
from django.urls import include, path

from smartvet.api import api

urlpatterns = [
    path("", include("smartvet.core.urls")),
    path("", include("smartvet.registry.urls")),
    path("", include("smartvet.eartags.urls")),
    path("", include("smartvet.immunization.urls")),
    path("", include("smartvet.vetservice.urls")),
    path("", include("smartvet.quarantine.urls")),
    path("", include("smartvet.surveillance.urls")),
    path("", include("smartvet.subsidy.urls")),
    path("", include("smartvet.enforcement.urls")),
    path("", include("smartvet.consult.urls")),
    path("", include("smartvet.supervision.urls")),
    path("", include("smartvet.exchange.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = "smartvet.core.views.not_found"
handler500 = "smartvet.core.views.server_error"
