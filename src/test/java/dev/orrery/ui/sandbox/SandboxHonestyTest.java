package dev.orrery.ui.sandbox;

import dev.orrery.model.Server;
import dev.orrery.sandbox.SandboxReaper;
import dev.orrery.testing.RequiresCommands;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.orrery.ui.sandbox.SandboxFixture.onFx;
import static dev.orrery.ui.sandbox.SandboxFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox as the window shows it, with its real processes (on a loopback block of its own, {@link dev.orrery.testing.LoopbackBlocks}): the
 * first start shows placeholder nodes, never "No cluster open"; its nodes show local facts and
 * no SSH settings; Delete stops the process (checked with the operating system) and takes it out
 * of the balancer; a rollout is watched on every node and announced; Simulate failure is not
 * offered on a node that is down; another cluster opened asks whether to keep it running.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(ApplicationExtension.class)
@RequiresCommands({"setsid", "curl"})
class SandboxHonestyTest {
    @TempDir
    Path tmp;
    private SandboxFixture fx;
    private final List<String> hints = new CopyOnWriteArrayList<>();
    private final Set<String> badgesSeen = ConcurrentHashMap.newKeySet();
    /** Set (FX thread) when the topology showed the sandbox's app-1 while no file was open yet: the placeholders. */
    private volatile boolean placeholderShown;

    @Start
    void start(Stage stage) {
        fx = new SandboxFixture(tmp);
        fx.start(stage, dev.orrery.testing.LoopbackBlocks.claim("SandboxHonestyTest"));
        fx.window.topology().clusterProperty().addListener((o, was, now) -> {
            if (now != null) {
                placeholderShown |= fx.window.document().cluster() == null && now.server("app-1").isPresent();
                now.servers().forEach(s -> fx.window.topology().status(s.name()).lookProperty()
                        .addListener((oo, w, look) -> badgesSeen.add(s.name() + " " + (look == null ? "" : look.badge()))));
            }
        });
        fx.firstRun();
        // From here on (nothing was drawn yet: this is one event on the FX thread) every hint the topology shows.
        Label hint = (Label) fx.window.topology().lookup(".topology-hint");
        hint.textProperty().addListener((o, was, now) -> hints.add(now));
        hints.add(hint.getText());
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void firstRunShowsPlaceholdersThenDeleteStopsTheProcessAndTakesItOutOfTheBalancer(FxRobot robot) throws Exception {
        fx.awaitUp("app-1", "app-2");
        // While it started: the sandbox's nodes were there, following the start job, before any file was open
        // (recorded when shown: a wait for that passing moment could miss it).
        assertThat(placeholderShown).as("placeholder nodes before the file opened").isTrue();
        assertThat(hints).noneMatch(h -> h != null && h.contains("No cluster open"));
        assertThat(badgesSeen).as("the placeholders showed the start's steps").anyMatch(b -> b.startsWith("app-1 STARTING"));

        // A sandbox node shows what this machine says of it, and no SSH settings.
        robot.clickOn("#node-app-2");
        long pid = fx.pid("app-2");
        Server app2 = fx.window.document().cluster().server("app-2").orElseThrow();
        // Read on the FX thread: the inspector's rows are the window's to change.
        waitFor(() -> onFx(() -> fact("process-id").equals(Long.toString(pid))
                && fact("listens-on").equals(app2.internalAddress() + ":3000")
                && fact("log-file").startsWith(fx.paths.serverBase("app-2").toString())));
        assertThat(onFx(() -> fx.window.scene().lookup("#inspector-sshUser").isVisible())).isFalse();
        assertThat(onFx(() -> fx.window.scene().lookup("#inspector-sshKey").isVisible())).isFalse();
        assertThat(SandboxReaper.running(pid)).isTrue();

        robot.clickOn("#inspector-delete");
        waitFor(() -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        String asked = robot.lookup("#confirm-delete").queryAs(DialogPane.class).getContentText();
        assertThat(asked).contains("stops app-2's process (pid " + pid + ")").contains("removes it from the balancer");
        robot.clickOn(robot.lookup("#confirm-delete").lookup(".button").match(n -> ((Button) n).getText().equals("Stop and delete")).queryButton());

        // The operating system says the process is gone; the model, the balancer and the window agree.
        waitFor(() -> !SandboxReaper.running(pid));
        waitFor(() -> onFx(() -> fx.window.document().cluster().server("app-2").isEmpty() && fx.window.topology().node("app-2") == null));
        assertThat(fx.ui.sandbox().cluster().server("app-2")).isEmpty();
        Path nginxConf = fx.paths.balancerDir().resolve("nginx.conf");
        if (fx.window.document().cluster().balancerServer().isPresent()) {
            assertThat(Files.readString(nginxConf)).doesNotContain(app2.internalAddress() + ":3000").contains(
                    fx.window.document().cluster().server("app-1").orElseThrow().internalAddress() + ":3000");
        }
        assertThat(fx.noticeTitles()).noneMatch(t -> t.contains("app-2"));
        assertThat(fx.badge("app-1")).isEqualTo("UP");

        // Sandbox ▸ Reset… starts over: everything of the old one stops, a new one runs v1 on two servers.
        long app1 = fx.pid("app-1");
        robot.clickOn("Sandbox").clickOn("#menu-sandbox-reset");
        waitFor(() -> robot.lookup("#confirm-sandbox-reset").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#confirm-sandbox-reset").lookup(".button").match(n -> ((Button) n).getText().equals("Reset")).queryButton());
        waitFor(() -> !SandboxReaper.running(app1));
        waitFor(() -> onFx(() -> fx.window.document().cluster() != null && fx.window.document().cluster().server("app-2").isPresent()));
        fx.awaitUp("app-1", "app-2");
        // The release label follows the live state a pulse later than the badge.
        waitFor(() -> onFx(() -> "v1".equals(fx.window.topology().node("app-2").releaseText())));
    }

    /** The inspector's fact of that id ("process-id"), "" when it shows none. FX thread. */
    private String fact(String id) {
        javafx.scene.Node n = fx.window.scene().lookup("#inspector-fact-" + id);
        return n instanceof Label l ? l.getText() : "";
    }

    @Test
    void aRolloutIsWatchedOnEveryNodeAndAnnouncedAndFailureIsOfferedOnlyOnALiveNode(FxRobot robot) throws Exception {
        fx.awaitUp("app-1", "app-2");

        // A crash is news; a node that is down offers no "Simulate failure".
        robot.interact(() -> {
            try {
                fx.item("app-1", "Simulate failure").fire();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitFor(() -> "DOWN".equals(fx.badge("app-1")));
        waitFor(() -> fx.noticeTitles().contains("app-1 is down"));
        assertThat(fx.item("app-1", "Simulate failure")).isNull();
        assertThat(fx.item("app-2", "Simulate failure")).isNotNull();
        robot.interact(() -> {
            try {
                fx.item("app-1", "Restart").fire();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitFor(() -> "UP".equals(fx.badge("app-1")));
        int before = fx.noticeTitles().size();

        robot.interact(() -> {
            try {
                fx.item("app-2", "Deploy next version").fire();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        waitFor(() -> robot.lookup("#deploy-panel").query().isVisible());
        waitFor(() -> badgesSeen.contains("app-1 DEPLOYING") && badgesSeen.contains("app-2 DEPLOYING"));
        waitFor(() -> fx.window.deployPanel().resultText() != null);
        String result = fx.window.deployPanel().resultText();
        assertThat(result).startsWith("Every app server runs v2 (");
        // The release labels follow the live state a pulse after the job's result (a timeout says what they showed).
        org.awaitility.Awaitility.await("both release labels say v2").atMost(java.time.Duration.ofMinutes(5)).untilAsserted(() ->
                assertThat(onFx(() -> List.of(fx.window.topology().node("app-1").releaseText(), fx.window.topology().node("app-2").releaseText())))
                        .containsExactly("v2", "v2"));
        assertThat(fx.window.topology().node("app-1").releaseText()).isEqualTo("v2");
        assertThat(fx.window.topology().node("app-2").releaseText()).isEqualTo("v2");
        assertThat(fx.window.topology().node("app-2").tooltipText()).contains(fx.window.live().model().server("app-2").release());
        waitFor(() -> fx.noticeTitles().contains("Deploy finished"));
        assertThat(fx.noticeTitles().subList(before, fx.noticeTitles().size()))
                .as("the rollout's planned stops raise nothing").noneMatch(t -> t.contains("down"));
        waitFor(() -> "UP".equals(fx.badge("app-1")) && "UP".equals(fx.badge("app-2")));
    }

    @Test
    void openingAnotherClusterAsksToKeepTheSandboxRunningOrStopIt(FxRobot robot) throws Exception {
        fx.awaitUp("app-1", "app-2");
        long pid = fx.pid("app-1");
        // Sandbox ▸ Open the App in the Browser opens the address that serves the app.
        List<String> opened = new CopyOnWriteArrayList<>();
        robot.interact(() -> fx.ui.setBrowser(opened::add));
        robot.clickOn("Sandbox").clickOn("#menu-sandbox-open");
        waitFor(() -> !opened.isEmpty());
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(opened.get(0))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(opened.get(0)).isEqualTo(200);
        assertThat(answer.body()).contains("v1");
        Path other = tmp.resolve("crater.json");
        Files.copy(Path.of("assets/examples/crater.json"), other);
        robot.interact(() -> fx.window.health().disable()); // the example's addresses are made up: nothing to probe

        robot.interact(() -> fx.window.document().open(other));
        waitFor(() -> robot.lookup("#sandbox-keep-or-stop").tryQuery().isPresent());
        robot.clickOn(SandboxQuestions.KEEP.getText());
        waitFor(() -> other.equals(fx.window.document().fileProperty().get()));
        assertThat(SandboxReaper.running(pid)).as("kept running in the background").isTrue();
        assertThat(fx.ui.running()).isTrue();
        // The topology shows the other cluster once it has drawn it (on the FX thread, after the file changed).
        String otherName = dev.orrery.store.ClusterStore.load(other).name();
        waitFor(() -> onFx(() -> fx.window.topology().clusterProperty().get() != null
                && otherName.equals(fx.window.topology().clusterProperty().get().name()) && fx.window.topology().node("app-1") != null));
        assertThat(onFx(() -> fx.window.topology().node("app-1").tooltipText())).doesNotContain("pid");

        // Sandbox ▸ Show brings it back as it runs: the same process, not a restart.
        robot.clickOn("Sandbox").clickOn("#menu-sandbox-start");
        waitFor(() -> fx.paths.clusterFile().equals(fx.window.document().fileProperty().get()));
        waitFor(() -> fx.window.live().model().server("app-1") != null
                && Long.toString(pid).equals(fx.window.live().model().server("app-1").facts().get("pid")));

        robot.interact(() -> fx.window.document().open(other));
        waitFor(() -> robot.lookup("#sandbox-keep-or-stop").tryQuery().isPresent());
        robot.clickOn(SandboxQuestions.STOP.getText());
        waitFor(() -> !SandboxReaper.running(pid));
        waitFor(() -> new SandboxReaper(fx.paths.root()).find().isEmpty());
        assertThat(fx.ui.running()).isFalse();
    }
}
