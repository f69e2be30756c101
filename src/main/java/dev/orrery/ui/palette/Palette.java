package dev.orrery.ui.palette;

import dev.orrery.model.Role;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The tiles a user drags onto the topology to add servers. */
public final class Palette extends VBox {

    public Palette() {
        super(10);
        setId("palette");
        getStyleClass().add("palette");
        Label heading = new Label("ADD A SERVER");
        heading.getStyleClass().add("panel-heading");
        Label hint = new Label("Drag a tile onto the topology.");
        hint.getStyleClass().add("panel-hint");
        hint.setWrapText(true);
        getChildren().addAll(heading, hint,
                new PaletteTile(Role.APP, "Runs the app behind the balancer"),
                new PaletteTile(Role.BALANCER, "nginx or HAProxy, sticky sessions"),
                new PaletteTile(Role.DATABASE, "MongoDB the app servers share"),
                PaletteTile.managedBalancer());
    }
}
