package dev.orrery.ui.metrics;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * One metric over time, drawn on a canvas (no scene-graph node per point: a month of points costs
 * one redraw): each line's average, its maximum as a lighter band, deploy markers as dashed
 * vertical lines, and unplanned down periods shaded red. FX thread only; the data comes
 * ready-made from {@link MetricsView}, which reads it off the FX thread.
 */
public final class TimeChart extends BorderPane {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d").withZone(ZoneId.systemDefault());
    static final Color DOWN = Color.rgb(240, 62, 62, 0.16);
    static final Color MARKER = Color.web("#7048e8");
    static final Color FAILED = Color.web("#e8590c");

    /** One line: its average per point, and optionally its maximum (drawn as a band). */
    public record Line(String label, Color color, double[] avg, double[] max) {
    }

    /** A deploy marker at a time; {@code failed} draws it orange. */
    public record Marker(long timeMs, String label, boolean failed) {
    }

    /** A shaded period; {@code endMs} 0 means it lasts to the right edge. */
    public record Shade(long startMs, long endMs) {
    }

    private final Canvas canvas = new Canvas(600, 140);
    private final Label title = new Label();
    private final DoubleFunction<String> axis;
    private final double floorMax;
    private long fromMs;
    private long toMs = 1;
    private long[] times = new long[0];
    private List<Line> lines = List.of();
    private List<Marker> markers = List.of();
    private List<Shade> shades = List.of();
    private long redraws;

    /**
     * @param axis     how a value reads on the axis ("50%", "2.0 MB/s")
     * @param floorMax the smallest top of the axis (100 for percentages; a small rate keeps its scale)
     */
    public TimeChart(String name, DoubleFunction<String> axis, double floorMax) {
        this.axis = axis;
        this.floorMax = floorMax;
        getStyleClass().add("metrics-chart");
        title.setText(name);
        title.getStyleClass().add("metrics-chart-title");
        Pane holder = new Pane(canvas);
        holder.setMinSize(100, 60);
        holder.setPrefSize(600, 140);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        setTop(title);
        setCenter(holder);
    }

    public void setTitle(String text) {
        title.setText(text);
    }

    public String title() {
        return title.getText();
    }

    /** Replaces what is drawn and redraws once. */
    public void setData(long from, long to, long[] t, List<Line> l, List<Marker> m, List<Shade> s) {
        fromMs = from;
        toMs = Math.max(from + 1, to);
        times = t;
        lines = List.copyOf(l);
        markers = List.copyOf(m);
        shades = List.copyOf(s);
        redraw();
    }

    public List<Line> lines() {
        return lines;
    }

    public List<Marker> markers() {
        return markers;
    }

    public List<Shade> shades() {
        return shades;
    }

    public int points() {
        return times.length;
    }

    /** Redraws so far (tests and the benchmark). */
    public long redraws() {
        return redraws;
    }

    void redraw() {
        redraws++;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        g.setFont(Font.font(10));
        double left = 52;
        double bottom = h - 14;
        double top = 4;
        double plotW = Math.max(1, w - left - 4);
        double plotH = Math.max(1, bottom - top);
        double span = toMs - fromMs;
        for (Shade s : shades) {
            double x0 = left + Math.max(0, (s.startMs() - fromMs) / span) * plotW;
            double x1 = left + Math.min(1, ((s.endMs() == 0 ? toMs : s.endMs()) - fromMs) / span) * plotW;
            g.setFill(DOWN);
            g.fillRect(x0, top, Math.max(2, x1 - x0), plotH);
        }
        double max = floorMax;
        for (Line l : lines) {
            max = Math.max(max, top(l.max() != null ? l.max() : l.avg()));
            max = Math.max(max, top(l.avg()));
        }
        max = nice(max);
        g.setStroke(Color.gray(0.88));
        g.setFill(Color.gray(0.4));
        g.setLineWidth(1);
        for (int i = 0; i <= 4; i++) {
            double y = bottom - plotH * i / 4.0;
            g.strokeLine(left, y, w - 4, y);
            g.fillText(axis.apply(max * i / 4), 2, y + 3);
        }
        long tick = tick(toMs - fromMs);
        DateTimeFormatter f = toMs - fromMs > 2 * 86_400_000L ? DAY : CLOCK;
        for (long t = (fromMs / tick + 1) * tick; t < toMs; t += tick) {
            double x = left + (t - fromMs) / span * plotW;
            g.fillText(f.format(Instant.ofEpochMilli(t)), x - 12, h - 2);
        }
        for (Line l : lines) {
            if (l.max() != null) {
                g.setStroke(l.color().deriveColor(0, 1, 1, 0.35));
                g.setLineWidth(1);
                path(g, l.max(), left, bottom, plotW, plotH, max, span);
            }
            g.setStroke(l.color());
            g.setLineWidth(1.6);
            path(g, l.avg(), left, bottom, plotW, plotH, max, span);
        }
        g.setLineDashes(4, 3);
        for (Marker m : markers) {
            double x = left + (m.timeMs() - fromMs) / span * plotW;
            if (x >= left && x <= w) {
                g.setStroke(m.failed() ? FAILED : MARKER);
                g.strokeLine(x, top, x, bottom);
            }
        }
        g.setLineDashes(null);
        double lx = left + 6;
        for (Line l : lines) {
            g.setFill(l.color());
            g.fillText(l.label(), lx, top + 10);
            lx += l.label().length() * 6 + 14;
        }
    }

    private void path(GraphicsContext g, double[] v, double left, double bottom, double plotW, double plotH, double max, double span) {
        g.beginPath();
        boolean pen = false;
        for (int i = 0; i < v.length && i < times.length; i++) {
            if (Double.isNaN(v[i])) {
                pen = false;
                continue;
            }
            double x = left + (times[i] - fromMs) / span * plotW;
            double y = bottom - Math.min(v[i], max) / max * plotH;
            if (pen) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                pen = true;
            }
        }
        g.stroke();
    }

    private static double top(double[] v) {
        double m = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                m = Math.max(m, x);
            }
        }
        return m;
    }

    static double nice(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1e-9))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A time-axis step that gives 4–8 labels. */
    static long tick(long spanMs) {
        long[] steps = {60_000, 300_000, 600_000, 1_800_000, 3_600_000, 3 * 3_600_000L, 6 * 3_600_000L, 86_400_000L, 2 * 86_400_000L,
                7 * 86_400_000L};
        for (long s : steps) {
            if (spanMs / s <= 8) {
                return s;
            }
        }
        return 14 * 86_400_000L;
    }

    /** For accessibility and tests: the chart in words ("CPU: avg 42.0%, 3 deploy markers, 1 down period"). */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Line l : lines) {
            double sum = 0;
            int n = 0;
            for (double x : l.avg()) {
                if (!Double.isNaN(x)) {
                    sum += x;
                    n++;
                }
            }
            parts.add(l.label() + " avg " + (n == 0 ? "–" : axis.apply(sum / n)));
        }
        return title.getText() + ": " + String.join(", ", parts) + String.format(Locale.ROOT, "; %d deploy markers, %d down periods",
                markers.size(), shades.size());
    }
}
