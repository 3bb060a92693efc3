"""`smartvet check --deploy` is clean with the production settings (DEBUG off, a fresh data
dir): behind TLS (SMARTVET_HTTPS=1) with nothing silenced, and on plain HTTP with only the
four TLS checks silenced (docs/security.md); the secret key is made in the data dir, 0600."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest


def check_deploy(data_dir, **environment):
    env = {**os.environ, "SMARTVET_DATA_DIR": str(data_dir), **environment}
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests' live server in the same process
    for name in (
        "SMARTVET_TESTING",
        "DJANGO_SETTINGS_MODULE",
        "DATABASE_URL",
        "SMARTVET_DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "smartvet", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("environment", "closing"),
    [
        ({"SMARTVET_HTTPS": "1"}, "System check identified no issues (0 silenced)."),
        ({}, "System check identified no issues (4 silenced)."),
    ],
)
def test_the_deploy_checks_are_clean(tmp_path, environment, closing):
    finished = check_deploy(tmp_path, **environment)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert closing in finished.stdout
    key = tmp_path / "secret_key"
    assert len(key.read_text().strip()) >= 50
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
