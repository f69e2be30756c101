package dev.orrery.ui.job;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.engine.JobHandle;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.util.function.BiConsumer;

/**
 * A job in a window of its own that does not block the main one: a {@link JobView} and Close.
 * Closing while it runs asks the job to stop (it undoes what it must). Ids are
 * {@code <prefix>-step}, {@code -progress}, {@code -log}, {@code -result}, {@code -cancel}.
 */
public final class JobDialog {
    private final Dialog<Void> dialog = new Dialog<>();
    private final JobView view;

    private JobDialog(Window owner, String title, String idPrefix) {
        view = new JobView(idPrefix);
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().setId(idPrefix + "-dialog");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.getDialogPane().setContent(view);
        dialog.getDialogPane().setPrefSize(640, 420);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        Button close = (Button) dialog.getDialogPane().lookupButton(ButtonType.CLOSE);
        close.setId(idPrefix + "-close");
        dialog.setOnCloseRequest(e -> view.cancel());
    }

    /** Opens the dialog and runs {@code job}; {@code onDone} gets the value or error on the FX thread. */
    public static <T> JobDialog run(Window owner, Engine engine, Job<T> job, String what, String idPrefix,
                                    BiConsumer<T, Throwable> onDone) {
        JobDialog d = new JobDialog(owner, job.title(), idPrefix);
        JobHandle<T> h = d.view.run(engine, job, what, onDone);
        d.dialog.show();
        return d;
    }

    public JobView view() {
        return view;
    }

    public Dialog<Void> dialog() {
        return dialog;
    }
}
