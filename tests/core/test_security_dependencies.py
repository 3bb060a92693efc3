"""The dependency audit, offline (docs/decisions/0005): every distribution installed in the
environment the tests run in is checked against the vendored PyPA advisories
(tests/core/advisories/pypa.json); an affected version fails the suite unless it is accepted
below with the reason."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import Version

ADVISORIES = Path(__file__).resolve().parent / "advisories" / "pypa.json"
# advisory id -> why it does not apply to smartvet (reviewed; keep short and true)
ACCEPTED: dict[str, str] = {}


def affects(advisory: dict, version: str) -> bool:
    """Within one of its [introduced, fixed) ranges ("" fixed: not fixed yet)."""
    installed = Version(version)
    return any(
        Version(introduced) <= installed and (not fixed or installed < Version(fixed))
        for introduced, fixed in advisory["ranges"]
    )


def findings(installed: dict[str, str], advisories: list[dict]) -> list[str]:
    return [
        f"{advisory['package']} {installed[advisory['package']]}: {advisory['id']} "
        f"({', '.join(advisory['aliases'])}) {advisory['summary']}"
        for advisory in advisories
        if advisory["package"] in installed
        and affects(advisory, installed[advisory["package"]])
        and advisory["id"] not in ACCEPTED
    ]


def _installed() -> dict[str, str]:
    return {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }


def test_no_installed_distribution_has_a_known_advisory():
    snapshot = json.loads(ADVISORIES.read_text())
    assert snapshot["advisories"], "the vendored advisory file is empty"
    assert findings(_installed(), snapshot["advisories"]) == []


def test_the_audit_finds_an_affected_version_and_passes_a_fixed_one():
    advisories = json.loads(ADVISORIES.read_text())["advisories"]
    assert any("CVE-2026-48588" in line for line in findings({"django": "5.2.15"}, advisories))
    assert findings({"django": "5.2.17"}, advisories) == []
    assert findings({"gunicorn": "21.2.0"}, advisories) != []
    assert findings({"pillow": "12.3.0"}, advisories) == []


def test_every_accepted_advisory_is_in_the_snapshot_with_a_reason():
    known = {a["id"] for a in json.loads(ADVISORIES.read_text())["advisories"]}
    assert all(reason.strip() and name in known for name, reason in ACCEPTED.items())


def test_refresh_reads_the_advisory_database_layout(tmp_path):
    from tests.core.advisories import refresh

    folder = tmp_path / "vulns" / "django"
    folder.mkdir(parents=True)
    (folder / "PYSEC-TEST-1.yaml").write_text(
        "id: PYSEC-TEST-1\naliases: [CVE-TEST-1]\ndetails: |-\n  A test advisory.\n"
        "affected:\n- package: {name: Django, ecosystem: PyPI}\n  ranges:\n"
        "  - type: ECOSYSTEM\n    events:\n    - introduced: '5.2'\n    - fixed: 5.2.99\n"
        "    - introduced: '6.0'\n"
    )
    taken = refresh.refresh(tmp_path)["advisories"]
    assert taken == [
        {
            "id": "PYSEC-TEST-1",
            "aliases": ["CVE-TEST-1"],
            "package": "django",
            "ranges": [["5.2", "5.2.99"], ["6.0", ""]],
            "summary": "A test advisory.",
        }
    ]
    assert findings({"django": "5.2.19"}, taken) != []
