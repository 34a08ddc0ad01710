#!/usr/bin/env bash
# Render assets/icon.svg to the PNGs committed under assets/icons/ (the window's
# icon and the .deb's hicolor icons). Needs rsvg-convert (Debian: librsvg2-bin).
# The PNGs are committed, so building and CI never need this; run it after
# changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v rsvg-convert >/dev/null || {
  echo "rsvg-convert not found: sudo apt install librsvg2-bin" >&2
  exit 1
}
mkdir -p assets/icons
for size in 16 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --format png \
    --output "assets/icons/walletdesk-$size.png" assets/icon.svg
  echo "assets/icons/walletdesk-$size.png"
done
