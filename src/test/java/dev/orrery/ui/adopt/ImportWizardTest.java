package dev.orrery.ui.adopt;

import dev.orrery.adopt.ImportFiles;
import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.cloud.fake.FakeImage;
import dev.orrery.cloud.fake.FakeVpc;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.model.Cluster;
import dev.orrery.remote.HostKeyPrompt;
import dev.orrery.remote.PassphrasePrompt;
import dev.orrery.store.ClusterStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.ui.main.Background;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** File ▸ Import…: choose a source, preview what was found, save — over the engine's real import jobs. */
@ExtendWith(ApplicationExtension.class)
class ImportWizardTest {
    @TempDir
    Path dir;
    Stage stage;
    Engine engine = new Engine();
    FakeApiFixture api;
    Orrery orrery;
    final List<Path> opened = new CopyOnWriteArrayList<>();
    ImportWizard wizard;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new Scene(new StackPane(), 400, 300));
        s.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
        if (orrery != null) {
            orrery.close();
        }
        engine.close();
        if (api != null) {
            api.close();
        }
    }

    void open(Map<String, String> env, Cluster openCluster, Path openFile) {
        orrery = new Orrery(engine, new OrreryHome(dir.resolve("home")), new Orrery.Prompts(HostKeyPrompt.REFUSE, PassphrasePrompt.NONE), env);
        WaitForAsyncUtils.asyncFx(() -> wizard = ImportWizard.show(stage, orrery, new Background(engine.io()), openCluster, openFile, dir.resolve("clusters"), opened::add));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static Path fixture(String name) throws Exception {
        return Path.of(ImportWizardTest.class.getResource("/dev/orrery/adopt/" + name).toURI());
    }

    static void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aMupFileIsPreviewedItemByItemThenSavedAndOpened(FxRobot robot) throws Exception {
        open(Map.of(), null, null);
        String mupx = fixture("mupx").toString();
        robot.interact(() -> robot.lookup("#import-mup-path").queryAs(TextField.class).setText(mupx));
        robot.clickOn("#import-next");
        waitFor(() -> wizard.page() == 1);
        TableView<?> items = robot.lookup("#import-items").queryAs(TableView.class);
        assertThat(items.getItems()).hasSize(20);
        assertThat(robot.lookup("#import-summary").queryAs(Label.class).getText())
                .contains("Cluster crater: 2 servers").contains("6 not imported");
        assertThat(items.getItems().toString()).contains("what=ssl, outcome=NOT_MAPPED").contains("ends TLS at the balancer");
        robot.clickOn("#import-next");
        waitFor(() -> wizard.page() == 2);
        Path target = dir.resolve("clusters").resolve("crater.json");
        assertThat(robot.lookup("#import-target").queryAs(TextField.class).getText()).isEqualTo(target.toString());
        assertThat(target).doesNotExist(); // nothing written before Save
        robot.clickOn("#import-save");
        waitFor(() -> !opened.isEmpty());
        assertThat(opened).containsExactly(target);
        assertThat(ClusterStore.load(target).app().environment()).containsKey("METEOR_SETTINGS");
        assertThat(wizard.dialog().isShowing()).isFalse();
    }

    @Test
    void aFailedImportSaysWhyAndStaysOnTheFirstPage(FxRobot robot) throws Exception {
        open(Map.of(), null, null);
        robot.clickOn("#import-next");
        assertThat(robot.lookup("#import-status").queryAs(Label.class).getText()).contains("say where the mup file is");
        robot.interact(() -> robot.lookup("#import-mup-path").queryAs(TextField.class).setText(dir.resolve("nope").toString()));
        robot.clickOn("#import-next");
        waitFor(() -> robot.lookup("#import-status").queryAs(Label.class).getText().startsWith("The import failed"));
        assertThat(robot.lookup("#import-status").queryAs(Label.class).getText()).contains("no Meteor Up configuration");
        assertThat(wizard.page()).isZero();
    }

    @Test
    void dropletsAreReadIntoTheOpenClusterWhichIsKeptBeforeItIsWrittenOver(FxRobot robot) throws Exception {
        api = new FakeApiFixture();
        api.fake.addresses(n -> new String[]{n % 2 == 0 ? "198.51.100.211" : "198.51.100.36", n % 2 == 0 ? "10.0.1.73" : "10.0.1.151"});
        FakeVpc vpc = api.fake.vpc("default-nyc3", "nyc3", "10.0.1.0/16");
        FakeImage snap = api.fake.image("crater-app", 0);
        api.fake.droplet("crater-app-1", List.of("crater"), "nyc3", "s-2vcpu-2gb", snap.id(), vpc.id(), true);
        api.fake.droplet("crater-app-2", List.of("crater"), "nyc3", "s-2vcpu-2gb", snap.id(), vpc.id(), true);
        Path file = dir.resolve("crater.json");
        Cluster fromMup = dev.orrery.adopt.mup.MupImport.read(dev.orrery.adopt.mup.MupFile.read(fixture("mup-legacy"),
                dev.orrery.adopt.mup.NodeEval.standard()), new dev.orrery.adopt.mup.MupImport.Options(null)).cluster();
        ClusterStore.save(file, fromMup);
        byte[] before = Files.readAllBytes(file);
        open(Map.of("DIGITALOCEAN_API_URL", api.server.url("/").toString(), "DIGITALOCEAN_TOKEN", FakeApiFixture.TOKEN), fromMup, file);

        robot.clickOn("#import-source-digitalocean");
        robot.interact(() -> robot.lookup("#import-do-which").queryAs(TextField.class).setText("crater"));
        robot.clickOn("#import-next");
        waitFor(() -> wizard.page() == 1);
        assertThat(robot.lookup("#import-items").queryAs(TableView.class).getItems().toString())
                .contains("crater-app-1").contains("already in the cluster");
        robot.clickOn("#import-next");
        waitFor(() -> wizard.page() == 2);
        assertThat(robot.lookup("#import-target").queryAs(TextField.class).getText()).isEqualTo(file.toString());
        robot.clickOn("#import-save");
        waitFor(() -> !opened.isEmpty());
        assertThat(ClusterStore.load(file).server("app-1").orElseThrow().privateAddress()).isIn("10.0.1.73", "10.0.1.151");
        assertThat(Files.readAllBytes(ImportFiles.previous(file))).isEqualTo(before);
    }
}
