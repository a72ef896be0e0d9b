"""The application's PostgreSQL connections plan without JIT compiling, unless its URL asks."""

from __future__ import annotations

from sqlalchemy import text

from app.store.engine import make_engine


def _jit(url: str) -> str:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.scalar(text("SHOW jit")))
    finally:
        engine.dispose()


def test_jit_is_off_on_the_applications_connections(postgres_url: str) -> None:
    assert _jit(postgres_url) == "off"


def test_a_urls_own_options_win(postgres_url: str) -> None:
    separator = "&" if "?" in postgres_url else "?"
    assert _jit(f"{postgres_url}{separator}options=-c%20jit%3Don") == "on"
