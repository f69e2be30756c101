package dev.orrery.metrics;

import dev.orrery.deploy.AppLayout;
import dev.orrery.remote.Command;
import dev.orrery.remote.Shell;

/**
 * The one small command a sample runs on a server: no agent, nothing installed, one SSH exec
 * (one channel on the pooled connection) per sample. It reads the kernel's counters with shell
 * built-ins and {@code head} (one process for every /proc file, each behind a
 * {@code ==> FILE <==} header) and the local file systems with {@code df}: three processes in
 * all on the server, about 8 KB back. {@link ProcParser} reads the output.
 *
 * <p>For an app server it adds the app's own process: its pid from the portable supervisor's
 * pid file, else the systemd unit's cgroup (v2, then v1); plus that process's first child, so a
 * start script that runs {@code node} without {@code exec} still counts the node process. A pid
 * is used only if it is all digits.
 */
public final class SampleCommand {

    private SampleCommand() {
    }

    /** For a server that runs no app (balancer, database). */
    public static Command system() {
        return build(null);
    }

    /** For an app server whose app lives in {@code layout}. */
    public static Command app(AppLayout layout) {
        return build(layout);
    }

    private static Command build(AppLayout layout) {
        StringBuilder s = new StringBuilder();
        // No stderr at all: a missing pid file or cgroup is normal and must not reach the output.
        s.append("exec 2>/dev/null\n");
        // Only the cpu lines of /proc/stat (built-ins, no process): the interrupt line after them is kilobytes of zeros.
        s.append("echo '==> /proc/stat <=='\n");
        s.append("while read -r l; do case $l in cpu*) echo \"$l\" ;; *) break ;; esac; done < /proc/stat\n");
        String procs = "";
        if (layout != null) {
            String unit = layout.unitName();
            s.append("p=; c=\n");
            s.append("read -r p < ").append(Shell.quote(layout.runDir() + "/app.pid"))
                    .append(" || read -r p < ").append(Shell.quote("/sys/fs/cgroup/system.slice/" + unit + "/cgroup.procs"))
                    .append(" || read -r p < ").append(Shell.quote("/sys/fs/cgroup/systemd/system.slice/" + unit + "/cgroup.procs"))
                    .append('\n');
            s.append("case $p in ''|*[!0-9]*) p= ;; *) read -r c _ < /proc/$p/task/$p/children; ")
                    .append("case $c in ''|*[!0-9]*) c= ;; esac ;; esac\n");
            procs = " ${p:+/proc/$p/stat /proc/$p/status} ${c:+/proc/$c/stat /proc/$c/status}";
        }
        s.append("head -n 999 /proc/uptime /proc/loadavg /proc/meminfo /proc/net/dev /proc/diskstats").append(procs).append('\n');
        // Local, real file systems only: -l never waits on a network mount that hangs.
        s.append("echo '==> df <=='\n");
        s.append("df -PkTl -x tmpfs -x devtmpfs -x squashfs -x overlay -x efivarfs\n");
        return Command.trusted(s.toString()).describedAs(layout == null ? "read /proc and df" : "read /proc and df (app " + layout.app() + ")");
    }
}
