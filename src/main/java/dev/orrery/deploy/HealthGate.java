package dev.orrery.deploy;

import dev.orrery.model.HealthCheck;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.time.Duration;

/**
 * Lets a restarted server back only after {@code rise} consecutive healthy answers from its health
 * path within a deadline. Healthy means 2xx or 3xx — a 500 is an answer, not health (Meteor Up
 * accepts any answer; Orrery does not). Probes run on the app server itself, so they reach the
 * app even where Orrery cannot reach its private address.
 */
final class HealthGate {
    private final HealthCheck check;
    private final Duration deadline;
    private final Clock clock;

    HealthGate(HealthCheck check, Duration deadline, Clock clock) {
        this.check = check;
        this.deadline = deadline;
        this.clock = clock;
    }

    record Result(boolean passed, int healthyInARow, String lastAnswer, long tookMs) {
    }

    Result await(Host host, ReleaseCommands commands, String address, int port, Progress progress) throws RemoteException, InterruptedException {
        long start = clock.millis();
        long end = start + deadline.toMillis();
        int inARow = 0;
        String last = "no probe yet";
        while (true) {
            ExecResult r = host.exec(commands.probe(address, port, check.path(), check.timeoutMs()), LineListener.IGNORE);
            int code = parse(r);
            boolean healthy = code >= 200 && code < 400;
            last = code > 0 ? "HTTP " + code : "no answer" + (r.ok() ? "" : " (curl exit " + r.exitCode() + ")");
            inARow = healthy ? inARow + 1 : 0;
            progress.log("  " + check.path() + " → " + last + (healthy ? " (" + inARow + "/" + check.rise() + ")" : ""));
            if (inARow >= check.rise()) {
                return new Result(true, inARow, last, clock.millis() - start);
            }
            if (clock.millis() + check.intervalMs() > end) {
                return new Result(false, inARow, last, clock.millis() - start);
            }
            clock.sleep(check.intervalMs());
        }
    }

    private static int parse(ExecResult r) {
        String out = r.output().trim();
        if (out.matches("\\d{3}")) {
            return Integer.parseInt(out);
        }
        return -1;
    }

    /** Time, replaceable in tests. */
    interface Clock {
        long millis();

        void sleep(long ms) throws InterruptedException;

        Clock REAL = new Clock() {
            @Override
            public long millis() {
                return System.nanoTime() / 1_000_000;
            }

            @Override
            public void sleep(long ms) throws InterruptedException {
                Thread.sleep(ms);
            }
        };
    }
}
