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
# Shared libraries the Qt wheels load on Linux; a minimal Debian image may lack them.
QT_APT_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
]


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
    ensure_qt_libraries(python)
    return python


def ensure_qt_libraries(python: Path) -> None:
    if not sys.platform.startswith("linux"):
        return
    probe = "from PySide6 import QtGui, QtWidgets"
    if subprocess.run([str(python), "-c", probe], capture_output=True).returncode == 0:
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", *QT_APT_PACKAGES)
    else:
        print("Qt cannot load its libraries; install: " + " ".join(QT_APT_PACKAGES))


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
