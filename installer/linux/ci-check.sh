#!/usr/bin/env bash
# CI check of the Linux installer, run by .ci/run after the tests (as root, on Debian/Ubuntu):
#   1. the build refuses to run without fakeroot (jpackage would silently skip the .deb);
#   2. installer/linux/build.sh builds the .deb (and fails if it is not there);
#   3. `apt-get install ./orrery_*.deb` installs it with its declared dependencies;
#   4. `orrery --version` answers from PATH with the jar's version; the bash and zsh completions
#      are installed and complete `orrery dep` to `orrery deploy`;
#   5. the installed program, started with no arguments under Xvfb, opens its window: the window
#      is the program's own (_NET_WM_PID), it gets painted, and a screenshot of it is not blank;
#   5b. the CDS archive ships and is used (-Xshare:on), a stale, missing or damaged one only costs
#      speed (window opens, --version prints only the version), postinst repairs/drops it;
#   6. `apt-get remove orrery` takes away /opt/orrery, /usr/bin/orrery and the menu entry.
# It prints the figures: installer size, installed size, and the time from starting the
# installed program to its window being mapped and to its first painted frame (medians of 5
# starts, ORRERY_CI_STARTS to change). They are printed, never judged: a slow machine passes.
#
# Needs (apt): fakeroot xvfb x11-utils imagemagick, a JDK 17 with jlink/jpackage, Maven.
# usage: installer/linux/ci-check.sh [--jar target/orrery-VERSION.jar]   (default: the built jar,
#        or build.sh runs `mvn package` when there is none)
#        installer/linux/ci-check.sh --deb installer/out/linux/orrery_VERSION-1_amd64.deb
#        (checks an already built package: no build, steps 3-6 only)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/installer/out/linux"
WORK="$ROOT/installer/out/ci"
STARTS=${ORRERY_CI_STARTS:-5}   # timed starts of the installed program (the figures are medians)
WINDOW_WAIT_S=${ORRERY_CI_WINDOW_WAIT_S:-60}   # bounded waits: generous, the machine may be busy
PAINT_WAIT_S=${ORRERY_CI_PAINT_WAIT_S:-30}

fail() { echo "ci-check: FAIL: $*" >&2; exit 1; }
step() { echo "ci-check: $*"; }
ms_now() { echo $(( $(date +%s%N) / 1000000 )); }

[ "$(id -u)" = 0 ] || fail "run as root (it installs and removes the package)"
for t in Xvfb xwininfo xprop import dpkg-query apt-get; do
  command -v "$t" >/dev/null || fail "'$t' is missing (apt-get install fakeroot xvfb x11-utils imagemagick)"
done
# Debian's ImageMagick; /usr/local/bin/convert may be something else.
IM=/usr/bin/convert
[ -x "$IM" ] || IM=$(command -v convert) || fail "ImageMagick's convert is missing (apt-get install imagemagick)"

JAR_ARGS=()
GIVEN_DEB=""
if [ "${1:-}" = "--deb" ]; then
  GIVEN_DEB=$(realpath "${2:?--deb needs a path}")   # skip steps 1-2: check this built package
elif [ "${1:-}" = "--jar" ]; then
  JAR_ARGS=(--jar "${2:?--jar needs a path}")
else
  shopt -s nullglob
  for j in "$ROOT"/target/orrery-*.jar; do
    case "$(basename "$j")" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) JAR_ARGS=(--jar "$j") ;; esac
  done
  shopt -u nullglob
fi

APP_PID="" XVFB_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  if dpkg-query -W -f='${Status}' orrery 2>/dev/null | grep -q 'ok installed'; then
    apt-get remove -y -qq orrery >/dev/null 2>&1 || true
  fi
  dpkg --purge orrery >/dev/null 2>&1 || true
}
trap cleanup EXIT

# A package left from an earlier run would make every later check meaningless.
cleanup
rm -rf "$WORK"
mkdir -p "$WORK"

if [ -z "$GIVEN_DEB" ]; then
# --- 1. no fakeroot, no build --------------------------------------------------------------------
# Hide fakeroot in a private mount namespace (bind /dev/null over it: no longer executable) and
# check the build stops at once with the reason, instead of "succeeding" without a .deb.
fr=$(command -v fakeroot) || fail "fakeroot is missing: the .deb cannot be built (apt-get install fakeroot)"
if unshare --mount true 2>/dev/null; then
  set +e
  msg=$(unshare --mount bash -c 'mount --bind /dev/null "$1" && shift && "$@"' _ "$fr" \
        "$ROOT/installer/linux/build.sh" "${JAR_ARGS[@]}" --no-rpm 2>&1)
  rc=$?
  set -e
  [ "$rc" != 0 ] || fail "build.sh exited 0 with fakeroot hidden"
  grep -q 'fakeroot is missing or does not run' <<<"$msg" || fail "build.sh without fakeroot failed for another reason: $msg"
  step "without fakeroot the build fails as it must: $(grep 'fakeroot' <<<"$msg" | head -1)"
else
  step "NOTE: cannot make a mount namespace here (unshare), so the no-fakeroot refusal is not exercised"
fi

# --- 2. build ------------------------------------------------------------------------------------
t0=$(ms_now)
"$ROOT/installer/linux/build.sh" "${JAR_ARGS[@]}" --no-rpm
build_ms=$(( $(ms_now) - t0 ))
shopt -s nullglob
debs=("$OUT"/orrery_*.deb)
shopt -u nullglob
[ "${#debs[@]}" = 1 ] || fail "expected one .deb in $OUT, found ${#debs[@]}"
DEB=${debs[0]}
else
  DEB=$GIVEN_DEB build_ms=0
  step "checking the given package $DEB (no build)"
fi
VERSION=$(dpkg-deb -f "$DEB" Version); VERSION=${VERSION%-*}

# --- 3. install ----------------------------------------------------------------------------------
step "apt-get install $DEB"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$DEB" > "$WORK/apt-install.log" 2>&1 \
  || { tail -30 "$WORK/apt-install.log" >&2; fail "apt-get install of $DEB failed"; }
status=$(dpkg-query -W -f='${Status}' orrery)
[ "$status" = "install ok installed" ] || fail "after install, dpkg says '$status'"
[ -x /opt/orrery/bin/Orrery ] || fail "/opt/orrery/bin/Orrery is not there"
[ -f /usr/share/applications/orrery-Orrery.desktop ] || fail "no menu entry in /usr/share/applications"
desktop=$(cat /usr/share/applications/orrery-Orrery.desktop)
grep -qx 'Exec=/opt/orrery/bin/Orrery' <<<"$desktop" || fail "menu entry does not start /opt/orrery/bin/Orrery"
grep -qx 'Icon=/opt/orrery/lib/Orrery.png' <<<"$desktop" || fail "menu entry has no Orrery icon"
grep -qx 'Categories=Development;Network;' <<<"$desktop" || fail "menu entry is not under Development;Network"
[ -s /opt/orrery/lib/Orrery.png ] || fail "the icon file is missing"

# --- 4. the command line ---------------------------------------------------------------------------
[ "$(command -v orrery)" = /usr/bin/orrery ] || fail "'orrery' on PATH is '$(command -v orrery || true)', not /usr/bin/orrery"
got=$(cd /tmp && orrery --version) || fail "orrery --version exited non-zero"
[ "$got" = "orrery $VERSION" ] || fail "orrery --version printed '$got', expected 'orrery $VERSION'"
step "orrery --version -> $got"
cli_times=()
for _ in $(seq 1 "$STARTS"); do
  t0=$(ms_now); (cd /tmp && orrery --version >/dev/null); cli_times+=("$(( $(ms_now) - t0 ))")
done
set +e
(cd /tmp && orrery no-such-command >/dev/null 2>&1)
rc=$?
set -e
[ "$rc" = 2 ] || fail "orrery no-such-command exited $rc, expected 2 (usage error)"
# Shell completion: installed for both shells, and it completes.
BASH_COMP=/usr/share/bash-completion/completions/orrery ZSH_COMP=/usr/share/zsh/vendor-completions/_orrery
[ -r "$BASH_COMP" ] || fail "no bash completion at $BASH_COMP"
[ -r "$ZSH_COMP" ] || fail "no zsh completion at $ZSH_COMP"
got=$(bash --norc -c "source $BASH_COMP; COMP_WORDS=(orrery dep); COMP_CWORD=1; COMP_LINE='orrery dep'; COMP_POINT=10; _complete_orrery; echo \"\${COMPREPLY[*]}\"" 2>/dev/null)
[ "$got" = deploy ] || fail "bash completion of 'orrery dep' gave '$got', expected 'deploy'"
step "bash completion: orrery dep -> $got"
if command -v zsh >/dev/null; then
  # A real interactive zsh (zpty types into it) with the default fpath, which holds vendor-completions.
  zout=$(zsh -f -c '
    zmodload zsh/zpty
    zpty -b z "zsh -f -i"
    zpty -w z "PS1=\"> \"; fpath=(/usr/share/zsh/vendor-completions \$fpath); autoload -Uz compinit && compinit -u -D"
    zpty -w -n z $'"'"'orrery dep\t'"'"'
    out=""
    for i in {1..600}; do
      while zpty -r -t z chunk; do out+=$chunk; done
      [[ $out == *"orrery deploy"* ]] && { print COMPLETED; zpty -d z; exit 0 }
      sleep 0.05
    done
    zpty -d z; exit 1' 2>&1) || fail "zsh completion of 'orrery dep' did not give 'orrery deploy'"
  step "zsh completion: orrery dep -> orrery deploy"
else
  step "NOTE: zsh is not installed here, so its completion is checked as a file only"
fi

# --- 5. the window under Xvfb -----------------------------------------------------------------------
n=99
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
export DISPLAY=":$n"
Xvfb "$DISPLAY" -screen 0 1280x1024x24 -nolisten tcp > "$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 100); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
xwininfo -root >/dev/null 2>&1 || fail "Xvfb did not start on $DISPLAY: $(cat "$WORK/xvfb.log")"

# The stage's window: title "Orrery". (GTK's hidden leader window is called "orrery".)
window_id() { xwininfo -name Orrery 2>/dev/null | sed -n 's/^xwininfo: Window id: \(0x[0-9a-f]*\).*/\1/p'; }
viewable() { xwininfo -name Orrery 2>/dev/null | grep -q 'Map State: IsViewable'; }
# Spread between the darkest and lightest value in the window: 0 for an unpainted/uniform window.
spread() { import -silent -window "$1" -format '%[fx:maxima-minima]' info: 2>/dev/null || echo 0; }

map_times=() paint_times=() cpu_times=()
for run in $(seq 1 "$STARTS"); do
  home=$(mktemp -d "$WORK/home.XXXX")
  t0=$(ms_now)
  # ORRERY_SANDBOX=off: time the window itself, not the first-run sandbox starting nginx and apps
  ORRERY_SANDBOX=off ORRERY_HOME="$home" /usr/bin/orrery > "$WORK/app-$run.log" 2>&1 &
  APP_PID=$!
  deadline=$(( t0 + WINDOW_WAIT_S * 1000 ))
  until viewable; do
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app-$run.log" >&2; fail "the program exited before showing a window"; }
    [ "$(ms_now)" -lt "$deadline" ] || { cat "$WORK/app-$run.log" >&2; fail "no Orrery window within ${WINDOW_WAIT_S}s"; }
    sleep 0.02
  done
  t_map=$(( $(ms_now) - t0 ))
  # CPU time the program used up to its window being mapped (all threads): a figure that does not
  # grow when other work shares the cores, unlike the wall-clock one.
  cpu_map=$(awk -v t="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / t) }' "/proc/$APP_PID/stat")
  id=$(window_id)
  deadline=$(( $(ms_now) + PAINT_WAIT_S * 1000 ))
  until awk -v s="$(spread "$id")" 'BEGIN { exit !(s > 0.05) }'; do
    [ "$(ms_now)" -lt "$deadline" ] || fail "the window stayed blank for ${PAINT_WAIT_S}s"
  done
  t_paint=$(( $(ms_now) - t0 ))
  map_times+=("$t_map") paint_times+=("$t_paint") cpu_times+=("$cpu_map")

  if [ "$run" = 1 ]; then
    wpid=$(xprop -id "$id" _NET_WM_PID | sed -n 's/.*= *//p')
    [ "$wpid" = "$APP_PID" ] || fail "the Orrery window belongs to pid '$wpid', not the started program ($APP_PID)"
    # The menu entry's StartupWMClass must be the window's class, or docks show two icons.
    wmclass=$(xprop -id "$id" WM_CLASS)
    want=$(sed -n 's/^StartupWMClass=//p' <<<"$desktop")
    grep -qF "\"$want\"" <<<"$wmclass" \
      || fail "menu entry StartupWMClass=$want but the window's $wmclass (installer/linux/resources/Orrery.desktop)"
    sleep 1   # let the first layout pass settle before the picture
    import -silent -window root "$WORK/screenshot.png"
    read -r sd colours < <("$IM" "$WORK/screenshot.png" -format '%[fx:standard_deviation] %k\n' info:)
    import -silent -window "$id" "$WORK/window.png"
    read -r wsd wcolours < <("$IM" "$WORK/window.png" -format '%[fx:standard_deviation] %k\n' info:)
    step "screenshot $WORK/screenshot.png: std dev $sd, $colours colours; the window alone: std dev $wsd, $wcolours colours"
    awk -v s="$wsd" 'BEGIN { exit !(s > 0.002) }' && [ "$wcolours" -ge 8 ] \
      || fail "the window looks blank (std dev $wsd, $wcolours colours)"
  fi
  step "start $run: window mapped after ${t_map} ms (${cpu_map} ms of CPU), first painted frame by ${t_paint} ms"

  kill "$APP_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  for _ in $(seq 1 50); do viewable || break; sleep 0.1; done
done

# --- 5b. class data sharing ----------------------------------------------------------------------------
# The archive ships and the installed launcher uses it: -Xshare:on makes the JVM stop if it cannot.
CDS=/opt/orrery/lib/app/orrery.jsa
JAVA=/opt/orrery/lib/runtime/bin/java
APP_JAR=$(ls /opt/orrery/lib/app/orrery-*.jar)
top_classes() { grep -c 'shared objects file (top)' "$1" || true; }
opens_window() {   # $1: label. One start, until its window is mapped; fails the check if none.
  local home log t0
  home=$(mktemp -d "$WORK/home.XXXX") log="$WORK/app-$1.log"
  ORRERY_SANDBOX=off ORRERY_HOME="$home" /usr/bin/orrery > "$log" 2>&1 &
  APP_PID=$!
  t0=$(ms_now)
  until viewable; do
    kill -0 "$APP_PID" 2>/dev/null || { cat "$log" >&2; fail "$1: the program exited before showing a window"; }
    [ "$(ms_now)" -lt $(( t0 + WINDOW_WAIT_S * 1000 )) ] || fail "$1: no Orrery window within ${WINDOW_WAIT_S}s"
    sleep 0.05
  done
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
  for _ in $(seq 1 50); do viewable || break; sleep 0.1; done
}
[ -s "$CDS" ] || fail "no CDS archive at $CDS (installer/linux/cds-train.sh)"
cds_bytes=$(stat -c %s "$CDS")
got=$(cd /tmp && JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load:file=$WORK/cds-on.log" orrery --version 2>"$WORK/cds-on.err") \
  || fail "with -Xshare:on the installed program does not start: $(cat "$WORK/cds-on.err")"
[ "$got" = "orrery $VERSION" ] || fail "with -Xshare:on, orrery --version printed '$got'"
n=$(top_classes "$WORK/cds-on.log")
[ "$n" -gt 0 ] || fail "orrery --version loaded no class from the app's CDS archive"
step "CDS archive ($(( cds_bytes / 1048576 )) MiB) in use: orrery --version took $n classes from it"
# Where the time goes: one start with class loading logged (the breakdown; never judged).
JBIN=${JAVA_HOME:+$JAVA_HOME/bin/}
"${JBIN}java" "$ROOT/src/it/java/dev/orrery/bench/StartupBenchmark.java" --runs 0 -- /usr/bin/orrery > "$WORK/breakdown.txt" 2>&1 \
  || { cat "$WORK/breakdown.txt" >&2; fail "StartupBenchmark could not start the window"; }
n=$(sed -n 's/.*mapped: \([0-9]*\), \([0-9]*\) of them from a CDS archive.*/\2/p' "$WORK/breakdown.txt")
[ "${n:-0}" -gt 0 ] || { cat "$WORK/breakdown.txt" >&2; fail "the window's start took no class from a CDS archive"; }

# A stale archive (the jar is not the one it was made for) or none at all only costs speed: the
# window still opens and --version prints exactly the version (no JVM warning on stdout).
cp -p "$APP_JAR" "$WORK/jar.bak"
touch "$APP_JAR"
got=$(cd /tmp && JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$WORK/cds-stale.log" orrery --version 2>/dev/null) || fail "with a stale CDS archive orrery --version failed"
[ "$got" = "orrery $VERSION" ] || fail "with a stale CDS archive orrery --version printed '$got'"
[ "$(top_classes "$WORK/cds-stale.log")" = 0 ] || fail "a stale CDS archive was used"
opens_window stale-archive
touch -r "$WORK/jar.bak" "$APP_JAR"
mv "$CDS" "$WORK/orrery.jsa"
got=$(cd /tmp && orrery --version 2>/dev/null) || fail "without the CDS archive orrery --version failed"
[ "$got" = "orrery $VERSION" ] || fail "without the CDS archive orrery --version printed '$got'"
opens_window no-archive
# Cut short after installing (JDK 17 dies of SIGBUS mapping such an archive): the launcher sees the
# size is not the one it was made with and starts without it; so for the runtime's own archive.
cp -p "$WORK/orrery.jsa" "$CDS"
head -c 1000000 "$WORK/orrery.jsa" > "$CDS"
got=$(cd /tmp && orrery --version 2>&1) || fail "with a cut-short CDS archive orrery --version failed: $got"
[ "$got" = "orrery $VERSION" ] || fail "with a cut-short CDS archive orrery --version printed '$got'"
opens_window cut-short-archive
BASE_CDS=/opt/orrery/lib/runtime/lib/server/classes.jsa
cp -p "$BASE_CDS" "$WORK/classes.jsa"
head -c 1000000 "$WORK/classes.jsa" > "$BASE_CDS"
got=$(cd /tmp && orrery --version 2>&1) || fail "with the runtime's CDS archive cut short orrery --version failed: $got"
[ "$got" = "orrery $VERSION" ] || fail "with the runtime's CDS archive cut short orrery --version printed '$got'"
cp -p "$WORK/classes.jsa" "$BASE_CDS"
step "a cut-short CDS archive (the app's or the runtime's) only costs speed: the launcher starts without it"
# A damaged one is also found and removed when installed (postinst).
touch "$APP_JAR"   # stale as well: postinst puts the jar's time back
/var/lib/dpkg/info/orrery.postinst configure > "$WORK/postinst.log" 2>&1 || { cat "$WORK/postinst.log" >&2; fail "postinst failed with a damaged archive"; }
[ ! -e "$CDS" ] || fail "postinst kept a damaged CDS archive"
grep -q 'class-data archive does not fit' "$WORK/postinst.log" || fail "postinst did not say it removed the archive"
opens_window damaged-archive
cp -p "$WORK/orrery.jsa" "$CDS"
/var/lib/dpkg/info/orrery.postinst configure > "$WORK/postinst.log" 2>&1 || fail "postinst failed: $(cat "$WORK/postinst.log")"
[ -s "$CDS" ] || fail "postinst removed a good CDS archive after the jar's time changed: $(cat "$WORK/postinst.log")"
JAVA_TOOL_OPTIONS="-Xshare:on" "$JAVA" -XX:SharedArchiveFile="$CDS" -cp "$APP_JAR" dev.orrery.Launcher --version >/dev/null 2>&1 \
  || fail "postinst did not make the CDS archive fit the jar again"
step "a stale, a missing and a damaged CDS archive each cost only speed; postinst sets the jar's time back and drops an archive that does not map"

# --- figures -------------------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
deb_bytes=$(stat -c %s "$DEB")
inst_kib=$(dpkg-query -W -f='${Installed-Size}' orrery)
du_opt=$(du -sh /opt/orrery | cut -f1)
du_runtime=$(du -sh /opt/orrery/lib/runtime | cut -f1)

# --- 6. remove -----------------------------------------------------------------------------------------
step "apt-get remove orrery"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q orrery > "$WORK/apt-remove.log" 2>&1 \
  || { tail -20 "$WORK/apt-remove.log" >&2; fail "apt-get remove orrery failed"; }
status=$(dpkg-query -W -f='${Status}' orrery 2>/dev/null || true)
case "$status" in *"ok installed"*) fail "after remove, dpkg still says '$status'" ;; esac
[ ! -e /opt/orrery ] || fail "/opt/orrery is still there after remove"
[ ! -e /usr/bin/orrery ] && [ ! -L /usr/bin/orrery ] || fail "/usr/bin/orrery is still there after remove"
[ ! -e /usr/share/applications/orrery-Orrery.desktop ] || fail "the menu entry is still there after remove"
! command -v orrery >/dev/null || fail "'orrery' still answers on PATH after remove"
[ ! -e "$BASH_COMP" ] && [ ! -L "$BASH_COMP" ] || fail "the bash completion is still there after remove"
[ ! -e "$ZSH_COMP" ] && [ ! -L "$ZSH_COMP" ] || fail "the zsh completion is still there after remove"
dpkg --purge orrery >/dev/null 2>&1 || true

cat <<EOF
ci-check: figures (this machine)
  installer           $(basename "$DEB"): $deb_bytes bytes ($(( deb_bytes / 1048576 )) MiB)
  installed size      dpkg Installed-Size $inst_kib KiB; du -sh /opt/orrery $du_opt (runtime $du_runtime)
  build               build.sh (jlink + jpackage, jar given) $(( build_ms / 1000 )) s
  orrery --version             ${cli_times[*]} ms (median $(median "${cli_times[@]}") ms)
  start -> window mapped       ${map_times[*]} ms (median $(median "${map_times[@]}") ms)
  start -> first painted frame ${paint_times[*]} ms (median $(median "${paint_times[@]}") ms)
  CPU used until mapped        ${cpu_times[*]} ms (median $(median "${cpu_times[@]}") ms)
  CDS archive                  $CDS $cds_bytes bytes ($(( cds_bytes / 1048576 )) MiB)
$(sed -n '/breakdown of one more start/,$p' "$WORK/breakdown.txt")
  load average at the end      $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores
  (measured outside the program: from launching /usr/bin/orrery to xwininfo seeing the "Orrery"
   window IsViewable, polled every ~20 ms; then to the first capture of that window that is not one
   flat colour, polled by ImageMagick import, ~60-200 ms per poll; CPU = utime+stime of the
   program's process from /proc when the window was first seen mapped)
ci-check: PASS
EOF
