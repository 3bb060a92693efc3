from django.core.management import call_command

from smartvet.quarantine.models import Certificate


def test_the_demo_issues_one_certificate_for_the_demo_pig_farm(db, monkeypatch):
    monkeypatch.setenv("SMARTVET_DEMO_PASSWORD", "demo-pass-1")
    call_command("demo", no_serve=True)
    cert = Certificate.objects.get()
    assert cert.farm.name == "龙泉镇建国生猪养殖场"
    assert cert.current_status == "valid" and cert.quantity == len(cert.ear_tags) == 5
    call_command("demo", no_serve=True)
    assert Certificate.objects.count() == 1
