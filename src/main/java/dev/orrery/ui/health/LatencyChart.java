package dev.orrery.ui.health;

import dev.orrery.health.HistorySlice;
import javafx.application.Platform;
import dev.orrery.ui.look.ToneColors;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.TextAlignment;

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
 * graph node per point, so 200 servers cost what 8 lines cost). The latency axis fits the data
 * ({@link ChartScale#latency}), the time axis below the plot has round-time labels, and the
 * legend is a list beside the plot, never over it. The scroll bar goes back through the
 * engine's hour of history: scrolled back, the chart asks the engine for that slice on the io
 * pool and draws it when it arrives; nothing here waits. Failed probes are red marks along the
 * bottom of the plot. FX thread only.
 */
public final class LatencyChart extends BorderPane {
    /** Lines drawn at once; more would be unreadable. */
    public static final int MAX_LINES = 8;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** Room left of the plot for the latency labels, below it for the time labels. */
    static final double LEFT = 60;
    static final double BOTTOM = 20;
    private static final double TOP = 8;
    private static final double RIGHT = 10;
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
    private final VBox legend = new VBox(3);
    private ChartScale.Range range = new ChartScale.Range(0, 10, 2.5);
    private List<ChartScale.Tick> ticks = List.of();
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
        legend.getStyleClass().add("chart-legend");
        legend.setId("latency-legend");
        legend.setPadding(new Insets(8, 8, 0, 8));
        legend.setMinWidth(Region.USE_PREF_SIZE);
        setTop(caption);
        setCenter(holder);
        setRight(legend);
        setBottom(scroll);
        model.onChanged(this::redraw);
        redraw();
    }

    /** The servers drawn (the first {@link #MAX_LINES}). */
    public void setShown(List<String> servers) {
        shown = List.copyOf(servers.subList(0, Math.min(MAX_LINES, servers.size())));
        List<Label> entries = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Rectangle swatch = new Rectangle(14, 3, PALETTE[i % PALETTE.length]);
            Label l = new Label(shown.get(i), swatch);
            l.getStyleClass().add("chart-legend-entry");
            entries.add(l);
        }
        legend.getChildren().setAll(entries);
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

    /** The legend beside the plot: one entry per line drawn. */
    public VBox legend() {
        return legend;
    }

    /** The latency axis of the last redraw. */
    ChartScale.Range yRange() {
        return range;
    }

    /** The time axis labels of the last redraw. */
    public List<String> timeLabels() {
        return ticks.stream().map(ChartScale.Tick::label).toList();
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
        double pw = Math.max(10, w - LEFT - RIGHT);
        double ph = Math.max(10, h - TOP - BOTTOM);
        range = ChartScale.latency(visible(start, end, live), visibleCount);
        ticks = ChartScale.time(start, end, pw, 80);
        axes(g, pw, ph);
        int drawn = 0;
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP - 1, pw, ph + 2);
        g.clip();
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
                double x = LEFT + (t - start) * pw / windowMs;
                drawn++;
                if (Double.isNaN(v)) {
                    g.setFill(ToneColors.fill(dev.orrery.engine.state.Tone.BAD));
                    g.fillRect(x - 1, TOP + ph - 8, 2, 8);
                    pen = false;
                    continue;
                }
                // A spike above the axis is drawn against the top edge (clipped), not rescaled.
                double y = TOP + ph - Math.max(-0.02, Math.min(1.02, range.fraction(v))) * ph;
                if (pen) {
                    g.lineTo(x, y);
                } else {
                    g.moveTo(x, y);
                    pen = true;
                }
            }
            g.stroke();
        }
        g.restore();
        pointsDrawn = drawn;
    }

    /** Grid, latency labels left of the plot and time labels below it. */
    private void axes(GraphicsContext g, double pw, double ph) {
        g.setLineWidth(1);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double v = range.lo(); v <= range.hi() + range.step() / 1000; v += range.step()) {
            double y = Math.round(TOP + ph - range.fraction(v) * ph) + 0.5;
            g.setStroke(Color.gray(0.88));
            g.strokeLine(LEFT, y, LEFT + pw, y);
            g.setFill(Color.gray(0.4));
            g.fillText(range.label(v), LEFT - 6, y);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (ChartScale.Tick t : ticks) {
            double x = Math.round(LEFT + t.fraction() * pw) + 0.5;
            g.setStroke(Color.gray(0.93));
            g.strokeLine(x, TOP, x, TOP + ph);
            g.setStroke(Color.gray(0.6));
            g.strokeLine(x, TOP + ph, x, TOP + ph + 4);
            g.setFill(Color.gray(0.4));
            g.fillText(t.label(), x, TOP + ph + 5);
        }
        g.setStroke(Color.gray(0.6));
        g.strokeLine(LEFT + 0.5, TOP, LEFT + 0.5, TOP + ph);
        g.strokeLine(LEFT, TOP + ph + 0.5, LEFT + pw, TOP + ph + 0.5);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }

    /** Reused between redraws: the latencies in the window, for the axis. */
    private double[] visibleBuffer = new double[1024];
    private int visibleCount;

    private double[] visible(long start, long end, boolean live) {
        visibleCount = 0;
        for (String s : shown) {
            if (live) {
                FxSeries fx = model.series(s);
                for (int i = 0; fx != null && i < fx.size(); i++) {
                    if (fx.time(i) >= start && fx.time(i) <= end) {
                        add(fx.latency(i));
                    }
                }
            } else if (slices.containsKey(s)) {
                HistorySlice slice = slices.get(s);
                for (int i = 0; i < slice.size(); i++) {
                    if (slice.outcome(i).success()) {
                        add(slice.latencies()[i]);
                    }
                }
            }
        }
        return visibleBuffer;
    }

    private void add(double v) {
        if (visibleCount == visibleBuffer.length) {
            visibleBuffer = java.util.Arrays.copyOf(visibleBuffer, visibleBuffer.length * 2);
        }
        visibleBuffer[visibleCount++] = v;
    }
}
