"""`--version` answers before the database libraries, the parser or Qt are imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.version_option import asks_only_for_version

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "pygments", "PySide6", "reportlab", "app.cli", "app.billing")


def imported_by(*arguments: str) -> tuple[str, set[str]]:
    """What `python -X importtime -m app ARGUMENTS` prints, and every module it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "app", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done.stdout, modules


@pytest.mark.parametrize("arguments", [("--version",), ("--db", "sqlite:///x.db", "--version")])
def test_version_imports_nothing_heavy(arguments: tuple[str, ...]) -> None:
    out, modules = imported_by(*arguments)
    assert out == f"Invoice Batches {__version__}\n"
    assert "app.version_option" in modules  # the check sees this process's imports
    heavy = {m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY)}
    assert heavy == set()


def test_a_command_still_imports_the_command_line() -> None:
    _out, modules = imported_by("--db", "sqlite:///:memory:", "batches", "--json")
    assert {"app.cli", "sqlalchemy", "alembic"} <= modules


@pytest.mark.parametrize(
    ("arguments", "quick"),
    [
        (["--version"], True),
        (["--db", "postgresql://h/db", "--version"], True),
        (["--db=sqlite:///a.db", "--version"], True),
        ([], False),
        (["--db", "sqlite:///a.db"], False),
        (["--db", "--version"], False),  # --db without its URL: the full parser says so
        (["--version", "batches"], False),
        (["batches", "--version"], False),
        (["--help", "--version"], False),
    ],
)
def test_only_the_version_alone_takes_the_quick_way(arguments: list[str], quick: bool) -> None:
    assert asks_only_for_version(arguments) is quick
