"""`invoice-batches [--db URL] --version` and `invoice-batches [--db URL]` (the window), told
apart from the commands before the command line is imported: its parser imports SQLAlchemy and
every billing module to be built, which `--version` never needs and the window needs later."""

from __future__ import annotations

from collections.abc import Sequence

from app import __version__

VERSION_TEXT = f"Invoice Batches {__version__}"

# Whether the version is asked for, and the `--db` URL given, if any: a plain tuple, as a
# dataclass would import more than all the rest of `--version` does.
NoCommand = tuple[bool, str | None]


def no_command(argv: Sequence[str]) -> NoCommand | None:
    """The arguments when they are at most `--version` and the global `--db URL`, which the
    full parser would answer the same (the version, else the window); None when there is
    anything more, for the full parser."""
    asked, db = False, None
    rest = iter(argv)
    for argument in rest:
        if argument == "--version":
            asked = True
        elif argument == "--db":
            db = next(rest, None)
            if db is None or db.startswith("-"):
                return None  # the full parser says what is missing
        elif argument.startswith("--db="):
            db = argument.removeprefix("--db=")
        else:
            return None
    return asked, db


def asks_only_for_version(argv: Sequence[str]) -> bool:
    """True when the arguments are `--version` and at most the global `--db URL`: the full
    parser would print the version for them and nothing else. Anything more goes to it."""
    found = no_command(argv)
    return found is not None and found[0]
