"""Set up the development environment and run the application or the test suite.

    python3 dev.py start    create .venv if needed, then start Invoice Batches
    python3 dev.py test     create .venv if needed, then run linters, type checks and all tests

Only the standard library is used here: this file runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"
# Shared libraries the Qt wheels load on Linux; a minimal Debian image may lack them. The X11
# ones are what Qt's xcb platform plugin loads on a Linux desktop: without libxcb-cursor0 and
# its siblings `start` aborts before any window (the offscreen tests never load that plugin).
QT_APT_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
]
# The tests start the application on a virtual X display, as a clerk's desktop would.
TEST_APT_PACKAGES = ["xvfb", "x11-utils"]


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, env=env)


def ensure_venv() -> Path:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = venv_python()
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text() != wanted:
        run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(python, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
        STAMP.write_text(wanted)
    ensure_apt_packages(QT_APT_PACKAGES)
    return python


def missing_apt_packages(packages: list[str]) -> list[str]:
    """The packages dpkg does not have installed; none off Debian and Ubuntu."""
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return []
    missing = []
    for package in packages:
        probe = ["dpkg-query", "-W", "-f=${Status}", package]
        status = subprocess.run(probe, capture_output=True, text=True).stdout
        if "install ok installed" not in status:
            missing.append(package)
    return missing


def ensure_apt_packages(packages: list[str]) -> None:
    missing = missing_apt_packages(packages)
    if not missing:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing)
    else:
        print("Install these system packages first: sudo apt-get install " + " ".join(missing))


def ensure_postgres() -> None:
    """Start the local PostgreSQL cluster when it is installed but not running (CI machines)."""
    if not shutil.which("pg_isready") or not Path("/etc/postgresql").is_dir():
        return
    probe = ["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]
    if subprocess.run(probe).returncode == 0:
        return
    for version in os.listdir("/etc/postgresql"):
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False
        )


def start(args: list[str]) -> int:
    python = ensure_venv()
    return subprocess.run([str(python), "-m", "app", *args], cwd=ROOT).returncode


def test(args: list[str]) -> int:
    python = ensure_venv()
    ensure_apt_packages(TEST_APT_PACKAGES)
    ensure_postgres()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run(python, "-m", "ruff", "check", ".")
    run(python, "-m", "ruff", "format", "--check", ".")
    run(python, "-m", "mypy")
    return subprocess.run([str(python), "-m", "pytest", *args], cwd=ROOT, env=env).returncode


def main() -> int:
    commands = {"start": start, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    try:
        return commands[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as error:
        return error.returncode or 1


if __name__ == "__main__":
    sys.exit(main())
