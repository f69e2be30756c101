package dev.orrery.ui.main;

import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The window icon in every size the installer helper draws; sizes that are missing are skipped. */
final class WindowIcons {
    private static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private WindowIcons() {
    }

    /** Reads the icons off the FX thread and sets them when they are ready. */
    static void install(Stage stage, Background background) {
        background.run(WindowIcons::load, icons -> stage.getIcons().setAll(icons), error -> { });
    }

    static List<Image> load() throws java.io.IOException {
        List<Image> out = new ArrayList<>();
        for (int size : SIZES) {
            try (InputStream in = WindowIcons.class.getResourceAsStream("/dev/orrery/ui/icons/orrery-" + size + ".png")) {
                if (in != null) {
                    Image image = new Image(in);
                    if (!image.isError()) {
                        out.add(image);
                    }
                }
            }
        }
        return out;
    }
}
