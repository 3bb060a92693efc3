"""`smartvet restore DIR [--force]`: put a backup back and check it (core.backups)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartvet.core import backups


class Command(BaseCommand):
    help = "从备份目录恢复数据库和上传的文件，并按备份清单核对"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="smartvet backup 写出的备份目录")
        parser.add_argument("--force", action="store_true", help="覆盖已有数据的数据库")

    def handle(self, *args, directory, force, **options):
        try:
            manifest = backups.restore(Path(directory), force=force)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"恢复完成：{len(manifest['tables'])}张表的行数、"
            f"{len(manifest['ledger_heads'])}条台账链的链头和{len(manifest['uploads'])}个"
            "上传文件都与备份清单相符，台账校验通过。"
        )
