"""PostgreSQL only: a writer holding its transaction open in one county does not hold up a
writer in another county; a second writer in the same county waits (its chain's head is
locked), and every chain is intact afterwards. A service that appends its events last
(`ledger.appended_last`, the certificate path) holds its county's head only from then on."""

import threading

import pytest
from django.db import connections, transaction

from smartvet.core import ledger
from smartvet.core.models import LedgerEvent

pytestmark = pytest.mark.django_db(transaction=True)
YILING, JIYUAN = "420506107", "419001100"


def _in_thread(target):
    def run():
        try:
            target()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _record(region, done):
    def write():
        with transaction.atomic():
            ledger.record(actor=None, action="x.y", region=region)
        done.set()

    return write


def test_a_county_writes_while_another_county_holds_its_transaction_open():
    holding, release = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():
            ledger.record(actor=None, action="x.y", region=YILING)
            holding.set()
            release.wait(30)

    holder = _in_thread(hold)
    assert holding.wait(10)
    other_county, same_county = threading.Event(), threading.Event()
    _in_thread(_record(JIYUAN, other_county))
    waiter = _in_thread(_record(YILING, same_county))
    try:
        assert other_county.wait(10), "a 济源市 write waited for a 夷陵区 transaction"
        assert not same_county.wait(1), "two 夷陵区 writers did not queue on their chain"
    finally:
        release.set()
    holder.join(10)
    assert same_county.wait(10)
    waiter.join(10)
    assert LedgerEvent.objects.filter(chain="419001", action="x.y").count() == 1
    assert LedgerEvent.objects.filter(chain="420506", action="x.y").count() == 2
    assert ledger.verify() is None


def test_a_service_appending_last_leaves_its_county_free_until_it_ends():
    working, release = threading.Event(), threading.Event()

    def work():
        with transaction.atomic(), ledger.appended_last():
            ledger.record(actor=None, action="x.y", region=YILING)
            working.set()
            release.wait(30)  # the rest of the service's work, its events recorded

    worker = _in_thread(work)
    assert working.wait(10)
    same_county = threading.Event()
    writer = _in_thread(_record(YILING, same_county))
    try:
        assert same_county.wait(10), "a 夷陵区 write waited for a service not yet appending"
    finally:
        release.set()
    worker.join(10)
    writer.join(10)
    assert LedgerEvent.objects.filter(chain="420506", action="x.y").count() == 2
    assert ledger.verify() is None
