#!/usr/bin/env bash
# Class-data sharing for the installed app: one training start of the window at build time writes
# a CDS archive of every class it loaded (JDK 17: -XX:ArchiveClassesAtExit, laid on the runtime's
# own archive that jlink --generate-cds-archive made), and the launcher's java options name it, so
# a start maps those classes already parsed and verified instead of loading them from the jar.
#
# JDK 17 takes an archive only where the class path is the one it was made with (same path, same
# jar size and time), so the training start runs the image at the path the package installs it
# to: a private mount namespace lays the image over INSTALL_DIR for this one start; the real
# INSTALL_DIR is never touched. The start is the screenshot mode on the example cluster: it opens
# the window, draws the cluster, saves a picture and quits, the archive is written at exit.
#
# A missing, stale or unreadable archive only costs speed: the JVM (-Xshare:auto, the default)
# then starts without it. installer/linux/ci-check.sh checks both.
#
# usage: installer/linux/cds-train.sh APP_IMAGE INSTALL_DIR     (e.g. installer/out/linux/image/Orrery /opt/orrery)
# Needs: root or user namespaces (unshare), a DISPLAY or Xvfb. Exits non-zero, with the reason,
# when it cannot make the archive; the image is then left as it was.
set -euo pipefail

IMAGE=$(realpath "${1:?usage: cds-train.sh APP_IMAGE INSTALL_DIR}")
INSTALL_DIR=${2:?usage: cds-train.sh APP_IMAGE INSTALL_DIR}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ARCHIVE_NAME=orrery.jsa
CFG="$IMAGE/lib/app/Orrery.cfg"
TRAIN_WAIT_S=${ORRERY_CDS_TRAIN_WAIT_S:-180}

say() { echo "cds-train: $*" >&2; }
[ -f "$CFG" ] || { say "no launcher configuration at $CFG"; exit 1; }
[ -f "$IMAGE/lib/runtime/lib/server/classes.jsa" ] \
  || { say "the runtime has no base CDS archive (jlink --generate-cds-archive)"; exit 1; }
EXAMPLE="$ROOT/assets/examples/crater.json"
[ -f "$EXAMPLE" ] || { say "no example cluster at $EXAMPLE"; exit 1; }

# A private namespace: as root directly, otherwise as a user namespace's root.
if [ "$(id -u)" = 0 ] && unshare --mount true 2>/dev/null; then
  NS=(unshare --mount)
elif unshare --user --map-root-user --mount true 2>/dev/null; then
  NS=(unshare --user --map-root-user --mount)
else
  say "cannot make a private mount namespace here (unshare), so the image cannot be trained at $INSTALL_DIR"
  exit 1
fi

WORK=$(mktemp -d)
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  command -v Xvfb >/dev/null || { say "no DISPLAY and no Xvfb (apt-get install xvfb) for the training start"; exit 1; }
  n=140
  while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1280x1024x24 -nolisten tcp > "$WORK/xvfb.log" 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$n"
  for _ in $(seq 1 100); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
  [ -e "/tmp/.X11-unix/X$n" ] || { say "Xvfb did not start: $(cat "$WORK/xvfb.log")"; exit 1; }
fi

rm -f "$IMAGE/lib/app/$ARCHIVE_NAME" "$IMAGE/lib/app/$ARCHIVE_NAME.size"
mkdir -p "$WORK/home"
# In the namespace: an empty tmpfs over INSTALL_DIR's parent (whatever is installed there stays
# hidden and untouched), the image bound at INSTALL_DIR, one start of the window.
set +e
timeout "$TRAIN_WAIT_S" "${NS[@]}" bash -c '
  set -e
  image=$1 dir=$2 work=$3 example=$4 archive=$5
  mount -t tmpfs tmpfs "$(dirname "$dir")"
  mkdir -p "$dir"
  mount --bind "$image" "$dir"
  cd "$work"
  HOME="$work/home" ORRERY_HOME="$work/home/orrery" ORRERY_SANDBOX=off \
    ORRERY_CLUSTER="$example" ORRERY_SCREENSHOT="$work/train.png" \
    JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$dir/lib/app/$archive" \
    "$dir/bin/Orrery"
' _ "$IMAGE" "$INSTALL_DIR" "$WORK" "$EXAMPLE" "$ARCHIVE_NAME" > "$WORK/train.log" 2>&1
rc=$?
set -e
if [ "$rc" != 0 ] || [ ! -s "$IMAGE/lib/app/$ARCHIVE_NAME" ]; then
  say "the training start failed (exit $rc):"
  tail -20 "$WORK/train.log" >&2
  rm -f "$IMAGE/lib/app/$ARCHIVE_NAME"
  exit 1
fi
[ -s "$WORK/train.png" ] || say "note: the training start saved no screenshot (the archive is still usable)"

# JDK 17 also takes the archive only for the very jar time it was made with, and packaging copies
# the jar with a new one: the package's postinst sets the installed jar's time back to this one,
# then checks the archive maps (-Xshare:on) and deletes it when it does not.
jars=("$IMAGE"/lib/app/*.jar)
[ "${#jars[@]}" = 1 ] || { say "expected one jar in $IMAGE/lib/app"; rm -f "$IMAGE/lib/app/$ARCHIVE_NAME"; exit 1; }
date -r "${jars[0]}" +%s.%N > "$IMAGE/lib/app/$ARCHIVE_NAME.jar-time"
# The archives' sizes as made ("BASE APP"): the launcher (installer/linux/launcher.sh) uses them
# only while they still have them, since JDK 17 dies of SIGBUS on a cut-short archive.
echo "$(stat -c %s "$IMAGE/lib/runtime/lib/server/classes.jsa") $(stat -c %s "$IMAGE/lib/app/$ARCHIVE_NAME")" \
  > "$IMAGE/lib/app/$ARCHIVE_NAME.size"

# The launcher names the archive ($APPDIR: the installed lib/app folder). -Xlog:cds*=off: should the
# archive ever not fit (a jar replaced by hand), the JVM's warning would land on standard output,
# in the middle of `orrery ... --json`; a log file asked for (-Xlog:cds:file=...) still gets it.
# -XX:ArchiveRelocationMode=0: map the archives at the address they were made for, as JDK 17 itself
# did by default; this build of it relocates them to a random address at every start, which
# rewrites every pointer in them (~47 MB: 30-60 ms of CPU per start, `orrery --version` included).
# The cost: the archived class metadata sits at a fixed address (the heap, stacks and libraries
# are still placed at random).
if ! grep -q 'SharedArchiveFile' "$CFG"; then
  opts='java-options=-XX:SharedArchiveFile=$APPDIR/'"$ARCHIVE_NAME"'\njava-options=-Xlog:cds*=off'
  opts="$opts"'\njava-options=-XX:+UnlockDiagnosticVMOptions\njava-options=-XX:ArchiveRelocationMode=0'
  if grep -q '^\[JavaOptions\]' "$CFG"; then
    sed -i '/^\[JavaOptions\]/a '"$opts" "$CFG"
  else
    printf '\n[JavaOptions]\n%b\n' "$opts" >> "$CFG"
  fi
fi
say "archive $IMAGE/lib/app/$ARCHIVE_NAME ($(du -h "$IMAGE/lib/app/$ARCHIVE_NAME" | cut -f1)), named in $(basename "$CFG")"
