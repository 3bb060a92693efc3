"""The publications and subscriptions of the federation (decision 0009), by name:

on a province P                          on the hub
  publication smartvet_P                   subscription smartvet_P  -> P's two publications
    certificates and their tag claims        (slot smartvet_P on P)
  publication smartvet_P_reports           publication smartvet_to_P
    P's reports about other provinces'       the reports about P's certificates
    certificates (reported_in = P)           (certificate_province = P)
  subscription smartvet_hub_to_P
    -> the hub's smartvet_to_P
    (slot smartvet_hub_to_P on the hub)

Nothing loops (PostgreSQL 15 has no `origin = none`): a report the hub passes to P lands in
P's report table with reported_in ≠ P, and P's publication only carries reported_in = P. Both
report publications are insert-only, as the table is. A worker that cannot apply a change
retries it; `status` raises the alert and the runbook resolves it."""

from __future__ import annotations

import psycopg
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from smartvet.exchange.federation import FederationError, keys, province_code, this_province

# A hub outage of 72 hours must fill no province's disk (docs/decisions/0009: a province's
# WAL at its busiest measured rate, ×72 h, ×2 for margin). A slot past it is invalidated
# (wal_status "lost") and the runbook re-subscribes that province with a fresh copy.
WAL_KEEP = "32GB"


def _table(label: str) -> str:
    return connection.ops.quote_name(apps.get_model(label)._meta.db_table)


def national_tables() -> list[str]:
    """What the nation reads of a province: its certificates and the tags listed on them."""
    return [_table("quarantine.Certificate"), _table("eartags.TagClaim")]


def reports_table() -> str:
    return _table("quarantine.CrossProvinceReport")


def published_tables() -> list[str]:
    return [*national_tables(), reports_table()]


def publication(province: str) -> str:
    return f"smartvet_{province}"


def reports_publication(province: str) -> str:
    return f"smartvet_{province}_reports"


def hub_publication(province: str) -> str:
    return f"smartvet_to_{province}"


def hub_subscription(province: str) -> str:
    """The hub's subscription to a province (and its slot on the province)."""
    return f"smartvet_{province}"


def province_subscription(province: str) -> str:
    """A province's subscription to the hub (and its slot on the hub)."""
    return f"smartvet_hub_to_{province}"


def _fetch(sql: str, params: list | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()


def _execute(*statements: str) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _exists(catalog: str, column: str, name: str) -> bool:
    return bool(_fetch(f"SELECT 1 FROM {catalog} WHERE {column} = %s", [name]))


def _ready_for_replication() -> None:
    if _fetch("SHOW wal_level")[0][0] != "logical":
        raise FederationError(
            _("数据库的 wal_level 不是 logical：在 postgresql.conf 里设 wal_level = logical 后重启")
        )
    # SIGHUP setting: takes effect on reload, no restart.
    _execute(f"ALTER SYSTEM SET max_slot_wal_keep_size = '{WAL_KEEP}'", "SELECT pg_reload_conf()")


def _publish(name: str, tables: list[str], where: str = "", insert_only: bool = False) -> str:
    """Create the publication, or set its tables anew (after a schema change); what it did."""
    listing = ", ".join(f"{table} WHERE ({where})" if where else table for table in tables)
    if _exists("pg_publication", "pubname", name):
        _execute(f"ALTER PUBLICATION {name} SET TABLE {listing}")
        return _("已更新发布 %(name)s") % {"name": name}
    options = " WITH (publish = 'insert')" if insert_only else ""
    _execute(f"CREATE PUBLICATION {name} FOR TABLE {listing}{options}")
    return _("已创建发布 %(name)s") % {"name": name}


def _subscribe(name: str, dsn: str, publications: list[str]) -> str:
    if _exists("pg_subscription", "subname", name):
        _execute(f"ALTER SUBSCRIPTION {name} REFRESH PUBLICATION")
        return _("订阅 %(name)s 已存在，已刷新表清单") % {"name": name}
    with connection.cursor() as cursor:
        # The connection string is a literal in the statement (no parameters in DDL).
        cursor.execute("SELECT quote_literal(%s)", [dsn])
        literal = cursor.fetchone()[0]
        cursor.execute(
            f"CREATE SUBSCRIPTION {name} CONNECTION {literal} PUBLICATION {', '.join(publications)}"
        )
    return _("已创建订阅 %(name)s") % {"name": name}


def _hub_offers(dsn: str, province: str) -> bool:
    """Whether the hub has the publication of this province's reports yet (it makes it when
    it subscribes to the province)."""
    try:
        with psycopg.connect(dsn, connect_timeout=5) as hub:
            found = hub.execute(
                "SELECT 1 FROM pg_publication WHERE pubname = %s", [hub_publication(province)]
            ).fetchone()
    except psycopg.Error as exc:
        raise FederationError(_("无法连接全国数据中心：%(error)s") % {"error": exc}) from exc
    return found is not None


def publish(*, hub_dsn: str = "") -> list[str]:
    """On a province: its keys in its block, its publications, and with `hub_dsn` (a
    replication connection to the hub) its subscription to the reports about its
    certificates. Idempotent: run again after a schema change or once the hub subscribed."""
    province = this_province()
    _ready_for_replication()
    done = [
        _("已将 %(n)d 个序列移入本省编号段")
        % {"n": keys.offset_sequences(province, published_tables())}
    ]
    done.append(_publish(publication(province), national_tables()))
    done.append(
        _publish(
            reports_publication(province),
            [reports_table()],
            where=f"reported_in = '{province}'",
            insert_only=True,
        )
    )
    if hub_dsn:
        if _hub_offers(hub_dsn, province):
            done.append(
                _subscribe(province_subscription(province), hub_dsn, [hub_publication(province)])
            )
        else:
            done.append(
                _("全国数据中心尚未订阅本省：请先在中心执行 federation subscribe，再重新运行本命令")
            )
    return done


# Unique within a province only: the hub holds every province's certificates, and their
# declarations' ids (not published, so not offset) repeat between provinces.
PER_PROVINCE_UNIQUE = [("quarantine.Certificate", "declaration")]


def _hub_drops_per_province_uniqueness() -> None:
    for label, field_name in PER_PROVINCE_UNIQUE:
        model = apps.get_model(label)
        column = model._meta.get_field(field_name).column
        for (name,) in _fetch(
            "SELECT c.conname FROM pg_constraint c JOIN pg_attribute a "
            "ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
            "WHERE c.conrelid = %s::regclass AND c.contype = 'u' AND a.attname = %s "
            "AND array_length(c.conkey, 1) = 1",
            [model._meta.db_table, column],
        ):
            _execute(
                f"ALTER TABLE {_table(label)} DROP CONSTRAINT {connection.ops.quote_name(name)}"
            )


def subscribe(*, province: str, dsn: str) -> list[str]:
    """On the hub: the publication of the reports about `province`'s certificates, then the
    subscription to the province's publications (their rows are copied first). The hub's
    schema is migrated before any province's, so every table the provinces publish exists."""
    province = province_code(province)
    if settings.SMARTVET_PROVINCE:
        message = _("subscribe 应在全国数据中心上运行；本库是一个省的（设置了 SMARTVET_PROVINCE）")
        raise FederationError(message)
    _ready_for_replication()
    _hub_drops_per_province_uniqueness()
    done = [
        _publish(
            hub_publication(province),
            [reports_table()],
            where=f"certificate_province = '{province}'",
            insert_only=True,
        )
    ]
    done.append(
        _subscribe(
            hub_subscription(province),
            dsn,
            [publication(province), reports_publication(province)],
        )
    )
    return done
