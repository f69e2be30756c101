package dev.orrery.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The Orrery window. */
public class OrreryApp extends Application {

    public static void launchWindow(String[] args) {
        Application.launch(OrreryApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Orrery");
        stage.setScene(new Scene(new Label("Orrery"), 1200, 800));
        stage.show();
    }
}
