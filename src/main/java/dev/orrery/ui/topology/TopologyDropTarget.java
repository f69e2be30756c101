package dev.orrery.ui.topology;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.ui.palette.RoleDrag;
import javafx.application.Platform;
import javafx.scene.input.TransferMode;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The topology as the drop target of palette tiles: a role's tile (with the slot it was dropped
 * at) or the managed Load Balancer's. The handlers run after the drag gesture has ended.
 */
final class TopologyDropTarget {

    private TopologyDropTarget() {
    }

    static void install(TopologyView view, Supplier<Cluster> cluster, Supplier<BiConsumer<Role, Integer>> onRoleDropped,
                        Supplier<Runnable> onManagedDropped) {
        view.setOnDragOver(e -> {
            if (cluster.get() != null && (RoleDrag.read(e.getDragboard()).isPresent() || RoleDrag.isManaged(e.getDragboard()))) {
                e.acceptTransferModes(TransferMode.COPY);
                if (!view.getStyleClass().contains("drop-active")) {
                    view.getStyleClass().add("drop-active");
                }
            }
            e.consume();
        });
        view.setOnDragExited(e -> view.getStyleClass().remove("drop-active"));
        view.setOnDragDropped(e -> {
            if (RoleDrag.isManaged(e.getDragboard())) {
                e.setDropCompleted(cluster.get() != null);
                e.consume();
                view.getStyleClass().remove("drop-active");
                if (cluster.get() != null) {
                    Platform.runLater(onManagedDropped.get());
                }
                return;
            }
            var role = RoleDrag.read(e.getDragboard());
            e.setDropCompleted(role.isPresent() && cluster.get() != null);
            e.consume();
            view.getStyleClass().remove("drop-active");
            int slot = role.map(r -> view.dropIndex(r, e.getSceneX(), e.getSceneY())).orElse(0);
            // The dialog opens after the drag gesture has ended, not inside the drop handler.
            role.ifPresent(r -> Platform.runLater(() -> onRoleDropped.get().accept(r, slot)));
        });
    }
}
