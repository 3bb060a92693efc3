from django.urls import path

from smartvet.exchange import views

app_name = "exchange"

urlpatterns: list = [
    path("exchange/outbox/", views.outbox, name="outbox"),
    path("exchange/outbox/retry/", views.retry, name="outbox-retry"),
]
