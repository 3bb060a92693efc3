"""Federation on three throw-away PostgreSQL clusters on loopback (CONTRACT.md "Exchange and
federation", decision 0009): province 42 (湖北, the demo's 夷陵区), province 41 (河南, 济源) and
the national hub, each driven through the real `smartvet` commands in its own process, as a
province's server runs them.

The three start from one cluster copied twice, holding a copy of the suite's own test database
as the session set it up (migrated, with the personas: a dump and restore instead of a migrate
in a Django process of its own); each province then moves its keys into its block (`federation
publish`). Province 41 holds the
same demo accounts (a copy): when it issues certificates of its own they come from the demo
county too, with their own random numbers, ids and tags, which is all federation looks at."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from psycopg.conninfo import make_conninfo

from tests.support import pg, snapshot
from tests.support.personas import PASSWORD

pytestmark = [
    pytest.mark.pg,
    pytest.mark.skipif(
        not (pg.wanted() and pg.binaries()), reason="federation runs in the PostgreSQL pass"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
HUBEI, HENAN = "42", "41"
DESTINATION = "419001100"  # 济源市克井镇

ISSUE = """
import json, sys, time
from tests.quarantine import factories
from tests.support.personas import stored_personas
people = stored_personas()
first, count = {first}, {count}
factories.stock_tags(people, first=first, last=first + 10 * count - 1)
farm = factories.ready_farm(people)
numbers = []
for n in range(count):
    declaration = factories.declare(
        people.farmer_longquan, farm, factories.tags(first + 10 * n, 3),
        destination_region="{destination}", destination_place="济源市定点屠宰场",
        destination_kind="other",
    )
    numbers.append(factories.certify(people, declaration).number)
print(json.dumps({{"numbers": numbers, "at": time.time()}}), flush=True)
"""

# Waits for a number on stdin, then asks this province's verification read for it until the
# hub has it: prints when it was verified and what the page shows.
VERIFY_WHEN_READY = """
import json, sys, time
from smartvet.quarantine import queries
from smartvet.quarantine.schemas import PublicCertificateOut
number = sys.stdin.readline().strip()
while True:
    try:
        cert = queries.certificate_by_number(number)
    except Exception:
        time.sleep(0.02)
        continue
    break
shown = PublicCertificateOut.from_orm(cert).dict()
print(json.dumps({"at": time.time(), "from_hub": getattr(cert, "from_hub", False),
                  "valid": shown["valid"], "ear_tags_count": shown["ear_tags_count"],
                  "number": shown["number"]}))
"""

VERIFY_NOW = """
from smartvet.core.errors import DomainError
from smartvet.quarantine import queries
try:
    print(queries.certificate_by_number("{number}").number)
except DomainError as exc:
    print(exc.code)
"""

SLAUGHTERHOUSE = """
from smartvet.core.services import create_account
create_account(actor=None, username="slaughterhouse_jiyuan", password="Jiyuan-2026-pass",
               role="slaughterhouse", region="419001", display_name="济源市定点屠宰场",
               organization="济源市定点屠宰场")
"""

REPORT = """
from smartvet.core.commands import parse
from smartvet.core.models import User
from smartvet.quarantine import foreign
actor = User.objects.get(username="slaughterhouse_jiyuan")
made = foreign.report(actor=actor, number="{number}", command=parse(
    foreign.CrossReportIn, {{"kind": "arrival", "quantity": 3, "notes": "车辆已消毒"}}))
print(made.pk)
"""

CERTIFICATE_PAGE = """
from django.test import Client
from tests.support.personas import PASSWORD
client = Client()
assert client.login(username="vet_longquan", password=PASSWORD)
page = client.get("/quarantine/certificates/{number}/")
print(page.status_code)
print(page.content.decode())
"""


class Site:
    """One database of the federation: its cluster and how its server's commands run."""

    def __init__(self, cluster: pg.Cluster, province: str, hub: Site | None, data_dir: Path):
        self.cluster, self.province, self.hub, self.data_dir = cluster, province, hub, data_dir

    @property
    def url(self) -> str:
        return self.cluster.url("smartvet")

    def env(self) -> dict:
        env = {**os.environ, "SMARTVET_DATA_DIR": str(self.data_dir), "DATABASE_URL": self.url}
        for name in ("SMARTVET_TEST_DB", "SMARTVET_PG_URL", "SMARTVET_PROVINCE"):
            env.pop(name, None)
        env.update(
            DJANGO_SETTINGS_MODULE="smartvet.settings",
            SMARTVET_TESTING="1",
            SMARTVET_ALLOWED_HOSTS="testserver",
            PYTHONPATH=str(ROOT),
        )
        if self.province:
            env["SMARTVET_PROVINCE"] = self.province
        if self.hub:
            env["SMARTVET_HUB_DATABASE_URL"] = self.hub.url
        return env

    def smartvet(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "smartvet", *arguments],
            env=self.env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check:
            assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
        return done

    def shell(self, code: str) -> str:
        return self.smartvet("shell", "-c", code).stdout

    def start_shell(self, code: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "smartvet", "shell", "-c", code],
            env=self.env(),
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def sql(self, query: str, params: list | None = None) -> list[tuple]:
        with psycopg.connect(self.url, autocommit=True) as conn:
            cursor = conn.execute(query, params or [])
            return cursor.fetchall() if cursor.description else []

    def issue(self, first: int, count: int = 1) -> list[str]:
        code = ISSUE.format(first=first, count=count, destination=DESTINATION)
        return json.loads(self.shell(code).strip().splitlines()[-1])["numbers"]


def _copy_test_database(cluster: pg.Cluster, target: str) -> None:
    """The suite's test database (migrated, the personas written) into `target` of `cluster`,
    without the snapshot's copies of its rows."""
    source = connection.settings_dict
    dump = subprocess.run(
        [
            str(cluster.bindir / "pg_dump"),
            "--format=custom",
            "--no-owner",
            f"--exclude-schema={snapshot.SCHEMA}",
            "--dbname",
            make_conninfo(
                dbname=source["NAME"],
                user=source["USER"],
                host=source["HOST"],
                port=source["PORT"],
                password=source["PASSWORD"],
            ),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [str(cluster.bindir / "pg_restore"), "--no-owner", "--exit-on-error", "-d", target],
        input=dump.stdout,
        check=True,
        capture_output=True,
    )
    # The suite hashes passwords with MD5 (fast); a province's server knows only its own hashers.
    hasher = PBKDF2PasswordHasher()
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute("UPDATE core_user SET password = %s", [hasher.encode(PASSWORD, hasher.salt())])


@pytest.fixture(scope="module")
def federation(tmp_path_factory, django_db_setup):
    base = pg.Cluster.create().start()
    clusters = [base]
    try:
        with psycopg.connect(base.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE smartvet")
        _copy_test_database(base, base.url("smartvet"))
        base.stop()
        hub_cluster, hubei_cluster, henan_cluster = base, base.copy(), base.copy()
        clusters += [hubei_cluster, henan_cluster]
        for cluster in clusters:
            cluster.start()
        hub = Site(hub_cluster, "", None, tmp_path_factory.mktemp("hub"))
        hubei = Site(hubei_cluster, HUBEI, hub, tmp_path_factory.mktemp("hubei"))
        henan = Site(henan_cluster, HENAN, hub, tmp_path_factory.mktemp("henan"))
        for province in (hubei, henan):
            province.smartvet("federation", "publish")
        for province in (hubei, henan):
            hub.smartvet(
                "federation", "subscribe", "--province", province.province, "--dsn", province.url
            )
        for province in (hubei, henan):
            province.smartvet("federation", "publish", "--hub-dsn", hub.url)
        henan.shell(SLAUGHTERHOUSE)
        yield hubei, henan, hub
    finally:
        for cluster in clusters:
            cluster.remove()


def wait_for(condition, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)
    return found


def hub_has(hub: Site, number: str) -> bool:
    return bool(hub.sql("SELECT 1 FROM quarantine_certificate WHERE number = %s", [number]))


def test_keys_lie_in_each_province_block_and_status_shows_running_subscriptions(federation):
    hubei, _henan, hub = federation
    hubei.issue(first=900_001)
    ids = hubei.sql("SELECT min(id) FROM quarantine_certificate")[0][0]
    assert 42 * 10**16 <= ids < 43 * 10**16
    wait_for(lambda: "运行中" in hub.smartvet("federation", "status", check=False).stdout)
    shown = json.loads(hub.smartvet("federation", "status", "--json").stdout)
    assert {item["name"] for item in shown} == {"smartvet_41", "smartvet_42"}
    assert all(item["enabled"] and item["wal_status"] == "reserved" for item in shown)
    assert all(not item["alerts"] for item in shown)


def test_a_certificate_issued_in_one_province_is_verified_in_the_other_within_2_seconds(
    federation,
):
    hubei, henan, _hub = federation
    verifier = henan.start_shell(VERIFY_WHEN_READY)
    issuer = hubei.start_shell(ISSUE.format(first=100_001, count=1, destination=DESTINATION))
    try:
        # The number goes to the verifier the moment the issuing process has committed it.
        line = next(line for line in issuer.stdout if line.startswith("{"))
        issued = json.loads(line)
        out, err = verifier.communicate(issued["numbers"][0] + "\n", timeout=60)
        issuer.communicate(timeout=60)
    finally:
        verifier.kill()
        issuer.kill()
    assert verifier.returncode == 0, err[-3000:]
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["number"] == issued["numbers"][0]
    assert seen["from_hub"] and seen["valid"] and seen["ear_tags_count"] == 3
    lag = seen["at"] - issued["at"]
    assert lag < 2.0, f"verified in the other province {lag:.2f} s after it was issued"


def test_an_arrival_reported_in_the_second_province_shows_on_the_first_certificate(federation):
    hubei, henan, hub = federation
    [number] = hubei.issue(first=200_001)
    wait_for(lambda: hub_has(hub, number))
    henan.shell(REPORT.format(number=number))
    wait_for(
        lambda: hubei.sql(
            "SELECT 1 FROM quarantine_crossprovincereport WHERE certificate_number = %s", [number]
        )
    )
    page = hubei.shell(CERTIFICATE_PAGE.format(number=number))
    assert "\n200\n" in page
    assert "济源市定点屠宰场" in page and "车辆已消毒" in page
    # One row everywhere: it did not come back to 41 nor go round again.
    for site in (hubei, henan, hub):
        rows = site.sql(
            "SELECT count(*) FROM quarantine_crossprovincereport WHERE certificate_number = %s",
            [number],
        )
        assert rows == [(1,)]


def test_with_the_hub_stopped_both_provinces_work_and_nothing_is_lost_or_doubled(federation):
    hubei, henan, hub = federation
    hub.cluster.stop()
    try:
        written = hubei.issue(first=300_001, count=3) + henan.issue(first=400_001, count=2)
        # A number the province does not know: the page says the hub cannot be reached.
        assert "HUB_UNAVAILABLE" in henan.shell(VERIFY_NOW.format(number=written[0]))
    finally:
        hub.cluster.start()
    wait_for(lambda: all(hub_has(hub, number) for number in written), timeout=60)
    numbers = hub.sql(
        "SELECT number, count(*) FROM quarantine_certificate WHERE number = ANY(%s) GROUP BY 1",
        [written],
    )
    assert sorted(numbers) == sorted((number, 1) for number in written)
    checked = hub.smartvet("federation", "check")
    assert "一致" in checked.stdout


def test_a_province_stopped_does_not_stop_the_other(federation):
    hubei, henan, hub = federation
    henan.cluster.stop()
    try:
        [number] = hubei.issue(first=500_001)
        wait_for(lambda: hub_has(hub, number))
        shown = hub.smartvet("federation", "status", check=False)
        assert shown.returncode == 1 and "smartvet_41" in shown.stdout
        assert "发布端无法连接" in shown.stdout
    finally:
        henan.cluster.start()
    wait_for(lambda: hub.smartvet("federation", "status", check=False).returncode == 0)
    assert "一致" in hub.smartvet("federation", "check").stdout


def test_a_disabled_subscription_is_an_alert(federation):
    _hubei, _henan, hub = federation
    hub.sql("ALTER SUBSCRIPTION smartvet_42 DISABLE")
    try:
        shown = hub.smartvet("federation", "status", check=False)
        assert shown.returncode == 1
        assert "smartvet_42：停止" in shown.stdout and "订阅已停用" in shown.stdout
    finally:
        hub.sql("ALTER SUBSCRIPTION smartvet_42 ENABLE")


def test_a_mismatch_between_province_and_hub_is_an_alert(federation):
    hubei, _henan, hub = federation
    [number] = hubei.issue(first=600_001)
    wait_for(lambda: hub_has(hub, number))
    with psycopg.connect(hub.url, autocommit=True) as conn:
        conn.execute("DELETE FROM quarantine_certificate WHERE number = %s", [number])
    found = hub.smartvet("federation", "check", "--settle", "0", check=False)
    assert found.returncode == 1
    assert "告警：42 省 quarantine_certificate" in found.stdout
