package dev.orrery.ui.ssh;

import dev.orrery.testing.RequiresCommands;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.HostKey;
import dev.orrery.remote.HostKeyRejectedException;
import dev.orrery.remote.OrreryKnownHosts;
import dev.orrery.remote.SshConnector;
import dev.orrery.remote.SshHost;
import dev.orrery.remote.SshSettings;
import dev.orrery.remote.SshTarget;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The window's SSH prompts against an in-process MINA SSHD: the connection runs on a worker
 * thread, the question shows on the FX thread, the answer decides the connection.
 */
@ExtendWith(ApplicationExtension.class)
@RequiresCommands({"ssh-keygen"})
class SshPromptsTest {
    @TempDir
    Path dir;

    private SshServer server;
    private PublicKey serverKey;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Window window;
    private Path knownHosts;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
        window = stage;
    }

    @BeforeEach
    void startServer() throws Exception {
        knownHosts = dir.resolve("known_hosts");
        Path clientKey = dir.resolve("id_ed25519");
        ssh_keygen(clientKey, "s3cret phrase");
        HostKey clientPub = parsePub(clientKey.resolveSibling("id_ed25519.pub"));
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser"));
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(hostKeys);
        server.setPublickeyAuthenticator((user, key, session) -> HostKey.of(key).sameAs(clientPub));
        server.setCommandFactory((channel, line) -> new ExitZero());
        server.start();
        KeyPair pair = hostKeys.loadKeys(null).iterator().next();
        serverKey = pair.getPublic();
    }

    @AfterEach
    void stop() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages();
        worker.shutdownNow();
        scheduler.shutdownNow();
        server.stop(true);
    }

    @Test
    void anUnknownKeyIsShownAsItsFingerprintAndTrustingItConnectsAndRecordsIt(FxRobot robot) throws Exception {
        Future<ExecResult> run = connectInBackground();
        await(robot, "#hostkey-dialog");
        String shown = robot.lookup("#hostkey-fingerprint").match(SshPromptsTest::shown).queryAs(TextField.class).getText();
        assertThat(shown).isEqualTo(HostKey.of(serverKey).fingerprint()).startsWith("SHA256:");
        clickShown(robot, FxHostKeyPrompt.TRUST.getText());
        answerPassphrase(robot, "s3cret phrase");

        assertThat(run.get(5, TimeUnit.MINUTES).exitCode()).isZero();
        assertThat(Files.readString(knownHosts)).contains(HostKey.of(serverKey).base64());
    }

    @Test
    void refusingTheKeyRefusesTheConnection(FxRobot robot) throws Exception {
        Future<ExecResult> run = connectInBackground();
        await(robot, "#hostkey-dialog");
        clickShown(robot, FxHostKeyPrompt.REFUSE.getText());

        assertThatThrownBy(() -> run.get(5, TimeUnit.MINUTES)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(HostKeyRejectedException.class).hasMessageContaining("was not accepted");
        assertThat(Files.exists(knownHosts) ? Files.readString(knownHosts) : "").doesNotContain(HostKey.of(serverKey).base64());
    }

    @Test
    void aChangedKeyIsRefusedWithoutAskingAndTheWindowSaysItChanged(FxRobot robot) throws Exception {
        HostKey other = parsePub(ssh_keygen(dir.resolve("other"), "").resolveSibling("other.pub"));
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " " + other.type() + " " + other.base64() + "\n");
        Future<ExecResult> run = connectInBackground();

        Throwable error = null;
        try {
            run.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            error = e.getCause();
        }
        assertThat(error).isInstanceOf(HostKeyRejectedException.class);
        assertThat(robot.lookup("#hostkey-dialog").tryQuery()).as("a changed key is never offered for trust").isEmpty();
        FailureText text = FailureText.of("Push", error);
        assertThat(text.heading()).isEqualTo("Host key changed — connection refused");
        assertThat(text.detail()).contains("HAS CHANGED").contains(HostKey.of(serverKey).fingerprint()).contains(other.fingerprint());
    }

    @Test
    void aWrongPassphraseIsAskedAgainAndCancelGivesUp(FxRobot robot) throws Exception {
        Future<ExecResult> run = connectInBackground();
        await(robot, "#hostkey-dialog");
        clickShown(robot, FxHostKeyPrompt.TRUST.getText());
        answerPassphrase(robot, "not it");
        await(robot, "#passphrase-dialog");
        assertThat(robot.lookup("#passphrase-dialog").match(SshPromptsTest::shown).queryAs(DialogPane.class).getHeaderText()).startsWith("Wrong passphrase.");
        clickShown(robot, "Cancel");

        assertThatThrownBy(() -> run.get(5, TimeUnit.MINUTES)).isInstanceOf(ExecutionException.class)
                .cause().hasMessageContaining("no passphrase given or the passphrase is wrong");
    }

    @Test
    void askingOnTheFxThreadIsRefusedRatherThanFreezingTheWindow() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        javafx.application.Platform.runLater(() -> {
            try {
                new FxHostKeyPrompt(() -> window).acceptUnknown("x", "ssh-ed25519", "SHA256:x");
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });
        assertThat(thrown.get(5, TimeUnit.MINUTES)).isInstanceOf(IllegalStateException.class).hasMessageContaining("FX thread");
    }

    private Future<ExecResult> connectInBackground() {
        SshConnector connector = new SshConnector(SshSettings.defaults(), new OrreryKnownHosts(knownHosts, List.of()),
                new FxHostKeyPrompt(() -> window), new FxPassphrasePrompt(() -> window), null);
        SshHost host = new SshHost(SshTarget.of("mina", "127.0.0.1", server.getPort(), "deploy", dir.resolve("id_ed25519")),
                connector, scheduler);
        return worker.submit(() -> {
            try (host) {
                return host.run(Command.of("true"));
            }
        });
    }

    private static void answerPassphrase(FxRobot robot, String phrase) throws Exception {
        await(robot, "#passphrase-field");
        clickShown(robot, "#passphrase-field");
        robot.write(phrase);
        clickShown(robot, "OK");
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits for a node in a window that is showing (an earlier test's hidden dialog may still be in the lookup). */
    private static void await(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.MINUTES, () -> robot.lookup(query).match(SshPromptsTest::shown).tryQuery().isPresent());
    }

    private static void clickShown(FxRobot robot, String query) throws Exception {
        await(robot, query);
        robot.clickOn(robot.lookup(query).match(SshPromptsTest::shown).<javafx.scene.Node>query());
    }

    private static boolean shown(javafx.scene.Node n) {
        return n.isVisible() && n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing();
    }

    private static Path ssh_keygen(Path file, String passphrase) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", file.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        return file;
    }

    private static HostKey parsePub(Path pub) throws Exception {
        String[] parts = Files.readString(pub).trim().split("\\s+");
        return HostKey.parse(parts[0], parts[1]);
    }

    /** A command that succeeds at once. */
    private static final class ExitZero implements org.apache.sshd.server.command.Command {
        private ExitCallback exit;

        @Override public void setInputStream(InputStream in) { }
        @Override public void setOutputStream(OutputStream out) { }
        @Override public void setErrorStream(OutputStream err) { }
        @Override public void setExitCallback(ExitCallback callback) {
            exit = callback;
        }
        @Override public void start(ChannelSession channel, Environment env) {
            new Thread(() -> exit.onExit(0)).start();
        }
        @Override public void destroy(ChannelSession channel) { }
    }
}
