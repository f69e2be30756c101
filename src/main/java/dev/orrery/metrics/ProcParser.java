package dev.orrery.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@link SampleCommand} (sections headed {@code ==> NAME <==}, as
 * {@code head} prints them for several files) into a {@link Reading}. The formats are the
 * kernel's documented ones (proc(5), Documentation/admin-guide/iostats.rst,
 * Documentation/filesystems/proc.rst), which Debian's and Ubuntu's kernels share; lines it does
 * not know are skipped, so a newer kernel's extra fields change nothing.
 */
public final class ProcParser {
    private static final Pattern PROC_PID = Pattern.compile("/proc/(\\d+)/(stat|status)");
    /** Whole disks only: partitions, loop, RAM, device-mapper and md devices would count the same bytes twice or not be disks. */
    private static final Pattern WHOLE_DISK = Pattern.compile("(sd[a-z]+|vd[a-z]+|xvd[a-z]+|hd[a-z]+|nvme\\d+n\\d+|mmcblk\\d+)");
    /** Interfaces that carry no traffic of their own (loopback) or repeat another's (bridges, veths, tunnels of containers). */
    private static final Pattern VIRTUAL_NET = Pattern.compile("lo|(veth|docker|br-|virbr|vnet|cni|flannel|cali|ifb|kube|lxc|lxd).*");

    private ProcParser() {
    }

    /** @throws IllegalArgumentException when a section every Linux has (/proc/stat, meminfo, uptime) is missing */
    public static Reading parse(List<String> lines) {
        Map<String, List<String>> sections = sections(lines);
        List<String> stat = require(sections, "/proc/stat");
        List<String> uptime = require(sections, "/proc/uptime");
        List<String> meminfo = require(sections, "/proc/meminfo");

        long[] cpu = new long[8];
        int cpus = 0;
        for (String l : stat) {
            String[] f = fields(l);
            if (f.length == 0) {
                continue;
            }
            if (f[0].equals("cpu")) {
                for (int i = 0; i < 8 && i + 1 < f.length; i++) {
                    cpu[i] = Long.parseLong(f[i + 1]);
                }
            } else if (f[0].length() > 3 && f[0].startsWith("cpu") && digits(f[0], 3)) {
                cpus++;
            }
        }
        double up = Double.parseDouble(fields(uptime.get(0))[0]);

        double[] load = {Double.NaN, Double.NaN, Double.NaN};
        List<String> loadavg = sections.getOrDefault("/proc/loadavg", List.of());
        if (!loadavg.isEmpty()) {
            String[] f = fields(loadavg.get(0));
            for (int i = 0; i < 3 && i < f.length; i++) {
                load[i] = Double.parseDouble(f[i]);
            }
        }

        Map<String, Long> mem = new LinkedHashMap<>();
        for (String l : meminfo) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                String[] v = fields(l.substring(colon + 1));
                if (v.length > 0 && digits(v[0], 0)) {
                    mem.put(l.substring(0, colon), Long.parseLong(v[0]));
                }
            }
        }
        long total = mem.getOrDefault("MemTotal", 0L);
        // MemAvailable arrived in 3.14; before it, free + buffers + page cache is the usual estimate.
        long available = mem.containsKey("MemAvailable") ? mem.get("MemAvailable")
                : mem.getOrDefault("MemFree", 0L) + mem.getOrDefault("Buffers", 0L) + mem.getOrDefault("Cached", 0L);

        return new Reading(up, cpu, Math.max(cpus, 1), load[0], load[1], load[2], total, available,
                mem.getOrDefault("SwapTotal", 0L), mem.getOrDefault("SwapFree", 0L),
                disks(sections.getOrDefault("/proc/diskstats", List.of())),
                network(sections.getOrDefault("/proc/net/dev", List.of())),
                fileSystems(sections.getOrDefault("df", List.of())),
                processes(sections));
    }

    static Map<String, List<String>> sections(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String l : lines) {
            if (l.startsWith("==> ") && l.endsWith(" <==") && l.length() > 8) {
                current = out.computeIfAbsent(l.substring(4, l.length() - 4), k -> new ArrayList<>());
            } else if (current != null && !l.isBlank()) {
                current.add(l);
            }
        }
        return out;
    }

    /**
     * The fields of a line split on runs of blanks (spaces, tabs), leading ones ignored: what
     * {@code trim().split("\\s+")} gives, without compiling a pattern for every line (a sample is a
     * few hundred lines, a hundred servers sample ten times a second).
     */
    static String[] fields(String l) {
        List<String> out = new ArrayList<>(16);
        int n = l.length();
        int i = 0;
        while (i < n) {
            while (i < n && blank(l.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !blank(l.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(l.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** True when {@code s} from {@code from} on is one or more ASCII digits. */
    private static boolean digits(String s, int from) {
        if (s.length() <= from) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static List<String> require(Map<String, List<String>> sections, String name) {
        List<String> s = sections.get(name);
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("the sample has no " + name + " (is this a Linux server?)");
        }
        return s;
    }

    /** Sectors read (field 6) and written (field 10) of whole disks. */
    static long[] disks(List<String> lines) {
        long read = 0;
        long written = 0;
        for (String l : lines) {
            String[] f = fields(l);
            if (f.length >= 14 && WHOLE_DISK.matcher(f[2]).matches()) {
                read += Long.parseLong(f[5]);
                written += Long.parseLong(f[9]);
            }
        }
        return new long[] {read, written};
    }

    /** Received bytes (first number after the colon) and sent bytes (ninth), interfaces that carry traffic only. */
    static long[] network(List<String> lines) {
        long rx = 0;
        long tx = 0;
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon < 0 || l.contains("|")) {
                continue; // the two header lines
            }
            String name = l.substring(0, colon).trim();
            if (VIRTUAL_NET.matcher(name).matches()) {
                continue;
            }
            String[] f = fields(l.substring(colon + 1));
            if (f.length >= 9) {
                rx += Long.parseLong(f[0]);
                tx += Long.parseLong(f[8]);
            }
        }
        return new long[] {rx, tx};
    }

    /** {@code df -PkT}: Filesystem Type 1024-blocks Used Available Capacity Mounted-on (the mount may hold spaces). */
    static List<Reading.FileSystemUse> fileSystems(List<String> lines) {
        List<Reading.FileSystemUse> out = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.trim().split("\\s+", 7);
            if (f.length < 7 || !digits(f[2], 0)) {
                continue; // the header, or a line df wrapped
            }
            out.add(new Reading.FileSystemUse(f[0], f[1], f[6], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
        }
        return out;
    }

    /** The app's processes: /proc/PID/stat (CPU ticks, start time) with /proc/PID/status (VmRSS). */
    static List<Reading.ProcessTimes> processes(Map<String, List<String>> sections) {
        Map<Long, long[]> stat = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Long> rss = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : sections.entrySet()) {
            Matcher m = PROC_PID.matcher(e.getKey());
            if (!m.matches() || e.getValue().isEmpty()) {
                continue;
            }
            long pid = Long.parseLong(m.group(1));
            if (m.group(2).equals("stat")) {
                String line = e.getValue().get(0);
                // comm is in parentheses and may hold spaces or ')': the fields start after the last ')'
                int close = line.lastIndexOf(')');
                int open = line.indexOf('(');
                if (close < 0 || open < 0) {
                    continue;
                }
                String[] f = fields(line.substring(close + 1));
                if (f.length < 20) {
                    continue;
                }
                // after comm: field 3 (state) is f[0], so field n is f[n - 3]
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                stat.put(pid, new long[] {ticks, Long.parseLong(f[19])});
                names.put(pid, line.substring(open + 1, close));
            } else {
                for (String l : e.getValue()) {
                    if (l.startsWith("VmRSS:")) {
                        rss.put(pid, Long.parseLong(fields(l.substring(6))[0]));
                    }
                }
            }
        }
        List<Reading.ProcessTimes> out = new ArrayList<>();
        stat.forEach((pid, v) -> out.add(new Reading.ProcessTimes(pid, names.get(pid), v[1], v[0], rss.getOrDefault(pid, 0L))));
        return out;
    }
}
