from django.core.management import call_command

from smartvet.quarantine.models import Certificate, Declaration


def test_the_demo_issues_a_certificate_and_leaves_a_declaration_for_the_vet(db, monkeypatch):
    monkeypatch.setenv("SMARTVET_DEMO_PASSWORD", "demo-pass-1")
    call_command("demo", no_serve=True)
    cert = Certificate.objects.get()
    assert cert.farm.name == "龙泉镇建国生猪养殖场"
    assert cert.current_status == "valid" and cert.quantity == len(cert.ear_tags) == 5
    waiting = Declaration.objects.get(status="submitted")
    assert waiting.farm == cert.farm and waiting.quantity == 5
    call_command("demo", no_serve=True)
    assert Certificate.objects.count() == 1 and Declaration.objects.count() == 2
