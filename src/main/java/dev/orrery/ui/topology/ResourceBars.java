package dev.orrery.ui.topology;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * Two small bars on a node card: CPU above memory, filled to the server's latest use (from
 * {@link NodeStatus#cpuProperty()} and {@link NodeStatus#memoryProperty()}), amber from 75%,
 * red from 90%, with the numbers in the tooltip. Hidden while nothing is known.
 */
public final class ResourceBars extends VBox {
    static final double WIDTH = 30;
    private final Region cpuFill = new Region();
    private final Region memFill = new Region();
    private final Tooltip tip = new Tooltip();

    public ResourceBars(NodeStatus status) {
        super(2);
        getStyleClass().add("resource-bars");
        getChildren().addAll(track(cpuFill), track(memFill));
        setMaxHeight(10);
        managedProperty().bind(visibleProperty());
        Tooltip.install(this, tip);
        InvalidationListener redraw = o -> show(status.cpuProperty().get(), status.memoryProperty().get());
        status.cpuProperty().addListener(redraw);
        status.memoryProperty().addListener(redraw);
        show(status.cpuProperty().get(), status.memoryProperty().get());
    }

    private static Pane track(Region fill) {
        fill.getStyleClass().add("resource-fill");
        Pane track = new Pane(fill);
        track.getStyleClass().add("resource-track");
        track.setMinSize(WIDTH, 4);
        track.setPrefSize(WIDTH, 4);
        track.setMaxSize(WIDTH, 4);
        fill.setPrefHeight(4);
        return track;
    }

    private void show(double cpu, double mem) {
        setVisible(!Double.isNaN(cpu) || !Double.isNaN(mem));
        fill(cpuFill, cpu);
        fill(memFill, mem);
        String words = String.format(Locale.ROOT, "CPU %s, memory %s", pct(cpu), pct(mem));
        tip.setText(words);
        setAccessibleText(words);
    }

    private static void fill(Region r, double v) {
        double p = Double.isNaN(v) ? 0 : Math.max(0, Math.min(100, v));
        r.resize(WIDTH * p / 100, 4);
        r.setPrefWidth(WIDTH * p / 100);
        r.getStyleClass().removeAll("resource-high", "resource-warm");
        if (p >= 90) {
            r.getStyleClass().add("resource-high");
        } else if (p >= 75) {
            r.getStyleClass().add("resource-warm");
        }
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%.0f%%", v);
    }

    public double cpuFillWidth() {
        return cpuFill.getPrefWidth();
    }

    public double memoryFillWidth() {
        return memFill.getPrefWidth();
    }
}
