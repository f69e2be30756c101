package dev.orrery.testing;

import dev.orrery.cli.OrreryCli;
import dev.orrery.store.OrreryHome;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/** Runs the {@code orrery} command line in-process, with its own data folder, and keeps what it printed. */
public record CliRun(int exit, String out, String err) {

    public static CliRun run(OrreryHome home, String... args) {
        return runWithInput(home, "", args);
    }

    public static CliRun runWithInput(OrreryHome home, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OrreryCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new BufferedReader(new StringReader(stdin)), home);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
