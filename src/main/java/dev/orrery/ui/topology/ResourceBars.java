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
    private int shownCpu = Integer.MIN_VALUE;
    private int shownMem = Integer.MIN_VALUE;

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

    /** Redraws only when a bar moves by a whole percent: 200 cards sampled every 10 s touch the scene graph rarely. */
    private void show(double cpu, double mem) {
        int c = Double.isNaN(cpu) ? -1 : (int) Math.round(Math.max(0, Math.min(100, cpu)));
        int m = Double.isNaN(mem) ? -1 : (int) Math.round(Math.max(0, Math.min(100, mem)));
        if (c == shownCpu && m == shownMem) {
            return;
        }
        shownCpu = c;
        shownMem = m;
        setVisible(c >= 0 || m >= 0);
        fill(cpuFill, c);
        fill(memFill, m);
        String words = String.format(Locale.ROOT, "CPU %s, memory %s", pct(c), pct(m));
        tip.setText(words);
        setAccessibleText(words);
    }

    private static void fill(Region r, int percent) {
        int p = Math.max(0, percent);
        r.resize(WIDTH * p / 100, 4);
        r.setPrefWidth(WIDTH * p / 100);
        String level = p >= 90 ? "resource-high" : p >= 75 ? "resource-warm" : null;
        boolean high = r.getStyleClass().contains("resource-high");
        boolean warm = r.getStyleClass().contains("resource-warm");
        if (high != "resource-high".equals(level) || warm != "resource-warm".equals(level)) { // a CSS pass only when the colour changes
            r.getStyleClass().removeAll("resource-high", "resource-warm");
            if (level != null) {
                r.getStyleClass().add(level);
            }
        }
    }

    private static String pct(int v) {
        return v < 0 ? "unknown" : v + "%";
    }

    public double cpuFillWidth() {
        return cpuFill.getPrefWidth();
    }

    public double memoryFillWidth() {
        return memFill.getPrefWidth();
    }
}
