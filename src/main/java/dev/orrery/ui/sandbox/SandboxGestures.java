package dev.orrery.ui.sandbox;

import dev.orrery.engine.SandboxJob;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.Tone;
import dev.orrery.model.Role;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.ui.main.MainWindow;
import dev.orrery.ui.palette.RoleDrag;
import dev.orrery.ui.topology.ServerNode;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.DragEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's gestures on the topology while it is shown and running: an app server node's
 * context menu (Simulate failure — not on a node already down —, Restart, Deploy next version,
 * Delete…) and an App server tile dropped to start another server.
 */
final class SandboxGestures {
    private final SandboxUi ui;
    private final MainWindow window;

    private SandboxGestures(SandboxUi ui, MainWindow window) {
        this.ui = ui;
        this.window = window;
    }

    static SandboxGestures install(SandboxUi ui, MainWindow window) {
        SandboxGestures g = new SandboxGestures(ui, window);
        window.topology().addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, g::contextMenu);
        window.topology().addEventFilter(DragEvent.DRAG_DROPPED, g::dropped);
        return g;
    }

    /** The sandbox's actions for one app server's node; Simulate failure only while it is not down. */
    ContextMenu menuFor(String name) {
        List<MenuItem> items = new ArrayList<>();
        Look look = window.live().model().look(name);
        ServerLive live = window.live().model().server(name);
        boolean down = (look != null && look.tone() == Tone.BAD)
                || (live != null && "exited".equals(live.facts().get(Sandbox.PROCESS_FACT)));
        if (!down) {
            items.add(item("Simulate failure", "sandbox-fail", () -> ui.runJob(SandboxJob.fail(ui.sandbox(), name))));
        }
        items.add(item("Restart", "sandbox-restart", () -> ui.runJob(SandboxJob.restart(ui.sandbox(), name))));
        items.add(new SeparatorMenuItem());
        items.add(item("Deploy next version", "sandbox-deploy", () -> ui.runJob(SandboxJob.deployNext(ui.sandbox()))));
        items.add(new SeparatorMenuItem());
        items.add(item("Delete…", "sandbox-delete", () -> window.document().cluster().server(name).ifPresent(ui::delete)));
        return new ContextMenu(items.toArray(MenuItem[]::new));
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> action.run());
        return i;
    }

    private void contextMenu(ContextMenuEvent e) {
        ServerNode node = serverNode(e.getPickResult().getIntersectedNode());
        if (!ui.shown() || !ui.running() || node == null || node.server().role() != Role.APP) {
            return;
        }
        menuFor(node.server().name()).show(node, e.getScreenX(), e.getScreenY());
        e.consume();
    }

    /** An App server tile dropped on the sandbox: start another server instead of asking for an address. */
    private void dropped(DragEvent e) {
        if (!ui.shown() || !ui.running() || RoleDrag.read(e.getDragboard()).filter(r -> r == Role.APP).isEmpty()) {
            return;
        }
        e.setDropCompleted(true);
        e.consume();
        window.topology().getStyleClass().remove("drop-active");
        ui.addServer();
    }

    private static ServerNode serverNode(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (at instanceof ServerNode s) {
                return s;
            }
        }
        return null;
    }
}
