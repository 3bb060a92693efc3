"""The test database as the session set it up (the migrations with their data, the personas),
kept aside so that a transactional test ends by putting it back: milliseconds, where Django's
flush and a reload of the 45,000 regions, the migrations' data and the personas took seconds
for every browser test and every concurrency test.

- SQLite (an in-memory database per xdist worker): a copy of the whole database in memory,
  copied back with SQLite's backup API (schema and rows).
- PostgreSQL: a copy of every table that holds rows in the schema `test_snapshot` of the
  same database (flush leaves it alone: it is not a model's table); putting it back truncates
  the models' tables and copies those rows back, with triggers and foreign-key checks off
  for the copy (the rows are the ones they checked when the session wrote them); only as a
  superuser, else the flush and reload stay (tests/conftest.py). Sequences go on counting,
  as after a flush.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connections, transaction

SCHEMA = "test_snapshot"


@dataclass(frozen=True)
class _Tables:
    every: list[str]  # the models' tables, truncated on restore
    with_rows: list[str]  # those copied into SCHEMA


_saved: dict[str, sqlite3.Connection | _Tables] = {}


def take(alias: str = "default") -> None:
    connection = connections[alias]
    connection.ensure_connection()
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        saved = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(saved)
        _saved[alias] = saved
    elif connection.vendor == "postgresql" and _is_superuser(connection):
        _saved[alias] = _take_postgres(connection)


def _is_superuser(connection) -> bool:
    """Only a superuser may switch the triggers off (the throw-away cluster's postgres is)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])


def _take_postgres(connection) -> _Tables:
    every = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with_rows = []
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in every:
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')
            if cursor.fetchone()[0]:
                cursor.execute(f'CREATE TABLE {SCHEMA}."{table}" AS TABLE public."{table}"')
                with_rows.append(table)
    return _Tables(every, with_rows)


def restore(aliases: list[str]) -> bool:
    """Put these databases back as `take` found them; False, touching none, when one of them
    has no snapshot."""
    if not all(alias in _saved for alias in aliases):
        return False
    for alias in aliases:
        connection, saved = connections[alias], _saved[alias]
        connection.ensure_connection()
        if isinstance(saved, sqlite3.Connection):
            saved.backup(connection.connection)
        else:
            _restore_postgres(connection, saved)
    return True


def _restore_postgres(connection, tables: _Tables) -> None:
    truncate = connection.ops.sql_flush(no_style(), tables.every, reset_sequences=False)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        for statement in truncate:
            cursor.execute(statement)
        for table in tables.with_rows:
            cursor.execute(f'INSERT INTO public."{table}" SELECT * FROM {SCHEMA}."{table}"')
