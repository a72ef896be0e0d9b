"""A database the clerk can choose: a local SQLite file, or a shared PostgreSQL server."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from app.store.urls import normalise_url, sqlite_path

DEFAULT_PORT = 5432


class ProfileKind(StrEnum):
    LOCAL = "local"
    SERVER = "server"


@dataclass(frozen=True)
class ConnectionProfile:
    """What the Database dialog remembers; never the password."""

    kind: ProfileKind
    path: Path | None = None
    host: str = ""
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""

    @classmethod
    def local(cls, path: Path) -> ConnectionProfile:
        return cls(ProfileKind.LOCAL, path=path)

    @classmethod
    def server(cls, host: str, port: int, database: str, user: str) -> ConnectionProfile:
        return cls(ProfileKind.SERVER, host=host, port=port, database=database, user=user)

    @classmethod
    def from_url(cls, url: str | URL) -> ConnectionProfile:
        """The profile behind a `--db` URL (its password, if any, is not kept)."""
        parsed = normalise_url(url)
        path = sqlite_path(parsed)
        if path is not None:
            return cls.local(path)
        return cls.server(
            parsed.host or "",
            parsed.port or DEFAULT_PORT,
            parsed.database or "",
            parsed.username or "",
        )

    @property
    def is_local(self) -> bool:
        return self.kind == ProfileKind.LOCAL

    @property
    def keyring_username(self) -> str:
        """The key the password is stored under: one per user, server and database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None = None) -> str:
        """The SQLAlchemy URL to open, with the password when one is given."""
        if self.is_local:
            assert self.path is not None
            return f"sqlite:///{self.path}"
        url = URL.create(
            "postgresql+psycopg",
            username=self.user or None,
            password=password or None,
            host=self.host or None,
            port=self.port,
            database=self.database or None,
        )  # make_engine gives every server a connect timeout
        return url.render_as_string(hide_password=False)

    def describe(self) -> str:
        if self.is_local:
            return str(self.path)
        return f"{self.keyring_username} (shared server)"

    def problems(self) -> list[str]:
        """What is missing before this profile can be opened, in the clerk's words."""
        if self.is_local:
            return [] if self.path else ["Choose a database file."]
        missing = [
            label
            for label, value in (
                ("host", self.host),
                ("database", self.database),
                ("user", self.user),
            )
            if not value.strip()
        ]
        problems = [f"Enter the {label}." for label in missing]
        if not 0 < self.port < 65536:
            problems.append("The port must be a number from 1 to 65535.")
        return problems

    def to_json(self) -> dict[str, Any]:
        if self.is_local:
            return {"kind": self.kind.value, "path": str(self.path)}
        return {
            "kind": self.kind.value,
            "host": self.host,
            "port": self.port,
            "database": self.database,
            "user": self.user,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ConnectionProfile:
        """Raises KeyError, ValueError or TypeError on a damaged or hand-edited file."""
        kind = ProfileKind(data["kind"])
        if kind == ProfileKind.LOCAL:
            return cls.local(Path(str(data["path"])))
        return cls.server(
            str(data["host"]), int(data["port"]), str(data["database"]), str(data["user"])
        )
