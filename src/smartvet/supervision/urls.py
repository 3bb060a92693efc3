from django.urls import path

from smartvet.supervision import views

app_name = "supervision"

urlpatterns = [
    path("supervision/", views.home, name="home"),
    path("supervision/<str:code>/", views.dashboard, name="dashboard"),
    path("supervision/<str:code>/figures.xlsx", views.figures_export, name="figures-export"),
    path("supervision/<str:code>/anomalies.xlsx", views.anomalies_export, name="anomalies-export"),
    path("supervision/<str:code>/rollout/", views.rollout_page, name="rollout"),
    path("supervision/<str:code>/rollout.xlsx", views.rollout_export, name="rollout-export"),
    path(
        "supervision/<str:code>/rollout/<str:county>/features/",
        views.rollout_features,
        name="rollout-features",
    ),
    path(
        "supervision/<str:code>/rollout/<str:county>/report/",
        views.rollout_report,
        name="rollout-report",
    ),
]
