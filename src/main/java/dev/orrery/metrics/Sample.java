package dev.orrery.metrics;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One server's metrics at one moment: a value per {@link Metric} (NaN where unknown, e.g. the
 * rates of the first sample, which has nothing to compare with), the file systems behind the
 * disk figure, and where it came from.
 *
 * @param timeMs      when it was taken (this machine's clock, ms since the epoch)
 * @param fileSystems every local file system, for the disk rule (the fullest one is {@link Metric#DISK})
 */
public record Sample(String server, long timeMs, Source source, double[] values, List<Reading.FileSystemUse> fileSystems) {

    /** Where a sample came from, shown beside the charts. */
    public enum Source {
        /** Orrery read /proc over its SSH connection. */
        SSH("ssh", "read over SSH"),
        /** This machine's /proc (the sandbox). */
        LOCAL("local", "read on this machine"),
        /** DigitalOcean's Monitoring API, from the droplet's do-agent. */
        DIGITALOCEAN("do-agent", "DigitalOcean Monitoring (do-agent)");

        private final String key;
        private final String words;

        Source(String key, String words) {
            this.key = key;
            this.words = words;
        }

        public String key() {
            return key;
        }

        public String words() {
            return words;
        }

        public static Source parse(String key) {
            for (Source s : values()) {
                if (s.key.equals(key)) {
                    return s;
                }
            }
            return SSH;
        }
    }

    public Sample {
        if (values.length != Metric.values().length) {
            throw new IllegalArgumentException("a sample has " + Metric.values().length + " values, not " + values.length);
        }
        values = values.clone();
        fileSystems = List.copyOf(fileSystems);
    }

    public double get(Metric m) {
        return values[m.ordinal()];
    }

    /** Memory in use as a percentage of the total, NaN when unknown. */
    public double memoryPercent() {
        double total = get(Metric.MEM_TOTAL);
        return total > 0 ? 100 * get(Metric.MEM_USED) / total : Double.NaN;
    }

    public Map<Metric, Double> asMap() {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        for (Metric k : Metric.values()) {
            m.put(k, values[k.ordinal()]);
        }
        return m;
    }

    public static double[] unknown() {
        double[] v = new double[Metric.values().length];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    /**
     * The sample {@code now} makes after {@code before} (null for the first reading of a server:
     * levels only, rates unknown). Rates use the server's own uptime between the two; a reboot
     * (uptime went back) or a counter that went back makes a rate unknown rather than negative.
     */
    public static Sample of(String server, long timeMs, Source source, Reading before, Reading now) {
        double[] v = unknown();
        v[Metric.LOAD1.ordinal()] = now.load1();
        v[Metric.LOAD5.ordinal()] = now.load5();
        v[Metric.LOAD15.ordinal()] = now.load15();
        v[Metric.CPUS.ordinal()] = now.cpus();
        if (now.memTotalKb() > 0) {
            v[Metric.MEM_TOTAL.ordinal()] = now.memTotalKb() * 1024.0;
            v[Metric.MEM_USED.ordinal()] = Math.max(0, now.memTotalKb() - now.memAvailableKb()) * 1024.0;
        }
        v[Metric.SWAP_TOTAL.ordinal()] = now.swapTotalKb() * 1024.0;
        v[Metric.SWAP_USED.ordinal()] = Math.max(0, now.swapTotalKb() - now.swapFreeKb()) * 1024.0;
        Reading.FileSystemUse fullest = now.fileSystems().stream()
                .max(java.util.Comparator.comparingDouble(Reading.FileSystemUse::percent)).orElse(null);
        if (fullest != null) {
            v[Metric.DISK.ordinal()] = fullest.percent();
            v[Metric.DISK_USED.ordinal()] = fullest.usedKb() * 1024.0;
            v[Metric.DISK_SIZE.ordinal()] = fullest.sizeKb() * 1024.0;
        }
        long rss = now.app().stream().mapToLong(Reading.ProcessTimes::rssKb).sum();
        if (!now.app().isEmpty()) {
            v[Metric.APP_RSS.ordinal()] = rss * 1024.0;
        }
        if (before != null) {
            rates(v, before, now);
        }
        return new Sample(server, timeMs, source, v, now.fileSystems());
    }

    private static void rates(double[] v, Reading a, Reading b) {
        double seconds = b.uptimeSeconds() - a.uptimeSeconds();
        if (seconds <= 0) {
            return; // rebooted, or the same reading twice
        }
        long[] d = new long[8];
        long total = 0;
        for (int i = 0; i < 8; i++) {
            d[i] = b.cpuTicks()[i] - a.cpuTicks()[i];
            if (d[i] < 0) {
                return;
            }
            total += d[i];
        }
        if (total > 0) {
            long idle = d[3] + d[4];
            v[Metric.CPU.ordinal()] = 100.0 * (total - idle) / total;
            v[Metric.IOWAIT.ordinal()] = 100.0 * d[4] / total;
            v[Metric.STEAL.ordinal()] = 100.0 * d[7] / total;
            // The app's ticks against the ticks one CPU had in the same time: 100 = one core busy.
            double perCore = (double) total / b.cpus();
            long appTicks = 0;
            boolean any = false;
            for (Reading.ProcessTimes p : b.app()) {
                for (Reading.ProcessTimes q : a.app()) {
                    if (q.pid() == p.pid() && q.startTicks() == p.startTicks() && p.cpuTicks() >= q.cpuTicks()) {
                        appTicks += p.cpuTicks() - q.cpuTicks();
                        any = true;
                    }
                }
            }
            if (any) {
                v[Metric.APP_CPU.ordinal()] = 100.0 * appTicks / perCore;
            }
        }
        rate(v, Metric.IO_READ, a.diskSectors()[0], b.diskSectors()[0], 512, seconds);
        rate(v, Metric.IO_WRITE, a.diskSectors()[1], b.diskSectors()[1], 512, seconds);
        rate(v, Metric.NET_RX, a.netBytes()[0], b.netBytes()[0], 1, seconds);
        rate(v, Metric.NET_TX, a.netBytes()[1], b.netBytes()[1], 1, seconds);
    }

    private static void rate(double[] v, Metric m, long from, long to, int unit, double seconds) {
        if (to >= from) {
            v[m.ordinal()] = (to - from) * (double) unit / seconds;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sample s && s.server.equals(server) && s.timeMs == timeMs && s.source == source
                && Arrays.equals(s.values, values) && s.fileSystems.equals(fileSystems);
    }

    @Override
    public int hashCode() {
        return server.hashCode() * 31 + Long.hashCode(timeMs);
    }

    @Override
    public String toString() {
        return "Sample[" + server + " @" + timeMs + " " + source.key() + " " + asMap() + "]";
    }
}
