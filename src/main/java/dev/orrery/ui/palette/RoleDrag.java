package dev.orrery.ui.palette;

import dev.orrery.model.Role;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;

import java.util.Optional;

/** What a palette tile puts on the Dragboard: the role of the server to add. */
public final class RoleDrag {
    public static final DataFormat FORMAT = new DataFormat("application/x-orrery-server-role");

    private RoleDrag() {
    }

    public static ClipboardContent content(Role role) {
        ClipboardContent content = new ClipboardContent();
        content.put(FORMAT, role.name());
        content.putString(role.label());
        return content;
    }

    /** The role being dragged, if the drag came from a palette tile. */
    public static Optional<Role> read(Dragboard board) {
        if (!board.hasContent(FORMAT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.valueOf(String.valueOf(board.getContent(FORMAT))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
