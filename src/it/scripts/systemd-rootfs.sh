#!/usr/bin/env bash
# Builds, once, the Debian root filesystem that systemd-booted test hosts start from
# (dev.orrery.it.SystemdHosts), and prints its path as the last line of its output.
#
#   src/it/scripts/systemd-rootfs.sh            build if not cached; print the path
#   ORRERY_IT_CACHE=/some/dir ...               cache somewhere else (default /var/cache/orrery-it)
#   ORRERY_IT_SUITE=trixie ...                  another Debian suite (default: this machine's own)
#
# The cache entry is named after a hash of this script (which holds the package list and every
# change made to the tree) and of the suite, so editing either builds a new one. It is built in
# a temporary directory and renamed into place only when complete: an interrupted build never
# leaves a half cache, and the next run starts over. A lock lets parallel runs (CI, several
# Maven builds) wait for one build instead of making two. Needs root and debootstrap.
set -euo pipefail

# What every systemd test host has: systemd as init, journald, dbus, sshd as a service, sudo
# for the hardened login user, nginx (a balancer), node (the test app), curl (Orrery's health
# checks on the host), iptables (deploy.ConnectionGate), nftables (the host firewall), perl (its
# modules: the delta upload's file copies, as on any droplet image), iproute2 and procps (ss, ps,
# kill for the tests' checks).
PACKAGES=systemd,systemd-sysv,dbus,openssh-server,sudo,nginx-light,nodejs,curl,ca-certificates,iptables,nftables,perl,iproute2,procps

cache=${ORRERY_IT_CACHE:-/var/cache/orrery-it}

die() { echo "systemd-rootfs: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (debootstrap)"
command -v debootstrap >/dev/null || die "needs debootstrap (apt-get install debootstrap)"

# The Debian archive this machine's apt uses, and its suite: the first "deb" source of the
# Debian archive (deb822 .sources or one-line .list), skipping -security/-updates suites.
read_source() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'BEGIN { RS = ""; FS = "\n" }
             { uri = ""; suites = ""; deb = 0
               for (i = 1; i <= NF; i++) {
                 if ($i ~ /^Types:.*(^|[ \t])deb([ \t]|$)/) deb = 1
                 if ($i ~ /^URIs:/) { split($i, a, /[ \t]+/); uri = a[2] }
                 if ($i ~ /^Suites:/) { n = split($i, s, /[ \t]+/)
                   for (j = 2; j <= n; j++) if (s[j] !~ /-/) { suites = s[j]; break } } }
               if (deb && uri ~ /debian\/?$/ && suites != "") { print uri, suites; exit } }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk '$1 == "deb" && $2 !~ /^\[/ && $2 ~ /debian\/?$/ && $3 !~ /-/ { print $2, $3; exit }
             $1 == "deb" && $2 ~ /^\[/ && $3 ~ /debian\/?$/ && $4 !~ /-/ { print $3, $4; exit }' "$f"
    done
}
set -- $(read_source | head -n 1)
mirror=${1:-http://deb.debian.org/debian}
suite=${ORRERY_IT_SUITE:-${2:-stable}}

hash=$( (cat "$0"; echo "$suite") | sha256sum | cut -c1-16)
final="$cache/rootfs-$suite-$hash"
mkdir -p "$cache"

exec 9>"$cache/.lock"
flock 9
if [ -x "$final/lib/systemd/systemd" ]; then
    echo "systemd-rootfs: cached ($suite, $mirror)" >&2
    echo "$final"
    exit 0
fi

# Leftovers of interrupted builds (we hold the lock: nobody else is building).
rm -rf --one-file-system "$cache"/.build-*
tmp=$(mktemp -d "$cache/.build-XXXXXX")
trap 'rm -rf --one-file-system "$tmp"' EXIT
echo "systemd-rootfs: building $suite from $mirror into $final (a few minutes, once)" >&2
start=$(date +%s)
if ! debootstrap --variant=minbase --include="$PACKAGES" "$suite" "$tmp" "$mirror" >"$cache/build.log" 2>&1; then
    tail -n 20 "$cache/build.log" >&2
    die "debootstrap $suite from $mirror failed (log: $cache/build.log)"
fi

# A template, not a machine: every host makes its own host keys, machine id and hostname.
rm -f "$tmp"/etc/ssh/ssh_host_*
: >"$tmp/etc/machine-id"
rm -f "$tmp/var/lib/dbus/machine-id"
echo template >"$tmp/etc/hostname"
# nginx is installed everywhere but runs only where a test makes the host a balancer.
chroot "$tmp" systemctl disable nginx.service >/dev/null 2>&1
# No console in a test host: nothing to log in on.
chroot "$tmp" systemctl mask getty@tty1.service console-getty.service serial-getty@.service >/dev/null 2>&1
# Hosts read the journal through journalctl; keep it in memory (a stopped host leaves no files to read).
mkdir -p "$tmp/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=volatile\nRuntimeMaxUse=16M\n' >"$tmp/etc/systemd/journald.conf.d/orrery-it.conf"
chroot "$tmp" apt-get clean
rm -rf "$tmp"/var/lib/apt/lists/* "$tmp"/var/cache/apt/*.bin "$tmp"/var/log/*.log

chmod 0755 "$tmp"
mv -T "$tmp" "$final"
trap - EXIT
# Root filesystems of earlier versions of this script, unless a running host still has one as
# its overlay's lower layer.
for old in "$cache"/rootfs-*; do
    [ "$old" = "$final" ] && continue
    grep -qs "lowerdir=$old[,: ]" /proc/[0-9]*/mountinfo || rm -rf --one-file-system "$old"
done
echo "systemd-rootfs: built in $(( $(date +%s) - start )) s" >&2
echo "$final"
