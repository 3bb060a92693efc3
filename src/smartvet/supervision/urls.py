from django.urls import path

from smartvet.supervision import views

app_name = "supervision"

urlpatterns = [
    path("supervision/", views.home, name="home"),
    path("supervision/schemes/<int:scheme_id>/", views.scheme_page, name="scheme"),
    path(
        "supervision/schemes/<int:scheme_id>/scores.xlsx",
        views.scheme_export,
        name="scheme-export",
    ),
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
    path("supervision/<str:code>/notices/", views.notices_page, name="notices"),
    path("supervision/<str:code>/notices/issue/", views.notice_issue, name="notice-issue"),
    path(
        "supervision/<str:code>/notices/<int:notice_id>/close/",
        views.notice_close,
        name="notice-close",
    ),
    path("supervision/<str:code>/notices.xlsx", views.notices_export, name="notices-export"),
    path("supervision/<str:code>/schemes/", views.schemes_page, name="schemes"),
    path("supervision/<str:code>/schemes/new/", views.scheme_create, name="scheme-create"),
    path("supervision/<str:code>/trainings/", views.trainings_page, name="trainings"),
    path("supervision/<str:code>/trainings/record/", views.training_record, name="training-record"),
    path("supervision/<str:code>/trainings.xlsx", views.trainings_export, name="trainings-export"),
]
