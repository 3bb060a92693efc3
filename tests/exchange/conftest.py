import json
import threading

import pytest

from smartvet.exchange import receiver
from tests.exchange.plugin import outbox_events_conform_to_their_schemas  # noqa: F401 (autouse)


class Running:
    """A reference receiver serving in a thread of the test."""

    def __init__(self, store, token=""):
        self.store_path = store
        self.server = receiver.serve("127.0.0.1:0", store, token)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/events"

    def stored(self) -> list[dict]:
        return [json.loads(line) for line in self.store_path.read_text().splitlines()]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def national(tmp_path):
    running = Running(tmp_path / "national.jsonl", token="t0ken")
    yield running
    running.stop()
