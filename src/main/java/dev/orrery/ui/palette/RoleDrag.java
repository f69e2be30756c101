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

    /** The managed Load Balancer tile's drag: no server role (DigitalOcean runs it), the balancer kind. */
    public static final DataFormat MANAGED_FORMAT = new DataFormat("application/x-orrery-managed-balancer");

    public static ClipboardContent managedContent() {
        ClipboardContent content = new ClipboardContent();
        content.put(MANAGED_FORMAT, "do-load-balancer");
        content.putString("DigitalOcean Load Balancer");
        return content;
    }

    /** True when the drag came from the managed Load Balancer tile. */
    public static boolean isManaged(Dragboard board) {
        return board.hasContent(MANAGED_FORMAT);
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
