"""Take the README's screenshots: a fresh demo in a temporary data dir, served on a free
loopback port, photographed at phone width by Debian's chromium (never a downloaded one).

    .venv/bin/python scripts/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# (file name, account, path or a function of the page that gets there)
SHOTS = [
    ("login", None, "/login/"),
    ("home", "station_longquan", "/"),
    ("farms", "station_longquan", "/farms/"),
    ("farm", "farmer_longquan", "farm"),
    ("qr", "farmer_longquan", "qr"),
    ("eartags", "station_longquan", "/eartags/"),
    ("vet-queue", "vet_longquan", "/quarantine/declarations/"),
    ("certificate", "farmer_longquan", "/quarantine/certificates/"),
    ("immunization", "vaccinator_longquan", "/immunization/"),
    ("subsidy", "jiyuan_bureau", "/subsidy/"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, seconds: int = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server did not answer at {url}")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {**os.environ, "SMARTVET_DATA_DIR": tempfile.mkdtemp(prefix="smartvet-shots-")}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "smartvet", "demo", "--addr", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/healthz")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, username, target in SHOTS:
                context = browser.new_context(
                    viewport={"width": 360, "height": 740}, device_scale_factor=2, base_url=base
                )
                page = context.new_page()
                if username:
                    page.goto("/login/")
                    page.fill("input[name=username]", username)
                    page.fill("input[name=password]", "smartvet-demo")
                    page.click("button[type=submit]")
                    page.wait_for_load_state()
                if target in {"farm", "qr"}:
                    page.goto("/farms/")
                    page.click("table a >> nth=0")
                    if target == "qr":
                        page.click("text=二维码卡片")
                else:
                    response = page.goto(target)
                    if response is None or response.status >= 400:
                        raise SystemExit(f"{target} answered {response and response.status}")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{name}.png"), full_page=False)
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
