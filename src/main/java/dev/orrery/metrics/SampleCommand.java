package dev.orrery.metrics;

import dev.orrery.deploy.AppLayout;
import dev.orrery.remote.Command;
import dev.orrery.remote.Shell;

/**
 * The one small command a sample runs on a server: no agent, nothing installed, one SSH exec
 * (one channel on the pooled connection) per sample. It copies the kernel's counters with shell
 * built-ins ({@code read}, {@code printf}: no process), each file behind a {@code ==> FILE <==}
 * header as {@code head} would print it, and reads the local file systems with {@code df}: two
 * processes in all on the server (the shell and df), about 1.5 KB back. {@link ProcParser} reads
 * the output.
 *
 * <p>Only what the parser uses crosses the wire: the cpu lines of /proc/stat, seven lines of
 * /proc/meminfo (of ~55), /proc/diskstats without loop and RAM devices (Ubuntu's snaps make
 * dozens), VmRSS of /proc/PID/status (of ~55 lines). Every byte sent is decrypted, split into
 * lines and parsed by Orrery a hundred servers × every 10 s, so this is most of its sampling
 * cost; the built-ins cost the server less than the {@code head} process they replace.
 * The lines, df's included, are gathered in a shell variable and written once ({@code printf '%s'},
 * never {@code echo}: dash's echo would read backslashes in a process name).
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

    /**
     * The one-shot command {@code once} as a loop that prints one sample per line it reads on
     * stdin, each followed by {@link #endLine} of that line, and ends when stdin ends (the channel
     * closed). Kept running on a {@link dev.orrery.remote.Conversation}, a sample costs the server
     * no new shell (only df) and Orrery no new channel. The sample's lines are exactly those of
     * {@code once}: the parser does not know the difference.
     */
    public static Command looped(Command once) {
        // `{ ...\n}` runs in this shell (no subshell), so the request's variable has a name no sample command uses
        // (the app part reads `k v`); it is printed with %s, never interpreted
        return new Command("while read -r orrery_request; do { " + once.line() + "\n}; printf '" + END_PREFIX
                + "%s <==\\n' \"$orrery_request\"; done",
                once.description() + ", once per request", once.loginUser());
    }

    private static final String END_PREFIX = "==> end of sample ";

    /** The line that closes the answer to request {@code request} of {@link #looped}. */
    public static String endLine(String request) {
        return END_PREFIX + request + " <==";
    }

    /** Adds a file to $s line by line with built-ins ({@code $1}), behind its header. */
    private static final String COPY = "o() { s=\"$s==> $1 <==$n\"; while read -r l; do s=\"$s$l$n\"; done < \"$1\"; }\n";

    private static Command build(AppLayout layout) {
        StringBuilder s = new StringBuilder();
        // No stderr at all: a missing pid file or cgroup is normal and must not reach the output.
        s.append("exec 2>/dev/null\n");
        // Everything is gathered in $s and written once: a printf per line would be a write per line, which sshd
        // may send as a packet per line (each one encrypted, sent, decrypted and woken for).
        s.append("n='\n'; s=\n");
        s.append(COPY);
        // Only the cpu lines of /proc/stat: the interrupt line after them is kilobytes of zeros.
        s.append("s=\"==> /proc/stat <==$n\"\n");
        s.append("while read -r l; do case $l in cpu*) s=\"$s$l$n\" ;; *) break ;; esac; done < /proc/stat\n");
        s.append("o /proc/uptime; o /proc/loadavg; o /proc/net/dev\n");
        s.append("s=\"$s==> /proc/meminfo <==$n\"\n");
        s.append("while read -r l; do case $l in MemTotal:*|MemFree:*|MemAvailable:*|Buffers:*|Cached:*|SwapTotal:*|SwapFree:*) ")
                .append("s=\"$s$l$n\" ;; esac; done < /proc/meminfo\n");
        s.append("s=\"$s==> /proc/diskstats <==$n\"\n");
        s.append("while read -r a b d r; do case $d in loop*|ram*|zram*) ;; *) s=\"$s$a $b $d $r$n\" ;; esac; done < /proc/diskstats\n");
        if (layout != null) {
            String unit = layout.unitName();
            s.append("p=; c=\n");
            s.append("read -r p < ").append(Shell.quote(layout.runDir() + "/app.pid"))
                    .append(" || read -r p < ").append(Shell.quote("/sys/fs/cgroup/system.slice/" + unit + "/cgroup.procs"))
                    .append(" || read -r p < ").append(Shell.quote("/sys/fs/cgroup/systemd/system.slice/" + unit + "/cgroup.procs"))
                    .append('\n');
            s.append("case $p in ''|*[!0-9]*) p= ;; *) read -r c _ < /proc/$p/task/$p/children; ")
                    .append("case $c in ''|*[!0-9]*) c= ;; esac ;; esac\n");
            // the stat line whole; of status only VmRSS (read to the end of the file: a process may be gone mid-read)
            s.append("for q in $p $c; do o /proc/$q/stat; s=\"$s==> /proc/$q/status <==$n\"; ")
                    .append("while read -r k v _; do case $k in VmRSS:) s=\"$s$k $v kB$n\" ;; esac; done < /proc/$q/status; done\n");
        }
        // Local, real file systems only: -l never waits on a network mount that hangs. Its output joins $s, so
        // the whole sample is one write (one packet from sshd), not one for /proc, one for the header and one for df.
        s.append("d=$(df -PkTl -x tmpfs -x devtmpfs -x squashfs -x overlay -x efivarfs)\n");
        s.append("printf '%s' \"$s==> df <==$n${d:+$d$n}\"\n");
        return Command.trusted(s.toString()).describedAs(layout == null ? "read /proc and df" : "read /proc and df (app " + layout.app() + ")");
    }
}
