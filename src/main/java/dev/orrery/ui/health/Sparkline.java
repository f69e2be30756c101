package dev.orrery.ui.health;

import dev.orrery.health.HealthState;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

/**
 * A small latency sparkline for topology nodes and table cells: a canvas redrawn only when
 * {@link #update} or {@link #setState} is called, drawing at most one point per pixel.
 * FX thread only.
 */
public final class Sparkline extends Region {
    private final Canvas canvas = new Canvas();
    private double[] values = new double[0];
    private HealthState state = HealthState.CHECKING;

    public Sparkline() {
        this(80, 20);
    }

    public Sparkline(double width, double height) {
        getChildren().add(canvas);
        setPrefSize(width, height);
        setMinSize(20, 8);
        getStyleClass().add("health-sparkline");
        widthProperty().addListener(o -> redraw());
        heightProperty().addListener(o -> redraw());
    }

    /** Latencies in ms, oldest first; the array is copied. NaN marks a failed probe. */
    public void update(double[] latencies) {
        this.values = latencies != null ? latencies.clone() : new double[0];
        redraw();
    }

    public void setState(HealthState s) {
        this.state = s;
        NodeHealthStyle.apply(this, s);
        redraw();
    }

    public int pointCount() {
        return values.length;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (values.length < 2 || w < 2 || h < 2) {
            return;
        }
        int n = (int) Math.min(values.length, Math.max(2, w));
        int from = values.length - n;
        double max = 1;
        for (int i = from; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                max = Math.max(max, values[i]);
            }
        }
        g.setStroke(NodeHealthStyle.color(state));
        g.setLineWidth(1.2);
        g.beginPath();
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            double v = values[from + i];
            double x = i * (w - 1) / (n - 1);
            if (Double.isNaN(v)) {
                g.setFill(NodeHealthStyle.DOWN);
                g.fillRect(x - 1, h - 3, 2, 3);
                pen = false;
                continue;
            }
            double y = h - 1 - v / max * (h - 2);
            if (pen) {
                g.lineTo(x, y);
            } else {
                g.moveTo(x, y);
                pen = true;
            }
        }
        g.stroke();
    }
}
