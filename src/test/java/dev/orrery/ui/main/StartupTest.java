package dev.orrery.ui.main;

import dev.orrery.store.ClusterStore;
import dev.orrery.store.RecentClusters;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
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

/** With no file named, the window opens the most recent cluster; File ▸ New works from the keyboard. */
@ExtendWith(ApplicationExtension.class)
class StartupTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        new RecentClusters(fx.home.resolve("recent.json")).remember(fx.clusterFile);
        fx.start(stage, null);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void opensTheMostRecentClusterWhenNoneIsNamed(FxRobot robot) throws Exception {
        fx.awaitOpen();
        assertThat(fx.window.document().fileProperty().get()).isEqualTo(fx.clusterFile);
        assertThat(fx.window.topology().node("lb-1")).isNotNull();
        assertThat(robot.lookup("#status-counts").queryAs(Label.class).getText())
                .isEqualTo("1 balancer · 3 app servers · 1 database");
    }

    @Test
    void shortcutNMakesANewClusterFileInTheDataFolder(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.clickOn("#topology").press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#new-cluster-name").tryQuery().isPresent());

        robot.clickOn("#new-cluster-name").write("Moon");
        assertThat(robot.lookup("#new-cluster-error").queryAs(Label.class).getText()).startsWith("Name must be");
        Button ok = (Button) robot.lookup("#new-cluster-name").queryParent().getScene().getRoot()
                .lookupAll(".button").stream().filter(n -> ((Button) n).getText().equals(ButtonType.OK.getText())).findFirst().orElseThrow();
        assertThat(ok.isDisabled()).isTrue();
        robot.push(KeyCode.CONTROL, KeyCode.A).write("moon");
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);

        Path created = fx.home.resolve("clusters").resolve("moon.json");
        waitFor(() -> Files.exists(created));
        assertThat(ClusterStore.load(created).name()).isEqualTo("moon");
        waitFor(() -> created.equals(fx.window.document().fileProperty().get()));
        assertThat(fx.window.document().cluster().servers()).isEmpty();
        assertThat(robot.lookup(".topology-hint").queryAs(Label.class).getText()).contains("Drag an App server");
        waitFor(() -> fx.window.document().recent().size() == 2);
        assertThat(fx.window.document().recent().get(0)).isEqualTo(created);

        // File ▸ Open Recent ▸ crater.json brings the first cluster back.
        robot.clickOn("File").clickOn("#menu-recent");
        robot.clickOn("crater.json  —  " + fx.clusterFile.getParent());
        waitFor(() -> fx.clusterFile.equals(fx.window.document().fileProperty().get()));
        assertThat(fx.window.document().cluster().name()).isEqualTo("crater");
    }
}
