package dev.orrery.ui.menu;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The one menu of actions on a server, built fresh each time it is shown: the topology's node
 * and the Health tab's row both show {@link #build}, so they offer the same actions. Each part
 * of the window contributes its items (the window: edit, delete; the balancer: configuration;
 * the sandbox: simulate failure, restart …); groups are separated by a line. FX thread only.
 *
 * <pre>{@code
 * ServerMenu menu = new ServerMenu();
 * menu.contribute(name -> List.of(item("Delete…", () -> delete(name))));
 * topology.setNodeMenu(menu::build);
 * healthView.setRowMenu(menu::build);
 * }</pre>
 */
public final class ServerMenu {
    private final List<Function<String, List<MenuItem>>> contributors = new CopyOnWriteArrayList<>();

    /** Adds a group of items for a server (an empty list when it has none for that server). */
    public void contribute(Function<String, List<MenuItem>> items) {
        contributors.add(items);
    }

    /** The menu for {@code server}: every contributor's items, groups separated; empty when none has any. */
    public ContextMenu build(String server) {
        List<MenuItem> all = new ArrayList<>();
        for (Function<String, List<MenuItem>> c : contributors) {
            List<MenuItem> items = c.apply(server);
            if (items == null || items.isEmpty()) {
                continue;
            }
            if (!all.isEmpty()) {
                all.add(new SeparatorMenuItem());
            }
            all.addAll(items);
        }
        ContextMenu menu = new ContextMenu();
        menu.getItems().setAll(all);
        menu.setId("server-menu");
        return menu;
    }

    /** A menu item with an id (for tests and accessibility) and an action. */
    public static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setMnemonicParsing(false);
        item.setOnAction(e -> action.run());
        return item;
    }
}
