package dev.orrery.ui.topology;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/**
 * A small line of a node's recent {@link NodeStatus#samples()}; the default until the health
 * feature supplies its own through {@link TopologyView#setSparklineFactory}.
 */
public final class MiniSparkline extends Region {
    private static final double WIDTH = 64;
    private static final double HEIGHT = 16;
    private final Polyline line = new Polyline();
    private final NodeStatus status;

    public MiniSparkline(NodeStatus status) {
        this.status = status;
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        getChildren().add(line);
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
        managedProperty().bind(visibleProperty());
        status.samples().addListener((ListChangeListener<Double>) c -> redraw());
        redraw();
    }

    private void redraw() {
        var values = status.samples();
        setVisible(values.size() > 1);
        line.getPoints().clear();
        if (values.size() < 2) {
            return;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double span = max - min == 0 ? 1 : max - min;
        for (int i = 0; i < values.size(); i++) {
            line.getPoints().addAll(i * WIDTH / (values.size() - 1), HEIGHT - 1 - (values.get(i) - min) / span * (HEIGHT - 2));
        }
    }
}
