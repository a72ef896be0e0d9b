"""Which database is opened: `--db`, else $INVOICE_BATCHES_DB, else the file in the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app.store import ENV_VARIABLE, normalise_url, paths, resolve_url, sqlite_path


def test_explicit_url_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VARIABLE, "sqlite:///from-env.sqlite3")
    assert resolve_url("sqlite:///explicit.sqlite3") == "sqlite:///explicit.sqlite3"
    assert resolve_url(None) == "sqlite:///from-env.sqlite3"


def test_default_is_a_file_in_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    monkeypatch.setattr(paths, "data_dir", lambda: tmp_path)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'invoice-batches.sqlite3'}"


def test_postgresql_urls_use_psycopg() -> None:
    url = normalise_url("postgresql://clerk:secret@server/books")
    assert url.drivername == "postgresql+psycopg"
    assert url.render_as_string(hide_password=False) == (
        "postgresql+psycopg://clerk:secret@server/books"
    )
    assert normalise_url("sqlite:///a.sqlite3").drivername == "sqlite"


def test_sqlite_path_is_none_for_memory_and_servers() -> None:
    assert sqlite_path(make_url("sqlite:////data/books.sqlite3")) == Path("/data/books.sqlite3")
    assert sqlite_path(make_url("sqlite://")) is None
    assert sqlite_path(make_url("sqlite:///:memory:")) is None
    assert sqlite_path(make_url("postgresql+psycopg://server/books")) is None
