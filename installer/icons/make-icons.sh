#!/usr/bin/env bash
# Renders Orrery's icon (assets/icon/orrery.svg) into every size and format the installers and
# the window need, and writes them into the repo (they are committed, so installers build from a
# clean checkout without running this):
#   assets/icon/png/orrery-<N>.png       N = 16 32 48 64 128 256 512 1024
#   assets/icon/orrery.ico               16..256, for the Windows .msi, exe and shortcuts
#   assets/icon/orrery.icns              16..1024, for the macOS .app/.dmg
#   src/main/resources/dev/orrery/ui/icons/orrery-<N>.png   N = 16..256, the window icon
# Needs: rsvg-convert (Debian: librsvg2-bin) or ImageMagick's convert with an SVG delegate,
# and ImageMagick's convert for the .ico. The .icns container is written here by hand (no
# icns tool needed): 'icns' + total length, then one chunk per size holding PNG data.
set -euo pipefail
cd "$(dirname "$0")/../.."

svg=assets/icon/orrery.svg
pngdir=assets/icon/png
uidir=src/main/resources/dev/orrery/ui/icons
mkdir -p "$pngdir" "$uidir"

# ImageMagick 6 is /usr/bin/convert on Debian; prefer it over any other `convert` on PATH.
IM=convert
[ -x /usr/bin/convert ] && IM=/usr/bin/convert

render() { # size out.png
  if command -v rsvg-convert >/dev/null; then
    rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio "$svg" -o "$2"
  else
    "$IM" -background none -density 384 "$svg" -resize "$1x$1" -strip "png32:$2"
  fi
}

for n in 16 32 48 64 128 256 512 1024; do
  render "$n" "$pngdir/orrery-$n.png"
done
for n in 16 32 48 64 128 256; do
  cp "$pngdir/orrery-$n.png" "$uidir/orrery-$n.png"
done

# .ico: one entry per size; 256 is stored as PNG inside the ico, as Windows expects.
"$IM" "$pngdir"/orrery-{16,32,48,64,128,256}.png -define png:exclude-chunks=date,time assets/icon/orrery.ico

# .icns: big-endian 'type(4) length(4) data' chunks; the length counts its own 8-byte header.
be32() { # n -> 4 raw bytes, big-endian
  printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(( ($1 >> 24) & 255 )) $(( ($1 >> 16) & 255 )) $(( ($1 >> 8) & 255 )) $(( $1 & 255 )))"
}
icns=assets/icon/orrery.icns
body=$(mktemp)
trap 'rm -f "$body"' EXIT
# type:size pairs. icp4/icp5 are 16/32 at 1x; ic11..ic14 are the @2x (Retina) variants.
for pair in icp4:16 icp5:32 ic07:128 ic08:256 ic09:512 ic10:1024 ic11:32 ic12:64 ic13:256 ic14:512; do
  type=${pair%%:*} n=${pair##*:}
  f="$pngdir/orrery-$n.png"
  len=$(( $(stat -c %s "$f") + 8 ))
  { printf '%s' "$type"; be32 "$len"; cat "$f"; } >> "$body"
done
{ printf 'icns'; be32 $(( $(stat -c %s "$body") + 8 )); cat "$body"; } > "$icns"

echo "wrote $pngdir/orrery-{16..1024}.png, assets/icon/orrery.ico, $icns, $uidir/orrery-{16..256}.png"
