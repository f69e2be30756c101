#!/bin/sh
# Boots one systemd test host (dev.orrery.it.SystemdBoot): systemd as PID 1 of its own PID
# namespace, in the network namespace NETNS, on an overlay of the cached root filesystem
# (systemd-rootfs.sh) whose writable layer is DIR/upper. Runs in the foreground until that
# systemd exits; stopping it (SIGRTMIN+4 to its PID 1, or SIGKILL) ends every process of the
# host, and its mounts go with its mount namespace: nothing is left on this machine but DIR.
#
#   systemd-boot.sh ROOTFS DIR NETNS CGROUP AUTHORIZED_KEYS
#
# CGROUP is a path under this machine's cgroup2 hierarchy made for this host alone: the host's
# cgroup namespace starts there, so its systemd sees (and manages) only its own subtree, as in
# any container. Needs root and util-linux (unshare, nsenter).
set -eu

if [ "${1:-}" != --inside ]; then
    rootfs=$1 dir=$2 netns=$3 cgroup=$4 keys=$5
    unified=/sys/fs/cgroup
    [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ] || unified=/sys/fs/cgroup/unified
    [ "$(stat -fc %T "$unified" 2>/dev/null)" = cgroup2fs ] || { echo "no cgroup2 hierarchy on this machine" >&2; exit 1; }
    mkdir -p "$unified/$cgroup"
    echo $$ >"$unified/$cgroup/cgroup.procs"
    mkdir -p "$dir/upper" "$dir/work" "$dir/merged"
    # The PID namespace's first process runs this script again (--inside), then becomes systemd.
    exec nsenter --net="/run/netns/$netns" -- \
        unshare --mount --propagation private --uts --ipc --cgroup --pid --fork -- \
        "$0" --inside "$rootfs" "$dir" "$keys"
fi

rootfs=$2 dir=$3 keys=$4
m=$dir/merged
mount -t overlay overlay -o "lowerdir=$rootfs,upperdir=$dir/upper,workdir=$dir/work" "$m"
mount -t proc proc "$m/proc"
# /sys read-only, as in a container: systemd then starts no udev and touches no device.
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$m/sys"
mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$m/sys/fs/cgroup"
# A /dev of its own with the few devices a server needs (as systemd-nspawn makes it).
mount -t tmpfs -o mode=755,nosuid,size=1m dev "$m/dev"
for d in null zero full random urandom tty; do
    : >"$m/dev/$d"
    mount --bind "/dev/$d" "$m/dev/$d"
done
: >"$m/dev/console"
mount --bind /dev/null "$m/dev/console"
mkdir -p "$m/dev/pts" "$m/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620,gid=5 devpts "$m/dev/pts"
ln -s pts/ptmx "$m/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$m/dev/shm"
ln -s /proc/self/fd "$m/dev/fd"
ln -s /proc/self/fd/0 "$m/dev/stdin"
ln -s /proc/self/fd/1 "$m/dev/stdout"
ln -s /proc/self/fd/2 "$m/dev/stderr"
# The run's authorized keys, read-only: a key the test adds later is let in at once.
: >"$m/etc/ssh/orrery-it-authorized_keys"
mount --bind -o ro "$keys" "$m/etc/ssh/orrery-it-authorized_keys"
hostname "$(cat "$m/etc/hostname")"
# container=: systemd's own convention for "you are in a container" (no udev, no console setup).
exec env -i container=orrery-it PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    chroot "$m" /lib/systemd/systemd --system --log-target=journal-or-kmsg --show-status=no
