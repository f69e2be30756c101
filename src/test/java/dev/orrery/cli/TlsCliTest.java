package dev.orrery.cli;

import dev.orrery.store.OrreryHome;
import dev.orrery.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery tls}: usage, refusals and the cluster file changes that need no network. */
class TlsCliTest {
    @TempDir
    Path home;

    private CliRun run(String... args) {
        return CliRun.run(new OrreryHome(home), args);
    }

    @Test
    void aSubCommandIsNeeded() {
        CliRun r = run("tls");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("issue").contains("renew").contains("status");
        CliRun help = run("tls", "issue", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--push").contains("--dns-01").contains("--renew-on");
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Path file = copyExample();
        assertThat(run("tls", "issue", file.toString(), "--renew-on", "laptop").exit()).isEqualTo(2);
        assertThat(run("tls", "renew", file.toString(), "--bogus").exit()).isEqualTo(2);
        assertThat(run("tls", "status").exit()).isEqualTo(2);
    }

    @Test
    void aClusterWithoutAcmeIsRefusedBeforeAnyConnectionAndTheFileIsUntouched() throws Exception {
        Path file = copyExample();
        String before = Files.readString(file);
        CliRun r = run("tls", "renew", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("has no ACME certificate").contains("--name");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aWildcardWithoutDns01IsRefusedAndNothingIsSaved() throws Exception {
        Path file = copyExample();
        String before = Files.readString(file);
        CliRun r = run("tls", "issue", file.toString(), "--name", "crater.io", "--alt", "*.crater.io");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("balancer.tls.acme.names[0]").contains("dns-01");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    private Path copyExample() throws Exception {
        Path file = home.resolve("crater.json");
        Files.copy(Path.of("assets/examples/crater.json"), file);
        return file;
    }
}
