package dev.orrery.ui.main;

import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** A cluster file that does not parse, named at start: the error shows, nothing opens, the file stays as it was. */
@ExtendWith(ApplicationExtension.class)
class CorruptStartupTest {
    private static final String BROKEN = "{\n  \"schemaVersion\" : 1,\n  \"cluster\" : {\n    \"name\" : \"crater\",,\n  }\n}\n";

    @TempDir
    Path tempDir;
    private WindowFixture fx;
    private Path corrupt;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        corrupt = tempDir.resolve("broken.json");
        Files.writeString(corrupt, BROKEN);
        fx.start(stage, corrupt);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void showsTheLineOpensNothingAndLeavesTheFileUntouched(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane error = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertThat(error.getHeaderText()).isEqualTo("Could not open broken.json");
        assertThat(error.getContentText()).startsWith("Line 4").contains("Nothing was opened");

        assertThat(fx.window.document().cluster()).isNull();
        assertThat(fx.window.document().fileProperty().get()).isNull();
        assertThat(robot.lookup("#palette").query().isDisabled()).as("nothing to drop servers into").isTrue();
        assertThat(robot.lookup(".topology-hint").queryAs(Label.class).getText()).contains("No cluster open");
        assertThat(robot.lookup("#status-save").queryAs(Label.class).getText()).isEqualTo("no cluster open");
        assertThat(Files.readString(corrupt)).isEqualTo(BROKEN);
        try (var files = Files.list(tempDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temp or replacement files")
                    .containsExactlyInAnyOrder("broken.json", "clusters", "home");
        }
    }
}
