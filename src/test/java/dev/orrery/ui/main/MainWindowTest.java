package dev.orrery.ui.main;

import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.engine.state.Tone;
import dev.orrery.ui.topology.ServerNode;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The window, headless under Monocle: drag to add, edit in the inspector, delete, errors. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        fx.start(stage, fx.clusterFile);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void draggingTheAppServerTileAddsTheServerAndSavesIt(FxRobot robot) throws Exception {
        fx.awaitOpen();

        robot.drag("#tile-app").dropTo("#topology");
        waitFor(() -> robot.lookup("#add-app-choice").tryQuery().isPresent());
        robot.clickOn(ProvisionActions.EXISTING.getText());
        waitFor(() -> robot.lookup("#dialog-name").tryQuery().isPresent());

        TextField name = robot.lookup("#dialog-name").queryAs(TextField.class);
        assertThat(name.getText()).isEqualTo("app-4");
        Button ok = robot.lookup("#dialog-ok").queryButton();
        assertThat(ok.isDisabled()).as("OK while the public address is empty").isTrue();
        assertThat(robot.lookup("#dialog-error-publicAddress").queryAs(Label.class).getText()).contains("is required");

        robot.clickOn("#dialog-publicAddress").write("203.0.113.44");
        robot.clickOn("#dialog-privateAddress").write("10.0.1.44");
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);

        waitFor(() -> fx.window.topology().node("app-4") != null);
        Node node = robot.lookup("#node-app-4").query();
        assertThat(node.isVisible()).isTrue();
        waitFor(() -> Files.readString(fx.clusterFile).contains("app-4"));
        Server saved = fx.onDisk().server("app-4").orElseThrow();
        assertThat(saved.role()).isEqualTo(Role.APP);
        assertThat(saved.publicAddress()).isEqualTo("203.0.113.44");
        assertThat(saved.privateAddress()).isEqualTo("10.0.1.44");
        assertThat(saved.sshKey()).as("SSH settings copied from its siblings").isEqualTo("agent");
        assertThat(fx.onDisk().appServers()).hasSize(4);
        waitFor(() -> fx.window.document().saveStateProperty().get() == ClusterDocument.SaveState.SAVED);
    }

    @Test
    void aBadValueInTheAddDialogKeepsOkDisabledAndSaysWhy(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.drag("#tile-database").dropTo("#topology");
        waitFor(() -> robot.lookup("#dialog-name").tryQuery().isPresent());
        assertThat(robot.lookup("#dialog-name").queryAs(TextField.class).getText()).isEqualTo("db-2");

        robot.clickOn("#dialog-publicAddress").write("10.0.0.5;reboot");
        assertThat(robot.lookup("#dialog-error-publicAddress").queryAs(Label.class).getText())
                .startsWith("Public address").contains("';'");
        assertThat(robot.lookup("#dialog-ok").queryButton().isDisabled()).isTrue();
    }

    @Test
    void aBadNameInTheInspectorIsRefusedWithAMessageAndNothingIsSaved(FxRobot robot) throws Exception {
        fx.awaitOpen();
        byte[] before = Files.readAllBytes(fx.clusterFile);
        robot.clickOn("#node-app-1");
        waitFor(() -> "app-1".equals(robot.lookup("#inspector-title").queryAs(Label.class).getText()));

        TextField name = robot.lookup("#inspector-name").queryAs(TextField.class);
        replace(robot, name, "App 1;");
        assertThat(name.getText()).isEqualTo("App 1;");
        Label error = robot.lookup("#inspector-error-name").queryAs(Label.class);
        assertThat(error.getText()).startsWith("Name contains").contains("not allowed");
        assertThat(error.isVisible()).isTrue();
        assertThat(robot.lookup("#inspector-apply").queryButton().isDisabled()).isTrue();

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.window.document().cluster().server("app-1")).isPresent();
        assertThat(fx.window.topology().node("app-1")).isNotNull();
        fx.engine.io().submit(() -> { }).get(); // anything queued on the io pool has run by now
        assertThat(Files.readAllBytes(fx.clusterFile)).isEqualTo(before);

        replace(robot, name, "app-2");
        assertThat(error.getText()).contains("used by another server");
    }

    @Test
    void aGoodEditInTheInspectorIsSaved(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.clickOn("#node-app-2");
        TextField user = robot.lookup("#inspector-sshUser").queryAs(TextField.class);
        replace(robot, user, "deploy");
        robot.clickOn("#inspector-apply");

        waitFor(() -> "deploy".equals(fx.onDisk().server("app-2").orElseThrow().sshUser()));
        assertThat(fx.window.inspector().shown().sshUser()).isEqualTo("deploy");
    }

    @Test
    void deleteAsksFirstAndOnlyDeletesOnYes(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.clickOn("#node-app-3");
        robot.clickOn("#inspector-delete");
        waitFor(() -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#confirm-delete").lookup(".button").match(n -> ((Button) n).getText().equals("Cancel")).queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.window.document().cluster().server("app-3")).isPresent();

        robot.clickOn("#inspector-delete");
        waitFor(() -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#confirm-delete").lookup(".button").match(n -> ((Button) n).getText().equals("Delete")).queryButton());
        waitFor(() -> fx.onDisk().server("app-3").isEmpty());
        assertThat(fx.window.topology().node("app-3")).isNull();
        assertThat(fx.onDisk().servers()).hasSize(4);
    }

    @Test
    void openingACorruptFileShowsLineAndFieldOpensNothingAndLeavesTheFileAlone(FxRobot robot) throws Exception {
        fx.awaitOpen();
        Path corrupt = tempDir.resolve("corrupt.json");
        String text = Files.readString(WindowFixture.EXAMPLE).replace("\"name\" : \"app-2\"", "\"name\" : \"app-2; rm -rf /\"");
        Files.writeString(corrupt, text);
        byte[] before = Files.readAllBytes(corrupt);

        robot.interact(() -> fx.window.document().open(corrupt));
        waitFor(() -> robot.lookup("#error-dialog").tryQuery().isPresent());

        String shown = robot.lookup("#error-dialog").queryAs(DialogPane.class).getContentText();
        int line = text.substring(0, text.indexOf("app-2; rm")).split("\n").length;
        assertThat(shown).contains("Line " + line + ", field cluster.servers[2].name").contains("cluster.servers[2].name").contains("';'")
                .contains("Nothing was opened");
        assertThat(fx.window.document().fileProperty().get()).isEqualTo(fx.clusterFile);
        assertThat(fx.window.document().cluster().name()).isEqualTo("crater");
        assertThat(robot.lookup("#status-message").queryAs(Label.class).getText()).contains("Could not open corrupt.json");
        assertThat(Files.readAllBytes(corrupt)).isEqualTo(before);
    }

    @Test
    void aFailedSaveKeepsTheChangeInMemoryAndSaysSo(FxRobot robot) throws Exception {
        fx.awaitOpen();
        // Replace the cluster's folder by a plain file: the next save cannot write there.
        Path dir = fx.clusterFile.getParent();
        Files.move(dir, tempDir.resolve("moved-away"));
        Files.writeString(dir, "not a folder");

        robot.clickOn("#node-app-1");
        replace(robot, robot.lookup("#inspector-sshPort").queryAs(TextField.class), "2222");
        robot.clickOn("#inspector-apply");

        waitFor(() -> fx.window.document().saveStateProperty().get() == ClusterDocument.SaveState.FAILED);
        assertThat(fx.window.document().cluster().server("app-1").orElseThrow().sshPort()).isEqualTo(2222);
        assertThat(robot.lookup("#status-save").queryAs(Label.class).getText()).isEqualTo("NOT saved");
        assertThat(robot.lookup("#status-message").queryAs(Label.class).getText())
                .contains("Could not save").contains("kept in memory");

        // Once the folder is back, File ▸ Save (Shortcut+S) writes the change kept in memory.
        Files.delete(dir);
        Files.move(tempDir.resolve("moved-away"), dir);
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor(() -> fx.onDisk().server("app-1").orElseThrow().sshPort() == 2222);
        waitFor(() -> fx.window.document().saveStateProperty().get() == ClusterDocument.SaveState.SAVED);
    }

    @Test
    void aSecondLoadBalancerIsRefusedWithAMessageAndNoDialog(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.drag("#tile-balancer").dropTo("#topology");
        waitFor(() -> robot.lookup("#status-message").queryAs(Label.class).getText().contains("already has a load balancer"));
        assertThat(robot.lookup("#add-server-dialog").tryQuery()).isEmpty();
        assertThat(fx.window.document().cluster().byRole(Role.BALANCER)).hasSize(1);
    }

    @Test
    void theDeleteKeyOnASelectedNodeAlsoAsksFirst(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.clickOn("#node-db-1").type(KeyCode.DELETE);
        waitFor(() -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        assertThat(robot.lookup("#confirm-delete").queryAs(DialogPane.class).getHeaderText()).isEqualTo("Delete database db-1?");
        robot.type(KeyCode.ENTER); // Cancel is the default button
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx.window.document().cluster().server("db-1")).isPresent();
        assertThat(fx.onDisk().server("db-1")).isPresent();
    }

    @Test
    void aNodeShowsTheLiveStatesLookNotTheFilesLifecycle(FxRobot robot) throws Exception {
        fx.awaitOpen();
        ServerNode app = fx.window.topology().node("app-2");
        // Probed, no verdict yet: the file says ready, the node says what is known.
        waitFor(() -> "CHECKING".equals(app.stateWord()));
        assertThat(app.statusWord()).isEqualTo("checking");
        assertThat(app.getStyleClass()).contains(Tone.NEUTRAL.cssClass());
        ServerNode db = fx.window.topology().node("db-1");
        assertThat(db.statusWord()).isEqualTo("not monitored");
        assertThat(robot.lookup("#status-live").queryAs(Label.class).getText()).isEqualTo("app servers: 3 checking");
    }

    @Test
    void aHundredAppServersWrapIntoRowsAndAllShow(FxRobot robot) throws Exception {
        fx.awaitOpen();
        robot.interact(() -> {
            Cluster c = fx.window.document().cluster();
            for (int i = 4; i <= 100; i++) {
                c = c.withServer(Server.of("app-" + i, Role.APP, "10.0.2." + (i % 250 + 1)));
            }
            fx.window.document().apply(c, "Added 97 app servers");
        });
        waitFor(() -> fx.onDisk().appServers().size() == 100);
        var layout = fx.window.topology().layoutResult();
        assertThat(layout.rows()).isGreaterThan(1);
        assertThat(layout.columns() * layout.rows()).isGreaterThanOrEqualTo(100);
        assertThat(fx.window.topology().node("app-100")).isNotNull();
        robot.clickOn("#zoom-out");
        assertThat(fx.window.topology().zoomProperty().get()).isLessThan(1.0);
        assertThat(fx.window.topology().layoutResult().columns()).as("zooming out fits more columns").isGreaterThan(layout.columns());
    }

    /** Types over the whole field, as a user selecting all and typing does. */
    private static void replace(FxRobot robot, TextField field, String text) {
        robot.clickOn(field).push(KeyCode.CONTROL, KeyCode.A).write(text);
        assertThat(field.getText()).isEqualTo(text);
    }

    @Test
    void eachNodeShowsTheReleaseItRuns(FxRobot robot) throws Exception {
        fx.awaitOpen();
        assertThat(((ServerNode) robot.lookup("#node-app-2").query()).releaseText()).isEmpty();
        WaitForAsyncUtils.asyncFx(() -> fx.window.document().apply(fx.window.document().cluster().replaceServer("app-2",
                fx.window.document().cluster().server("app-2").orElseThrow().withRelease("v2")), "Deployed v2 to app-2")).get();
        waitFor(() -> ((ServerNode) robot.lookup("#node-app-2").query()).releaseText().equals("v2"));
        assertThat(robot.lookup("#node-app-2-release").queryAs(Label.class).isVisible()).isTrue();
        assertThat(((ServerNode) robot.lookup("#node-app-1").query()).releaseText()).isEmpty();
    }
}
