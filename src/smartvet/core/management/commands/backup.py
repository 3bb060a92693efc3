"""`smartvet backup DIR`: the database, the uploads and a manifest (core.backups)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartvet.core import backups


class Command(BaseCommand):
    help = "备份数据库和上传的文件到一个新目录（服务运行时也可备份）"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="备份目录（新目录或空目录）")

    def handle(self, *args, directory, **options):
        try:
            manifest = backups.take(Path(directory))
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"备份完成：{directory}，{len(manifest['tables'])}张表共{rows}行，"
            f"{len(manifest['ledger_heads'])}条台账链，{len(manifest['uploads'])}个上传文件。"
        )
