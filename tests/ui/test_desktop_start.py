"""`python3 dev.py start` on a Linux desktop: the window comes up on a real X server.

The rest of the suite runs Qt offscreen, which never loads the xcb platform plugin; this test
starts the application on Xvfb with that plugin, as a clerk's desktop would, so a missing X11
library (libxcb-cursor0 and its siblings) fails here instead of on the clerk's screen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI

WINDOW_TITLE = "Invoice Batches"


@pytest.fixture
def x_display() -> Iterator[str]:
    """A virtual X server of this test's own; its display name, like ":5"."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if IN_CI:
            pytest.fail("Xvfb is missing: dev.py test installs it (package xvfb)")
        pytest.skip("Xvfb is not installed (dev.py test installs it)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _windows(display: str) -> str:
    listing = subprocess.run(
        ["xwininfo", "-root", "-tree"],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        timeout=10,
    )
    return listing.stdout


def test_the_application_window_opens_on_x11(x_display: str, tmp_path: Path) -> None:
    if shutil.which("xwininfo") is None:
        pytest.fail("xwininfo is missing: dev.py test installs it (package x11-utils)")
    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "XDG_"))}
    env |= {
        "DISPLAY": x_display,
        "QT_QPA_PLATFORM": "xcb",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    database = f"sqlite:///{tmp_path / 'books.sqlite3'}"
    app = subprocess.Popen(
        [sys.executable, "-m", "app", "--db", database],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and app.poll() is None:
            if f'"{WINDOW_TITLE}' in _windows(x_display):
                break
            time.sleep(0.5)
        running = app.poll() is None
        shown = _windows(x_display)
    finally:
        app.terminate()
        output, _ = app.communicate(timeout=20)
    assert running, f"the application ended at start:\n{output}"
    assert f'"{WINDOW_TITLE}' in shown, output
