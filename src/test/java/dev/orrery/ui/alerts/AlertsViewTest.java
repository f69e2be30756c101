package dev.orrery.ui.alerts;

import dev.orrery.alerts.AlertEvent;
import dev.orrery.alerts.AlertHistory;
import dev.orrery.alerts.WebhookSender;
import dev.orrery.model.AlertKind;
import dev.orrery.model.AlertRule;
import dev.orrery.model.Cluster;
import dev.orrery.model.Fixtures;
import dev.orrery.model.Monitoring;
import dev.orrery.model.Webhook;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The Alerts tab: a rule edited with the mouse reaches the cluster; failing webhooks and the history show. Headless. */
@ExtendWith(ApplicationExtension.class)
class AlertsViewTest {
    private final List<Cluster> applied = new CopyOnWriteArrayList<>();
    private final List<AlertNotifierBatch> notices = new CopyOnWriteArrayList<>();
    private AlertsView view;

    record AlertNotifierBatch(List<AlertEvent> events) {
    }

    @Start
    void start(Stage stage) {
        view = new AlertsView(new AlertsView.Actions() {
            public void apply(Cluster next, String what) {
                applied.add(next);
                view.setCluster(next);
            }

            public List<WebhookSender.Status> webhookStatus() {
                return List.of(new WebhookSender.Status("ops", Webhook.Format.SLACK, true, "HTTP 503", 4, 0, 2, 7, 0));
            }

            public void history(Consumer<List<AlertHistory.Entry>> then) {
                AlertEvent e = new AlertEvent("crater", "cpu", AlertKind.CPU, "app-1", true, 1_767_225_600_000L, 1_767_225_600_000L, 97, 90,
                        "app-1: CPU over 90% for 5 min (CPU 97.0%)", false);
                then.accept(List.of(new AlertHistory.Entry(e, List.of(new AlertHistory.Delivery("webhook ops", 0, false, 1, "HTTP 503")))));
            }

            public void addWebhook(String name, Webhook.Format format, String url, Consumer<String> then) {
                then.accept(null);
            }

            public void removeWebhook(String name) {
            }

            public void test(Consumer<List<String>> then) {
                then.accept(List.of("webhook ops: FAILED: HTTP 503; retrying"));
            }
        });
        view.setCluster(Fixtures.seedCluster().withMonitoring(Monitoring.defaults().withWebhook(new Webhook("ops", Webhook.Format.SLACK))));
        stage.setScene(new Scene(view, 1000, 600));
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.MINUTES);
    }

    @Test
    void editingARuleSavesTheClusterWithTheNewThreshold(FxRobot robot) throws Exception {
        robot.clickOn("CPU over 90% for 5 min");
        fx(() -> {
            view.lookup("#alert-threshold").getProperties(); // present
            ((javafx.scene.control.Spinner<Integer>) view.lookup("#alert-threshold")).getValueFactory().setValue(80);
            ((javafx.scene.control.Spinner<Integer>) view.lookup("#alert-for")).getValueFactory().setValue(120);
            return null;
        });
        robot.clickOn("#alert-apply");
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> !applied.isEmpty());
        AlertRule cpu = applied.get(0).monitoringSettings().rule("cpu").orElseThrow();
        assertThat(cpu.threshold()).isEqualTo(80);
        assertThat(cpu.forSeconds()).isEqualTo(120);
        assertThat(fx(view::message)).isEqualTo("Rule cpu: CPU over 80% for 2 min.");
        assertThat(fx(() -> view.rules().getItems().stream().map(AlertRule::describe).toList())).contains("CPU over 80% for 2 min");
    }

    @Test
    void aFailingWebhookIsShownAsFailingWithWhyAndTheHistoryIsListed(FxRobot robot) throws Exception {
        assertThat(fx(() -> view.webhooks().getItems())).singleElement().satisfies(s -> assertThat(s).contains("ops (slack)")
                .contains("FAILING: HTTP 503 (2 waiting)"));
        assertThat(fx(() -> view.historyList().getItems())).singleElement().satisfies(s -> assertThat(s).contains("FIRING")
                .contains("app-1: CPU over 90% for 5 min").contains("(a delivery failed)"));
        robot.clickOn("#alert-test");
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> fx(view::message).contains("FAILED: HTTP 503"));
    }

    @Test
    void theDesktopChannelGathersAlertsArrivingTogetherIntoOneNotification() throws Exception {
        AlertNotifier n = new AlertNotifier(batch -> notices.add(new AlertNotifierBatch(batch)));
        // The FX thread is held while the alerts arrive, as when it is busy with a pulse: they all
        // arrive "together" however slow this machine is, and must make one notification.
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        javafx.application.Platform.runLater(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.await();
        for (int i = 0; i < 50; i++) {
            n.accept(new AlertEvent("crater", "server-down", AlertKind.SERVER_DOWN, "app-" + i, true, 0, 0, Double.NaN, 0, "down", false));
        }
        release.countDown();
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> notices.stream().mapToInt(b -> b.events().size()).sum() == 50);
        assertThat(notices).hasSize(1);
    }
}
