"""Where the shipped resources (fonts, icons, sample data) are, from source or from a bundle."""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The top-level `resources/` folder: beside `app/` in a checkout, in the bundle when frozen."""
    # PyInstaller unpacks a frozen app's data files under sys._MEIPASS.
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else SOURCE_ROOT
    return root / "resources"


def resource_path(*parts: str) -> Path:
    """A file in the resources folder, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    return resources_dir().joinpath(*parts)
