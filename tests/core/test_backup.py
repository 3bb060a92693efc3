"""`smartvet backup DIR` / `smartvet restore DIR` on SQLite and on PostgreSQL, through the
real commands on throw-away data dirs: after a restore verify-ledger is clean, every table's
count, every ledger head and every upload equal the original's (a backup of the restored
database has the same manifest), and a non-empty database is refused unless --force."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import psycopg
import pytest

from tests.support import pg

POPULATE = """
from django.db import transaction
from smartvet.core import ledger
from smartvet.core.services import create_account
create_account(actor=None, username="backup_station", password="Backup-station-2026",
               role="station", region="420506107", display_name="龙泉镇站")
for n, region in enumerate(["420506107", "419001100", "42", "420506107201"]):
    with transaction.atomic():
        ledger.record(actor=None, action="backup.test", region=region, summary={"n": n})
"""


def smartvet(data_dir, *arguments, database_url=None, check=True):
    env = {**os.environ, "SMARTVET_DATA_DIR": str(data_dir)}
    for name in ("SMARTVET_TESTING", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    finished = subprocess.run(
        [sys.executable, "-m", "smartvet", *arguments], env=env, capture_output=True, text=True
    )
    if check:
        assert finished.returncode == 0, finished.stderr[-3000:]
    return finished


def figures(manifest_path):
    manifest = json.loads(manifest_path.read_text())
    return {key: manifest[key] for key in ("database", "tables", "ledger_heads", "uploads")}


def _round_trip(tmp_path, source_url=None, target_url=None):
    original, restored = tmp_path / "original", tmp_path / "restored"
    smartvet(original, "migrate", "--verbosity", "0", database_url=source_url)
    smartvet(original, "shell", "-c", POPULATE, database_url=source_url)
    photo = original / "media" / "inspections" / "2026" / "现场.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8 a photo \xff\xd9")
    backup = tmp_path / "backup"
    smartvet(original, "backup", str(backup), database_url=source_url)
    taken = figures(backup / "manifest.json")
    assert taken["tables"]["core_user"] == 1
    assert taken["tables"]["core_ledgerevent"] >= 5
    assert set(taken["ledger_heads"]) >= {"420506", "419001", "42"}
    assert list(taken["uploads"]) == ["inspections/2026/现场.jpg"]

    smartvet(restored, "migrate", "--verbosity", "0", database_url=target_url)
    done = smartvet(restored, "restore", str(backup), database_url=target_url)
    assert "恢复完成" in done.stdout
    assert "哈希链校验通过" in smartvet(restored, "verify-ledger", database_url=target_url).stdout
    assert (restored / "media" / "inspections" / "2026" / "现场.jpg").read_bytes() == (
        photo.read_bytes()
    )
    again = tmp_path / "again"
    smartvet(restored, "backup", str(again), database_url=target_url)
    assert figures(again / "manifest.json") == taken

    refused = smartvet(restored, "restore", str(backup), database_url=target_url, check=False)
    assert refused.returncode == 1
    assert "当前数据库里已有数据（账号1个" in refused.stderr and "--force" in refused.stderr
    forced = smartvet(restored, "restore", str(backup), "--force", database_url=target_url)
    assert "恢复完成" in forced.stdout
    return backup


@pytest.mark.any_database
def test_sqlite_backup_restores_every_figure_and_refuses_a_non_empty_database(tmp_path):
    backup = _round_trip(tmp_path)
    assert (backup / "database.sqlite3").is_file()


@pytest.mark.any_database
def test_a_backup_into_a_used_directory_or_without_a_manifest_is_refused(tmp_path):
    used = tmp_path / "used"
    used.mkdir()
    (used / "old.txt").write_text("x")
    finished = smartvet(tmp_path / "data", "backup", str(used), check=False)
    assert finished.returncode == 1 and "不是空的" in finished.stderr
    finished = smartvet(tmp_path / "data", "restore", str(used), check=False)
    assert finished.returncode == 1 and "没有备份清单" in finished.stderr


@pytest.mark.pg
@pytest.mark.skipif(pg.binaries() is None, reason="PostgreSQL binaries not installed")
def test_postgres_backup_restores_every_figure_into_another_database(tmp_path):
    server = os.environ.get(pg.URL_VARIABLE) or pg.start_cluster()
    os.environ.setdefault(pg.URL_VARIABLE, server)
    names = [f"backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("source", "target")]
    with psycopg.connect(server, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    base = server.rsplit("/", 1)[0]
    source, target = (f"{base}/{name}" for name in names)
    backup = _round_trip(tmp_path, source, target)
    assert (backup / "database.dump").is_file()
    refused = smartvet(tmp_path / "sqlite", "restore", str(backup), check=False)
    assert refused.returncode == 1 and "来自PostgreSQL数据库" in refused.stderr
