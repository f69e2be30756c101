package dev.orrery.deploy;

import dev.orrery.remote.Command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs a {@link Command}'s exact line with /bin/sh on this machine, as a server's shell would. */
final class LocalShell {
    private LocalShell() {
    }

    record Result(int exit, String output) {
    }

    static Result run(Command c) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", c.line()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out.strip());
    }

    static String ok(Command c) throws IOException, InterruptedException {
        Result r = run(c);
        if (r.exit() != 0) {
            throw new AssertionError("`" + c.description() + "` exited " + r.exit() + ": " + r.output());
        }
        return r.output();
    }
}
