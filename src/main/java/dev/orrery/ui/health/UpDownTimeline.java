package dev.orrery.ui.health;

import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.ServerLook;
import dev.orrery.health.HealthState;
import dev.orrery.model.Role;
import dev.orrery.model.ServerState;
import dev.orrery.ui.look.ToneColors;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.TextAlignment;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One bar per server across the chart's time window, coloured by state from the transitions the
 * model keeps, with a legend (each state's word and colour, from {@code ServerLook.of} like
 * everywhere else) and time labels above, on the same round times as the latency chart. A
 * canvas in a scroll pane: 200 servers are 200 thin bars, not 200 nodes. FX thread only.
 */
public final class UpDownTimeline extends BorderPane {
    /** Room left of the bars for names (when rows are tall enough to read). */
    private static final double LABEL_WIDTH = 80;
    private static final Map<HealthState, Look> LOOKS = new EnumMap<>(HealthState.class);

    static {
        for (HealthState s : HealthState.values()) {
            // A probed app server in this state, as every face shows it.
            LOOKS.put(s, ServerLook.of(ServerLive.of("server", Role.APP, ServerState.READY)
                    .withLifecycle(ServerState.READY, false, true, null, null).withHealth(s, null), 0));
        }
    }

    private final HealthFxModel model;
    private final LatencyChart chart;
    private final Supplier<List<String>> servers;
    private final Canvas canvas = new Canvas(600, 40);
    private final Canvas axis = new Canvas(600, 18);
    private final ScrollPane scroll = new ScrollPane(canvas);
    private final HBox legend = new HBox(14);
    private List<ChartScale.Tick> ticks = List.of();

    public UpDownTimeline(HealthFxModel model, LatencyChart chart, Supplier<List<String>> servers) {
        this.model = model;
        this.chart = chart;
        this.servers = servers;
        getStyleClass().add("health-timeline");
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(120);
        legend.getStyleClass().add("chart-legend");
        legend.setId("timeline-legend");
        legend.setPadding(new Insets(2, 6, 4, 6));
        Label title = new Label("Up / down, same window as the chart:");
        legend.getChildren().add(title);
        for (HealthState s : List.of(HealthState.UP, HealthState.DOWN, HealthState.CHECKING)) {
            Look look = LOOKS.get(s);
            Label entry = new Label(look.word(), new Rectangle(14, 10, ToneColors.fill(look.tone())));
            entry.getStyleClass().add("chart-legend-entry");
            legend.getChildren().add(entry);
        }
        // Time labels above the bars: always in sight, however many servers scroll below.
        setTop(new javafx.scene.layout.VBox(legend, axis));
        setCenter(scroll);
        widthProperty().addListener(o -> redraw());
        model.onChanged(this::redraw);
        chart.heightProperty().addListener(o -> redraw());
    }

    /** The state drawn for {@code server} at {@code timeMs} (what a tooltip or a test reads). */
    public HealthState stateAt(String server, long timeMs) {
        HealthState s = HealthState.CHECKING;
        for (HealthFxModel.Transition t : model.transitions(server)) {
            if (t.timeMs() > timeMs) {
                break;
            }
            s = t.state();
        }
        return s;
    }

    /** The legend above the bars: each state's word in its colour. */
    public HBox legend() {
        return legend;
    }

    /** The time labels below the bars in the last redraw. */
    public List<String> timeLabels() {
        return ticks.stream().map(ChartScale.Tick::label).toList();
    }

    /** The colour a state is drawn in: its look's tone. */
    static Color color(HealthState s) {
        return ToneColors.fill(LOOKS.get(s == null ? HealthState.CHECKING : s).tone());
    }

    void redraw() {
        List<String> names = servers.get();
        double rowH = names.size() <= 20 ? 14 : names.size() <= 60 ? 6 : 3;
        double w = Math.max(100, getWidth() - 4);
        double h = Math.max(10, names.size() * rowH);
        canvas.setWidth(w);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        long end = chart.windowEnd();
        long start = end - chart.windowMs();
        double labelW = rowH >= 14 ? LABEL_WIDTH : 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            double y = i * rowH;
            if (labelW > 0) {
                g.setFill(Color.gray(0.3));
                g.fillText(name, 2, y + rowH - 3);
            }
            // Nothing is drawn before the first transition: Orrery was not watching then.
            HealthState current = null;
            long from = start;
            for (HealthFxModel.Transition t : model.transitions(name)) {
                if (t.timeMs() <= start) {
                    current = t.state();
                    continue;
                }
                if (t.timeMs() > end) {
                    break;
                }
                bar(g, labelW, w, start, end, from, t.timeMs(), y, rowH, current);
                from = t.timeMs();
                current = t.state();
            }
            bar(g, labelW, w, start, end, from, end, y, rowH, current);
        }
        drawAxis(w, labelW, start, end);
    }

    /** Time labels under the bars, on round times like the chart's. */
    private void drawAxis(double w, double x0, long start, long end) {
        axis.setWidth(w);
        GraphicsContext g = axis.getGraphicsContext2D();
        g.clearRect(0, 0, w, axis.getHeight());
        double span = w - x0;
        ticks = ChartScale.time(start, end, span, 80);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (ChartScale.Tick t : ticks) {
            double x = Math.round(x0 + t.fraction() * span) + 0.5;
            g.setStroke(Color.gray(0.6));
            g.strokeLine(x, axis.getHeight() - 4, x, axis.getHeight());
            g.setFill(Color.gray(0.4));
            g.fillText(t.label(), Math.min(Math.max(x, 26), w - 26), 0);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
    }

    private static void bar(GraphicsContext g, double x0, double w, long start, long end, long from, long to,
                            double y, double rowH, HealthState s) {
        if (s == null) {
            return;
        }
        double span = end - start;
        double a = x0 + (from - start) / span * (w - x0);
        double b = x0 + (to - start) / span * (w - x0);
        g.setFill(color(s));
        g.fillRect(a, y + 1, Math.max(1, b - a), rowH - 2);
    }
}
