package dev.orrery.ui.ops;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Orrery;
import dev.orrery.engine.state.LockInfo;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.store.OrreryHome;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's window parts: the lock in the status bar follows the live state (another
 * workstation's deploy included), the switch asks with the recommendation and hands over the
 * target program, and the note where a server is added says what it costs behind each balancer.
 */
@ExtendWith(ApplicationExtension.class)
class OpsViewsTest {
    @TempDir
    static Path home;
    private final Engine engine = new Engine();
    private Orrery orrery;
    private OpsHooks hooks;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        orrery = new Orrery(engine, new OrreryHome(home), Orrery.Prompts.none(), Map.of());
        hooks = new OpsHooks(stage, orrery);
        stage.setScene(new Scene(new VBox(hooks.lockStatus()), 700, 200));
        stage.show();
    }

    @AfterEach
    void stop() {
        hooks.close();
        engine.close();
    }

    static Cluster cluster(BalancerKind kind) {
        return new Cluster("crater", new AppSpec("crater", 3000, Map.of(), List.of()),
                Balancer.defaults().withKind(kind),
                List.of(Server.of("lb-1", Role.BALANCER, "198.51.100.10"), Server.of("app-1", Role.APP, "198.51.100.11")));
    }

    @Test
    void theLockShowsWhoHoldsItAndGoesWhenItIsFree(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> hooks.follow(cluster(BalancerKind.NGINX), false)).get(5, TimeUnit.MINUTES);
        assertThat(hooks.lockStatus().isVisible()).isFalse();

        orrery.live("crater").setLock(new LockInfo("ana@laptop, pid 4242, data folder /home/ana/.local/share/orrery", "deploy of r7",
                1_796_000_000_000L, false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hooks.lockStatus().isVisible()).isTrue();
        assertThat(hooks.lockStatus().getText()).startsWith("Locked: deploy of r7 — ana@laptop, pid 4242").doesNotContain("stale");

        orrery.live("crater").setLock(new LockInfo("ana@laptop, pid 4242", "deploy of r7", 1_796_000_000_000L, true));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hooks.lockStatus().getText()).endsWith("(stale)");
        assertThat(hooks.lockStatus().getStyleClass()).contains("lock-stale");

        orrery.live("crater").setLock(null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hooks.lockStatus().isVisible()).isFalse();
    }

    @Test
    void theSwitchAsksWithTheRecommendationAndHandsOverTheOtherProgram(FxRobot robot) throws Exception {
        AtomicReference<BalancerKind> chosen = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> SwitchBalancerDialog.show(stage, cluster(BalancerKind.NGINX), chosen::set)).get(5, TimeUnit.MINUTES);
        DialogPane pane = robot.lookup("#switch-balancer-dialog").queryAs(DialogPane.class);
        assertThat(pane.getHeaderText()).isEqualTo("Replace nginx by HAProxy on lb-1?");
        assertThat(robot.lookup("#switch-advice").queryLabeled().getText()).contains("Scaling often? Choose HAProxy");
        Button ok = (Button) pane.lookupButton(ButtonType.OK);
        assertThat(ok.getText()).isEqualTo("Switch to HAProxy");
        WaitForAsyncUtils.asyncFx(ok::fire).get(5, TimeUnit.MINUTES);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(chosen.get()).isEqualTo(BalancerKind.HAPROXY);
    }

    @Test
    void addingAServerSaysWhatItCostsBehindEachBalancer() {
        assertThat(ScaleOutNote.forAdding(cluster(BalancerKind.NGINX))).contains("at most 15 s").contains("0 failed requests measured")
                .contains("Choose HAProxy");
        assertThat(ScaleOutNote.forAdding(cluster(BalancerKind.HAPROXY))).contains("idle-close-on-response").contains("0 failed");
        Cluster noBalancer = new Cluster("crater", cluster(BalancerKind.NGINX).app(), Balancer.defaults(),
                List.of(Server.of("app-1", Role.APP, "198.51.100.11")));
        assertThat(ScaleOutNote.forAdding(noBalancer)).contains("no balancer");
    }
}
