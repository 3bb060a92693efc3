"""`smartvet import_villages COUNTY FILE [--as USERNAME]`: a county's villages from its list."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from smartvet.core import services
from smartvet.core.errors import DomainError
from smartvet.core.models import Role, User


class Command(BaseCommand):
    help = "按县导入村级区划（xlsx 或 csv，表头：村级区划代码 | 村名称）"

    def add_arguments(self, parser):
        parser.add_argument("county", help="6位县级区划代码")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--as",
            dest="username",
            default="admin",
            help="以哪个系统管理员账号记入台账（缺省 admin）",
        )

    def handle(self, *args, county, file, username, **options):
        actor = User.objects.filter(username=username, role=Role.ADMIN).first()
        if actor is None:
            raise CommandError(f"系统管理员账号 {username} 不存在")
        if not file.is_file():
            raise CommandError(f"文件不存在：{file}")
        try:
            count = services.import_villages(
                actor=actor, county_code=county, data=file.read_bytes(), filename=file.name
            )
        except DomainError as exc:
            lines = [f"{exc.code}: {exc.message}"]
            lines += [f"  第{d.get('row')}行：{d.get('message')}" for d in exc.details]
            raise CommandError("\n".join(lines)) from None
        self.stdout.write(self.style.SUCCESS(f"已导入 {count} 个村"))
