package dev.orrery.metrics;

import java.util.List;

/**
 * What one run of the sample command read from a server: the kernel's counters as they are
 * (cumulative since boot), before any rate is worked out. Two readings make a {@link Sample}.
 *
 * @param uptimeSeconds from /proc/uptime; the clock rates are computed against (the server's
 *                      own, so network delay between two samples does not skew a rate)
 * @param cpuTicks      the first line of /proc/stat: user nice system idle iowait irq softirq
 *                      steal, in USER_HZ ticks summed over all CPUs
 * @param cpus          how many cpuN lines /proc/stat has
 * @param memTotalKb    MemTotal; memAvailableKb is MemAvailable (or MemFree+Buffers+Cached before 3.14)
 * @param diskSectors   sectors read and written (512 bytes each) summed over whole disks
 * @param netBytes      bytes received and sent, summed over the interfaces that carry traffic
 * @param app           the app's processes (none when the server runs no app or it is stopped)
 */
public record Reading(double uptimeSeconds, long[] cpuTicks, int cpus, double load1, double load5, double load15,
                      long memTotalKb, long memAvailableKb, long swapTotalKb, long swapFreeKb,
                      long[] diskSectors, long[] netBytes, List<FileSystemUse> fileSystems, List<ProcessTimes> app) {

    public Reading {
        fileSystems = List.copyOf(fileSystems);
        app = List.copyOf(app);
    }

    /** One mounted local file system as {@code df -P} reports it (KiB). */
    public record FileSystemUse(String device, String type, String mount, long sizeKb, long usedKb, long availableKb) {
        /** Used share as df computes its Capacity column: used / (used + available), so root's reserve counts as full. */
        public double percent() {
            long denominator = usedKb + availableKb;
            return denominator <= 0 ? 0 : 100.0 * usedKb / denominator;
        }
    }

    /**
     * One process's CPU time and resident memory.
     *
     * @param startTicks when it started (field 22 of /proc/PID/stat): a recycled pid is another process
     * @param cpuTicks   utime + stime, in USER_HZ ticks
     */
    public record ProcessTimes(long pid, String name, long startTicks, long cpuTicks, long rssKb) {
    }
}
