"""Writes through /admin/ are in the ledger (Django's LogEntry is not): every registered
ModelAdmin is a core.admin.LedgeredAdmin, and an add, a change, a list edit and deletes
(one and several) through the real admin pages each leave their event, chains intact."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib import admin
from django.test import Client

from smartvet.core import ledger
from smartvet.core.admin import LedgeredAdmin
from smartvet.core.models import CalendarDay, LedgerEvent


def test_every_registered_model_admin_records_in_the_ledger():
    plain = [
        f"{model._meta.label}: {type(model_admin).__name__}"
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_config.name.startswith("smartvet.")
        and not isinstance(model_admin, LedgeredAdmin)
    ]
    assert plain == []


@pytest.fixture
def admin_client(personas):
    client = Client()
    client.force_login(personas.admin)
    return client


def _events(action):
    return LedgerEvent.objects.filter(action=action, object_type="core.calendarday")


def test_add_change_and_delete_through_the_admin_are_ledger_events(admin_client, personas):
    url = "/admin/core/calendarday/"
    response = admin_client.post(
        f"{url}add/", {"date": "2027-10-01", "name": "国庆节", "is_workday": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    day = CalendarDay.objects.get(date=date(2027, 10, 1))
    added = _events("admin.added").get()
    assert (added.actor, added.object_id) == (personas.admin, str(day.pk))

    admin_client.post(
        f"{url}{day.pk}/change/", {"date": "2027-10-01", "name": "国庆", "is_workday": "on"}
    )
    changed = _events("admin.changed").get()
    assert changed.summary["changed"] == {"name": "国庆", "is_workday": True}

    admin_client.post(f"{url}{day.pk}/delete/", {"post": "yes"})
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    assert _events("admin.deleted").get().object_id == str(day.pk)
    assert ledger.verify() is None


def test_a_bulk_delete_records_each_object(admin_client):
    days = [CalendarDay.objects.create(date=date(2027, 5, d), name="劳动节") for d in (1, 2, 3)]
    response = admin_client.post(
        "/admin/core/calendarday/",
        {"action": "delete_selected", "_selected_action": [d.pk for d in days], "post": "yes"},
    )
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(name="劳动节").exists()
    deleted = set(_events("admin.deleted").values_list("object_id", flat=True))
    assert deleted == {str(d.pk) for d in days}


def test_an_event_in_the_admin_is_read_in_words_on_the_ledger_page(admin_client):
    admin_client.post(
        "/admin/core/calendarday/add/", {"date": "2027-01-01", "name": "元旦", "is_workday": ""}
    )
    page = admin_client.get("/ledger/", {"object_type": "core.calendarday"}).content.decode()
    assert "管理后台新增" in page and "元旦" in page
