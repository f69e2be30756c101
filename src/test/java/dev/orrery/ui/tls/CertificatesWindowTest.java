package dev.orrery.ui.tls;

import dev.orrery.engine.Engine;
import dev.orrery.engine.Job;
import dev.orrery.engine.TlsJob;
import dev.orrery.model.Acme;
import dev.orrery.model.AppSpec;
import dev.orrery.model.Balancer;
import dev.orrery.model.BalancerKind;
import dev.orrery.model.Cluster;
import dev.orrery.model.HealthCheck;
import dev.orrery.model.Role;
import dev.orrery.model.Server;
import dev.orrery.model.Stickiness;
import dev.orrery.model.Tls;
import dev.orrery.task.Progress;
import dev.orrery.tls.CertificateFacts;
import dev.orrery.tls.CertificatePlan;
import dev.orrery.tls.CertificateStatus;
import dev.orrery.tls.CertificateWork;
import dev.orrery.tls.RenewalAttempt;
import dev.orrery.tls.TlsStep;
import dev.orrery.ui.job.JobView;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The certificate window and the inspector's certificate section over a scripted engine: the
 * certificate's facts, the reload warning said before acting and confirmed, the job run with the
 * push allowed, and one notification per alarm.
 */
@ExtendWith(ApplicationExtension.class)
class CertificatesWindowTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final Engine engine = new Engine();
    private final List<String> jobs = new CopyOnWriteArrayList<>();
    private final List<CertificateStatus> notices = new CopyOnWriteArrayList<>();
    private final SimpleObjectProperty<Cluster> cluster = new SimpleObjectProperty<>(cluster());
    private final SimpleObjectProperty<String> selected = new SimpleObjectProperty<>();
    private volatile boolean pushNeeded = true;
    private volatile CertificateStatus status = status(false, null);
    private TlsWindowPart part;
    private Stage stage;
    private CertificatesDialog dialog;

    static Cluster cluster() {
        Tls tls = Tls.acme("crater", "crater.example.com", Acme.letsEncrypt("ops@crater.example.com"));
        return new Cluster("crater", new AppSpec("crater", 3000, null, null),
                new Balancer(BalancerKind.NGINX, Stickiness.IP_HASH, HealthCheck.DEFAULT, tls, 80, 443, List.of()),
                List.of(Server.of("lb-1", Role.BALANCER, "10.0.1.2"), Server.of("app-1", Role.APP, "10.0.1.3")));
    }

    static CertificateStatus status(boolean alarm, String alarmText) {
        CertificateFacts f = new CertificateFacts("crater.example.com", List.of("crater.example.com"), "R11 (Let's Encrypt)",
                NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(10)), "4f2a", "ab");
        RenewalAttempt last = alarm
                ? RenewalAttempt.failure("crater", "lb-1", NOW.minus(Duration.ofHours(2)), "renew", TlsStep.HTTP01_SELF_CHECK, "port 80 closed", "orrery")
                : RenewalAttempt.success("crater", "lb-1", NOW.minus(Duration.ofDays(50)), "issue", f, "orrery");
        return new CertificateStatus("crater", "lb-1", List.of("crater.example.com"), "Let's Encrypt", "Orrery", f, null, last,
                alarm ? 3 : 0, NOW, alarm, alarmText, NOW);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        VBox inspector = new VBox();
        TlsAccess access = new TlsAccess() {
            @Override
            public CertificateStatus status(Cluster c) {
                return status;
            }

            @Override
            public CertificatePlan plan(Cluster c) {
                return new CertificatePlan(pushNeeded, pushNeeded ? "it runs configuration 0123456789abcdef" : null,
                        "nginx reloads once, and keep-alive requests in flight at that moment may fail; renewals after it need no reload",
                        "nginx reads the certificate at each new TLS handshake, so the new one is served at once, no reload",
                        "http-01: a token served on port 80 of 10.0.1.2", "Orrery, while it runs");
            }

            @Override
            public Job<CertificateWork.Outcome> job(Cluster c, TlsJob.Action action, boolean push) {
                jobs.add(action.word() + (push ? " with push" : ""));
                return new Job<>() {
                    @Override
                    public String title() {
                        return "Get a certificate for crater.example.com on lb-1";
                    }

                    @Override
                    public CertificateWork.Outcome run(Progress p) {
                        p.step("The CA validates crater.example.com");
                        return new CertificateWork.Outcome(status.served(), Duration.ofSeconds(4), push, "Orrery");
                    }
                };
            }
        };
        part = new TlsWindowPart(stage, engine, access, cluster, selected, inspector, notices::add);
        stage.setScene(new Scene(inspector, 700, 500));
        stage.show();
    }

    @AfterEach
    void stop() {
        if (dialog != null) {
            WaitForAsyncUtils.asyncFx(() -> dialog.dialog().close());
            WaitForAsyncUtils.waitForFxEvents();
        }
        engine.close();
    }

    @Test
    void theInspectorShowsTheBalancersCertificateOnly(FxRobot robot) {
        assertThat(robot.lookup("#inspector-tls").query().isVisible()).isFalse();
        robot.interact(() -> selected.set("lb-1"));
        await().atMost(Duration.ofMinutes(3)).until(() -> robot.lookup("#inspector-tls-fact-issuer").tryQuery().isPresent());
        assertThat(robot.lookup("#inspector-tls").query().isVisible()).isTrue();
        assertThat(text(robot, "#inspector-tls-fact-issuer")).isEqualTo("R11 (Let's Encrypt)");
        assertThat(text(robot, "#inspector-tls-fact-expires")).contains("2026-12-11").contains("10 days");
        assertThat(text(robot, "#inspector-tls-fact-last-renewal")).startsWith("ok ");
        robot.interact(() -> selected.set("app-1"));
        assertThat(robot.lookup("#inspector-tls").query().isVisible()).isFalse();
    }

    @Test
    void theWindowSaysAReloadIsNeededBeforeActingAndRunsTheJobWithThePushOnlyAfterYes(FxRobot robot) {
        robot.interact(() -> dialog = part.openCertificates());
        await().atMost(Duration.ofMinutes(3)).until(() -> robot.lookup("#tls-warning").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(text(robot, "#tls-title")).isEqualTo("Certificate for crater.example.com");
        assertThat(text(robot, "#tls-fact-serial")).isEqualTo("4f2a");
        assertThat(text(robot, "#tls-warning")).contains("No reload-free way yet").contains("nginx reloads once");
        assertThat(text(robot, "#tls-plan")).contains("no reload").contains("http-01");

        robot.clickOn("#tls-issue");
        await().atMost(Duration.ofMinutes(3)).until(() -> robot.lookup("#tls-confirm-push").tryQuery().isPresent());
        robot.clickOn("Cancel");
        assertThat(jobs).as("nothing runs when the user says no").isEmpty();

        robot.clickOn("#tls-issue");
        await().atMost(Duration.ofMinutes(3)).until(() -> robot.lookup("#tls-confirm-push").tryQuery().isPresent());
        robot.clickOn("Push and continue");
        await().atMost(Duration.ofMinutes(3)).until(() -> robot.lookup("#tls-job").queryAs(JobView.class).outcomeProperty().get()
                == JobView.Outcome.SUCCEEDED);
        assertThat(jobs).containsExactly("issue with push");
    }

    @Test
    void aRenewalNeedsNoConfirmationWhenTheBalancerIsReady(FxRobot robot) {
        pushNeeded = false;
        robot.interact(() -> dialog = part.openCertificates());
        await().atMost(Duration.ofMinutes(3)).until(() -> text(robot, "#tls-plan").startsWith("Challenge"));
        robot.clickOn("#tls-renew");
        await().atMost(Duration.ofMinutes(3)).until(() -> robot.lookup("#tls-job").queryAs(JobView.class).outcomeProperty().get()
                == JobView.Outcome.SUCCEEDED);
        assertThat(jobs).containsExactly("renew");
    }

    @Test
    void aRenewalThatKeepsFailingNotifiesOncePerAlarmAndShowsIt(FxRobot robot) {
        String text = "Renewing the certificate of crater.example.com failed 3 times in a row (10 days left): port 80 closed";
        status = status(true, text);
        robot.interact(() -> selected.set("lb-1"));
        part.onStatus(status);
        part.onStatus(status);
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(Duration.ofMinutes(3)).until(() -> robot.lookup("#inspector-tls-alarm").query().isVisible());
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).alarmText()).isEqualTo(text);
        assertThat(text(robot, "#inspector-tls-alarm")).isEqualTo(text);
        part.onStatus(status(false, null));
        part.onStatus(status);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(notices).as("a new alarm after it cleared").hasSize(2);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
