"""`python -m app` and `invoice-batches`: the desktop application, or one command of the CLI."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

from app.version_option import VERSION_TEXT, no_command


def main() -> int:
    # Imported where needed, not above, so that `--version` never pays for SQLAlchemy and the
    # parser, and the window not for the parser and the modules of every command.
    found = no_command(sys.argv[1:])
    if found is not None:
        version, db = found
        if version:
            print(VERSION_TEXT)
            return 0
        return window_start()(db)
    # A command imports SQLAlchemy, the models and its rules with the collector paused, as the
    # window does, and sets them aside before it runs: its passes over what the imports build
    # (which lives as long as the process) took 0.1-0.15 s of the 0.35-0.45 s the imports took.
    # Without the window's one collection: a command lives too short for what it leaves over.
    gc.disable()
    from app.cli import build_parser, run

    args = build_parser().parse_args()
    if args.command is None:  # a global option abbreviated (--d URL): the window all the same
        return window_start()(args.db)
    gc.freeze()
    gc.enable()
    return run(args)


def window_start() -> Callable[[str | None], int]:
    """The desktop application's entry point (app.ui.application.run_application), its modules
    imported with Python's cyclic garbage collector paused until the window's first paint.

    What a start builds (its modules, classes and the window: some 100,000 objects) lives as
    long as the application, yet each of the collector's passes meanwhile walked all of it
    again: 0.05-0.1 s of a 0.5-0.6 s start. The window's first paint collects once, sets the
    start aside and starts the collector again (app.ui.application.set_aside_the_start)."""
    gc.disable()
    from app.ui.application import run_application

    return run_application


if __name__ == "__main__":
    sys.exit(main())
