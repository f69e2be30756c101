package dev.orrery.ui.main;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * Quitting the window: asks first when a change is not saved, lets the saves already queued
 * finish (off the FX thread), then stops the window's parts and closes it.
 */
final class WindowQuit {

    private final Stage stage;
    private final ClusterDocument document;
    private final Runnable stopParts;

    /** @param stopParts stops the window's parts on the FX thread; it must not wait on the network or disk itself */
    WindowQuit(Stage stage, ClusterDocument document, Runnable stopParts) {
        this.stage = stage;
        this.document = document;
        this.stopParts = stopParts;
    }

    void quit() {
        if (document.saveStateProperty().get() == ClusterDocument.SaveState.UNSAVED) {
            EditActions.confirmQuitUnsaved(stage, this::closeWhenIdle);
        } else if (document.saveStateProperty().get() == ClusterDocument.SaveState.FAILED) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    "The last change could not be saved (see the status bar). Quit and lose it?", ButtonType.CANCEL, ButtonType.OK);
            ask.initOwner(stage);
            ask.setHeaderText("Quit without saving?");
            ask.setOnHidden(e -> {
                if (ask.getResult() == ButtonType.OK) {
                    closeWhenIdle();
                }
            });
            ask.show();
        } else {
            closeWhenIdle();
        }
    }

    /** Lets the saves already queued finish, then closes the window (which ends the app). */
    private void closeWhenIdle() {
        document.say("Closing…");
        document.background().idle().whenComplete((v, e) -> Platform.runLater(() -> {
            stopParts.run();
            stage.hide();
        }));
    }
}
