package dev.orrery.cli;

import dev.orrery.testing.CliRun;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery sandbox}: its arguments, and what it says before any sandbox exists (the running sandbox is in SandboxIT). */
class SandboxCliTest {
    @TempDir
    Path home;
    /** What the command line printed, across the runs of one test. */
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    private int run(String... args) {
        CliRun r = CliRun.run(new OrreryHome(home), args);
        out.append(r.out());
        err.append(r.err());
        return r.exit();
    }

    @Test
    void listedInTheHelp() {
        run("--help");
        assertThat((out.toString() + err.toString()).replaceAll("\\s+", " ")).contains("sandbox A cluster on this machine");
    }

    @Test
    void badArgumentsExitTwoWithTheUsage() {
        assertThat(run("sandbox")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing what to do");
        assertThat(run("sandbox", "fail")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'SERVER'").contains("Usage: orrery sandbox fail");
        assertThat(run("sandbox", "frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command 'frobnicate'");
    }

    @Test
    void actionsOnASandboxThatDoesNotExistSaySoAndExitOne() {
        assertThat(run("sandbox", "status")).isEqualTo(1);
        assertThat(err.toString()).contains("there is no sandbox yet; run `orrery sandbox start`");
        assertThat(run("sandbox", "fail", "app-1")).isEqualTo(1);
    }

    @Test
    void stopWithNothingRunningIsFine() {
        assertThat(run("sandbox", "stop")).isZero();
        assertThat(out.toString()).contains("Stop the sandbox").contains("done");
    }
}
