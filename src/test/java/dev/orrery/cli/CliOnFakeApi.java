package dev.orrery.cli;

import dev.orrery.cloud.FakeApiFixture;
import dev.orrery.store.OrreryHome;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real command line against the fake DigitalOcean API, with its own data folder. */
record CliOnFakeApi(FakeApiFixture api, Path home) {

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("DIGITALOCEAN_API_URL", api.server.url("/").toString(), "DIGITALOCEAN_TOKEN", FakeApiFixture.TOKEN);
        int exit;
        try (CliContext ctx = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader("")), new OrreryHome(home), env, CliSeams.REAL)) {
            exit = OrreryCli.run(args, ctx);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
