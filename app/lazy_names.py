"""Packages whose names are imported from their modules when first asked for (PEP 562).

Every `from app.billing.batches import list_batches` imports the package `app.billing` first.
A package that imported all of its modules to offer their names made every command and the
window's start pay for all of them: the rules of thirty modules and the declaration of every
table. Such a package lists where each name lives and hands the list to `import_when_asked`;
for mypy (and PyInstaller) it imports the same names under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Mapping

_HOMES = "_names_imported_when_asked"


class LazyPackage(types.ModuleType):
    """A package that imports each of its names from the name's module when first asked."""

    def __getattr__(self, name: str) -> object:
        home = self.__dict__[_HOMES].get(name)
        if home is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        self.__dict__[name] = value  # asked once: from then on an ordinary attribute
        return value

    def __setattr__(self, name: str, value: object) -> None:
        # Importing a module names it in its package; where a name offered here is also a
        # module's (app.billing's run_due), the name keeps what it offers, as it did when the
        # package imported everything. The module is still reached through sys.modules.
        if isinstance(value, types.ModuleType) and name in self.__dict__[_HOMES]:
            return
        super().__setattr__(name, value)

    def __dir__(self) -> list[str]:
        return sorted({*self.__dict__, *self.__dict__[_HOMES]})


def import_when_asked(package: str, homes: Mapping[str, str]) -> None:
    """Make the package named `package` import its names when first asked for: `homes` maps
    each module to the names it offers through the package, separated by spaces."""
    module = sys.modules[package]
    module.__dict__[_HOMES] = {
        name: home for home, names in homes.items() for name in names.split()
    }
    module.__class__ = LazyPackage
