"""`smartvet periodic`: the apps' declared jobs run, and one failing job does not stop the
others."""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command

from smartvet.core.management.commands import periodic


def test_every_declared_job_is_a_command_that_exists():
    from django.core.management import get_commands

    commands = get_commands()
    jobs = periodic.declared_jobs()
    assert jobs, "no app declares a periodic job"
    assert {name for name in jobs if name not in commands} == set()
    assert all(isinstance(every, int) and every > 0 for every in jobs.values())


def test_a_failing_job_is_logged_and_the_others_still_run(monkeypatch, caplog):
    ran = []

    def fake_call(name):
        ran.append(name)
        if name == "broken":
            raise RuntimeError("boom")

    monkeypatch.setattr(periodic, "declared_jobs", lambda: {"broken": 60, "fine": 60})
    monkeypatch.setattr(periodic, "call_command", fake_call)
    monkeypatch.setattr(periodic, "close_old_connections", lambda: None)
    call_command("periodic", "--once")
    assert ran == ["broken", "fine"]
    assert "periodic job broken failed" in caplog.text


def test_the_apps_declare_their_jobs_on_their_configs():
    declared = {
        config.label: getattr(config, "periodic", {})
        for config in apps.get_app_configs()
        if getattr(config, "periodic", None)
    }
    assert set(declared) >= {"supervision"}
