package dev.orrery.deploy;

import dev.orrery.remote.Command;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ConnectionGateTest {

    @Test
    void thePortAndAppTravelAsArgumentsNotAsShellText() {
        Command close = ConnectionGate.close(3000, "crater");
        assertThat(close.line()).endsWith("orrery 3000 crater");
        assertThat(close.line()).contains("--reject-with tcp-reset").contains("! --src-type LOCAL");
        assertThat(ConnectionGate.open(3000, "crater").line()).endsWith("orrery 3000 crater");
    }

    /** Runs the commands for real in a network namespace of its own (root and iptables needed). */
    @Test
    void closeIsIdempotentAndOpenRemovesEveryCopy() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a network namespace");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/iptables")) && Files.isExecutable(Path.of("/usr/sbin/ip")), "needs iptables and ip");
        String ns = "orrery-gate-" + ProcessHandle.current().pid();
        assertThat(sh("ip netns add " + ns).exit).isZero();
        try {
            assertThat(inNs(ns, ConnectionGate.available()).exit).isZero();
            assertThat(inNs(ns, ConnectionGate.close(3000, "crater")).exit).isZero();
            assertThat(inNs(ns, ConnectionGate.close(3000, "crater")).exit).isZero();
            String rules = sh("ip netns exec " + ns + " iptables -S INPUT").out;
            assertThat(rules.lines().filter(l -> l.contains("orrery-drain-crater"))).hasSize(1)
                    .first().asString().contains("--dport 3000").contains("tcp-reset");
            assertThat(inNs(ns, ConnectionGate.open(3000, "crater")).exit).isZero();
            assertThat(sh("ip netns exec " + ns + " iptables -S INPUT").out).doesNotContain("orrery-drain");
            assertThat(inNs(ns, ConnectionGate.open(3000, "crater")).exit).isZero();
        } finally {
            sh("ip netns del " + ns);
        }
    }

    private record Result(int exit, String out) {
    }

    private static Result inNs(String ns, Command c) throws IOException, InterruptedException {
        return run(List.of("ip", "netns", "exec", ns, "sh", "-c", c.line()));
    }

    private static Result sh(String line) throws IOException, InterruptedException {
        return run(List.of("sh", "-c", line));
    }

    private static Result run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
