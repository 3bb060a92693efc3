"""quarantine 0003: the tags a declaration listed in its JSON field and its DeclarationTag rows
become claims under its ref, live where the declaration or certificate still is, ended as
history where not; backwards, the lists come back from the claims."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from smartvet.eartags import queries
from tests.eartags.factories import code
from tests.support.factories import make_farm

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("quarantine", "0002_arrival_notes"), ("eartags", "0005_tag_farm_status_index")]
AFTER = [("quarantine", "0003_tags_in_claims")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _declare(apps, farm, vet, status, tags, *, certificate=None, claims=None):
    """A declaration as the old schema kept it: its tags in the JSON field and in
    DeclarationTag rows, live claims only for what was still held."""
    now = timezone.now()
    declaration = apps.get_model("quarantine", "Declaration").objects.create(
        farm_id=farm.pk,
        category="fattening_pig",
        species="pig",
        quantity=len(tags),
        purpose="slaughter",
        destination_region_id="420506",
        destination_place="屠宰场",
        departure_date=now.date(),
        vehicle="鄂E·12345",
        ear_tags=tags,
        status=status,
        declared_by_id=vet.pk,
        inspected_at=now,
    )
    live = status in {"submitted", "accepted"} or certificate == "valid"
    apps.get_model("quarantine", "DeclarationTag").objects.bulk_create(
        [
            apps.get_model("quarantine", "DeclarationTag")(
                declaration_id=declaration.pk, code=tag, active=live
            )
            for tag in tags
        ]
    )
    if certificate:
        apps.get_model("quarantine", "Certificate").objects.create(
            number=f"B{declaration.pk:05d}",
            kind="B",
            declaration_id=declaration.pk,
            farm_id=farm.pk,
            owner_name="张三",
            species="pig",
            category="fattening_pig",
            quantity=len(tags),
            unit="头",
            origin_region_id=farm.region_id,
            origin_place="龙泉镇",
            destination_region_id="420506",
            destination_place="屠宰场",
            destination_kind="slaughterhouse",
            purpose="slaughter",
            transport_mode="road",
            vehicle="鄂E·12345",
            valid_days=2,
            ear_tags=tags,
            vet_id=vet.pk,
            vet_name="官方兽医",
            issued_at=now,
            valid_until=now + timedelta(days=2),
            status=certificate,
            arrived_at=now if certificate == "arrived" else None,
        )
    for tag in claims or []:
        apps.get_model("eartags", "TagClaim").objects.create(
            code=int(tag),
            ref=f"declaration:{declaration.pk}",
            status="in_transit" if certificate else "claimed",
            farm_id=farm.pk,
        )
    return declaration.pk


def _claims(apps, pk):
    return sorted(
        apps.get_model("eartags", "TagClaim")
        .objects.filter(ref=f"declaration:{pk}")
        .values_list("code", "status", "certificate_no")
    )


def test_declared_tags_move_into_claims_and_back(personas):
    farm = make_farm(personas.station_longquan)
    vet = personas.vet_longquan
    try:
        old = _migrate(BEFORE)
        open_one = _declare(
            old, farm, vet, "submitted", [code(1), code(2)], claims=[code(1), code(2)]
        )
        rejected = _declare(old, farm, vet, "rejected", [code(3)])
        arrived = _declare(old, farm, vet, "certified", [code(5), code(4)], certificate="arrived")
        travelling = _declare(
            old, farm, vet, "certified", [code(6)], certificate="valid", claims=[code(6)]
        )
        new = _migrate(AFTER)
        assert _claims(new, open_one) == [
            (int(code(1)), "claimed", ""),
            (int(code(2)), "claimed", ""),
        ]
        assert _claims(new, rejected) == [(int(code(3)), "released", "")]
        number = f"B{arrived:05d}"
        assert _claims(new, arrived) == [
            (int(code(4)), "arrived", number),
            (int(code(5)), "arrived", number),
        ]
        assert _claims(new, travelling) == [(int(code(6)), "in_transit", "")]
        assert queries.listed_codes(f"declaration:{arrived}") == [code(4), code(5)]
        back = _migrate(BEFORE)
        declarations = back.get_model("quarantine", "Declaration").objects
        assert declarations.get(pk=arrived).ear_tags == [code(4), code(5)]
        assert declarations.get(pk=rejected).ear_tags == [code(3)]
        certificate = back.get_model("quarantine", "Certificate").objects.get(
            declaration_id=arrived
        )
        assert certificate.ear_tags == [code(4), code(5)]
        active = back.get_model("quarantine", "DeclarationTag").objects.filter(active=True)
        assert sorted(active.values_list("code", flat=True)) == [code(1), code(2), code(6)]
        assert (
            not back.get_model("eartags", "TagClaim")
            .objects.exclude(status__in=["claimed", "in_transit"])
            .exists()
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
