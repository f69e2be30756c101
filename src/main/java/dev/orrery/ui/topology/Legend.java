package dev.orrery.ui.topology;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;

/** Says what the two kinds of line in the diagram carry (by their style, not their colour alone). */
final class Legend extends HBox {

    Legend() {
        super(6);
        getStyleClass().add("legend");
        Region gap = new Region();
        gap.setMinWidth(10);
        getChildren().addAll(sample("traffic-front"), new Label("clients → balancer → app servers"),
                gap, sample("traffic-back"), new Label("app servers → database (dashed)"));
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setMouseTransparent(true);
    }

    private static Line sample(String styleClass) {
        Line line = new Line(0, 0, 22, 0);
        line.getStyleClass().addAll("traffic", styleClass);
        return line;
    }
}
