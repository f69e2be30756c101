package dev.orrery.ui.adopt;

import dev.orrery.adopt.DriftItem;
import dev.orrery.adopt.DriftReport;
import dev.orrery.adopt.LiveBalancer;
import dev.orrery.adopt.NginxImport;
import dev.orrery.adopt.ProxyDiff;
import dev.orrery.adopt.conf.NginxConf;
import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.Fixtures;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.proxy.BalancerFeatures;
import dev.orrery.task.Progress;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The drift badge and its list, and the push dialog's view of what a push changes. */
@ExtendWith(ApplicationExtension.class)
class DriftAndDiffViewsTest {
    final Engine engine = new Engine();
    Stage stage;
    final SimpleObjectProperty<Cluster> cluster = new SimpleObjectProperty<>(Fixtures.seedCluster());
    final SimpleObjectProperty<Path> file = new SimpleObjectProperty<>(Path.of("crater.json"));
    final AtomicInteger checks = new AtomicInteger();
    volatile DriftReport next;
    DriftBadge badge;

    @Start
    void start(Stage s) {
        stage = s;
        badge = new DriftBadge(engine, cluster, file, c -> job("Look for drift in " + c.name(), () -> {
            checks.incrementAndGet();
            if (next == null) {
                throw new IllegalStateException("lb-1 could not be reached");
            }
            return next;
        }), () -> stage);
        s.setScene(new Scene(new HBox(badge), 600, 200));
        s.show();
    }

    @AfterEach
    void close() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
        engine.close();
    }

    static <T> Job<T> job(String title, java.util.concurrent.Callable<T> body) {
        return new Job<>() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public T run(Progress progress) throws Exception {
                return body.call();
            }
        };
    }

    static void waitFor(java.util.concurrent.Callable<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, c);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theBadgeChecksOnlyWhenAskedAndListsEachFindingWithItsAction(FxRobot robot) throws Exception {
        assertThat(badge.getText()).isEqualTo("Drift: not checked");
        next = new DriftReport(List.of(
                new DriftItem(DriftItem.Kind.BALANCER_EDITED, "lb-1", "/etc/nginx/nginx.conf was edited by hand since Orrery pushed it",
                        "see the edits with orrery diff-proxy; keep them with orrery import balancer, or overwrite them with orrery push-proxy"),
                new DriftItem(DriftItem.Kind.RELEASE, "app-2", "runs 20261201-a, the cluster file says 20261201-b", "orrery deploy or orrery rollback")),
                List.of("DigitalOcean was not checked: no API token (orrery token set)"), Instant.now());
        robot.clickOn("#drift-badge");
        waitFor(() -> robot.lookup("#drift-dialog").tryQuery().isPresent());
        assertThat(checks.get()).as("opening the list connects to nothing").isZero();
        robot.clickOn("#drift-check");
        waitFor(() -> badge.getText().equals("Drift: 2"));
        assertThat(badge.getStyleClass()).contains("tone-warn");
        assertThat(robot.lookup(".drift-item").queryAll()).hasSize(2);
        assertThat(robot.lookup("#drift-list").queryParent().lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList())
                .anyMatch(t -> t.startsWith("→ see the edits with orrery diff-proxy"))
                .anyMatch(t -> t.contains("DigitalOcean was not checked"));
        assertThat(robot.lookup("#drift-when").queryAs(Label.class).getText()).contains("2 finding(s)");

        next = new DriftReport(List.of(), List.of(), Instant.now());
        robot.clickOn("#drift-check");
        waitFor(() -> badge.getText().equals("Drift: none"));
        assertThat(robot.lookup(".drift-item").queryAll()).isEmpty();
        // another cluster opened: the last result is forgotten
        robot.interact(() -> file.set(Path.of("other.json")));
        assertThat(badge.getText()).isEqualTo("Drift: not checked");
    }

    @Test
    void aFailedCheckSaysSo(FxRobot robot) throws Exception {
        next = null;
        robot.clickOn("#drift-badge");
        waitFor(() -> robot.lookup("#drift-check").tryQuery().isPresent());
        robot.clickOn("#drift-check");
        waitFor(() -> badge.getText().equals("Drift: check failed"));
        waitFor(() -> robot.lookup(".dialog-pane .content").queryAll().stream()
                .anyMatch(n -> n instanceof Label l && l.getText().contains("lb-1 could not be reached")));
    }

    @Test
    void thePushDialogShowsWhatAPushChangesOnTheLiveBalancer(FxRobot robot) throws Exception {
        String dump;
        try (var in = getClass().getResourceAsStream("/dev/orrery/adopt/seed-nginx-T.txt")) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        NginxConf conf = NginxConf.fromDump(dump);
        Cluster imported = NginxImport.read(conf, null, new NginxImport.Options(false)).cluster()
                .withServer(Server.of("lb-1", Role.BALANCER, "198.51.100.10"));
        LiveBalancer live = new LiveBalancer(BalancerKind.NGINX, "/etc/nginx/nginx.conf", conf.files().get(conf.mainFile()), conf, null,
                BalancerFeatures.STOCK, "nginx -T", List.of());
        robot.interact(() -> dev.orrery.ui.balancer.BalancerConfigDialog.show(stage, new dev.orrery.ui.main.Background(engine.io()), imported,
                c -> dev.orrery.proxy.BalancerLayout.droplet(BalancerKind.NGINX), java.util.Optional::empty, () -> { },
                () -> new ProxyDiffView(engine, job("Compare", () -> dev.orrery.adopt.BalancerDiffs.ofFile(ProxyDiff.of(imported, live))))));
        assertThat(robot.lookup("#proxy-diff-view").tryQuery()).as("nothing is read before the tab is shown").isEmpty();
        robot.clickOn("What a push changes on the live balancer");
        waitFor(() -> robot.lookup("#proxy-diff-text").queryAs(TextArea.class).getText().contains("change(s)"));
        assertThat(robot.lookup("#proxy-diff-status").queryAs(Label.class).getText()).startsWith("A push changes 95 directive(s)"); // 85 before the access log in Orrery's format, 87 before fail_timeout=2s on the 3 upstream servers, 90 before the DDP upstream (5 lines)
        assertThat(robot.lookup("#proxy-diff-text").queryAs(TextArea.class).getText())
                .contains("- check interval=750 rise=2 fall=2 timeout=1000 type=http;")
                .contains("this nginx has no nginx_upstream_check_module");
    }
}
