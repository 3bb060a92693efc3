"""Province against hub, per day and table: row count and a digest of the rows (md5 over each
row's text, in id order). Run on the hub; it reaches each province through its subscription's
own connection string. What differs is an alert; rows still on their way are given a few
seconds (`settle`) and compared once more before they count as missing."""

from __future__ import annotations

import time
from dataclasses import dataclass

import psycopg
from django.db import connection
from django.utils.translation import gettext as _

from smartvet.exchange.federation import keys, replication


@dataclass(frozen=True)
class Slice:
    """One table's rows of one province, as each side selects them."""

    table: str
    day_column: str
    at_province: str
    at_hub: str


def slices(province: str) -> list[Slice]:
    first, last = keys.block(province)
    own_ids = f"id BETWEEN {first} AND {last}"
    certificate, claim = replication.national_tables()
    reports = replication.reports_table()
    return [
        Slice(certificate, "issued_at", "TRUE", own_ids),
        Slice(claim, "created_at", "TRUE", own_ids),
        # Reports travel both ways: the province's up to the hub, the others' down to it.
        Slice(reports, "at", f"reported_in = '{province}'", f"reported_in = '{province}'"),
        Slice(
            reports,
            "at",
            f"certificate_province = '{province}'",
            f"certificate_province = '{province}'",
        ),
    ]


def _figures(cursor, piece: Slice, where: str) -> dict:
    cursor.execute(
        f"SELECT ({piece.day_column} AT TIME ZONE 'UTC')::date, count(*), "
        f"md5(string_agg(md5(t::text), '' ORDER BY t.id)) "
        f"FROM {piece.table} t WHERE {where} GROUP BY 1"
    )
    return {day: (count, digest) for day, count, digest in cursor.fetchall()}


@dataclass
class Difference:
    province: str
    table: str
    day: str
    at_province: tuple
    at_hub: tuple

    def describe(self) -> str:
        return _("告警：%(province)s 省 %(table)s %(day)s 不一致：省里 %(p)s 行，中心 %(h)s 行") % {
            "province": self.province,
            "table": self.table.strip('"'),
            "day": self.day,
            "p": self.at_province[0],
            "h": self.at_hub[0],
        }


def _provinces() -> list[tuple[str, str]]:
    """(province, connection string) of each province the hub subscribes to."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT substr(subname, 10), subconninfo FROM pg_subscription "
            "WHERE subname ~ '^smartvet_[0-9]{2}$' ORDER BY subname"
        )
        return cursor.fetchall()


def _compare(province: str, conninfo: str) -> list[Difference]:
    found = []
    with (
        psycopg.connect(conninfo, connect_timeout=5) as remote,
        remote.cursor() as there,
        connection.cursor() as here,
    ):
        there.execute("SET TimeZone = 'UTC'")  # a row's text shows its times in UTC, as ours
        for piece in slices(province):
            theirs = _figures(there, piece, piece.at_province)
            ours = _figures(here, piece, piece.at_hub)
            for day in sorted(set(theirs) | set(ours)):
                if theirs.get(day) != ours.get(day):
                    found.append(
                        Difference(
                            province,
                            piece.table,
                            day.isoformat(),
                            theirs.get(day, (0, "")),
                            ours.get(day, (0, "")),
                        )
                    )
    return found


def check(*, settle: float = 5.0) -> tuple[list[str], list[Difference]]:
    """(provinces compared, differences that stayed after `settle` seconds)."""
    provinces = _provinces()
    differences = {p: _compare(p, dsn) for p, dsn in provinces}
    if any(differences.values()) and settle:
        time.sleep(settle)
        differences = {p: _compare(p, dsn) for p, dsn in provinces if differences[p]}
    return [p for p, _dsn in provinces], [d for found in differences.values() for d in found]
