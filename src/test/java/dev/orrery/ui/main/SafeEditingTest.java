package dev.orrery.ui.main;

import dev.orrery.model.Server;
import dev.orrery.store.ClusterStore;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
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
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe editing in the real window: opening never writes, a shipped example opens as a copy and
 * its first change asks where to save, Save As exists for every cluster, undo and redo of add,
 * edit and delete with the file following.
 */
@ExtendWith(ApplicationExtension.class)
class SafeEditingTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;
    private byte[] exampleBefore;
    private final List<Path> asked = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        exampleBefore = Files.readAllBytes(WindowFixture.EXAMPLE);
        fx = new WindowFixture(tempDir);
        fx.start(stage, fx.clusterFile);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
        // Were the example ever written (the bug this guards against), put the shipped bytes back.
        if (!java.util.Arrays.equals(exampleBefore, Files.readAllBytes(WindowFixture.EXAMPLE))) {
            Files.write(WindowFixture.EXAMPLE, exampleBefore);
        }
    }

    /** Waits until every write queued so far (and anything else on the io pool) has run. */
    private void settle() throws Exception {
        fx.window.document().background().idle().get();
        fx.engine.io().submit(() -> { }).get();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void answerSaveAs(Path answer) {
        fx.window.document().setSaveAsPrompt(current -> {
            asked.add(current);
            return answer;
        });
    }

    @Test
    void openingAFileNeverWritesToIt(FxRobot robot) throws Exception {
        fx.awaitOpen();
        // Written by hand, not as Orrery writes it: any rewrite on open would change these bytes.
        Path handWritten = tempDir.resolve("hand.json");
        String compact = new String(ClusterStore.toBytes(fx.onDisk())).replaceAll("\\s*\\n\\s*", " ").replace(": ", ":");
        Files.writeString(handWritten, compact);
        FileTime modified = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(handWritten, modified);
        byte[] before = Files.readAllBytes(handWritten);

        robot.interact(() -> fx.window.document().open(handWritten));
        waitFor(() -> handWritten.equals(fx.window.document().fileProperty().get()));
        robot.clickOn("#node-app-2"); // looking at a server is not a change
        settle();

        assertThat(Files.readAllBytes(handWritten)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(handWritten)).isEqualTo(modified);
        assertThat(fx.window.document().saveStateProperty().get()).isEqualTo(ClusterDocument.SaveState.SAVED);
    }

    @Test
    void theShippedExampleOpensAsACopyAndItsFirstChangeAsksWhereToSave(FxRobot robot) throws Exception {
        fx.awaitOpen();
        Path mine = tempDir.resolve("mine").resolve("my-crater.json");
        Files.createDirectories(mine.getParent());
        answerSaveAs(mine);

        robot.interact(() -> fx.window.document().open(WindowFixture.EXAMPLE));
        waitFor(() -> WindowFixture.EXAMPLE.equals(fx.window.document().fileProperty().get()));
        Stage stage = (Stage) fx.window.scene().getWindow();
        assertThat(stage.getTitle()).contains("a copy of an example shipped with Orrery").contains("Save As");
        assertThat(robot.lookup("#status-save").queryAs(Label.class).getText()).isEqualTo("copy");

        addDatabase(robot, "10.0.1.60");

        waitFor(() -> Files.exists(mine) && ClusterStore.load(mine).server("db-2").isPresent());
        assertThat(asked).as("asked once, for the example").containsExactly(WindowFixture.EXAMPLE);
        assertThat(Files.readAllBytes(WindowFixture.EXAMPLE)).as("the shipped example is untouched").isEqualTo(exampleBefore);
        waitFor(() -> mine.equals(fx.window.document().fileProperty().get()));
        assertThat(fx.window.document().isCopy()).isFalse();
        assertThat(stage.getTitle()).doesNotContain("a copy of");
        waitFor(() -> fx.window.document().saveStateProperty().get() == ClusterDocument.SaveState.SAVED);

        // From now on it is the user's own file: the next change is saved there without asking.
        robot.interact(() -> fx.window.document().edit(fx.window.document().cluster().withoutServer("db-2"), "Deleted db-2"));
        waitFor(() -> ClusterStore.load(mine).server("db-2").isEmpty());
        assertThat(asked).hasSize(1);
        settle();
        assertThat(Files.readAllBytes(WindowFixture.EXAMPLE)).isEqualTo(exampleBefore);
    }

    @Test
    void cancellingSaveAsKeepsTheChangeInMemoryAndTheExampleUntouched(FxRobot robot) throws Exception {
        fx.awaitOpen();
        answerSaveAs(null);
        robot.interact(() -> fx.window.document().open(WindowFixture.EXAMPLE));
        waitFor(() -> WindowFixture.EXAMPLE.equals(fx.window.document().fileProperty().get()));

        addDatabase(robot, "10.0.1.61");
        waitFor(() -> asked.size() == 1);
        settle();

        assertThat(fx.window.document().cluster().server("db-2")).isPresent();
        assertThat(fx.window.document().saveStateProperty().get()).isEqualTo(ClusterDocument.SaveState.UNSAVED);
        assertThat(robot.lookup("#status-save").queryAs(Label.class).getText()).isEqualTo("NOT saved");
        assertThat(robot.lookup("#status-message").queryAs(Label.class).getText()).contains("Save As");
        assertThat(Files.readAllBytes(WindowFixture.EXAMPLE)).isEqualTo(exampleBefore);

        // File ▸ Save on a copy asks again rather than writing the example.
        Path later = tempDir.resolve("later.json");
        answerSaveAs(later);
        robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        waitFor(() -> Files.exists(later) && ClusterStore.load(later).server("db-2").isPresent());
        assertThat(Files.readAllBytes(WindowFixture.EXAMPLE)).isEqualTo(exampleBefore);
    }

    @Test
    void saveAsExistsForEveryClusterWithItsShortcut(FxRobot robot) throws Exception {
        fx.awaitOpen();
        MenuItem saveAs = menuItem("menu-save-as");
        assertThat(saveAs.getAccelerator()).isEqualTo(javafx.scene.input.KeyCombination.keyCombination("Shortcut+Shift+S"));
        assertThat(saveAs.isDisable()).isFalse();
        byte[] original = Files.readAllBytes(fx.clusterFile);
        Path copy = tempDir.resolve("elsewhere").resolve("crater-2.json");
        Files.createDirectories(copy.getParent());
        answerSaveAs(copy);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);

        waitFor(() -> copy.equals(fx.window.document().fileProperty().get()));
        assertThat(ClusterStore.load(copy)).isEqualTo(fx.onDisk());
        assertThat(Files.readAllBytes(fx.clusterFile)).as("the old file stays as it was").isEqualTo(original);
        assertThat(asked).containsExactly(fx.clusterFile);
    }

    @Test
    void undoRestoresADeletedServerRedoDeletesItAgainAndTheFileFollows(FxRobot robot) throws Exception {
        fx.awaitOpen();
        List<String> order = fx.onDisk().servers().stream().map(Server::name).toList();
        Server app3 = fx.onDisk().server("app-3").orElseThrow();
        MenuItem undo = menuItem("menu-undo");
        assertThat(undo.isDisable()).isTrue();

        robot.clickOn("#node-app-3").type(KeyCode.DELETE);
        waitFor(() -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#confirm-delete").lookup(".button").match(n -> ((Button) n).getText().equals("Delete")).queryButton());
        waitFor(() -> fx.onDisk().server("app-3").isEmpty());
        assertThat(undo.isDisable()).isFalse();
        assertThat(undo.getText()).isEqualTo("Undo “Deleted app-3”");

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitFor(() -> fx.onDisk().server("app-3").isPresent());
        assertThat(fx.onDisk().server("app-3").orElseThrow()).isEqualTo(app3);
        assertThat(fx.onDisk().servers().stream().map(Server::name).toList()).as("back in its place").isEqualTo(order);
        assertThat(fx.window.topology().node("app-3")).isNotNull();
        assertThat(menuItem("menu-redo").getText()).isEqualTo("Redo “Deleted app-3”");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(() -> fx.onDisk().server("app-3").isEmpty());
        assertThat(fx.window.topology().node("app-3")).isNull();
    }

    @Test
    void undoCoversAnEditAndAnAdd(FxRobot robot) throws Exception {
        fx.awaitOpen();
        String userBefore = fx.onDisk().server("app-2").orElseThrow().sshUser();
        robot.clickOn("#node-app-2");
        TextField user = robot.lookup("#inspector-sshUser").queryAs(TextField.class);
        robot.clickOn(user).push(KeyCode.CONTROL, KeyCode.A).write("deploy");
        robot.clickOn("#inspector-apply");
        waitFor(() -> "deploy".equals(fx.onDisk().server("app-2").orElseThrow().sshUser()));

        addDatabase(robot, "10.0.1.62");
        waitFor(() -> fx.onDisk().server("db-2").isPresent());

        robot.clickOn("#topology"); // focus out of any text field: Ctrl+Z is the window's undo here
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitFor(() -> fx.onDisk().server("db-2").isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitFor(() -> userBefore.equals(fx.onDisk().server("app-2").orElseThrow().sshUser()));
        assertThat(fx.window.document().cluster().server("app-2").orElseThrow().sshUser()).isEqualTo(userBefore);
        assertThat(menuItem("menu-undo").isDisable()).isTrue();
    }

    private void addDatabase(FxRobot robot, String address) throws Exception {
        robot.drag("#tile-database").dropTo("#topology");
        waitFor(() -> robot.lookup("#dialog-name").tryQuery().isPresent());
        robot.clickOn("#dialog-publicAddress").write(address);
        robot.clickOn("#dialog-ok");
        waitFor(() -> fx.window.document().cluster().server("db-2").isPresent());
    }

    private MenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) fx.window.scene().lookup("#menu-bar");
        return bar.getMenus().stream().flatMap(m -> m.getItems().stream()).filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }
}
