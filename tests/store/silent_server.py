"""A database server that takes the connection and never says a word, as a hung server does."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

# However a test ends, the server stops by itself after this long.
LIFETIME_SECONDS = 60


def _hold_connections(listener: socket.socket, stop: threading.Event) -> None:
    held: list[socket.socket] = []
    deadline = time.monotonic() + LIFETIME_SECONDS
    listener.settimeout(0.1)
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            connection, _address = listener.accept()
        except TimeoutError:
            continue
        held.append(connection)  # read nothing, answer nothing
    for connection in held:
        connection.close()
    listener.close()


@contextmanager
def silent_server() -> Iterator[int]:
    """The port on 127.0.0.1 of a server that accepts connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = int(listener.getsockname()[1])
    stop = threading.Event()
    thread = threading.Thread(target=_hold_connections, args=(listener, stop), daemon=True)
    thread.start()
    try:
        yield port
    finally:
        stop.set()
        thread.join()
