"""`smartvet backup DIR` and `smartvet restore DIR` (issue 16 point 5; DOMAIN.md §13: backups
restore exactly).

A backup directory holds the database (SQLite: a copy through the online backup API, taken
while the server runs; PostgreSQL: `pg_dump -Fc` from the server's own binaries), the uploads
(MEDIA_ROOT) and `manifest.json`: the row count of every table and every ledger chain's head,
taken from the same snapshot as the copy, and a digest of every upload. A restore puts the
three back and then checks the database and the uploads against the manifest and the ledger's
chains, so "restored" means every figure equals the original."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from smartvet.core import ledger

MANIFEST = "manifest.json"
SQLITE_COPY = "database.sqlite3"
POSTGRES_DUMP = "database.dump"
UPLOADS = "media"
FORMAT = 1
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A refusal or a mismatch, in words for the operator."""


def take(directory: Path) -> dict[str, Any]:
    """Write a backup of the database and the uploads into `directory` (new or empty)."""
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"备份目录{directory}不是空的：请换一个新目录，以免覆盖以前的备份。")
    directory.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        figures = _copy_sqlite(directory / SQLITE_COPY)
    else:
        figures = _dump_postgres(directory / POSTGRES_DUMP)
    uploads = Path(settings.MEDIA_ROOT)
    if uploads.is_dir():
        shutil.copytree(uploads, directory / UPLOADS)
    manifest = {
        "format": FORMAT,
        "database": connection.vendor,
        "taken_at": timezone.now().isoformat(),
        **figures,
        "uploads": _digests(directory / UPLOADS),
    }
    # written last: a directory without a manifest is an unfinished backup
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    return manifest


def restore(directory: Path, *, force: bool) -> dict[str, Any]:
    """Put the backup in `directory` back, over an empty database (or any with `force`), and
    check the result against its manifest and the ledger."""
    manifest = _manifest(directory)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"这份备份来自{VENDOR_NAMES[manifest['database']]}数据库，当前使用的是"
            f"{VENDOR_NAMES[connection.vendor]}：不能恢复。"
        )
    held = _held_rows()
    if held and not force:
        raise BackupError(
            f"当前数据库里已有数据（{held}）：恢复会把它们全部覆盖。"
            "确认要覆盖，请先停止服务，再加 --force 重新运行。"
        )
    connection.close()
    if connection.vendor == "sqlite":
        _restore_sqlite(directory / SQLITE_COPY)
    else:
        _restore_postgres(directory / POSTGRES_DUMP)
    uploads = Path(settings.MEDIA_ROOT)
    shutil.rmtree(uploads, ignore_errors=True)
    if (directory / UPLOADS).is_dir():
        shutil.copytree(directory / UPLOADS, uploads)
    _check(manifest)
    return manifest


def _manifest(directory: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{directory}里没有备份清单{MANIFEST}：不是一份完整的备份。") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份清单的格式（{manifest.get('format')}）不是本程序能读的格式。")
    return manifest


def _check(manifest: dict[str, Any]) -> None:
    """After a restore: every table's count and every chain's head as in the manifest, every
    upload byte for byte, and the ledger's chains intact."""
    with connection.cursor() as cursor:
        now = _figures(cursor, manifest["tables"])
    problems = [
        f"表{table}应有{count}行，现有{now['tables'][table]}行"
        for table, count in manifest["tables"].items()
        if now["tables"][table] != count
    ]
    if now["ledger_heads"] != manifest["ledger_heads"]:
        problems.append("台账各链的链头与备份时不同")
    if _digests(Path(settings.MEDIA_ROOT)) != manifest["uploads"]:
        problems.append("上传的文件与备份时不同")
    if problems:
        raise BackupError("恢复后的数据与备份清单不符：" + "；".join(problems) + "。")
    broken = ledger.verify()
    if broken is not None:
        where = f"区划{broken.chain}的链第{broken.position}个事件"
        raise BackupError(f"恢复后台账校验未通过：{where}。")


def _held_rows() -> str:
    """What the current database holds beyond its reference data (accounts, ledger events),
    in words; empty when there is nothing a restore would destroy."""
    existing = set(connection.introspection.table_names())
    held = []
    for table, word in (("core_user", "账号"), ("core_ledgerevent", "台账事件")):
        if table in existing:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                if count := cursor.fetchone()[0]:
                    held.append(f"{word}{count}个")
    return "、".join(held)


def _figures(cursor, tables) -> dict[str, Any]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    cursor.execute("SELECT chain, seq, digest FROM core_ledgerhead ORDER BY chain")
    heads = {chain: [seq, digest] for chain, seq, digest in cursor.fetchall()}
    return {"tables": counts, "ledger_heads": heads}


def _tables() -> list[str]:
    """Every table, Django's own and the task queue's included."""
    return connection.introspection.table_names()


def _copy_sqlite(target: Path) -> dict[str, Any]:
    """The online backup API copies a consistent snapshot while writers go on; the figures are
    read from the copy itself."""
    tables = _tables()
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return _figures(copy.cursor(), tables)
    finally:
        copy.close()


def _restore_sqlite(source: Path) -> None:
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    current = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    try:
        backup.backup(current)
    finally:
        backup.close()
        current.close()


def _dump_postgres(target: Path) -> dict[str, Any]:
    """pg_dump reads the snapshot that the figures are counted in (pg_export_snapshot), so
    the manifest describes exactly the rows in the dump."""
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        figures = _figures(cursor, tables)
        _run_postgres("pg_dump", "-Fc", f"--snapshot={snapshot}", "-f", str(target))
    return figures


def _restore_postgres(source: Path) -> None:
    _run_postgres(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "-d",
        settings.DATABASES["default"]["NAME"],
        str(source),
    )


def _run_postgres(program: str, *arguments: str) -> None:
    database = settings.DATABASES["default"]
    environment = {
        **os.environ,
        "PGHOST": str(database.get("HOST") or ""),
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": str(database.get("USER") or ""),
        "PGPASSWORD": str(database.get("PASSWORD") or ""),
        "PGDATABASE": str(database["NAME"]),
    }
    finished = subprocess.run(
        [str(_postgres_binary(program)), *arguments],
        env={name: value for name, value in environment.items() if value},
        capture_output=True,
        text=True,
    )
    if finished.returncode != 0:
        raise BackupError(f"{program}失败：{finished.stderr.strip()[-2000:]}")


def _postgres_binary(program: str) -> Path:
    """The newest server's own binary: pg_dump must be at least the server's version."""
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{program}"),
        key=lambda path: int(Path(path).parent.parent.name),
    )
    if not found:
        raise BackupError(f"找不到{program}（/usr/lib/postgresql/*/bin）：请安装PostgreSQL客户端。")
    return Path(found[-1])


def _digests(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): _sha256(path) for path in _files(root)}


def _files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(path for path in root.rglob("*") if path.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
