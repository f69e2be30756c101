package dev.orrery.logs;

import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.RemoteException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows log files on one host through {@link TailScript}: each {@link #runOnce} runs the script
 * from the positions reached so far, so calling it again after a dropped connection or after the
 * script's own end repeats and loses nothing. A run that hears nothing (not even the script's
 * heartbeat) for {@link #SILENCE_MS} is stopped and reported as a lost connection.
 */
public final class FileFollower implements SourceFollower {
    static final long SILENCE_MS = 20_000;

    /** Where each whole line goes, with the file's positions right after it (stored with it). */
    public interface Listener {
        /** @param live false for a line that was already there when this run started (a catch-up) */
        void line(int file, String text, TailPosition position, TailPosition old, boolean live);

        default void note(int file, String text) {
        }
    }

    private final Host host;
    private final List<String> paths;
    private final TailPosition[] positions;
    private final TailPosition[] olds;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private final long backfill;
    private final int rounds;

    /**
     * @param start each file's position to resume from ({@link TailPosition#FRESH}: from near the end)
     * @param oldStart each file's renamed-away file still being read, or null
     * @param scheduler for the silence watchdog (null: none)
     */
    public FileFollower(Host host, List<String> paths, List<TailPosition> start, List<TailPosition> oldStart, Listener listener,
                        ScheduledExecutorService scheduler) {
        this(host, paths, start, oldStart, listener, scheduler, TailScript.BACKFILL, TailScript.ROUNDS);
    }

    /**
     * @param backfill bytes read back from the end of a file never read before
     * @param rounds   polling rounds (about 0.2 s each when idle) before the script ends: 1 reads what is there once
     */
    public FileFollower(Host host, List<String> paths, List<TailPosition> start, List<TailPosition> oldStart, Listener listener,
                        ScheduledExecutorService scheduler, long backfill, int rounds) {
        this.backfill = backfill;
        this.rounds = rounds;
        this.host = host;
        this.paths = List.copyOf(paths);
        this.positions = start.toArray(new TailPosition[0]);
        this.olds = oldStart.toArray(new TailPosition[0]);
        this.listener = listener;
        this.scheduler = scheduler;
    }

    @Override
    public String describe() {
        return String.join(", ", paths);
    }

    /**
     * Runs the script until it ends by itself or {@code stop} completes (returns), or the
     * connection fails (throws; positions are kept, call again to resume).
     */
    @Override
    public void runOnce(CompletableFuture<?> stop) throws RemoteException {
        String nonce = TailScript.nonce();
        List<TailScript.File> files = new ArrayList<>();
        for (int k = 0; k < paths.size(); k++) {
            files.add(new TailScript.File(paths.get(k), positions[k], olds[k]));
        }
        FileTail[] self = new FileTail[1];
        FileTail tail = new FileTail(nonce, List.of(positions), java.util.Arrays.asList(olds), new FileTail.Sink() {
            @Override
            public void line(int file, String text) {
                // the positions right after this line: what the store records with it
                listener.line(file, text, self[0].position(file), self[0].oldPosition(file), self[0].live());
            }

            @Override
            public void note(int file, String text) {
                listener.note(file, text);
            }
        });
        self[0] = tail;
        CompletableFuture<Void> thisRun = new CompletableFuture<>();
        stop.whenComplete((v, e) -> thisRun.complete(null));
        AtomicLong heard = new AtomicLong(System.nanoTime());
        ScheduledFuture<?> watchdog = scheduler == null ? null : scheduler.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - heard.get() > TimeUnit.MILLISECONDS.toNanos(SILENCE_MS)) {
                thisRun.complete(null);
            }
        }, SILENCE_MS / 4, SILENCE_MS / 4, TimeUnit.MILLISECONDS);
        ExecResult result;
        try {
            result = host.follow(TailScript.command(nonce, files, backfill, TailScript.MAX_GAP, rounds), line -> {
                heard.set(System.nanoTime());
                tail.accept(line);
            }, thisRun);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            for (int k = 0; k < paths.size(); k++) {
                positions[k] = tail.position(k);
                olds[k] = tail.oldPosition(k);
            }
        }
        if (result.exitCode() == ExecResult.STOPPED) {
            if (stop.isDone()) {
                return;
            }
            throw new RemoteException(host.name(), "no answer from the log follower for " + SILENCE_MS / 1000 + " s; reconnecting", null);
        }
        if (!tail.done()) {
            List<String> said = tail.stray().isEmpty() ? result.lastLines() : tail.stray();
            throw new RemoteException(host.name(), "following " + describe() + " ended (exit " + result.exitCode() + ")"
                    + (said.isEmpty() ? "" : ": " + String.join(" / ", said)), null);
        }
    }

    public TailPosition position(int k) {
        return positions[k];
    }

    public TailPosition oldPosition(int k) {
        return olds[k];
    }
}
