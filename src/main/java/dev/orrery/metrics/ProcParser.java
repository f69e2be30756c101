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
        // Field bounds of the line at hand, reused for every line: numbers are parsed where they stand in the line
        // (Long.parseLong over a range), no substring or array per field (a hundred servers, every 10 s).
        int[] b = new int[2 * 24];

        long[] cpu = new long[8];
        int cpus = 0;
        for (String l : stat) {
            int n = bounds(l, 0, b);
            if (n == 0) {
                continue;
            }
            int nameEnd = b[1];
            boolean cpuLine = l.startsWith("cpu", b[0]);
            if (cpuLine && nameEnd - b[0] == 3) {
                for (int i = 0; i < 8 && i + 1 < n; i++) {
                    cpu[i] = number(l, b, i + 1);
                }
            } else if (cpuLine && digits(l, b[0] + 3, nameEnd)) {
                cpus++;
            }
        }
        double up = Double.parseDouble(field(uptime.get(0), b, 0));

        double[] load = {Double.NaN, Double.NaN, Double.NaN};
        List<String> loadavg = sections.getOrDefault("/proc/loadavg", List.of());
        if (!loadavg.isEmpty()) {
            String l = loadavg.get(0);
            int n = bounds(l, 0, b);
            for (int i = 0; i < 3 && i < n; i++) {
                load[i] = Double.parseDouble(l.substring(b[2 * i], b[2 * i + 1]));
            }
        }

        // MemTotal MemFree MemAvailable Buffers Cached SwapTotal SwapFree; -1: not in the file
        long[] mem = {-1, -1, -1, -1, -1, -1, -1};
        for (String l : meminfo) {
            int colon = l.indexOf(':');
            int k = colon > 0 ? MEMINFO.indexOf(l.substring(0, colon)) : -1;
            if (k >= 0 && bounds(l, colon + 1, b) > 0 && digits(l, b[0], b[1])) {
                mem[k] = number(l, b, 0);
            }
        }
        long total = Math.max(mem[0], 0);
        // MemAvailable arrived in 3.14; before it, free + buffers + page cache is the usual estimate.
        long available = mem[2] >= 0 ? mem[2] : Math.max(mem[1], 0) + Math.max(mem[3], 0) + Math.max(mem[4], 0);

        return new Reading(up, cpu, Math.max(cpus, 1), load[0], load[1], load[2], total, available,
                Math.max(mem[5], 0), Math.max(mem[6], 0),
                disks(sections.getOrDefault("/proc/diskstats", List.of())),
                network(sections.getOrDefault("/proc/net/dev", List.of())),
                fileSystems(sections.getOrDefault("df", List.of())),
                processes(sections));
    }

    /** The /proc/meminfo keys read, in the order of {@code mem} above. */
    private static final List<String> MEMINFO = List.of("MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapTotal", "SwapFree");

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
     * The fields of a line from {@code from} on, split on runs of blanks (spaces, tabs), leading
     * ones ignored, as {@code trim().split("\\s+")} would give them: field k is
     * {@code l.substring(b[2k], b[2k+1])}. Fills at most {@code b.length / 2}; the last one then
     * runs to the end of the line (as split with a limit: df's mount point may hold spaces).
     * Returns how many.
     */
    static int bounds(String l, int from, int[] b) {
        int max = b.length / 2;
        int n = l.length();
        int i = from;
        int count = 0;
        while (i < n) {
            while (i < n && blank(l.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            if (count == max - 1) {
                int end = n;
                while (end > start && blank(l.charAt(end - 1))) {
                    end--;
                }
                b[2 * count] = start;
                b[2 * count + 1] = end;
                return count + 1;
            }
            while (i < n && !blank(l.charAt(i))) {
                i++;
            }
            b[2 * count] = start;
            b[2 * count + 1] = i;
            count++;
        }
        return count;
    }

    /** Field {@code k} (of {@link #bounds}) as a number, parsed in place. */
    private static long number(String l, int[] b, int k) {
        return Long.parseLong(l, b[2 * k], b[2 * k + 1], 10);
    }

    /** Field {@code k} of the whole line. */
    private static String field(String l, int[] b, int k) {
        if (bounds(l, 0, b) <= k) {
            throw new IllegalArgumentException("a line with too few fields: " + l);
        }
        return l.substring(b[2 * k], b[2 * k + 1]);
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** True when {@code s} from {@code from} to {@code to} is one or more ASCII digits. */
    private static boolean digits(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
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
        int[] b = new int[2 * 24];
        for (String l : lines) {
            int n = bounds(l, 0, b);
            if (n >= 14 && wholeDisk(l, b[4], b[5])) {
                read += number(l, b, 5);
                written += number(l, b, 9);
            }
        }
        return new long[] {read, written};
    }

    /**
     * Whole disks only ({@code sdX vdX xvdX hdX nvmeNnN mmcblkN}): partitions, loop, RAM,
     * device-mapper and md devices would count the same bytes twice or not be disks.
     */
    static boolean wholeDisk(String l, int from, int to) {
        if (l.startsWith("sd", from) || l.startsWith("vd", from) || l.startsWith("hd", from)) {
            return letters(l, from + 2, to);
        }
        if (l.startsWith("xvd", from)) {
            return letters(l, from + 3, to);
        }
        if (l.startsWith("mmcblk", from)) {
            return digits(l, from + 6, to);
        }
        if (l.startsWith("nvme", from)) {
            int n = l.indexOf('n', from + 4);
            return n > 0 && n < to && digits(l, from + 4, n) && digits(l, n + 1, to);
        }
        return false;
    }

    private static boolean letters(String s, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /** Received bytes (first number after the colon) and sent bytes (ninth), interfaces that carry traffic only. */
    static long[] network(List<String> lines) {
        long rx = 0;
        long tx = 0;
        int[] b = new int[2 * 24];
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon < 0 || l.indexOf('|') >= 0) {
                continue; // the two header lines
            }
            String name = l.substring(0, colon).trim();
            if (VIRTUAL_NET.matcher(name).matches()) {
                continue;
            }
            if (bounds(l, colon + 1, b) >= 9) {
                rx += number(l, b, 0);
                tx += number(l, b, 8);
            }
        }
        return new long[] {rx, tx};
    }

    /** {@code df -PkT}: Filesystem Type 1024-blocks Used Available Capacity Mounted-on (the mount may hold spaces). */
    static List<Reading.FileSystemUse> fileSystems(List<String> lines) {
        List<Reading.FileSystemUse> out = new ArrayList<>();
        int[] b = new int[2 * 7];
        for (String l : lines) {
            if (bounds(l, 0, b) < 7 || !digits(l, b[4], b[5])) {
                continue; // the header, or a line df wrapped
            }
            out.add(new Reading.FileSystemUse(l.substring(b[0], b[1]), l.substring(b[2], b[3]), l.substring(b[12], b[13]),
                    number(l, b, 2), number(l, b, 3), number(l, b, 4)));
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
                int[] b = new int[2 * 24];
                if (bounds(line, close + 1, b) < 20) {
                    continue;
                }
                // after comm: field 3 (state) is field 0 here, so field n is n - 3
                long ticks = number(line, b, 11) + number(line, b, 12);
                stat.put(pid, new long[] {ticks, number(line, b, 19)});
                names.put(pid, line.substring(open + 1, close));
            } else {
                for (String l : e.getValue()) {
                    int[] b = new int[4];
                    if (l.startsWith("VmRSS:") && bounds(l, 6, b) > 0) {
                        rss.put(pid, number(l, b, 0));
                    }
                }
            }
        }
        List<Reading.ProcessTimes> out = new ArrayList<>();
        stat.forEach((pid, v) -> out.add(new Reading.ProcessTimes(pid, names.get(pid), v[1], v[0], rss.getOrDefault(pid, 0L))));
        return out;
    }
}
