"""A start imports only what the window on screen needs: each form's module when the form is
first built, the report, the mail, the exports and Alembic when first used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.store import open_database
from bench.startup import FIRST_PAINT_HOOK

ROOT = Path(__file__).resolve().parents[2]

# Started as a clerk starts it; at the first paint of the main window, the modules imported.
UNTIL_PAINTED = (
    "import sys\nsys.argv = ['invoice-batches', '--db', sys.argv[1]]\nimport app.__main__\n"
    + FIRST_PAINT_HOOK.replace("time.monotonic()", "'\\n'.join(sorted(sys.modules))")
    + "app.__main__.main()\n"
)

NOT_AT_START = (
    "alembic",
    "reportlab",
    "keyring",
    "smtplib",
    "app.cli",
    "app.jobs",
    "app.reports",
    "app.exports",
    "app.mail",
    "app.ui.batches",
    "app.ui.batch_details",
    "app.ui.contracts",
    "app.ui.company_settings",
    "app.ui.sending",
)


def test_a_start_imports_only_what_the_first_form_needs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'books.sqlite3'}"
    open_database(url).dispose()  # made and migrated here: Alembic's work is done
    home = tmp_path / "home"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    environment |= {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", UNTIL_PAINTED, url],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modules = set(done.stdout.split())
    assert "app.ui.customers.customers_page" in modules  # the first form, on screen
    early = {m for m in modules if any(m == n or m.startswith(f"{n}.") for n in NOT_AT_START)}
    assert early == set()
