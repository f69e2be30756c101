#!/usr/bin/env bash
# Cold start of two built .deb packages side by side (e.g. main's and a branch's), without
# installing either: each is unpacked and laid over /opt/orrery in a private mount namespace (the
# path it installs to, which its CDS archive needs), its postinst's jar-time step applied, and
# src/it/java/dev/orrery/bench/StartupBenchmark.java run on it: median of RUNS starts to the window
# mapped and painted, CPU until mapped, --version, and where the time goes. Figures, never a verdict.
#
# usage: installer/linux/startup-compare.sh BEFORE.deb AFTER.deb [RUNS]   (root; DISPLAY or Xvfb)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${3:-5}
WORK=$(mktemp -d)
XVFB_PID=""
trap '[ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
if [ -z "${DISPLAY:-}" ]; then
  n=160
  while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1280x1024x24 -nolisten tcp > "$WORK/xvfb.log" 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$n"
  for _ in $(seq 1 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
fi
for which in before after; do
  deb=$([ "$which" = before ] && echo "$1" || echo "$2")
  mkdir -p "$WORK/$which"
  dpkg-deb -x "$deb" "$WORK/$which"
  echo "== $which: $(basename "$deb") $(stat -c %s "$deb") bytes"
  unshare --mount bash -c '
    set -e
    mount -t tmpfs tmpfs /opt && mkdir /opt/orrery && mount --bind "$1/opt/orrery" /opt/orrery
    cds=/opt/orrery/lib/app/orrery.jsa
    if [ -f "$cds.jar-time" ]; then touch -d "@$(cat "$cds.jar-time")" /opt/orrery/lib/app/orrery-*.jar; fi
    java "$2/src/it/java/dev/orrery/bench/StartupBenchmark.java" --runs "$3" -- /opt/orrery/bin/Orrery
  ' _ "$WORK/$which" "$ROOT" "$RUNS"
done
