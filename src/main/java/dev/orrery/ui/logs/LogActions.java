package dev.orrery.ui.logs;

import dev.orrery.logs.LogLine;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The Logs tab's actions on the lines: Copy (the list's menu and the shortcut-C key) copies the
 * selected lines as plain text; Save… hands the shown lines to the window; Storage… opens the
 * store's limits (the window opens {@link LogKeepDialog}).
 */
final class LogActions {
    private final ListView<LogLine> list;
    private final Button save = new Button("Save…");
    private final Button storage = new Button("Storage…");
    private Consumer<List<LogLine>> onSave = l -> { };
    private Runnable onStorage = () -> { };

    LogActions(ListView<LogLine> list) {
        this.list = list;
        save.setId("logs-save");
        save.setOnAction(e -> onSave.accept(List.copyOf(list.getItems())));
        storage.setId("logs-storage");
        storage.setOnAction(e -> onStorage.run());
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> copySelected());
        list.setContextMenu(new ContextMenu(copy));
        list.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copySelected();
            }
        });
    }

    Button saveButton() {
        return save;
    }

    Button storageButton() {
        return storage;
    }

    void setOnSave(Consumer<List<LogLine>> handler) {
        onSave = handler;
    }

    void setOnStorage(Runnable handler) {
        onStorage = handler;
    }

    private void copySelected() {
        String text = list.getSelectionModel().getSelectedItems().stream().map(LogCell::plain).collect(Collectors.joining("\n"));
        if (!text.isEmpty()) {
            ClipboardContent c = new ClipboardContent();
            c.putString(text + "\n");
            Clipboard.getSystemClipboard().setContent(c);
        }
    }
}
