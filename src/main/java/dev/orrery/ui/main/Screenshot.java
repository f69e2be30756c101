package dev.orrery.ui.main;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
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

    public static void takeWhenReady(MainWindow window, Stage stage, Background background, Path target) {
        // Give the open (off the FX thread) and a few pulses of layout time to finish.
        PauseTransition wait = new PauseTransition(Duration.seconds(2.5));
        wait.setOnFinished(e -> {
            WritableImage image = window.scene().snapshot(null);
            background.run(() -> write(image, target), written -> {
                System.out.println("screenshot: " + written);
                stage.hide();
            }, error -> {
                System.err.println("screenshot failed: " + error);
                Platform.exit();
            });
        });
        wait.play();
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
