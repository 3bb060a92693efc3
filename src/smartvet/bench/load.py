"""The load driver of `smartvet bench --server`: concurrent HTTP clients (locust, used as a
library; docs/decisions/0006-load-driver.md) against a running `smartvet serve` on loopback.

It runs in a process of its own, `python -m smartvet.bench.load PLAN.json OUT.json`, because
locust patches the standard library for gevent on import, which the Django side (that fills
the database and reads the figures) must never see. The plan (written by
smartvet.bench.server) holds the server's address, the clients' tokens and the prepared
declarations; the answer holds, for each phase, how many units were done, in how long, and
every request's time, so the Django side computes the figures with the same helpers as the
in-process bench.

Every phase is bounded twice: by a count (a unit per prepared declaration, or a request
budget) and by time (the plan's seconds), so a slow or stuck server ends the run, never
hangs it."""

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402 (after the patch, as gevent requires)
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import gevent  # noqa: E402
from locust import FastHttpUser, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402
from locust.exception import StopUser  # noqa: E402

REQUEST_BUDGET = 20_000  # requests of one time-bounded phase at most
STRAGGLE_SECONDS = 60  # how long a phase may run past its time to reach its least units


class Phase:
    """What one phase measured: request times per name (ms) and failures."""

    def __init__(self, units: int) -> None:
        self.left = units  # units not yet started
        self.done = 0
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []
        self.started = time.perf_counter()
        self.last = self.started
        self.numbers: list[str] = []

    def take(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True

    def finish(self) -> None:
        self.done += 1
        self.last = time.perf_counter()

    def on_request(self, name, response_time, exception, response=None, **_kwargs) -> None:
        self.times.setdefault(name, []).append(response_time)
        if exception is not None and len(self.errors) < 20:
            body = getattr(response, "text", "") or ""
            self.errors.append(f"{name}: {exception} {body[:300]}")

    def report(self) -> dict:
        return {
            "units": self.done,
            "seconds": self.last - self.started,
            "times_ms": self.times,
            "errors": self.errors,
            "numbers": self.numbers,
        }


PLAN: dict = {}
PHASE: Phase = Phase(0)


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


class Me(FastHttpUser):
    """The bound: the minimal authenticated view GET /api/v1/auth/me."""

    wait_time = constant(0)

    @task
    def me(self) -> None:
        if not PHASE.take():
            raise StopUser()
        self.client.get("/api/v1/auth/me", headers=_bearer(PLAN["vet_token"]), name="me")
        PHASE.finish()


class Official(FastHttpUser):
    """Declaration -> acceptance -> inspection with a certificate, one after another."""

    wait_time = constant(0)

    def _post(self, path: str, body: dict, token: str, name: str) -> dict | None:
        with self.client.post(
            path, json=body, headers=_bearer(token), name=name, catch_response=True
        ) as response:
            if response.status_code >= 300:
                response.failure(f"HTTP {response.status_code}")
                return None
            return response.json()

    @task
    def chain(self) -> None:
        if not PHASE.take():
            raise StopUser()
        body = PLAN["declarations"].pop()
        created = self._post("/api/v1/declarations", body, PLAN["station_token"], "declare")
        if created is None:
            return
        base = f"/api/v1/declarations/{created['id']}"
        if self._post(f"{base}/accept", {}, PLAN["vet_token"], "accept") is None:
            return
        inspected = self._post(f"{base}/inspect", {"result": "pass"}, PLAN["vet_token"], "inspect")
        if inspected is None:
            return
        PHASE.numbers.append(inspected["certificate"]["number"])
        PHASE.finish()


class QueueWatcher(FastHttpUser):
    """A vet keeping the work queue page open while the officials work."""

    wait_time = constant(0.2)
    fixed_count = 1

    @task
    def queue(self) -> None:
        self.client.get(PLAN["queue_path"], headers={"Cookie": PLAN["vet_cookie"]}, name="queue")


class Verifier(FastHttpUser):
    """The public checking certificates by number, each from an address of its own (behind
    the trusted loopback proxy), as phones at checkpoints and markets do."""

    wait_time = constant(0)

    @task
    def verify(self) -> None:
        if not PHASE.take():
            raise StopUser()
        number = random.choice(PLAN["numbers"])
        address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        self.client.get(
            f"/api/v1/public/certificates/{number}",
            headers={"X-Forwarded-For": address},
            name="verify",
        )
        PHASE.finish()


def run_phase(
    user_classes: list, users: int, units: int, seconds: float, at_least: int = 0
) -> dict:
    """`users` clients of the classes (QueueWatcher once besides) until `units` are done or
    `seconds` have passed, and past that until `at_least` units are done (a loaded machine
    can let a short phase end before one request answers), for STRAGGLE_SECONDS at most."""
    global PHASE
    PHASE = Phase(units)
    env = Environment(user_classes=user_classes, host=PLAN["host"])
    env.events.request.add_listener(PHASE.on_request)
    runner = env.create_local_runner()
    extra = sum(1 for cls in user_classes if getattr(cls, "fixed_count", 0))
    runner.start(users + extra, spawn_rate=users + extra)
    deadline = PHASE.started + seconds
    cutoff = deadline + STRAGGLE_SECONDS
    while (PHASE.left > 0 or _busy(runner, extra)) and (
        time.perf_counter() < deadline
        or (PHASE.done < at_least and time.perf_counter() < cutoff and not PHASE.errors)
    ):
        gevent.sleep(0.02)
    runner.quit()
    return PHASE.report()


def _busy(runner, watchers: int) -> bool:
    """Units still in flight: some worker clients have not stopped yet."""
    return runner.user_count > watchers


def main(plan_path: str, out_path: str) -> None:
    with open(plan_path, encoding="utf-8") as handle:
        PLAN.update(json.load(handle))
    users, seconds = PLAN["users"], PLAN["seconds"]
    # Warm the workers up: each has loaded the application once it has answered.
    run_phase([Me], users, REQUEST_BUDGET, min(1.0, seconds), at_least=users * 5)
    report = {"me": run_phase([Me], users, REQUEST_BUDGET, seconds, at_least=users)}
    # Officials take the prepared declarations from the end of the list.
    PLAN["declarations"] = list(PLAN["declarations"])
    report["chain"] = run_phase(
        [Official, QueueWatcher], users, len(PLAN["declarations"]), seconds * 3
    )
    PLAN["numbers"] = report["chain"]["numbers"]
    if PLAN["numbers"]:  # nothing to verify when no certificate was issued (errors say why)
        report["verify"] = run_phase([Verifier], users, REQUEST_BUDGET, seconds, at_least=users)
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(report, handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
