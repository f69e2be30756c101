#!/bin/sh
# Orrery's launcher, installed as /opt/orrery/bin/Orrery (/usr/bin/orrery and the menu entry start
# it) in place of the native one jpackage makes: that one (JDK 17) asks rpm and dpkg which package
# owns it at every start (`dpkg -S` reads the whole package database: about 200 ms of CPU before
# Java even starts). This one reads the same lib/app/Orrery.cfg (jpackage wrote it, cds-train.sh
# added the class-data archive to it) and starts the bundled Java as jpackage's launcher would:
# the cfg's java-options, class path and main class, and -Djpackage.app-path/-app-version.
# Besides:
#   - The class-data archives (the runtime's lib/server/classes.jsa, the app's lib/app/orrery.jsa)
#     are used only when their sizes are the ones recorded when they were made (orrery.jsa.size):
#     JDK 17 maps a cut-short archive and dies of SIGBUS when it touches the missing part. A
#     damaged or missing archive only costs speed. ORRERY_CDS=off starts without them.
#   - The command line (any arguments but one cluster file to open) compiles with C1 only
#     (-XX:TieredStopAtLevel=1) and collects with the serial GC: its runs are short and its heap
#     small; C2 and G1's threads would spend the CPU they need on setting up. The window keeps
#     both compilers and G1.
# build.sh copies it over the image's bin/Orrery; installer/linux/ci-check.sh checks it.
set -u

self=$0
if [ -L "$self" ]; then
  self=$(readlink -f -- "$self") || { echo "orrery: cannot resolve $0" >&2; exit 1; }
fi
case $self in */*) bin=${self%/*} ;; *) bin=. ;; esac
root=${bin%/*}
[ -n "$root" ] || root=/
app=$root/lib/app
java=$root/lib/runtime/bin/java
cfg=$app/Orrery.cfg

# $APPDIR, $BINDIR and $ROOTDIR in a cfg value, as jpackage's launcher expands them, into $expanded
# (a variable, not printed: $(...) would cost a fork per line).
expand() {
  rest=$1 out=
  while :; do
    case $rest in
      *'$APPDIR'*) pre=${rest%%'$APPDIR'*}; rest=${rest#*'$APPDIR'}; out=$out$pre$app ;;
      *'$BINDIR'*) pre=${rest%%'$BINDIR'*}; rest=${rest#*'$BINDIR'}; out=$out$pre$bin ;;
      *'$ROOTDIR'*) pre=${rest%%'$ROOTDIR'*}; rest=${rest#*'$ROOTDIR'}; out=$out$pre$root ;;
      *) break ;;
    esac
  done
  expanded=$out$rest
}

# Is this start the window? No arguments, or one cluster file (as dev.orrery.Launcher decides).
window=0
if [ $# -eq 0 ]; then
  window=1
elif [ $# -eq 1 ]; then
  case $1 in *.json) [ -f "$1" ] && window=1 ;; esac
fi

# The archives' sizes now and when they were made (orrery.jsa.size: "BASE APP"); one stat for both.
use_app_cds=0 use_base_cds=1
if [ "${ORRERY_CDS:-}" = off ]; then
  use_base_cds=0
elif [ -r "$app/orrery.jsa.size" ]; then
  want_base=x want_app=x
  read -r want_base want_app < "$app/orrery.jsa.size" || true
  got=$(stat -L -c %s -- "$root/lib/runtime/lib/server/classes.jsa" "$app/orrery.jsa" 2>/dev/null)
  case $got in
    "$want_base
$want_app") use_app_cds=1 ;;
    "$want_base"|"$want_base
"*) ;;
    *) use_base_cds=0 ;;
  esac
fi

# The java options, in front of the program's own arguments ("$@" is the only list sh has: the
# options are appended after the arguments, then the arguments rotated to the end).
nargs=$#
classpath= main=
while IFS= read -r line || [ -n "$line" ]; do
  case $line in
    app.classpath=*) expand "${line#app.classpath=}"; classpath=${classpath:+$classpath:}$expanded ;;
    app.mainclass=*) main=${line#app.mainclass=} ;;
    java-options=-XX:SharedArchiveFile=*)
      if [ "$use_app_cds" = 1 ]; then expand "${line#java-options=}"; set -- "$@" "$expanded"; fi ;;
    java-options=*) expand "${line#java-options=}"; set -- "$@" "$expanded" ;;
  esac
done < "$cfg"
[ -n "$classpath" ] && [ -n "$main" ] || { echo "orrery: $cfg names no class path or main class" >&2; exit 1; }
[ "$use_base_cds" = 1 ] || set -- "$@" -Xshare:off
[ "$window" = 1 ] || set -- "$@" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
set -- "$@" "-Djpackage.app-path=$root/bin/Orrery" -cp "$classpath" "$main"
i=0
while [ "$i" -lt "$nargs" ]; do
  set -- "$@" "$1"
  shift
  i=$((i + 1))
done
exec "$java" "$@"
