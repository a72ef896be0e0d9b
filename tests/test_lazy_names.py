"""app.billing and app.models offer every name they always did, each imported from its module
when first asked for: a command or the window's start imports only the rules and the tables it
uses."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import text

from app import billing, models
from app.lazy_names import LazyPackage
from app.store import Database

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("package", [billing, models], ids=["billing", "models"])
def test_every_offered_name_is_its_modules_own(package: ModuleType) -> None:
    assert isinstance(package, LazyPackage)
    homes: dict[str, str] = vars(package)["_names_imported_when_asked"]
    offered: list[str] = vars(package)["__all__"]
    assert set(homes) <= set(offered)
    for name in offered:
        value = getattr(package, name)
        home = homes.get(name)
        if home is not None:
            assert value is getattr(importlib.import_module(home), name), name
    assert set(offered) <= set(dir(package))


def test_a_name_that_is_also_a_modules_stays_the_names() -> None:
    # app.billing.run_due and app.billing.money are modules as well as the rules they offer.
    for name in ("run_due", "money"):
        module = importlib.import_module(f"app.billing.{name}")
        assert getattr(billing, name) is getattr(module, name)
        assert callable(getattr(billing, name))


def test_a_name_offered_by_no_module_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'list_batchez'"):
        billing.list_batchez  # type: ignore[attr-defined]  # noqa: B018


def test_base_from_the_package_has_every_table_the_migrations_make(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        made = set(connection.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'")))
    assert set(models.Base.metadata.tables) == made - {"alembic_version"}


def imported_after(code: str) -> set[str]:
    """The app's modules a fresh interpreter has imported after running `code`."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return {name for name in done.stdout.split() if name.startswith("app.")}


def test_importing_the_packages_imports_only_what_does_something_on_import() -> None:
    imported = imported_after("import app.billing, app.models")
    # The trigger's refusal (R7) and the audit's commit check (R20) listen from the start.
    assert {"app.billing.printed_lock", "app.billing.audit"} <= imported
    assert not {"app.billing.generation", "app.billing.batches", "app.models.work"} & imported


def test_the_command_line_imports_the_rules_of_its_command_only() -> None:
    imported = imported_after(
        "from app.cli import build_parser\n"
        "build_parser().parse_args(['batches', '--json'])\n"
        "from app.billing import list_batches, with_kept_aging, with_states"
    )
    assert "app.billing.batches" in imported
    unused = {
        "app.billing.generation",
        "app.billing.recurring",
        "app.billing.work",
        "app.billing.imports",
        "app.billing.contracts",
        "app.models.contract",
    }
    assert not unused & imported
