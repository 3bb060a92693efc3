"""A farmer who never logged in declares from the farm's QR on a phone (issue 10 point 9): the
station's registration gives the farmer an account (username the phone number) and a one-time
code printed on the card; the first scan sets the password."""

from __future__ import annotations

import pytest
from django.db import transaction

from smartvet.core import services
from smartvet.core.errors import DomainError, PermissionDenied
from smartvet.core.models import User

DECLARE = "/farms/1/declare/"


def _enrol(station, phone="13907170001"):
    with transaction.atomic():
        return services.enrol_farmer(actor=station, phone=phone, name="赵六", region="420506107201")


def test_the_station_gives_the_farmer_an_account_with_a_one_time_code(station_longquan):
    account, code = _enrol(station_longquan)
    assert account.username == "13907170001" and account.role == "farmer"
    assert not account.has_usable_password() and len(code) == 8
    again, same = _enrol(station_longquan)  # a second farm of the same farmer
    assert again == account and same == code


def test_only_the_station_or_county_enrols(farmer_longquan):
    with pytest.raises(PermissionDenied):
        _enrol(farmer_longquan)


def test_the_first_scan_sets_the_password_and_lands_on_the_declaration(client, station_longquan):
    _account, code = _enrol(station_longquan)
    scan = client.get("/login/", {"next": f"{DECLARE}?activate={code}"})
    assert scan.status_code == 302 and "/activate/" in scan["Location"] and code in scan["Location"]
    page = client.get(scan["Location"]).content.decode()
    assert "设置密码" in page and code in page
    done = client.post(
        "/activate/",
        {
            "code": code,
            "password": "longquan-pigs-88",
            "password_again": "longquan-pigs-88",
            "next": DECLARE,
        },
    )
    assert done.status_code == 302 and done["Location"] == DECLARE
    assert client.session.get("_auth_user_id")
    assert User.objects.get(username="13907170001").check_password("longquan-pigs-88")


def test_a_code_works_once(client, station_longquan):
    _account, code = _enrol(station_longquan)
    services.activate_account(code=code, password="longquan-pigs-88")
    with pytest.raises(DomainError, match="VALIDATION_ERROR"):
        services.activate_account(code=code, password="another-pass-99")
    # the card's QR now simply asks for the login
    assert client.get("/login/", {"next": f"{DECLARE}?activate={code}"}).status_code == 200


def test_a_weak_or_mistyped_password_is_refused_in_chinese(client, station_longquan):
    _account, code = _enrol(station_longquan)
    short = client.post("/activate/", {"code": code, "password": "123", "password_again": "123"})
    assert short.status_code == 200 and "太短" in short.content.decode()
    differ = client.post(
        "/activate/", {"code": code, "password": "a-good-one-77", "password_again": "x"}
    )
    assert "两次输入的密码不一致" in differ.content.decode()
    assert not User.objects.get(username="13907170001").has_usable_password()
