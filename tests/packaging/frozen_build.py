"""Build the frozen program with packaging/invoice_batches.spec, or reuse an identical build.

A build is kept under build/frozen-test/<key>/, where the key hashes everything the build reads:
app/, resources/, the spec and the build script, the Python version and every installed
distribution's version. A build is made in a temporary folder and renamed into place only when
it succeeded, so a half-made or concurrent build is never reused.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "invoice_batches.spec"
LINUX_BUILD = ROOT / "packaging" / "linux" / "build.sh"
CACHE = ROOT / "build" / "frozen-test"
FOLDER = "InvoiceBatches"
BUILD_TIMEOUT_S = 1800


def _files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def build_key() -> str:
    digest = hashlib.sha256(sys.version.encode())
    installed = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\n".join(installed).encode())
    for path in [SPEC, LINUX_BUILD, *_files(ROOT / "app"), *_files(ROOT / "resources")]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def run_pyinstaller(dist: Path, work: Path) -> None:
    """Build into `dist`: through packaging/linux/build.sh on Linux, so CI checks that script."""
    if sys.platform.startswith("linux"):
        command = ["bash", str(LINUX_BUILD)]
    else:
        command = [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work), str(SPEC),
        ]  # fmt: skip
    env = os.environ | {"PYTHON": sys.executable, "DIST_DIR": str(dist), "WORK_DIR": str(work)}
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"The build failed ({result.returncode}):\n{result.stderr[-6000:]}")


def frozen_folder() -> Path:
    """The one-folder build of the current sources, built now if no identical build is kept."""
    target = CACHE / build_key()
    if (target / FOLDER).is_dir():
        return target / FOLDER
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="making-") as scratch:
        made = Path(scratch) / "made"
        run_pyinstaller(made, Path(scratch) / "work")
        try:
            os.rename(made, target)
        except OSError:
            if not (target / FOLDER).is_dir():  # another run renamed its own build into place
                raise
    for stale in CACHE.iterdir():
        if stale != target and not stale.name.startswith("making-"):
            shutil.rmtree(stale, ignore_errors=True)
    return target / FOLDER


def executable(folder: Path, name: str) -> Path:
    return folder / (f"{name}.exe" if sys.platform == "win32" else name)
