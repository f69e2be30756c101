package dev.orrery.ui.main;

import dev.orrery.engine.state.Tone;
import dev.orrery.ui.topology.ServerNode;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.orrery.ui.main.WindowFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster with two failover balancers: the topology shows which one holds the reserved IP, from
 * the live state the engine feeds (the API's holder and each keepalived's state), through
 * ServerLook — ACTIVE / STANDBY, and a warning when the API and keepalived disagree; the
 * balancer nodes' menu offers the setup and the drill, app servers' does not.
 */
@ExtendWith(ApplicationExtension.class)
class FailoverWindowTest {
    @TempDir
    Path tempDir;
    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture(tempDir);
        fx.failoverPair("203.0.113.10");
        fx.start(stage, fx.clusterFile);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    private ServerNode node(String name) throws Exception {
        return onFx(() -> fx.window.topology().node(name));
    }

    @Test
    void theBalancerHoldingTheReservedIpShowsActiveAndTheOtherStandby() throws Exception {
        fx.awaitOpen();
        waitFor(() -> node("lb-2") != null);
        var live = fx.window.orrery().live("crater");
        live.setFailover("lb-1", "203.0.113.10", true, "MASTER");
        live.setFailover("lb-2", "203.0.113.10", false, "BACKUP");

        waitFor(() -> "ACTIVE".equals(onFx(() -> node("lb-1").stateWord())) && "STANDBY".equals(onFx(() -> node("lb-2").stateWord())));
        assertThat(onFx(() -> node("lb-1").statusWord())).isEqualTo("holds 203.0.113.10 · keepalived MASTER");
        assertThat(onFx(() -> node("lb-2").statusWord())).isEqualTo("standby · keepalived BACKUP");
        assertThat(onFx(() -> node("lb-1").getStyleClass())).contains(Tone.GOOD.cssClass());

        // the address moved by the API, but lb-1's keepalived still says MASTER: both show the disagreement
        live.setFailover("lb-1", "203.0.113.10", false, "MASTER");
        live.setFailover("lb-2", "203.0.113.10", true, "BACKUP");
        waitFor(() -> "ACTIVE".equals(onFx(() -> node("lb-2").stateWord())));
        assertThat(onFx(() -> node("lb-2").getStyleClass())).contains(Tone.WARNING.cssClass());
        assertThat(onFx(() -> node("lb-1").statusWord())).isEqualTo("standby · keepalived MASTER");
        assertThat(onFx(() -> node("lb-1").tooltipText())).contains("the move is under way");
    }

    /** The inspector says the failover facts in words, never the live state's keys. */
    @Test
    void theInspectorSaysTheFailoverFactsInWords() throws Exception {
        fx.awaitOpen();
        waitFor(() -> node("lb-2") != null);
        fx.window.orrery().live("crater").setFailover("lb-2", "203.0.113.10", false, "BACKUP");
        onFx(() -> {
            fx.window.topology().selectedProperty().set("lb-2");
            return null;
        });
        java.util.concurrent.Callable<List<String>> texts = () -> onFx(() -> javafx.stage.Window.getWindows().stream().filter(w -> w.getScene() != null).map(w -> w.getScene().lookup("#inspector"))
                .filter(java.util.Objects::nonNull).flatMap(i -> i.lookupAll(".label").stream())
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).toList());
        waitFor(() -> texts.call().contains("keepalived state"));
        assertThat(texts.call()).contains("Reserved IP", "203.0.113.10", "Reserved IP routed here", "no, says the DigitalOcean API",
                        "BACKUP: standing by")
                .doesNotContain(dev.orrery.engine.state.ServerLook.HOLDS, dev.orrery.engine.state.ServerLook.KEEPALIVED,
                        dev.orrery.engine.state.ServerLook.RESERVED_IP);
    }

    @Test
    void theBalancerMenuOffersSetupAndDrillAndAppServersDoNot() throws Exception {
        fx.awaitOpen();
        List<String> lb = onFx(() -> fx.window.serverMenu().build("lb-2").getItems().stream().map(MenuItem::getId).toList());
        List<String> app = onFx(() -> fx.window.serverMenu().build("app-1").getItems().stream().map(MenuItem::getId).toList());
        assertThat(lb).contains("menu-failover-setup", "menu-failover-drill");
        assertThat(app).doesNotContain("menu-failover-setup", "menu-failover-drill");
    }
}
