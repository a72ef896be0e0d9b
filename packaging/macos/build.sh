#!/usr/bin/env bash
# Build "Invoice Batches.app" for macOS and a disk image, optionally signed and notarised.
#
#   packaging/macos/build.sh
#
# Needs Python 3.11+ (python.org universal2 or Homebrew) with .venv made by `python3 dev.py test`
# or `python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'`; Xcode's command line tools.
# Environment:
#   PYTHON                 the interpreter (default .venv/bin/python)
#   MACOS_SIGN_IDENTITY    "Developer ID Application: Company (TEAMID)": sign the app and image
#   MACOS_NOTARY_PROFILE   a `xcrun notarytool store-credentials` profile: notarise and staple
# Writes dist/Invoice Batches.app and dist/InvoiceBatches-VERSION-macos.dmg.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
cd "$ROOT"

version="$("$PYTHON" -c 'import app; print(app.__version__)')"
app="dist/Invoice Batches.app"
dmg="dist/InvoiceBatches-$version-macos.dmg"

start=$SECONDS
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/invoice_batches.spec
echo "Built in $((SECONDS - start)) s: $(du -sh "$app" | cut -f1) in $app"

# Both executables live in Contents/MacOS; the console one must start before anything is shipped.
"$app/Contents/MacOS/invoice-batches" --version
plutil -lint "$app/Contents/Info.plist"

if [[ -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
    # Hardened runtime (required for notarisation), a secure timestamp, and every nested binary.
    codesign --force --deep --options runtime --timestamp \
        --entitlements packaging/macos/entitlements.plist \
        --sign "$MACOS_SIGN_IDENTITY" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
fi

rm -f "$dmg"
hdiutil create -volname "Invoice Batches" -srcfolder "$app" -ov -format UDZO "$dmg"

if [[ -n "${MACOS_SIGN_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
fi
if [[ -n "${MACOS_NOTARY_PROFILE:-}" ]]; then
    [[ -n "${MACOS_SIGN_IDENTITY:-}" ]] || { echo "Notarisation needs MACOS_SIGN_IDENTITY" >&2; exit 2; }
    xcrun notarytool submit "$dmg" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
    xcrun stapler validate "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
fi
echo "Disk image: $dmg"
