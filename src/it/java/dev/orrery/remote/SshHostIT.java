package dev.orrery.remote;

import dev.orrery.it.Sys;
import dev.orrery.it.TestHost;
import dev.orrery.it.TestHosts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SshHost against real OpenSSH sshd on the test hosts: exec, verified uploads, login and known-hosts errors. */
class SshHostIT {
    private static TestHosts hosts;
    private static ScheduledExecutorService scheduler;
    private static Path scratch;

    @BeforeAll
    static void start() {
        hosts = TestHosts.start(2);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        scratch = hosts.scratch("ssh-host-it");
    }

    @AfterAll
    static void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    /** Known hosts listing exactly the test hosts' current keys. */
    static OrreryKnownHosts trusting(TestHost... hs) throws Exception {
        Path f = Files.createTempFile(scratch, "known", ".txt");
        StringBuilder sb = new StringBuilder();
        for (TestHost h : hs) {
            sb.append(h.knownHostsLine()).append('\n');
        }
        Files.writeString(f, sb);
        return new OrreryKnownHosts(f, List.of());
    }

    static SshHost host(TestHost h, OrreryKnownHosts known, HostKeyPrompt prompt) {
        SshConnector c = new SshConnector(SshSettings.defaults(), known, prompt, PassphrasePrompt.NONE, null);
        return new SshHost(SshTarget.of(h.name(), h.address(), h.sshPort(), h.user(), h.privateKey()), c, scheduler);
    }

    @Test
    void execStreamsOutputLinesAndReturnsExitCodes() throws Exception {
        TestHost h = hosts.get(0);
        try (SshHost ssh = host(h, trusting(h), HostKeyPrompt.REFUSE)) {
            List<String> seen = new CopyOnWriteArrayList<>();
            ExecResult r = ssh.exec(Command.trusted("echo one; echo two >&2; echo three; exit 3"), seen::add);
            assertThat(seen).containsExactly("one", "two", "three");
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.lastLines()).containsExactly("one", "two", "three");

            assertThat(ssh.run(Command.of("cat", "/proc/sys/kernel/hostname")).ok()).isTrue();
            assertThat(ssh.exec(Command.trusted("ip -4 -o addr show dev eth0"), LineListener.IGNORE).output()).contains(h.address());

            assertThatThrownBy(() -> ssh.run(Command.of("ls", "/no/such/dir").describedAs("list the missing dir")))
                    .isInstanceOf(CommandFailedException.class)
                    .hasMessageContaining(ssh.name()).hasMessageContaining("list the missing dir").hasMessageContaining("exited with 2")
                    .hasMessageContaining("No such file or directory");
        }
    }

    @Test
    void hostileArgumentsArriveAsLiteralText() throws Exception {
        TestHost h = hosts.get(0);
        try (SshHost ssh = host(h, trusting(h), HostKeyPrompt.REFUSE)) {
            for (String hostile : List.of("$(touch /tmp/pwned)", "'; touch /tmp/pwned; '", "`touch /tmp/pwned`", "a\nb; touch /tmp/pwned",
                    "\"$HOME\"", "", "ünïcødé ✓", "*", "-n")) {
                // markers: the login shell's own rc files may add lines (this machine's root .bashrc runs pyenv)
                String out = ssh.run(Command.of("printf", "BEGIN[%s]END", hostile)).output();
                assertThat(out).contains("BEGIN[").contains("]END");
                assertThat(out.substring(out.indexOf("BEGIN[") + 6, out.lastIndexOf("]END"))).isEqualTo(hostile);
            }
            assertThat(h.path("/tmp/pwned")).doesNotExist();
        }
    }

    @Test
    void uploadOf50MegabytesIsVerifiedAndAtomic() throws Exception {
        TestHost h = hosts.get(0);
        Path big = scratch.resolve("big.bin");
        byte[] chunk = new byte[1 << 20];
        new Random(42).nextBytes(chunk);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 50; i++) {
                chunk[0] = (byte) i;
                out.write(chunk);
                sha.update(chunk);
            }
        }
        String expected = HexFormat.of().formatHex(sha.digest());
        AtomicLong lastProgress = new AtomicLong();
        List<Long> totals = new CopyOnWriteArrayList<>();
        try (SshHost ssh = host(h, trusting(h), HostKeyPrompt.REFUSE)) {
            ssh.upload(big, "/srv/app/releases/big.bin", (bytes, total) -> {
                assertThat(bytes).isGreaterThanOrEqualTo(lastProgress.get());
                lastProgress.set(bytes);
                totals.add(total);
            });
            assertThat(lastProgress.get()).isEqualTo(50L << 20);
            assertThat(totals).containsOnly(50L << 20);
            assertThat(h.exec("sha256sum", "/srv/app/releases/big.bin").output()).startsWith(expected);
            assertThat(h.exec("ls", "-A", "/srv/app/releases").output().strip()).isEqualTo("big.bin");

            ssh.write("server { listen 80; }\n".getBytes(), "/etc/nginx/conf.d/orrery.conf");
            assertThat(Files.readString(h.path("/etc/nginx/conf.d/orrery.conf"))).isEqualTo("server { listen 80; }\n");
            ssh.write("replaced\n".getBytes(), "/etc/nginx/conf.d/orrery.conf");
            assertThat(Files.readString(h.path("/etc/nginx/conf.d/orrery.conf"))).isEqualTo("replaced\n");
            assertThat(h.exec("stat", "-c", "%a", "/etc/nginx/conf.d/orrery.conf").output().strip()).isEqualTo("644");
            ssh.write("-----BEGIN PRIVATE KEY-----\n".getBytes(), "/etc/orrery/tls/site.key", 0600);
            assertThat(h.exec("stat", "-c", "%a", "/etc/orrery/tls/site.key").output().strip()).isEqualTo("600");
            ssh.write("#!/bin/sh\n".getBytes(), "/srv/app/bin/start", 0775);
            assertThat(h.exec("stat", "-c", "%a", "/srv/app/bin/start").output().strip()).isEqualTo("775");
        }
    }

    @Test
    void unknownHostKeyIsAskedAboutWithItsFingerprintAndRecordedWhenAccepted() throws Exception {
        TestHost h = hosts.get(0);
        Path file = scratch.resolve("unknown-accept-known_hosts");
        OrreryKnownHosts known = new OrreryKnownHosts(file, List.of());
        List<String> asked = new ArrayList<>();
        try (SshHost ssh = host(h, known, (host, type, fp) -> asked.add(host + " " + type + " " + fp))) {
            ssh.run(Command.of("true"));
        }
        assertThat(asked).containsExactly(h.name() + " (" + h.address() + ") ssh-ed25519 " + h.hostKeyFingerprint());
        assertThat(Files.readString(file)).isEqualTo(h.knownHostsLine() + "\n");
        // now known: no question
        try (SshHost ssh = host(h, known, (host, type, fp) -> { throw new AssertionError("asked again"); })) {
            ssh.run(Command.of("true"));
        }
    }

    @Test
    void refusingAnUnknownHostKeyFailsClearly() throws Exception {
        TestHost h = hosts.get(0);
        Path file = scratch.resolve("unknown-refuse-known_hosts");
        List<String> fingerprints = new ArrayList<>();
        try (SshHost ssh = host(h, new OrreryKnownHosts(file, List.of()), (host, type, fp) -> fingerprints.add(fp) && false)) {
            assertThatThrownBy(() -> ssh.run(Command.of("true")))
                    .isInstanceOf(HostKeyRejectedException.class)
                    .hasMessageContaining("not known and was not accepted").hasMessageContaining(h.hostKeyFingerprint());
        }
        assertThat(fingerprints).containsExactly(h.hostKeyFingerprint());
        assertThat(file).doesNotExist();
    }

    @Test
    void changedHostKeyIsRefusedEvenWithAcceptNew() throws Exception {
        TestHost h = hosts.get(1);
        OrreryKnownHosts known = trusting(h);
        String old = h.hostKeyFingerprint();
        h.regenerateHostKey();
        try (SshHost ssh = host(h, known, (host, type, fp) -> { throw new AssertionError("a changed key must never be asked about"); })) {
            assertThatThrownBy(() -> ssh.run(Command.of("true")))
                    .isInstanceOf(HostKeyRejectedException.class)
                    .hasMessageContaining("HAS CHANGED").hasMessageContaining(known.orreryFile() + " line 1")
                    .hasMessageContaining(old).hasMessageContaining(h.hostKeyFingerprint());
        }
        try (SshHost ssh = host(h, known, HostKeyPrompt.ACCEPT_NEW)) {
            assertThatThrownBy(() -> ssh.run(Command.of("true"))).isInstanceOf(HostKeyRejectedException.class).hasMessageContaining("HAS CHANGED");
        }
        assertThat(Files.readAllLines(known.orreryFile())).hasSize(1);
    }

    @Test
    void aKeyTheServerDoesNotKnowGivesAClearAuthenticationError() throws Exception {
        TestHost h = hosts.get(0);
        Path key = scratch.resolve("stranger_ed25519");
        Sys.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).orThrow("keygen");
        SshConnector c = new SshConnector(SshSettings.defaults(), trusting(h), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null);
        try (SshHost ssh = new SshHost(SshTarget.of(h.name(), h.address(), 22, "root", key), c, scheduler)) {
            assertThatThrownBy(() -> ssh.run(Command.of("true")))
                    .isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageContaining("authentication refused for user root").hasMessageContaining(key.toString());
        }
    }

    @Test
    void sshdKilledMidUploadLeavesNoFileUnderTheFinalNameAndAClearError() throws Exception {
        TestHost h = hosts.get(1);
        Path big = scratch.resolve("big-for-kill.bin");
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
        }
        h.sh("mkdir -p /srv/app").orThrow("mkdir");
        try (SshHost ssh = host(h, trusting(h), HostKeyPrompt.REFUSE)) {
            ssh.run(Command.of("true"));
            AtomicLong killedAt = new AtomicLong(-1);
            assertThatThrownBy(() -> ssh.upload(big, "/srv/app/half.bin", (bytes, total) -> {
                if (bytes >= 10L << 20 && killedAt.get() < 0) {
                    killedAt.set(bytes);
                    h.killSshd();
                }
            })).isInstanceOf(RemoteException.class).hasMessageContaining(ssh.name()).hasMessageContaining("upload of " + big + " failed")
                    .satisfies(e -> System.out.println("mid-upload kill reported as: " + e.getMessage()));
            assertThat(killedAt.get()).isPositive();
            assertThat(h.path("/srv/app/half.bin")).doesNotExist();

            // the server comes back: the same host reconnects by itself
            h.restartSshd();
            ssh.run(Command.of("true"));
            assertThat(h.path("/srv/app/half.bin")).doesNotExist();
        } finally {
            h.restartSshd(); // leave the host usable for the other tests whatever happened
        }
    }

    @Test
    void aFileCorruptedOnTheServerIsNeverPutInPlaceAndItsTemporaryIsRemoved() throws Exception {
        TestHost h = hosts.get(0);
        byte[] content = new byte[3 << 20];
        new Random(3).nextBytes(content);
        Path src = scratch.resolve("to-corrupt.bin");
        Files.write(src, content);
        h.sh("mkdir -p /srv/corrupt && echo old > /srv/corrupt/app.bin").orThrow("old file");
        try (SshHost ssh = host(h, trusting(h), HostKeyPrompt.REFUSE)) {
            AtomicLong injected = new AtomicLong();
            assertThatThrownBy(() -> ssh.upload(src, "/srv/corrupt/app.bin", (bytes, total) -> {
                if (bytes == total && injected.getAndIncrement() == 0) {
                    // one stray byte past the end of the temporary file, as a faulty disk or a meddler would leave
                    h.sh("for f in /srv/corrupt/.app.bin.orrery-*.tmp; do printf X | dd of=\"$f\" bs=1 seek=" + total
                            + " conv=notrunc 2>/dev/null; done").orThrow("corrupt");
                }
            })).isInstanceOf(RemoteException.class).hasMessageContaining("is corrupt").hasMessageContaining("was not put in place");
            assertThat(injected.get()).isEqualTo(1);
            assertThat(Files.readString(h.path("/srv/corrupt/app.bin"))).isEqualTo("old\n");
            assertThat(h.exec("ls", "-A", "/srv/corrupt").output().strip()).isEqualTo("app.bin");
        }
    }

    @Test
    void openSshsRequestFailedAnswerToAKeepAliveCountsAsASignOfLife() throws Exception {
        TestHost h = hosts.get(0);
        SshConnector c = new SshConnector(SshSettings.defaults().withKeepAlive(java.time.Duration.ofSeconds(1), 3), trusting(h),
                HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, null);
        net.schmizz.sshj.SSHClient client = c.connect(SshTarget.of(h.name(), h.address(), h.sshPort(), h.user(), h.privateKey()));
        try {
            IdleKeepAlive keepAlive = (IdleKeepAlive) client.getConnection().getKeepAlive();
            // Three unanswered asks in a row allowed: a fifth is only sent if sshd's "request failed" answered earlier ones.
            org.awaitility.Awaitility.await("five keep-alives to an idle connection, or the connection given up")
                    .atMost(java.time.Duration.ofMinutes(3)).until(() -> keepAlive.asked() >= 5 || !client.getTransport().isRunning());
            assertThat(client.getTransport().isRunning()).as("still connected after " + keepAlive.asked() + " asks").isTrue();
        } finally {
            client.close();
        }
    }

    @Test
    void aDroppedConnectionIsReopenedForTheNextCommand() throws Exception {
        TestHost h = hosts.get(1);
        try (SshHost ssh = host(h, trusting(h), HostKeyPrompt.REFUSE)) {
            assertThat(ssh.run(Command.of("echo", "first")).output()).isEqualTo("first");
            h.restartSshd(); // kills every session: our connection is gone
            assertThat(ssh.run(Command.of("echo", "second")).output()).isEqualTo("second");
        }
    }
}
