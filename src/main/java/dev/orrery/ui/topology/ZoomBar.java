package dev.orrery.ui.topology;

import javafx.beans.property.DoubleProperty;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/** The small − 100% + control in the corner of the topology. */
final class ZoomBar extends HBox {

    ZoomBar(DoubleProperty zoom) {
        super(4);
        getStyleClass().add("zoom-bar");
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        Button out = new Button("−");
        out.setId("zoom-out");
        out.setTooltip(new Tooltip("Zoom out (Shortcut+−, or Shortcut+scroll)"));
        out.setOnAction(e -> zoom.set(Math.max(TopologyView.MIN_ZOOM, zoom.get() / 1.25)));
        Button in = new Button("+");
        in.setId("zoom-in");
        in.setTooltip(new Tooltip("Zoom in (Shortcut+=, or Shortcut+scroll)"));
        in.setOnAction(e -> zoom.set(Math.min(TopologyView.MAX_ZOOM, zoom.get() * 1.25)));
        Button reset = new Button();
        reset.setId("zoom-reset");
        reset.setTooltip(new Tooltip("Actual size (Shortcut+0)"));
        reset.textProperty().bind(zoom.multiply(100).asString("%.0f%%"));
        reset.setOnAction(e -> zoom.set(1.0));
        reset.setMinWidth(58);
        Label label = new Label("Zoom");
        label.getStyleClass().add("zoom-label");
        getChildren().addAll(label, out, reset, in);
    }
}
