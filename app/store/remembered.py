"""The clerk's choice of database, remembered between runs in the user's config folder.

The file holds where the database is and who connects, never a password (that goes to the
system keyring, see passwords.py).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from app.store.paths import config_dir
from app.store.profile import ConnectionProfile

CONFIG_FILE = "database.json"
log = logging.getLogger(__name__)


def load_choice(folder: Path | None = None) -> ConnectionProfile | None:
    """The remembered database, or None when there is none (or the file is damaged)."""
    path = (folder or config_dir()) / CONFIG_FILE
    try:
        return ConnectionProfile.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        # A damaged file must not keep the application from starting on the default database.
        log.warning("Ignoring the remembered database in %s: %s", path, error)
        return None


def remember_choice(profile: ConnectionProfile, folder: Path | None = None) -> Path:
    """Write the choice atomically, so a crash never leaves half a file."""
    target = (folder or config_dir()) / CONFIG_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps(profile.to_json(), indent=2), encoding="utf-8")
    os.replace(partial, target)
    return target
