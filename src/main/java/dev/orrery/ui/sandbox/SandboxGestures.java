package dev.orrery.ui.sandbox;

import dev.orrery.engine.SandboxJob;
import dev.orrery.engine.state.Look;
import dev.orrery.engine.state.ServerLive;
import dev.orrery.engine.state.Tone;
import dev.orrery.model.Role;
import dev.orrery.sandbox.Sandbox;
import dev.orrery.ui.main.MainWindow;
import dev.orrery.ui.palette.RoleDrag;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.DragEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's gestures on the topology while it is shown and running: its items in an app
 * server's menu (the window's one server menu, on the node and the Health row: Simulate failure —
 * not on a node already down —, Restart, Deploy next version; the menu's own Delete… stops the
 * process, see {@code MainWindow.confirmDelete}) and an App server tile dropped to start another server.
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
        window.serverMenu().contribute(g::itemsWhileShown);
        window.topology().addEventFilter(DragEvent.DRAG_DROPPED, g::dropped);
        return g;
    }

    /** The sandbox's actions for one app server, as a menu of their own. */
    ContextMenu menuFor(String name) {
        return new ContextMenu(items(name).toArray(MenuItem[]::new));
    }

    private List<MenuItem> itemsWhileShown(String name) {
        var c = window.document().cluster();
        if (!ui.shown() || !ui.running() || c == null || c.server(name).filter(s -> s.role() == Role.APP).isEmpty()) {
            return List.of();
        }
        return items(name);
    }

    /** Simulate failure only while it is not down. */
    private List<MenuItem> items(String name) {
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
        return items;
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> action.run());
        return i;
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
}
