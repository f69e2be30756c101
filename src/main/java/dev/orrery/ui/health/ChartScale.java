package dev.orrery.ui.health;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The health charts' axes as plain numbers (no JavaFX): a latency range fitted to the data so
 * 5 ms of latency is not a flat line at the bottom of a 0–50 ms chart, and time ticks on round
 * seconds or minutes for the window shown.
 */
final class ChartScale {
    /** Time steps a tick may use, in ms: 5 s … 30 min. */
    private static final long[] TIME_STEPS = {5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000};
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    /** A latency axis from {@code lo} to {@code hi} ms with a grid line every {@code step} ms. */
    record Range(double lo, double hi, double step) {
        double fraction(double v) {
            return (v - lo) / (hi - lo);
        }

        /** A grid label: as many decimals as the step needs ("4.5 ms", "20 ms"). */
        String label(double v) {
            int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
            return String.format(Locale.ROOT, "%." + decimals + "f ms", v);
        }
    }

    /** A time tick: where it is in the window (0–1) and its label. */
    record Tick(double fraction, long timeMs, String label) {
    }

    private ChartScale() {
    }

    /**
     * The range for these latencies (NaN ignored): from a little under the lowest to a little
     * over the 95th percentile, so a few stray spikes (a cold start, a GC pause) do not flatten
     * the rest; they are drawn clipped at the top. Never below 0; an empty series gets 0–10 ms.
     */
    static Range latency(double[] values, int count) {
        double[] v = Arrays.stream(values, 0, count).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return new Range(0, 10, 2.5);
        }
        double min = v[0];
        double top = v[Math.min(v.length - 1, (int) Math.ceil(0.95 * v.length) - 1)];
        double span = Math.max(top - min, Math.max(0.5, top * 0.1));
        double pad = span * 0.15;
        double a = Math.max(0, min - pad);
        double b = top + pad;
        double step = niceStep((b - a) / 4);
        double lo = Math.floor(a / step) * step;
        double hi = Math.ceil(b / step) * step;
        if (hi - lo < step * 2) {
            hi = lo + step * 2;
        }
        return new Range(lo, hi, step);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, the smallest not below {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * p >= raw - 1e-12) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /**
     * Ticks on round times between {@code startMs} and {@code endMs} for a plot {@code widthPx}
     * wide, at most one per {@code minGapPx} so labels never overlap.
     */
    static List<Tick> time(long startMs, long endMs, double widthPx, double minGapPx) {
        long span = Math.max(1, endMs - startMs);
        long step = TIME_STEPS[TIME_STEPS.length - 1];
        for (long s : TIME_STEPS) {
            if (s * widthPx / span >= minGapPx) {
                step = s;
                break;
            }
        }
        DateTimeFormatter f = step % 60_000 == 0 ? MINUTES : SECONDS;
        List<Tick> out = new ArrayList<>();
        for (long t = (startMs / step + 1) * step; t <= endMs; t += step) {
            out.add(new Tick((t - startMs) / (double) span, t, f.format(Instant.ofEpochMilli(t))));
        }
        return out;
    }
}
