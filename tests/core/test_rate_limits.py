"""Rate limits that hold and say when to come back (issue 10 point 14): login by username and
address together, public verification counted once per request across processes, the client
behind a trusted proxy, Retry-After on every 429."""

from __future__ import annotations

import multiprocessing

from django.test import override_settings

from smartvet.core import ratelimit
from tests.support.api import ApiClient, error_code
from tests.support.personas import PASSWORD

TOKEN = "/api/v1/auth/token"


def _login(client, password: str, address: str):
    return client.post(
        TOKEN,
        {"username": "station_longquan", "password": password},
        content_type="application/json",
        REMOTE_ADDR=address,
    )


def test_a_strangers_wrong_passwords_do_not_lock_out_the_real_user(client, station_longquan):
    for _ in range(5):
        assert _login(client, "guess", "203.0.113.9").status_code == 401
    stranger = _login(client, PASSWORD, "203.0.113.9")
    assert stranger.status_code == 429 and error_code(stranger) == "LOGIN_THROTTLED"
    assert 0 < int(stranger["Retry-After"]) <= 15 * 60
    assert _login(client, PASSWORD, "10.42.0.7").status_code == 200


def test_the_login_page_says_when_to_come_back(client, station_longquan):
    for _ in range(5):
        client.post("/login/", {"username": "station_longquan", "password": "nope"})
    page = client.post("/login/", {"username": "station_longquan", "password": PASSWORD})
    assert "分钟后再试" in page.content.decode()


def _rf_request(rf, remote: str, forwarded: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return rf.get("/verify/x", REMOTE_ADDR=remote, **extra)


def test_the_client_behind_a_trusted_proxy_is_counted_not_the_proxy(rf, settings):
    settings.SMARTVET = {**settings.SMARTVET, "TRUSTED_PROXIES": ["127.0.0.1", "10.0.0.0/8"]}
    assert ratelimit.client_address(_rf_request(rf, "127.0.0.1", "198.51.100.4")) == "198.51.100.4"
    # two trusted hops: the nearest address that is not ours
    chain = _rf_request(rf, "127.0.0.1", "198.51.100.4, 10.1.2.3")
    assert ratelimit.client_address(chain) == "198.51.100.4"
    # an untrusted sender cannot choose its address by sending the header
    assert ratelimit.client_address(_rf_request(rf, "203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_verification_past_the_limit_answers_429_with_retry_after(db):
    api = ApiClient()
    answers = [api.get("/api/v1/public/certificates/NOPE-1") for _ in range(61)]
    limited = [answer for answer in answers if answer.status_code == 429]
    assert limited and error_code(limited[0]) == "RATE_LIMITED"
    assert 1 <= int(limited[0]["Retry-After"]) <= 60


def _hits(limit: int, attempts: int, queue) -> None:
    # a window of 11 days: no window boundary falls inside the run
    passes = (
        ratelimit.hit("test", "one", limit=limit, window_seconds=10**6) == 0
        for _ in range(attempts)
    )
    queue.put(sum(passes))


def _file_cache(tmp_path):
    """The server's settings: a cache shared by processes, so the count is in the file."""
    return override_settings(
        DATA_DIR=tmp_path,
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "cache"),
            }
        },
    )


def test_the_limit_holds_across_worker_processes(tmp_path):
    """Eight processes counting at once, as gunicorn's workers do: exactly the limit passes
    in the window, not twice it."""
    with _file_cache(tmp_path):
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        workers = [context.Process(target=_hits, args=(40, 25, queue)) for _ in range(8)]
        for worker in workers:
            worker.start()
        passed = sum(queue.get(timeout=60) for _ in workers)
        for worker in workers:
            worker.join(timeout=60)
    assert passed == 40


def test_a_new_window_counts_from_one_and_ended_windows_are_purged(tmp_path, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    with _file_cache(tmp_path):
        assert [ratelimit.hit("t", "a", limit=2, window_seconds=60) for _ in range(3)] == [0, 0, 20]
        now[0] += 60
        assert ratelimit.hit("t", "a", limit=2, window_seconds=60) == 0
        ratelimit.hit("t", "b", limit=2, window_seconds=60)
        now[0] += 3600
        monkeypatch.setattr(ratelimit, "_PURGE_EVERY", 1)
        ratelimit.hit("t", "c", limit=2, window_seconds=60)
        keys = ratelimit._counter().execute("SELECT key FROM hits").fetchall()
    assert keys == [("t:c",)]
