package dev.orrery.ui.palette;

import dev.orrery.model.Role;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
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
        this("tile-" + role.name().toLowerCase(Locale.ROOT), role, role.label(), description,
                "Drag onto the topology to add a " + role.label().toLowerCase(Locale.ROOT), RoleDrag.content(role));
    }

    /** The DigitalOcean Load Balancer: dropped, it opens the move to it (the menu's Cluster ▸ Move to a DigitalOcean Load Balancer…). */
    public static PaletteTile managedBalancer() {
        return new PaletteTile("tile-managed-lb", Role.BALANCER, "DigitalOcean Load Balancer", "Run by DigitalOcean; cookie stickiness only",
                "Drag onto the topology to move the cluster to a DigitalOcean Load Balancer", RoleDrag.managedContent());
    }

    private PaletteTile(String id, Role look, String titleText, String description, String tip, ClipboardContent content) {
        super(10);
        setId(id);
        getStyleClass().addAll("palette-tile", "role-" + look.name().toLowerCase(Locale.ROOT));
        Region glyph = new Region();
        glyph.getStyleClass().add("role-glyph");
        Label title = new Label(titleText);
        title.getStyleClass().add("tile-title");
        title.setWrapText(true);
        Label sub = new Label(description);
        sub.getStyleClass().add("tile-description");
        sub.setWrapText(true);
        getChildren().addAll(glyph, new VBox(2, title, sub));
        Tooltip.install(this, new Tooltip(tip));

        setOnDragDetected(e -> {
            Dragboard board = startDragAndDrop(TransferMode.COPY);
            board.setContent(content);
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.TRANSPARENT);
            board.setDragView(snapshot(params, null), e.getX(), e.getY());
            getStyleClass().add("dragging");
            e.consume();
        });
        setOnDragDone(e -> getStyleClass().remove("dragging"));
    }
}
