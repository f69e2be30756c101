package dev.orrery.logs;

import dev.orrery.remote.Command;
import dev.orrery.remote.ExecResult;
import dev.orrery.remote.Host;
import dev.orrery.remote.RemoteException;
import dev.orrery.remote.Shell;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Follows the logs of one server over its host until stopped: asks the server its UTC offset (and,
 * for the app, whether systemd runs it), then follows the files in one command or the unit's
 * journal, and when the connection drops tries again (1 s, 2 s … 15 s apart) from the positions
 * reached, so nothing is lost or repeated.
 */
final class ServerFollow {
    /** How far back a first read goes and whether it keeps following. */
    record Options(long backfillBytes, int backLines, long sinceEpochMs, boolean follow) {
        static Options live() {
            return new Options(TailScript.BACKFILL, 200, 0, true);
        }
    }

    /** Where lines and news go; called on this follow's thread. */
    interface Sink {
        /** A line, with the position its source reached with it (stored in the same transaction). */
        void line(LogLine line, String key, String position);

        void status(String key, String state);
    }

    private final String server;
    private final Supplier<Host> host;
    private final List<LogTarget> targets;
    private final Map<String, String> start;
    private final Options options;
    private final Sink sink;
    private final LongSupplier clock;
    private final ScheduledExecutorService scheduler;

    /** @param targets the server's logs: files only, or a single app or journal target */
    ServerFollow(String server, Supplier<Host> host, List<LogTarget> targets, Map<String, String> start, Options options, Sink sink,
                 LongSupplier clock, ScheduledExecutorService scheduler) {
        this.server = server;
        this.host = host;
        this.targets = List.copyOf(targets);
        this.start = start;
        this.options = options;
        this.sink = sink;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    String describe() {
        return server + " " + targets.stream().map(t -> t.source().word()).toList();
    }

    /** Follows until {@code stop} completes (or, without follow, until everything was read once). */
    void run(CompletableFuture<?> stop) {
        long backoff = 1000;
        SourceFollower follower = null;
        ZoneOffset offset = ZoneOffset.UTC;
        while (!stop.isDone()) {
            try {
                Host h = host.get();
                if (follower == null) {
                    status("connecting");
                    Probe probe = probe(h);
                    offset = probe.offset;
                    follower = probe.journal ? journal(h, offset) : files(h, offset);
                }
                status("following " + follower.describe());
                follower.runOnce(stop);
                if (!options.follow()) {
                    status("done");
                    return;
                }
                backoff = 1000; // it ran: the next trouble starts from a short wait again
                if (!stop.isDone()) {
                    follower = rebuild(follower, h, offset);
                }
            } catch (RemoteException | RuntimeException e) {
                if (stop.isDone()) {
                    break;
                }
                if (!options.follow()) {
                    status("failed: " + e.getMessage());
                    return;
                }
                status("reconnecting in " + backoff / 1000 + " s: " + e.getMessage());
                waitOrStop(stop, backoff);
                backoff = Math.min(backoff * 2, 15_000);
                if (follower != null) {
                    follower = rebuild(follower, null, offset);
                }
            }
        }
        status("stopped");
    }

    /** The same follower, on the host's current connection (a pooled host reconnects on its own). */
    private SourceFollower rebuild(SourceFollower was, Host h, ZoneOffset offset) {
        Host now = h != null ? h : host.get();
        if (was instanceof FileFollower f) {
            List<TailPosition> cur = new ArrayList<>();
            List<TailPosition> old = new ArrayList<>();
            for (int k = 0; k < files().size(); k++) {
                cur.add(f.position(k));
                old.add(f.oldPosition(k));
            }
            return fileFollower(now, offset, cur, old);
        }
        JournalFollower j = (JournalFollower) was;
        return journalFollower(now, offset, j.cursor());
    }

    private record Probe(ZoneOffset offset, boolean journal) {
    }

    private Probe probe(Host h) throws RemoteException {
        LogTarget app = targets.size() == 1 ? targets.get(0) : null;
        String decide = app != null && app.unit() != null
                ? app.file() == null ? "; echo journal"
                : "; if [ -d /run/systemd/system ] && systemctl cat " + Shell.quote(app.unit()) + " >/dev/null 2>&1; then echo journal; else echo file; fi"
                : "; echo file";
        List<String> out = new ArrayList<>();
        ExecResult r = h.exec(new Command("date +%z" + decide, "ask " + server + " its time zone and init"), out::add);
        if (!r.ok() || out.size() < 2) {
            throw new RemoteException(h.name(), "cannot ask the server its time zone: " + String.join(" / ", out), null);
        }
        ZoneOffset offset;
        try {
            String z = out.get(0).strip();
            offset = ZoneOffset.of(z.substring(0, 3) + ":" + z.substring(3, 5));
        } catch (RuntimeException e) {
            offset = ZoneOffset.UTC;
        }
        return new Probe(offset, out.get(out.size() - 1).strip().equals("journal"));
    }

    private List<LogTarget> files() {
        return targets.stream().filter(t -> t.file() != null).toList();
    }

    private SourceFollower files(Host h, ZoneOffset offset) {
        List<TailPosition> cur = new ArrayList<>();
        List<TailPosition> old = new ArrayList<>();
        for (LogTarget t : files()) {
            String s = start.get(t.key());
            cur.add(SourcePositions.fileCurrent(s));
            old.add(SourcePositions.fileOld(s));
        }
        return fileFollower(h, offset, cur, old);
    }

    private SourceFollower fileFollower(Host h, ZoneOffset offset, List<TailPosition> cur, List<TailPosition> old) {
        List<LogTarget> files = files();
        LineReader[] readers = files.stream().map(t -> new LineReader(server, t.source(), offset, clock)).toArray(LineReader[]::new);
        boolean[] before = new boolean[files.size()];
        FileFollower.Listener l = new FileFollower.Listener() {
            @Override
            public void line(int file, String text, TailPosition position, TailPosition oldPosition, boolean live) {
                LogLine line = readers[file].read(text, !live);
                if (options.sinceEpochMs() > 0) {
                    // before --since: read past, not shown (its position still counts). A line with
                    // no time of its own goes with the last line before it that had one.
                    if (line.timeFromLine()) {
                        before[file] = line.time() < options.sinceEpochMs();
                    }
                    if (before[file]) {
                        line = null;
                    }
                }
                sink.line(line, files.get(file).key(), SourcePositions.file(position, oldPosition));
            }

            @Override
            public void note(int file, String text) {
                sink.line(new LogLine(0, clock.getAsLong(), false, server, files.get(file).source(), LogLevel.WARN, text, null),
                        files.get(file).key(), null);
            }
        };
        return new FileFollower(h, files.stream().map(LogTarget::file).toList(), cur, Arrays.asList(old.toArray(new TailPosition[0])), l,
                scheduler, options.backfillBytes(), options.follow() ? TailScript.ROUNDS : 1);
    }

    private SourceFollower journal(Host h, ZoneOffset offset) {
        LogTarget t = targets.get(0);
        return journalFollower(h, offset, SourcePositions.journalCursor(start.get(t.key())));
    }

    private SourceFollower journalFollower(Host h, ZoneOffset offset, String cursor) {
        LogTarget t = targets.get(0);
        LineReader reader = new LineReader(server, t.source(), offset, clock);
        return new JournalFollower(h, t.unit(), cursor, options.backLines(), options.sinceEpochMs(), options.follow(),
                e -> sink.line(reader.read(e), t.key(), SourcePositions.journal(e.cursor())));
    }

    private void status(String state) {
        for (LogTarget t : targets) {
            sink.status(t.key(), state);
        }
    }

    private static void waitOrStop(CompletableFuture<?> stop, long ms) {
        try {
            stop.get(ms, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // waited long enough (or stopped with an error: stopped all the same)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
