package dev.orrery.ui.edit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ShippedFilesTest {
    @TempDir
    Path tempDir;

    @Test
    void theCheckoutsExampleIsShippedAndTheUsersOwnFileIsNot() throws Exception {
        assertThat(ShippedFiles.copyReason(Path.of("assets/examples/crater.json"))).contains("an example shipped with Orrery");
        // the same file reached by another path (a symlink) is still the example
        Path link = tempDir.resolve("link.json");
        Files.createSymbolicLink(link, Path.of("assets/examples/crater.json").toAbsolutePath());
        assertThat(ShippedFiles.copyReason(link)).contains("an example shipped with Orrery");

        Path mine = tempDir.resolve("crater.json");
        Files.copy(Path.of("assets/examples/crater.json"), mine);
        assertThat(ShippedFiles.copyReason(mine)).isEmpty();
        assertThat(ShippedFiles.copyReason(tempDir.resolve("not-yet.json"))).as("a Save As target").isEmpty();
    }

    @Test
    void everyFileInAnInstalledAppsImageIsShipped() throws Exception {
        Path image = tempDir.resolve("opt/orrery");
        Files.createDirectories(image.resolve("bin"));
        Path example = image.resolve("lib/app/examples/crater.json");
        Files.createDirectories(example.getParent());
        Files.copy(Path.of("assets/examples/crater.json"), example);
        String was = System.getProperty("jpackage.app-path");
        try {
            assertThat(ShippedFiles.copyReason(example)).as("outside an installed app").isEmpty();
            // jpackage's launcher names itself in this property.
            System.setProperty("jpackage.app-path", image.resolve("bin/Orrery").toString());
            assertThat(ShippedFiles.copyReason(example)).contains("an example shipped with Orrery");
            assertThat(ShippedFiles.copyReason(tempDir.resolve("elsewhere.json"))).isEmpty();
        } finally {
            if (was == null) {
                System.clearProperty("jpackage.app-path");
            } else {
                System.setProperty("jpackage.app-path", was);
            }
        }
    }
}
