"""A Content-Security-Policy on every page, and templates it does not break: no inline script,
handler, style or javascript: link (issue 10 point 15)."""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "smartvet"
INLINE = re.compile(
    r"<style\b"  # a style block
    r"|<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"  # an inline script
    r"|\son[a-z]+=\"|\sstyle=\"|javascript:"  # a handler, a style attribute, a js: link
)


def test_no_template_carries_inline_script_handler_or_style():
    found = []
    for path in sorted(SOURCE.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if INLINE.search(line):
                found.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()[:100]}")
    assert found == []


def test_every_page_carries_the_policy(client, station_longquan):
    login = client.get("/login/")
    policy = login["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    client.force_login(station_longquan)
    for path in ["/", "/farms/", "/ledger/", "/eartags/lookup/", "/verify/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response["Content-Security-Policy"], path
