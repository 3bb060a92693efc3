"""Each federation subscription of this database (the hub's to the provinces, a province's to
the hub): its state here, and at its publisher the slot's lag and WAL status. A subscription
that is disabled, has no running worker, whose publisher does not answer, whose slot lost its
WAL, that lags too far, or whose worker failed to apply a change since the previous run while
its publisher answers (a stuck transaction: the worker retries it every few seconds for ever),
is an alert.

Subscriptions are not made with `disable_on_error`: on PostgreSQL 15 it also disables a
subscription whose publisher merely went away, which would turn every outage into a manual
repair. The error counts of the previous run are kept in DATA_DIR (federation-errors.json)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import timedelta

import psycopg
from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

# Beyond these a subscription is late enough for someone to look (the checkpoints read the
# hub: a certificate issued a minute ago must be there).
LAG_BYTES_ALERT = 256 * 1024**2
LAG_TIME_ALERT = timedelta(minutes=1)


@dataclass
class Subscription:
    name: str
    enabled: bool
    running: bool
    received_at: str = ""
    lag_bytes: int | None = None
    lag_seconds: float | None = None
    wal_status: str = ""
    errors: int = 0
    alerts: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _local() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.subname, s.subenabled, s.subconninfo, s.subslotname, "
            "bool_or(w.pid IS NOT NULL AND w.relid IS NULL), "
            "max(w.last_msg_receipt_time), "
            "max(e.apply_error_count + e.sync_error_count) "
            "FROM pg_subscription s LEFT JOIN pg_stat_subscription w ON w.subid = s.oid "
            "LEFT JOIN pg_stat_subscription_stats e ON e.subid = s.oid "
            "WHERE s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND s.subname LIKE 'smartvet\\_%%' "
            "GROUP BY s.subname, s.subenabled, s.subconninfo, s.subslotname ORDER BY s.subname"
        )
        return cursor.fetchall()


def _at_publisher(conninfo: str, slot: str, name: str) -> tuple | None:
    """(lag in bytes, replay lag in seconds or None, wal_status) at the publisher, or None
    when it does not answer."""
    try:
        with psycopg.connect(conninfo, connect_timeout=3) as publisher:
            row = publisher.execute(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint, "
                "(SELECT extract(epoch FROM replay_lag)::float FROM pg_stat_replication "
                " WHERE application_name = %s LIMIT 1), wal_status "
                "FROM pg_replication_slots WHERE slot_name = %s",
                [name, slot],
            ).fetchone()
    except psycopg.Error:
        return None
    return row or (None, None, "missing")


def _errors_file():
    return settings.DATA_DIR / "federation-errors.json"


def _previous_errors() -> dict[str, int]:
    try:
        return json.loads(_errors_file().read_text())
    except (OSError, ValueError):
        return {}


def subscriptions() -> list[Subscription]:
    found, before = [], _previous_errors()
    for name, enabled, conninfo, slot, running, received, errors in _local():
        item = Subscription(
            name=name,
            enabled=enabled,
            running=bool(running),
            received_at=received.isoformat() if received else "",
            errors=errors or 0,
        )
        if not enabled:
            item.alerts.append(_("订阅已停用"))
        elif not running:
            item.alerts.append(_("订阅进程未运行"))
        remote = _at_publisher(conninfo, slot or name, name)
        if remote is None:
            item.alerts.append(_("发布端无法连接"))
        else:
            item.lag_bytes, item.lag_seconds, item.wal_status = remote
            item.alerts.extend(_slot_alerts(item))
            if item.errors > before.get(name, item.errors):
                item.alerts.append(
                    _("上次检查以来应用出错 %(n)d 次：见数据库日志与运维手册“订阅卡住”")
                    % {"n": item.errors - before[name]}
                )
        found.append(item)
    _errors_file().parent.mkdir(parents=True, exist_ok=True)
    _errors_file().write_text(json.dumps({item.name: item.errors for item in found}))
    return found


def _slot_alerts(item: Subscription) -> list[str]:
    if item.wal_status == "missing":
        return [_("发布端没有这个复制槽")]
    if item.wal_status == "lost":
        return [_("复制槽的日志已被回收，需要重新订阅（见运维手册）")]
    late = (item.lag_bytes or 0) > LAG_BYTES_ALERT or (
        item.lag_seconds or 0
    ) > LAG_TIME_ALERT.total_seconds()
    return [_("复制延迟过大")] if late else []


def describe(item: Subscription) -> str:
    state = _("运行中") if item.enabled and item.running else _("停止")
    lag = "-" if item.lag_bytes is None else _("%(kb).1f KB") % {"kb": item.lag_bytes / 1024}
    seconds = "-" if item.lag_seconds is None else _("%(s).2f 秒") % {"s": item.lag_seconds}
    line = _(
        "%(name)s：%(state)s，待复制 %(lag)s，回放延迟 %(seconds)s，日志状态 %(wal)s，"
        "最近收到 %(at)s"
    ) % {
        "name": item.name,
        "state": state,
        "lag": lag,
        "seconds": seconds,
        "wal": item.wal_status or "-",
        "at": item.received_at or "-",
    }
    return line + "".join(f"\n  {_('告警')}：{alert}" for alert in item.alerts)
