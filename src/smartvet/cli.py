"""The `smartvet` console script: Django's management commands under one name
(`smartvet demo`, `smartvet serve`, `smartvet verify-ledger`, `smartvet migrate`, ...)."""

from __future__ import annotations

import os
import sys

# Commands spelled with dashes in CONTRACT.md map onto management commands.
ALIASES = {
    "verify-ledger": "verify_ledger",
    "subsidy-calc": "subsidy_calc",
    "surveillance-sweep": "surveillance_sweep",
    "hotline-sweep": "hotline_sweep",
    "consult-sweep": "consult_sweep",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    argv = _apply_data_dir(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartvet.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def _apply_data_dir(argv: list[str]) -> list[str]:
    """--data-dir DIR, given to any command, must be known before settings load (the
    database lives there); it becomes SMARTVET_DATA_DIR and leaves the command's arguments."""
    rest: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--data-dir" and (value := next(args, None)):
            os.environ["SMARTVET_DATA_DIR"] = value
        elif arg.startswith("--data-dir="):
            os.environ["SMARTVET_DATA_DIR"] = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    return rest


if __name__ == "__main__":
    main()
