from django.core.management import call_command

from smartvet.core.models import User
from smartvet.registry.models import Farm


def test_demo_loads_every_contract_account_and_is_idempotent(db, capsys, monkeypatch):
    # The test personas are these very accounts, with another password: start without them
    # (a provider's vaccinators first, since a provider cannot go while it has any).
    User.objects.exclude(provider=None).delete()
    User.objects.all().delete()
    monkeypatch.setenv("SMARTVET_DEMO_PASSWORD", "demo-pass-1")
    call_command("demo", no_serve=True)
    out = capsys.readouterr().out
    for name in [
        "admin",
        "county_supervisor",
        "bureau",
        "station_longquan",
        "station_yaqueling",
        "vet_longquan",
        "farmer_longquan",
        "provider_xingmu",
        "vaccinator_longquan",
        "slaughterhouse",
        "cdc",
        "expert",
        "jiyuan_supervisor",
        "jiyuan_bureau",
        "provider_jiyuan",
    ]:
        assert name in out
        assert User.objects.get(username=name).check_password("demo-pass-1")
    farms = Farm.objects.count()
    call_command("demo", no_serve=True)
    assert Farm.objects.count() == farms
    pig_farm = Farm.objects.get(owner__username="farmer_longquan")
    stock = {line.category: line.quantity for line in pig_farm.stock_lines.all()}
    assert pig_farm.kind == "scale" and pig_farm.region_id.startswith("420506107")
    assert stock["sow"] > 0 and stock["fattening_pig"] > 0
