package dev.orrery.deploy;

import dev.orrery.model.HealthCheck;
import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.LineListener;
import dev.orrery.remote.RemoteException;
import dev.orrery.task.Progress;

import java.time.Duration;
import java.util.List;

/**
 * Lets a restarted server back only after {@code rise} consecutive healthy answers from its health
 * path within a deadline. Healthy means 2xx or 3xx — a 500 is an answer, not health (Meteor Up
 * accepts any answer; Orrery does not). Probes run on the app server itself, so they reach the
 * app even where Orrery cannot reach its private address.
 *
 * <p>It fails fast: each probe also asks whether the app's process still runs (the service's
 * {@link ServiceManager#liveness()}), and the gate stops at once when the process has exited or
 * was restarted since the gate began — a release that dies at start is not waited on for the
 * whole deadline. Identical probe lines in a row are logged once, then as "HTTP 500 ×37".
 */
final class HealthGate {
    static final String ALIVE = "orrery:alive ";
    static final String DEAD = "orrery:dead";

    private final HealthCheck check;
    private final Duration deadline;
    private final Clock clock;

    HealthGate(HealthCheck check, Duration deadline, Clock clock) {
        this.check = check;
        this.deadline = deadline;
        this.clock = clock;
    }

    /**
     * @param exited the app's process exited (or was restarted) during the gate: {@code lastAnswer} says how
     */
    record Result(boolean passed, int healthyInARow, String lastAnswer, long tookMs, boolean exited) {
        Result(boolean passed, int healthyInARow, String lastAnswer, long tookMs) {
            this(passed, healthyInARow, lastAnswer, tookMs, false);
        }

        /** Why the gate failed, for the deploy's error. */
        String failure(Duration deadline) {
            if (exited) {
                return lastAnswer + " " + tookMs + " ms into its health gate";
            }
            return healthyInARow + " healthy answer(s) in a row within " + deadline.toSeconds() + " s, last: " + lastAnswer;
        }
    }

    Clock clock() {
        return clock;
    }

    /** The same gate timed by {@code other} (the preflights wrap the clock to end a gate early: {@link Preflights}). */
    HealthGate withClock(Clock other) {
        return new HealthGate(check, deadline, other);
    }

    Result await(Host host, ReleaseCommands commands, String address, int port, Progress progress) throws RemoteException, InterruptedException {
        return await(host, commands, address, port, null, progress);
    }

    /** @param liveness the service's (or the preflight's) liveness command, or null to probe only */
    Result await(Host host, ReleaseCommands commands, String address, int port, Command liveness, Progress progress)
            throws RemoteException, InterruptedException {
        long start = clock.millis();
        long end = start + deadline.toMillis();
        int inARow = 0;
        String last = "no probe yet";
        String firstToken = null;
        Repeats lines = new Repeats(progress);
        try {
            while (true) {
                ExecResult r = host.exec(commands.probeAlive(address, port, check.path(), check.timeoutMs(), liveness), LineListener.IGNORE);
                int code = parse(r);
                boolean healthy = code >= 200 && code < 400;
                last = code > 0 ? "HTTP " + code : "no answer" + (r.ok() ? "" : " (curl exit " + r.exitCode() + ")");
                inARow = healthy ? inARow + 1 : 0;
                lines.log("  " + check.path() + " → " + last + (healthy ? " (" + inARow + "/" + check.rise() + ")" : ""));
                if (inARow >= check.rise()) {
                    return new Result(true, inARow, last, clock.millis() - start);
                }
                String token = token(r);
                if (token != null && token.startsWith(DEAD)) {
                    return new Result(false, inARow, exitedWhy(token.substring(DEAD.length()).strip(), last), clock.millis() - start, true);
                }
                if (token != null && firstToken == null) {
                    firstToken = token;
                } else if (token != null && !token.equals(firstToken)) {
                    return new Result(false, inARow, "the app restarted (process " + firstToken.substring(ALIVE.length()) + " exited, now "
                            + token.substring(ALIVE.length()) + "; last probe: " + last + ")", clock.millis() - start, true);
                }
                if (clock.millis() + check.intervalMs() > end) {
                    return new Result(false, inARow, last, clock.millis() - start);
                }
                clock.sleep(check.intervalMs());
            }
        } finally {
            lines.flush();
        }
    }

    private static String exitedWhy(String why, String last) {
        return "the app exited (" + (why.isEmpty() ? "its process is gone" : why) + "; last probe: " + last + ")";
    }

    /** The HTTP code: the first line of the probe's output, three digits; -1 for none. */
    private static int parse(ExecResult r) {
        List<String> out = r.lastLines();
        String first = out.isEmpty() ? "" : out.get(0).strip();
        if (first.matches("\\d{3}")) {
            int code = Integer.parseInt(first);
            return code == 0 ? -1 : code;
        }
        return -1;
    }

    /** The liveness line ("orrery:alive 1234" or "orrery:dead why"), or null when there is none. */
    private static String token(ExecResult r) {
        for (String l : r.lastLines()) {
            String s = l.strip();
            if (s.startsWith(ALIVE) || s.startsWith(DEAD)) {
                return s;
            }
        }
        return null;
    }

    /** Logs a line once and counts its repeats; a different line (or the end) writes "line ×N". */
    static final class Repeats {
        private final Progress progress;
        private String line;
        private int count;

        Repeats(Progress progress) {
            this.progress = progress;
        }

        void log(String next) {
            if (next.equals(line)) {
                count++;
                return;
            }
            flush();
            line = next;
            count = 1;
            progress.log(next);
        }

        void flush() {
            if (line != null && count > 1) {
                progress.log(line + " ×" + count);
            }
            line = null;
            count = 0;
        }
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
