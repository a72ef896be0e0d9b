#!/usr/bin/env bash
# Build the one-folder Linux program from packaging/invoice_batches.spec, the same spec as the
# Windows and macOS builds. CI runs this through tests/packaging (the slow frozen-build test).
#
#   packaging/linux/build.sh [--archive]
#
# Environment: PYTHON (default .venv/bin/python, with `pip install -e .[dev]` done),
# DIST_DIR (default dist), WORK_DIR (default build/pyinstaller).
# --archive also writes DIST_DIR/InvoiceBatches-VERSION-linux-ARCH.tar.gz.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
DIST_DIR="${DIST_DIR:-$ROOT/dist}"
WORK_DIR="${WORK_DIR:-$ROOT/build/pyinstaller}"
cd "$ROOT"

start=$SECONDS
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST_DIR" --workpath "$WORK_DIR" packaging/invoice_batches.spec
echo "Built in $((SECONDS - start)) s: $(du -sh "$DIST_DIR/InvoiceBatches" | cut -f1)" \
    "in $DIST_DIR/InvoiceBatches"

# The frozen program must at least start: a missing module fails here, not at a clerk's desk.
"$DIST_DIR/InvoiceBatches/invoice-batches" --version

if [[ "${1:-}" == "--archive" ]]; then
    version="$("$PYTHON" -c 'import app; print(app.__version__)')"
    archive="$DIST_DIR/InvoiceBatches-$version-linux-$(uname -m).tar.gz"
    tar -C "$DIST_DIR" -czf "$archive" InvoiceBatches
    echo "Wrote $archive ($(du -h "$archive" | cut -f1))"
fi
