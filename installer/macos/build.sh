#!/usr/bin/env bash
# Builds Orrery's macOS installer from a clean checkout, ON A MAC:
#   installer/out/macos/Orrery-<version>.dmg   (Orrery.app with its own trimmed Java runtime)
# Drag Orrery.app to Applications. The window opens from Launchpad/Finder; the command line is
# the same program given arguments:
#   /Applications/Orrery.app/Contents/MacOS/Orrery --version
#   sudo ln -sf /Applications/Orrery.app/Contents/MacOS/Orrery /usr/local/bin/orrery   # `orrery` on PATH
#
# Needs: macOS 11+, JDK 17+ for the Mac's own architecture (JAVA_HOME or PATH; an x64 JDK builds an
# Intel app, an aarch64 JDK an Apple-silicon one), Maven 3.8+, and the Xcode command line tools
# (`xcode-select --install`: jpackage uses their tools to build the .dmg). Not runnable on Linux:
# the JavaFX jars on Maven Central are per OS, so `mvn package` must run on the Mac for the shaded
# jar to carry JavaFX's macOS natives (libglass.dylib, ...), and jpackage only makes a .dmg on macOS.
# The app is not signed or notarised (pass your own --mac-sign options to jpackage for that):
# the first start needs right-click > Open.
#
# usage: installer/macos/build.sh [--jar target/orrery-VERSION.jar]
set -euo pipefail

die() { echo "installer/macos/build.sh: ERROR: $*" >&2; exit 1; }
note() { echo "==> $*"; }

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/installer/out/macos"
JAR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$(cd "$(dirname "${2:?--jar needs a path}")" && pwd)/$(basename "$2"); shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

[ "$(uname -s)" = Darwin ] || die "this builds the macOS .dmg and runs on macOS only (Linux: installer/linux/build.sh)"
xcode-select -p >/dev/null 2>&1 || die "the Xcode command line tools are missing: run xcode-select --install"
for t in hdiutil codesign /usr/libexec/PlistBuddy; do
  command -v "$t" >/dev/null || [ -x "$t" ] || die "'$t' not found (part of macOS / the Xcode command line tools)"
done
if [ -n "${JAVA_HOME:-}" ]; then JBIN="$JAVA_HOME/bin/"; else JBIN=""; fi
for t in java javac jdeps jlink jpackage; do
  command -v "${JBIN}$t" >/dev/null || die "'${JBIN}$t' not found: a full JDK 17+ is needed (set JAVA_HOME)"
done
jver=$("${JBIN}java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ "${jver%%.*}" -ge 17 ] 2>/dev/null || die "JDK 17 or newer needed, found '$jver'"

# --- the shaded jar ----------------------------------------------------------------------------
if [ -z "$JAR" ]; then
  command -v mvn >/dev/null || die "mvn not found (Maven 3.8+), or pass --jar"
  note "mvn -B -q package -DskipTests"
  (cd "$ROOT" && mvn -B -q package -DskipTests)
  JAR=$(ls "$ROOT"/target/orrery-*.jar | grep -Ev -- '-(sources|javadoc|tests)\.jar$' | head -1)
fi
[ -f "$JAR" ] || die "no jar at '$JAR'"
VERSION=$(unzip -p "$JAR" dev/orrery/version.properties | sed -n 's/^version=//p' | tr -d '\r')
[[ "$VERSION" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] || die "version '$VERSION' from $JAR is not N.N.N"
jarlist=$(unzip -l "$JAR")
grep -q 'libglass.dylib$' <<<"$jarlist" \
  || die "$JAR carries no JavaFX macOS natives (libglass.dylib): it was built on another OS; run mvn package on this Mac"

# jpackage on macOS refuses a bundle version whose first number is 0 (CFBundleVersion rules). For a
# 0.Y.Z release the bundle is built as 1.Y.Z, then the version people see in Finder
# (CFBundleShortVersionString) is set back to the real one; the .dmg carries the real one.
BUNDLE_VERSION=$VERSION
if [ "${BASH_REMATCH[1]}" = 0 ]; then BUNDLE_VERSION="1.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}"; fi
note "packaging $(basename "$JAR") (version $VERSION, bundle version $BUNDLE_VERSION)"

rm -rf "$OUT"
mkdir -p "$OUT/input" "$OUT/image"
cp "$JAR" "$OUT/input/"

# --- trimmed runtime ---------------------------------------------------------------------------
found=$("${JBIN}jdeps" --print-module-deps --ignore-missing-deps --multi-release "${jver%%.*}" "$JAR" | tail -1)
[ -n "$found" ] || die "jdeps found no modules in $JAR"
extra=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$ROOT/installer/common/extra-modules.txt" | tr -d ' ' | paste -sd, -)
MODULES=$(tr , '\n' <<<"$found,$extra" | sort -u | paste -sd, -)
note "jlink --add-modules $MODULES"
"${JBIN}jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$OUT/runtime"
got=$("$OUT/runtime/bin/java" -jar "$JAR" --version) || die "the jlink runtime cannot run $JAR --version"
[ "$got" = "orrery $VERSION" ] || die "the jlink runtime printed '$got', expected 'orrery $VERSION'"
# Algorithms looked up by name (SSH keys and key exchange, TLS) that jdeps cannot see.
"${JBIN}javac" --release 17 -d "$OUT/runtime-check" "$ROOT/installer/common/RuntimeCheck.java"
"$OUT/runtime/bin/java" -cp "$OUT/runtime-check" RuntimeCheck \
  || die "the jlink runtime lacks what Orrery needs (above): add the module to installer/common/extra-modules.txt"

# --- Orrery.app --------------------------------------------------------------------------------
note "jpackage --type app-image"
"${JBIN}jpackage" --type app-image \
  --name Orrery \
  --app-version "$BUNDLE_VERSION" \
  --vendor "Orrery" \
  --description "Desktop cluster manager for self-hosted Meteor and Node apps" \
  --copyright "Orrery" \
  --input "$OUT/input" \
  --main-jar "$(basename "$JAR")" \
  --main-class dev.orrery.Launcher \
  --runtime-image "$OUT/runtime" \
  --icon "$ROOT/assets/icon/orrery.icns" \
  --mac-package-identifier dev.orrery.Orrery \
  --mac-package-name Orrery \
  --mac-app-category developer-tools \
  --dest "$OUT/image"
APP="$OUT/image/Orrery.app"
[ -x "$APP/Contents/MacOS/Orrery" ] || die "jpackage made no $APP/Contents/MacOS/Orrery"
if [ "$BUNDLE_VERSION" != "$VERSION" ]; then
  /usr/libexec/PlistBuddy -c "Set :CFBundleShortVersionString $VERSION" "$APP/Contents/Info.plist"
  # Editing Info.plist breaks the bundle's (ad hoc) signature; Apple silicon will not run an app
  # with a broken one, so sign it again, ad hoc.
  codesign --force --deep --sign - "$APP"
fi
got=$("$APP/Contents/MacOS/Orrery" --version) || die "the app's launcher cannot run --version"
[ "$got" = "orrery $VERSION" ] || die "Orrery.app printed '$got', expected 'orrery $VERSION'"

# --- the .dmg ----------------------------------------------------------------------------------
note "jpackage --type dmg"
"${JBIN}jpackage" --type dmg \
  --name Orrery \
  --app-version "$BUNDLE_VERSION" \
  --app-image "$APP" \
  --mac-package-identifier dev.orrery.Orrery \
  --dest "$OUT"
made="$OUT/Orrery-$BUNDLE_VERSION.dmg"
[ -f "$made" ] || die "jpackage finished but $made is not there"
DMG="$OUT/Orrery-$VERSION.dmg"
[ "$made" = "$DMG" ] || mv "$made" "$DMG"
hdiutil verify "$DMG" >/dev/null || die "hdiutil cannot verify $DMG"
note "built $DMG ($(du -h "$DMG" | cut -f1))"
