package dev.orrery.ui.health;

import dev.orrery.health.HistorySlice;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Live latency per server over the last minutes, one line each, drawn on a canvas (no scene
 * graph node per point, so 200 servers cost what 8 lines cost). The scroll bar goes back
 * through the engine's hour of history: scrolled back, the chart asks the engine for that slice
 * on the io pool and draws it when it arrives; nothing here waits. Failed probes are red marks
 * on the time axis. FX thread only.
 */
public final class LatencyChart extends BorderPane {
    /** Lines drawn at once; more would be unreadable. */
    public static final int MAX_LINES = 8;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final Color[] PALETTE = {
            Color.web("#1f77b4"), Color.web("#ff7f0e"), Color.web("#9467bd"), Color.web("#17becf"),
            Color.web("#8c564b"), Color.web("#e377c2"), Color.web("#bcbd22"), Color.web("#7f7f7f")};

    /** Fetches a slice of a server's history off the FX thread. */
    @FunctionalInterface
    public interface HistoryFetcher {
        CompletableFuture<HistorySlice> fetch(String server, long fromMs, long toMs);
    }

    private final HealthFxModel model;
    private final HistoryFetcher fetcher;
    private final LongSupplier now;
    private final Canvas canvas = new Canvas(600, 220);
    private final ScrollBar scroll = new ScrollBar();
    private final Label caption = new Label();
    private final long windowMs;
    private List<String> shown = List.of();
    private final Map<String, HistorySlice> slices = new HashMap<>();
    private long sliceEnd = -1;
    private int fetchToken;
    private int pointsDrawn;

    public LatencyChart(HealthFxModel model, HistoryFetcher fetcher, LongSupplier nowMs, long windowMs, long historyMs) {
        this.model = model;
        this.fetcher = fetcher;
        this.now = nowMs;
        this.windowMs = windowMs;
        getStyleClass().add("health-latency-chart");
        Pane holder = new Pane(canvas);
        holder.setMinSize(100, 80);
        holder.setPrefSize(600, 220);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        scroll.setOrientation(Orientation.HORIZONTAL);
        scroll.setMin(0);
        scroll.setMax(Math.max(0, historyMs - windowMs));
        scroll.setUnitIncrement(15_000);
        scroll.setBlockIncrement(windowMs);
        // The bar's right end is "now": the value is how far back the window ends.
        scroll.setRotate(180);
        scroll.valueProperty().addListener(o -> scrolled());
        setTop(caption);
        setCenter(holder);
        setBottom(scroll);
        model.onChanged(this::redraw);
        redraw();
    }

    /** The servers drawn (the first {@link #MAX_LINES}). */
    public void setShown(List<String> servers) {
        shown = List.copyOf(servers.subList(0, Math.min(MAX_LINES, servers.size())));
        slices.clear();
        sliceEnd = -1;
        scrolled();
    }

    public List<String> shown() {
        return shown;
    }

    /** Milliseconds the window's right edge lies before now (0 = live). */
    public double backMs() {
        return scroll.getValue();
    }

    public void setBackMs(double ms) {
        scroll.setValue(Math.max(scroll.getMin(), Math.min(scroll.getMax(), ms)));
    }

    /** Points drawn in the last redraw, for tests and the benchmark. */
    public int pointsDrawn() {
        return pointsDrawn;
    }

    public long windowEnd() {
        return now.getAsLong() - (long) scroll.getValue();
    }

    public long windowMs() {
        return windowMs;
    }

    private void scrolled() {
        if (scroll.getValue() < 1) {
            slices.clear();
            sliceEnd = -1;
            redraw();
            return;
        }
        long end = windowEnd();
        long from = end - windowMs;
        int token = ++fetchToken;
        List<String> servers = shown;
        List<CompletableFuture<HistorySlice>> futures = new ArrayList<>();
        for (String s : servers) {
            futures.add(fetcher.fetch(s, from, end));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> Platform.runLater(() -> {
            if (token != fetchToken || e != null) {
                return;
            }
            slices.clear();
            for (int i = 0; i < servers.size(); i++) {
                slices.put(servers.get(i), futures.get(i).join());
            }
            sliceEnd = end;
            redraw();
        }));
        redraw();
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        boolean live = scroll.getValue() < 1;
        long end = live ? now.getAsLong() : sliceEnd >= 0 ? sliceEnd : windowEnd();
        long start = end - windowMs;
        caption.setText(live ? "Latency, last " + windowMs / 60_000 + " min (scroll back through the last hour)"
                : "Latency, " + TIME.format(Instant.ofEpochMilli(start)) + " – " + TIME.format(Instant.ofEpochMilli(end)));
        double max = 10;
        for (String s : shown) {
            max = Math.max(max, maxLatency(s, start, live));
        }
        max = niceCeiling(max);
        g.setStroke(Color.gray(0.85));
        g.setFill(Color.gray(0.45));
        g.setLineWidth(1);
        for (int i = 1; i <= 4; i++) {
            double y = h - 14 - (h - 28) * i / 4.0;
            g.strokeLine(0, y, w, y);
            g.fillText(String.format("%.0f ms", max * i / 4), 4, y - 2);
        }
        int drawn = 0;
        for (int line = 0; line < shown.size(); line++) {
            String s = shown.get(line);
            g.setStroke(PALETTE[line % PALETTE.length]);
            g.setLineWidth(1.5);
            g.beginPath();
            boolean pen = false;
            int n = live ? model.pointCount(s) : slices.containsKey(s) ? slices.get(s).size() : 0;
            FxSeries fx = model.series(s);
            HistorySlice slice = slices.get(s);
            for (int i = 0; i < n; i++) {
                long t = live ? fx.time(i) : slice.times()[i];
                if (t < start || t > end) {
                    continue;
                }
                double v = live ? fx.latency(i) : slice.outcome(i).success() ? slice.latencies()[i] : Double.NaN;
                double x = (t - start) * w / windowMs;
                drawn++;
                if (Double.isNaN(v)) {
                    g.setFill(NodeHealthStyle.DOWN);
                    g.fillRect(x - 1, h - 12, 2, 8);
                    pen = false;
                    continue;
                }
                double y = h - 14 - Math.min(v, max) / max * (h - 28);
                if (pen) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    pen = true;
                }
            }
            g.stroke();
            g.setFill(PALETTE[line % PALETTE.length]);
            g.fillText(s, w - 90, 14 + line * 13);
        }
        pointsDrawn = drawn;
    }

    private double maxLatency(String s, long start, boolean live) {
        double max = 0;
        if (live) {
            FxSeries fx = model.series(s);
            for (int i = 0; fx != null && i < fx.size(); i++) {
                if (fx.time(i) >= start && !Double.isNaN(fx.latency(i))) {
                    max = Math.max(max, fx.latency(i));
                }
            }
        } else if (slices.containsKey(s)) {
            for (float v : slices.get(s).latencies()) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
