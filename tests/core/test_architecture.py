"""The seams between apps hold (DESIGN.md): one access model, one scoping path, one way across
apps. Each test names what a new line of code may not do."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "smartvet"
APPS_OUTSIDE_CORE = [p for p in SOURCE.iterdir() if p.is_dir() and p.name not in {"core", "locale"}]


def _lines(suffix: str, *, outside_core: bool = True):
    roots = APPS_OUTSIDE_CORE if outside_core else [SOURCE]
    for root in roots:
        for path in sorted(root.rglob(f"*{suffix}")):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                yield path.relative_to(SOURCE), number, line


def _where(path, number, line) -> str:
    return f"{path}:{number}: {line.strip()}"


ROLE_IN_CODE = re.compile(
    r"\.role\s*(==|!=|\bin\b|\bnot in\b)|role__in|==\s*Role\.|!=\s*Role\.|in\s*\{[^}]*Role\."
    r"|filter\([^)]*\brole="
)
ROLE_IN_TEMPLATE = re.compile(r"\brole\s*(==|!=|\bin\b)|user\.role\b")
REGION_PREFIX = re.compile(r"region\w*__startswith|__startswith\s*=\s*[^,)]*region")


def test_no_role_is_compared_outside_core():
    found = [_where(p, n, line) for p, n, line in _lines(".py") if ROLE_IN_CODE.search(line)]
    found += [_where(p, n, line) for p, n, line in _lines(".html") if ROLE_IN_TEMPLATE.search(line)]
    assert found == [], "ask core.access (can, available_actions):\n" + "\n".join(found)


def test_no_region_is_filtered_by_prefix_outside_visible_to():
    found = [
        f"{p}:{n}: {line.strip()}"
        for p, n, line in _lines(".py", outside_core=False)
        if REGION_PREFIX.search(line) and str(p) != "core/access.py"
    ]
    assert found == [], "use visible_to(actor) or access.within(path, code):\n" + "\n".join(found)


def test_apps_reach_each_other_by_plain_imports():
    found = [
        f"{p}:{n}: {line.strip()}"
        for p, n, line in _lines(".py")
        if re.search(r"\bimport_module\b|\bimportlib\b", line)
    ]
    assert found == [], "import the other app's public queries/services:\n" + "\n".join(found)


def test_the_import_contracts_hold():
    """import-linter: a lower app never imports a higher one; rooms point one way."""
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--config", str(SOURCE.parents[1] / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=SOURCE.parents[1],
    )
    assert result.returncode == 0, result.stdout[-3000:]
