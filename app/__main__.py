"""`python -m app` and `invoice-batches`: the desktop application, or one command of the CLI."""

from __future__ import annotations

import sys

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
        from app.ui.application import run_application

        return run_application(db)
    from app.cli import build_parser, run

    args = build_parser().parse_args()
    if args.command is None:  # a global option abbreviated (--d URL): the window all the same
        from app.ui.application import run_application

        return run_application(args.db)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
