"""A server that takes the connection and never answers is given up in seconds."""

from __future__ import annotations

import time

import pytest

from app.store.opening import ServerUnreachable, open_for_desktop
from tests.store.silent_server import silent_server


def test_a_silent_server_is_given_up_after_the_urls_own_timeout() -> None:
    with silent_server() as port:
        started = time.monotonic()
        with pytest.raises(ServerUnreachable) as refused:
            open_for_desktop(f"postgresql://clerk@127.0.0.1:{port}/books?connect_timeout=2")
        waited = time.monotonic() - started
    assert 2 <= waited < 4
    assert str(refused.value) == (
        f"Cannot reach the database server 127.0.0.1:{port}/books (connection timeout "
        "expired). Check the host name and port, the network connection, and that the server "
        "is running."
    )
