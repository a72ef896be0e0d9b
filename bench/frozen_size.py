"""Build the frozen program and print how long the build took and how big the folder is.

    python -m bench.frozen_size                 the spec as it is
    python -m bench.frozen_size --no-trimming   the same spec without excludes, filters, strip

Builds with packaging/invoice_batches.spec into bench/out/frozen (a fresh build each time), then
prints the build's wall time, the folder's size and its largest parts. --no-trimming builds a
copy of the spec with no module excludes, no file filters and no stripping: the "before"
figure of packaging/README.md.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "invoice_batches.spec"
OUT = ROOT / "bench" / "out" / "frozen"
MIB = 1024 * 1024


def untrimmed_spec(target: Path) -> Path:
    """A copy of the spec with nothing left out, reading the sources from this checkout."""
    text = SPEC.read_text()
    text, roots = re.subn(r"^ROOT = .*$", f"ROOT = Path({str(ROOT)!r})", text, flags=re.M)
    text, strips = re.subn(r"^STRIP = .*$", "STRIP = False", text, flags=re.M)
    text, excludes = re.subn(r"^    excludes=EXCLUDES,$", "    excludes=[],", text, flags=re.M)
    text, filters = re.subn(r"without_unused\((a\.\w+)\)", r"\1", text)
    if (roots, strips, excludes, filters) != (1, 1, 1, 2):
        raise SystemExit("The spec changed shape; update bench/frozen_size.py")
    target.write_text(text)
    return target


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(folder: Path, count: int) -> list[tuple[int, str]]:
    """The biggest executables, libraries and packages, with Qt's own folders shown apart."""
    internal = folder / "_internal"
    entries = [*folder.glob("*"), *internal.glob("*"), *internal.glob("PySide6/Qt/*")]
    parts = [
        (folder_size(p) if p.is_dir() else p.stat().st_size, str(p.relative_to(folder)))
        for p in entries
        if p != internal and not p.is_symlink() and p.name not in ("PySide6", "Qt")
    ]
    return sorted(parts, reverse=True)[:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-trimming", action="store_true")
    args = parser.parse_args()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    spec = untrimmed_spec(OUT / "untrimmed.spec") if args.no_trimming else SPEC
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level"]
    command += [
        "ERROR",
        "--distpath",
        str(OUT / "dist"),
        "--workpath",
        str(OUT / "work"),
        str(spec),
    ]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    seconds = time.perf_counter() - started
    folder = OUT / "dist" / "InvoiceBatches"
    shape = "without excludes, filters and strip" if args.no_trimming else "as shipped"
    print(f"spec:        {shape}")
    print(f"build time:  {seconds:.1f} s")
    print(f"folder size: {folder_size(folder) / MIB:.1f} MiB ({folder})")
    for size, name in largest_parts(folder, 14):
        print(f"  {size / MIB:7.1f} MiB  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
