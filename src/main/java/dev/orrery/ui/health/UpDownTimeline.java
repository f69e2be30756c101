package dev.orrery.ui.health;

import dev.orrery.health.HealthState;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollPane;
import javafx.scene.paint.Color;

import java.util.List;
import java.util.function.Supplier;

/**
 * One bar per server across the chart's time window, coloured by state (green up, red down,
 * grey checking) from the transitions the model keeps. A canvas in a scroll pane: 200 servers
 * are 200 thin bars, not 200 nodes. FX thread only.
 */
public final class UpDownTimeline extends ScrollPane {
    private final HealthFxModel model;
    private final LatencyChart chart;
    private final Supplier<List<String>> servers;
    private final Canvas canvas = new Canvas(600, 40);

    public UpDownTimeline(HealthFxModel model, LatencyChart chart, Supplier<List<String>> servers) {
        this.model = model;
        this.chart = chart;
        this.servers = servers;
        getStyleClass().add("health-timeline");
        setContent(canvas);
        setFitToWidth(true);
        setPrefViewportHeight(120);
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
        double labelW = rowH >= 14 ? 80 : 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            double y = i * rowH;
            if (labelW > 0) {
                g.setFill(Color.gray(0.3));
                g.fillText(name, 2, y + rowH - 3);
            }
            HealthState current = HealthState.CHECKING;
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
    }

    private static void bar(GraphicsContext g, double x0, double w, long start, long end, long from, long to,
                            double y, double rowH, HealthState s) {
        double span = end - start;
        double a = x0 + (from - start) / span * (w - x0);
        double b = x0 + (to - start) / span * (w - x0);
        g.setFill(NodeHealthStyle.color(s));
        g.fillRect(a, y + 1, Math.max(1, b - a), rowH - 2);
    }
}
