package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import javafx.beans.binding.Bindings;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** The window's stage: its scene's size and style sheet, its least size, its title, and what closing it does. */
final class WindowFrame {

    private WindowFrame() {
    }

    /** Puts {@code root} into {@code stage}; closing the window runs {@code onClose} instead. */
    static Scene install(Stage stage, Parent root, ClusterDocument document, Runnable onClose) {
        // Never larger than the screen (small laptops; Monocle's 1280×800 headless screen).
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1320, screen.getWidth()), Math.min(840, screen.getHeight()));
        scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> {
            Cluster c = document.cluster();
            String copy = document.copyReasonProperty().get();
            return c == null ? "Orrery" : "Orrery — " + c.name() + "  (" + document.fileProperty().get() + ")"
                    + (copy == null ? "" : "  — a copy of " + copy + "; File ▸ Save As… keeps changes");
        }, document.clusterProperty(), document.fileProperty(), document.copyReasonProperty()));
        stage.setOnCloseRequest(e -> {
            e.consume();
            onClose.run();
        });
        return scene;
    }
}
