"""Connection profiles and the remembered choice: what is written, and what never is."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.engine import make_url

from app.store.profile import ConnectionProfile, ProfileKind
from app.store.remembered import CONFIG_FILE, load_choice, remember_choice


def test_server_profile_url_carries_the_password() -> None:
    profile = ConnectionProfile.server("db.example.com", 6543, "billing", "clerk")
    url = make_url(profile.url("p@ss:w/rd"))
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username) == (
        "db.example.com",
        6543,
        "billing",
        "clerk",
    )
    assert url.password == "p@ss:w/rd"
    assert url.query == {}
    assert profile.keyring_username == "clerk@db.example.com:6543/billing"


def test_profile_from_a_url_drops_the_password() -> None:
    profile = ConnectionProfile.from_url("postgresql://clerk:secret@host:5433/books")
    assert profile == ConnectionProfile.server("host", 5433, "books", "clerk")
    assert "secret" not in json.dumps(profile.to_json())
    local = ConnectionProfile.from_url("sqlite:////data/books.sqlite3")
    assert local == ConnectionProfile.local(Path("/data/books.sqlite3"))


def test_problems_name_what_is_missing() -> None:
    assert ConnectionProfile.server("", 0, "books", " ").problems() == [
        "Enter the host.",
        "Enter the user.",
        "The port must be a number from 1 to 65535.",
    ]
    assert ConnectionProfile(ProfileKind.LOCAL).problems() == ["Choose a database file."]


def test_choice_is_remembered_without_a_password(tmp_path: Path) -> None:
    profile = ConnectionProfile.server("host", 5432, "books", "clerk")
    written = remember_choice(profile, tmp_path)
    assert written == tmp_path / CONFIG_FILE
    assert json.loads(written.read_text()) == {
        "kind": "server",
        "host": "host",
        "port": 5432,
        "database": "books",
        "user": "clerk",
    }
    assert load_choice(tmp_path) == profile
    assert [p.name for p in tmp_path.iterdir()] == [CONFIG_FILE]


def test_no_or_damaged_choice_means_the_default(tmp_path: Path) -> None:
    assert load_choice(tmp_path) is None
    (tmp_path / CONFIG_FILE).write_text('{"kind": "floppy"}')
    assert load_choice(tmp_path) is None
