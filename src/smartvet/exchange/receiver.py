"""The reference receiver of the national platform (`smartvet national-receiver`; CONTRACT.md
"Exchange and federation"), for tests and demos.

It appends each new event as one JSON line to its store and answers 2xx only once the lines
are on disk (fsync), so a receiver killed at any moment has either stored a batch, and may
say so again, or not acknowledged it. It deduplicates by event id, the ids reloaded from the
store at start; a line torn by a kill mid-write (the last one, without its newline) is cut
off then, as that batch was never acknowledged and comes again."""

from __future__ import annotations

import json
import os
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MAX_BODY = 32 * 1024 * 1024


class Store:
    """An append-only JSON-lines file and the set of the ids it holds."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.lock = threading.Lock()
        self.ids: set[str] = set()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+b")  # noqa: SIM115 (open for the process's life)
        self._recover()

    def _recover(self) -> None:
        self.handle.seek(0)
        good = 0
        for line in self.handle:
            if not line.endswith(b"\n"):
                break  # torn by a kill: that batch was never acknowledged
            try:
                self.ids.add(json.loads(line)["id"])
            except (ValueError, KeyError, TypeError):
                break
            good += len(line)
        self.handle.truncate(good)
        self.handle.seek(0, os.SEEK_END)
        os.fsync(self.handle.fileno())
        self.size = good

    def add(self, events: list[dict]) -> tuple[int, int]:
        """Store the events not seen before; (new, duplicates). On disk when it returns."""
        with self.lock:
            fresh: dict[str, bytes] = {}
            for event in events:
                if event["id"] not in self.ids and event["id"] not in fresh:
                    line = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
                    fresh[event["id"]] = line.encode() + b"\n"
            if fresh:
                try:
                    self.handle.write(b"".join(fresh.values()))
                    self.handle.flush()
                    os.fsync(self.handle.fileno())
                except OSError:
                    self.handle.truncate(self.size)  # nothing half-stored stays
                    raise
                self.size = self.handle.tell()
                self.ids.update(fresh)
            return len(fresh), len(events) - len(fresh)


def _valid(body: object) -> list[dict] | None:
    if not isinstance(body, dict) or not isinstance(body.get("events"), list):
        return None
    events = body["events"]
    if all(isinstance(e, dict) and isinstance(e.get("id"), str) and e["id"] for e in events):
        return events
    return None


def handler_for(store: Store, token: str):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the deliverer reuses its connection
        # the answer leaves in one segment, at once (no Nagle wait for the peer's delayed ACK)
        disable_nagle_algorithm = True
        wbufsize = -1

        def _answer(self, status: int, payload: dict) -> None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            self._answer(HTTPStatus.OK, {"events": len(store.ids)})

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.close_connection = True
                return self._answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "too large"})
            raw = self.rfile.read(length)
            if token and self.headers.get("Authorization") != f"Bearer {token}":
                return self._answer(HTTPStatus.UNAUTHORIZED, {"error": "bad token"})
            try:
                events = _valid(json.loads(raw or b"null"))
            except ValueError:
                events = None
            if events is None:
                return self._answer(HTTPStatus.BAD_REQUEST, {"error": "expected {events: [...]}"})
            new, duplicates = store.add(events)
            return self._answer(HTTPStatus.OK, {"accepted": new, "duplicates": duplicates})

        def log_message(self, format, *args):
            pass  # one line per POST would drown the test's output

    return Handler


def serve(addr: str, store_path: Path, token: str = "", ready=None) -> ThreadingHTTPServer:
    host, _, port = addr.rpartition(":")
    server = ThreadingHTTPServer(
        (host.strip("[]") or "127.0.0.1", int(port)), handler_for(Store(store_path), token)
    )
    server.daemon_threads = True
    if ready:
        ready(server)
    return server
