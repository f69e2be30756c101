package dev.orrery.ui.main;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.TabPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves a PNG of the window's scene once the cluster is on screen, then closes the window. */
public final class Screenshot {

    private Screenshot() {
    }

    public static void takeWhenReady(MainWindow window, Stage stage, Background background, Path target, String select) {
        if (select != null) {
            window.document().clusterProperty().addListener((o, was, now) -> window.topology().selectedProperty().set(select));
            if (window.document().cluster() != null) {
                window.topology().selectedProperty().set(select);
            }
        }
        waitForCluster(window, stage, background, target, 80);
    }

    /** Polls (every 250 ms, at most {@code triesLeft} times) until the cluster is open, then lets layout settle. */
    private static void waitForCluster(MainWindow window, Stage stage, Background background, Path target, int triesLeft) {
        PauseTransition poll = new PauseTransition(Duration.millis(250));
        poll.setOnFinished(e -> {
            if (window.document().cluster() == null && triesLeft > 0) {
                waitForCluster(window, stage, background, target, triesLeft - 1);
                return;
            }
            PauseTransition settle = new PauseTransition(Duration.seconds(1.5));
            settle.setOnFinished(done -> snap(window, stage, background, target));
            settle.play();
        });
        poll.play();
    }

    private static void snap(MainWindow window, Stage stage, Background background, Path target) {
        // ORRERY_SCREENSHOT_TAB=health pictures the Health tab, once its charts have samples
        // (ORRERY_SCREENSHOT_FILL seconds of them, 12 by default).
        String tab = System.getenv("ORRERY_SCREENSHOT_TAB");
        if (tab != null && !tab.isBlank() && window.scene().lookup("#main-tabs") instanceof TabPane tabs) {
            tabs.getTabs().stream().filter(t -> ("tab-" + tab).equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
            PauseTransition fill = new PauseTransition(Duration.seconds(fillSeconds()));
            fill.setOnFinished(e -> save(window, stage, background, target));
            fill.play();
            return;
        }
        save(window, stage, background, target);
    }

    /** Saves the picture now (a scene that waited for its own moment: a crash, a node mid-switch), then closes. */
    public static void takeNow(MainWindow window, Stage stage, Background background, Path target) {
        save(window, stage, background, target);
    }

    private static int fillSeconds() {
        try {
            return Math.max(1, Math.min(600, Integer.parseInt(System.getenv().getOrDefault("ORRERY_SCREENSHOT_FILL", "12"))));
        } catch (NumberFormatException e) {
            return 12;
        }
    }

    private static void save(MainWindow window, Stage stage, Background background, Path target) {
        WritableImage image = window.scene().snapshot(null);
        background.run(() -> write(image, target), written -> {
            System.out.println("screenshot: " + written);
            stage.hide();
        }, error -> {
            System.err.println("screenshot failed: " + error);
            Platform.exit();
        });
    }

    private static Path write(WritableImage image, Path target) throws java.io.IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        ImageIO.write(out, "png", abs.toFile());
        return abs;
    }
}
