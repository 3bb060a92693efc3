"""Field entry with no network, on a 360 px phone: the page opens from the phone, the entry is
kept in the browser, sent when the network returns; a conflict met meanwhile (the lot used
up, the tag taken) is shown in Chinese and kept for correction; a resend writes once."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from smartvet.eartags import services as eartag_services
from smartvet.eartags.models import Tag
from smartvet.immunization import services as immunization_services
from smartvet.immunization.commands import RecordImmunization
from smartvet.immunization.models import Immunization, VaccineLot
from smartvet.quarantine import services as quarantine_services
from smartvet.quarantine.models import Declaration
from smartvet.registry import services as registry_services
from smartvet.registry.models import Farm
from tests.immunization.factories import make_lot
from tests.quarantine import factories
from tests.support.factories import make_farm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KEPT = "async (path) => !!(await caches.match(path, {ignoreVary: true}))"
WAITING = "async () => (await new Promise((done) => { const open = indexedDB.open('smartvet-offline', 1); open.onsuccess = () => { const get = open.result.transaction('entries').objectStore('entries').getAll(); get.onsuccess = () => done(get.result); }; }))"  # noqa: E501
PUT_BACK = "async (entry) => new Promise((done) => { const open = indexedDB.open('smartvet-offline', 1); open.onsuccess = () => { const tx = open.result.transaction('entries', 'readwrite'); tx.objectStore('entries').put(entry); tx.oncomplete = () => done(true); }; })"  # noqa: E501


def _until(page, script: str, arg=None) -> None:
    """Poll with page.evaluate: wait_for_function's predicate is refused by the pages' CSP
    (no eval)."""
    for _ in range(150):
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script} {arg}")


def _kept_for_offline(page, path: str) -> None:
    """Open `path` once the worker controls the page, so the worker keeps it."""
    page.goto(path)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.reload()
    _until(page, "() => navigator.serviceWorker.controller !== null")
    _until(page, KEPT, path)
    _until(page, KEPT, "/offline/")


def _entries(page) -> list[dict]:
    return page.evaluate(WAITING)


@pytest.fixture
def served_farm(personas):
    farm = make_farm(personas.station_longquan, name="离线走访养殖场", stock={"sow": 30})
    registry_services.assign_server(
        actor=personas.station_longquan, farm_id=farm.pk, username="vaccinator_longquan"
    )
    return farm


def _fill_immunization(page, lot, animals: int) -> None:
    page.select_option("select[name=lot]", str(lot.pk))
    page.fill("input[name=animals]", str(animals))
    page.fill("input[name=doses]", str(animals))
    page.click("[data-testid=immunization-form] button.primary")


def test_an_immunization_entered_offline_is_sent_when_the_network_returns(
    page, login, personas, served_farm
):
    lot = make_lot(personas.station_longquan, doses=100)
    login(page, "vaccinator_longquan")
    entry_page = f"/immunization/farms/{served_farm.pk}/entry/"
    _kept_for_offline(page, entry_page)

    page.context.set_offline(True)
    page.goto(entry_page)  # from the phone: no network
    assert "离线走访养殖场" in page.locator("h1").inner_text()
    _fill_immunization(page, lot, 20)
    page.wait_for_selector("[data-offline-banner] >> text=已保存在本机")
    assert "本机有 1 条记录待发送" in page.inner_text("[data-offline-banner]")
    assert not Immunization.objects.exists()

    page.goto("/offline/")
    item = page.locator("[data-offline-entry]")
    assert "免疫录入" in item.inner_text() and "待发送" in item.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 362
    page.screenshot(path="/tmp/shots/core/offline_waiting_360.png", full_page=True)

    page.context.set_offline(False)
    page.wait_for_selector("text=已发送 1 条本机保存的记录")
    assert page.locator("[data-offline-entry]").count() == 0
    record = Immunization.objects.get()
    assert record.animals == 20 and record.farm_id == served_farm.pk
    assert VaccineLot.objects.get(pk=lot.pk).doses_left == 80


def test_an_entry_kept_offline_is_sent_by_the_worker_with_the_app_closed(
    page, login, personas, served_farm
):
    """Background Sync: the entry is sent by the service worker once the network returns,
    with no page of the site open (the sync event fired through the DevTools protocol, as
    the browser fires it when it sees the network)."""
    lot = make_lot(personas.station_longquan, doses=100)
    login(page, "vaccinator_longquan")
    entry_page = f"/immunization/farms/{served_farm.pk}/entry/"
    _kept_for_offline(page, entry_page)
    page.context.set_offline(True)
    page.goto(entry_page)
    _fill_immunization(page, lot, 20)
    page.wait_for_selector("[data-offline-banner] >> text=已保存在本机")
    tags = "async () => (await (await navigator.serviceWorker.ready).sync.getTags())"
    assert page.evaluate(tags) == ["smartvet-offline"]
    origin = re.match(r"https?://[^/]+", page.url).group(0)

    context = page.context
    elsewhere = context.new_page()  # about:blank: no page of the site
    devtools = context.new_cdp_session(elsewhere)
    registrations = []
    devtools.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    devtools.send("ServiceWorker.enable")
    page.close()
    context.set_offline(False)
    for _ in range(50):
        if registrations:
            break
        elsewhere.wait_for_timeout(100)
    registration = next(r for r in registrations if r["scopeURL"].startswith(origin))
    devtools.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": origin,
            "registrationId": registration["registrationId"],
            "tag": "smartvet-offline",
            "lastChance": False,
        },
    )
    for _ in range(100):
        if Immunization.objects.exists():
            break
        elsewhere.wait_for_timeout(100)
    record = Immunization.objects.get()
    assert record.animals == 20 and record.farm_id == served_farm.pk
    assert VaccineLot.objects.get(pk=lot.pk).doses_left == 80

    reopened = context.new_page()
    reopened.goto(f"{origin}/offline/")
    _until(
        reopened,
        "async () => (await new Promise((done) => {"
        " const open = indexedDB.open('smartvet-offline', 1);"
        " open.onsuccess = () => {"
        " const get = open.result.transaction('entries').objectStore('entries').count();"
        " get.onsuccess = () => done(get.result === 0); }; }))",
    )
    assert reopened.locator("[data-offline-entry]").count() == 0


def test_a_page_never_opened_says_so_offline(page, login):
    login(page, "vaccinator_longquan")
    _kept_for_offline(page, "/eartags/fit/")
    page.context.set_offline(True)
    page.goto("/immunization/records/")
    assert "这个页面没有在本机保存过" in page.inner_text("main")


def test_the_lot_used_up_meanwhile_is_shown_and_kept_for_correction(
    page, login, personas, served_farm
):
    lot = make_lot(personas.station_longquan, doses=30)
    login(page, "vaccinator_longquan")
    entry_page = f"/immunization/farms/{served_farm.pk}/entry/"
    _kept_for_offline(page, entry_page)
    page.context.set_offline(True)
    _fill_immunization(page, lot, 25)
    page.wait_for_selector("[data-offline-banner] >> text=已保存在本机")

    # meanwhile the station uses the lot on another farm
    other = make_farm(personas.station_longquan, stock={"sow": 30})
    immunization_services.record_immunization(
        actor=personas.station_longquan,
        command=RecordImmunization(
            farm=other.pk,
            date=timezone.localdate(),
            category="sow",
            disease="FMD",
            lot=lot.pk,
            animals=20,
            doses=20,
        ),
    )

    page.goto("/offline/")
    page.context.set_offline(False)
    page.click("[data-offline-send]")
    rejected = page.locator("[data-offline-entry][data-state=rejected]")
    rejected.wait_for()
    assert "被退回" in rejected.inner_text()
    assert "疫苗" in rejected.locator(".error").first.inner_text()  # the server's Chinese reason
    assert Immunization.objects.filter(farm=served_farm).count() == 0
    page.screenshot(path="/tmp/shots/core/offline_rejected_360.png", full_page=True)

    rejected.locator("a", has_text="修改").click()
    page.wait_for_url(re.compile(r"/entry/"))
    # the kept entry, for correction (the page's script fills the form after it loads)
    expect(page.locator("input[name=animals]")).to_have_value("25")
    page.fill("input[name=animals]", "10")
    page.fill("input[name=doses]", "10")
    page.click("[data-testid=immunization-form] button.primary")
    page.wait_for_selector(".messages >> text=下次免疫")
    assert Immunization.objects.get(farm=served_farm).animals == 10
    assert _entries(page) == []


def test_a_resend_after_a_lost_reply_writes_once(page, login, personas, served_farm):
    lot = make_lot(personas.station_longquan, doses=100)
    login(page, "vaccinator_longquan")
    entry_page = f"/immunization/farms/{served_farm.pk}/entry/"
    _kept_for_offline(page, entry_page)
    page.context.set_offline(True)
    _fill_immunization(page, lot, 20)
    page.wait_for_selector("[data-offline-banner] >> text=已保存在本机")
    [kept] = _entries(page)

    page.goto("/offline/")
    page.context.set_offline(False)
    page.wait_for_selector("text=已发送 1 条本机保存的记录")
    # the reply was lost: the phone still holds the entry and sends it again
    page.evaluate(PUT_BACK, kept)
    page.reload()
    page.wait_for_selector("text=已发送 1 条本机保存的记录")
    assert _entries(page) == []
    assert Immunization.objects.count() == 1
    assert VaccineLot.objects.get(pk=lot.pk).doses_left == 80


def test_a_rejected_entry_is_discarded_only_when_the_user_says_so(page, login, personas):
    factories.stock_tags(personas, 1, 20)
    farm = make_farm(personas.station_longquan, name="佩戴耳标场", stock={"sow": 30})
    other = make_farm(personas.station_longquan, stock={"sow": 30})
    login(page, "station_longquan")
    _kept_for_offline(page, "/eartags/fit/")
    page.context.set_offline(True)
    page.goto("/eartags/fit/")
    page.select_option("select[name=farm]", str(farm.pk))
    page.fill("textarea[name=codes]", factories.tag(1))
    assert page.input_value("input[name=date]") == str(timezone.localdate())
    page.click("button.primary")
    page.wait_for_selector("[data-offline-banner] >> text=已保存在本机")

    # meanwhile the tag is fitted on another farm
    eartag_services.fit_tags(
        actor=personas.station_longquan,
        farm=other,
        codes=[factories.tag(1)],
        on=timezone.localdate(),
    )
    page.goto("/offline/")
    page.context.set_offline(False)
    page.click("[data-offline-send]")
    rejected = page.locator("[data-offline-entry][data-state=rejected]")
    rejected.wait_for()
    assert "佩戴耳标" in rejected.inner_text()
    page.once("dialog", lambda dialog: dialog.dismiss())
    rejected.locator("button", has_text="放弃").click()
    assert page.locator("[data-offline-entry]").count() == 1  # kept: the user said no
    page.once("dialog", lambda dialog: dialog.accept())
    rejected.locator("button", has_text="放弃").click()
    page.wait_for_selector("text=本机没有待发送的记录")
    assert list(Tag.objects.values_list("farm_id", flat=True)) == [other.pk]


def test_a_farm_registered_offline(page, login):
    login(page, "station_longquan")
    _kept_for_offline(page, "/farms/new/")
    page.context.set_offline(True)
    page.goto("/farms/new/")
    page.fill("input[name=name]", "离线登记养殖场")
    page.select_option("select[name=kind]", "household")
    page.fill("input[name=owner_name]", "赵六")
    page.fill("input[name=owner_id_number]", "420506197503124511")
    page.fill("input[name=phone]", "13907170000")
    page.fill("input[name=address]", "龙泉镇龙泉二村4组")
    page.select_option("select[name=region__village]", label="龙泉二村（示例）")
    page.click("button.primary")
    page.wait_for_selector("[data-offline-banner] >> text=已保存在本机")
    assert not Farm.objects.filter(name="离线登记养殖场").exists()
    page.context.set_offline(False)
    page.wait_for_selector("text=已发送 1 条本机保存的记录")
    assert Farm.objects.get(name="离线登记养殖场").region.name == "龙泉二村（示例）"


def test_the_vets_inspection_offline(page, login, personas):
    factories.stock_tags(personas, 1, 20)
    farm = factories.ready_farm(personas)
    declaration = factories.declare(personas.farmer_longquan, farm, factories.tags(1, 3))
    quarantine_services.accept_declaration(
        actor=personas.vet_longquan, declaration_id=declaration.pk
    )
    login(page, "vet_longquan")
    detail = f"/quarantine/declarations/{declaration.pk}/"
    _kept_for_offline(page, detail)
    page.context.set_offline(True)
    page.goto(detail)
    page.select_option("select[name=result]", "pass")
    page.fill("input[name=notes]", "临床检查未见异常（离线录入）")
    page.click("button[name=inspect]")
    page.wait_for_selector("[data-offline-banner] >> text=已保存在本机")
    assert Declaration.objects.get(pk=declaration.pk).status == "accepted"
    page.context.set_offline(False)
    page.wait_for_selector("text=已发送 1 条本机保存的记录")
    declaration.refresh_from_db()
    assert declaration.status == "certified"
    assert declaration.inspection_notes == "临床检查未见异常（离线录入）"


def test_a_reply_lost_on_a_connected_phone_is_sent_again_and_written_once(
    page, login, personas, served_farm
):
    """The phone looks connected; the entry reaches the server but its reply never comes
    back: the entry waits on the phone, and sending it again writes nothing twice."""
    lot = make_lot(personas.station_longquan, doses=100)
    login(page, "vaccinator_longquan")
    entry_page = f"/immunization/farms/{served_farm.pk}/entry/"
    _kept_for_offline(page, entry_page)

    def reply_lost(route):
        if route.request.method != "POST":
            return route.continue_()
        route.fetch()  # the server writes ...
        return route.abort("connectionreset")  # ... and the phone hears nothing

    page.route(f"**{entry_page}", reply_lost)
    _fill_immunization(page, lot, 20)
    page.wait_for_selector("[data-offline-banner] >> text=已保存在本机")
    assert Immunization.objects.count() == 1
    page.unroute(f"**{entry_page}")

    page.goto("/offline/")
    page.click("[data-offline-send]")
    page.wait_for_selector("text=已发送 1 条本机保存的记录")
    assert Immunization.objects.count() == 1
    assert VaccineLot.objects.get(pk=lot.pk).doses_left == 80
