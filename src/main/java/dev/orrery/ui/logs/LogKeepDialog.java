package dev.orrery.ui.logs;

import dev.orrery.logs.ByteSize;
import dev.orrery.logs.LogKeep;
import dev.orrery.logs.LogStore;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * Logs ▸ Storage…: how much of the followed logs Orrery keeps on disk for search — at most a
 * size (the oldest lines go first) and for a number of days — and what the store holds now.
 * Apply stores both (the same settings {@code orrery logs --keep-size --keep-days} sets) and drops
 * at once what they leave out. Every read and write runs on {@code background}; a value that is
 * not a size or out of range is refused here and changes nothing.
 */
public final class LogKeepDialog {
    private LogKeepDialog() {
    }

    public static Dialog<Void> show(Window owner, Executor background, Callable<LogStore> storeOf) {
        Dialog<Void> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
            if (owner.getScene() != null) {
                d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        }
        d.setTitle("Log storage");
        d.setHeaderText("How much of the followed logs Orrery keeps on disk for search");
        d.getDialogPane().setId("logs-keep-dialog");
        TextField size = new TextField();
        size.setId("logs-keep-size");
        size.setPromptText("500 MB, 2 GB");
        Spinner<Integer> days = new Spinner<>(1, LogKeep.MAX_DAYS, LogKeep.DEFAULTS.keepDays());
        days.setId("logs-keep-days");
        days.setEditable(true);
        Label held = new Label("Reading…");
        held.setId("logs-keep-held");
        held.setWrapText(true);
        held.setMaxWidth(460);
        Label result = new Label();
        result.setId("logs-keep-result");
        result.setWrapText(true);
        result.setMaxWidth(460);
        Button apply = new Button("Apply");
        apply.setId("logs-keep-apply");
        apply.setDisable(true); // until the current values are read
        apply.setDefaultButton(true);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("At most"), size, new Label("the oldest lines go first beyond it (at least 1 MB)"));
        form.addRow(1, new Label("For"), days, new Label("days"));

        background.execute(() -> {
            try {
                LogStore store = storeOf.call();
                LogKeep keep = store.keep();
                String holds = holds(store);
                Platform.runLater(() -> {
                    size.setText(ByteSize.format(keep.capBytes()));
                    days.getValueFactory().setValue(keep.keepDays());
                    held.setText(holds);
                    apply.setDisable(false);
                });
            } catch (Exception e) {
                Platform.runLater(() -> held.setText("Cannot read the log store: " + e.getMessage()));
            }
        });

        apply.setOnAction(e -> {
            LogKeep keep;
            try {
                // the field's text, typed or stepped: the spinner takes typed text only on Enter or leaving it
                int n = Integer.parseInt(days.getEditor().getText().strip());
                keep = new LogKeep(ByteSize.parse(size.getText()), n);
            } catch (NumberFormatException bad) {
                say(result, "'" + days.getEditor().getText() + "' is not a number of days.", false);
                return;
            } catch (IllegalArgumentException bad) {
                say(result, bad.getMessage().substring(0, 1).toUpperCase(Locale.ROOT) + bad.getMessage().substring(1) + ".", false);
                return;
            }
            apply.setDisable(true);
            say(result, "Applying…", true);
            LogKeep chosen = keep;
            background.execute(() -> {
                try {
                    LogStore store = storeOf.call();
                    store.setKeep(chosen);
                    int dropped = store.prune(System.currentTimeMillis());
                    String holds = holds(store);
                    Platform.runLater(() -> {
                        apply.setDisable(false);
                        held.setText(holds);
                        size.setText(ByteSize.format(chosen.capBytes()));
                        say(result, "Kept " + chosen + String.format(Locale.ROOT, "; %,d older lines dropped.", dropped), true);
                    });
                } catch (Exception err) {
                    Platform.runLater(() -> {
                        apply.setDisable(false);
                        say(result, "Could not change the log store: " + err.getMessage(), false);
                    });
                }
            });
        });

        d.getDialogPane().setContent(new VBox(10, form, held, new HBox(8, apply), result));
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        d.show();
        return d;
    }

    private static String holds(LogStore store) throws Exception {
        long[] size = store.size();
        return String.format(Locale.ROOT, "The store holds %s in %,d lines now (%s).", ByteSize.format(size[0]), size[1], store.db().file());
    }

    private static void say(Label result, String text, boolean ok) {
        result.setText(text);
        result.getStyleClass().removeAll("job-ok", "job-failed");
        result.getStyleClass().add(ok ? "job-ok" : "job-failed");
    }
}
