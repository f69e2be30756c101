package dev.orrery.cli;

import dev.orrery.testing.CliRun;
import dev.orrery.store.OrreryHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OrreryCliTest {

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
    void version() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("orrery ").doesNotContain("${");
    }

    @Test
    void validateAcceptsTheExample() {
        assertThat(run("validate", "assets/examples/crater.json")).isZero();
        assertThat(out.toString()).contains("valid").contains("5 servers");
    }

    @Test
    void validateNamesTheFieldAndExitsOne() throws Exception {
        Path bad = home.resolve("bad.json");
        Files.writeString(bad, Files.readString(Path.of("assets/examples/crater.json"))
                .replace("\"name\" : \"app-2\"", "\"name\" : \"app-2'; reboot; '\""));
        assertThat(run("validate", bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cluster.servers[2].name").contains("quote");
    }

    @Test
    void showPrintsTheServersAsATable() {
        assertThat(run("show", "assets/examples/crater.json")).isZero();
        String[] lines = out.toString().split("\\R");
        assertThat(lines[1]).startsWith("NAME").contains("ROLE").contains("PRIVATE").contains("STATE");
        assertThat(out.toString()).contains("app-3").contains("10.0.1.152").contains("Database");
    }

    @Test
    void unknownCommandAndMissingArgumentsExitTwo() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown command");
        assertThat(run("validate")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'CLUSTER.json'");
    }

    @Test
    void aMissingFileExitsOne() {
        assertThat(run("validate", home.resolve("nope.json").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no such file");
    }
}
