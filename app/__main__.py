"""`python -m app` and `invoice-batches`: the desktop application, or one command of the CLI."""

from __future__ import annotations

import sys

from app.cli import build_parser, run


def main() -> int:
    args = build_parser().parse_args()
    if args.command is None:
        from app.ui.application import run_application

        return run_application(args.db)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
