package dev.orrery.deploy;

import dev.orrery.remote.LineListener;
import dev.orrery.task.CancelledException;
import dev.orrery.task.Progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Every server's preflight ({@link ReleaseCommands#preflightStart}: the new release on a spare
 * port, no traffic, health-probed) run in phase one, as soon as that server's release is installed
 * and in parallel across servers, instead of one after another inside each server's switch. The
 * switch then uses the result ({@link #passed}) and does not run it again.
 *
 * <p>Guarantees kept from the one-by-one preflight:
 * <ul>
 *   <li>If any preflight fails, {@link #awaitAll} throws before anything is switched: the cluster
 *       keeps serving the old release everywhere, and the error names the server and carries its
 *       preflight log tail.</li>
 *   <li>Every preflight process is stopped on every path: each task stops its own in a
 *       {@code finally} as soon as its gate ends (passed or not), and {@link #close} (always called by
 *       the rollout) aborts the gates still probing and waits for every task, so none is left
 *       running when the deploy ends, fails or is cancelled.</li>
 * </ul>
 *
 * <p>Memory: while a preflight runs, its server holds the live app and the new release at once, as
 * the one-by-one preflight did, only longer: every server does so at the same moment, during the
 * rest of phase one (each on its own machine, so a server's peak is still live app + one
 * preflight), the source server of a fan-out may still be serving the release file (a small python
 * process) meanwhile, and a passed preflight's graceful stop (SIGTERM, SIGKILL after 5 s) is not
 * waited for before the switches begin — so the canary may briefly hold three copies of the app
 * (the old one stopping, the new one starting, the preflight exiting). A server sized so that two
 * copies of the app do not fit should run with preflights off
 * ({@code RolloutOptions.withPreflight(false)}), as before.
 */
final class Preflights implements AutoCloseable {
    private final HealthGate gate;
    private final RolloutOptions options;
    private final int appPort;
    private final Executor executor;
    private final String id;
    private final Progress progress;
    /** Per server: its outcome, known as soon as its gate ends (the stop may still be under way). */
    private final Map<String, CompletableFuture<Outcome>> outcomes = new LinkedHashMap<>();
    /** Per server: the whole task, done once its preflight process is stopped. */
    private final Map<String, CompletableFuture<Void>> running = new LinkedHashMap<>();
    private volatile boolean aborted;

    /** One server's preflight: passed, or why not with its log tail. */
    record Outcome(boolean passed, String failure, List<String> logTail) {
    }

    /**
     * @param gate the health gate the preflights use; its clock is wrapped so that {@link #close}
     *             and a cancelled deploy end a gate that is still probing
     */
    Preflights(HealthGate gate, RolloutOptions options, int appPort, Executor executor, String id, Progress progress) {
        this.gate = gate.withClock(abortable(gate.clock()));
        this.options = options;
        this.appPort = appPort;
        this.executor = executor;
        this.id = id;
        this.progress = progress;
    }

    /**
     * Starts {@code t}'s preflight in the background (its release must be installed). Does nothing
     * when preflights are off, or when the server already runs the release (it will not be switched).
     */
    synchronized void start(ServerTarget t) {
        if (!options.preflight() || id.equals(t.previous) || running.containsKey(t.name()) || aborted) {
            return;
        }
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        outcomes.put(t.name(), outcome);
        running.put(t.name(), CompletableFuture.runAsync(() -> run(t, outcome), executor).whenComplete((v, e) -> {
            if (e != null) {
                outcome.completeExceptionally(e instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : e);
            }
        }));
    }

    /** True when {@code t}'s preflight ran in phase one and passed: its switch need not run it again. */
    synchronized boolean passed(ServerTarget t) {
        CompletableFuture<Outcome> f = outcomes.get(t.name());
        return f != null && f.isDone() && !f.isCompletedExceptionally() && f.join().passed();
    }

    /** How many preflights were started. */
    synchronized int started() {
        return outcomes.size();
    }

    /**
     * Waits for every started preflight's outcome (not for its process to finish stopping: a passed
     * preflight's graceful stop goes on meanwhile, and {@link #close} waits for it). Throws for the first failure in {@code order} (naming the
     * server, with its preflight log tail; the others' failures are named in the message), or
     * {@link CancelledException} when the deploy was cancelled meanwhile.
     */
    void awaitAll(List<ServerTarget> order) throws DeployFailedException, InterruptedException {
        Map<String, Outcome> outcomes = new java.util.TreeMap<>(java.util.Comparator.comparingInt(
                (String name) -> order.stream().map(ServerTarget::name).toList().indexOf(name)).thenComparing(name -> name));
        for (var e : snapshot(this.outcomes).entrySet()) {
            try {
                outcomes.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException x) {
                if (x.getCause() instanceof CancelledException c) {
                    throw c;
                }
                outcomes.put(e.getKey(), new Outcome(false, ServerSwitch.reason(x.getCause()), List.of()));
            }
        }
        List<String> failed = new ArrayList<>();
        outcomes.forEach((name, o) -> {
            if (!o.passed()) {
                failed.add(name);
            }
        });
        if (failed.isEmpty()) {
            return;
        }
        String first = failed.get(0);
        Outcome o = outcomes.get(first);
        String others = failed.size() > 1 ? " (the preflight also failed on " + String.join(", ", failed.subList(1, failed.size())) + ")" : "";
        throw new DeployFailedException(first, RolloutStep.PREFLIGHT, o.failure() + others
                + ". Nothing was switched: every app server still serves the release it ran before", o.logTail(), null);
    }

    private synchronized <T> Map<String, CompletableFuture<T>> snapshot(Map<String, CompletableFuture<T>> of) {
        return new LinkedHashMap<>(of);
    }

    private void run(ServerTarget t, CompletableFuture<Outcome> outcome) {
        if (aborted || progress.cancelled()) {
            throw new CancelledException();
        }
        progress.serverStep(t.name(), RolloutStep.PREFLIGHT.label(), RolloutStep.PREFLIGHT.mayBeDown());
        try {
            once(t, id, gate, options, appPort, progress, outcome);
        } catch (CancelledException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            outcome.complete(new Outcome(false, ServerSwitch.reason(e), logTail(t)));
        }
    }

    private List<String> logTail(ServerTarget t) {
        try {
            return t.host.exec(t.commands.preflightLog(options.logLines()), LineListener.IGNORE).lastLines();
        } catch (Exception e) {
            return List.of("(could not read the preflight log: " + ServerSwitch.reason(e) + ")");
        }
    }

    /**
     * One preflight on {@code t}: start {@code targetId} on the spare port, gate it, and stop it
     * whatever happened. Throws saying why when it did not get healthy.
     */
    static void once(ServerTarget t, String targetId, HealthGate gate, RolloutOptions options, int appPort, Progress progress) throws Exception {
        once(t, targetId, gate, options, appPort, progress, null);
    }

    /** @param passed completed as soon as the gate passed, before the preflight is stopped (null: none) */
    private static void once(ServerTarget t, String targetId, HealthGate gate, RolloutOptions options, int appPort, Progress progress,
                             CompletableFuture<Outcome> passed) throws Exception {
        int spare = ServerSwitch.sparePort(appPort);
        LineListener log = line -> progress.log(t.name() + ": " + line);
        try {
            t.host.run(t.commands.preflightStart(targetId, spare), log);
            HealthGate.Result r = gate.await(t.host, t.commands, t.server.internalAddress(), spare, t.commands.preflightLiveness(), progress);
            if (!r.passed()) {
                throw new ServerSwitch.GateFailedException(targetId + " on spare port " + spare + ": " + r.failure(options.healthDeadline())
                        + "; it never got traffic");
            }
            progress.log(t.name() + ": " + targetId + " healthy on spare port " + spare + " after " + r.tookMs() + " ms");
            if (passed != null) {
                passed.complete(new Outcome(true, null, List.of()));
            }
        } finally {
            // SIGTERM, as the live app gets (the release may be doing start-up work), SIGKILL after 5 s
            t.host.exec(t.commands.preflightStop(), log);
        }
    }

    /** Sleeps that end the gate (by {@link CancelledException}) once this is closed or the deploy cancelled. */
    private HealthGate.Clock abortable(HealthGate.Clock base) {
        return new HealthGate.Clock() {
            @Override
            public long millis() {
                return base.millis();
            }

            @Override
            public void sleep(long ms) throws InterruptedException {
                if (aborted || progress.cancelled()) {
                    throw new CancelledException();
                }
                base.sleep(ms);
            }
        };
    }

    /** Aborts the gates still probing and waits until every preflight task has stopped its process. */
    @Override
    public void close() {
        aborted = true;
        for (CompletableFuture<Void> f : snapshot(running).values()) {
            try {
                f.join(); // not interruptible on purpose: returning earlier could leave a preflight running
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                // already reported (or a cancel): the task's finally stopped its preflight
            }
        }
    }
}
