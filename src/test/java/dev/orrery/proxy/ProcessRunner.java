package dev.orrery.proxy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a local program for tests: exit code and combined output, with a generous deadline. */
record ProcessRunner(int exitCode, String output) {

    static ProcessRunner run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 120 s");
        }
        return new ProcessRunner(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static ProcessRunner run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }
}
