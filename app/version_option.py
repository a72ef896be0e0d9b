"""`invoice-batches [--db URL] --version`, answered before the database libraries are imported:
the full command line imports SQLAlchemy, Alembic and every billing module to build its parser."""

from __future__ import annotations

from collections.abc import Sequence

from app import __version__

VERSION_TEXT = f"Invoice Batches {__version__}"


def asks_only_for_version(argv: Sequence[str]) -> bool:
    """True when the arguments are `--version` and at most the global `--db URL`: the full
    parser would print the version for them and nothing else. Anything more goes to it."""
    asked = False
    rest = iter(argv)
    for argument in rest:
        if argument == "--version":
            asked = True
        elif argument == "--db":
            url = next(rest, None)
            if url is None or url.startswith("-"):
                return False  # the full parser says what is missing
        elif not argument.startswith("--db="):
            return False
    return asked
