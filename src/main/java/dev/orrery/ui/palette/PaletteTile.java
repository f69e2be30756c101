package dev.orrery.ui.palette;

import dev.orrery.model.Role;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.Locale;

/** One draggable tile: a role to add. Drag it onto the topology; the drop opens the add dialog. */
public final class PaletteTile extends HBox {

    public PaletteTile(Role role, String description) {
        super(10);
        setId("tile-" + role.name().toLowerCase(Locale.ROOT));
        getStyleClass().addAll("palette-tile", "role-" + role.name().toLowerCase(Locale.ROOT));
        Region glyph = new Region();
        glyph.getStyleClass().add("role-glyph");
        Label title = new Label(role.label());
        title.getStyleClass().add("tile-title");
        Label sub = new Label(description);
        sub.getStyleClass().add("tile-description");
        sub.setWrapText(true);
        getChildren().addAll(glyph, new VBox(2, title, sub));
        Tooltip.install(this, new Tooltip("Drag onto the topology to add a " + role.label().toLowerCase(Locale.ROOT)));

        setOnDragDetected(e -> {
            Dragboard board = startDragAndDrop(TransferMode.COPY);
            board.setContent(RoleDrag.content(role));
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.TRANSPARENT);
            board.setDragView(snapshot(params, null), e.getX(), e.getY());
            getStyleClass().add("dragging");
            e.consume();
        });
        setOnDragDone(e -> getStyleClass().remove("dragging"));
    }
}
