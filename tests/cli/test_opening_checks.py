"""The command line opens a database as the window does: the same refusals, in one line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.store import network_share
from app.store.engine import CONNECT_TIMEOUT_SECONDS
from app.store.network_share import Mount
from tests.cli.conftest import Cli
from tests.store.local_files import as_clerk, damage, make_database, unwritable_folder
from tests.store.silent_server import silent_server

__all__ = ["unwritable_folder"]  # the fixture, used by name

PREFIX = "invoice-batches: "


def test_a_database_on_a_network_share_is_refused(
    offline_cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = [Mount("/", "ext4"), Mount(str(tmp_path), "nfs4")]
    monkeypatch.setattr(network_share, "system_mounts", lambda _platform: share)
    database = tmp_path / "books.sqlite3"
    result = offline_cli("batches", db_url=f"sqlite:///{database}")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"{PREFIX}The database file {database} is on a network share. SQLite cannot lock a "
        "file safely there, and several clerks writing to it can corrupt it. Keep the file on "
        "this computer, or use a shared PostgreSQL server (File ▸ Database… ▸ Shared server) "
        "so several clerks can work together.\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_database_is_refused(offline_cli: Cli, tmp_path: Path) -> None:
    database = make_database(tmp_path / "books.sqlite3")
    damage(database)
    result = offline_cli("batches", db_url=f"sqlite:///{database}")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(
        f"{PREFIX}The database {database} is damaged (SQLite says: database disk image is "
        "malformed). Invoice Batches will not work on it"
    )
    assert result.err.count("\n") == 1


def test_a_folder_the_clerk_cannot_write(unwritable_folder: Path) -> None:
    database = unwritable_folder / "books.sqlite3"
    done = as_clerk("-m", "app", "--db", f"sqlite:///{database}", "batches")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"{PREFIX}Invoice Batches cannot write in the folder {unwritable_folder}, which holds "
        "the database books.sqlite3: SQLite keeps its journal there, and the application its "
        "lock. Ask whoever looks after this computer to let you write in that folder, or copy "
        "the database to a folder you can write in.\n"
    )


def test_a_silent_server_is_given_up_in_seconds(offline_cli: Cli) -> None:
    with silent_server() as port:
        started = time.monotonic()
        result = offline_cli("batches", db_url=f"postgresql://clerk@127.0.0.1:{port}/books")
        waited = time.monotonic() - started
    assert CONNECT_TIMEOUT_SECONDS <= waited < CONNECT_TIMEOUT_SECONDS + 2
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"{PREFIX}Cannot reach the database server 127.0.0.1:{port}/books (connection timeout "
        "expired). Check the host name and port, the network connection, and that the server "
        "is running.\n"
    )
