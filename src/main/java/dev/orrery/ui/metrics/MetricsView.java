package dev.orrery.ui.metrics;

import dev.orrery.metrics.Metric;
import dev.orrery.metrics.MetricSeries;
import dev.orrery.metrics.MetricsQueries;
import dev.orrery.metrics.MetricsSampler;
import dev.orrery.metrics.Sample;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Metrics tab: a list of the cluster and its servers (each with its latest CPU, memory and
 * disk), a range picker (15 min, 1 h, 24 h, 7 d, 30 d) and five charts of the chosen one — CPU,
 * memory, disk, network and request latency — read from the history store, so after a restart the
 * last hour, day or month is still there. Deploys are marked, unplanned down periods shaded.
 *
 * <p>Threads: reads run on the given executor (the engine's io pool) and land with
 * {@code Platform.runLater}; a reply to an older request is dropped. Live samples come through
 * {@link #offer} from any thread and reach the list at most four times a second, so 200
 * servers sampled every 10 s cost the FX thread almost nothing.
 */
public final class MetricsView extends BorderPane {
    /** The ranges offered, in seconds. */
    public static final long[] RANGES = {15 * 60, 3600, 24 * 3600, 7 * 24 * 3600, 30L * 24 * 3600};
    static final String[] RANGE_WORDS = {"15 min", "1 h", "24 h", "7 d", "30 d"};
    static final int POINTS = 720;
    private static final Color AVG = Color.web("#1c7ed6");
    private static final Color OUT = Color.web("#e8590c");

    private final String cluster;
    private final MetricsQueries queries;
    private final Executor io;
    private final LongSupplier now;
    private final Supplier<List<MetricsSampler.Status>> status;
    /** A row of the list: the cluster (server null) or a server with its latest sample (null before one). */
    record Subject(String server, Sample latest) {
    }

    private final ObservableList<Subject> subjects = FXCollections.observableArrayList();
    private final ListView<Subject> list = new ListView<>(subjects);
    private final Map<String, Integer> rowOf = new HashMap<>();
    private final Map<String, Sample> incoming = new java.util.concurrent.ConcurrentHashMap<>();
    private final ToggleGroup rangeGroup = new ToggleGroup();
    private final Label source = new Label();
    private final Label note = new Label();
    private final TimeChart cpu = new TimeChart("CPU", v -> String.format(Locale.ROOT, "%.0f%%", v), 100);
    private final TimeChart memory = new TimeChart("Memory", v -> String.format(Locale.ROOT, "%.0f%%", v), 100);
    private final TimeChart disk = new TimeChart("Disk used", v -> String.format(Locale.ROOT, "%.0f%%", v), 100);
    private final TimeChart network = new TimeChart("Network", v -> Metric.bytes(v) + "/s", 1000);
    private final TimeChart latency = new TimeChart("Request latency (health probes)", v -> String.format(Locale.ROOT, "%.0f ms", v), 10);
    private final Timeline refresh;
    private final Timeline samplesTimer;
    private long rangeSeconds = RANGES[1];
    private int request;
    private ChartData shown;
    private Runnable onLoaded = () -> { };

    /** @param sampleMs how often the shown range is read again while it ends now */
    public MetricsView(String cluster, List<String> servers, MetricsQueries queries, Executor io, LongSupplier nowMs,
                       Supplier<List<MetricsSampler.Status>> status, long sampleMs) {
        this.cluster = cluster;
        this.queries = queries;
        this.io = io;
        this.now = nowMs;
        this.status = status;
        getStyleClass().add("metrics-view");
        setId("metrics-view");

        HBox ranges = new HBox(2);
        for (int i = 0; i < RANGES.length; i++) {
            ToggleButton b = new ToggleButton(RANGE_WORDS[i]);
            b.setId("metrics-range-" + RANGE_WORDS[i].replace(" ", ""));
            b.setToggleGroup(rangeGroup);
            b.setUserData(RANGES[i]);
            b.setSelected(RANGES[i] == rangeSeconds);
            ranges.getChildren().add(b);
        }
        rangeGroup.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one range is always chosen
            } else {
                rangeSeconds = (long) now.getUserData();
                reload();
            }
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        source.getStyleClass().add("metrics-source");
        source.setId("metrics-source");
        note.getStyleClass().add("panel-hint");
        note.setWrapText(true);
        HBox bar = new HBox(8, new Label("Range"), ranges, grow, source);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        setTop(new VBox(bar, note));

        list.setId("metrics-subjects");
        list.setCellFactory(v -> new SubjectCell());
        list.setPrefWidth(240);
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (was == null || now == null || !java.util.Objects.equals(was.server(), now.server())) {
                reload(); // a row's sample changing is not another selection
            }
        });
        VBox charts = new VBox(4, cpu, memory, disk, network, latency);
        charts.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setFitToWidth(true);
        SplitPane split = new SplitPane(list, scroll);
        split.setDividerPositions(0.22);
        setCenter(split);
        setServers(servers);
        list.getSelectionModel().select(0);

        refresh = new Timeline(new KeyFrame(Duration.millis(Math.max(1000, sampleMs)), e -> {
            if (rangeSeconds <= 24 * 3600) {
                reload(); // a range that ends now moves on with every sample
            }
        }));
        refresh.setCycleCount(Timeline.INDEFINITE);
        refresh.play();
        // its own timeline: keyframes of one timeline share its cycle, so 250 ms beside 10 s would run once per 10 s
        samplesTimer = new Timeline(new KeyFrame(Duration.millis(250), e -> applySamples()));
        samplesTimer.setCycleCount(Timeline.INDEFINITE);
        samplesTimer.play();
    }

    /** The cluster's servers changed: the list follows (the cluster itself stays first). */
    public void setServers(List<String> servers) {
        String selected = selected();
        Map<String, Sample> known = new HashMap<>();
        subjects.forEach(s -> {
            if (s.server() != null && s.latest() != null) {
                known.put(s.server(), s.latest());
            }
        });
        List<Subject> next = new ArrayList<>();
        next.add(new Subject(null, null));
        rowOf.clear();
        for (String s : servers) {
            rowOf.put(s, next.size());
            next.add(new Subject(s, known.get(s)));
        }
        subjects.setAll(next);
        list.getSelectionModel().select(selected == null || !rowOf.containsKey(selected) ? 0 : rowOf.get(selected));
    }

    /** Fills the list's latest values from the store (io pool), so they show before the next sample. */
    void offerAll() {
        io.execute(() -> {
            try {
                queries.latest(cluster).forEach((server, l) -> {
                    double[] v = Sample.unknown();
                    l.values().forEach((m, x) -> v[m.ordinal()] = x);
                    incoming.putIfAbsent(server, new Sample(server, l.timeMs(), l.source(), v, List.of()));
                });
            } catch (Exception e) {
                // the charts say so when they read
            }
        });
    }

    /** A live sample, from any thread: shown in the list within a quarter second. */
    public void offer(Sample s) {
        incoming.put(s.server(), s);
    }

    public void setRange(long seconds) {
        for (var t : rangeGroup.getToggles()) {
            if ((long) t.getUserData() == seconds) {
                t.setSelected(true);
            }
        }
    }

    /** Chooses a server (null: the cluster). */
    public void select(String server) {
        list.getSelectionModel().select(server == null ? 0 : rowOf.getOrDefault(server, 0));
    }

    public String selected() {
        Subject s = list.getSelectionModel().getSelectedItem();
        return s == null ? null : s.server();
    }

    public long rangeSeconds() {
        return rangeSeconds;
    }

    public List<TimeChart> charts() {
        return List.of(cpu, memory, disk, network, latency);
    }

    public ChartData shown() {
        return shown;
    }

    /** Called on the FX thread each time charts were drawn from a fresh read (tests, the benchmark). */
    public void setOnLoaded(Runnable r) {
        onLoaded = r != null ? r : () -> { };
    }

    public void dispose() {
        refresh.stop();
        samplesTimer.stop();
    }

    /** The samples since the last pass, each into its own row (one cell updates, and only if it is visible). */
    private void applySamples() {
        if (incoming.isEmpty()) {
            return;
        }
        for (String k : new ArrayList<>(incoming.keySet())) {
            Sample s = incoming.remove(k);
            Integer row = rowOf.get(k);
            if (row != null) {
                subjects.set(row, new Subject(k, s));
            }
        }
    }

    /** Reads the chosen subject and range off the FX thread; draws when it arrives. */
    public void reload() {
        if (subjects.isEmpty()) {
            return;
        }
        String server = selected();
        long to = now.getAsLong();
        long from = to - rangeSeconds * 1000;
        int token = ++request;
        try {
            io.execute(() -> read(token, server, from, to));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            refresh.stop(); // the engine is shutting down with the window
        }
    }

    private void read(int token, String server, long from, long to) {
        {
            try {
                ChartData d = ChartData.read(queries, cluster, server, from, to, POINTS);
                Platform.runLater(() -> {
                    if (token == request) {
                        draw(d);
                    }
                });
            } catch (Exception e) {
                Platform.runLater(() -> note.setText("Cannot read the history store: " + e.getMessage()));
            }
        }
    }

    /** Draws {@code d} on the five charts (FX thread). */
    void draw(ChartData d) {
        shown = d;
        MetricSeries m = d.metrics();
        long[] t = m.timesMs();
        List<TimeChart.Marker> marks = d.markers().stream()
                .map(k -> new TimeChart.Marker(k.timeMs(), k.label(), k.kind().equals("failed"))).toList();
        List<TimeChart.Shade> down = d.outages().stream().map(o -> new TimeChart.Shade(o.startMs(), o.endMs())).toList();
        cpu.setData(d.fromMs(), d.toMs(), t, List.of(new TimeChart.Line("CPU", AVG, m.avg(Metric.CPU), m.max(Metric.CPU)),
                new TimeChart.Line("steal", OUT, m.avg(Metric.STEAL), null)), marks, down);
        memory.setData(d.fromMs(), d.toMs(), t, List.of(new TimeChart.Line("memory used", AVG, m.memoryPercent(false), m.memoryPercent(true))),
                marks, down);
        disk.setData(d.fromMs(), d.toMs(), t, List.of(new TimeChart.Line("fullest file system", AVG, m.avg(Metric.DISK), m.max(Metric.DISK))),
                marks, down);
        network.setData(d.fromMs(), d.toMs(), t, List.of(new TimeChart.Line("in", AVG, m.avg(Metric.NET_RX), null),
                new TimeChart.Line("out", OUT, m.avg(Metric.NET_TX), null)), marks, down);
        latency.setData(d.fromMs(), d.toMs(), d.probes().timesMs(), List.of(new TimeChart.Line("mean", AVG, d.probes().latencyMs(),
                d.probes().worstMs())), marks, down);
        String who = d.server() == null ? "the cluster (average of its servers; the band is the busiest server)" : d.server();
        String res = m.bucketSeconds() < 60 ? m.bucketSeconds() + " s" : m.bucketSeconds() < 3600 ? m.bucketSeconds() / 60 + " min" : m.bucketSeconds() / 3600 + " h";
        source.setText(sourceWords(d.server()) + " · one point per " + res);
        List<MetricsSampler.Status> failing = status.get().stream().filter(MetricsSampler.Status::failing)
                .filter(s -> d.server() == null || s.server().equals(d.server())).toList();
        note.setText(m.size() == 0 ? "No samples of " + who + " in this range yet: samples are taken while the cluster is open."
                : failing.isEmpty() ? "Showing " + who + "." : failing.stream().map(s -> s.server() + ": " + s.error())
                .reduce((a, b) -> a + "\n" + b).orElse(""));
        onLoaded.run();
    }

    private String sourceWords(String server) {
        List<MetricsSampler.Status> all = status.get();
        if (server != null) {
            return all.stream().filter(s -> s.server().equals(server)).findFirst().map(s -> s.source().words()).orElse("not sampled");
        }
        long viaDo = all.stream().filter(s -> s.source() == Sample.Source.DIGITALOCEAN && !s.failing()).count();
        return viaDo == 0 ? (all.stream().anyMatch(s -> s.source() == Sample.Source.LOCAL) ? "read on this machine" : "read over SSH")
                : viaDo + " servers from DigitalOcean Monitoring (do-agent), the rest over SSH";
    }

    /** A row of the list: the cluster, or a server with its latest CPU, memory and disk. */
    private final class SubjectCell extends ListCell<Subject> {
        @Override
        protected void updateItem(Subject item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                return;
            }
            String server = item.server();
            if (server == null) {
                setText("Cluster " + cluster + " (" + (subjects.size() - 1) + " servers)");
                return;
            }
            Sample s = item.latest();
            setText(s == null ? server : String.format(Locale.ROOT, "%s   CPU %s · mem %s · disk %s%s", server,
                    Metric.CPU.format(s.get(Metric.CPU)), Double.isNaN(s.memoryPercent()) ? "–" : String.format(Locale.ROOT, "%.0f%%", s.memoryPercent()),
                    Metric.DISK.format(s.get(Metric.DISK)), s.source() == Sample.Source.DIGITALOCEAN ? " (do-agent)" : ""));
        }
    }
}
