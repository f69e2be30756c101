package dev.orrery.metrics;

import java.util.Locale;

/**
 * Every value a sample carries, as it is stored and charted. Stored as integers (SQLite packs
 * small integers into one to four bytes): a value is multiplied by {@link #scale()} and rounded,
 * so percentages keep a tenth of a point, loads a hundredth, sizes a KiB.
 */
public enum Metric {
    CPU("cpu", "CPU", Unit.PERCENT, 10, true),
    STEAL("steal", "CPU steal", Unit.PERCENT, 10, true),
    IOWAIT("iowait", "I/O wait", Unit.PERCENT, 10, false),
    LOAD1("load1", "load (1 min)", Unit.NUMBER, 100, true),
    LOAD5("load5", "load (5 min)", Unit.NUMBER, 100, false),
    LOAD15("load15", "load (15 min)", Unit.NUMBER, 100, false),
    MEM_USED("mem_used", "memory used", Unit.BYTES, 1.0 / 1024, true),
    MEM_TOTAL("mem_total", "memory", Unit.BYTES, 1.0 / 1024, false),
    SWAP_USED("swap_used", "swap used", Unit.BYTES, 1.0 / 1024, true),
    SWAP_TOTAL("swap_total", "swap", Unit.BYTES, 1.0 / 1024, false),
    DISK("disk", "disk used", Unit.PERCENT, 10, true),
    DISK_USED("disk_used", "disk used", Unit.BYTES, 1.0 / 1024, false),
    DISK_SIZE("disk_size", "disk size", Unit.BYTES, 1.0 / 1024, false),
    IO_READ("io_read", "disk reads", Unit.BYTES_PER_SECOND, 1, true),
    IO_WRITE("io_write", "disk writes", Unit.BYTES_PER_SECOND, 1, true),
    NET_RX("net_rx", "network in", Unit.BYTES_PER_SECOND, 1, true),
    NET_TX("net_tx", "network out", Unit.BYTES_PER_SECOND, 1, true),
    APP_CPU("app_cpu", "app CPU", Unit.PERCENT_OF_CORE, 10, true),
    APP_RSS("app_rss", "app memory", Unit.BYTES, 1.0 / 1024, true),
    CPUS("cpus", "CPUs", Unit.NUMBER, 1, false);

    /** How a value reads. */
    public enum Unit { PERCENT, PERCENT_OF_CORE, NUMBER, BYTES, BYTES_PER_SECOND }

    private final String column;
    private final String label;
    private final Unit unit;
    private final double scale;
    private final boolean keepMax;

    Metric(String column, String label, Unit unit, double scale, boolean keepMax) {
        this.column = column;
        this.label = label;
        this.unit = unit;
        this.scale = scale;
        this.keepMax = keepMax;
    }

    /** The column in the history store (constant text from this source, never user data). */
    public String column() {
        return column;
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public double scale() {
        return scale;
    }

    /** Roll-ups keep the maximum beside the average (a spike must survive a minute's average). */
    public boolean keepMax() {
        return keepMax;
    }

    /** The stored integer for a value; null for an unknown value (NaN). */
    public Long toStored(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * scale);
    }

    public double fromStored(double stored) {
        return stored / scale;
    }

    /** The value in words: "42.5%", "1.2 GB", "3.4 MB/s", "0.75". */
    public String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return switch (unit) {
            case PERCENT, PERCENT_OF_CORE -> String.format(Locale.ROOT, "%.1f%%", v);
            case NUMBER -> this == CPUS ? String.valueOf(Math.round(v)) : String.format(Locale.ROOT, "%.2f", v);
            case BYTES -> bytes(v);
            case BYTES_PER_SECOND -> bytes(v) + "/s";
        };
    }

    public static String bytes(double v) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        int i = 0;
        while (Math.abs(v) >= 1000 && i < units.length - 1) {
            v /= 1000;
            i++;
        }
        return i == 0 ? String.format(Locale.ROOT, "%.0f %s", v, units[i]) : String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    public static Metric parse(String column) {
        for (Metric m : values()) {
            if (m.column.equals(column)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric " + column);
    }
}
