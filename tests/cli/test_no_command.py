"""Arguments that name no command are told apart before the command line is imported: the
version alone, or the window on the database `--db` names, as the full parser reads them."""

from __future__ import annotations

import pytest

from app.cli import build_parser
from app.version_option import NoCommand, no_command


@pytest.mark.parametrize(
    ("arguments", "found"),
    [
        ([], (False, None)),
        (["--db", "sqlite:///a.db"], (False, "sqlite:///a.db")),
        (["--db=postgresql://h/db"], (False, "postgresql://h/db")),
        (["--db", "sqlite:///a.db", "--db", "sqlite:///b.db"], (False, "sqlite:///b.db")),
        (["--db", "sqlite:///a.db", "--version"], (True, "sqlite:///a.db")),
        (["--db"], None),
        (["batches"], None),
        (["--db", "sqlite:///a.db", "batches"], None),
        (["--help"], None),
    ],
)
def test_what_names_no_command(arguments: list[str], found: NoCommand | None) -> None:
    assert no_command(arguments) == found


@pytest.mark.parametrize(
    "arguments", [[], ["--db", "sqlite:///a.db"], ["--db=x"], ["--db", "a", "--db", "b"]]
)
def test_the_window_gets_the_database_the_full_parser_would_give(arguments: list[str]) -> None:
    parsed = build_parser().parse_args(arguments)
    found = no_command(arguments)
    assert found is not None
    assert (parsed.command, parsed.db) == (None, found[1])
