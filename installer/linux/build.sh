#!/usr/bin/env bash
# Builds Orrery's Linux installers from a clean checkout:
#   installer/out/linux/orrery_<version>-1_amd64.deb        always (or the script fails)
#   installer/out/linux/orrery-<version>-1.x86_64.rpm       when rpmbuild is installed
# The package installs the app to /opt/orrery (launcher /opt/orrery/bin/Orrery, its own trimmed
# Java runtime made by jlink), a menu entry (Development;Network) with Orrery's icon, and the
# `orrery` command on PATH (/usr/bin/orrery, a link made by the package's postinst).
#
# Needs: JDK 17+ with jlink/jpackage (JAVA_HOME or PATH), Maven 3.8+, fakeroot and dpkg-deb
# (Debian: apt-get install fakeroot); optionally rpmbuild (Debian: apt-get install rpm).
#
# usage: installer/linux/build.sh [--jar target/orrery-VERSION.jar] [--no-rpm]
#   --jar     use an already built shaded jar instead of running `mvn -B package`
#   --no-rpm  build only the .deb
set -euo pipefail

die() { echo "installer/linux/build.sh: ERROR: $*" >&2; exit 1; }
note() { echo "==> $*"; }

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/installer/linux"
OUT="$ROOT/installer/out/linux"
JAR=""
WANT_RPM=1
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$(realpath "${2:?--jar needs a path}"); shift 2 ;;
    --no-rpm) WANT_RPM=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

# --- tools -------------------------------------------------------------------------------------
if [ -n "${JAVA_HOME:-}" ]; then JBIN="$JAVA_HOME/bin/"; else JBIN=""; fi
for t in java javac jdeps jlink jpackage; do
  command -v "${JBIN}$t" >/dev/null || die "'${JBIN}$t' not found: a full JDK 17+ is needed (set JAVA_HOME)"
done
jver=$("${JBIN}java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${jver%%.*}" -ge 17 ] 2>/dev/null || die "JDK 17 or newer needed, found '$jver'"
# jpackage runs dpkg-deb under fakeroot and, when fakeroot is missing, only says "DEB Bundle
# skipped". Refuse to start instead; and run it, since a file that is there may still not work.
fakeroot true >/dev/null 2>&1 \
  || die "fakeroot is missing or does not run: jpackage would skip the .deb (apt-get install fakeroot)"
command -v dpkg-deb >/dev/null || die "dpkg-deb is not installed (apt-get install dpkg)"
HAVE_RPM=0
if [ "$WANT_RPM" = 1 ]; then
  if command -v rpmbuild >/dev/null; then HAVE_RPM=1; else
    echo "NOTE: rpmbuild not found, so no .rpm is built (Debian/Ubuntu: apt-get install rpm)" >&2
  fi
fi

# --- the shaded jar ----------------------------------------------------------------------------
if [ -z "$JAR" ]; then
  command -v mvn >/dev/null || die "mvn not found (Maven 3.8+), or pass --jar"
  note "mvn -B -q package -DskipTests"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
  shopt -s nullglob
  jars=()
  for j in "$ROOT"/target/orrery-*.jar; do
    case "$(basename "$j")" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) jars+=("$j") ;; esac
  done
  shopt -u nullglob
  [ "${#jars[@]}" = 1 ] || die "expected one target/orrery-VERSION.jar, found: ${jars[*]:-none}"
  JAR=${jars[0]}
fi
[ -f "$JAR" ] || die "no jar at $JAR"
VERSION=$(unzip -p "$JAR" dev/orrery/version.properties 2>/dev/null | sed -n 's/^version=//p' | tr -d '\r')
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] \
  || die "version '$VERSION' from $JAR is not N.N.N (jpackage needs a numeric version; a -SNAPSHOT jar cannot be packaged)"
# (grep on a captured listing, not a pipe: grep -q closing early would fail the pipe under pipefail)
jarlist=$(unzip -l "$JAR")
grep -q 'libglassgtk3.so$' <<<"$jarlist" \
  || die "$JAR carries no JavaFX Linux natives (libglassgtk3.so): build the jar on Linux"
note "packaging $(basename "$JAR") (version $VERSION)"

rm -rf "$OUT"
mkdir -p "$OUT/input"
cp "$JAR" "$OUT/input/"
# sqlite-jdbc carries its native library for 20-odd systems (about 19 MiB); this package runs on
# one. (The jar is left whole when zip is missing: only the size differs.)
case "$(uname -m)" in x86_64) SQLITE_NATIVE=Linux/x86_64 ;; aarch64) SQLITE_NATIVE=Linux/aarch64 ;; *) SQLITE_NATIVE="" ;; esac
if [ -n "$SQLITE_NATIVE" ] && command -v zip >/dev/null; then
  others=$(unzip -Z1 "$JAR" | grep '^org/sqlite/native/.*[^/]$' | grep -v "^org/sqlite/native/$SQLITE_NATIVE/" || true)
  grep -q . <<<"$others" && zip -q -d "$OUT/input/$(basename "$JAR")" $others
  kept=$(unzip -Z1 "$OUT/input/$(basename "$JAR")")
  grep -q "^org/sqlite/native/$SQLITE_NATIVE/" <<<"$kept" \
    || die "trimming sqlite's natives left none for $SQLITE_NATIVE"
else
  echo "NOTE: zip not found (or no sqlite native for $(uname -m)): the jar keeps every system's sqlite library" >&2
fi
JAR="$OUT/input/$(basename "$JAR")"

# --- trimmed runtime ---------------------------------------------------------------------------
found=$("${JBIN}jdeps" --print-module-deps --ignore-missing-deps --multi-release "${jver%%.*}" "$JAR" | tail -1)
[ -n "$found" ] || die "jdeps found no modules in $JAR"
extra=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$ROOT/installer/common/extra-modules.txt" | tr -d ' ' | paste -sd, -)
MODULES=$(tr , '\n' <<<"$found,$extra" | sort -u | paste -sd, -)
note "jlink --add-modules $MODULES"
# --generate-cds-archive: the JDK's own classes pre-parsed (lib/server/classes.jsa), the base the
# app's archive (below) is laid on.
"${JBIN}jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --generate-cds-archive --output "$OUT/runtime"
# The runtime must really run the command line before it is packaged.
got=$("$OUT/runtime/bin/java" -jar "$JAR" --version) || die "the jlink runtime cannot run $JAR --version"
[ "$got" = "orrery $VERSION" ] || die "the jlink runtime printed '$got', expected 'orrery $VERSION'"
# Algorithms looked up by name (SSH keys and key exchange, TLS) that jdeps cannot see.
"${JBIN}javac" --release 17 -d "$OUT/runtime-check" "$ROOT/installer/common/RuntimeCheck.java"
"$OUT/runtime/bin/java" -cp "$OUT/runtime-check:$JAR" RuntimeCheck \
  || die "the jlink runtime lacks what Orrery needs (above): add the module to installer/common/extra-modules.txt"

# --- shell completion --------------------------------------------------------------------------
# Generated from the jar's own command tree (picocli), so it always matches the commands; the
# package links it into bash-completion's and zsh's folders (postinst).
mkdir -p "$OUT/input/completion"
"$OUT/runtime/bin/java" -jar "$JAR" completion bash > "$OUT/input/completion/orrery.bash" \
  || die "the jar could not generate its bash completion (orrery completion bash)"
grep -q '_complete_orrery' "$OUT/input/completion/orrery.bash" || die "orrery completion bash printed no completion function"
cp "$HERE/completion/_orrery" "$OUT/input/completion/_orrery"

# --- packages ----------------------------------------------------------------------------------
# JavaFX's natives travel inside the jar, so jpackage cannot see what they link against; these are
# the packages that own the libraries they need (ldd of libglassgtk3, libprism_es2,
# libjavafx_font_pango/freetype, libglass on Debian 12). jpackage adds the runtime's own (libc6,
# libx11-6, libxext6, ...) by itself.
FX_DEPS="libgtk-3-0, libglib2.0-0, libpango-1.0-0, libpangocairo-1.0-0, libpangoft2-1.0-0, libcairo2, libcairo-gobject2, libgdk-pixbuf-2.0-0, libatk1.0-0, libfreetype6, libfontconfig1, libx11-6, libxtst6, libxxf86vm1, libgl1"
FX_RPM_DEPS="gtk3, libXtst, libXxf86vm, libglvnd-glx, freetype, fontconfig, pango, cairo, cairo-gobject, gdk-pixbuf2, atk, glib2"

names=(
  --name Orrery
  --app-version "$VERSION"
  --vendor "Orrery"
  --description "Desktop cluster manager for self-hosted Meteor and Node apps"
  --copyright "Orrery"
)
# the app image: the launcher, the jar, the runtime
image=(
  "${names[@]}"
  --input "$OUT/input"
  --main-jar "$(basename "$JAR")"
  --main-class dev.orrery.Launcher
  --runtime-image "$OUT/runtime"
  --icon "$ROOT/assets/icon/png/orrery-256.png"
)
# the packages made of that image
package=(
  "${names[@]}"
  --app-image "$OUT/image/Orrery"
  --icon "$ROOT/assets/icon/png/orrery-256.png"
  --install-dir /opt
  --resource-dir "$HERE/resources"
  --linux-package-name orrery
  --linux-app-release 1
  --linux-shortcut
  --linux-menu-group "Development;Network;"
  --dest "$OUT"
)

# --- the app image, and its class-data-sharing archive ---------------------------------------
# The image first, so the CDS archive is trained on exactly the files the package installs; the
# packages are then made from that image.
note "jpackage --type app-image"
"${JBIN}jpackage" --type app-image "${image[@]}" --dest "$OUT/image"
IMAGE="$OUT/image/Orrery"
[ -x "$IMAGE/bin/Orrery" ] || die "jpackage made no app image at $IMAGE"
# Our own launcher over jpackage's native one (which asks rpm and dpkg who owns it at every start:
# ~200 ms of CPU); it reads the same Orrery.cfg. Before the training start, so that trains with it.
install -m 755 "$HERE/launcher.sh" "$IMAGE/bin/Orrery"
rm -f "$IMAGE/lib/libapplauncher.so"
got=$(cd / && "$IMAGE/bin/Orrery" --version) || die "the launcher $IMAGE/bin/Orrery cannot run --version"
[ "$got" = "orrery $VERSION" ] || die "the launcher printed '$got', expected 'orrery $VERSION'"
"$HERE/cds-train.sh" "$IMAGE" /opt/orrery || note "no CDS archive (above): the app starts slower, nothing else"

note "jpackage --type deb"
"${JBIN}jpackage" --type deb "${package[@]}" --linux-app-category devel --linux-package-deps "$FX_DEPS"
shopt -s nullglob
debs=("$OUT"/orrery_"$VERSION"-1_*.deb)
shopt -u nullglob
[ "${#debs[@]}" = 1 ] || die "jpackage finished but no orrery_$VERSION-1_*.deb is in $OUT"
DEB=${debs[0]}
# What must be inside, and declared.
listing=$(dpkg-deb -c "$DEB")
for f in ./opt/orrery/bin/Orrery ./opt/orrery/lib/app/"$(basename "$JAR")" ./opt/orrery/lib/Orrery.png \
         ./opt/orrery/lib/orrery-Orrery.desktop ./opt/orrery/lib/runtime/bin/java \
         ./opt/orrery/lib/app/completion/orrery.bash ./opt/orrery/lib/app/completion/_orrery; do
  grep -q " $f\$" <<<"$listing" || die "$DEB lacks $f"
done
depends=$(dpkg-deb -f "$DEB" Depends)
grep -q 'libgtk-3-0' <<<"$depends" || die "$DEB does not declare libgtk-3-0"
postinst=$(dpkg-deb -I "$DEB" postinst)
grep -q 'ln -sfn /opt/orrery/bin/Orrery /usr/bin/orrery' <<<"$postinst" || die "$DEB postinst does not link /usr/bin/orrery"
grep -q '/usr/share/bash-completion/completions/orrery' <<<"$postinst" || die "$DEB postinst does not install the bash completion"
note "built $DEB ($(du -h "$DEB" | cut -f1))"

if [ "$HAVE_RPM" = 1 ]; then
  note "jpackage --type rpm"
  "${JBIN}jpackage" --type rpm "${package[@]}" --linux-app-category Development --linux-package-deps "$FX_RPM_DEPS"
  shopt -s nullglob
  rpms=("$OUT"/orrery-"$VERSION"-1.*.rpm)
  shopt -u nullglob
  [ "${#rpms[@]}" = 1 ] || die "jpackage finished but no orrery-$VERSION-1.*.rpm is in $OUT"
  note "built ${rpms[0]} ($(du -h "${rpms[0]}" | cut -f1))"
fi
